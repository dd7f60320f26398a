import { Breakpoints } from '../cpu/breakpoints';
import { CodeCache } from '../cpu/codeCache';
import { Hart, PRV_M, TrapInfo } from '../cpu/hart';
import { csrValue, readCsr, writeCsr } from '../cpu/csrFile';
import { HartState, restoreHart, saveHart } from '../cpu/hartState';
import { execute } from '../cpu/interpreter';
import { Watchpoints } from '../cpu/memoryAccess';
import { BootRom } from '../devices/bootRom';
import { Clint } from '../devices/clint';
import { DeviceEvent, HartInterruptLines, MachineClock, MmioDevice } from '../devices/device';
import { createHtif } from '../devices/htif';
import { Plic } from '../devices/plic';
import { TestFinisher } from '../devices/testFinisher';
import { Uart16550 } from '../devices/uart16550';
import type { ElfImage } from '../loader/elf';
import { Bus } from './bus';
import { IRQ, VIRT } from './virtLayout';
import { virtDeviceTree, virtIsaString } from './virtDeviceTree';
import { History, HistoryOptions } from './history';
import { BuiltinSbi } from '../sbi/firmware';
import type { HostHypervisor, HostServices } from './hostHypervisor';

export interface MachineConfig {
  /** DRAM size in bytes (default 128 MiB). */
  memory?: number;
  harts?: number;
  /** Retired instructions per mtime tick: 100 matches QEMU's `-icount shift=0` (1 ns/insn, 10 MHz timer). */
  insnsPerTick?: number;
  /** Instructions each hart runs before the next gets its turn, when there are several. */
  quantum?: number;
  /** 'spec' (default) or 'qemu-7.2': follow QEMU 7.2 where it departs from the spec (cpu/quirks.ts). */
  compat?: 'spec' | 'qemu-7.2';
  /**
   * 'none' (default): bare metal, harts start in M-mode at the image entry. 'builtin': a
   * built-in SBI (src/engine/sbi) stands in for OpenSBI in M-mode; hart 0 starts in S-mode at
   * the entry with a0 = hartid, a1 = device tree; other harts wait for sbi_hart_start.
   */
  sbi?: 'none' | 'builtin';
  /**
   * Implement the hypervisor extension (misa.H): V mode, the H and VS CSRs, two-stage
   * translation. Default true, as on QEMU 7.2's rv32 CPU; false gives the hart without H.
   */
  hypervisor?: boolean;
}

export interface MachineState {
  harts: HartState[];
  devices: Record<string, unknown>;
  cycles: number;
  executed: number;
  turn: number;
  turnLeft: number;
  exitCode: number | undefined;
}

export interface MachineSnapshot extends MachineState {
  ram: Uint8Array;
}

/** Why run() returned. */
export type StopEvent =
  | { kind: 'exit'; code: number }
  | { kind: 'breakpoint'; hart: number; pc: number }
  | { kind: 'watchpoint'; hart: number; pc: number; id: number; addr: number; width: number; write: boolean; value: number }
  | { kind: 'trap'; hart: number; trap: TrapInfo }
  /** The hypervisor stopped in a VM exit: at the exit itself, or before its handler runs (phase index). */
  | { kind: 'vm-exit'; hart: number; seq: number; phase: number; why: 'exit' | 'handler' }
  | { kind: 'budget' }
  | { kind: 'idle' }
  | { kind: 'pause' };

export type MachineEvent = DeviceEvent | { kind: 'trap'; trap: TrapInfo };

/** MIP bits that devices drive (the CPU's CSR writes never touch them). */
const MIP_MSIP = 1 << IRQ.MSI, MIP_MTIP = 1 << IRQ.MTI, MIP_MEIP = 1 << IRQ.MEI, MIP_SEIP = 1 << IRQ.SEI;

