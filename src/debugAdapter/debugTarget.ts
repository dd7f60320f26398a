import * as fs from 'fs';
import { TextDecoder } from 'util';
import { TrapInfo } from '../engine/cpu/hart';
import { FrameKind } from '../engine/cpu/shadowStack';
import { csrByName } from '../engine/isa/csrs';
import type { History } from '../engine/machine/history';
import { Machine, MachineConfig } from '../engine/machine/machine';
import { EvalContext, evaluateExpression, Value } from './expressions';
import { LaunchConfig } from './launchConfig';
import { LoadedProgram, loadProgram } from './programLoader';
import { PC, registerIndex } from './registers';

/**
 * The thing being debugged: the Machine, the program loaded into it (image, line table,
 * symbols, sources) and the debugger's view of its state (registers and CSRs by name, memory as
 * a hart sees it, expression evaluation, UART output as text). The DAP session and the run
 * controller talk to the machine through this.
 */

/** Instructions between time-travel checkpoints: a step back re-executes at most this many. */
const HISTORY_INTERVAL = 200_000;

export class LaunchFailure extends Error {}

export class DebugTarget {
  readonly machine: Machine;
  readonly history: History | undefined;
  /** Per hart: the trap that pushed the shadow-stack frame at each depth (for frame names). */
  private readonly trapAtDepth: (TrapInfo | undefined)[][];
  private output: number[] = [];
  private readonly decoder = new TextDecoder('utf-8');
  /** While set, UART output is dropped (the run controller re-executes to scan history). */
  muted = false;
  /** Called when UART output is waiting (the session batches it into output events). */
  onOutput: (() => void) | undefined;

  constructor(readonly config: LaunchConfig, readonly program: LoadedProgram) {
    const mc: MachineConfig & { sbi?: 'none' | 'builtin' } = { memory: config.memory, harts: config.harts, compat: config.compat };
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

  /** UART output since the last call, as text (multi-byte UTF-8 sequences may span calls). */
  takeOutput(): string {
    if (this.output.length === 0) return '';
    const bytes = Uint8Array.from(this.output);
    this.output = [];
    return this.decoder.decode(bytes, { stream: true });
  }

  sendInput(bytes: Uint8Array): void { this.machine.sendInput(bytes); }

  // ---- source mapping ----

  location(address: number): { file: string; line: number; column: number } | undefined {
    return this.program.lines.locate(address >>> 0);
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

  /** Reads `size` bytes little-endian as hart `hart` sees them (virtual when paging is on). */
  readValue(hart: number, address: number, size: 1 | 2 | 4): number | undefined {
    const b = this.machine.readMemory(address >>> 0, size, { virtual: true, hart });
    if (b.length < size) return undefined;
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = (v * 256) + b[i];
    return v >>> 0;
  }

  writeValue(hart: number, address: number, size: 1 | 2 | 4, value: number): void {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (value >>> (8 * i)) & 0xff;
    const n = this.writeBytes(address, bytes, { virtual: true, hart });
    if (n < size) throw new Error(`cannot write memory at 0x${(address >>> 0).toString(16)} (only RAM can be written)`);
  }

  /** Writes RAM (physical, or virtual for a hart); returns how many bytes could be written. */
  writeBytes(address: number, data: Uint8Array, opts: { virtual?: boolean; hart?: number } = {}): number {
    const m = this.machine;
    let n = 0;
    for (; n < data.length; n++) {
      const a = (address + n) >>> 0;
      const pa = opts.virtual ? m.harts[opts.hart ?? 0].translateForDebugger(a) : a;
      if (pa < 0 || m.bus.ramOffset(pa) < 0) break;
    }
    if (n === 0) return 0;
    const bytes = data.slice(0, n);
    this.edit(() => { m.writeMemory(address >>> 0, bytes, opts); });
    return n;
  }

  /** An EvalContext for hart `hart`; `extra` names come first (condition variables). */
  evalContext(hart: number, extra?: Record<string, number>): EvalContext {
    return {
      register: (name) => {
        const i = registerIndex(name);
        return i === undefined ? undefined : this.readRegister(hart, i);
      },
      csr: (name) => this.readCsrByName(hart, name),
      symbol: (name) => this.program.symbols.lookup(name)?.address,
      variable: extra ? (name) => (Object.prototype.hasOwnProperty.call(extra, name) ? extra[name] : undefined) : undefined,
      readMemory: (address, size) => this.readValue(hart, address, size),
    };
  }

  evaluate(expression: string, hart: number, extra?: Record<string, number>): Value {
    return evaluateExpression(expression, this.evalContext(hart, extra));
  }

  /** `sym+0x10` for an address, if a symbol is near. */
  describe(address: number, codeOnly = false): string | undefined {
    return this.program.symbols.describe(address, 0x10000, codeOnly);
  }

  /** The trap that created the shadow-stack frame at `depth` (0-based), when still known. */
  trapAt(hart: number, depth: number): TrapInfo | undefined {
    const t = this.trapAtDepth[hart][depth];
    const calls = this.machine.harts[hart].calls;
    if (!t || depth >= calls.depth || depth >= 1024) return undefined;
    return (calls.returnAddress[depth] >>> 0) === t.epc ? t : undefined;
  }
}
