/**
 * The debugger's expression language: what the REPL, watches, hovers, breakpoint conditions,
 * logpoint interpolations and exception-filter conditions evaluate.
 *
 *   numbers      42  0x2a  0b101  0o17  'A'  '\n'
 *   names        x5 t0 fp pc ($pc too), CSR names (mstatus, satp, ...), symbols (labels are
 *                addresses), and context variables a caller supplies (e.g. cause, tval)
 *   operators    + - * / % << >> >>> & | ^ ~ ! == != < <= > >= && || ?: ( )
 *   memory       *(u32*)(sp+8)   *(u8*)msg   ((u16*)a0)[3]   [addr] (a word)   *addr (a word)
 *   casts        (u8) (i16) (uint32_t) (int) (char) ... and pointer casts (T*)
 *   spaces       gva:ADDR gpa:ADDR hpa:ADDR (guest-virtual, guest-physical, host-physical):
 *                the address, and what is read through it, is in that space: *gva:0x1000,
 *                *(u8*)gpa:(a0 + 4); without a prefix memory is the hart's current context.
 *                Under the built-in VMM a VM may follow: *gva:vm1:0x80001000, gpa:vm2/vcpu1:x
 *   strings      "vm1": only compared with == and != against text variables (a VM exit's
 *                vm, reason, device, handler), as in `vm == "vm1" && reason != "sbi"`
 *
 * Values are 32-bit. Each carries a signedness, as in C: registers are signed (int) except the
 * pointer registers ra, sp, gp, tp and pc; CSRs, symbols and literals >= 2^31 are unsigned; an
 * operation with an unsigned operand is unsigned. That makes `a0 < 0` and `sp >= 0x80000000`
 * both mean what they say. Pointer arithmetic scales by the pointee size, as in C.
 */

export interface EvalContext {
  /** A register by name (x0..x31, ABI names, fp, pc); undefined when `name` is not one. */
  register(name: string): number | undefined;
  /** A CSR by name; undefined when `name` is not a CSR (or it cannot be read). */
  csr(name: string): number | undefined;
  /** A symbol's address; undefined when there is no such symbol. */
  symbol(name: string): number | undefined;
  /** Extra names (condition variables such as `cause`), looked up first. */
  variable?(name: string): number | undefined;
  /** Extra names whose values are text (a VM exit's `vm`, `reason`...), looked up first. */
  text?(name: string): string | undefined;
  /**
   * Reads `size` bytes little-endian at `address` (in `space`; `owner` is the VM named after the
   * prefix, `vm1` or `vm1/vcpu1`); undefined when unreadable.
   */
  readMemory(address: number, size: 1 | 2 | 4, space?: Space, owner?: string): number | undefined;
}

/** An explicit address space (expressions without one use the hart's current context). */
export type Space = 'gva' | 'gpa' | 'physical';

const SPACES: Record<string, Space> = { gva: 'gva', gpa: 'gpa', hpa: 'physical', pa: 'physical' };

