import type { TrapInfo } from '../engine/cpu/hart';
import { FrameKind } from '../engine/cpu/shadowStack';
import type { StopEvent } from '../engine/machine/machine';
import type { ExitRecord, Vcpu, VmExit } from '../engine/vmm';
import type { BreakpointBook } from './breakpointBook';
import type { DebugTarget } from './debugTarget';
import { describeTrap, ExceptionBreakpoints, trapVariables } from './exceptionFilters';
import { evaluateNode } from './expressions';
import { captureExitState, diffStates, exitGuestWords } from './phaseChanges';
import type { RunHooks, Stop } from './runController';
import { exitStopDescription, exitSummary, exitVariables } from './vmExits';
import type { PhaseChanges } from './vmmScopes';

/**
 * Run control that only the built-in VMM has: the debugger's answers to the VMM's hooks (stop at
 * a VM exit for an exception filter or a step, before a handler for a function breakpoint, when
 * a vCPU is put on a hart, after an interrupt injection), and stepping through an exit's phases.
 *
 * A hook that says "stop" leaves what it decided in `pending`; the run controller turns the
 * machine's StopEvent into that Stop (`judge`). Hooks never fire while time travel re-executes
 * (the target is muted then), so searching history does not count hits or log.
 */

type Pending =
  | { kind: 'step'; exit: VmExit; thread: number }
  | { kind: 'filter'; exit: VmExit; thread: number; filterId: string }
  | { kind: 'handler'; exit: VmExit; thread: number; handler: string; ids: number[] }
  | { kind: 'load'; thread: number }
  | { kind: 'injection'; record: ExitRecord; thread: number; filterId: string }
  | { kind: 'guestTrap'; trap: TrapInfo; thread: number; filterId: string };

export class VmmControl {
  private pending: Pending | undefined;
  /** Stop at the next exit of this vCPU (stepIn into an exit, stepToNextExit). */
  stepExitOf: Vcpu | undefined;
  /** Stop when this vCPU is next put on a hart (waiting for it to run again). */
  loadStopOf: Vcpu | undefined;
  /** What the last phase the debugger ran changed. */
  lastPhase: PhaseChanges | undefined;

  constructor(private readonly target: DebugTarget, private readonly book: BreakpointBook, private readonly filters: ExceptionBreakpoints,
    private readonly hooks: RunHooks, noDebug: boolean) {
    const vmm = target.vmm!;
    vmm.stopAtLoad = (v) => this.atLoad(v);
    if (noDebug) return;
    vmm.stopAtExit = (e) => this.atExit(e);
    vmm.stopAtHandler = (name, e) => this.atHandler(name, e);
    // Panes may listen to completed exits too: keep whoever listened first.
    const previous = vmm.onRecord;
    vmm.onRecord = (r) => { previous?.(r); this.recorded(r); };
  }

  private get vcpus() { return this.target.vcpus!; }

  private threadOfExit(e: { vm: string; vcpu: number }): number { return this.vcpus.find(e.vm, e.vcpu) ?? 0; }

  private conditionHolds(filterId: string, condition: Parameters<typeof evaluateNode>[0] | undefined, thread: number, vars: ReturnType<typeof exitVariables>): boolean {
    if (!condition) return true;
    try {
      return evaluateNode(condition, this.target.evalContext(thread, vars.numbers, vars.texts)).bits !== 0;
    } catch (e) {
      this.hooks.log(`exception filter '${filterId}': condition failed: ${(e as Error).message}\n`, 'stderr');
      return true;
    }
  }

  // ---- the VMM's hooks ----

  private atExit(e: VmExit): boolean {
    if (this.target.muted) return false;
    const thread = this.threadOfExit(e);
    if (this.stepExitOf && this.vcpus.vcpu(thread) === this.stepExitOf) {
      this.pending = { kind: 'step', exit: e, thread };
      return true;
    }
    const handler = this.vcpus.exit(thread)?.plan.handler ?? '';
    for (const a of this.filters.matchingExit(e.reason)) {
      if (!this.conditionHolds(a.filter.id, a.condition, thread, exitVariables(e, handler))) continue;
      this.pending = { kind: 'filter', exit: e, thread, filterId: a.filter.id };
      return true;
    }
    return false;
  }

