import type { Machine, MachineState, StopEvent } from './machine';

export interface HistoryOptions {
  /** Instructions between checkpoints (default 1,000,000: a step back re-executes at most this many). */
  interval?: number;
  /** Bound on saved RAM pages in bytes; the oldest checkpoints are dropped past it (default 512 MiB). */
  maxBytes?: number;
}

interface Checkpoint {
  /** Timeline position (machine.executed). */
  t: number;
  state: MachineState;
  /** RAM pages as they were at `t`, saved on their first write after `t` (an undo log). */
  undo: Map<number, Uint8Array>;
  /** Approximate size of `state` (harts, devices): counted against maxBytes too. */
  stateBytes: number;
}

const PAGE = 4096;

/**
 * Time travel from periodic checkpoints plus deterministic re-execution. A checkpoint keeps the
 * machine's non-RAM state and, for RAM, only the pages written after it (their old contents), so
 * memory grows with the working set, not with RAM size. Host input (UART RX) is recorded with its
 * timeline position and replayed, so re-execution reproduces the run exactly.
 */
export class History {
  private checkpoints: Checkpoint[] = [];
  private inputs: { t: number; bytes: Uint8Array }[] = [];
  /** Debugger edits by position (see recordEdit), and the next one to apply while re-executing. */
  private edits: { t: number; apply: () => void }[] = [];
  private editCursor = 0;
  /** Index of the next recorded input to inject (inputs before it already happened). */
  private cursor = 0;
  private nextAt = 0;
  private undoBytes = 0;
  /** True while re-executing: output is muted and stops are off. */
  replaying = false;
  readonly interval: number;
  readonly maxBytes: number;

  constructor(private readonly m: Machine, opts: HistoryOptions = {}) {
    this.interval = opts.interval ?? 1_000_000;
    this.maxBytes = opts.maxBytes ?? 512 * 1024 * 1024;
    const bus = m.bus;
    bus.pageClean = new Uint8Array(bus.ramSize / PAGE);
    bus.onFirstWrite = (page) => this.saveOldPage(page);
    this.checkpoint();
  }

  /** The current timeline position. */
  now(): number { return this.m.executed; }

  /** The earliest position a seek can reach. */
  earliest(): number { return this.checkpoints[0].t; }

  /** Bytes held by checkpoints: saved pages plus their (estimated) non-RAM state. */
  get bytes(): number { return this.undoBytes; }

  /** Called by the scheduler after every slice. */
  afterSlice(executed: number): void {
    while (this.cursor < this.inputs.length && this.inputs[this.cursor].t <= executed) {
      this.m.injectInput(this.inputs[this.cursor++].bytes);
    }
    this.applyEdits(executed);
    if (executed >= this.nextAt) this.checkpoint();
  }

  /** The next position where the scheduler must end a slice: recorded input or a checkpoint. */
  nextEventAt(executed: number): number {
    const input = this.cursor < this.inputs.length ? this.inputs[this.cursor].t : Infinity;
    const edit = this.editCursor < this.edits.length ? this.edits[this.editCursor].t : Infinity;
    return Math.max(executed, Math.min(input, edit, this.nextAt));
  }

  /** Live input from the user: recorded at the current position, then delivered. */
  recordInput(bytes: ArrayLike<number>): void {
    // Typing after travelling back starts a new future: recorded input beyond now is dropped.
    this.inputs.length = this.cursor;
    this.inputs.push({ t: this.m.executed, bytes: Uint8Array.from(bytes) });
    this.cursor = this.inputs.length;
  }

  /**
   * A change made from outside the run at the current position (a debugger writing a register,
   * CSR, memory or the pc): applied now and again whenever re-execution passes this position, so
   * travelling back and forward keeps it. `apply` must be repeatable (it writes absolute values).
   * Editing after travelling back starts a new future: edits recorded beyond now are dropped.
   */
  recordEdit(apply: () => void): void {
    this.edits.length = this.editCursor;
    this.edits.push({ t: this.m.executed, apply });
    this.editCursor = this.edits.length;
    apply();
  }

  private applyEdits(executed: number): void {
    while (this.editCursor < this.edits.length && this.edits[this.editCursor].t <= executed) this.edits[this.editCursor++].apply();
  }

