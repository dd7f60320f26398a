import * as fs from 'fs';
import { TextDecoder } from 'util';
import { TrapInfo } from '../engine/cpu/hart';
import { FrameKind } from '../engine/cpu/shadowStack';
import { csrByName } from '../engine/isa/csrs';
import type { History } from '../engine/machine/history';
import { Machine, MachineConfig } from '../engine/machine/machine';
import { EvalContext, evaluateExpression, Value } from './expressions';
import { Context, LaunchConfig } from './launchConfig';
import type { AddressSpace } from './memoryReference';
import { ContextView, LoadedProgram, loadProgram } from './programLoader';
import { PC, registerIndex } from './registers';
import { TwoStageWalk, walkGStage, walkTwoStage } from './twoStageWalk';

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
 */

/** The result of translating an address for the debugger: a host-physical address or why not. */
export type Translation = { pa: number; error?: undefined } | { pa?: undefined; error: string };

/** Instructions between time-travel checkpoints: a step back re-executes at most this many. */
const HISTORY_INTERVAL = 200_000;

export class LaunchFailure extends Error {}

export class DebugTarget {
  readonly machine: Machine;
  readonly history: History | undefined;
  /** Per hart: the trap that pushed the shadow-stack frame at each depth (for frame names). */
  private readonly trapAtDepth: (TrapInfo | undefined)[][];
  /** Whether a trap came from V=1 (a VM exit when it went to HS or M). */
  private readonly trapFromGuest = new WeakMap<TrapInfo, boolean>();
  private output: number[] = [];
  private readonly decoder = new TextDecoder('utf-8');
  /** While set, UART output is dropped (the run controller re-executes to scan history). */
  muted = false;
  /** Called when UART output is waiting (the session batches it into output events). */
  onOutput: (() => void) | undefined;

  constructor(readonly config: LaunchConfig, readonly program: LoadedProgram) {
    const mc: MachineConfig & { sbi?: 'none' | 'builtin' } = { memory: config.memory, harts: config.harts, compat: config.compat, hypervisor: config.hypervisor };
    if (config.sbi === 'builtin') mc.sbi = 'builtin';
    this.machine = new Machine(mc);
    if (config.sbi === 'builtin' && (this.machine as { sbi?: unknown }).sbi === undefined) {
      throw new LaunchFailure('launch.json: "sbi": "builtin" SBI not available yet in this build of Hyperstep; use "sbi": "none" (bare metal)');
    }
    this.trapAtDepth = this.machine.harts.map(() => []);
    try {
      this.machine.load(program.image);
    } catch (e) {
      throw new LaunchFailure(`cannot load ${program.files.join(', ')}: ${(e as Error).message}`);
    }
    this.machine.on((e) => {
      if (e.kind === 'uart-tx') {
        if (this.muted) return;
        this.output.push(e.byte);
        if (this.output.length === 1) this.onOutput?.();
      } else if (e.kind === 'trap') {
        const h = this.machine.harts[e.trap.hart];
        this.trapFromGuest.set(e.trap, e.trap.fromVirt);
        const d = h.calls.depth;
        if (d > 0 && d <= 1024 && h.calls.kind[d - 1] === FrameKind.Trap) this.trapAtDepth[e.trap.hart][d - 1] = e.trap;
      }
    });
    this.runBootRom();
    this.history = config.timeTravel ? this.machine.enableHistory({ interval: HISTORY_INTERVAL }) : undefined;
  }

  static launch(config: LaunchConfig): DebugTarget {
    return new DebugTarget(config, loadProgram(config));
  }

  /** Runs hart 0 through the boot ROM's reset vector, so the program starts at its entry. */
  private runBootRom(): void {
    const entry = this.program.image.entry >>> 0, h = this.machine.harts[0];
    for (let i = 0; i < 64 && (h.pc >>> 0) !== entry; i++) {
      const r = this.machine.step(0, 1);
      if (r.kind === 'exit') break;
    }
  }

