import type { Bus } from '../machine/bus';
import { Access, Pmp } from '../mmu/pmp';
import { SoftTlb } from '../mmu/softTlb';
import { Sv32Mmu } from '../mmu/sv32';
import { TwoStageMmu } from '../mmu/twoStage';
import { walkTwoStage } from '../mmu/twoStageWalk';
import type { CodeCache } from './codeCache';
import type { Watchpoints } from './memoryAccess';
import type { Breakpoints } from './breakpoints';
import { ShadowStack } from './shadowStack';

export const PRV_U = 0, PRV_S = 1, PRV_M = 3;
/** mideleg bits read-only one on a hart with H: VSSIP, VSTIP, VSEIP. */
export const MIDELEG_H_FORCED = 0x444;

/** mstatus bits (RV32). */
export const MSTATUS = {
  SIE: 1 << 1, MIE: 1 << 3, SPIE: 1 << 5, MPIE: 1 << 7, SPP: 1 << 8, VS: 3 << 9, MPP: 3 << 11, FS: 3 << 13,
  XS: 3 << 15, MPRV: 1 << 17, SUM: 1 << 18, MXR: 1 << 19, TVM: 1 << 20, TW: 1 << 21, TSR: 1 << 22, SD: 1 << 31,
} as const;

/** What a trap looked like, for the event stream, statistics and exception breakpoints. */
export interface TrapInfo {
  hart: number;
  cause: number;
  interrupt: boolean;
  tval: number;
  /** pc of the trapping instruction (or of the next instruction, for interrupts). */
  epc: number;
  fromPriv: number;
  toPriv: number;
  /** V before and after the trap (a VM exit goes from V=1 to V=0). */
  fromVirt: boolean;
  toVirt: boolean;
}

/**
 * Firmware written in host code (the built-in SBI) that stands in for M-mode software. enterTrap
 * consults it for every trap that would enter M-mode; it returns true when it handled the trap
 * (the hart's state is then whatever the hook left: e.g. a0/a1 set and pc past an ecall). An
 * interrupt it handles must no longer be pending and enabled when it returns.
 */
export type MachineTrapHook = (h: Hart, cause: number, interrupt: boolean, tval: number) => boolean;

/**
 * Architectural state of one hart. Registers live in an Int32Array; x[32] is a scratch target for
 * writes to x0 (the decoder redirects them), so x[0] stays zero without a test per instruction.
 * CSRs are plain number fields holding 32-bit values as signed ints.
 */
export class Hart {
  readonly x = new Int32Array(33);
  pc = 0;
  priv = PRV_M;

  // Machine CSRs.
  mstatus = 0; mstatush = 0; medeleg = 0; mideleg = 0; mie = 0; mtvec = 0; mcounteren = 0; mscratch = 0;
  mepc = 0; mcause = 0; mtval = 0; menvcfg = 0; menvcfgh = 0; mcountinhibit = 0;
  /** Software-visible mip bits, including the lines devices drive (MSIP, MTIP, MEIP, SEIP). */
  mip = 0;
  // Supervisor CSRs.
  stvec = 0; scounteren = 0; sscratch = 0; sepc = 0; scause = 0; stval = 0; satp = 0; senvcfg = 0;
  // Hypervisor extension (used only when `hasH`; hypervisorCsrs.ts owns their WARL rules).
  /** The virtualization mode V: with priv S this is VS-mode, with priv U VU-mode. */
  virt = false;
  hstatus = 0; hedeleg = 0; hideleg = 0; hvip = 0; hcounteren = 0; htimedelta = 0; htimedeltah = 0;
  htval = 0; htinst = 0; hgatp = 0; henvcfg = 0; henvcfgh = 0; mtval2 = 0; mtinst = 0;
  vsstatus = 0; vstvec = 0; vsscratch = 0; vsepc = 0; vscause = 0; vstval = 0; vsatp = 0;
  /** The second trap value (guest-physical address >> 2) of the exception being raised (htval/mtval2). */
  trapTval2 = 0;
  /** The transformed instruction (htinst/mtinst) of the exception being raised. */
  trapTinst = 0;
  /** The exception being raised has a guest-virtual tval even though V=0 (MPRV with MPV). */
  trapGva = false;
  readonly mhpmevent = new Int32Array(32);
  readonly mhpmcounter = new Float64Array(32);

  /** Follow QEMU 7.2 where it contradicts the spec (see quirks.ts). */
  qemuCompat = false;
  /** Counter values frozen by mcountinhibit (index 0 cycle, 2 instret). */
  readonly inhibitedAt = new Float64Array(3);

  /** Instructions retired, as an exact double. minstret = retired + instretOffset. */
  retired = 0;
  instretOffset = 0;
  cycleOffset = 0;

  /** LR/SC reservation: address (or -1) and the value loaded (QEMU-style cmpxchg semantics). */
  reservedAddr = -1;
  reservedValue = 0;
  /** Stalled in wfi until an interrupt is pending. */
  waiting = false;

