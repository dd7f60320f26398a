import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from './sv32';

/**
 * The hypervisor extension's two-dimensional walk as debuggers and panes show it: a guest-virtual
 * address through the VS stage (Sv32 under vsatp) whose every page-table read is itself a
 * guest-physical address translated by the G stage (Sv32x4 under hgatp), then the G stage of the
 * data's guest-physical address. Every memory reference is numbered (Sv32 over Sv32x4 with 4 KiB
 * pages everywhere: 2 G + 1 VS per VS level, 2 G for the data: 8).
 *
 * Side-effect free: it only calls `read` (a physical word read that never touches devices), sets
 * no A/D bits and fills no TLB. It checks what makes a translation impossible for any access
 * (invalid or reserved PTEs, misaligned superpages, a G-stage leaf without U); permissions that
 * depend on the access (R/W/X, SUM, MXR) are reported, not enforced, since a debugger reads
 * execute-only and supervisor pages alike. The algorithm is the privileged spec's (sections
 * "Virtual Address Translation Process" and "Two-Stage Address Translation").
 */

/** Reads the 32-bit word at host-physical `pa`; undefined when it is not memory. */
export type ReadWord = (pa: number) => number | undefined;

export type Stage = 'VS' | 'G';

/** One memory reference of a walk: a PTE read. */
export interface PteRead {
  /** 1-based position in the whole walk. */
  n: number;
  stage: Stage;
  level: number;
  /** Where the PTE is in the stage's own address space (VS: guest-physical, G: host-physical). */
  pteAddress: number;
  /** The host-physical address read. */
  hpa: number;
  pte: number | undefined;
  leaf: boolean;
}

/** A completed G-stage translation (of a VS PTE's address, or of the data's). */
export interface GTranslation {
  /** What was translated: "VS level-1 PTE" or "data". */
  what: string;
  gpa: number;
  hpa: number;
  /** The G-stage leaf PTE (absent when hgatp is Bare). */
  leaf?: number;
  superpage?: boolean;
  /** The memory reference (its n) that completed it; absent when hgatp is Bare. */
  step?: number;
}

export interface WalkFault {
  /** The memory reference where the walk stopped (0: before any, e.g. Bare and out of range). */
  step: number;
  stage: Stage;
  /** 'page': a VS-stage page fault; 'guest-page': a G-stage (guest-page) fault; 'access': not memory. */
  kind: 'page' | 'guest-page' | 'access';
  message: string;
  /** For guest-page faults: the guest-physical address that failed (htval would hold it >> 2). */
  gpa?: number;
}

export interface TwoStageWalk {
  gva?: number;
  gpa?: number;
  hpa?: number;
  vsatp: number;
  hgatp: number;
  reads: PteRead[];
  translations: GTranslation[];
  /** The VS-stage leaf PTE and whether it is a 4 MiB superpage. */
  vsLeaf?: number;
  vsSuperpage?: boolean;
  fault?: WalkFault;
}

const GPA_LIMIT = 2 ** 34;

class Walker {
  readonly w: TwoStageWalk;
  constructor(private readonly read: ReadWord, vsatp: number, hgatp: number) {
    this.w = { vsatp: vsatp >>> 0, hgatp: hgatp >>> 0, reads: [], translations: [] };
  }

  private fail(stage: Stage, kind: WalkFault['kind'], message: string, gpa?: number): undefined {
    this.w.fault = { step: this.w.reads.length, stage, kind, message, gpa };
    return undefined;
  }

  private pteAt(stage: Stage, level: number, pteAddress: number, hpa: number): PteRead {
    const pte = hpa < 2 ** 32 ? this.read(hpa) : undefined;
    const r: PteRead = { n: this.w.reads.length + 1, stage, level, pteAddress, hpa, pte, leaf: pte !== undefined && (pte & (PTE_R | PTE_W | PTE_X)) !== 0 };
    this.w.reads.push(r);
    return r;
  }

  /** Checks every PTE must pass, whatever the access; returns the reason when it does not. */
  private structural(r: PteRead, gStage: boolean): string | undefined {
    const pte = r.pte!;
    if (!(pte & PTE_V)) return `the level-${r.level} PTE is not valid (V=0)`;
    if ((pte & (PTE_R | PTE_W)) === PTE_W) return `the level-${r.level} PTE has W=1 with R=0 (reserved)`;
    if (!r.leaf) {
      if (pte & (PTE_A | PTE_D | PTE_U)) return `the level-${r.level} PTE points to a table but has A, D or U set (reserved in non-leaf PTEs)`;
      if (r.level === 0) return 'the level-0 PTE is not a leaf (no levels left)';
      return undefined;
    }
    if (r.level === 1 && ((pte >>> 10) & 0x3ff) !== 0) return 'misaligned superpage: a level-1 leaf must have PPN[0] = 0';
    if (gStage && !(pte & PTE_U)) return `the G-stage leaf has U=0 (G-stage leaves must be user pages: every guest access is checked as U-mode)`;
    return undefined;
  }