/**
 * A QEMU-virt board: harts, bus, CLINT, PLIC, UART, test finisher, boot ROM and (when the image
 * defines tohost) HTIF. Time is derived from retired instructions, so runs are deterministic.
 */
export class Machine implements MachineClock, HartInterruptLines, HostServices {
  readonly bus: Bus;
  readonly harts: Hart[] = [];
  readonly code: CodeCache;
  readonly clint: Clint;
  readonly plic: Plic;
  readonly uart: Uart16550;
  /** The built-in SBI firmware (config sbi: 'builtin'), else undefined. */
  readonly sbi: BuiltinSbi | undefined;
  /** Breakpoints and watchpoints of the host context (V=0: M, HS/S, U) by virtual address. */
  readonly breakpoints = new Breakpoints();
  readonly watchpoints = new Watchpoints();
  /** Breakpoints and watchpoints of the guest context (V=1: VS, VU) by guest-virtual address. */
  readonly guestBreakpoints = new Breakpoints();
  readonly guestWatchpoints = new Watchpoints();
  readonly insnsPerTick: number;
  readonly quantum: number;
  image: ElfImage | undefined;
  /** Machine time in instruction units; mtime = floor(cycles / insnsPerTick). */
  private cycles = 0;
  /** The timeline: instructions executed (retired or trapped) by all harts since reset. */
  executed = 0;
  /** Round-robin position: whose turn it is and how much of the turn is left. */
  private turn = 0;
  private turnLeft = Infinity;
  /** Checkpoints for time travel, when enabled. */
  history: History | undefined;
  private activeHart: Hart | undefined;
  private exitCode: number | undefined;
  private pauseRequested = false;
  private listeners: ((e: MachineEvent) => void)[] = [];
  private extraDevices: MmioDevice[] = [];
  /** Host-code hypervisor (the VMM) owning HS-mode, when attached. */
  hypervisor: HostHypervisor | undefined;
  private bootRom: BootRom | undefined;

  constructor(config: MachineConfig = {}) {
    const memory = config.memory ?? VIRT.defaultDramSize;
    const nharts = config.harts ?? 1;
    if (!Number.isInteger(nharts) || nharts < 1 || nharts > 8) throw new Error(`harts must be 1..8 (got ${nharts})`);
    this.insnsPerTick = config.insnsPerTick ?? 100;
    this.quantum = config.quantum ?? 1000;
    this.bus = new Bus(VIRT.dramBase, memory);
    this.code = new CodeCache(this.bus);
    const emit = (e: DeviceEvent): void => this.deviceEvent(e);
    this.clint = new Clint(VIRT.clintBase, nharts, this, this);
    this.plic = new Plic(VIRT.plicBase, nharts, this);
    this.uart = new Uart16550('uart0', VIRT.uart0Base, this.plic, VIRT.uart0Irq, emit, this);
    this.bus.addDevice(new TestFinisher(VIRT.testBase, emit));
    this.bus.addDevice(this.clint);
    this.bus.addDevice(this.plic);
    this.bus.addDevice(this.uart);
    const exts = (config.hypervisor ?? true) ? ['A', 'C', 'H', 'I', 'M', 'S', 'U'] : ['A', 'C', 'I', 'M', 'S', 'U'];
    const misa = (1 << 30) | exts.reduce((m, e) => m | (1 << (e.charCodeAt(0) - 65)), 0);
    for (let i = 0; i < nharts; i++) {
      const h = new Hart(i, this.bus, this.code, misa, () => this.mtime() + this.clintOffset());
      h.setContexts(this.breakpoints, this.guestBreakpoints, this.watchpoints, this.guestWatchpoints);
      h.qemuCompat = config.compat === 'qemu-7.2';
      h.onTrap = undefined;
      this.harts.push(h);
    }
    this.sbi = config.sbi === 'builtin' ? new BuiltinSbi(this) : undefined;
    this.clint.updateTimers();
  }

  // ---- MachineClock / HartInterruptLines ----

