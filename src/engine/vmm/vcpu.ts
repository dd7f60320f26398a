import { Hart, PRV_S, PRV_U } from '../cpu/hart';
import { ShadowStack } from '../cpu/shadowStack';
import { HsmState } from '../sbi/abi';
import type { Vm } from './vm';

/** VS-level interrupt bits in hvip/hip/hie: VSSIP 2, VSTIP 6, VSEIP 10. */
export const VSSIP = 1 << 2, VSTIP = 1 << 6, VSEIP = 1 << 10;
const VS_INTS = VSSIP | VSTIP | VSEIP;

/**
 * Where a vCPU is: `running` (loaded on a hart, in the guest or in the VMM handling its exit),
 * `runnable` (waiting for a hart), `halted` (in wfi or a retentive suspend, until an interrupt),
 * `stopped` (SBI HSM STOPPED, or its VM has ended).
 */
export type VcpuRunState = 'running' | 'runnable' | 'halted' | 'stopped';

/** The guest's architectural state that the VMM swaps on and off a hart (KVM's vcpu->arch). */
interface SavedContext {
  x: Int32Array; pc: number; priv: number;
  vsstatus: number; vstvec: number; vsscratch: number; vsepc: number; vscause: number; vstval: number; vsatp: number;
  /** Pending VS interrupts (hvip) and the guest's enables (vsie, kept in hie/mie's VS bits). */
  hvip: number; hie: number;
}

/** One virtual CPU: numbered from 0 within its VM (the guest's hart id), a debugger thread. */
export class Vcpu {
  state: VcpuRunState = 'stopped';
  /** SBI HSM state as the guest sees it. */
  hsm: HsmState = HsmState.Stopped;
  /** The hart it is loaded on, or -1. */
  hart = -1;
  /** Host mtime at which its SBI timer fires (Infinity: none). */
  timerDeadline = Infinity;
  /** The guest's shadow call stack (swapped onto the hart with the vCPU). */
  calls = new ShadowStack();
  /** Exits taken, and host instructions the VMM spent on them. */
  exits = 0;
  hostInstructions = 0;
  private readonly ctx: SavedContext = {
    x: new Int32Array(32), pc: 0, priv: PRV_S,
    vsstatus: 0, vstvec: 0, vsscratch: 0, vsepc: 0, vscause: 0, vstval: 0, vsatp: 0, hvip: 0, hie: 0,
  };

  constructor(readonly vm: Vm, readonly index: number) {}

  /** `vm1/vcpu0`: the thread name. */
  get name(): string { return `${this.vm.name}/vcpu${this.index}`; }

  /** Resets to the SBI boot state: VS-mode at `pc`, a0 = hart id, a1 = `a1`, vsatp = 0, interrupts off. */
  reset(pc: number, a1: number): void {
    const c = this.ctx;
    c.x.fill(0); c.x[10] = this.index; c.x[11] = a1;
    c.pc = pc | 0; c.priv = PRV_S;
    c.vsstatus = 0; c.vstvec = 0; c.vsscratch = 0; c.vsepc = 0; c.vscause = 0; c.vstval = 0; c.vsatp = 0; c.hvip = 0; c.hie = 0;
    this.calls.clear();
    this.timerDeadline = Infinity;
    this.pvShared = -1;
  }

  /**
   * The guest's privilege while the vCPU runs deprivileged (trap-and-emulate: the hart is in
   * U-mode with V=0 whatever the guest believes); with the H extension the hart's own priv is it.
   */
  mode = PRV_S;
  /** Paravirtual guests: the guest-physical address of this vCPU's shared page (set_shared), or -1. */
  pvShared = -1;

  /**
   * Puts this vCPU's state on hart `h` and makes it run there: with the H extension in VS/VU
   * (V=1, its VM's G stage); deprivileged in U-mode (V=0) otherwise, its supervisor CSRs kept in
   * the hart's VS CSR fields, which the hardware ignores while V=0.
   */
  load(h: Hart): void {
    const c = this.ctx, assisted = this.vm.paging.hardwareAssisted;
    h.x.set(c.x); h.x[0] = 0;
    h.pc = c.pc; h.priv = assisted ? c.priv : PRV_U; h.virt = assisted;
    this.mode = c.priv;
    h.endSliceOnTrap = !assisted; // a trap of the deprivileged guest is an exit the hart must show
    h.vsstatus = c.vsstatus; h.vstvec = c.vstvec; h.vsscratch = c.vsscratch; h.vsepc = c.vsepc;
    h.vscause = c.vscause; h.vstval = c.vstval; h.vsatp = c.vsatp;
    h.hvip = c.hvip & VS_INTS;
    h.mip = (h.mip & ~VS_INTS) | h.hvip;
    h.mie = (h.mie & ~VS_INTS) | (c.hie & VS_INTS);
    h.calls = this.calls;
    h.reservedAddr = -1;
    h.waiting = false;
    h.contextChanged(); // another vCPU's guest translations may be cached
    this.vm.enterOn(h, this);
    this.hart = h.id;
    this.state = 'running';
  }

