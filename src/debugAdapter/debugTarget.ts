import * as fs from 'fs';
import { TextDecoder } from 'util';
import { TrapInfo } from '../engine/cpu/hart';
import { FrameKind } from '../engine/cpu/shadowStack';
import { csrByName } from '../engine/isa/csrs';
import type { History } from '../engine/machine/history';
import { Machine, MachineConfig } from '../engine/machine/machine';
import { LineTable } from '../engine/asm';
import { createVmmMachine, Vmm, VmSpec } from '../engine/vmm';
import { EvalContext, evaluateExpression, Value } from './expressions';
import { Context, isGuestContext, LaunchConfig, vmOfContext } from './launchConfig';
import { AddressSpace, formatMemoryRef, MemoryRef, parseVcpuName, RefOwner } from './memoryReference';
import { ContextView, LoadedProgram, loadProgram } from './programLoader';
import { PC, registerIndex } from './registers';
import { p2mTranslate, walkThroughP2m } from './shadowWalk';
import { SymbolTable } from './symbolTable';
import { TwoStageWalk, walkGStage, walkTwoStage } from './twoStageWalk';
import { VmConsoleLines } from './vmConsoleLines';
import { VmmThreads } from './vmmThreads';

/**
 * The thing being debugged: the Machine, the program loaded into it (images, line tables,
 * symbols, sources) and the debugger's view of its state (registers and CSRs by name, memory in
 * any address space, expression evaluation, UART output as text). The DAP session and the run
 * controller talk to the machine through this.
 *
 * With the hypervisor extension a hart runs in one of two contexts: the hypervisor's (V=0: M,
 * HS, U) or the guest's (V=1: VS, VU). Each has its own line table and symbols (the images
 * tagged with it); addresses a hart executes are looked up in the context it runs in. Guest
 * addresses translate through the debugger's own two-stage walk (twoStageWalk.ts), which,
 * unlike the hart's, sets no A/D bits.
 *
 * With "vms" in launch.json the machine runs the built-in VMM (engine/vmm) and the debugger's
 * threads are its vCPUs, not the harts (`VmmThreads`): every method that takes a `thread` then
 * means vCPU `thread` (in the VMM's order), wherever its state is, and each VM is a context of
 * its own (`vm:NAME`). Without "vms" a thread is a hart.
 */

/** The result of translating an address for the debugger: a host-physical address or why not. */
export type Translation = { pa: number; error?: undefined } | { pa?: undefined; error: string };

/** Instructions between time-travel checkpoints: a step back re-executes at most this many. */
const HISTORY_INTERVAL = 200_000;

export class LaunchFailure extends Error {}

const EMPTY_VIEW: ContextView = { lines: new LineTable([]), symbols: new SymbolTable([]), present: false };

export class DebugTarget {
  readonly machine: Machine;
  /** The built-in VMM, when launch.json has "vms" (panes and the run controller use it too). */
  readonly vmm: Vmm | undefined;
  /** The vCPU threads, with the VMM. */
  readonly vcpus: VmmThreads | undefined;
  readonly history: History | undefined;
  /** Per thread: the trap that pushed the shadow-stack frame at each depth (for frame names). */
  private readonly trapAtDepth: (TrapInfo | undefined)[][];
  private readonly consoles: VmConsoleLines;
  /** Whether a trap came from V=1 (a VM exit when it went to HS or M). */
  private readonly trapFromGuest = new WeakMap<TrapInfo, boolean>();
  private output: number[] = [];
  private readonly decoder = new TextDecoder('utf-8');
  /** While set, UART output is dropped (the run controller re-executes to scan history). */
  muted = false;
  /** Called when UART output is waiting (the session batches it into output events). */
  onOutput: (() => void) | undefined;