  /** Set by the slow paths when they raised a trap; the interpreter resynchronises. */
  trapped = false;
  /** Asks the interpreter to return at the next block boundary (breakpoint, exit, pause). */
  stopRequested = false;
  /** A device write may have moved a timer deadline: return to the scheduler after this block. */
  endSlice = false;
  /** Every trap ends the slice: a VMM running a deprivileged guest (V=0) handles them as exits. */
  endSliceOnTrap = false;
  /** Why the interpreter stopped early, when it was for a reason of its own. */
  stopReason: 'breakpoint' | undefined;
  /** Budget bookkeeping the interpreter keeps current at every slow-path call. */
  sliceBudget = 0;
  insnsLeft = 0;
  sliceStartRetired = 0;
  /** Exceptions raised in the current slice (they used budget but did not retire). */
  sliceFaults = 0;

  /** The current fetch page may not be cached: execute one instruction per block. */
  fetchSingle = false;
  /** A breakpoint at this pc is ignored once (resuming from it). */
  bpSkipPc = -1;
  /**
   * Breakpoints and watchpoints of the current context: the host's (V=0) or the guest's (V=1).
   * Both sets are shared with the other harts of the machine; setContexts() installs them.
   */
  bp!: Breakpoints;
  watch!: Watchpoints;
  private hostBp!: Breakpoints;
  private guestBp!: Breakpoints;
  private hostWatch!: Watchpoints;
  private guestWatch!: Watchpoints;

  /** The shadow call stack of whatever runs on the hart (a VMM swaps in each vCPU's own). */
  calls = new ShadowStack();
  readonly pmp = new Pmp();
  /** The fast TLB of the current virtualization mode: hostTlb (V=0) or guestTlb (V=1). */
  tlb: SoftTlb;
  readonly hostTlb = new SoftTlb();
  readonly guestTlb: SoftTlb;
  readonly mmu: Sv32Mmu;

  /** Counts of traps taken: index = cause for exceptions, 32 + cause for interrupts. */
  readonly trapCounts = new Float64Array(64);
  onTrap: ((t: TrapInfo) => void) | undefined;
  /** Host-code M-mode firmware (see MachineTrapHook); undefined on a bare-metal machine. */
  machineTrapHook: MachineTrapHook | undefined = undefined;
  /** Exception causes (bit n) and interrupt causes (bit n) that stop the run when taken. */
  stopOnException = 0;
  stopOnInterrupt = 0;
  lastTrap: TrapInfo | undefined;

  /** misa.H: the hypervisor extension is implemented (MachineConfig.hypervisor). */
  readonly hasH: boolean;
  /** Two-stage translation for V=1 accesses (only on a hart with H). */
  readonly gmmu: TwoStageMmu | undefined;

  constructor(readonly id: number, readonly bus: Bus, readonly code: CodeCache, readonly misa: number,
    readonly readTime: () => number) {
    this.mmu = new Sv32Mmu(bus, this.pmp);
    this.hasH = ((misa >>> 7) & 1) !== 0;
    this.gmmu = this.hasH ? new TwoStageMmu(bus, this.pmp) : undefined;
    if (this.hasH) this.mideleg = MIDELEG_H_FORCED;
    this.tlb = this.hostTlb;
    this.guestTlb = this.hasH ? new SoftTlb() : this.hostTlb;
    code.attach(this.hostTlb);
    if (this.hasH) code.attach(this.guestTlb);
  }

  /** Installs the breakpoint and watchpoint sets of the host (V=0) and guest (V=1) contexts. */
  setContexts(hostBp: Breakpoints, guestBp: Breakpoints, hostWatch: Watchpoints, guestWatch: Watchpoints): void {
    this.hostBp = hostBp; this.guestBp = guestBp; this.hostWatch = hostWatch; this.guestWatch = guestWatch;
    this.bp = this.virt ? guestBp : hostBp;
    this.watch = this.virt ? guestWatch : hostWatch;
  }

  /** Retired instructions including the progress of the slice currently running. */
  retiredNow(): number { return this.sliceStartRetired + (this.sliceBudget - this.insnsLeft) - this.sliceFaults; }

