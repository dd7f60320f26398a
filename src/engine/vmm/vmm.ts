import { Hart, PRV_S, PRV_U } from '../cpu/hart';
import { ShadowStack } from '../cpu/shadowStack';
import { HSTATUS } from '../cpu/hypervisorCsrs';
import type { DeviceEvent } from '../devices/device';
import type { HostHypervisor } from '../machine/hostHypervisor';
import type { Machine, StopEvent } from '../machine/machine';
import { COST } from './costModel';
import { classifyExit } from './exitClassifier';
import { EXIT_HANDLERS, ExitOps, ExitPlan } from './exitHandlers';
import { ExitLog } from './exitLog';
import type { ExitDetail, ExitRecord, VmExit } from './exits';
import { GuestMemory } from './guestMemory';
import { FRAME_VMM, HostFramePool } from './hostFrames';
import { NestedPaging } from './nestedPaging';
import type { PagingMode } from './pagingMode';
import { RoundRobinScheduler, VcpuScheduler } from './scheduler';
import { VSTIP, Vcpu } from './vcpu';
import { GUEST_RAM_BASE, Vm } from './vm';
import { VmSbi, VmSbiHost } from './vmSbi';
import { ShadowPaging } from './shadowPaging';
import { ParavirtPaging } from './paravirtPaging';
import { RealAsidSpace } from './realAsidSpace';
import { publishShared, readShared } from './pvHypercalls';
import { classifyTrapAndEmulate } from './trapAndEmulate';
import { deliverVirtualInterrupt, redirectToGuest, resumeGuest, trapAndEmulateOps } from './guestEntry';
import type { ElfImage } from '../loader/elf';
import { HsmState } from '../sbi/abi';

export interface VmSpec {
  name: string;
  image: ElfImage;
  /** Guest RAM in bytes (a multiple of 4 KiB). */
  memory: number;
  vcpus: number;
  paging: 'nested' | 'shadow' | 'paravirt';
  /** Back guest RAM on first touch (an exit per page, in every paging mode) or all at boot. */
  mapping: 'lazy' | 'eager';
}

/** An exit being handled on a hart: its decoded form, phases, and how far the handling got. */
export interface ExitInProgress {
  exit: VmExit;
  plan: ExitPlan;
  /** Index of the next phase to run. */
  next: number;
  cost: number;
  /** A debugger stop already happened here (at the exit, before the handler): do not stop again. */
  stoppedAtExit: boolean;
  stoppedAtHandler: boolean;
}

/** Per hart: the vCPU it runs, the exit in progress, and its own (host) call stack. */
interface HartSlot {
  vcpu: Vcpu | undefined;
  handling: ExitInProgress | undefined;
  /** mtime at which the running vCPU's slice ends. */
  sliceEnd: number;
  /** A host interrupt is due for the running vCPU (its timer, or the end of its slice). */
  hostInterrupt: 'timer' | 'preempt' | 'irq' | undefined;
  yieldNow: boolean;
  readonly hostCalls: ShadowStack;
}

/** hedeleg: what the guest handles itself without an exit (as KVM delegates). */
const HEDELEG = (1 << 0) | (1 << 2) | (1 << 3) | (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15);
/** medeleg: every exception a guest can raise reaches HS-mode (the VMM), none M-mode. */
const MEDELEG = 0x00f0b5ff;
/** Where the hart "is" while the VMM handles an exit (stvec): not memory, so never executed. */
export const VMM_VECTOR = 0x00000ff0;

/**
 * The built-in VMM, modelled on KVM: host software in HS-mode. Each hart runs one vCPU at a
 * time with V=1 (the hart's two-stage MMU, the VM's G-stage table in hgatp). A guest trap that
 * reaches HS-mode is a VM exit: the VMM decodes it into a typed VmExit and runs its handler's
 * phases (decode, emulate, update, resume), then srets back into the guest. Exits are recorded
 * with their modeled cost; a round-robin scheduler shares the harts among all vCPUs.
 */