  get entry(): number { return this.program.image.entry >>> 0; }
  get hartCount(): number { return this.machine.harts.length; }
  /** The harts implement the hypervisor extension. */
  get hasH(): boolean { return this.machine.harts[0].hasH; }

  // ---- contexts ----

  /** The context hart `hart` runs in now. */
  contextOf(hart: number): Context { return this.machine.harts[hart].virt ? 'guest' : 'hypervisor'; }

  view(context: Context): ContextView { return this.program.contexts[context]; }


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
    return this.program.contexts[context].lines.locate(address >>> 0);
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

  readRegister(hart: number, index: number): number {
    const h = this.machine.harts[hart];
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

  writeRegister(hart: number, index: number, value: number): void {
    const h = this.machine.harts[hart];
    if (index === 0) throw new Error('x0 (zero) is hardwired to 0');
    const v = value | 0;
    this.edit(index === PC ? () => { h.pc = v; } : () => { h.x[index] = v; });
  }

  readCsrByName(hart: number, name: string): number | undefined {
    const spec = csrByName(name.toLowerCase());
    return spec ? this.machine.readCsr(hart, spec.num) : undefined;
  }

  writeCsrByName(hart: number, name: string, value: number): void {
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

  /** The guest-virtual walk under hart `hart`'s vsatp and hgatp. */
  walkGva(hart: number, gva: number): TwoStageWalk {
    const h = this.machine.harts[hart];
    return walkTwoStage(this.physicalWord, h.vsatp, h.hgatp, gva);
  }

  walkGpa(hart: number, gpa: number): TwoStageWalk {
    return walkGStage(this.physicalWord, this.machine.harts[hart].hgatp, gpa);
  }

  /** Where `address` in `space` is in host-physical memory for hart `hart`, without side effects. */
  translate(hart: number, space: AddressSpace, address: number): Translation {
    const h = this.machine.harts[hart];
    const a = address >>> 0;
    if (space === 'physical') return { pa: a };
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

  /** An EvalContext for hart `hart`; `extra` names come first (condition variables). */
  evalContext(hart: number, extra?: Record<string, number>): EvalContext {
    return {
      register: (name) => {
        const i = registerIndex(name);
        return i === undefined ? undefined : this.readRegister(hart, i);
      },
      csr: (name) => this.readCsrByName(hart, name),
      symbol: (name) => this.symbol(name, this.contextOf(hart)),
      variable: extra ? (name) => (Object.prototype.hasOwnProperty.call(extra, name) ? extra[name] : undefined) : undefined,
      readMemory: (address, size, space) => this.readValue(hart, address, size, space ?? 'current'),
    };
  }

  /** A symbol's address: the context's own symbols first, then the other context's. */
  symbol(name: string, context: Context): number | undefined {
    const other: Context = context === 'guest' ? 'hypervisor' : 'guest';
    return (this.program.contexts[context].symbols.lookup(name) ?? this.program.contexts[other].symbols.lookup(name))?.address;
  }

  evaluate(expression: string, hart: number, extra?: Record<string, number>): Value {
    return evaluateExpression(expression, this.evalContext(hart, extra));
  }

  /** `sym+0x10` for an address in `context`, if a symbol is near. */
  describe(address: number, context: Context, codeOnly = false): string | undefined {
    return this.program.contexts[context].symbols.describe(address, 0x10000, codeOnly);
  }

  /** The trap that created the shadow-stack frame at `depth` (0-based), when still known. */
  trapAt(hart: number, depth: number): TrapInfo | undefined {
    const t = this.trapAtDepth[hart][depth];
    const calls = this.machine.harts[hart].calls;
    if (!t || depth >= calls.depth || depth >= 1024) return undefined;
    return (calls.returnAddress[depth] >>> 0) === t.epc ? t : undefined;
  }
}