  private checkpoint(): void {
    const m = this.m;
    const state = m.saveState();
    const stateBytes = JSON.stringify(state).length;
    this.checkpoints.push({ t: m.executed, state, undo: new Map(), stateBytes });
    this.undoBytes += stateBytes;
    m.bus.pageClean!.fill(1);
    for (const h of m.harts) { h.hostTlb.wTag.fill(-1); h.guestTlb.wTag.fill(-1); } // first writes must come to saveOldPage
    this.nextAt = m.executed + this.interval;
    while (this.undoBytes > this.maxBytes && this.checkpoints.length > 2) {
      const dropped = this.checkpoints.shift()!;
      this.undoBytes -= dropped.undo.size * PAGE + dropped.stateBytes;
    }
  }

  private saveOldPage(page: number): void {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last.undo.has(page)) return;
    last.undo.set(page, this.m.bus.ram.slice(page * PAGE, (page + 1) * PAGE));
    this.undoBytes += PAGE;
  }

  /** Rewinds to the last checkpoint at or before `t` and forgets the later ones. */
  private rewindTo(t: number): void {
    let k = this.checkpoints.length - 1;
    while (k > 0 && this.checkpoints[k].t > t) k--;
    const ram = this.m.bus.ram;
    for (let j = this.checkpoints.length - 1; j >= k; j--) {
      for (const [page, data] of this.checkpoints[j].undo) ram.set(data, page * PAGE);
    }
    for (let j = this.checkpoints.length - 1; j > k; j--) this.undoBytes -= this.checkpoints[j].undo.size * PAGE + this.checkpoints[j].stateBytes;
    this.checkpoints.length = k + 1;
    const cp = this.checkpoints[k];
    this.undoBytes -= cp.undo.size * PAGE;
    cp.undo = new Map();
    this.m.restoreState(cp.state);
    this.m.bus.pageClean!.fill(1);
    this.nextAt = cp.t + this.interval;
    this.cursor = 0;
    while (this.cursor < this.inputs.length && this.inputs[this.cursor].t < cp.t) this.cursor++;
    this.editCursor = 0;
    while (this.editCursor < this.edits.length && this.edits[this.editCursor].t < cp.t) this.editCursor++;
    this.applyEdits(cp.t); // the checkpoint may predate an edit made at its own position
  }

  /**
   * Brings the machine to the exact state it had at position `t` (earliest() <= t). Positions
   * after now are reached by running forward. Output is muted and stops are off meanwhile.
   */
  seek(t: number): void {
    if (t < this.earliest()) throw new Error(`position ${t} is before the earliest checkpoint (${this.earliest()})`);
    if (t < this.m.executed) this.rewindTo(t);
    this.replayTo(t, false);
  }

  /**
   * Goes back to the most recent breakpoint or watchpoint hit before now, or to the earliest
   * position when there is none. Returns the stop that happened there.
   */
  reverseContinue(): StopEvent | { kind: 'start' } {
    let end = this.m.executed;
    for (;;) {
      const from = [...this.checkpoints].reverse().find((c) => c.t < end)?.t;
      if (from === undefined) { this.seek(this.earliest()); return { kind: 'start' }; }
      this.rewindTo(from);
      let last: { t: number; stop: StopEvent } | undefined;
      while (this.m.executed < end) {
        const stop = this.replayTo(end, true);
        if (stop && this.m.executed < end) last = { t: this.m.executed, stop };
        else if (!stop) break;
      }
      if (last) { this.seek(last.t); return last.stop; }
      end = from;
      if (from <= this.earliest()) { this.seek(this.earliest()); return { kind: 'start' }; }
    }
  }

  /**
   * Runs forward to position `t`. With `stops`, breakpoints and watchpoints stop it and the stop
   * is returned (the caller continues); without, they are off.
   */
  private replayTo(t: number, stops: boolean): StopEvent | undefined {
    const m = this.m;
    this.replaying = true;
    const saved = m.suspendStops(!stops);
    try {
      while (m.executed < t) {
        const r = m.run(t - m.executed);
        if (r.kind === 'breakpoint' || r.kind === 'watchpoint') { if (stops) return r; continue; }
        if (r.kind !== 'budget' && r.kind !== 'trap') return undefined; // exit or idle: the run ended here before
      }
      return undefined;
    } finally {
      m.resumeStops(saved);
      this.replaying = false;
    }
  }
}