  constructor(readonly config: LaunchConfig, readonly program: LoadedProgram) {
    if (program.vms.length > 0) {
      const specs: VmSpec[] = program.vms.map((v) => ({
        name: v.config.name, image: v.image, memory: v.config.memory, vcpus: v.config.vcpus, paging: v.config.paging, mapping: v.config.mapping,
      }));
      try {
        ({ machine: this.machine, vmm: this.vmm } = createVmmMachine(specs, { harts: config.harts, compat: config.compat }));
      } catch (e) {
        throw new LaunchFailure(`launch.json: "vms": ${(e as Error).message}`);
      }
      this.vcpus = new VmmThreads(this.vmm, this.machine);
    } else {
      const mc: MachineConfig & { sbi?: 'none' | 'builtin' } = { memory: config.memory, harts: config.harts, compat: config.compat, hypervisor: config.hypervisor };
      if (config.sbi === 'builtin') mc.sbi = 'builtin';
      this.machine = new Machine(mc);
      if (config.sbi === 'builtin' && (this.machine as { sbi?: unknown }).sbi === undefined) {
        throw new LaunchFailure('launch.json: "sbi": "builtin" SBI not available yet in this build of Hyperstep; use "sbi": "none" (bare metal)');
      }
      try {
        this.machine.load(program.image!);
      } catch (e) {
        throw new LaunchFailure(`cannot load ${program.files.join(', ')}: ${(e as Error).message}`);
      }
    }
    this.trapAtDepth = Array.from({ length: this.threadCount }, () => []);
    this.consoles = new VmConsoleLines((this.vmm?.vms.length ?? 1) > 1);
    this.machine.on((e) => {
      if (e.kind === 'uart-tx') {
        if (this.muted) return;
        const before = this.output.length;
        this.consoles.push(e.device.split('.')[0], e.byte, this.output);
        if (before === 0) this.onOutput?.();
      } else if (e.kind === 'trap') {
        const thread = this.vcpus ? this.vcpus.threadOnHart(e.trap.hart) : e.trap.hart;
        if (thread === undefined) return;
        const calls = this.machine.harts[e.trap.hart].calls;
        this.trapFromGuest.set(e.trap, e.trap.fromVirt);
        const d = calls.depth;
        if (d > 0 && d <= 1024 && calls.kind[d - 1] === FrameKind.Trap) this.trapAtDepth[thread][d - 1] = e.trap;
      }
    });
    if (!this.vmm) this.runBootRom();
    this.history = config.timeTravel ? this.machine.enableHistory({ interval: HISTORY_INTERVAL }) : undefined;
  }

  static launch(config: LaunchConfig): DebugTarget {
    return new DebugTarget(config, loadProgram(config));
  }

  /** Runs hart 0 through the boot ROM's reset vector, so the program starts at its entry. */
  private runBootRom(): void {
    const entry = this.entry, h = this.machine.harts[0];
    for (let i = 0; i < 64 && (h.pc >>> 0) !== entry; i++) {
      const r = this.machine.step(0, 1);
      if (r.kind === 'exit') break;
    }
  }

  get entry(): number { return (this.program.image?.entry ?? this.program.vms[0]?.image.entry ?? 0) >>> 0; }
  get hartCount(): number { return this.machine.harts.length; }
  /** Debugger threads: the vCPUs under the VMM, else the harts. */
  get threadCount(): number { return this.vcpus ? this.vcpus.count : this.machine.harts.length; }
  threadName(thread: number): string { return this.vcpus ? this.vcpus.name(thread) : `hart ${thread}`; }
  /** The harts implement the hypervisor extension. */
  get hasH(): boolean { return this.machine.harts[0].hasH; }

  // ---- contexts ----

  /** The context thread `thread` runs in now (a vCPU: its VM's). */
  contextOf(thread: number): Context {
    if (this.vcpus) return this.vcpus.context(thread);
    return this.machine.harts[thread].virt ? 'guest' : 'hypervisor';
  }

  /** The context of the code hart `hart` runs now (for breakpoint hits reported by hart). */
  contextOfHart(hart: number): Context | undefined {
    if (!this.vcpus) return this.contextOf(hart);
    const t = this.vcpus.guestOnHart(hart);
    return t !== undefined ? this.vcpus.context(t) : undefined;
  }