export class ExpressionError extends Error {
  constructor(message: string, readonly offset?: number) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** What a value came from, so setExpression can write it back. */
export type Place =
  | { kind: 'register'; name: string }
  | { kind: 'csr'; name: string }
  | { kind: 'memory'; address: number; size: 1 | 2 | 4; space?: Space; owner?: string };

export interface Value {
  /** The 32 bits, as an unsigned number 0..2^32-1. */
  bits: number;
  signed: boolean;
  /** Pointee size and signedness when the value is a typed pointer. */
  pointer?: { size: 1 | 2 | 4; signed: boolean };
  /** Width of the value's type in bytes (1, 2 or 4). */
  size: 1 | 2 | 4;
  place?: Place;
  /** The value is an address by nature (a symbol, pc, sp, a pointer): shown in hex first. */
  address?: boolean;
  /** The address space the value points into, when given explicitly (gva:...). */
  space?: Space;
  /** The VM whose space it is (gva:vm1:...). */
  owner?: string;
  /** A string (a literal or a text variable): it can only be compared. */
  text?: string;
}

/** The numeric value of `v`: signed or unsigned as its type says. */
export function numberOf(v: Value): number {
  return v.signed ? signExtend(v.bits, v.size) : v.bits;
}

function signExtend(bits: number, size: 1 | 2 | 4): number {
  const shift = 32 - size * 8;
  return (bits << shift) >> shift;
}

// ---- lexer ---------------------------------------------------------------------------------

type Tok =
  | { t: 'num'; v: number; unsigned: boolean; at: number }
  | { t: 'id'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'space'; v: Space; owner?: string; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'end'; at: number };

const OPS = ['>>>', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '&', '|', '^', '~', '!', '<', '>', '(', ')', '[', ']', '?', ':'];
const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11, e: 27 };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const at = i;
    if (/[0-9]/.test(c)) {
      const m = /^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*)([uUlL]*)/.exec(src.slice(i))!;
      const text = m[1].replace(/_/g, '');
      if (/[A-Za-z0-9_]/.test(src[i + m[0].length] ?? '')) throw new ExpressionError(`bad number '${src.slice(i).match(/^[A-Za-z0-9_]+/)![0]}'`, at);
      const v = Number(text.length > 1 && /^0[0-7]+$/.test(text) ? '0o' + text.slice(1) : text);
      if (!Number.isFinite(v) || v >= 2 ** 32) throw new ExpressionError(`number ${m[1]} does not fit in 32 bits`, at);
      out.push({ t: 'num', v, unsigned: /u/i.test(m[2]) || v >= 2 ** 31, at });
      i += m[0].length;
      continue;
    }
    if (c === "'") {
      let j = i + 1, v: number;
      if (src[j] === '\\') {
        const e = src[j + 1];
        if (e === 'x') {
          const m = /^[0-9a-fA-F]{1,2}/.exec(src.slice(j + 2));
          if (!m) throw new ExpressionError('bad \\x escape in character literal', at);
          v = parseInt(m[0], 16); j += 2 + m[0].length;
        } else if (e !== undefined && e in ESCAPES) { v = ESCAPES[e]; j += 2; }
        else throw new ExpressionError(`unknown escape '\\${e ?? ''}' in character literal`, at);
      } else if (j < src.length && src[j] !== "'") { v = src.codePointAt(j)!; j += v > 0xffff ? 2 : 1; }
      else throw new ExpressionError('empty character literal', at);
      if (src[j] !== "'") throw new ExpressionError('unterminated character literal', at);
      out.push({ t: 'num', v, unsigned: false, at });
      i = j + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1, v = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\') {
          const e = src[j + 1];
          if (e === undefined || !(e in ESCAPES)) throw new ExpressionError(`unknown escape '\\${e ?? ''}' in string`, j);
          v += String.fromCharCode(ESCAPES[e]); j += 2;
        } else v += src[j++];
      }
      if (src[j] !== '"') throw new ExpressionError('unterminated string', at);
      out.push({ t: 'str', v, at });
      i = j + 1;
      continue;
    }
    const owned = /^(gva|gpa):([A-Za-z_][A-Za-z0-9_-]*(?:\/vcpu\d+)?):(?!:)/i.exec(src.slice(i));
    if (owned) {
      out.push({ t: 'space', v: SPACES[owned[1].toLowerCase()], owner: owned[2], at });
      i += owned[0].length;
      continue;
    }
    const sp = /^(gva|gpa|hpa|pa):(?!:)/i.exec(src.slice(i));
    if (sp) {
      out.push({ t: 'space', v: SPACES[sp[1].toLowerCase()], at });
      i += sp[0].length;
      continue;
    }
    if (/[A-Za-z_.$]/.test(c)) {
      const m = /^[A-Za-z_.$][A-Za-z0-9_.$]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0], at });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExpressionError(`unexpected character '${c}'`, at);
    out.push({ t: 'op', v: op, at });
    i += op.length;
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

// ---- syntax tree ---------------------------------------------------------------------------

export interface CType { size: 1 | 2 | 4; signed: boolean; pointer: boolean; void?: boolean }

