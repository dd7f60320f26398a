/**
 * Instruction breakpoints by virtual address. The interpreter reads `pages[vpn]` once per block
 * and, only on pages that have breakpoints, one byte of `slots` per instruction.
 */
export class Breakpoints {
  readonly pages = new Uint8Array(1 << 20);
  private readonly slots = new Map<number, Uint8Array>();
  private readonly addrs = new Set<number>();

  /** Replaces the whole set. */
  set(addresses: Iterable<number>): void {
    for (const a of this.addrs) this.pages[a >>> 12] = 0;
    this.slots.clear();
    this.addrs.clear();
    for (const raw of addresses) this.add(raw);
  }

  add(raw: number): void {
    const a = raw >>> 0;
    this.addrs.add(a);
    this.pages[a >>> 12] = 1;
    let s = this.slots.get(a >>> 12);
    if (!s) { s = new Uint8Array(2049); this.slots.set(a >>> 12, s); }
    s[(a & 0xfff) >>> 1] = 1;
  }

  has(a: number): boolean { return this.addrs.has(a >>> 0); }
  get size(): number { return this.addrs.size; }
  list(): number[] { return [...this.addrs]; }

  /** The slot map of virtual page `vpn` (only called when pages[vpn] is set). */
  slotsOf(vpn: number): Uint8Array { return this.slots.get(vpn) ?? EMPTY; }
}
const EMPTY = new Uint8Array(2049);