  reset(pc: number): void {
    this.x.fill(0);
    this.pc = pc | 0;
    this.priv = PRV_M;
    this.mstatus = 0; this.mstatush = 0; this.medeleg = 0; this.mideleg = 0; this.mie = 0; this.mtvec = 0; this.mcounteren = 0;
    this.mscratch = 0; this.mepc = 0; this.mcause = 0; this.mtval = 0; this.menvcfg = 0; this.menvcfgh = 0; this.mcountinhibit = 0;
    this.mip = 0; this.stvec = 0; this.scounteren = 0; this.sscratch = 0; this.sepc = 0; this.scause = 0;
    this.stval = 0; this.satp = 0; this.senvcfg = 0;
    if (this.hasH) {
      this.virt = false;
      this.hstatus = 0; this.hedeleg = 0; this.hideleg = 0; this.hvip = 0; this.hcounteren = 0; this.htimedelta = 0;
      this.htimedeltah = 0; this.htval = 0; this.htinst = 0; this.hgatp = 0; this.henvcfg = 0; this.henvcfgh = 0;
      this.mtval2 = 0; this.mtinst = 0; this.vsstatus = 0; this.vstvec = 0; this.vsscratch = 0; this.vsepc = 0;
      this.vscause = 0; this.vstval = 0; this.vsatp = 0; this.trapTval2 = 0; this.trapTinst = 0; this.trapGva = false;
      this.mideleg = MIDELEG_H_FORCED; // the VS-level interrupts are always delegated past M
      this.gmmu!.flushGvma(undefined, undefined);
    }
    this.reservedAddr = -1; this.waiting = false; this.trapped = false;
    this.mmu.flush(undefined, undefined);
    this.contextChanged();
    this.calls.clear();
  }

  /** Effective privilege of loads and stores (mstatus.MPRV applies MPP to M-mode data accesses). */
  dataPriv(): number {
    return this.priv === PRV_M && (this.mstatus & MSTATUS.MPRV) ? (this.mstatus >>> 11) & 3 : this.priv;
  }

  /**
   * Physical address of fetch address `va` in the current context (guest-virtual when V=1),
   * without side effects (-1: unmapped).
   */
  translateForDebugger(va: number): number {
    if (this.virt) {
      const w = walkTwoStage((pa) => this.peekRamWord(pa), this.vsatp, this.hgatp, va);
      return w.hpa === undefined || w.fault ? -1 : w.hpa;
    }
    if (this.priv === PRV_M || (this.satp >>> 31) === 0) return va >>> 0;
    return this.mmu.peek(va, this.satp);
  }

  /** A word of RAM for side-effect-free walks (devices are never read). */
  private peekRamWord(pa: number): number | undefined {
    const off = this.bus.ramOffset(pa);
    if (off < 0 || off + 4 > this.bus.ramSize) return undefined;
    const r = this.bus.ram;
    return (r[off] | (r[off + 1] << 8) | (r[off + 2] << 16) | (r[off + 3] << 24)) >>> 0;
  }

  /** Whether a data access at effective privilege `priv` goes through the two-stage MMU (V=1, or MPRV with MPV). */
  gmmuUsedFor(priv: number, access: number): boolean {
    return this.virt || (priv !== PRV_M && access !== Access.Exec && this.priv === PRV_M && (this.mstatush & 0x80) !== 0);
  }

  /**
   * Call after a change that may invalidate translations of any mode: satp, mstatus
   * MPRV/MPP/SUM/MXR, PMP, the H CSRs, a debugger edit, a restore. Flushes every fast TLB.
   */
  contextChanged(): void {
    this.hostTlb.flush();
    if (this.hasH) this.guestTlb.flush();
    this.modeChanged();
  }

  /**
   * Call after a change that only guest (V=1) translations depend on: hgatp, vsatp, vsstatus
   * SUM/MXR, hfence.*, sfence.vma with V=1. Also when made with V=0: the guest's fast TLB
   * survives VM exits, and the next entry must not find translations of the old context.
   */
  guestContextChanged(): void {
    if (!this.hasH) return;
    this.guestTlb.flush();
    if (this.virt) this.modeChanged(); // re-tag the bank in use
  }

  /**
   * Call after a change of privilege or V (trap entry, xRET). Selects the fast TLB, breakpoints
   * and watchpoints of the new virtualization mode; the TLB is kept when it was filled in exactly
   * this mode, so a VM exit and the entry back cost no refills. A change of V ends the slice, since
   * the interpreter holds the previous mode's tables in locals.
   */
  modeChanged(): void {
    const tag = this.modeTag();
    const tlb = this.virt ? this.guestTlb : this.hostTlb;
    if (tlb !== this.tlb) {
      this.tlb = tlb;
      this.bp = this.virt ? this.guestBp : this.hostBp;
      this.watch = this.virt ? this.guestWatch : this.hostWatch;
      this.bpSkipPc = -1; // the skip-once belongs to the context the run resumed in
      this.endSlice = true;
    }
    if (tlb.modeTag !== tag) { tlb.flush(); tlb.modeTag = tag; }
  }

  /** What fast-TLB entries depend on besides the CSRs that flush them: privilege, V and MPRV's mode. */
  private modeTag(): number {
    let tag = this.priv | (this.virt ? 4 : 0);
    if (this.priv === PRV_M && (this.mstatus & MSTATUS.MPRV)) tag |= 8 | (((this.mstatus >>> 11) & 3) << 4) | ((this.mstatush & 0x80) >>> 1);
    return tag;
  }
}
