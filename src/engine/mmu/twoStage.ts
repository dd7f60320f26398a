import type { Bus } from '../machine/bus';
import { Access, Pmp } from './pmp';
import { PTE_A, PTE_D, PTE_G, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from './sv32';

/** What went wrong in the last two-stage translation. */
export const enum TwoStageFault {
  None = 0,
  /** VS-stage page fault (causes 12/13/15, taken by the guest normally). */
  Page = 1,
  /** G-stage fault (guest-page fault, causes 20/21/23). */
  GuestPage = 2,
  /** PMP or bus error on a page-table access (access fault). */
  Access = 3,
}

/** htinst pseudo-instructions for faults on implicit VS-stage page-table accesses (priv spec 18.6.3). */
export const HTINST_PTE_READ = 0x00002000, HTINST_PTE_WRITE = 0x00002020;

const CACHE = 512;

/**
 * Two-stage translation for V=1 accesses (and HLV/HSV): the VS stage is Sv32 under vsatp, the G
 * stage Sv32x4 under hgatp (34-bit guest-physical addresses, 16 KiB root, leaves must have U and
 * are checked as U-mode). Every VS-stage page-table access is itself translated by the G stage.
 * A/D bits of both stages are updated in memory as QEMU 7.2 does. Translations are cached by
 * (guest page, ASID, VMID) and G-stage walks by (guest-physical page, VMID), so switching V or
 * VMs needs no flush; hfence.vvma/gvma flush by address, ASID and VMID.
 */
export class TwoStageMmu {
  fault: TwoStageFault = TwoStageFault.None;
  /** For guest-page faults: the guest-physical address that faulted (htval = gpa >> 2). */
  faultGpa = 0;
  /** For guest-page faults: whether it happened on an implicit VS-stage page-table access. */
  faultImplicitWrite = false;
  faultImplicit = false;
  /** Memory references of the last full walk (the 2-D walk costs up to 8 + the data). */
  lastWalkRefs = 0;
  /** Full walks since reset (combined-TLB misses) and the memory references of all walks. */
  walks = 0;
  walkRefs = 0;

  // Combined GVA -> HPA cache.
  private readonly vKey = new Int32Array(CACHE).fill(-1);
  private readonly vAsid = new Int32Array(CACHE);
  private readonly vVmid = new Int32Array(CACHE);
  private readonly vFlags = new Int32Array(CACHE);
  private readonly gLeafFlags = new Int32Array(CACHE);
  private readonly vHppn = new Int32Array(CACHE);
  private readonly vBare = new Uint8Array(CACHE);
  /** The entry is a 4 KiB piece of a VS-stage superpage (an address fence anywhere in it drops it). */
  private readonly vSuper = new Uint8Array(CACHE);
  // G-stage GPA -> HPA cache (guest-physical page numbers are up to 22 bits).
  private readonly gKey = new Int32Array(CACHE).fill(-1);
  private readonly gVmid = new Int32Array(CACHE);
  private readonly gFlags = new Int32Array(CACHE);
  private readonly gHppn = new Int32Array(CACHE);
  private readonly gSuper = new Uint8Array(CACHE);

  constructor(private readonly bus: Bus, private readonly pmp: Pmp) {}

  /**
   * With false (QEMU 7.2), an A/D update of a VS-stage PTE is written through the G-stage
   * translation of its read, without the G-stage write check (no 0x2020 guest-page fault).
   */
  gStageChecksPteWrites = true;

  /**
   * Translates guest-virtual `gva` for an access by VS (priv 1) or VU (0). The caller resolves
   * which status bits apply: `vsSum` (vsstatus.SUM), `vsMxr` for the VS stage (by the spec
   * vsstatus.MXR or mstatus.MXR) and `gMxr` for the G stage (by the spec mstatus.MXR alone).
   * `hlvx` reads need X instead of R in both stages. Returns the host-physical address or -1
   * with `fault` set.
   */
  translate(gva: number, access: Access, priv: number, vsatp: number, hgatp: number,
    vsSum: boolean, vsMxr: boolean, gMxr: boolean, hlvx = false): number {
    this.fault = TwoStageFault.None;
    this.faultImplicit = false;
    this.faultImplicitWrite = false;
    const gvpn = gva >>> 12, slot = gvpn & (CACHE - 1), vmid = (hgatp >>> 22) & 0x7f, asid = (vsatp >>> 22) & 0x1ff;
    const bare = (vsatp >>> 31) === 0 ? 1 : 0;
    if (this.vKey[slot] === gvpn && this.vVmid[slot] === vmid && this.vBare[slot] === bare &&
        (bare || this.vAsid[slot] === asid || (this.vFlags[slot] & PTE_G))) {
      const vf = this.vFlags[slot], gf = this.gLeafFlags[slot];
      if ((bare || vsLeafAllows(vf, access, priv, vsSum, vsMxr, hlvx)) && gLeafAllows(gf, access, gMxr, hlvx) &&
          (access !== Access.Write || ((bare || (vf & PTE_D)) && (gf & PTE_D)))) {
        return this.vHppn[slot] * 4096 + (gva & 0xfff);
      }
    }
    this.lastWalkRefs = 0;
    this.walks++;
    let gpa: number, vf = 0;
    this.lastVsSuper = 0;
    if (bare) gpa = gva >>> 0;
    else {
      gpa = this.vsWalk(gva, access, priv, vsatp, hgatp, vsSum, vsMxr, hlvx);
      if (gpa < 0) return -1;
      vf = this.lastVsFlags;
    }
    const hpa = this.gTranslate(gpa, access, hgatp, gMxr, hlvx, false);
    if (hpa < 0) return -1;
    this.vKey[slot] = gvpn; this.vAsid[slot] = asid; this.vVmid[slot] = vmid; this.vBare[slot] = bare;
    this.vFlags[slot] = vf; this.gLeafFlags[slot] = this.lastGFlags; this.vHppn[slot] = Math.floor(hpa / 4096);
    this.vSuper[slot] = this.lastVsSuper;
    return hpa;
  }

  private lastVsFlags = 0;
  private lastGFlags = 0;
  /** Whether the last VS-stage leaf was a 4 MiB superpage. */
  private lastVsSuper = 0;

  /** The VS-stage Sv32 walk; its page-table reads go through the G stage. Returns the GPA. */
  private vsWalk(gva: number, access: Access, priv: number, vsatp: number, hgatp: number, sum: boolean, mxr: boolean, hlvx: boolean): number {
    let base = (vsatp & 0x3fffff) * 4096;
    for (let level = 1; level >= 0; level--) {
      const pteGpa = base + (level === 1 ? gva >>> 22 : (gva >>> 12) & 0x3ff) * 4;
      const pteHpa = this.gTranslate(pteGpa, Access.Read, hgatp, false, false, true);
      if (pteHpa < 0) return -1;
      this.lastWalkRefs++;
      this.walkRefs++;
      const pte = this.readPte(pteHpa);
      if (pte === undefined) return -1;
      if (!(pte & PTE_V) || (pte & (PTE_R | PTE_W)) === PTE_W) return this.pageFault();
      const ppn = pte >>> 10;
      if (!(pte & (PTE_R | PTE_W | PTE_X))) {
        if (pte & (PTE_A | PTE_D | PTE_U)) return this.pageFault();
        base = ppn * 4096;
        continue;
      }
      if (level === 1 && (ppn & 0x3ff) !== 0) return this.pageFault();
      if (!vsLeafAllows(pte, access, priv, sum, mxr, hlvx)) return this.pageFault();
      const updated = pte | PTE_A | (access === Access.Write ? PTE_D : 0);
      if (updated !== pte) {
        // Updating A/D is an implicit write: the G stage must allow writing the PTE.
        const w = this.gStageChecksPteWrites ? this.gTranslate(pteGpa, Access.Write, hgatp, false, false, true) : pteHpa;
        if (w < 0) { this.faultImplicitWrite = true; return -1; }
        if (!this.writePte(w, updated)) return -1;
      }
      this.lastVsFlags = updated & 0xff;
      this.lastVsSuper = level;
      return level === 1 ? (ppn & ~0x3ff) * 4096 + (gva & 0x3fffff) : ppn * 4096 + (gva & 0xfff);
    }
    return this.pageFault();
  }

  /**
   * G stage: guest-physical `gpa` (up to 34 bits) to host-physical. `implicit` marks the VS
   * stage's own page-table accesses (their faults carry a pseudo-instruction in htinst).
   */
  gTranslate(gpa: number, access: Access, hgatp: number, mxr: boolean, hlvx: boolean, implicit: boolean): number {
    if ((hgatp >>> 31) === 0) {
      if (gpa >= 2 ** 32) return this.guestPageFault(gpa, implicit);
      this.lastGFlags = PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D;
      return gpa;
    }
    const gppn = Math.floor(gpa / 4096), slot = gppn & (CACHE - 1), vmid = (hgatp >>> 22) & 0x7f;
    if (this.gKey[slot] === gppn && this.gVmid[slot] === vmid) {
      const f = this.gFlags[slot];
      if (gLeafAllows(f, access, mxr, hlvx) && (access !== Access.Write || (f & PTE_D))) {
        this.lastGFlags = f;
        return this.gHppn[slot] * 4096 + (gpa % 4096);
      }
    }
    let base = (hgatp & 0x3ffffc) * 4096; // 16 KiB-aligned root: PPN[1:0] are zero
    for (let level = 1; level >= 0; level--) {
      const idx = level === 1 ? Math.floor(gpa / 2 ** 22) : Math.floor(gpa / 4096) & 0x3ff;
      if (level === 1 && idx >= 4096) return this.guestPageFault(gpa, implicit);
      const pteAddr = base + idx * 4;
      this.lastWalkRefs++;
      this.walkRefs++;
      const pte = this.readPte(pteAddr);
      if (pte === undefined) return -1;
      if (!(pte & PTE_V) || (pte & (PTE_R | PTE_W)) === PTE_W) return this.guestPageFault(gpa, implicit);
      const ppn = pte >>> 10;
      if (!(pte & (PTE_R | PTE_W | PTE_X))) {
        if (pte & (PTE_A | PTE_D | PTE_U)) return this.guestPageFault(gpa, implicit);
        base = ppn * 4096;
        continue;
      }
      if (level === 1 && (ppn & 0x3ff) !== 0) return this.guestPageFault(gpa, implicit);
      if (!gLeafAllows(pte, access, mxr, hlvx)) return this.guestPageFault(gpa, implicit);
      const updated = pte | PTE_A | (access === Access.Write ? PTE_D : 0);
      if (updated !== pte && !this.writePte(pteAddr, updated)) return -1;
      const pagePpn = level === 1 ? ppn | (Math.floor(gpa / 4096) & 0x3ff) : ppn;
      this.gKey[slot] = gppn; this.gVmid[slot] = vmid; this.gFlags[slot] = updated & 0xff; this.gHppn[slot] = pagePpn;
      this.gSuper[slot] = level;
      this.lastGFlags = updated & 0xff;
      return pagePpn * 4096 + (gpa % 4096);
    }
    return this.guestPageFault(gpa, implicit);
  }

  private readPte(pa: number): number | undefined {
    if (pa >= 2 ** 32 || !this.pmp.allows(pa, 4, Access.Read, 1)) { this.fault = TwoStageFault.Access; return undefined; }
    const v = this.bus.read(pa, 4);
    if (this.bus.fault) { this.fault = TwoStageFault.Access; return undefined; }
    return v;
  }

  private writePte(pa: number, value: number): boolean {
    if (pa >= 2 ** 32 || !this.pmp.allows(pa, 4, Access.Write, 1)) { this.fault = TwoStageFault.Access; return false; }
    this.bus.write(pa, 4, value);
    if (this.bus.fault) { this.fault = TwoStageFault.Access; return false; }
    return true;
  }

  private pageFault(): number { this.fault = TwoStageFault.Page; return -1; }

  private guestPageFault(gpa: number, implicit: boolean): number {
    this.fault = TwoStageFault.GuestPage;
    this.faultGpa = gpa;
    this.faultImplicit = implicit;
    return -1;
  }

  /**
   * Read-only probe for panes: the combined GVA -> HPA entry the next translation of `gva`
   * under `vsatp`/`hgatp` would find (whatever the access), or undefined. Changes nothing.
   */
  probeCombined(gva: number, vsatp: number, hgatp: number): { hppn: number; vsFlags: number; gFlags: number; superpage: boolean } | undefined {
    const gvpn = gva >>> 12, slot = gvpn & (CACHE - 1), vmid = (hgatp >>> 22) & 0x7f, asid = (vsatp >>> 22) & 0x1ff;
    const bare = (vsatp >>> 31) === 0 ? 1 : 0;
    if (this.vKey[slot] !== gvpn || this.vVmid[slot] !== vmid || this.vBare[slot] !== bare) return undefined;
    if (!bare && this.vAsid[slot] !== asid && !(this.vFlags[slot] & PTE_G)) return undefined;
    return { hppn: this.vHppn[slot], vsFlags: this.vFlags[slot], gFlags: this.gLeafFlags[slot], superpage: this.vSuper[slot] === 1 };
  }

  /** Read-only probe for panes: the cached G-stage entry for `gpa` under `hgatp`'s VMID, or undefined. */
  probeGStage(gpa: number, hgatp: number): { hppn: number; flags: number; superpage: boolean } | undefined {
    if ((hgatp >>> 31) === 0) return undefined;
    const gppn = Math.floor(gpa / 4096), slot = gppn & (CACHE - 1), vmid = (hgatp >>> 22) & 0x7f;
    if (this.gKey[slot] !== gppn || this.gVmid[slot] !== vmid) return undefined;
    return { hppn: this.gHppn[slot], flags: this.gFlags[slot], superpage: this.gSuper[slot] === 1 };
  }

  /**
   * hfence.vvma (and sfence.vma with V=1): combined translations of `vmid`, by guest-virtual
   * address (any piece of a superpage that contains it) and/or ASID (global entries survive).
   * The G-stage cache does not depend on VS-level page tables and stays.
   */
  flushVvma(vmid: number, gva: number | undefined, asid: number | undefined): void {
    for (let i = 0; i < CACHE; i++) {
      if (this.vKey[i] === -1 || this.vVmid[i] !== vmid) continue;
      if (gva !== undefined && this.vKey[i] !== (gva >>> 12) && !(this.vSuper[i] && (this.vKey[i] >>> 10) === (gva >>> 22))) continue;
      if (asid !== undefined && (this.vAsid[i] !== asid || (this.vFlags[i] & PTE_G))) continue;
      this.vKey[i] = -1;
    }
  }

  /**
   * hfence.gvma: G-stage translations by guest-physical address (rs1 << 2; any piece of a
   * superpage that contains it) and/or VMID. A combined GVA -> HPA entry may rest on any G-stage
   * entry (its leaf, or the VS page-table pages of its walk) and is not tagged by GPA, so every
   * combined entry of the VMID goes (the spec's note on hfence.gvma names this technique).
   */
  flushGvma(gpa: number | undefined, vmid: number | undefined): void {
    const gppn = gpa === undefined ? -1 : Math.floor(gpa / 4096);
    for (let i = 0; i < CACHE; i++) {
      if (this.gKey[i] !== -1 && (vmid === undefined || this.gVmid[i] === vmid) &&
          (gpa === undefined || this.gKey[i] === gppn || (this.gSuper[i] && Math.floor(this.gKey[i] / 1024) === Math.floor(gppn / 1024)))) {
        this.gKey[i] = -1;
      }
      if (this.vKey[i] !== -1 && (vmid === undefined || this.vVmid[i] === vmid)) this.vKey[i] = -1;
    }
  }
}

/** VS-stage leaf rules: as Sv32 for VS (priv 1) and VU (0); HLVX needs X and ignores MXR's R. */
function vsLeafAllows(pte: number, access: Access, priv: number, sum: boolean, mxr: boolean, hlvx: boolean): boolean {
  if ((pte & (PTE_W | PTE_X | PTE_R)) === (PTE_W | PTE_X)) return false;
  if (pte & PTE_U) { if (priv !== 0 && (!sum || access === Access.Exec)) return false; }
  else if (priv !== 1) return false;
  if (hlvx) return (pte & PTE_X) !== 0;
  if (access === Access.Read) return (pte & PTE_R) !== 0 || (mxr && (pte & PTE_X) !== 0);
  if (access === Access.Exec) return (pte & PTE_X) !== 0;
  return (pte & PTE_W) !== 0;
}

/** G-stage leaf rules: U must be set (checked as a U-mode access); mstatus.MXR applies. */
function gLeafAllows(pte: number, access: Access, mxr: boolean, hlvx: boolean): boolean {
  if (!(pte & PTE_U)) return false;
  if ((pte & (PTE_W | PTE_X | PTE_R)) === (PTE_W | PTE_X)) return false;
  if (hlvx) return (pte & PTE_X) !== 0;
  if (access === Access.Read) return (pte & PTE_R) !== 0 || (mxr && (pte & PTE_X) !== 0);
  if (access === Access.Exec) return (pte & PTE_X) !== 0;
  return (pte & PTE_W) !== 0;
}
