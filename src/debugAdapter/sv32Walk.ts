import type { Machine } from '../engine/machine/machine';
import { PTE_A, PTE_D, PTE_G, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../engine/mmu/sv32';

/**
 * The Sv32 page-table walk as a debugger shows it: each level's PTE address and value, then the
 * physical address or the fault, and what the leaf permits. Reads physical memory without side
 * effects (no A/D updates, no TLB fill), so it can be asked at any time.
 */

export interface WalkLevel { level: number; pteAddress: number; pte: number | undefined; leaf: boolean }

export interface Walk {
  va: number;
  satp: number;
  bare: boolean;
  levels: WalkLevel[];
  pa?: number;
  fault?: string;
  /** The leaf PTE, when the walk found one. */
  leaf?: number;
  superpage?: boolean;
}

export function pteFlags(pte: number): string {
  const f = (bit: number, c: string): string => (pte & bit ? c : '-');
  return f(PTE_D, 'D') + f(PTE_A, 'A') + f(PTE_G, 'G') + f(PTE_U, 'U') + f(PTE_X, 'X') + f(PTE_W, 'W') + f(PTE_R, 'R') + f(PTE_V, 'V');
}

function readWord(m: Machine, pa: number): number | undefined {
  if (pa < 0 || pa >= 2 ** 32) return undefined;
  const b = m.readMemory(pa, 4);
  return b.length === 4 ? (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0 : undefined;
}

export function walkSv32(m: Machine, satp: number, vaIn: number): Walk {
  return walkSv32Words((pa) => readWord(m, pa), satp, vaIn);
}

/** The same walk over any word reader (`read` a PTE by its table's address space; undefined: not memory). */
export function walkSv32Words(read: (pa: number) => number | undefined, satp: number, vaIn: number): Walk {
  const va = vaIn >>> 0;
  const w: Walk = { va, satp: satp >>> 0, bare: (satp >>> 31) === 0, levels: [] };
  if (w.bare) { w.pa = va; return w; }
  let base = (satp & 0x3fffff) * 4096;
  for (let level = 1; level >= 0; level--) {
    const idx = level === 1 ? va >>> 22 : (va >>> 12) & 0x3ff;
    const pteAddress = base + idx * 4;
    const pte = read(pteAddress);
    const leaf = pte !== undefined && (pte & (PTE_R | PTE_W | PTE_X)) !== 0;
    w.levels.push({ level, pteAddress, pte, leaf });
    if (pte === undefined) { w.fault = `access fault: the level-${level} PTE at 0x${pteAddress.toString(16)} is not in memory`; return w; }
    if (!(pte & PTE_V)) { w.fault = `page fault: level-${level} PTE is not valid (V=0)`; return w; }
    if ((pte & (PTE_R | PTE_W)) === PTE_W) { w.fault = `page fault: level-${level} PTE has W without R (reserved)`; return w; }
    const ppn = pte >>> 10;
    if (!leaf) {
      if (level === 0) { w.fault = 'page fault: level-0 PTE is not a leaf'; return w; }
      base = ppn * 4096;
      continue;
    }
    if (level === 1 && (ppn & 0x3ff) !== 0) { w.fault = 'page fault: misaligned superpage (PPN[0] is not zero)'; w.leaf = pte; return w; }
    w.leaf = pte;
    w.superpage = level === 1;
    w.pa = level === 1 ? ((ppn >>> 10) * 0x400000 + (va & 0x3fffff)) : ppn * 4096 + (va & 0xfff);
    return w;
  }
  return w;
}

/** What the leaf allows for U and S, as `S: R W X  U: -`. */
export function leafPermissions(pte: number, sum: boolean, mxr: boolean): string {
  const r = (pte & PTE_R) !== 0 || (mxr && (pte & PTE_X) !== 0), wr = (pte & PTE_W) !== 0, x = (pte & PTE_X) !== 0;
  const perms = (ok: boolean, exec: boolean): string => (ok ? `${r ? 'R' : '-'}${wr ? 'W' : '-'}${exec && x ? 'X' : '-'}` : '---');
  const user = (pte & PTE_U) !== 0;
  const s = user ? perms(sum, false) : perms(true, true);
  const u = user ? perms(true, true) : '---';
  const notes: string[] = [];
  if (!(pte & PTE_A)) notes.push('A=0: first access sets it');
  if ((pte & PTE_W) && !(pte & PTE_D)) notes.push('D=0: first store sets it');
  return `S-mode ${s}  U-mode ${u}${notes.length ? `  (${notes.join('; ')})` : ''}`;
}

const hex = (v: number, d = 8): string => '0x' + (v >>> 0).toString(16).padStart(d, '0');

export function formatWalk(w: Walk, sum: boolean, mxr: boolean): string {
  if (w.bare) return `satp ${hex(w.satp)}: Bare mode, no translation: VA ${hex(w.va)} = PA ${hex(w.va)}\n`;
  const lines = [
    `VA ${hex(w.va)}  VPN[1]=0x${(w.va >>> 22).toString(16)} VPN[0]=0x${((w.va >>> 12) & 0x3ff).toString(16)} offset=0x${(w.va & 0xfff).toString(16)}`,
    `satp ${hex(w.satp)}: Sv32, ASID ${(w.satp >>> 22) & 0x1ff}, root table at ${hex((w.satp & 0x3fffff) * 4096)}`,
  ];
  for (const l of w.levels) {
    const v = l.pte === undefined ? '????????' : hex(l.pte);
    const what = l.pte === undefined ? '' : l.leaf ? ` ${pteFlags(l.pte)} leaf, PPN 0x${(l.pte >>> 10).toString(16)}` :
      (l.pte & PTE_V) ? ` ${pteFlags(l.pte)} -> next table at ${hex((l.pte >>> 10) * 4096)}` : ` ${pteFlags(l.pte)}`;
    lines.push(`  level ${l.level}: PTE at ${hex(l.pteAddress)} = ${v}${what}`);
  }
  if (w.pa !== undefined) {
    lines.push(`PA ${hex(w.pa)}${w.superpage ? ' (4 MiB superpage)' : ''}`);
    if (w.leaf !== undefined) lines.push(`permissions: ${leafPermissions(w.leaf, sum, mxr)}`);
  } else lines.push(w.fault ?? 'no translation');
  return lines.join('\n') + '\n';
}