  mtime(): number {
    const h = this.activeHart;
    const progress = h ? h.sliceBudget - h.insnsLeft : 0;
    return Math.floor((this.cycles + progress) / this.insnsPerTick);
  }

  /** The CLINT's mtime includes software writes to mtime; the time CSR reads the same value. */
  private clintOffset(): number {
    const lo = this.clint.read(0xbff8, 4), hi = this.clint.read(0xbffc, 4);
    return lo + hi * 4294967296 - this.mtime();
  }

  setHartIrq(hartId: number, mipBit: number, level: boolean): void {
    const h = this.harts[hartId];
    if (!h) return;
    const m = 1 << mipBit;
    h.mip = level ? (h.mip | m) : (h.mip & ~m);
  }

  // ---- events ----

  on(listener: (e: MachineEvent) => void): () => void {
    this.listeners.push(listener);
    for (const h of this.harts) h.onTrap = (trap) => this.emit({ kind: 'trap', trap });
    return () => { this.listeners = this.listeners.filter((l) => l !== listener); };
  }

  private emit(e: MachineEvent): void {
    if (this.history?.replaying) return; // re-execution must not print or report twice
    for (const l of this.listeners) l(e);
  }

  emitDeviceEvent(e: DeviceEvent): void { this.deviceEvent(e); }

  spendHostInstructions(n: number): void { this.cycles += n; }

  /**
   * Attaches host-code hypervisor software and resets the machine so it boots its guests. The
   * machine then needs no image of its own.
   */
  attachHypervisor(hv: HostHypervisor): void {
    this.hypervisor = hv;
    this.resetState();
  }

  private deviceEvent(e: DeviceEvent): void {
    if (e.kind === 'exit') { this.exitCode = e.code; for (const h of this.harts) h.stopRequested = true; }
    else if (e.kind === 'reset') { this.resetRequested = true; for (const h of this.harts) h.stopRequested = true; }
    this.emit(e);
  }
  private resetRequested = false;
  private ramUsed = false;

  // ---- loading and reset ----

  /** Loads an image and resets every hart to the boot ROM (which jumps to the image's entry). */
  load(image: ElfImage): void {
    for (const seg of image.segments) {
      const end = seg.paddr + seg.memsz;
      if (this.bus.ramOffset(seg.paddr) < 0 || (seg.memsz > 0 && this.bus.ramOffset(end - 1) < 0)) {
        throw new Error(`segment at 0x${seg.paddr.toString(16)}..0x${end.toString(16)} is outside memory ` +
          `(DRAM is 0x${VIRT.dramBase.toString(16)}..0x${(VIRT.dramBase + this.bus.ramSize).toString(16)})`);
      }
    }
    if (this.bus.ramOffset(image.entry) < 0) {
      throw new Error(`entry point 0x${image.entry.toString(16)} is outside memory ` +
        `(DRAM is 0x${VIRT.dramBase.toString(16)}..0x${(VIRT.dramBase + this.bus.ramSize).toString(16)})`);
    }
    this.image = image;
    const tohost = image.symbols.find((s) => s.name === 'tohost' && s.bind !== 'local') ?? image.symbols.find((s) => s.name === 'tohost');
    const fromhost = image.symbols.find((s) => s.name === 'fromhost');
    if (tohost) {
      this.extraDevices = createHtif(tohost.value, fromhost?.value, this.bus, (e) => this.deviceEvent(e));
      for (const d of this.extraDevices) this.bus.addDevice(d);
    }
    this.bootRom = new BootRom(VIRT.mromBase, VIRT.mromSize, image.entry, this.fdtAddress());
    this.bus.addDevice(this.bootRom);
    this.resetState();
  }

