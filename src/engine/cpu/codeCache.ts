import { Op } from '../isa/opcodes';
import { decodeInto, newDecodedFields } from '../isa/decoder';
import { specOf } from '../isa/instructions';
import type { Bus } from '../machine/bus';
import type { SoftTlb } from '../mmu/softTlb';

/** Halfword slots per 4 KiB page, plus one sentinel slot that ends the page. */
export const SLOTS = 2048;

/**
 * One physical page of predecoded instructions, one slot per halfword. Slots decode lazily on
 * first execution (a fresh slot is all zero = UNDECODED), so a store into a code page only resets
 * the slots it overlaps. Packed slot: op | rd << 8 | rs1 << 14 | rs2 << 19 | (length in halfwords) << 24;
 * rd is 32 (a scratch register) when the instruction writes x0, so the hot loop never tests rd.
 */
export class DecodedPage {
  readonly ops = new Int32Array(SLOTS + 1);
  readonly imms = new Int32Array(SLOTS + 1);
  /**
   * `ops` with one breakpoint set's slots at one virtual page turned into Op.BREAKPOINT, so the
   * interpreter pays nothing per instruction for breakpoints (Breakpoints.armedSlots keeps it).
   */
  armed: Int32Array | null = null;
  armedBy: object | null = null;
  armedVpn = -1;
  armedVersion = -1;
  constructor(readonly pa: number, readonly ramOffset: number) { this.ops[SLOTS] = Op.PAGE_END; }
}

export function packSlot(op: number, rd: number, rs1: number, rs2: number, len: number): number {
  return op | (rd << 8) | (rs1 << 14) | (rs2 << 19) | ((len >>> 1) << 24);
}

/** Predecoded pages shared by all harts of a machine, with invalidation on stores and fence.i. */
export class CodeCache {
  private readonly ramPages: (DecodedPage | undefined)[];
  private readonly otherPages = new Map<number, DecodedPage>();
  /** 1 where a RAM page has a DecodedPage: stores there take the slow path. */
  readonly hasCode: Uint8Array;
  private readonly tlbs: SoftTlb[] = [];
  private readonly scratch = newDecodedFields();

  constructor(private readonly bus: Bus) {
    const n = bus.ramSize >>> 12;
    this.ramPages = new Array<DecodedPage | undefined>(n);
    this.hasCode = new Uint8Array(n);
  }

  attach(tlb: SoftTlb): void { this.tlbs.push(tlb); }

  /** The decoded page for physical page `pa` (4 KiB aligned), created on first use. */
  pageFor(pa: number): DecodedPage {
    const off = this.bus.ramOffset(pa);
    if (off >= 0 && !this.bus.ioPage[off >>> 12]) {
      const n = off >>> 12;
      let p = this.ramPages[n];
      if (!p) {
        p = new DecodedPage(pa >>> 0, off);
        this.ramPages[n] = p;
        this.hasCode[n] = 1;
        for (const t of this.tlbs) t.dropWritesToRamPage(n);
      }
      return p;
    }
    let p = this.otherPages.get(pa >>> 0);
    if (!p) { p = new DecodedPage(pa >>> 0, -1); this.otherPages.set(pa >>> 0, p); }
    return p;
  }

  /** Decodes slot `idx` of `page` from memory. Returns false when the bytes are not readable. */
  decodeSlot(page: DecodedPage, idx: number): boolean {
    let lo: number, hi = 0;
    const r = this.bus.ram;
    if (page.ramOffset >= 0) {
      const o = page.ramOffset + idx * 2;
      lo = r[o] | (r[o + 1] << 8);
      if ((lo & 3) === 3 && idx < SLOTS - 1) hi = r[o + 2] | (r[o + 3] << 8);
    } else {
      lo = this.bus.read(page.pa + idx * 2, 2);
      if (this.bus.fault) return false;
      if ((lo & 3) === 3 && idx < SLOTS - 1) hi = this.bus.read(page.pa + idx * 2 + 2, 2);
    }
    if ((lo & 3) === 3 && idx === SLOTS - 1) { page.ops[idx] = Op.CROSS_PAGE; page.imms[idx] = 0; return true; }
    this.fillSlot(page, idx, (lo | (hi << 16)) | 0);
    return true;
  }

  /** Decodes `bits` into slot `idx` (also used for instructions that straddle pages). */
  fillSlot(page: DecodedPage, idx: number, bits: number): void {
    const d = this.scratch;
    decodeInto(bits, d);
    const spec = specOf(d.op);
    const rd = d.rd === 0 && spec !== undefined && spec.writesRd ? 32 : d.rd;
    page.ops[idx] = packSlot(d.op, rd, d.rs1, d.rs2, d.len);
    page.imms[idx] = d.imm;
  }

  /** A store of `width` bytes at physical `pa` hit a code page: forget overlapping slots. */
  invalidate(pa: number, width: number): void {
    const off = this.bus.ramOffset(pa);
    const p = off >= 0 ? this.ramPages[off >>> 12] : this.otherPages.get((pa & ~0xfff) >>> 0);
    if (!p) return;
    const first = Math.max(0, ((pa & 0xfff) >>> 1) - 1), last = Math.min(SLOTS - 1, ((pa & 0xfff) + width - 1) >>> 1);
    for (let i = first; i <= last; i++) p.ops[i] = Op.UNDECODED;
    const armed = p.armed;
    if (armed) for (let i = first; i <= last; i++) if (armed[i] !== Op.BREAKPOINT) armed[i] = Op.UNDECODED;
  }

  /** fence.i, snapshot restore, loaders: forget everything. */
  invalidateAll(): void {
    this.ramPages.fill(undefined);
    this.otherPages.clear();
    this.hasCode.fill(0);
    for (const t of this.tlbs) t.flush();
  }
}