export class Vmm implements HostHypervisor, VmSbiHost {
  readonly vms: Vm[] = [];
  readonly log = new ExitLog();
  readonly pool: HostFramePool;
  readonly nested: NestedPaging;
  readonly shadow: ShadowPaging;
  readonly paravirt: ParavirtPaging;
  /** The hart's real ASIDs, one space for the shadow and paravirtual VMs. */
  private readonly asids = new RealAsidSpace();
  readonly scheduler: VcpuScheduler;
  private readonly sbis: VmSbi[] = [];
  private readonly slots: HartSlot[];
  private seq = 0;
  /** Debugger hooks: stop at an exit (exception filters), or before a handler runs (function breakpoints). */
  stopAtExit: ((e: VmExit) => boolean) | undefined;
  stopAtHandler: ((handler: string, e: VmExit) => boolean) | undefined;
  /** Every completed exit and injection, live (panes, traces). */
  onRecord: ((r: ExitRecord) => void) | undefined;
  /**
   * Debugger hook: a vCPU was just put on a hart and is about to run guest code (a VM entry
   * after waiting). True stops the run with `{ kind: 'pause' }` before it executes anything.
   */
  stopAtLoad: ((v: Vcpu, hart: number) => boolean) | undefined;

  constructor(readonly machine: Machine, specs: VmSpec[], opts: { scheduler?: VcpuScheduler; vmmReserve?: number } = {}) {
    if (specs.length === 0) throw new RangeError('the VMM needs at least one VM');
    if (specs.length > 127) throw new RangeError('at most 127 VMs (the VMID is 7 bits)');
    const bus = machine.bus;
    this.pool = new HostFramePool(bus.ramBase, bus.ramSize / 4096);
    // Host frames the VMM keeps for itself come first (so guests' frames start above them).
    this.pool.allocateContiguous(FRAME_VMM, 1, 4096);
    this.nested = new NestedPaging(this.pool, bus, machine.code);
    // One real ASID space for both deprivileged modes, so their shadows never alias.
    this.shadow = new ShadowPaging(this.pool, bus, machine.code, machine.harts, this.asids);
    this.paravirt = new ParavirtPaging(this.pool, bus, machine.code, machine.harts, this.asids);
    this.scheduler = opts.scheduler ?? new RoundRobinScheduler();
    const names = new Set<string>();
    specs.forEach((s, i) => {
      if (names.has(s.name)) throw new RangeError(`two VMs are named "${s.name}"`);
      names.add(s.name);
      const memory = new GuestMemory(i + 1, GUEST_RAM_BASE, s.memory, this.pool, bus, machine.code);
      const vm = new Vm(i + 1, s.name, s.image, memory, s.vcpus, this.pagingFor(s), this);
      vm.paging.attach(vm);
      this.vms.push(vm);
      this.sbis.push(new VmSbi(vm, this));
    });
    this.allVcpus = this.vms.flatMap((vm) => vm.vcpus);
    this.slots = machine.harts.map(() => ({ vcpu: undefined, handling: undefined, sliceEnd: Infinity, hostInterrupt: undefined, yieldNow: false, hostCalls: new ShadowStack() }));
    this.mappingOf = specs.map((s) => s.mapping);
  }

  private readonly mappingOf: ('lazy' | 'eager')[];

  private pagingFor(s: VmSpec): PagingMode {
    if (s.paging === 'nested') return this.nested;
    if (s.paging === 'shadow') return this.shadow;
    if (s.paging === 'paravirt') return this.paravirt;
    throw new RangeError(`${s.name}: paging "${s.paging as string}" is not available (nested, shadow or paravirt)`);
  }

  /** Whether hart `h`, which runs `v`, is in the guest (not in the VMM handling an exit). */
  private inGuest(h: Hart, v: Vcpu): boolean {
    return v.vm.paging.hardwareAssisted ? h.virt : h.priv === PRV_U;
  }

  /** Every vCPU of every VM, in creation order. */
  get vcpus(): readonly Vcpu[] { return this.allVcpus; }
  private allVcpus: Vcpu[] = [];