  /**
   * Whether code of `context` runs with V=0 on the hart: the hypervisor's, and under the built-in
   * VMM a deprivileged VM's (shadow or paravirtual paging: its kernel runs in U-mode), whose
   * breakpoints and watchpoints are therefore the host context's (by its guest-virtual address,
   * which is the hart's virtual address under the shadow table).
   */
  runsWithoutV(context: Context): boolean {
    if (context === 'hypervisor') return true;
    const vm = this.vmm?.vmByName(vmOfContext(context) ?? '');
    return vm !== undefined && !vm.paging.hardwareAssisted;
  }

  /** The thread hart `hart` runs now (under the VMM: its vCPU; undefined when it has none). */
  threadOfHart(hart: number): number | undefined { return this.vcpus ? this.vcpus.threadOnHart(hart) : hart; }

  view(context: Context): ContextView { return this.program.contexts[context] ?? EMPTY_VIEW; }

  /** Every context that has code (for binding breakpoints): hypervisor and guest, or the VMs. */
  contexts(): Context[] {
    if (this.vcpus) return this.program.vms.map((v) => v.config.image.context);
    return ['hypervisor', 'guest'];
  }


  /** Whether `trap` came from V=1 (known for traps seen live; undefined for others). */
  trapFromV(trap: TrapInfo): boolean | undefined { return this.trapFromGuest.get(trap); }


  /** UART output since the last call, as text (multi-byte UTF-8 sequences may span calls). */
  takeOutput(): string {
    if (this.output.length === 0) return '';
    const bytes = Uint8Array.from(this.output);
    this.output = [];
    return this.decoder.decode(bytes, { stream: true });
  }

  sendInput(bytes: Uint8Array): void { this.machine.sendInput(bytes); }

  // ---- source mapping ----

  location(address: number, context: Context): { file: string; line: number; column: number } | undefined {
    return this.view(context).lines.locate(address >>> 0);
  }

  private readonly sourceSeen = new Map<string, boolean>();

  /** Whether the editor can open `file` (line tables may name files that are not on this disk). */
  hasSource(file: string): boolean {
    let ok = this.sourceSeen.get(file);
    if (ok === undefined) {
      ok = this.program.sources.has(file) || fs.existsSync(file);
      this.sourceSeen.set(file, ok);
    }
    return ok;
  }

  // ---- state by name ----

  readRegister(thread: number, index: number): number {
    if (this.vcpus) return this.vcpus.register(thread, index);
    const h = this.machine.harts[thread];
    return index === PC ? h.pc >>> 0 : h.x[index] | 0;
  }

  /**
   * Applies a change made by the debugger. With time travel on, the history records it so that
   * re-execution through this point repeats it (stepping back and forward keeps the change).
   */
  private edit(apply: () => void): void {
    if (this.history) this.history.recordEdit(apply);
    else apply();
  }

  writeRegister(thread: number, index: number, value: number): void {
    if (index === 0) throw new Error('x0 (zero) is hardwired to 0');
    const v = value | 0;
    const vcpus = this.vcpus;
    if (vcpus) {
      vcpus.setRegister(thread, index, vcpus.register(thread, index)); // refuses what cannot be changed, before it is recorded
      this.edit(() => vcpus.setRegister(thread, index, v));
      return;
    }
    const h = this.machine.harts[thread];
    this.edit(index === PC ? () => { h.pc = v; } : () => { h.x[index] = v; });
  }

  readCsrByName(thread: number, name: string): number | undefined {
    if (this.vcpus) return this.vcpus.csr(thread, name.toLowerCase());
    const spec = csrByName(name.toLowerCase());
    return spec ? this.machine.readCsr(thread, spec.num) : undefined;
  }

  writeCsrByName(thread: number, name: string, value: number): void {
    const vcpus = this.vcpus;
    if (vcpus) {
      const n = name.toLowerCase(), before = vcpus.csr(thread, n);
      if (before === undefined) throw new Error(`${name} cannot be read or written in ${vcpus.name(thread)} now`);
      vcpus.writeCsr(thread, n, value, true); // throws when it cannot be written
      this.edit(() => vcpus.writeCsr(thread, n, value));
      return;
    }
    const hart = thread;
    const spec = csrByName(name.toLowerCase());
    if (!spec) throw new Error(`unknown CSR '${name}'`);
    // Try it first: a write the CSR refuses is an error, not an edit.
    const m = this.machine, before = m.readCsr(hart, spec.num);
    if (before === undefined || !m.writeCsr(hart, spec.num, value)) throw new Error(`${spec.name} cannot be written (read-only or not implemented)`);
    m.writeCsr(hart, spec.num, before);
    this.edit(() => { m.writeCsr(hart, spec.num, value); });
  }

