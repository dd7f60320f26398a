import type { Vcpu } from './vcpu';

/**
 * Which vCPU a hart runs next. Schedulers are strategies behind this interface (round robin
 * now; Credit, SEDF and BVT later). They decide only the order; the VMM does the switching.
 */
export interface VcpuScheduler {
  readonly name: string;
  /** Time slice in mtime ticks. */
  readonly sliceTicks: number;
  /** The next vCPU for hart `hart` among `runnable` (none of them loaded anywhere), or undefined. */
  pick(hart: number, runnable: readonly Vcpu[], all: readonly Vcpu[]): Vcpu | undefined;
  snapshot(): unknown;
  restore(s: unknown): void;
}

/** Round robin over every vCPU of every VM, in creation order, resuming after the last one picked. */
export class RoundRobinScheduler implements VcpuScheduler {
  readonly name = 'round-robin';
  private last = -1;

  constructor(readonly sliceTicks = 10_000) {}

  pick(_hart: number, runnable: readonly Vcpu[], all: readonly Vcpu[]): Vcpu | undefined {
    if (runnable.length === 0) return undefined;
    for (let k = 1; k <= all.length; k++) {
      const v = all[(this.last + k) % all.length];
      if (runnable.includes(v)) { this.last = all.indexOf(v); return v; }
    }
    return undefined;
  }

  snapshot(): unknown { return { last: this.last }; }
  restore(s: unknown): void { this.last = (s as { last: number }).last; }
}
