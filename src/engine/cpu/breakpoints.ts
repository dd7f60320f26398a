import { Op } from '../isa/opcodes';
import type { DecodedPage } from './codeCache';

/**
 * Instruction breakpoints by virtual address. The interpreter reads `pages[vpn]` once per block;
 * on a page with breakpoints it runs `armedSlots`, the page's decoded slots with each breakpoint's
 * slot turned into Op.BREAKPOINT, as a debugger plants ebreak but without touching memory. An
 * instruction without a breakpoint costs nothing more on such a page.
 */
export class Breakpoints {
  readonly pages = new Uint8Array(1 << 20);
  private readonly slots = new Map<number, Uint8Array>();
  private readonly addrs = new Set<number>();
  /** Bumped on every change: armed copies of an older version are rebuilt. */
  private version = 0;

  /** Replaces the whole set. */
  set(addresses: Iterable<number>): void {
    this.version++;
    for (const a of this.addrs) this.pages[a >>> 12] = 0;
    this.slots.clear();
    this.addrs.clear();
    for (const raw of addresses) this.add(raw);
  }

  add(raw: number): void {
    const a = raw >>> 0;
    this.version++;
    this.addrs.add(a);
    this.pages[a >>> 12] = 1;
    let s = this.slots.get(a >>> 12);
    if (!s) { s = new Uint8Array(2049); this.slots.set(a >>> 12, s); }
    s[(a & 0xfff) >>> 1] = 1;
  }

  has(a: number): boolean { return this.addrs.has(a >>> 0); }
  get size(): number { return this.addrs.size; }
  list(): number[] { return [...this.addrs]; }

  /**
   * `page`'s slots as seen at virtual page `vpn`: a copy of its ops with this set's breakpoints
   * armed, kept on the page (CodeCache.invalidate keeps it in step with stores to the code) and
   * rebuilt when the set, the page's virtual address or the set's contents change.
   */
  armedSlots(vpn: number, page: DecodedPage): Int32Array {
    const armed = page.armed;
    if (armed !== null && page.armedBy === this && page.armedVpn === vpn && page.armedVersion === this.version) return armed;
    const ops = armed ?? new Int32Array(page.ops.length);
    ops.set(page.ops);
    const slots = this.slots.get(vpn);
    if (slots) for (let i = 0; i < slots.length - 1; i++) if (slots[i] !== 0) ops[i] = Op.BREAKPOINT;
    page.armed = ops; page.armedBy = this; page.armedVpn = vpn; page.armedVersion = this.version;
    return ops;
  }
}
