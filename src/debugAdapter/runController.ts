import type { TrapInfo } from '../engine/cpu/hart';
import { FrameKind } from '../engine/cpu/shadowStack';
import type { StopEvent } from '../engine/machine/machine';
import { causeName } from '../engine/cpu/causeNames';
import { BookEntry, BreakpointBook, CodeAddress, contextPrefix } from './breakpointBook';
import type { DebugTarget } from './debugTarget';
import { evaluateNode } from './expressions';
import { describeTrap, ExceptionBreakpoints, trapVariables } from './exceptionFilters';
import { Context, isGuestContext } from './launchConfig';
import { frameInfos } from './stackFrames';
import { PositionRecord, TimeTravel } from './timeTravel';
import type { VmExit } from '../engine/vmm';
import { VmmControl } from './vmmControl';

/**
 * Run control: continue, pause, the three steps (instruction or line granularity), step back
 * and reverse continue. The machine runs in chunks with the event loop free between them, so
 * pause, disconnect and every other request work while a guest runs away.
 *
 * Stepping over a call or a trap (a frame pushed on the hart's shadow call stack) sets a
 * temporary breakpoint where the frame returns (for a trap: epc, epc+2, epc+4) and runs until
 * the stack is back at the starting depth; the depth is also checked between chunks, for
 * returns that go somewhere else.
 *
 * With the hypervisor extension, breakpoints belong to the context they are in (temporary ones
 * too: a guest instruction's return point is a guest address), and a step that changes V stops
 * there: a trap from V=1 to HS or M is a "VM exit: <cause>", an sret/mret to V=1 a "VM entry".
 * `next` over a guest instruction that exits and is resumed is a step over a trap frame.
 *
 * Under the built-in VMM a thread is a vCPU (`thread` below; without the VMM it is a hart): a
 * step runs the machine until that vCPU has executed an instruction (on whichever hart, once it
 * is scheduled), VM exits are handled by the VMM inside the step unless the debugger asked to
 * stop at them (VmmControl), and inside an exit the steps walk its phases: next/stepIn run one,
 * stepOut all of them ("VM entry").
 */

export type StopReason = 'entry' | 'step' | 'breakpoint' | 'function breakpoint' | 'instruction breakpoint' | 'data breakpoint' | 'exception' | 'pause' | 'goto';

export interface Stop {
  kind: 'stopped';
  reason: StopReason;
  /** The thread that stopped: a hart, or under the VMM a vCPU (its index in the VMM's order). */
  hart: number;
  description?: string;
  text?: string;
  hitBreakpointIds?: number[];
  /** An exception filter's stop: a trap, a VM exit, or (interrupt injection) only details. */
  exception?: { filterId: string; description: string; trap?: TrapInfo; exit?: VmExit; details?: string };
}

export type Outcome = Stop | { kind: 'exited'; code: number } | { kind: 'aborted' };

export type Granularity = 'instruction' | 'line';

export interface RunHooks {
  /** Console text: logpoint output, notes. */
  log(text: string, category?: 'console' | 'stderr', entry?: BookEntry): void;
  /** UART output may be waiting. */
  flushOutput(): void;
}

/** Instructions per run() call between turns of the event loop (about 10-30 ms). */
const CHUNK = 3_000_000;
/** Smaller chunks while stepping over a frame, so a return elsewhere is noticed soon. */
const STEP_CHUNK = 200_000;
/** Longest stretch of synchronous work before yielding to the event loop. */
const SLICE_MS = 25;

const REASON_OF: Record<BookEntry['kind'], StopReason> = {
  source: 'breakpoint', function: 'function breakpoint', instruction: 'instruction breakpoint', data: 'data breakpoint',
};

export class RunController {
  private pauseRequested = false;
  private aborted = false;
  private wake: (() => void) | undefined;
  private idleNoted = false;
  readonly travel: TimeTravel;
  /** The built-in VMM's side of run control (hooks, phases), when the target runs it. */
  readonly vmm: VmmControl | undefined;

  constructor(private readonly target: DebugTarget, private readonly book: BreakpointBook,
    private readonly filters: ExceptionBreakpoints, private readonly hooks: RunHooks, private readonly noDebug = false) {
    this.travel = new TimeTravel(target);
    if (target.vmm) this.vmm = new VmmControl(target, book, filters, hooks, noDebug);
    this.applyBreakpoints();
  }

