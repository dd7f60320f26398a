import { EXIT_REASONS, ExitReason, ExitRecord } from './exits';

const RING = 4096;

/**
 * Every completed exit: counts by reason (per VM and per vCPU) and the most recent records in a
 * ring buffer (the timeline and histogram panes, `--stats`). Records are append-only by seq, so a
 * snapshot is the counters plus the last seq: restoring drops newer records and re-execution
 * appends the same ones again.
 */
export class ExitLog {
  /** The most recent records, oldest first from `head` (a circular buffer of RING slots). */
  private ring: ExitRecord[] = [];
  private head = 0;
  /** counts[vm][vcpu][reason] */
  private counts = new Map<string, Map<number, Record<ExitReason, number>>>();
  /** Host instructions the VMM spent, per VM. */
  private host = new Map<string, number>();
  lastSeq = 0;

  add(r: ExitRecord): void {
    // An injection during a handler is recorded before the exit it happened in, with a higher seq.
    this.lastSeq = Math.max(this.lastSeq, r.seq);
    if (this.ring.length < RING) this.ring.push(r);
    else { this.ring[this.head] = r; this.head = (this.head + 1) % RING; }
    let byVcpu = this.counts.get(r.vm);
    if (!byVcpu) { byVcpu = new Map(); this.counts.set(r.vm, byVcpu); }
    let c = byVcpu.get(r.vcpu);
    if (!c) { c = zeroCounts(); byVcpu.set(r.vcpu, c); }
    c[r.reason]++;
    this.host.set(r.vm, (this.host.get(r.vm) ?? 0) + r.cost);
  }

  /** Records newest last; `since` keeps those with a larger seq. */
  recent(since = 0, limit = RING): ExitRecord[] {
    const ordered = this.head === 0 ? this.ring : [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
    const out = ordered.filter((r) => r.seq > since);
    return out.slice(Math.max(0, out.length - limit));
  }

  /** Counts by reason for one VM (all vCPUs), one vCPU, or everything. */
  countsFor(vm?: string, vcpu?: number): Record<ExitReason, number> {
    const sum = zeroCounts();
    for (const [name, byVcpu] of this.counts) {
      if (vm !== undefined && name !== vm) continue;
      for (const [i, c] of byVcpu) {
        if (vcpu !== undefined && i !== vcpu) continue;
        for (const k of EXIT_REASONS) sum[k] += c[k];
      }
    }
    return sum;
  }

  hostInstructions(vm?: string): number {
    if (vm !== undefined) return this.host.get(vm) ?? 0;
    let s = 0;
    for (const v of this.host.values()) s += v;
    return s;
  }

  snapshot(): unknown {
    const counts: [string, [number, Record<ExitReason, number>][]][] = [];
    for (const [vm, byVcpu] of this.counts) counts.push([vm, [...byVcpu].map(([i, c]) => [i, { ...c }])]);
    return { lastSeq: this.lastSeq, counts, host: [...this.host] };
  }

  restore(s: unknown): void {
    const v = s as { lastSeq: number; counts: [string, [number, Record<ExitReason, number>][]][]; host: [string, number][] };
    this.lastSeq = v.lastSeq;
    this.ring = this.recent().filter((r) => r.seq <= v.lastSeq);
    this.head = 0;
    this.counts = new Map(v.counts.map(([vm, list]) => [vm, new Map(list.map(([i, c]) => [i, { ...c }]))]));
    this.host = new Map(v.host);
  }
}

function zeroCounts(): Record<ExitReason, number> {
  const c = {} as Record<ExitReason, number>;
  for (const k of EXIT_REASONS) c[k] = 0;
  return c;
}