export type Node =
  | { k: 'num'; v: number; unsigned: boolean }
  | { k: 'str'; v: string }
  | { k: 'name'; name: string; at: number }
  | { k: 'unary'; op: string; e: Node }
  | { k: 'binary'; op: string; a: Node; b: Node; at: number }
  | { k: 'cond'; c: Node; a: Node; b: Node }
  | { k: 'cast'; type: CType; e: Node }
  | { k: 'deref'; e: Node; at: number }
  | { k: 'addr'; e: Node; at: number }
  | { k: 'index'; e: Node; i: Node; at: number }
  | { k: 'word'; e: Node; at: number }
  | { k: 'space'; space: Space; owner?: string; e: Node };

const TYPE_WORDS: Record<string, { size: 1 | 2 | 4; signed: boolean; void?: boolean }> = {
  u8: { size: 1, signed: false }, u16: { size: 2, signed: false }, u32: { size: 4, signed: false },
  i8: { size: 1, signed: true }, i16: { size: 2, signed: true }, i32: { size: 4, signed: true },
  s8: { size: 1, signed: true }, s16: { size: 2, signed: true }, s32: { size: 4, signed: true },
  uint8_t: { size: 1, signed: false }, uint16_t: { size: 2, signed: false }, uint32_t: { size: 4, signed: false },
  int8_t: { size: 1, signed: true }, int16_t: { size: 2, signed: true }, int32_t: { size: 4, signed: true },
  uintptr_t: { size: 4, signed: false }, intptr_t: { size: 4, signed: true }, size_t: { size: 4, signed: false },
  byte: { size: 1, signed: false }, half: { size: 2, signed: false }, word: { size: 4, signed: false },
  char: { size: 1, signed: false }, short: { size: 2, signed: true }, int: { size: 4, signed: true },
  long: { size: 4, signed: true }, unsigned: { size: 4, signed: false }, signed: { size: 4, signed: true },
  void: { size: 1, signed: false, void: true },
};

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[]) {}

  parseAll(): Node {
    if (this.peek().t === 'end') throw new ExpressionError('empty expression', 0);
    const n = this.ternary();
    const t = this.peek();
    if (t.t !== 'end') throw new ExpressionError(`unexpected '${text(t)}'`, t.at);
    return n;
  }

  private peek(o = 0): Tok { return this.toks[Math.min(this.p + o, this.toks.length - 1)]; }
  private next(): Tok { return this.toks[this.p < this.toks.length - 1 ? this.p++ : this.p]; }
  private isOp(v: string, o = 0): boolean { const t = this.peek(o); return t.t === 'op' && t.v === v; }
  private expect(v: string): void {
    const t = this.next();
    if (t.t !== 'op' || t.v !== v) throw new ExpressionError(`expected '${v}' but found ${t.t === 'end' ? 'the end' : `'${text(t)}'`}`, t.at);
  }

  private ternary(): Node {
    const c = this.binary(0);
    if (!this.isOp('?')) return c;
    this.next();
    const a = this.ternary();
    this.expect(':');
    const b = this.ternary();
    return { k: 'cond', c, a, b };
  }

  private static readonly LEVELS: string[][] = [
    ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>', '>>>'], ['+', '-'], ['*', '/', '%'],
  ];

  private binary(level: number): Node {
    if (level >= Parser.LEVELS.length) return this.unary();
    let a = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || !Parser.LEVELS[level].includes(t.v)) return a;
      this.next();
      const b = this.binary(level + 1);
      a = { k: 'binary', op: t.v, a, b, at: t.at };
    }
  }

  /** `(` type `)` at the current position: returns the type and consumes it, else undefined. */
  private castType(): CType | undefined {
    if (!this.isOp('(')) return undefined;
    let o = 1;
    const words: string[] = [];
    while (this.peek(o).t === 'id' && (this.peek(o) as { v: string }).v in TYPE_WORDS) { words.push((this.peek(o) as { v: string }).v); o++; }
    if (words.length === 0) return undefined;
    let pointer = false;
    if (this.isOp('*', o)) { pointer = true; o++; }
    if (!this.isOp(')', o)) return undefined;
    const type = typeOf(words, pointer, this.peek(1).at);
    this.p += o + 1;
    return type;
  }

  private unary(): Node {
    const t = this.peek();
    if (t.t === 'space') { this.next(); return { k: 'space', space: t.v, owner: t.owner, e: this.unary() }; }
    if (t.t === 'op') {
      if (t.v === '-' || t.v === '+' || t.v === '~' || t.v === '!') { this.next(); return { k: 'unary', op: t.v, e: this.unary() }; }
      if (t.v === '*') { this.next(); return { k: 'deref', e: this.unary(), at: t.at }; }
      if (t.v === '&') { this.next(); return { k: 'addr', e: this.unary(), at: t.at }; }
      if (t.v === '(') {
        const type = this.castType();
        if (type) return { k: 'cast', type, e: this.unary() };
      }
    }
    return this.postfix();
  }

  private postfix(): Node {
    let e = this.primary();
    while (this.isOp('[')) {
      const at = this.next().at;
      const i = this.ternary();
      this.expect(']');
      e = { k: 'index', e, i, at };
    }
    return e;
  }

  private primary(): Node {
    const t = this.next();
    if (t.t === 'num') return { k: 'num', v: t.v, unsigned: t.unsigned };
    if (t.t === 'str') return { k: 'str', v: t.v };
    if (t.t === 'id') return { k: 'name', name: t.v, at: t.at };
    if (t.t === 'op' && t.v === '(') { const e = this.ternary(); this.expect(')'); return e; }
    if (t.t === 'op' && t.v === '[') { const e = this.ternary(); this.expect(']'); return { k: 'word', e, at: t.at }; }
    if (t.t === 'end') throw new ExpressionError('expression ends too early', t.at);
    throw new ExpressionError(`unexpected '${text(t)}'`, t.at);
  }
}