  vmByName(name: string): Vm | undefined { return this.vms.find((v) => v.name === name); }

  // ---- HostHypervisor ----

  reset(): void {
    for (const h of this.machine.harts) this.setUpHart(h);
    for (const s of this.slots) { s.vcpu = undefined; s.handling = undefined; s.sliceEnd = Infinity; s.hostInterrupt = undefined; s.yieldNow = false; }
    this.seq = 0;
    this.log.restore({ lastSeq: 0, counts: [], host: [] });
    this.vms.forEach((vm, i) => {
      vm.boot(this.machine.mtime());
      if (this.mappingOf[i] === 'eager') for (let a = vm.memory.base; a < vm.memory.base + vm.memory.size; a += 4096) this.mapPage(vm, a);
    });
    for (const v of this.vcpus) if (v.state === 'runnable') this.wake(v);
  }

  /** The hart as the VMM leaves it in HS-mode: delegation, PMP open, VTW so wfi exits. */
  private setUpHart(h: Hart): void {
    const m = this.machine;
    m.writeCsr(h.id, 0x3b0, -1); // pmpaddr0: all memory
    m.writeCsr(h.id, 0x3a0, 0x1f); // pmpcfg0: NAPOT RWX
    h.medeleg = MEDELEG;
    h.hedeleg = HEDELEG;
    h.hideleg = 0x444;
    h.mcounteren = -1; h.hcounteren = -1; h.scounteren = -1;
    h.hstatus = HSTATUS.VTW;
    h.stvec = VMM_VECTOR;
    h.mstatus = 0; h.mie = 0;
    h.priv = PRV_S; h.virt = false;
    h.pc = VMM_VECTOR;
    h.waiting = true;
    h.contextChanged();
  }

  service(h: Hart): StopEvent | undefined {
    const slot = this.slots[h.id];
    if (!slot.handling && slot.vcpu) {
      const v = slot.vcpu;
      if (!this.inGuest(h, v)) {
        slot.handling = this.begin(slot, h, v.vm.paging.hardwareAssisted ? classifyExit(h, v) : classifyTrapAndEmulate(h, v, v.vm.paging as ShadowPaging));
      }
      else if (slot.hostInterrupt) {
        const why = slot.hostInterrupt;
        slot.hostInterrupt = undefined;
        slot.handling = this.begin(slot, h, { reason: 'host-interrupt', why });
      }
    }
    if (slot.handling) {
      const stop = this.advance(slot, h);
      if (stop) return stop;
    }
    const loaded = this.schedule(slot, h);
    if (loaded && !(this.machine.history?.replaying ?? false) && this.stopAtLoad?.(loaded, h.id)) return { kind: 'pause' };
    return undefined;
  }

  nextDeadline(): number {
    let t = Infinity;
    for (const v of this.vcpus) if (v.timerDeadline < t && v.state !== 'stopped') t = v.timerDeadline;
    for (const vm of this.vms) t = Math.min(t, vm.uart.nextTimerDeadline());
    if (this.vcpus.some((v) => v.state === 'runnable')) for (const s of this.slots) if (s.vcpu) t = Math.min(t, s.sliceEnd);
    return t;
  }

  updateTimers(now: number): void {
    for (const vm of this.vms) vm.uart.updateTimers();
    for (const v of this.vcpus) {
      if (v.timerDeadline > now || v.state === 'stopped') continue;
      v.timerDeadline = Infinity;
      const slot = v.hart >= 0 ? this.slots[v.hart] : undefined;
      if (slot && slot.vcpu === v && !slot.handling && this.inGuest(this.machine.harts[v.hart], v)) {
        slot.hostInterrupt = 'timer'; // the host timer interrupt exits the running guest; the VMM injects
      } else {
        this.injectTimer(v);
      }
    }
    if (this.vcpus.some((v) => v.state === 'runnable')) {
      for (const s of this.slots) if (s.vcpu && s.sliceEnd <= now && !s.hostInterrupt) s.hostInterrupt = 'preempt';
    }
  }