  private get machine() { return this.target.machine; }

  /** Pushes the book's breakpoints, watchpoints and trap filters into the machine. */
  applyBreakpoints(extra: CodeAddress[] = []): void {
    const m = this.machine;
    if (this.noDebug) {
      m.breakpoints.set([]); m.watchpoints.set([]); m.guestBreakpoints.set([]); m.guestWatchpoints.set([]); m.stopOnTraps([], []);
      return;
    }
    // Each context's to the set of the V it runs with: a deprivileged VM's code runs with V=0.
    const t = this.target, host = (c: Context): boolean => t.runsWithoutV(c);
    const contexts: Context[] = ['hypervisor', ...t.contexts().filter((c) => c !== 'hypervisor')];
    const code = (v0: boolean): number[] => [...new Set([
      ...contexts.filter((c) => host(c) === v0).flatMap((c) => this.book.codeAddresses(c)),
      ...extra.filter((e) => host(e.context) === v0 && (v0 || isGuestContext(e.context))).map((e) => e.address),
    ])];
    m.breakpoints.set(code(true));
    m.guestBreakpoints.set(code(false));
    m.watchpoints.set(contexts.filter(host).flatMap((c) => this.book.watchpoints(c)));
    m.guestWatchpoints.set(contexts.filter((c) => !host(c)).flatMap((c) => this.book.watchpoints(c)));
    const c = this.filters.causes();
    m.stopOnTraps(c.exceptions, c.interrupts);
  }

  /** Asks a running operation to stop at the next chunk boundary (it reports 'pause'). */
  pause(): void { this.pauseRequested = true; this.wake?.(); }

  /** Ends any running operation for good (disconnect, terminate). */
  abort(): void { this.aborted = true; this.wake?.(); }

  /** UART input arrived: an idle machine may have work again. */
  inputArrived(): void { this.wake?.(); }

  private lastYield = Date.now();

  /** Yields to the event loop when this turn has run long enough; false when cancelled. */
  private async breathe(force = false): Promise<boolean> {
    if (force || Date.now() - this.lastYield >= SLICE_MS) {
      await new Promise<void>((r) => setImmediate(r));
      this.lastYield = Date.now();
    }
    return !this.aborted && !this.pauseRequested;
  }

  private interrupted(hart: number): Outcome | undefined {
    if (this.aborted) return { kind: 'aborted' };
    if (this.pauseRequested) { this.pauseRequested = false; return { kind: 'stopped', reason: 'pause', hart }; }
    return undefined;
  }