function typeOf(words: string[], pointer: boolean, at: number): CType {
  let signedness: boolean | undefined;
  let base: { size: 1 | 2 | 4; signed: boolean; void?: boolean } | undefined;
  for (const w of words) {
    if (w === 'unsigned') signedness = false;
    else if (w === 'signed') signedness = true;
    else if (base && w === 'int') continue; // short int, long int
    else if (base) throw new ExpressionError(`bad type '${words.join(' ')}'`, at);
    else base = TYPE_WORDS[w];
  }
  if (base?.void && !pointer) throw new ExpressionError('cannot cast to void', at);
  return { size: base?.size ?? 4, signed: signedness ?? base?.signed ?? true, pointer, void: base?.void };
}

function text(t: Tok): string { return t.t === 'end' ? '' : t.t === 'space' ? `${t.v}:` : t.t === 'str' ? JSON.stringify(t.v) : String(t.v); }

/** Parses an expression (throws ExpressionError with the offset of the problem). */
export function parseExpression(src: string): Node {
  if (typeof src !== 'string') throw new ExpressionError('expression must be a string');
  return new Parser(lex(src)).parseAll();
}

// ---- evaluation ----------------------------------------------------------------------------

const U = (n: number): number => n >>> 0;
const POINTER_REGS = new Set(['ra', 'sp', 'gp', 'tp', 'pc', 'x1', 'x2', 'x3', 'x4']);

function int(bits: number, signed: boolean, extra: Partial<Value> = {}): Value {
  return { bits: U(bits), signed, size: 4, ...extra };
}

/** Evaluates a parsed expression. */
export function evaluateNode(n: Node, ctx: EvalContext): Value {
  switch (n.k) {
    case 'num': return int(n.v, !n.unsigned);
    case 'str': return { bits: 0, signed: false, size: 4, text: n.v };
    case 'name': return lookupName(n.name, n.at, ctx);
    case 'binary': return binary(n, ctx);
    default: {
      const v = numeric(n, ctx);
      if (v.text !== undefined) throw new ExpressionError(`${JSON.stringify(v.text)} is text: it can only be compared with == or !=`);
      return v;
    }
  }
}

