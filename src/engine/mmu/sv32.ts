import type { Bus } from '../machine/bus';
import { Access, Pmp } from './pmp';

/** PTE bits. */
export const PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_G = 32, PTE_A = 64, PTE_D = 128;

/** Outcome of a translation attempt (besides a physical address). */
export const enum WalkFault { None = 0, Page = 1, Access = 2 }

const L2_SIZE = 1024;

/**
 * Sv32 translation with an ASID-tagged second-level TLB. Leaf checks and A/D updates follow
 * QEMU 7.2: A is set on any access and D on stores, written back to the PTE in memory; a cached
 * leaf whose D bit is clear never grants a store, so the first store walks again to set it.
 */
export class Sv32Mmu {
  private readonly vpn = new Int32Array(L2_SIZE).fill(-1);
  private readonly asid = new Int32Array(L2_SIZE);
  /** Leaf PTE flags (low 8 bits) as last written to memory. */
  private readonly flags = new Int32Array(L2_SIZE);
  /** Physical page number of this 4 KiB virtual page (superpages are split). */
  private readonly ppn = new Int32Array(L2_SIZE);
  /** Physical address of the leaf PTE (for A/D updates on a cached entry). */
  private readonly pteAddr = new Float64Array(L2_SIZE);
  /** 1 when the entry is a piece of a 4 MiB superpage (sfence.vma by address must drop every piece). */
  private readonly superpage = new Uint8Array(L2_SIZE);
  fault: WalkFault = WalkFault.None;
  /** Memory references made by the last walk (for statistics and the walk view). */
  lastWalkRefs = 0;
  /** Walks since reset (TLB misses) and their memory references in all: `hyperstep compare` reports them. */
  walks = 0;
  walkRefs = 0;

  constructor(private readonly bus: Bus, private readonly pmp: Pmp) {}

  /**
   * Translates `va` under `satp` for an access by effective privilege `priv` (0 = U, 1 = S).
   * Returns the physical address, or -1 with `fault` set.
   */
  translate(va: number, access: Access, priv: number, satp: number, sum: boolean, mxr: boolean): number {
    this.fault = WalkFault.None;
    const vpn = va >>> 12, asid = (satp >>> 22) & 0x1ff, slot = vpn & (L2_SIZE - 1);
    if (this.vpn[slot] === vpn && (this.asid[slot] === asid || (this.flags[slot] & PTE_G))) {
      const f = this.flags[slot];
      if (leafAllows(f, access, priv, sum, mxr) && (access !== Access.Write || (f & PTE_D))) {
        return ((this.ppn[slot] * 4096) + (va & 0xfff));
      }
    }
    return this.walk(va, access, priv, satp, sum, mxr, slot, asid);
  }

  private walk(va: number, access: Access, priv: number, satp: number, sum: boolean, mxr: boolean, slot: number, asid: number): number {
    let base = (satp & 0x3fffff) * 4096;
    this.lastWalkRefs = 0;
    this.walks++;
    for (let level = 1; level >= 0; level--) {
      const idx = level === 1 ? va >>> 22 : (va >>> 12) & 0x3ff;
      const pteAddr = base + idx * 4;
      this.lastWalkRefs++;
      this.walkRefs++;
      // Page-table reads are checked by PMP as S-mode reads (QEMU): a failure is an access fault.
      if (!this.pmp.allows(pteAddr, 4, Access.Read, 1)) { this.fault = WalkFault.Access; return -1; }
      const pte = pteAddr < 2 ** 32 ? this.bus.read(pteAddr, 4) : 0;
      if (pteAddr >= 2 ** 32 || this.bus.fault) { this.fault = WalkFault.Page; return -1; }
      if (!(pte & PTE_V) || (pte & (PTE_R | PTE_W)) === PTE_W) { this.fault = WalkFault.Page; return -1; }
      const ppn = pte >>> 10;
      if (!(pte & (PTE_R | PTE_W | PTE_X))) {
        // A, D and U are reserved in non-leaf PTEs; QEMU 7.2 faults on them.
        if (pte & (PTE_A | PTE_D | PTE_U)) { this.fault = WalkFault.Page; return -1; }
        base = ppn * 4096;
        continue;
      }
      // A misaligned superpage is a page fault.
      if (level === 1 && (ppn & 0x3ff) !== 0) { this.fault = WalkFault.Page; return -1; }
      if (!leafAllows(pte, access, priv, sum, mxr)) { this.fault = WalkFault.Page; return -1; }
      const updated = pte | PTE_A | (access === Access.Write ? PTE_D : 0);
      if (updated !== pte) {
        if (!this.pmp.allows(pteAddr, 4, Access.Write, 1)) { this.fault = WalkFault.Access; return -1; }
        this.bus.write(pteAddr, 4, updated);
        if (this.bus.fault) { this.fault = WalkFault.Page; return -1; }
      }
      const pagePpn = level === 1 ? (ppn | ((va >>> 12) & 0x3ff)) : ppn;
      this.vpn[slot] = va >>> 12; this.asid[slot] = asid; this.flags[slot] = updated & 0xff;
      this.ppn[slot] = pagePpn; this.pteAddr[slot] = pteAddr; this.superpage[slot] = level;
      return pagePpn * 4096 + (va & 0xfff);
    }
    this.fault = WalkFault.Page; // non-leaf PTE at level 0
    return -1;
  }