  /** Every hart waits in wfi and nothing will wake it: wait for input, pause or disconnect. */
  private async idle(): Promise<void> {
    if (!this.idleNoted) {
      this.idleNoted = true;
      this.hooks.log('Every hart is waiting for an interrupt (wfi) and no timer is armed: waiting for UART input. Pause to look around.\n');
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { this.wake = undefined; resolve(); }, 200);
      this.wake = () => { clearTimeout(timer); this.wake = undefined; resolve(); };
    });
  }

  /** Prepares an operation: clears a stale pause request; under the VMM settles half-handled exits. */
  begin(settle = true): void {
    this.pauseRequested = false; this.lastYield = Date.now();
    if (this.vmm) { this.vmm.clearPending(); this.vmm.lastPhase = undefined; if (settle) this.vmm.settleExits(); }
  }

  // ---- what a machine stop means ----

  /** Turns a machine stop into a debugger stop, or undefined to keep going. */
  private judge(r: StopEvent): Outcome | undefined {
    switch (r.kind) {
      case 'exit': return { kind: 'exited', code: r.code };
      case 'pause':
        if (this.vmm?.takeLoadStop()) return undefined;
        return this.vmm?.judge(r) ?? { kind: 'stopped', reason: 'pause', hart: 0 };
      case 'vm-exit': return this.vmm?.judge(r);
      case 'breakpoint': {
        // Under the VMM a guest breakpoint belongs to one VM: another VM's vCPU passes it.
        const context = this.target.contextOfHart(r.hart), thread = this.target.threadOfHart(r.hart);
        if (context === undefined || thread === undefined) return undefined;
        const entries = this.book.at(r.pc, context);
        if (entries.length === 0) return undefined;
        return this.decide(entries, thread, true);
      }
      case 'watchpoint': {
        const e = this.book.dataEntry(r.id);
        const thread = this.target.threadOfHart(r.hart);
        if (!e || thread === undefined || (this.target.vcpus && e.watch!.context !== this.target.contextOfHart(r.hart))) return undefined;
        const stop = this.decide([e], thread, true);
        if (stop?.kind === 'stopped') {
          const what = `${r.write ? 'write of' : 'read of'} 0x${(r.value >>> 0).toString(16)} (${r.width} byte${r.width === 1 ? '' : 's'}) at ${contextPrefix(e.watch!.context)}0x${(r.addr >>> 0).toString(16)}`;
          stop.description = `Data breakpoint: ${what}`;
          stop.text = what;
        }
        return stop;
      }
      case 'trap': return this.judgeTrap(r.trap);
      default: return undefined;
    }
  }

  private decide(entries: BookEntry[], hart: number, count: boolean): Stop | undefined {
    const d = this.book.decide(entries, this.target.evalContext(hart), count);
    for (const l of d.logs) this.hooks.log(l.text.endsWith('\n') ? l.text : l.text + '\n', 'console', l.entry);
    for (const e of d.errors) this.hooks.log(e + '\n', 'stderr');
    if (d.stop.length === 0) return undefined;
    return { kind: 'stopped', reason: REASON_OF[d.stop[0].kind], hart, hitBreakpointIds: d.stop.map((e) => e.id) };
  }

  private judgeTrap(trap: TrapInfo): Outcome | undefined {
    // Under the VMM the traps into HS are VM exits (their own filters); the guest's own traps stay.
    const thread = this.target.threadOfHart(trap.hart);
    if (thread === undefined || (this.target.vcpus && !trap.toVirt)) return undefined;
    for (const a of this.filters.matching(trap)) {
      const fromGuest = this.target.trapFromV(trap) ?? false;
      if (a.condition) {
        const h = this.machine.harts[trap.hart];
        const tval2 = trap.toPriv === 3 ? h.mtval2 : h.htval;
        try {
          if (evaluateNode(a.condition, this.target.evalContext(thread, trapVariables(trap, fromGuest, tval2))).bits === 0) continue;
        } catch (e) {
          this.hooks.log(`exception filter '${a.filter.id}': condition failed: ${(e as Error).message}\n`, 'stderr');
        }
      }
      const description = describeTrap(trap, fromGuest);
      const at = this.target.describe(trap.epc, this.target.vcpus ? this.target.contextOf(thread) : fromGuest ? 'guest' : 'hypervisor', true);
      return {
        kind: 'stopped', reason: 'exception', hart: thread,
        description: `Exception: ${description}`,
        text: `${description} at 0x${trap.epc.toString(16)}${at ? ` <${at}>` : ''}${trap.interrupt ? '' : `, tval 0x${trap.tval.toString(16)}`}`,
        exception: { filterId: a.filter.id, description, trap },
      };
    }
    return undefined;
  }

  // ---- forward ----

  /** Runs until something stops it. `temps` and `done` serve the steps (see runUntilReturn). */
  private async runFree(opts: { temps?: CodeAddress[]; done?: (hart: number, pc: number) => boolean; chunkDone?: () => boolean; chunk?: number } = {}): Promise<Outcome | undefined> {
    const temps = opts.temps ?? [];
    // What the machine holds beyond the book's breakpoints ('' = nothing).
    let applied = '';
    try {
      for (;;) {
        const stop = this.interrupted(0);
        if (stop) return stop;
        const extra = temps;
        const key = extra.map((g) => `${g.context}:${g.address}`).join();
        if (key !== applied) { this.applyBreakpoints(extra); applied = key; }
        const r = this.machine.run(opts.chunk ?? CHUNK);
        this.hooks.flushOutput();
        if (r.kind === 'breakpoint') {
          const context = this.target.contextOfHart(r.hart), thread = this.target.threadOfHart(r.hart);
          if (context !== undefined && thread !== undefined && temps.some((t) => t.address === r.pc && t.context === context) && opts.done?.(thread, r.pc)) {
            return this.book.at(r.pc, context).length ? this.judge(r) : undefined;
          }
        }
        if (r.kind === 'idle') { if (opts.chunkDone?.()) return undefined; await this.idle(); continue; }
        if (r.kind !== 'budget') {
          const o = this.judge(r);
          if (o) return o;
        }
        if (opts.chunkDone?.()) return undefined;
        await this.breathe(r.kind === 'budget');
      }
    } finally {
      if (applied !== '') this.applyBreakpoints();
    }
  }

  async continue(): Promise<Outcome> {
    this.begin();
    this.idleNoted = false;
    return (await this.runFree()) ?? { kind: 'stopped', reason: 'pause', hart: 0 };
  }

  /**
   * With several harts, a hart waiting in wfi may wait for another hart's doing: run the machine
   * in small chunks (event loop free) until it can go on, so a step never blocks. Under the VMM:
   * until the vCPU is on a hart in its guest (the VMM puts it there when it is its turn, or an
   * interrupt wakes it), stopping just before it runs.
   */
  private async untilAwake(thread: number): Promise<Outcome | undefined> {
    const m = this.machine;
    if (this.target.vcpus) {
      const vc = this.target.vcpus;
      if (vc.inGuest(thread)) return undefined;
      const vm = vc.vm(thread);
      if (vm.state !== 'running') {
        this.hooks.log(`${vc.name(thread)} cannot run: ${vm.name} has ended (${vm.state}${vm.message ? `: ${vm.message}` : ''})\n`);
        return { kind: 'stopped', reason: 'step', hart: thread };
      }
      this.vmm!.loadStopOf = vc.vcpu(thread);
      try {
        return await this.runFree({ chunkDone: () => vc.inGuest(thread), chunk: m.quantum });
      } finally {
        this.vmm!.loadStopOf = undefined;
      }
    }
    const h = m.harts[thread];
    const asleep = (): boolean => h.waiting && (h.mip & h.mie) === 0;
    if (m.harts.length === 1 || !asleep()) return undefined;
    return this.runFree({ chunkDone: () => !asleep(), chunk: m.quantum });
  }

  /**
   * Executes one instruction of thread `thread` (other harts keep their turns). Under the VMM,
   * 'again' when its hart ran another vCPU instead (a time slice ended): wait and try again.
   */
  private stepOne(thread: number, stopAtExit = false): Outcome | undefined | 'again' {
    const m = this.machine;
    const vc = this.target.vcpus;
    const h = vc ? vc.hart(thread)! : m.harts[thread];
    const before = vc ? { pc: vc.pc(thread), retired: h.retired, depth: vc.calls(thread).depth } : undefined;
    for (const x of m.harts) x.bpSkipPc = x.pc;
    if (vc && stopAtExit) this.vmm!.stepExitOf = vc.vcpu(thread);
    let r: StopEvent;
    try {
      r = m.step(h.id, 1);
    } finally {
      if (this.vmm) this.vmm.stepExitOf = undefined;
    }
    this.hooks.flushOutput();
    const moved = !before || vc!.pc(thread) !== before.pc || vc!.calls(thread).depth !== before.depth || (vc!.hart(thread) === h && h.retired !== before.retired) || vc!.exit(thread) !== undefined;
    if (r.kind === 'budget') return moved ? undefined : 'again';
    if (r.kind === 'idle') {
      this.hooks.log(`${this.target.threadName(thread)} is waiting in wfi and no interrupt can wake it yet\n`);
      return { kind: 'stopped', reason: 'step', hart: thread };
    }
    if (r.kind === 'breakpoint' && this.target.threadOfHart(r.hart) === thread) return moved ? undefined : 'again'; // arriving at a breakpoint is not hitting it
    return this.judge(r) ?? (moved ? undefined : 'again');
  }

  /** The thread's pc, call stack depth (a vCPU's: without the trap frame of an exit in progress) and V. */
  private where(thread: number): { pc: number; depth: number; virt: boolean } {
    const vc = this.target.vcpus;
    if (!vc) { const h = this.machine.harts[thread]; return { pc: h.pc >>> 0, depth: h.calls.depth, virt: h.virt }; }
    return { pc: vc.pc(thread), depth: vc.calls(thread).depth - (vc.inTrappedExit(thread) ? 1 : 0), virt: true };
  }

  private callsOf(thread: number) { return this.target.vcpus ? this.target.vcpus.calls(thread) : this.machine.harts[thread].calls; }

  /** Runs until thread `thread`'s shadow stack is no deeper than `depth` (the frame at `depth` returned). */
  private async runUntilReturn(thread: number, depth: number): Promise<Outcome | undefined> {
    const calls = this.callsOf(thread);
    if (calls.depth <= depth) return undefined;
    const temps: CodeAddress[] = [];
    if (depth < 1024) {
      // The return address is in the context of the code that pushed the frame (a VM exit: the guest).
      const frames = frameInfos(this.target, thread);
      const context = this.target.vcpus ? this.target.contextOf(thread) : frames[Math.min(frames.length - 1, calls.depth - depth)].context;
      const ret = calls.returnAddress[depth] >>> 0;
      temps.push({ address: ret, context });
      if (calls.kind[depth] === FrameKind.Trap) temps.push({ address: (ret + 2) >>> 0, context }, { address: (ret + 4) >>> 0, context });
    }
    const done = (): boolean => calls.depth <= depth;
    return this.runFree({ temps, done: (t) => t === thread && done(), chunkDone: done, chunk: STEP_CHUNK });
  }

  private lengthAt(thread: number, pc: number): number {
    const bits = this.target.vcpus ? this.target.peekInstruction(thread, pc, 'gva') : this.machine.peekInstruction(thread, pc);
    return bits !== undefined && (bits & 3) !== 3 ? 2 : 4;
  }

  /** Whether, after moving from prevPc to pc, hart `hart` is on a new source line. */
  private newLine(line0: { file: string; line: number }, context: Context, prevPc: number, prevLen: number, pc: number): boolean {
    const loc = this.target.location(pc, context);
    if (!loc || loc.file !== line0.file || loc.line !== line0.line) return true;
    // Jumped back to the start of the same line (a loop on one line): that is a new execution of it.
    return pc !== ((prevPc + prevLen) >>> 0) && this.target.view(context).lines.addressesOf(line0.file, line0.line).includes(pc);
  }

  private stepStop(hart: number): Stop { return { kind: 'stopped', reason: 'step', hart }; }

  /**
   * A step that changed V: out of the guest to HS or M ("VM exit: <cause>", from the trap just
   * taken, else scause/mcause) or into it ("VM entry").
   */
  private contextStop(hart: number): Stop {
    const h = this.machine.harts[hart];
    if (h.virt) {
      const at = this.target.describe(h.pc >>> 0, 'guest', true);
      return { kind: 'stopped', reason: 'step', hart, description: 'VM entry', text: `VM entry: ${h.priv === 1 ? 'VS' : 'VU'}-mode at 0x${(h.pc >>> 0).toString(16)}${at ? ` <${at}>` : ''}` };
    }
    const d = h.calls.depth;
    const trap = d > 0 && h.calls.kind[Math.min(d, 1024) - 1] === FrameKind.Trap ? this.target.trapAt(hart, d - 1) : undefined;
    const cause = trap ? causeName(trap.cause, trap.interrupt) : this.causeFromCsr(hart);
    const text = `VM exit: ${cause}`;
    return { kind: 'stopped', reason: 'step', hart, description: text, text };
  }

  private causeFromCsr(hart: number): string {
    const h = this.machine.harts[hart];
    const c = h.priv === 3 ? h.mcause : h.scause;
    return causeName(c & 0x7fffffff, (c >>> 31) === 1);
  }

  /** next: over calls and traps; in a VM exit, its next phase. */
  stepOver(thread: number, granularity: Granularity): Promise<Outcome> {
    if (this.target.vcpus?.exit(thread)) return this.phase(thread);
    return this.stepLines(thread, granularity, true);
  }

  /** stepIn: into calls and trap handlers; under the VMM also into the exit a guest instruction causes. */
  stepIn(thread: number, granularity: Granularity): Promise<Outcome> {
    if (this.target.vcpus?.exit(thread)) return this.phase(thread);
    return this.stepLines(thread, granularity, false);
  }

  /** One phase of the exit thread `thread` is in. */
  private async phase(thread: number): Promise<Outcome> {
    this.begin(false);
    return this.vmm!.stepPhase(thread);
  }

  /** hyperstep/stepToNextExit: runs until the vCPU's next VM exit (of any reason), phase decode. */
  stepToNextExit(thread: number): Promise<Outcome> {
    if (!this.target.vcpus) throw new Error('stepToNextExit: this session runs no VMs (launch.json "vms")');
    return this.toNextExit(thread);
  }

  private async toNextExit(thread: number): Promise<Outcome> {
    const vc = this.target.vcpus!;
    this.begin();
    if (vc.exit(thread)) {
      const o = this.vmm!.finishExit(thread);
      if (o.kind === 'exited') return o;
    }
    this.vmm!.stepExitOf = vc.vcpu(thread);
    try {
      return (await this.runFree()) ?? { kind: 'stopped', reason: 'pause', hart: thread };
    } finally {
      this.vmm!.stepExitOf = undefined;
    }
  }

  /**
   * hyperstep/stepOverExit: runs the guest until it is back after the exit its current
   * instruction causes (in an exit: finishes it); the vCPU runs again when it stops.
   */
  stepOverExit(thread: number): Promise<Outcome> {
    if (!this.target.vcpus) throw new Error('stepOverExit: this session runs no VMs (launch.json "vms")');
    return this.overExit(thread);
  }

  private async overExit(thread: number): Promise<Outcome> {
    const vc = this.target.vcpus!;
    this.begin();
    if (vc.exit(thread)) return this.vmm!.finishExit(thread);
    const seq = this.target.vmm!.log.lastSeq;
    for (;;) {
      const w = await this.untilAwake(thread);
      if (w) return w;
      const o = this.stepOne(thread);
      if (o === 'again') continue;
      if (o) return o;
      break;
    }
    const w = await this.untilAwake(thread);
    if (w) return w;
    const exited = this.target.vmm!.log.recent(seq).some((r) => r.vm === vc.vcpu(thread).vm.name && r.vcpu === vc.vcpu(thread).index && r.reason !== 'interrupt-injection');
    const stop = this.vmm!.entryStop(thread);
    if (!exited) { stop.description = undefined; stop.text = 'no VM exit: the instruction ran in the guest'; }
    return stop;
  }

  /**
   * One instruction, or (line granularity) until the pc reaches a new source line in the same
   * frame. Over calls, frames entered on the way run until they return; otherwise entering or
   * leaving a frame stops.
   */
  private async stepLines(thread: number, granularity: Granularity, overCalls: boolean): Promise<Outcome> {
    this.begin();
    const start = this.where(thread), d0 = start.depth, v0 = start.virt;
    const calls = this.callsOf(thread);
    const context = this.target.contextOf(thread);
    const line0 = granularity === 'line' ? this.target.location(start.pc, context) : undefined;
    // A vCPU that was waiting and comes back somewhere else (started by HSM at its start address,
    // resumed at a handler) stops there first: its VM entry.
    let waiting = this.target.vcpus !== undefined && !this.target.vcpus.inGuest(thread);
    for (;;) {
      const w = await this.untilAwake(thread);
      if (w) return w;
      if (waiting && this.where(thread).pc !== start.pc) return this.vmm!.entryStop(thread);
      waiting = false;
      const prevPc = this.where(thread).pc, prevLen = this.lengthAt(thread, prevPc);
      const o = this.stepOne(thread, !overCalls);
      if (o === 'again') continue;
      if (o) return o;
      if (overCalls && calls.depth > d0) {
        const o2 = await this.runUntilReturn(thread, d0);
        if (o2) return o2;
      }
      const now = this.where(thread);
      if (now.virt !== v0) return this.contextStop(thread);
      const leftFrame = overCalls ? calls.depth < d0 : calls.depth !== d0;
      if (!line0 || leftFrame) return this.stepStop(thread);
      if (calls.depth === d0 && this.newLine(line0, context, prevPc, prevLen, now.pc)) return this.stepStop(thread);
      if (!(await this.breathe())) return this.interrupted(thread) ?? this.stepStop(thread);
    }
  }

  /** stepOut: until the current frame returns (in a VM exit: to the guest). Throws at once when there is no caller. */
  stepOut(thread: number): Promise<Outcome> {
    if (this.target.vcpus?.exit(thread)) {
      this.begin(false);
      return Promise.resolve(this.vmm!.finishExit(thread));
    }
    const d0 = this.callsOf(thread).depth;
    if (d0 === 0) throw new Error('there is no caller frame to step out to (the shadow call stack is empty)');
    this.begin();
    const v0 = this.where(thread).virt;
    return this.runUntilReturn(thread, d0 - 1).then((o) => o ?? (this.where(thread).virt !== v0 ? this.contextStop(thread) : this.stepStop(thread)));
  }

  /** Sets the pc (goto). */
  goto(hart: number, address: number): Stop {
    this.target.writeRegister(hart, 32, address);
    return { kind: 'stopped', reason: 'goto', hart };
  }

  // ---- backward ----

  private startStop(hart: number): Stop {
    return { kind: 'stopped', reason: 'step', hart, description: 'At the start of recorded history', text: 'start of recorded history' };
  }

  /** stepBack: the reverse of next (line) or of one instruction. */
  async stepBack(hart: number, granularity: Granularity): Promise<Outcome> {
    this.begin(false);
    if (this.travel.atStart()) return this.startStop(hart);
    const here = this.where(hart), d0 = here.depth;
    const line0 = granularity === 'line' ? this.target.location(here.pc, this.target.contextOf(hart)) : undefined;
    const where = (r: PositionRecord) => this.target.location(r.pc, r.context);
    const pick = (recs: PositionRecord[]): number => {
      if (granularity === 'instruction' || !line0) {
        if (granularity === 'instruction') return recs.length - 1;
        for (let i = recs.length - 1; i >= 0; i--) if (recs[i].depth <= d0) return i;
        return -1;
      }
      for (let i = recs.length - 1; i >= 0; i--) {
        const r = recs[i];
        if (r.depth > d0) continue;
        const loc = where(r);
        if (r.depth === d0 && loc && loc.file === line0.file && loc.line === line0.line) continue;
        // Found the previous line: go back to where this execution of it began.
        let s = i;
        while (s > 0) {
          const p = recs[s - 1], q = recs[s];
          const pl = where(p);
          if (p.depth !== q.depth || !loc || !pl || pl.file !== loc.file || pl.line !== loc.line) break;
          if (q.pc <= p.pc || q.pc - p.pc > 4) break;
          s--;
        }
        return s;
      }
      return -1;
    };
    const r = await this.travel.back(hart, pick, () => this.breathe(true));
    const o = this.interrupted(hart);
    if (o) return o;
    return r === 'start' ? this.startStop(hart) : this.stepStop(hart);
  }

  /** reverseContinue: back to the previous breakpoint or watchpoint hit whose condition holds. */
  async reverseContinue(hart: number): Promise<Outcome> {
    this.begin(false);
    if (!this.target.history) throw new Error('time travel is off for this session ("timeTravel": false)');
    let found: Stop | undefined;
    const accept = (r: StopEvent): boolean => {
      let stop: Stop | undefined;
      if (r.kind !== 'breakpoint' && r.kind !== 'watchpoint') return false;
      const context = this.target.contextOfHart(r.hart), thread = this.target.threadOfHart(r.hart);
      if (context === undefined || thread === undefined) return false;
      if (r.kind === 'breakpoint') stop = this.decide(this.book.at(r.pc, context), thread, false);
      else {
        const e = this.book.dataEntry(r.id);
        stop = e && (!this.target.vcpus || e.watch!.context === context) ? this.decide([e], thread, false) : undefined;
        if (stop) stop.description = `Data breakpoint: ${r.write ? 'write' : 'read'} at 0x${(r.addr >>> 0).toString(16)}`;
      }
      if (stop) found = stop;
      return stop !== undefined;
    };
    const result = await this.travel.reverseContinue(accept, () => this.breathe(true));
    if (result === 'start') return this.startStop(hart);
    if (result === 'cancelled') return this.interrupted(hart) ?? this.stepStop(hart);
    // `found` is from the last accepted hit, which is where the search ended.
    return found ?? this.stepStop(hart);
  }
}