  /** QEMU places the device tree at the end of DRAM, aligned down to 2 MiB (or 4 KiB in small memories). */
  fdtAddress(): number {
    const end = VIRT.dramBase + this.bus.ramSize, size = this.deviceTree().length;
    const align = this.bus.ramSize >= 4 * 0x200000 ? 0x200000 : 0x1000;
    return Math.floor((end - size) / align) * align;
  }

  /** The board's device tree blob (what a1 points to at entry). */
  deviceTree(): Uint8Array {
    return virtDeviceTree(this.bus.ramSize, this.harts.length, virtIsaString(this.harts[0].hasH));
  }

  private resetState(): void {
    const image = this.image;
    // A fresh ArrayBuffer is already zero; clearing 128 MiB again would cost tens of ms.
    if (this.ramUsed) this.bus.ram.fill(0);
    this.ramUsed = true;
    const fdt = this.deviceTree();
    this.bus.load(this.fdtAddress(), fdt);
    if (image) for (const seg of image.segments) this.bus.load(seg.paddr, seg.data);
    this.code.invalidateAll();
    for (const h of this.harts) { h.reset(VIRT.mromBase); h.retired = 0; h.instretOffset = 0; h.cycleOffset = 0; }
    this.cycles = 0;
    this.executed = 0;
    this.turn = 0;
    this.turnLeft = this.harts.length > 1 ? this.quantum : Infinity;
    this.exitCode = undefined;
    this.resetRequested = false;
    this.clint.reset();
    this.plic.reset();
    this.uart.reset();
    this.clint.updateTimers();
    this.sbi?.boot(image?.entry ?? VIRT.dramBase, this.fdtAddress());
    this.hypervisor?.reset();
  }

  // ---- running ----

  get exited(): number | undefined { return this.exitCode; }

  /** Asks a running run() to return with { kind: 'pause' } at the next block boundary. */
  pause(): void { this.pauseRequested = true; for (const h of this.harts) h.stopRequested = true; }

  /** Total instructions retired by all harts. */
  get instructions(): number { return this.harts.reduce((s, h) => s + h.retired, 0); }

  /**
   * Runs until something stops the machine or `maxInsns` instructions have retired (all harts).
   * Breakpoints hit at the current pc of a hart are skipped once, so run() after a breakpoint
   * stop makes progress.
   */
  run(maxInsns = Infinity): StopEvent {
    for (const h of this.harts) { h.bpSkipPc = h.pc; h.stopReason = undefined; }
    return this.schedule(maxInsns, -1, 0);
  }

  /**
   * Runs until hart `hart` has executed `n` more instructions (an instruction that traps counts).
   * Other harts keep their round-robin turns, so stepping never changes the schedule and a run
   * replays exactly.
   */
  step(hart = 0, n = 1): StopEvent {
    const h = this.harts[hart];
    h.stopReason = undefined;
    h.bpSkipPc = h.pc;
    const r = this.schedule(Infinity, hart, n);
    return r;
  }