/** The operations on numbers (text operands are refused by the caller). */
function numeric(n: Exclude<Node, { k: 'num' | 'str' | 'name' | 'binary' }>, ctx: EvalContext): Value {
  switch (n.k) {
    case 'unary': {
      const v = number(evaluateNode(n.e, ctx));
      switch (n.op) {
        case '-': return int(-numberOf(v), v.signed);
        case '+': return int(numberOf(v), v.signed);
        case '~': return int(~v.bits, v.signed);
        default: return int(truthy(v) ? 0 : 1, true);
      }
    }
    case 'cond': return truthy(number(evaluateNode(n.c, ctx))) ? evaluateNode(n.a, ctx) : evaluateNode(n.b, ctx);
    case 'space': return int(number(evaluateNode(n.e, ctx)).bits, false, { address: true, space: n.space, owner: n.owner });
    case 'cast': {
      const v = number(evaluateNode(n.e, ctx));
      if (n.type.pointer) return int(v.bits, false, { pointer: { size: n.type.void ? 1 : n.type.size, signed: n.type.signed }, address: true, space: v.space, owner: v.owner });
      const mask = n.type.size === 4 ? 0xffffffff : (1 << (n.type.size * 8)) - 1;
      return { bits: U(v.bits & mask), signed: n.type.signed, size: n.type.size };
    }
    case 'deref': {
      const v = number(evaluateNode(n.e, ctx));
      const p = v.pointer ?? { size: 4 as const, signed: false };
      return load(ctx, v.bits, p.size, p.signed, n.at, v.space, v.owner);
    }
    case 'word': {
      const v = number(evaluateNode(n.e, ctx));
      return load(ctx, v.bits, 4, false, n.at, v.space, v.owner);
    }
    case 'index': {
      const base = number(evaluateNode(n.e, ctx));
      if (!base.pointer) throw new ExpressionError('only a pointer can be indexed: cast it first, e.g. ((u32*)sp)[2]', n.at);
      const i = numberOf(number(evaluateNode(n.i, ctx)));
      return load(ctx, U(base.bits + i * base.pointer.size), base.pointer.size, base.pointer.signed, n.at, base.space, base.owner);
    }
    case 'addr': {
      if (n.e.k === 'name') {
        const a = ctx.symbol(n.e.name);
        if (a === undefined) throw new ExpressionError(`'${n.e.name}' is not a symbol, so it has no address`, n.at);
        return int(a, false, { address: true });
      }
      const v = evaluateNode(n.e, ctx);
      if (v.place?.kind === 'memory') return int(v.place.address, false, { pointer: { size: v.size, signed: v.signed }, address: true, space: v.place.space, owner: v.place.owner });
      throw new ExpressionError('& needs a symbol or a memory location', n.at);
    }
  }
}

/** `v`, which must be a number (text only compares). */
function number(v: Value): Value {
  if (v.text !== undefined) throw new ExpressionError(`${JSON.stringify(v.text)} is text: it can only be compared with == or !=`);
  return v;
}

function truthy(v: Value): boolean { return v.bits !== 0; }

function load(ctx: EvalContext, address: number, size: 1 | 2 | 4, signed: boolean, at: number, space?: Space, owner?: string): Value {
  const a = U(address);
  const raw = ctx.readMemory(a, size, space, owner);
  if (raw === undefined) throw new ExpressionError(`cannot read memory at ${spacePrefix(space, owner)}0x${a.toString(16)}`, at);
  const place: Place = { kind: 'memory', address: a, size };
  if (space) place.space = space;
  if (owner) place.owner = owner;
  return { bits: U(raw), signed, size, place };
}

/** `gva:` (or `gva:vm1:`) for an explicit space ('' for none). */
export function spacePrefix(space: Space | undefined, owner?: string): string {
  return space === undefined ? '' : space === 'physical' ? 'hpa:' : `${space}:${owner ? `${owner}:` : ''}`;
}