  // ---- memory in address spaces ----

  /** A physical word read with no side effects (RAM and ROM only), for page-table walks. */
  readonly physicalWord = (pa: number): number | undefined => {
    if (pa < 0 || pa > 2 ** 32 - 4) return undefined;
    const b = this.machine.readMemory(pa, 4);
    return b.length === 4 ? (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0 : undefined;
  };

  /** vsatp, hgatp and vsstatus of thread `thread`: a hart's, or a vCPU's (its VM's hgatp; Bare for a deprivileged VM, which has none). */
  guestTranslation(thread: number): { vsatp: number; hgatp: number; vsstatus: number } {
    if (this.vcpus) return { vsatp: this.vcpus.vsatp(thread), hgatp: this.vcpus.hgatp(thread) ?? 0, vsstatus: this.vcpus.vsstatus(thread) };
    const h = this.machine.harts[thread];
    return { vsatp: h.vsatp >>> 0, hgatp: h.hgatp >>> 0, vsstatus: h.vsstatus >>> 0 };
  }

  /** The guest-virtual walk under thread `thread`'s vsatp and hgatp. */
  walkGva(thread: number, gva: number): TwoStageWalk {
    const g = this.guestTranslation(thread);
    return walkTwoStage(this.physicalWord, g.vsatp, g.hgatp, gva);
  }

  walkGpa(thread: number, gpa: number): TwoStageWalk {
    return walkGStage(this.physicalWord, this.guestTranslation(thread).hgatp, gpa);
  }

  /** Where `address` in `space` is in host-physical memory for thread `thread`, without side effects. */
  translate(thread: number, space: AddressSpace, address: number): Translation {
    const a = address >>> 0;
    if (space === 'physical') return { pa: a };
    if (this.vcpus?.deprivileged(thread)) {
      // No G stage: the guest's own table, then the VM's P2M (shadow and paravirtual paging).
      const vm = this.vcpus.vm(thread);
      const t = space === 'gpa' ? p2mTranslate(vm, a) : walkThroughP2m(vm, this.vcpus.vsatp(thread), a);
      return t.hpa !== undefined ? { pa: t.hpa } : { error: t.error ?? `0x${a.toString(16)} has no translation` };
    }
    if (this.vcpus) {
      // A vCPU's own addresses are guest-virtual; the VMM's G stage backs guest RAM lazily.
      const w = space === 'gpa' ? this.walkGpa(thread, a) : this.walkGva(thread, a);
      if (w.hpa === undefined || w.hpa >= 2 ** 32) {
        const why = w.fault ? `step ${w.fault.step}: ${w.fault.message}` : `0x${a.toString(16)} is beyond physical memory`;
        const unbacked = w.fault?.kind === 'guest-page' && w.fault.gpa !== undefined && this.vcpus.vm(thread).memory.isRam(w.fault.gpa);
        return { error: unbacked ? `${why} (guest RAM the VMM has not backed yet: it maps a page on the guest's first access)` : why };
      }
      return { pa: w.hpa };
    }
    const hart = thread;
    const h = this.machine.harts[hart];
    if ((space === 'gva' || space === 'gpa') && !h.hasH) return { error: `${space}: addresses need the hypervisor extension (launch.json "hypervisor": true)` };
    if ((space === 'current' && !h.virt) || space === 'host') {
      // With V=1 now, the host context is HS-mode's: satp applies.
      const pa = !h.virt ? h.translateForDebugger(a) : (h.satp >>> 31) ? h.mmu.peek(a, h.satp) : a;
      return pa < 0 ? { error: `0x${a.toString(16)} is not mapped (satp)` } : { pa };
    }
    const w = space === 'gpa' ? this.walkGpa(hart, a) : this.walkGva(hart, a);
    if (w.hpa === undefined || w.hpa >= 2 ** 32) return { error: w.fault ? `step ${w.fault.step}: ${w.fault.message}` : `0x${a.toString(16)} is beyond physical memory` };
    return { pa: w.hpa };
  }

  /** Reads up to `length` bytes (stops at the first that is not memory), a page at a time. */
  readBytes(hart: number, space: AddressSpace, address: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let n = 0;
    while (n < length) {
      const a = (address + n) >>> 0;
      if (address + n > 0xffffffff) break;
      const t = this.translate(hart, space, a);
      if (t.pa === undefined) break;
      const chunk = Math.min(length - n, 4096 - (a & 0xfff));
      const b = this.machine.readMemory(t.pa, chunk);
      out.set(b, n);
      n += b.length;
      if (b.length < chunk) break;
    }
    return out.subarray(0, n);
  }

  /** How many bytes from `address` are writable RAM in `space`. */
  writableBytes(hart: number, space: AddressSpace, address: number, length: number): number {
    let n = 0;
    while (n < length) {
      const t = this.translate(hart, space, (address + n) >>> 0);
      if (t.pa === undefined || this.machine.bus.ramOffset(t.pa) < 0) break;
      n++;
    }
    return n;
  }

  /** Reads `size` bytes little-endian (default: as hart `hart` sees them now). */
  readValue(hart: number, address: number, size: 1 | 2 | 4, space: AddressSpace = 'current'): number | undefined {
    const b = this.readBytes(hart, space, address >>> 0, size);
    if (b.length < size) return undefined;
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = (v * 256) + b[i];
    return v >>> 0;
  }

  writeValue(hart: number, address: number, size: 1 | 2 | 4, value: number, space: AddressSpace = 'current'): void {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (value >>> (8 * i)) & 0xff;
    const n = this.writeBytes(hart, space, address, bytes);
    if (n < size) throw new Error(`cannot write memory at ${space === 'gva' || space === 'gpa' ? `${space}:` : ''}0x${(address >>> 0).toString(16)} (only RAM can be written)`);
  }

  /** Writes RAM in `space`; returns how many bytes could be written (the leading RAM part). */
  writeBytes(hart: number, space: AddressSpace, address: number, data: Uint8Array): number {
    const m = this.machine;
    const n = this.writableBytes(hart, space, address, data.length);
    if (n === 0) return 0;
    // Physical addresses now: the edit repeats exactly under time travel.
    const parts: { pa: number; bytes: Uint8Array }[] = [];
    for (let i = 0; i < n;) {
      const a = (address + i) >>> 0, pa = this.translate(hart, space, a).pa!;
      const len = Math.min(n - i, 4096 - (a & 0xfff));
      parts.push({ pa, bytes: data.slice(i, i + len) });
      i += len;
    }
    this.edit(() => { for (const p of parts) m.writeMemory(p.pa, p.bytes); });
    return n;
  }

  /** The instruction bits at `address` in `space` (default: the hart's current context). */
  peekInstruction(hart: number, address: number, space: AddressSpace = 'current'): number | undefined {
    const lo = this.readValue(hart, address, 2, space);
    if (lo === undefined || (lo & 3) !== 3) return lo;
    const hi = this.readValue(hart, (address + 2) >>> 0, 2, space);
    return hi === undefined ? undefined : (lo | (hi << 16)) >>> 0;
  }

  // ---- memory references: whose translation they use ----

  /** How a memory reference names thread `thread`: a hart number, or its VM and vCPU. */
  refOwner(thread: number): RefOwner | undefined {
    if (!this.vcpus) return thread || undefined;
    const v = this.vcpus.vcpu(thread);
    return { vm: v.vm.name, vcpu: v.index };
  }

  /** A memory reference to `address` in `space` as thread `thread` translates it. */
  memoryRef(address: number, space: AddressSpace, thread: number): string {
    return formatMemoryRef(address, space, space === 'physical' ? undefined : this.refOwner(thread));
  }

  /** The thread a reference names (`gva:1:`, `gva:vm1/vcpu1:`), else `current`. Throws for one that does not exist. */
  threadOfRef(ref: Pick<MemoryRef, 'hart' | 'vm'>, current: number): number {
    if (ref.vm) return this.threadOfVcpuName(ref.vm.name, ref.vm.vcpu);
    if (ref.hart === undefined) return current;
    if (this.vcpus) throw new Error(`memory references name a VM here (gva:vm1:0x…), not a hart (${ref.hart})`);
    if (ref.hart >= this.threadCount) throw new Error(`memory reference names hart ${ref.hart}, which does not exist`);
    return ref.hart;
  }

  /** The thread of `vm1` (its vCPU 0) or `vm1/vcpu1`. */
  threadOfVcpuName(vm: string, vcpu = 0): number {
    const t = this.vcpus?.find(vm, vcpu);
    if (t === undefined) {
      const known = this.vmm ? this.vmm.vms.map((x) => x.name).join(', ') : 'none: this session has no "vms"';
      throw new Error(`no VM '${vm}'${vcpu ? ` with a vCPU ${vcpu}` : ''} (VMs: ${known})`);
    }
    return t;
  }

  /** The thread an expression's `gva:vm1:` names (`owner`), else `current`. */
  private threadOfOwner(owner: string | undefined, current: number): number {
    if (owner === undefined) return current;
    const v = parseVcpuName(owner);
    if (!v) throw new Error(`bad VM name '${owner}'`);
    return this.threadOfVcpuName(v.name, v.vcpu);
  }

  /**
   * An EvalContext for thread `thread`; `extra` names come first (condition variables), and
   * `text` names whose values are strings (a VM exit's vm, reason...).
   */
  evalContext(thread: number, extra?: Record<string, number>, text?: Record<string, string>): EvalContext {
    const own = <T>(o: Record<string, T> | undefined) => (o ? (name: string) => (Object.prototype.hasOwnProperty.call(o, name) ? o[name] : undefined) : undefined);
    return {
      register: (name) => {
        const i = registerIndex(name);
        return i === undefined ? undefined : this.readRegister(thread, i);
      },
      csr: (name) => this.readCsrByName(thread, name),
      symbol: (name) => this.symbol(name, this.contextOf(thread)),
      variable: own(extra),
      text: own(text),
      readMemory: (address, size, space, owner) => this.readValue(this.threadOfOwner(owner, thread), address, size, space ?? 'current'),
    };
  }

  /** A symbol's address: the context's own symbols first, then the other contexts'. */
  symbol(name: string, context: Context): number | undefined {
    const own = this.view(context).symbols.lookup(name);
    if (own) return own.address;
    for (const c of this.contexts()) {
      if (c === context) continue;
      const s = this.view(c).symbols.lookup(name);
      if (s) return s.address;
    }
    return undefined;
  }

  evaluate(expression: string, hart: number, extra?: Record<string, number>): Value {
    return evaluateExpression(expression, this.evalContext(hart, extra));
  }

  /** `sym+0x10` for an address in `context`, if a symbol is near. */
  describe(address: number, context: Context, codeOnly = false): string | undefined {
    return this.view(context).symbols.describe(address, 0x10000, codeOnly);
  }

  /**
   * A trap frame the VMM pushed for a deprivileged guest (its virtual trap entry: no hart trap
   * reports it), so the frame is named like one the hardware took.
   */
  noteTrapFrame(thread: number, depth: number, trap: TrapInfo): void {
    if (depth >= 0 && depth < 1024) { this.trapAtDepth[thread][depth] = trap; this.trapFromGuest.set(trap, false); }
  }

  /** The trap that created the shadow-stack frame at `depth` (0-based) of a thread, when still known. */
  trapAt(thread: number, depth: number): TrapInfo | undefined {
    const t = this.trapAtDepth[thread]?.[depth];
    const calls = this.vcpus ? this.vcpus.calls(thread) : this.machine.harts[thread].calls;
    if (!t || depth >= calls.depth || depth >= 1024) return undefined;
    return (calls.returnAddress[depth] >>> 0) === t.epc ? t : undefined;
  }
}