  private atHandler(handler: string, e: VmExit): boolean {
    if (this.target.muted) return false;
    const entries = this.book.handlerEntries(handler);
    if (entries.length === 0) return false;
    const thread = this.threadOfExit(e);
    const vars = exitVariables(e, handler);
    const d = this.book.decide(entries, this.target.evalContext(thread, vars.numbers, vars.texts), true);
    for (const l of d.logs) this.hooks.log(l.text.endsWith('\n') ? l.text : l.text + '\n', 'console', l.entry);
    for (const err of d.errors) this.hooks.log(err + '\n', 'stderr');
    if (d.stop.length === 0) return false;
    this.pending = { kind: 'handler', exit: e, thread, handler, ids: d.stop.map((x) => x.id) };
    return true;
  }

  private atLoad(v: Vcpu): boolean {
    if (this.target.muted || v !== this.loadStopOf) return false;
    this.pending = { kind: 'load', thread: this.vcpus.threadOf(v) };
    return true;
  }

  /** Interrupt injections are records, not exits: the machine pauses right after one a filter wants. */
  private recorded(r: ExitRecord): void {
    if (this.target.muted) return;
    this.nameVirtualTrap(r);
    if (r.reason !== 'interrupt-injection' || this.pending) return;
    const thread = this.threadOfExit(r);
    for (const a of this.filters.matchingExit(r.reason)) {
      const vars = { numbers: { vcpu: r.vcpu, seq: r.seq, pc: r.pc >>> 0 }, texts: { vm: r.vm, reason: r.reason, handler: r.handler, irq: r.summary } };
      if (!this.conditionHolds(a.filter.id, a.condition, thread, vars)) continue;
      this.pending = { kind: 'injection', record: r, thread, filterId: a.filter.id };
      this.target.machine.pause();
      return;
    }
  }

  /**
   * After an exit of a deprivileged vCPU: when the VMM entered the guest's trap handler (a
   * redirected exception, a delivered interrupt), the frame it pushed gets the trap's description
   * from the guest's virtual scause/stval/sepc, as a trap the hart took would have.
   */
  private nameVirtualTrap(r: ExitRecord): void {
    const thread = this.threadOfExit(r), vc = this.vcpus;
    const h = vc.hart(thread);
    if (!h || !vc.deprivileged(thread)) return;
    const calls = vc.calls(thread), d = calls.depth;
    if (d < 1 || d > 1024 || calls.kind[d - 1] !== FrameKind.Trap || (calls.returnAddress[d - 1] >>> 0) !== (h.vsepc >>> 0)) return;
    if (this.target.trapAt(thread, d - 1)) return;
    const cause = h.vscause >>> 0, interrupt = (cause >>> 31) === 1;
    const trap: TrapInfo = {
      hart: h.id, cause: cause & 0x7fffffff, interrupt, tval: interrupt ? 0 : h.vstval >>> 0, epc: h.vsepc >>> 0,
      fromPriv: calls.mode[d - 1], toPriv: 1, fromVirt: false, toVirt: false,
    };
    this.target.noteTrapFrame(thread, d - 1, trap);
    // The guest took a trap (the VMM entered its handler): the exception filters stop here, as
    // they do after a trap the hardware delivers to a guest under H.
    if (this.pending) return;
    for (const a of this.filters.matching(trap)) {
      if (!this.conditionHolds(a.filter.id, a.condition, thread, { numbers: trapVariables(trap), texts: {} })) continue;
      this.pending = { kind: 'guestTrap', trap, thread, filterId: a.filter.id };
      this.target.machine.pause();
      return;
    }
  }

  // ---- what a machine stop means ----

  /** Whether the machine stopped because a vCPU was put on a hart (consumes that stop). */
  takeLoadStop(): boolean {
    if (this.pending?.kind !== 'load') return false;
    this.pending = undefined;
    return true;
  }

