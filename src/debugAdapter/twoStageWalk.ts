import { PTE_A, PTE_D, PTE_R, PTE_V, PTE_W, PTE_X } from '../engine/mmu/sv32';
import type { GTranslation, PteRead, TwoStageWalk } from '../engine/mmu/twoStageWalk';
import { leafPermissions, pteFlags } from './sv32Walk';

export { walkGStage, walkTwoStage } from '../engine/mmu/twoStageWalk';
export type { GTranslation, PteRead, ReadWord, Stage, TwoStageWalk, WalkFault } from '../engine/mmu/twoStageWalk';

/**
 * The two-stage walk (engine/mmu/twoStageWalk.ts) as the debugger's console prints it: the
 * roots, one numbered line per memory reference, and the result or the failing step.
 */

const hex = (v: number, d = 8): string => '0x' + v.toString(16).padStart(d, '0');

export function describeVsatp(vsatp: number): string {
  return (vsatp >>> 31) ? `vsatp ${hex(vsatp >>> 0)}: Sv32, ASID ${(vsatp >>> 22) & 0x1ff}, root table at GPA ${hex((vsatp & 0x3fffff) * 4096)}`
    : `vsatp ${hex(vsatp >>> 0)}: Bare (GVA = GPA)`;
}

export function describeHgatp(hgatp: number): string {
  return (hgatp >>> 31) ? `hgatp ${hex(hgatp >>> 0)}: Sv32x4, VMID ${(hgatp >>> 22) & 0x7f}, 16 KiB root table at HPA ${hex((hgatp & 0x3ffffc) * 4096)}`
    : `hgatp ${hex(hgatp >>> 0)}: Bare (GPA = HPA)`;
}

/** What a G-stage leaf allows (every guest access is a U-mode access to it). */
function gPermissions(pte: number): string {
  const f = (bit: number, c: string): string => (pte & bit ? c : '-');
  const notes: string[] = [];
  if (!(pte & PTE_A)) notes.push('A=0: first access sets it');
  if ((pte & PTE_W) && !(pte & PTE_D)) notes.push('D=0: first store sets it');
  return `guest ${f(PTE_R, 'R')}${f(PTE_W, 'W')}${f(PTE_X, 'X')}${notes.length ? `  (${notes.join('; ')})` : ''}`;
}

function readLine(r: PteRead, translations: Map<number, GTranslation>): string[] {
  const where = r.stage === 'VS' ? `GPA ${hex(r.pteAddress)} (HPA ${hex(r.hpa)})` : `HPA ${hex(r.hpa)}`;
  const head = `${String(r.n).padStart(2)}. ${r.stage.padEnd(2)} level ${r.level}  PTE at ${where}`;
  if (r.pte === undefined) return [`${head} = ????????  not memory`];
  const next = r.stage === 'VS' ? 'GPA' : 'HPA';
  const what = r.leaf ? `leaf (${r.level === 1 ? '4 MiB superpage' : '4 KiB page'}), PPN 0x${(r.pte >>> 10).toString(16)}`
    : (r.pte & PTE_V) ? `next table at ${next} ${hex((r.pte >>> 10) * 4096)}` : 'invalid';
  const out = [`${head} = ${hex(r.pte)}  ${pteFlags(r.pte)}  ${what}`];
  const t = translations.get(r.n);
  if (t) out.push(`      G stage: GPA ${hex(t.gpa)} (${t.what}) -> HPA ${hex(t.hpa)}`);
  return out;
}

/**
 * The walk as the console prints it: the two roots, one numbered line per memory reference (a G
 * stage that completes adds the GPA -> HPA it produced), then the result or the failing step.
 */
export function formatTwoStageWalk(w: TwoStageWalk, vsstatus: { sum: boolean; mxr: boolean }): string {
  const lines: string[] = [];
  if (w.gva !== undefined) {
    lines.push(`GVA ${hex(w.gva)}  VPN[1]=0x${(w.gva >>> 22).toString(16)} VPN[0]=0x${((w.gva >>> 12) & 0x3ff).toString(16)} offset=0x${(w.gva & 0xfff).toString(16)}`);
    lines.push(describeVsatp(w.vsatp));
  } else if (w.gpa !== undefined) {
    lines.push(`GPA ${hex(w.gpa)}  VPN[1]=0x${Math.floor(w.gpa / 2 ** 22).toString(16)} VPN[0]=0x${(Math.floor(w.gpa / 4096) % 1024).toString(16)} offset=0x${(w.gpa % 4096).toString(16)}`);
  }
  lines.push(describeHgatp(w.hgatp));
  // Each G-stage translation is shown under the reference that completed it.
  const byRead = new Map<number, GTranslation>();
  for (const t of w.translations) if (t.step !== undefined) byRead.set(t.step, t);
  for (const r of w.reads) lines.push(...readLine(r, byRead));
  if (w.fault) {
    lines.push(`walk fails at ${w.fault.step ? `step ${w.fault.step}` : 'the start'} (${w.fault.stage} stage): ${w.fault.message}`);
    if (w.fault.kind === 'guest-page' && w.fault.gpa !== undefined) lines.push(`a guest access would take a guest-page fault with htval = 0x${Math.floor(w.fault.gpa / 4).toString(16)} (GPA >> 2)`);
    return lines.join('\n') + '\n';
  }
  const vsRefs = w.reads.filter((r) => r.stage === 'VS').length;
  if (w.gva !== undefined) lines.push(`GVA ${hex(w.gva)} -> GPA ${hex(w.gpa!)}${w.vsSuperpage ? ' (VS 4 MiB superpage)' : ''} -> HPA ${hex(w.hpa!)}`);
  else lines.push(`GPA ${hex(w.gpa!)} -> HPA ${hex(w.hpa!)}`);
  lines.push(`${w.reads.length} memory reference${w.reads.length === 1 ? '' : 's'} (VS stage ${vsRefs}, G stage ${w.reads.length - vsRefs})`);
  if (w.vsLeaf !== undefined) lines.push(`VS leaf: ${leafPermissions(w.vsLeaf, vsstatus.sum, vsstatus.mxr).replace(/S-mode/, 'VS-mode').replace(/U-mode/, 'VU-mode')}`);
  const data = w.translations[w.translations.length - 1];
  if (data?.leaf !== undefined) lines.push(`G leaf: ${gPermissions(data.leaf)}`);
  return lines.join('\n') + '\n';
}