  /** The G stage of `gpa` (34 bits): host-physical address, or undefined with the fault set. */
  gStage(gpa: number, what: string): number | undefined {
    const hgatp = this.w.hgatp;
    if ((hgatp >>> 31) === 0) {
      if (gpa >= 2 ** 32) return this.fail('G', 'guest-page', `hgatp is Bare and GPA 0x${gpa.toString(16)} (${what}) is beyond the 32-bit physical address space`, gpa);
      this.w.translations.push({ what, gpa, hpa: gpa });
      return gpa;
    }
    if (gpa >= GPA_LIMIT) return this.fail('G', 'guest-page', `GPA 0x${gpa.toString(16)} (${what}) is wider than Sv32x4's 34 bits`, gpa);
    // Sv32x4: a 16 KiB root (hgatp.PPN[1:0] read as zero) indexed by GPA bits 33:22.
    let base = (hgatp & 0x3ffffc) * 4096;
    for (let level = 1; level >= 0; level--) {
      const idx = level === 1 ? Math.floor(gpa / 2 ** 22) : Math.floor(gpa / 4096) % 1024;
      const r = this.pteAt('G', level, base + idx * 4, base + idx * 4);
      if (r.pte === undefined) return this.fail('G', 'access', `access fault: the G-stage level-${level} PTE at HPA 0x${r.hpa.toString(16)} is not in memory (translating the ${what} at GPA 0x${gpa.toString(16)})`);
      const why = this.structural(r, true);
      if (why) return this.fail('G', 'guest-page', `guest-page fault: ${why} (translating the ${what} at GPA 0x${gpa.toString(16)})`, gpa);
      const ppn = r.pte >>> 10;
      if (!r.leaf) { base = ppn * 4096; continue; }
      const hpa = level === 1 ? Math.floor(ppn / 1024) * 2 ** 22 + (gpa % 2 ** 22) : ppn * 4096 + (gpa % 4096);
      this.w.translations.push({ what, gpa, hpa, leaf: r.pte, superpage: level === 1, step: r.n });
      return hpa;
    }
    return undefined; // unreachable: level 0 either fails or is a leaf
  }

  /** The VS stage of `gva`, its PTE reads through the G stage: the guest-physical address. */
  vsStage(gva: number): number | undefined {
    const vsatp = this.w.vsatp;
    if ((vsatp >>> 31) === 0) return gva;
    let base = (vsatp & 0x3fffff) * 4096;
    for (let level = 1; level >= 0; level--) {
      const idx = level === 1 ? gva >>> 22 : (gva >>> 12) & 0x3ff;
      const pteGpa = base + idx * 4;
      const pteHpa = this.gStage(pteGpa, `VS level-${level} PTE`);
      if (pteHpa === undefined) return undefined;
      const r = this.pteAt('VS', level, pteGpa, pteHpa);
      if (r.pte === undefined) return this.fail('VS', 'access', `access fault: the VS level-${level} PTE at HPA 0x${pteHpa.toString(16)} is not in memory`);
      const why = this.structural(r, false);
      if (why) return this.fail('VS', 'page', `page fault: ${why}`);
      const ppn = r.pte >>> 10;
      if (!r.leaf) { base = ppn * 4096; continue; }
      this.w.vsLeaf = r.pte;
      this.w.vsSuperpage = level === 1;
      return level === 1 ? Math.floor(ppn / 1024) * 2 ** 22 + (gva & 0x3fffff) : ppn * 4096 + (gva & 0xfff);
    }
    return undefined;
  }
}

/** gva -> gpa -> hpa under `vsatp` and `hgatp`. */
export function walkTwoStage(read: ReadWord, vsatp: number, hgatp: number, gvaIn: number): TwoStageWalk {
  const walker = new Walker(read, vsatp, hgatp);
  const gva = gvaIn >>> 0;
  walker.w.gva = gva;
  const gpa = walker.vsStage(gva);
  if (gpa === undefined) return walker.w;
  walker.w.gpa = gpa;
  const hpa = walker.gStage(gpa, 'data');
  if (hpa !== undefined) walker.w.hpa = hpa;
  return walker.w;
}

/** gpa (up to 34 bits) -> hpa under `hgatp`. */
export function walkGStage(read: ReadWord, hgatp: number, gpa: number): TwoStageWalk {
  const walker = new Walker(read, 0, hgatp);
  walker.w.gpa = gpa;
  const hpa = walker.gStage(gpa, 'data');
  if (hpa !== undefined) walker.w.hpa = hpa;
  return walker.w;
}