function lookupName(raw: string, at: number, ctx: EvalContext): Value {
  const t = ctx.text?.(raw);
  if (t !== undefined) return { bits: 0, signed: false, size: 4, text: t };
  const v = ctx.variable?.(raw);
  if (v !== undefined) return int(v, true);
  const candidates = raw.startsWith('$') && raw.length > 1 ? [raw, raw.slice(1)] : [raw];
  for (const name of candidates) {
    const lower = name.toLowerCase();
    const r = ctx.register(lower);
    if (r !== undefined) return int(r, !POINTER_REGS.has(lower), { place: { kind: 'register', name: lower }, address: POINTER_REGS.has(lower) });
  }
  for (const name of candidates) {
    const s = ctx.symbol(name);
    if (s !== undefined) return int(s, false, { address: true });
  }
  for (const name of candidates) {
    const c = ctx.csr(name.toLowerCase());
    if (c !== undefined) return int(c, false, { place: { kind: 'csr', name: name.toLowerCase() } });
  }
  if (raw.startsWith('$') && ctx.variable?.(raw.slice(1)) !== undefined) return int(ctx.variable!(raw.slice(1))!, true);
  throw new ExpressionError(`unknown name '${raw}' (not a register, CSR or symbol)`, at);
}

function binary(n: Extract<Node, { k: 'binary' }>, ctx: EvalContext): Value {
  if (n.op === '&&') return int(truthy(number(evaluateNode(n.a, ctx))) && truthy(number(evaluateNode(n.b, ctx))) ? 1 : 0, true);
  if (n.op === '||') return int(truthy(number(evaluateNode(n.a, ctx))) || truthy(number(evaluateNode(n.b, ctx))) ? 1 : 0, true);
  const a = evaluateNode(n.a, ctx), b = evaluateNode(n.b, ctx);
  if (a.text !== undefined || b.text !== undefined) {
    if ((n.op !== '==' && n.op !== '!=') || a.text === undefined || b.text === undefined) {
      throw new ExpressionError(`text can only be compared with text using == or != (${n.op === '==' || n.op === '!=' ? 'one side is a number' : `not ${n.op}`})`, n.at);
    }
    return int((a.text === b.text) === (n.op === '==') ? 1 : 0, true);
  }
  const unsigned = !a.signed || !b.signed;
  const x = unsigned ? U(a.bits) : numberOf(a), y = unsigned ? U(b.bits) : numberOf(b);
  const result = (v: number): Value => int(v, !unsigned);
  switch (n.op) {
    case '+':
      if (a.pointer && !b.pointer) return int(a.bits + numberOf(b) * a.pointer.size, false, { pointer: a.pointer, address: true, space: a.space, owner: a.owner });
      if (b.pointer && !a.pointer) return int(b.bits + numberOf(a) * b.pointer.size, false, { pointer: b.pointer, address: true, space: b.space, owner: b.owner });
      return int(x + y, !unsigned, { address: (a.address || b.address) && !(a.address && b.address), space: a.space ?? b.space, owner: a.space ? a.owner : b.owner });
    case '-':
      if (a.pointer && !b.pointer) return int(a.bits - numberOf(b) * a.pointer.size, false, { pointer: a.pointer, address: true, space: a.space, owner: a.owner });
      if (a.pointer && b.pointer) return int(Math.trunc((numberOf({ ...a, signed: true }) - numberOf({ ...b, signed: true })) / a.pointer.size), true);
      return int(x - y, !unsigned, { address: a.address && !b.address, space: b.space ? undefined : a.space, owner: b.space ? undefined : a.owner });
    case '*': return unsigned ? result(mulU(x, y)) : result(Math.imul(x, y));
    case '/':
      if (y === 0) throw new ExpressionError('division by zero', n.at);
      return result(Math.trunc(x / y));
    case '%':
      if (y === 0) throw new ExpressionError('division by zero', n.at);
      return result(x % y);
    case '<<': return int(a.bits << (b.bits & 31), a.signed);
    case '>>': return int(a.signed ? numberOf(a) >> (b.bits & 31) : a.bits >>> (b.bits & 31), a.signed);
    case '>>>': return int(a.bits >>> (b.bits & 31), a.signed);
    case '&': return result(a.bits & b.bits);
    case '|': return result(a.bits | b.bits);
    case '^': return result(a.bits ^ b.bits);
    case '==': return int(U(a.bits) === U(b.bits) ? 1 : 0, true);
    case '!=': return int(U(a.bits) !== U(b.bits) ? 1 : 0, true);
    case '<': return int(x < y ? 1 : 0, true);
    case '<=': return int(x <= y ? 1 : 0, true);
    case '>': return int(x > y ? 1 : 0, true);
    case '>=': return int(x >= y ? 1 : 0, true);
  }
  throw new ExpressionError(`unknown operator '${n.op}'`, n.at);
}