  /**
   * The round-robin scheduler. Turn state (whose turn, how much of it is left) persists across
   * calls, so how a run is cut into run()/step() calls never changes which hart runs when.
   * Time: every executed instruction advances the clock; when all harts wait in wfi, time jumps
   * to the next timer event.
   */
  private schedule(maxInsns: number, onlyHart: number, onlyCount: number): StopEvent {
    let remaining = maxInsns, hartLeft = onlyCount;
    this.pauseRequested = false;
    for (;;) {
      if (this.exitCode !== undefined) return { kind: 'exit', code: this.exitCode };
      if (this.resetRequested) { this.resetState(); continue; }
      if (remaining <= 0 || (onlyHart >= 0 && hartLeft <= 0)) return { kind: 'budget' };
      const deadline = this.nextDeadlineCycles();
      if (this.harts.every((h) => h.waiting && (h.mip & h.mie) === 0)) {
        // Every hart waits for an interrupt: let time pass to the next timer event, if any.
        if (deadline === Infinity) return { kind: 'idle' };
        this.cycles = Math.max(this.cycles, deadline);
        this.updateDevices();
        continue;
      }
      const h = this.harts[this.turn];
      if (this.turnLeft <= 0 || (h.waiting && (h.mip & h.mie) === 0)) { this.nextTurn(); continue; }
      if (this.hypervisor) {
        // VM exits are handled, and vCPUs scheduled, between slices; a vCPU put on the hart
        // brings a deadline of its own (the end of its time slice).
        const stop = this.hypervisor.service(h);
        if (stop) return stop;
        if (h.waiting && (h.mip & h.mie) === 0) { this.turnLeft = 0; continue; }
      }
      let slice = Math.min(this.turnLeft, remaining, 1 << 24);
      if (onlyHart === h.id) slice = Math.min(slice, hartLeft);
      const due = this.hypervisor ? this.nextDeadlineCycles() : deadline;
      if (due !== Infinity) slice = Math.max(1, Math.min(slice, due - this.cycles));
      const eventAt = this.history?.nextEventAt(this.executed) ?? Infinity;
      if (eventAt !== Infinity) slice = Math.max(1, Math.min(slice, eventAt - this.executed));
      this.activeHart = h;
      const ran = execute(h, slice);
      this.activeHart = undefined;
      this.cycles += ran;
      this.executed += ran;
      this.turnLeft -= ran;
      remaining -= ran;
      if (onlyHart === h.id) hartLeft -= ran;
      if (h.waiting) this.turnLeft = 0;
      this.updateDevices();
      this.history?.afterSlice(this.executed);
      const stop = this.stopOf(h) ?? this.hypervisor?.service(h);
      if (stop) return stop;
    }
  }

  private nextTurn(): void {
    this.turn = (this.turn + 1) % this.harts.length;
    this.turnLeft = this.harts.length > 1 ? this.quantum : Infinity;
  }

  private stopOf(h: Hart): StopEvent | undefined {
    if (!h.stopRequested) return undefined;
    h.stopRequested = false;
    if (this.exitCode !== undefined) return { kind: 'exit', code: this.exitCode };
    if (this.resetRequested) return undefined;
    if (h.stopReason === 'breakpoint') { h.stopReason = undefined; return { kind: 'breakpoint', hart: h.id, pc: h.pc >>> 0 }; }
    const set = this.watchpoints.hit ? this.watchpoints : this.guestWatchpoints;
    const wp = set.hit;
    if (wp) { set.hit = undefined; return { kind: 'watchpoint', hart: h.id, pc: h.pc >>> 0, ...wp }; }
    if (this.pauseRequested) { this.pauseRequested = false; for (const o of this.harts) o.stopRequested = false; return { kind: 'pause' }; }
    if (h.lastTrap) { const trap = h.lastTrap; h.lastTrap = undefined; return { kind: 'trap', hart: h.id, trap }; }
    return undefined;
  }

  private nextDeadlineCycles(): number {
    const t = Math.min(this.clint.nextTimerDeadline(), this.uart.nextTimerDeadline(), this.hypervisor?.nextDeadline() ?? Infinity);
    return t === Infinity ? Infinity : t * this.insnsPerTick;
  }

  private updateDevices(): void {
    this.clint.updateTimers();
    this.uart.updateTimers();
    this.hypervisor?.updateTimers(this.mtime());
  }

  /** The instruction bits at virtual `pc` for hart `hart`, without side effects (undefined if unmapped). */
  peekInstruction(hart: number, pc: number): number | undefined {
    const pa = this.harts[hart].translateForDebugger(pc);
    if (pa < 0) return undefined;
    const lo = this.bus.read(pa, 2);
    if (this.bus.fault) return undefined;
    if ((lo & 3) !== 3) return lo;
    const hi = this.bus.read(pa + 2, 2);
    return this.bus.fault ? undefined : (lo | (hi << 16)) >>> 0;
  }

  // ---- debugger access: no privilege checks, no device side effects ----