  receiveInput(bytes: ArrayLike<number>): void { this.vms[0]?.uart.receive(bytes); }

  /** Input for one VM's console (its UART RX). */
  sendInput(vm: Vm, bytes: ArrayLike<number>): void {
    if (this.machine.history) this.machine.history.recordInput(bytes);
    vm.uart.receive(bytes);
  }

  // ---- exits ----

  /** Decodes an exit into its record and plan (the `decode` phase has already happened). */
  private begin(slot: HartSlot, h: Hart, detail: ExitDetail): ExitInProgress {
    const vcpu = slot.vcpu!;
    const trapped = !this.inGuest(h, vcpu), assisted = vcpu.vm.paging.hardwareAssisted;
    if (!assisted) readShared(h, vcpu); // a PV guest masks interrupts in its shared page, without exits
    const exit: VmExit = {
      seq: ++this.seq, vm: vcpu.vm.name, vmId: vcpu.vm.id, vcpu: vcpu.index, reason: detail.reason,
      pc: (trapped ? h.sepc : h.pc) >>> 0,
      guestPriv: !assisted ? vcpu.mode : trapped ? ((h.hstatus & HSTATUS.SPVP) ? 1 : 0) : h.priv,
      scause: trapped ? h.scause >>> 0 : 0, stval: trapped ? h.stval >>> 0 : 0, htval: trapped ? h.htval >>> 0 : 0,
      htinst: trapped ? h.htinst >>> 0 : 0, detail, time: this.machine.mtime(), executed: this.machine.executed,
    };
    const handling: ExitInProgress = { exit, plan: { handler: '', phases: [] }, next: 0, cost: COST.worldSwitch, stoppedAtExit: false, stoppedAtHandler: false };
    handling.plan = (EXIT_HANDLERS[detail.reason] as (ops: ExitOps, d: ExitDetail) => ExitPlan)(this.opsFor(slot, h, handling), detail);
    return handling;
  }

  /** Runs the remaining phases, stopping where the debugger asked. */
  private advance(slot: HartSlot, h: Hart): StopEvent | undefined {
    const hd = slot.handling!;
    const replaying = this.machine.history?.replaying ?? false;
    if (!replaying && !hd.stoppedAtExit && hd.next === 0) {
      hd.stoppedAtExit = true;
      if (this.stopAtExit?.(hd.exit)) return { kind: 'vm-exit', hart: h.id, seq: hd.exit.seq, phase: 0, why: 'exit' };
    }
    while (hd.next < hd.plan.phases.length) {
      const phase = hd.plan.phases[hd.next];
      if (!replaying && phase.name === 'emulate' && !hd.stoppedAtHandler) {
        hd.stoppedAtHandler = true;
        if (this.stopAtHandler?.(hd.plan.handler, hd.exit)) return { kind: 'vm-exit', hart: h.id, seq: hd.exit.seq, phase: hd.next, why: 'handler' };
      }
      hd.next++;
      this.runPhase(hd, phase.run);
    }
    this.finish(slot, hd);
    return undefined;
  }

  /**
   * KVM_RUN for library users: runs the machine until vCPU `v` takes its next exit and returns
   * it, typed and decoded but not yet handled (its handler's phases wait: `stepPhase`, or the next
   * run, carries them out). Undefined when the machine stopped first for another reason.
   */
  runVcpu(v: Vcpu, maxInsns = Infinity): VmExit | undefined {
    const saved = this.stopAtExit;
    this.stopAtExit = (e) => (e.vmId === v.vm.id && e.vcpu === v.index) || (saved?.(e) ?? false);
    try {
      const stop = this.machine.run(maxInsns);
      if (stop.kind !== 'vm-exit') return undefined;
      const e = this.slots[stop.hart].handling?.exit;
      return e && e.vmId === v.vm.id && e.vcpu === v.index ? e : undefined;
    } finally {
      this.stopAtExit = saved;
    }
  }