  /**
   * The debugger's view: the physical address `va` maps to under `satp`, ignoring permissions,
   * with no A/D updates and no TLB fill. -1 when unmapped.
   */
  peek(va: number, satp: number): number {
    let base = (satp & 0x3fffff) * 4096;
    for (let level = 1; level >= 0; level--) {
      const pteAddr = base + (level === 1 ? va >>> 22 : (va >>> 12) & 0x3ff) * 4;
      if (pteAddr >= 2 ** 32) return -1;
      const pte = this.bus.read(pteAddr, 4);
      if (this.bus.fault || !(pte & PTE_V)) return -1;
      const ppn = pte >>> 10;
      if (!(pte & (PTE_R | PTE_W | PTE_X))) { base = ppn * 4096; continue; }
      return (level === 1 ? (ppn & ~0x3ff) * 4096 + (va & 0x3fffff) : ppn * 4096 + (va & 0xfff));
    }
    return -1;
  }

  /** The debugger's read-only view of the TLB: the valid entries (4 KiB pages; superpages appear split). */
  entries(): { vpn: number; asid: number; ppn: number; flags: number; global: boolean }[] {
    const out = [];
    for (let i = 0; i < L2_SIZE; i++) {
      if (this.vpn[i] === -1) continue;
      out.push({ vpn: this.vpn[i] >>> 0, asid: this.asid[i], ppn: this.ppn[i] >>> 0, flags: this.flags[i], global: (this.flags[i] & PTE_G) !== 0 });
    }
    return out;
  }

  /** sfence.vma semantics: `va`/`asid` undefined mean "all". Global entries survive an ASID flush. */
  flush(va: number | undefined, asid: number | undefined): void {
    for (let i = 0; i < L2_SIZE; i++) {
      if (this.vpn[i] === -1) continue;
      if (va !== undefined && this.vpn[i] !== (va >>> 12) && !(this.superpage[i] && (this.vpn[i] >>> 10) === (va >>> 22))) continue;
      if (asid !== undefined && (this.asid[i] !== asid || (this.flags[i] & PTE_G))) continue;
      this.vpn[i] = -1;
    }
  }
}

/** Sv32 leaf permissions for S (1) and U (0), as the privileged spec states them: the walk's, cached entries' and the VMM's software walk's. */
export function leafAllows(pte: number, access: Access, priv: number, sum: boolean, mxr: boolean): boolean {
  if ((pte & (PTE_W | PTE_X | PTE_R)) === (PTE_W | PTE_X)) return false;
  if (pte & PTE_U) { if (priv !== 0 && (!sum || access === Access.Exec)) return false; }
  else if (priv !== 1) return false;
  if (access === Access.Read) return (pte & PTE_R) !== 0 || (mxr && (pte & PTE_X) !== 0);
  if (access === Access.Exec) return (pte & PTE_X) !== 0;
  return (pte & PTE_W) !== 0;
}
