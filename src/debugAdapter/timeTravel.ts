import type { History } from '../engine/machine/history';
import type { StopEvent } from '../engine/machine/machine';
import type { DebugTarget } from './debugTarget';
import type { Context } from './launchConfig';

/**
 * Backwards execution on top of the engine's History (checkpoints + exact re-execution).
 * History can seek to any earlier timeline position; the debugger needs "the latest earlier
 * position where hart H was at an instruction that satisfies P" (the previous instruction, the
 * previous line at this call depth, ...). To find it, re-execute a window before now one
 * instruction at a time, record where the hart was, and pick; widen the window (x8) until
 * something matches or the window reaches the start of recorded history.
 *
 * Reverse continue works the same way a window at a time (replaying it forward with breakpoints
 * and watchpoints on, remembering the last hit whose condition holds), so a long search never
 * blocks the event loop and can be paused.
 *
 * Under the built-in VMM the thread is a vCPU: its positions are recorded while it runs its
 * guest on whichever hart (the VMM's exits and other vCPUs' turns in between are re-executed but
 * are not positions of it), so a step back lands on the guest instruction before, across exits.
 */

/** Where a hart was at one timeline position, about to execute the instruction at pc. */
export interface PositionRecord {
  t: number;
  pc: number;
  depth: number;
  /** The context the code at pc belongs to (V=1: a guest's). */
  context: Context;
}

export type BackResult = 'moved' | 'start';

export class TimeTravel {
  constructor(private readonly target: DebugTarget) {}

  get history(): History | undefined { return this.target.history; }

  atStart(): boolean {
    const h = this.history;
    return !h || h.now() <= h.earliest();
  }

  /**
   * Moves back to the latest position picked by `pick` from the records of a window before now
   * (records are in time order; pick returns an index or -1). `tick` lets the event loop breathe
   * between windows and returns false when the operation was cancelled.
   */
  async back(hart: number, pick: (recs: PositionRecord[]) => number, tick: () => Promise<boolean>): Promise<BackResult> {
    const hist = this.history;
    if (!hist) throw new Error('time travel is off for this session ("timeTravel": false)');
    const t = hist.now();
    let window = 64;
    for (;;) {
      const from = Math.max(hist.earliest(), t - window);
      const recs = this.record(hist, hart, from, t);
      const i = pick(recs);
      if (i >= 0) {
        hist.seek(recs[i].t);
        return 'moved';
      }
      if (from <= hist.earliest()) {
        hist.seek(hist.earliest());
        return 'start';
      }
      window *= 8;
      if (!(await tick())) { hist.seek(t); return 'moved'; }
    }
  }

  /**
   * Goes back to the latest breakpoint or watchpoint hit before now that `accept` takes (it is
   * called in the machine state of the hit), or to the start of history. `tick` as in back();
   * a cancelled search returns to where it started.
   */
  async reverseContinue(accept: (stop: StopEvent) => boolean, tick: () => Promise<boolean>): Promise<{ stop: StopEvent } | 'start' | 'cancelled'> {
    const hist = this.history;
    if (!hist) throw new Error('time travel is off for this session ("timeTravel": false)');
    const m = this.target.machine;
    const t0 = hist.now();
    let end = t0, window = hist.interval;
    for (;;) {
      const from = Math.max(hist.earliest(), end - window);
      hist.seek(from);
      let last: { t: number; stop: StopEvent } | undefined;
      const saved = m.suspendStops(false); // breakpoints and watchpoints on, trap stops off
      this.target.muted = true;
      try {
        while (m.executed < end) {
          const r = m.run(end - m.executed);
          if (r.kind === 'breakpoint' || r.kind === 'watchpoint') {
            if (m.executed < end && accept(r)) last = { t: m.executed, stop: r };
            continue;
          }
          if (r.kind !== 'budget' && r.kind !== 'trap') break;
        }
      } finally {
        m.resumeStops(saved);
        this.target.muted = false;
      }
      if (last) { hist.seek(last.t); return { stop: last.stop }; }
      if (from <= hist.earliest()) { hist.seek(hist.earliest()); return 'start'; }
      end = from;
      window = Math.min(window * 2, 8 * hist.interval);
      if (!(await tick())) { hist.seek(t0); return 'cancelled'; }
    }
  }

  /** Re-executes [from, to) recording thread `hart`'s positions; leaves the machine at `to`. */
  private record(hist: History, hart: number, from: number, to: number): PositionRecord[] {
    const m = this.target.machine;
    hist.seek(from);
    const saved = m.suspendStops(true);
    this.target.muted = true;
    const recs: PositionRecord[] = [];
    try {
      if (this.target.vcpus) this.recordVcpu(hart, to, recs);
      else {
        const h = m.harts[hart];
        while (m.executed < to) {
          const rec = { t: m.executed, pc: h.pc >>> 0, depth: h.calls.depth, context: h.virt ? 'guest' as const : 'hypervisor' as const };
          const r = m.step(hart, 1);
          if (m.executed > to) break; // the hart's next instruction happens after `to`
          recs.push(rec);
          if (r.kind === 'exit' || r.kind === 'idle') break;
        }
      }
    } finally {
      m.resumeStops(saved);
      this.target.muted = false;
    }
    if (m.executed !== to) hist.seek(to);
    return recs;
  }

  /** The positions of vCPU `thread` while it runs its guest, up to `to`; one instruction at a time. */
  private recordVcpu(thread: number, to: number, recs: PositionRecord[]): void {
    const m = this.target.machine, vc = this.target.vcpus!;
    const calls = vc.calls(thread), context = vc.context(thread);
    while (m.executed < to) {
      const h = vc.inGuest(thread) ? vc.hart(thread)! : undefined;
      if (!h) {
        // Another vCPU's turn, or it waits: run whoever runs, an instruction at a time, so the
        // moment it is put back on a hart is not passed.
        const r = m.run(1);
        if (r.kind === 'exit' || r.kind === 'idle') break;
        continue;
      }
      const rec = { t: m.executed, pc: h.pc >>> 0, depth: calls.depth, context }, retired = h.retired;
      const r = m.step(h.id, 1);
      if (m.executed > to) break;
      if (vc.pc(thread) !== rec.pc || calls.depth !== rec.depth || (vc.hart(thread) === h && h.retired !== retired) || vc.exit(thread)) recs.push(rec);
      if (r.kind === 'exit' || r.kind === 'idle') break;
    }
  }
}