  /** Runs exactly one phase of the exit in progress on hart `hart` (debugger `next`). Returns whether the exit is complete. */
  stepPhase(hart: number): boolean {
    const slot = this.slots[hart], hd = slot.handling;
    if (!hd) return true;
    hd.stoppedAtExit = true; hd.stoppedAtHandler = true;
    if (hd.next < hd.plan.phases.length) this.runPhase(hd, hd.plan.phases[hd.next++].run);
    if (hd.next >= hd.plan.phases.length) { this.finish(slot, hd); return true; }
    return false;
  }

  /**
   * Runs one phase. A VMM resource running out while it serves a guest (host frames for its RAM
   * or for shadow tables) stops that VM with the reason; the VMM and the other VMs go on.
   */
  private runPhase(hd: ExitInProgress, run: () => void): void {
    try {
      run();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      const vm = this.vms[hd.exit.vmId - 1];
      vm.end('failed', 1, `${vm.name}: ${e.message}`);
      hd.next = hd.plan.phases.length;
    }
  }

  /** The exit being handled on hart `hart`, if the VMM is in the middle of one. */
  exitInProgress(hart: number): ExitInProgress | undefined { return this.slots[hart].handling; }

  /** The vCPU loaded on hart `hart` (in the guest or in an exit), if any. */
  vcpuOn(hart: number): Vcpu | undefined { return this.slots[hart]?.vcpu; }

  private finish(slot: HartSlot, hd: ExitInProgress): void {
    slot.handling = undefined;
    const vcpu = this.vcpuOf(hd.exit);
    const h = this.hartOf(vcpu);
    if (h && !vcpu.vm.paging.hardwareAssisted) {
      deliverVirtualInterrupt(h, vcpu, this.inGuest(h, vcpu));
      publishShared(h, vcpu);
      hd.cost += (vcpu.vm.paging as ShadowPaging).takeOwedCost(vcpu.vm);
    }
    vcpu.exits++;
    this.charge(vcpu, hd.cost);
    this.record({
      seq: hd.exit.seq, vm: hd.exit.vm, vcpu: hd.exit.vcpu, reason: hd.exit.reason, pc: hd.exit.pc, handler: hd.plan.handler,
      summary: hd.plan.phases[0]?.text ?? hd.plan.handler, cost: hd.cost, time: hd.exit.time, executed: hd.exit.executed,
      gpa: 'gpa' in hd.exit.detail ? hd.exit.detail.gpa : undefined,
    });
  }

  private vcpuOf(e: VmExit): Vcpu { return this.vms[e.vmId - 1].vcpus[e.vcpu]; }

  private charge(v: Vcpu, cost: number): void {
    v.hostInstructions += cost;
    this.machine.spendHostInstructions(cost);
  }

  private record(r: ExitRecord): void {
    this.log.add(r);
    if (!(this.machine.history?.replaying ?? false)) this.onRecord?.(r);
  }

  private opsFor(slot: HartSlot, h: Hart, hd: ExitInProgress): ExitOps {
    const vcpu = slot.vcpu!, vm = vcpu.vm, vmm = this;
    return {
      hart: h, vcpu, vm, exit: hd.exit, sbi: this.sbis[vm.id - 1],
      spend(n) { hd.cost += n; },
      resume(pc) { resumeGuest(h, vcpu, pc, hd.exit.guestPriv); },
      redirect(cause, tval) { redirectToGuest(h, vcpu, cause, tval, hd.exit.pc, hd.exit.guestPriv); },
      mapPage(gpa) {
        if (vm.memory.back(gpa) < 0) return false;
        hd.cost += vm.paging.mapped(vm, gpa);
        return true;
      },
      injectTimer() { vmm.injectTimer(vcpu); },
      halt() { if (!vcpu.wakeable(h)) vcpu.state = 'halted'; },
      yieldHart() { slot.yieldNow = true; },
      fail(message) { vm.end('failed', 1, message); },
      tae: vm.paging.hardwareAssisted ? undefined : trapAndEmulateOps(h, vcpu, () => this.machine.mtime()),
    };
  }