  /** Takes this vCPU's state off hart `h` (which runs it in the guest, V=1). */
  save(h: Hart): void {
    const c = this.ctx;
    c.x.set(h.x.subarray(0, 32));
    c.pc = h.pc; c.priv = this.vm.paging.hardwareAssisted ? h.priv : this.mode;
    h.endSliceOnTrap = false;
    c.vsstatus = h.vsstatus; c.vstvec = h.vstvec; c.vsscratch = h.vsscratch; c.vsepc = h.vsepc;
    c.vscause = h.vscause; c.vstval = h.vstval; c.vsatp = h.vsatp;
    c.hvip = h.hvip & VS_INTS; c.hie = h.mie & VS_INTS;
    h.hvip = 0; h.mip &= ~VS_INTS; h.mie &= ~VS_INTS;
    this.hart = -1;
  }

  /** Pending VS interrupts (hvip bits), wherever the state lives. */
  pending(h: Hart | undefined): number { return h ? h.hvip & VS_INTS : this.ctx.hvip; }

  /** Sets or clears VS interrupt `bit` (VSSIP/VSTIP/VSEIP): interrupt injection. */
  setPending(h: Hart | undefined, bit: number, on: boolean): void {
    if (h) {
      h.hvip = on ? (h.hvip | bit) : (h.hvip & ~bit);
      h.mip = (h.mip & ~VS_INTS) | (h.hvip & VS_INTS);
    } else {
      this.ctx.hvip = on ? (this.ctx.hvip | bit) : (this.ctx.hvip & ~bit);
    }
  }

  /** Whether a pending VS interrupt is enabled in vsie: what ends a wfi (whatever vsstatus.SIE says). */
  wakeable(h: Hart | undefined): boolean {
    return h ? (h.hvip & h.mie & VS_INTS) !== 0 : (this.ctx.hvip & this.ctx.hie & VS_INTS) !== 0;
  }

  /** Register x`i` (0..31) or the pc (32) as the guest sees it. */
  register(h: Hart | undefined, i: number): number {
    if (i === 32) return (h ? h.pc : this.ctx.pc) >>> 0;
    return h ? h.x[i] | 0 : this.ctx.x[i] | 0;
  }

  /** Debugger edit of x`i` (1..31) or the pc (32) of a vCPU; `h` is its hart when it is loaded. */
  setRegister(h: Hart | undefined, i: number, value: number): void {
    if (h) { if (i === 32) h.pc = value | 0; else if (i > 0) h.x[i] = value | 0; return; }
    if (i === 32) this.ctx.pc = value | 0; else if (i > 0) this.ctx.x[i] = value | 0;
  }

  /** Debugger edit of a saved VS CSR of a vCPU that is not on a hart (on a hart, write the hart's CSR). */
  setSavedCsr(name: 'vsstatus' | 'vstvec' | 'vsscratch' | 'vsepc' | 'vscause' | 'vstval' | 'vsatp', value: number): void {
    this.ctx[name] = value | 0;
  }

  /** The VS CSRs as the guest reads them through the S names. */
  guestCsrs(h: Hart | undefined): { vsstatus: number; vstvec: number; vsscratch: number; vsepc: number; vscause: number; vstval: number; vsatp: number; hvip: number; hie: number; priv: number } {
    const c = h ?? this.ctx;
    return {
      vsstatus: c.vsstatus >>> 0, vstvec: c.vstvec >>> 0, vsscratch: c.vsscratch >>> 0, vsepc: c.vsepc >>> 0, vscause: c.vscause >>> 0,
      vstval: c.vstval >>> 0, vsatp: c.vsatp >>> 0, hvip: (h ? h.hvip : this.ctx.hvip) & VS_INTS,
      hie: (h ? h.mie : this.ctx.hie) & VS_INTS, priv: h && !this.vm.paging.hardwareAssisted ? this.mode : c.priv,
    };
  }

  snapshot(): unknown {
    const c = this.ctx;
    return {
      state: this.state, hsm: this.hsm, hart: this.hart, timerDeadline: this.timerDeadline, exits: this.exits, mode: this.mode, pvShared: this.pvShared,
      hostInstructions: this.hostInstructions, calls: this.calls.save(),
      ctx: { ...c, x: Array.from(c.x) },
    };
  }

  restore(s: unknown): void {
    const v = s as { state: VcpuRunState; hsm: HsmState; hart: number; timerDeadline: number | null; exits: number; mode: number; pvShared: number; hostInstructions: number;
      calls: ReturnType<ShadowStack['save']>; ctx: Omit<SavedContext, 'x'> & { x: number[] } };
    this.state = v.state; this.hsm = v.hsm; this.hart = v.hart; this.timerDeadline = v.timerDeadline ?? Infinity;
    this.exits = v.exits; this.hostInstructions = v.hostInstructions; this.mode = v.mode; this.pvShared = v.pvShared ?? -1;
    this.calls.restore(v.calls);
    Object.assign(this.ctx, { ...v.ctx, x: this.ctx.x });
    this.ctx.x.set(v.ctx.x);
  }
}
