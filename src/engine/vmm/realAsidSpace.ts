/** Something that holds real ASIDs: a deprivileged paging mode's shadow roots. */
export interface RealAsidHolder {
  asidsInUse(): Iterable<number>;
}

/**
 * The hart's real ASIDs (1..511 under Sv32; 0 stays the VMM's own). Every deprivileged paging
 * mode of one VMM draws from the same space, so a shadow VM and a paravirtual VM never share an
 * ASID and never see each other's cached translations. The space derives what is taken from its
 * holders' roots; a snapshot holds only where the next search starts (time travel must hand out
 * the same ASIDs again).
 */
export class RealAsidSpace {
  private readonly holders: RealAsidHolder[] = [];
  private next = 1;

  join(holder: RealAsidHolder): void { this.holders.push(holder); }

  /** A free ASID, or undefined when all 511 are taken (the caller evicts a root and asks again). */
  take(): number | undefined {
    const used = new Set<number>();
    for (const h of this.holders) for (const a of h.asidsInUse()) used.add(a);
    for (let k = 0; k < 511; k++) {
      const a = 1 + ((this.next - 1 + k) % 511);
      if (!used.has(a)) { this.next = a + 1; return a; }
    }
    return undefined;
  }

  snapshot(): number { return this.next; }
  restore(next: number): void { this.next = next; }
}
