import { SourceRange } from './diagnostics';
import { Expr } from './expressions';
import { RelocKind } from './operands';
import { BranchKind } from './encoder';
import type { PendingSite } from './previrtualize';

/**
 * What assembling one file produces, before linking: sections made of fragments, symbols,
 * fixups (values the linker fills in) and line records. Modelled on GNU as's frags: a frag is
 * a run of bytes whose size is known, optionally ended by a variable part (alignment padding
 * or a relaxable branch) whose size the layout pass decides. Labels are (frag, offset), so two
 * labels in one frag have a constant distance while the file is still being read.
 */

export class ByteWriter {
  buf = new Uint8Array(64);
  length = 0;

  private grow(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  u8(v: number): void { this.grow(1); this.buf[this.length++] = v & 0xff; }
  u16(v: number): void { this.grow(2); this.buf[this.length++] = v & 0xff; this.buf[this.length++] = (v >>> 8) & 0xff; }
  u32(v: number): void {
    this.grow(4);
    const b = this.buf;
    b[this.length++] = v & 0xff; b[this.length++] = (v >>> 8) & 0xff; b[this.length++] = (v >>> 16) & 0xff; b[this.length++] = (v >>> 24) & 0xff;
  }
  bytes(list: ArrayLike<number>): void { this.grow(list.length); for (let i = 0; i < list.length; i++) this.buf[this.length++] = list[i] & 0xff; }
  fill(count: number, value: number): void { this.grow(count); this.buf.fill(value & 0xff, this.length, this.length + count); this.length += count; }
  view(): Uint8Array { return this.buf.subarray(0, this.length); }
}

export type FixupKind = 'abs8' | 'abs16' | 'abs32' | 'abs64' | RelocKind | BranchKind | 'call';

export interface Fixup {
  frag: Frag;
  /** Offset in the frag's bytes (for tails: from the frag start, set when the tail is materialised). */
  offset: number;
  kind: FixupKind;
  expr: Expr;
  /** For %pcrel_lo: the expression names the auipc's label. */
  loc: SourceRange;
}

export interface AlignTail {
  kind: 'align';
  /** Power-of-two alignment in bytes. */
  alignment: number;
  /** Byte pattern to repeat, or 'code' for GNU's nop padding. */
  fill: number[] | 'code';
  /** Skip the padding when it would exceed this many bytes. */
  max: number;
}

export interface BranchTail {
  kind: 'branch';
  jump: boolean;
  /** The form written was compressed (c.beqz/c.bnez/c.j/c.jal, or an alias that matched one). */
  rvc: boolean;
  /** The matched encoding without its offset. */
  bits: number;
  target: Expr;
  loc: SourceRange;
}

/** .fill/.space/.zero: fixed bytes, but GNU gives them a frag of their own, which matters to relaxation. */
export interface FillTail {
  kind: 'fill';
  bytes: Uint8Array;
}

export type Tail = AlignTail | BranchTail | FillTail;

export class Frag {
  readonly bytes = new ByteWriter();
  readonly fixups: Fixup[] = [];
  tail: Tail | undefined;
  /** Size of the tail as decided by layout. */
  tailSize = 0;
  /** Offset of the frag in its section, decided by layout. */
  address = 0;
  constructor(readonly section: Section, readonly index: number) {}
  get size(): number { return this.bytes.length + this.tailSize; }
}

export interface SectionFlags { alloc: boolean; write: boolean; exec: boolean; tls?: boolean }

export class Section {
  readonly frags: Frag[] = [];
  /** Power-of-two alignment in bytes (the largest .align in the section). */
  alignment = 1;
  /** Offsets where the contents switch between code ($x) and data ($d), for disassemblers. */
  readonly mapping: Array<{ frag: Frag; offset: number; kind: 'x' | 'd' }> = [];
  lastMapping: 'x' | 'd' | undefined;
  constructor(readonly name: string, readonly index: number, public flags: SectionFlags, public nobits: boolean) {
    this.newFrag();
  }
  get current(): Frag { return this.frags[this.frags.length - 1]; }
  newFrag(): Frag {
    const f = new Frag(this, this.frags.length);
    this.frags.push(f);
    return f;
  }
  /** Ends the current frag with a variable tail and starts a new one. */
  addTail(tail: Tail): Frag {
    const f = this.current;
    f.tail = tail;
    this.newFrag();
    return f;
  }
  get size(): number {
    const last = this.frags[this.frags.length - 1];
    return last.address + last.size;
  }
  mark(kind: 'x' | 'd'): void {
    if (this.lastMapping === kind || !this.flags.exec) return;
    this.lastMapping = kind;
    this.mapping.push({ frag: this.current, offset: this.current.bytes.length, kind });
  }
}

export type SymbolType = 'notype' | 'func' | 'object';

export interface AsmSymbol {
  name: string;
  /** 'label': a location; 'equ': an expression (.equ/.set/=); 'undefined': only referenced. */
  kind: 'label' | 'equ' | 'undefined';
  frag?: Frag;
  offset?: number;
  expr?: Expr;
  global: boolean;
  weak: boolean;
  type: SymbolType;
  size?: Expr;
  /** Where it was defined (labels and equates). */
  defined?: SourceRange;
  /** First reference, for "undefined symbol" diagnostics. */
  firstUse?: SourceRange;
  /** Assembler-internal names (.L*, numeric labels, `.`) never reach the ELF symbol table. */
  internal: boolean;
  /** Equates are evaluated while resolving; guards against `a = b` / `b = a` cycles. */
  resolving?: boolean;
}

/** A line-table record: `size` bytes at `offset` in `frag` (or its tail) came from `loc`. */
export interface LineRecord {
  frag: Frag;
  offset: number;
  /** True when the record covers the frag's tail (a relaxed branch); size is then the tail's. */
  tail: boolean;
  size: number;
  loc: SourceRange;
  /** Which statement produced it (one statement can emit several instructions: la, call). */
  statement: number;
}

/** One assembled file, laid out: ready for the linker. */
export interface ObjectFile {
  path: string;
  sections: Section[];
  symbols: Map<string, AsmSymbol>;
  lines: LineRecord[];
  /** True when any compressed instruction was emitted (sets EF_RISCV_RVC). */
  usedRvc: boolean;
  rvcAtStart: boolean;
  /** Sensitive instructions, when previrtualizing (empty otherwise). */
  previrt: PendingSite[];
}