function mulU(x: number, y: number): number { return U(Math.imul(x, y)); }

/** Parses and evaluates `src`. Throws ExpressionError. */
export function evaluateExpression(src: string, ctx: EvalContext): Value {
  return evaluateNode(parseExpression(src), ctx);
}

/** `0x0000002a (42)`: hex, then decimal (signed when the type is). Addresses: hex only. */
export function formatValue(v: Value, symbolize?: (address: number) => string | undefined): string {
  if (v.text !== undefined) return JSON.stringify(v.text);
  const digits = v.size * 2;
  const hex = '0x' + v.bits.toString(16).padStart(digits, '0');
  if (v.address) {
    const sym = symbolize?.(v.bits);
    return sym ? `${hex} <${sym}>` : hex;
  }
  const dec = String(numberOf(v));
  if (v.size === 1 && v.bits >= 0x20 && v.bits < 0x7f) return `${hex} (${dec} '${String.fromCharCode(v.bits)}')`;
  return `${hex} (${dec})`;
}

/** The names an expression mentions (for completions and diagnostics). */
export function namesIn(n: Node): string[] {
  const out: string[] = [];
  const walk = (m: Node): void => {
    switch (m.k) {
      case 'name': out.push(m.name); break;
      case 'str': break;
      case 'unary': case 'cast': case 'deref': case 'addr': case 'word': case 'space': walk(m.e); break;
      case 'binary': walk(m.a); walk(m.b); break;
      case 'cond': walk(m.c); walk(m.a); walk(m.b); break;
      case 'index': walk(m.e); walk(m.i); break;
      default: break;
    }
  };
  walk(n);
  return out;
}

/**
 * Interpolates a logpoint message: `{expr}` is replaced by the value (decimal, or hex for
 * addresses), `{expr:x}` hex, `{expr:d}` signed decimal, `{expr:u}` unsigned, `{expr:c}` a
 * character, `{expr:s}` the NUL-terminated string at that address. `{{` and `}}` are braces.
 * A failing expression prints `<error: message>` in its place.
 */
export function interpolate(message: string, ctx: EvalContext): string {
  let out = '';
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if (c === '{' && message[i + 1] === '{') { out += '{'; i++; continue; }
    if (c === '}' && message[i + 1] === '}') { out += '}'; i++; continue; }
    if (c !== '{') { out += c; continue; }
    const end = message.indexOf('}', i + 1);
    if (end < 0) { out += message.slice(i); break; }
    let body = message.slice(i + 1, end);
    i = end;
    let fmt = '';
    const m = /^(.*?):([xdusc])$/.exec(body);
    if (m) { body = m[1]; fmt = m[2]; }
    try {
      const v = evaluateExpression(body, ctx);
      out += formatAs(v, fmt, ctx);
    } catch (e) {
      out += `<error: ${(e as Error).message}>`;
    }
  }
  return out;
}

function formatAs(v: Value, fmt: string, ctx: EvalContext): string {
  if (v.text !== undefined) return v.text;
  switch (fmt) {
    case 'x': return '0x' + v.bits.toString(16);
    case 'd': return String(signExtend(v.bits, v.size));
    case 'u': return String(v.bits);
    case 'c': return String.fromCharCode(v.bits & 0xff);
    case 's': return readCString(ctx, v.bits, 256);
    default: return v.address ? '0x' + v.bits.toString(16) : String(numberOf(v));
  }
}

/** The NUL-terminated string at `address` (at most `max` bytes), for `{expr:s}` and x/s. */
export function readCString(ctx: Pick<EvalContext, 'readMemory'>, address: number, max: number): string {
  const bytes: number[] = [];
  for (let i = 0; i < max; i++) {
    const b = ctx.readMemory(U(address + i), 1);
    if (b === undefined || b === 0) break;
    bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}