  /**
   * The debugger stop for a `vm-exit` StopEvent, or for a `pause` the debugger caused (an
   * injection); undefined when the stop is not one of the VMM's.
   */
  judge(r: StopEvent): Stop | undefined {
    const p = this.pending;
    if (!p || (r.kind !== 'vm-exit' && r.kind !== 'pause')) return undefined;
    if (r.kind === 'pause' && p.kind !== 'injection' && p.kind !== 'guestTrap') return undefined;
    this.pending = undefined;
    switch (p.kind) {
      case 'guestTrap': {
        const description = describeTrap(p.trap), at = this.target.describe(p.trap.epc, this.vcpus.context(p.thread), true);
        return {
          kind: 'stopped', reason: 'exception', hart: p.thread, description: `Exception: ${description}`,
          text: `${description} at 0x${p.trap.epc.toString(16)}${at ? ` <${at}>` : ''}${p.trap.interrupt ? '' : `, tval 0x${p.trap.tval.toString(16)}`} (delivered by the VMM)`,
          exception: { filterId: p.filterId, description, trap: p.trap },
        };
      }
      case 'injection': {
        const description = exitStopDescription('interrupt-injection');
        const text = `${p.record.summary} for ${p.record.vm}/vcpu${p.record.vcpu}`;
        return { kind: 'stopped', reason: 'exception', hart: p.thread, description, text, exception: { filterId: p.filterId, description, details: text } };
      }
      case 'load': return undefined;
      default: break;
    }
    const e = p.exit;
    const description = exitStopDescription(e.reason);
    const handler = this.vcpus.exit(p.thread)?.plan.handler ?? '';
    const at = this.target.describe(e.pc, this.vcpus.context(p.thread), true);
    const text = `${handler}: ${exitSummary(e)} at 0x${e.pc.toString(16)}${at ? ` <${at}>` : ''}`;
    if (p.kind === 'step') return { kind: 'stopped', reason: 'step', hart: p.thread, description, text };
    if (p.kind === 'handler') return { kind: 'stopped', reason: 'function breakpoint', hart: p.thread, description: `VMM handler ${p.handler}`, text, hitBreakpointIds: p.ids };
    return { kind: 'stopped', reason: 'exception', hart: p.thread, description, text, exception: { filterId: p.filterId, description, exit: e } };
  }

  /** Forgets a decision whose stop was never reported (an operation was cancelled). */
  clearPending(): void { this.pending = undefined; }

  // ---- stepping through an exit ----

  /** Runs the next phase of the exit thread `thread` is in, recording what it changed. */
  stepPhase(thread: number): Stop | { kind: 'exited'; code: number } {
    const vc = this.vcpus, m = this.target.machine;
    const h = vc.hart(thread)!, hd = vc.exit(thread)!, v = vc.vcpu(thread);
    const phase = hd.plan.phases[hd.next];
    const words = exitGuestWords(v, h.vsatp >>> 0, hd.exit.detail);
    const before = captureExitState(m, h, v, words);
    const done = this.target.vmm!.stepPhase(h.id);
    this.lastPhase = { thread, seq: hd.exit.seq, phase: phase.name, text: phase.text, changes: diffStates(before, captureExitState(m, h, v, words)) };
    this.hooks.flushOutput();
    if (m.exited !== undefined) return { kind: 'exited', code: m.exited };
    if (!done) {
      const next = hd.plan.phases[hd.next];
      return { kind: 'stopped', reason: 'step', hart: thread, description: `${exitStopDescription(hd.exit.reason)}: ${next.name}`, text: `${phase.name} done; next: ${next.name}: ${next.text}` };
    }
    return this.entryStop(thread);
  }

  /** Runs every remaining phase of the exit (stepOut): the vCPU is back in its guest. */
  finishExit(thread: number): Stop | { kind: 'exited'; code: number } {
    let last: Stop | { kind: 'exited'; code: number } = this.entryStop(thread);
    while (this.vcpus.exit(thread)) {
      last = this.stepPhase(thread);
      if (last.kind === 'exited') return last;
    }
    return last;
  }

  /** "VM entry": where the vCPU resumes in its guest after an exit, and whether it runs now. */
  entryStop(thread: number): Stop {
    const vc = this.vcpus, v = vc.vcpu(thread);
    const pc = vc.pc(thread), at = this.target.describe(pc, vc.context(thread), true);
    const how = v.state === 'halted' ? `; ${v.name} is halted until an interrupt` : v.state === 'stopped' ? `; ${v.name} is stopped` : '';
    const mode = vc.deprivileged(thread) ? `${vc.priv(thread) === 1 ? 'S' : 'U'}-mode (deprivileged: U-mode, V=0)` : `${vc.priv(thread) === 1 ? 'VS' : 'VU'}-mode`;
    return { kind: 'stopped', reason: 'step', hart: thread, description: 'VM entry', text: `VM entry: ${mode} at 0x${pc.toString(16)}${at ? ` <${at}>` : ''}${how}` };
  }

  /**
   * Before the machine runs again: finishes exits whose handling the debugger left half done
   * (phases past decode have run), so no checkpoint ever holds an exit mid-way (a restored
   * VMM decodes an unfinished exit again and would run those phases twice).
   */
  settleExits(): void {
    const vmm = this.target.vmm!;
    for (const h of this.target.machine.harts) {
      const hd = vmm.exitInProgress(h.id);
      if (!hd || hd.next < 2) continue;
      while (vmm.exitInProgress(h.id)) vmm.stepPhase(h.id);
    }
    this.hooks.flushOutput();
  }
}