  /** Reads a CSR as M-mode would, without side effects; undefined when it does not exist. */
  readCsr(hart: number, num: number): number | undefined {
    const h = this.harts[hart];
    const saved = h.priv, savedV = h.virt;
    h.priv = PRV_M; h.virt = false; // M-mode always runs with V=0: S CSR names mean the HS ones
    const ok = readCsr(h, num);
    h.priv = saved; h.virt = savedV;
    return ok ? csrValue[0] >>> 0 : undefined;
  }

  /** Writes a CSR as M-mode would; false when it does not exist or is read-only. */
  writeCsr(hart: number, num: number, value: number): boolean {
    const h = this.harts[hart];
    const saved = h.priv, savedV = h.virt;
    h.priv = PRV_M; h.virt = false;
    const ok = writeCsr(h, num, value | 0);
    h.priv = saved; h.virt = savedV;
    h.contextChanged();
    return ok;
  }

  /**
   * Reads `length` bytes for a debugger. `virtual` addresses translate in the hart's current
   * context without touching A/D bits. Only RAM and ROM are read (reading a device register
   * could change it); the result stops at the first byte that is not memory.
   */
  readMemory(address: number, length: number, opts: { virtual?: boolean; hart?: number } = {}): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const pa = this.debugPhysical(address + i, opts);
      if (pa < 0) return out.subarray(0, i);
      const off = this.bus.ramOffset(pa);
      if (off >= 0) { out[i] = this.bus.ram[off]; continue; }
      const dev = this.bus.deviceAt(pa);
      if (!dev || !(dev as { executable?: boolean }).executable) return out.subarray(0, i);
      out[i] = dev.read(pa - dev.base, 1);
    }
    return out;
  }

  /** Writes bytes for a debugger (RAM only); returns how many were written. Keeps the code cache coherent. */
  writeMemory(address: number, data: Uint8Array, opts: { virtual?: boolean; hart?: number } = {}): number {
    for (let i = 0; i < data.length; i++) {
      const pa = this.debugPhysical(address + i, opts);
      const off = pa < 0 ? -1 : this.bus.ramOffset(pa);
      if (off < 0) return i;
      this.bus.noteWrite(off);
      this.bus.ram[off] = data[i];
      if (this.code.hasCode[off >>> 12]) this.code.invalidate(pa, 1);
    }
    return data.length;
  }

  private debugPhysical(address: number, opts: { virtual?: boolean; hart?: number }): number {
    const a = address >>> 0;
    return opts.virtual ? this.harts[opts.hart ?? 0].translateForDebugger(a) : a;
  }

  /** Turns on time travel: checkpoints from now on (see History). */
  enableHistory(opts: HistoryOptions = {}): History {
    if (!this.history) this.history = new History(this, opts);
    return this.history;
  }

  /**
   * For re-execution: turn breakpoints/watchpoints of both contexts (when `all`) and trap stops
   * off; returns what to give resumeStops().
   */
  suspendStops(all: boolean): { all: boolean; exc: number[]; irq: number[] } {
    const saved = { all, exc: this.harts.map((h) => h.stopOnException), irq: this.harts.map((h) => h.stopOnInterrupt) };
    for (const h of this.harts) {
      if (all) h.setContexts(NO_BREAKPOINTS, NO_BREAKPOINTS, NO_WATCHPOINTS, NO_WATCHPOINTS);
      h.stopOnException = 0; h.stopOnInterrupt = 0;
    }
    return saved;
  }

  resumeStops(s: { all: boolean; exc: number[]; irq: number[] }): void {
    this.harts.forEach((h, i) => {
      if (s.all) h.setContexts(this.breakpoints, this.guestBreakpoints, this.watchpoints, this.guestWatchpoints);
      h.stopOnException = s.exc[i]; h.stopOnInterrupt = s.irq[i];
    });
  }

  /** Keystrokes from the user's terminal go to UART RX (and into the history, when it records). */
  sendInput(bytes: ArrayLike<number>): void {
    if (this.history) { this.history.recordInput(bytes); }
    this.injectInput(bytes);
  }

  /** Delivers input to the devices without recording it (history replays through this). */
  injectInput(bytes: ArrayLike<number>): void {
    if (this.hypervisor) { this.hypervisor.receiveInput(bytes); return; }
    this.uart.receive(bytes);
    for (const d of this.extraDevices) (d as { htif?: { receive(b: ArrayLike<number>): void } }).htif?.receive(bytes);
  }

  /**
   * The whole machine state: harts, RAM, devices, clock and schedule. RAM is copied, so a
   * snapshot is independent of later execution.
   */
  snapshot(): MachineSnapshot {
    return { ...this.saveState(), ram: this.bus.ram.slice() };
  }

  restore(s: MachineSnapshot): void {
    if (s.ram.length !== this.bus.ram.length) throw new Error(`snapshot has ${s.ram.length} bytes of RAM, machine has ${this.bus.ram.length}`);
    this.bus.ram.set(s.ram);
    this.restoreState(s);
  }

  /** Everything but RAM (time travel keeps RAM as undo pages instead). */
  saveState(): MachineState {
    const devices: Record<string, unknown> = {};
    for (const d of this.bus.listDevices()) devices[`${d.name}@${d.base.toString(16)}`] = d.snapshot();
    if (this.sbi) devices.sbi = this.sbi.snapshot();
    if (this.hypervisor) devices.hypervisor = this.hypervisor.snapshot();
    return {
      harts: this.harts.map(saveHart), devices, cycles: this.cycles, executed: this.executed,
      turn: this.turn, turnLeft: this.turnLeft, exitCode: this.exitCode,
    };
  }

  /** Restores everything but RAM; the caller has put RAM back. */
  restoreState(s: MachineState): void {
    if (s.harts.length !== this.harts.length) throw new Error(`snapshot has ${s.harts.length} harts, machine has ${this.harts.length}`);
    for (const d of this.bus.listDevices()) {
      const key = `${d.name}@${d.base.toString(16)}`;
      if (key in s.devices) d.restore(s.devices[key]);
    }
    if (this.sbi && 'sbi' in s.devices) this.sbi.restore(s.devices.sbi);
    this.harts.forEach((h, i) => restoreHart(h, s.harts[i]));
    if (this.hypervisor && 'hypervisor' in s.devices) this.hypervisor.restore(s.devices.hypervisor);
    this.cycles = s.cycles;
    this.executed = s.executed;
    this.turn = s.turn;
    this.turnLeft = s.turnLeft;
    this.exitCode = s.exitCode;
    this.resetRequested = false;
    this.code.invalidateAll();
  }

  /** Stops on traps of these causes (exceptions and interrupts by cause number). */
  stopOnTraps(exceptions: number[], interrupts: number[]): void {
    const em = exceptions.reduce((m, c) => m | (1 << c), 0), im = interrupts.reduce((m, c) => m | (1 << c), 0);
    for (const h of this.harts) { h.stopOnException = em; h.stopOnInterrupt = im; }
  }

  /** Trap counts over all harts: { "cause name or number": count }. */
  trapCounts(): { exceptions: number[]; interrupts: number[] } {
    const exceptions = new Array<number>(32).fill(0), interrupts = new Array<number>(32).fill(0);
    for (const h of this.harts) for (let i = 0; i < 32; i++) { exceptions[i] += h.trapCounts[i]; interrupts[i] += h.trapCounts[32 + i]; }
    return { exceptions, interrupts };
  }
}

export { MIP_MSIP, MIP_MTIP, MIP_MEIP, MIP_SEIP };

const NO_BREAKPOINTS = new Breakpoints();
const NO_WATCHPOINTS = new Watchpoints();