  /** Backs a guest page and maps it for the hardware. False when host memory is exhausted. */
  mapPage(vm: Vm, gpa: number): boolean {
    if (vm.memory.back(gpa) < 0) return false;
    vm.paging.mapped(vm, gpa);
    return true;
  }

  private injectTimer(v: Vcpu): void {
    const h = this.hartOf(v);
    if ((v.pending(h) & VSTIP) === 0) this.injected(v, 'VSTI', 'sbi timer');
    v.setPending(h, VSTIP, true);
    if (v.state === 'halted' && v.wakeable(h)) this.wake(v);
  }

  // ---- scheduling ----

  /** Unloads a vCPU that cannot go on and loads the next runnable one; returns the one it loaded, if any. */
  private schedule(slot: HartSlot, h: Hart): Vcpu | undefined {
    const now = this.machine.mtime();
    let cur = slot.vcpu;
    if (cur && (cur.state !== 'running' || slot.yieldNow || cur.vm.state !== 'running')) {
      slot.yieldNow = false;
      this.unload(slot, h, cur);
      cur = undefined;
    }
    let loaded: Vcpu | undefined;
    if (!cur) {
      const runnable = this.vcpus.filter((v) => v.state === 'runnable');
      const next = this.scheduler.pick(h.id, runnable, this.vcpus);
      if (next) {
        next.load(h);
        this.sbis[next.vm.id - 1].resumed(next, h);
        if (!next.vm.paging.hardwareAssisted) deliverVirtualInterrupt(h, next, this.inGuest(h, next));
        slot.vcpu = next;
        slot.sliceEnd = now + this.scheduler.sliceTicks;
        loaded = next;
      }
    }
    h.waiting = slot.vcpu === undefined;
    if (h.waiting) { h.hvip = 0; h.mip &= ~0x444; }
    return loaded;
  }

  private unload(slot: HartSlot, h: Hart, v: Vcpu): void {
    if (h.virt || !v.vm.paging.hardwareAssisted) v.save(h);
    else { h.virt = true; v.save(h); h.virt = false; }
    if (v.state === 'running') v.state = 'runnable';
    h.calls = slot.hostCalls;
    h.virt = false; h.priv = PRV_S; h.pc = VMM_VECTOR;
    h.contextChanged();
    slot.vcpu = undefined;
    slot.sliceEnd = Infinity;
  }

  // ---- VmHost / VmSbiHost ----

  mtime(): number { return this.machine.mtime(); }

  hartOf(v: Vcpu): Hart | undefined {
    return v.hart >= 0 && this.slots[v.hart].vcpu === v ? this.machine.harts[v.hart] : undefined;
  }

  wake(v: Vcpu): void {
    if (v.state === 'halted' || v.state === 'stopped') v.state = 'runnable';
    if (v.hsm === HsmState.Suspended) this.sbis[v.vm.id - 1].resumed(v, this.hartOf(v));
    for (const h of this.machine.harts) if (!this.slots[h.id].vcpu) h.waiting = false;
  }

  injected(v: Vcpu, irq: 'VSSI' | 'VSTI' | 'VSEI', source: string): void {
    const h = this.hartOf(v);
    if (h && !v.vm.paging.hardwareAssisted && this.inGuest(h, v)) {
      // No hardware delivers a deprivileged guest's interrupts: exit it so the VMM can.
      const slot = this.slots[h.id];
      if (!slot.handling && !slot.hostInterrupt) slot.hostInterrupt = 'irq';
    }
    this.charge(v, COST.inject);
    this.record({
      seq: ++this.seq, vm: v.vm.name, vcpu: v.index, reason: 'interrupt-injection', pc: v.register(h, 32), handler: 'irq.inject',
      summary: `${irq} injected (${source})`, cost: COST.inject, time: this.machine.mtime(), executed: this.machine.executed,
    });
  }

  emit(e: DeviceEvent): void { this.machine.emitDeviceEvent(e); }

  vmEnded(vm: Vm): void {
    for (const v of vm.vcpus) {
      const h = this.hartOf(v);
      if (h) this.slots[h.id].yieldNow = true;
    }
    if (this.vms.every((x) => x.state !== 'running')) {
      const failed = this.vms.find((x) => x.state === 'failed' || x.exitCode !== 0);
      this.machine.emitDeviceEvent({ kind: 'exit', device: 'vmm', code: failed ? failed.exitCode || 1 : 0 });
    }
  }

  machineId(which: 'mvendorid' | 'marchid' | 'mimpid'): number {
    return this.machine.readCsr(0, which === 'mvendorid' ? 0xf11 : which === 'marchid' ? 0xf12 : 0xf13) ?? 0;
  }

  redirectToGuest(v: Vcpu, cause: number, tval: number): void {
    const h = this.hartOf(v);
    if (!h) return;
    const hd = this.slots[h.id].handling;
    redirectToGuest(h, v, cause, tval, hd ? hd.exit.pc : h.pc, hd ? hd.exit.guestPriv : h.priv);
  }

  flushGuestTranslations(vm: Vm, asid: number | undefined): void {
    for (const h of this.machine.harts) { h.gmmu?.flushVvma(vm.id, undefined, asid); h.guestTlb.flush(); }
  }

  rebootVm(vm: Vm): void {
    for (const v of vm.vcpus) { const h = this.hartOf(v); if (h) this.slots[h.id].yieldNow = true; }
    vm.boot(this.machine.mtime());
  }

  // ---- snapshot ----

  snapshot(): unknown {
    return {
      seq: this.seq, pool: this.pool.snapshot(), scheduler: this.scheduler.snapshot(), log: this.log.snapshot(),
      asids: this.asids.snapshot(), shadow: this.shadow.snapshot(), paravirt: this.paravirt.snapshot(),
      vms: this.vms.map((vm) => vm.snapshot()),
      slots: this.slots.map((s) => ({ vcpu: s.vcpu ? [s.vcpu.vm.id, s.vcpu.index] : null, sliceEnd: s.sliceEnd, hostInterrupt: s.hostInterrupt ?? null, yieldNow: s.yieldNow, hostCalls: s.hostCalls.save() })),
    };
  }

  restore(state: unknown): void {
    const s = state as { seq: number; pool: Parameters<HostFramePool['restore']>[0]; scheduler: unknown; log: unknown; asids: number; shadow: unknown; paravirt: unknown; vms: unknown[];
      slots: { vcpu: [number, number] | null; sliceEnd: number | null; hostInterrupt: 'timer' | 'preempt' | 'irq' | null; yieldNow: boolean; hostCalls: ReturnType<ShadowStack['save']> }[] };
    this.seq = s.seq;
    this.pool.restore(s.pool);
    this.scheduler.restore(s.scheduler);
    this.log.restore(s.log);
    this.vms.forEach((vm, i) => vm.restore(s.vms[i]));
    this.asids.restore(s.asids);
    this.shadow.restore(s.shadow, this.vms);
    this.paravirt.restore(s.paravirt, this.vms);
    s.slots.forEach((x, i) => {
      const slot = this.slots[i], h = this.machine.harts[i];
      slot.handling = undefined;
      slot.vcpu = x.vcpu ? this.vms[x.vcpu[0] - 1].vcpus[x.vcpu[1]] : undefined;
      slot.sliceEnd = x.sliceEnd ?? Infinity;
      slot.hostInterrupt = x.hostInterrupt ?? undefined;
      slot.yieldNow = x.yieldNow;
      slot.hostCalls.restore(x.hostCalls);
      // The hart's registers came back with the machine; its call stack and how it reports
      // traps are the loaded vCPU's.
      h.calls = slot.vcpu ? slot.vcpu.calls : slot.hostCalls;
      h.endSliceOnTrap = slot.vcpu !== undefined && !slot.vcpu.vm.paging.hardwareAssisted;
    });
  }
}
