import { Token } from './lexer';

/**
 * GNU as expressions: parsing with GNU's operator precedence (which is not C's: `<<` binds like
 * `*`, and `|`, `&`, `^` bind tighter than `+`), and evaluation to a relocatable value.
 */

export type Expr =
  | { k: 'num'; v: number; big?: bigint; start: number; end: number }
  | { k: 'sym'; name: string; start: number; end: number }
  | { k: 'un'; op: string; a: Expr; start: number; end: number }
  | { k: 'bin'; op: string; a: Expr; b: Expr; start: number; end: number };

/**
 * A value: constant `c` plus at most one base added and one subtracted. A base is a point that
 * is not known yet (a label in a section whose address is decided later, or an undefined
 * symbol). Label differences within one base cancel to constants.
 */
export interface Value {
  c: number;
  pos?: string;
  neg?: string;
}

/** Ranks from gas/expr.c: higher binds tighter. */
const RANK: Record<string, number> = {
  '*': 9, '/': 9, '%': 9, '<<': 9, '>>': 9,
  '|': 8, '&': 8, '^': 8, '!': 8,
  '+': 7, '-': 7,
  '==': 5, '!=': 5, '<>': 5, '<': 5, '>': 5, '<=': 5, '>=': 5,
  '&&': 3, '||': 2,
};

export interface ParseHooks {
  /** Maps an identifier (or `.`) to the symbol name the expression refers to. */
  symbol(token: Token): string;
  /** Maps a local label reference (`1b`, `1f`) to its symbol name. */
  localRef(token: Token): string;
}

export class ExprError extends Error {
  constructor(message: string, readonly start: number, readonly end: number) { super(message); }
}

/**
 * Parses an expression starting at tokens[pos]. Stops before the first token that cannot
 * continue it (a comma, an unmatched `)`, or a `(` in operator position, as in `8(sp)`).
 */
export function parseExpression(tokens: Token[], pos: number, hooks: ParseHooks): { expr: Expr; next: number } {
  let i = pos;
  const peek = (): Token | undefined => tokens[i];

  function primary(): Expr {
    const t = tokens[i];
    if (!t) {
      const at = tokens.length ? tokens[tokens.length - 1].end : 0;
      throw new ExprError('missing expression', at, at + 1);
    }
    if (t.kind === 'number') { i++; return { k: 'num', v: t.value, big: t.big, start: t.start, end: t.end }; }
    if (t.kind === 'localref') { i++; return { k: 'sym', name: hooks.localRef(t), start: t.start, end: t.end }; }
    if (t.kind === 'ident') { i++; return { k: 'sym', name: hooks.symbol(t), start: t.start, end: t.end }; }
    if (t.kind === 'punct') {
      if (t.text === '(') {
        i++;
        const e = binary(0);
        const close = tokens[i];
        if (!close || close.text !== ')') throw new ExprError("missing ')'", t.start, close ? close.start + 1 : t.end);
        i++;
        return { ...e, start: t.start, end: close.end };
      }
      if (t.text === '-' || t.text === '~' || t.text === '!' || t.text === '+') {
        i++;
        const a = primary();
        return { k: 'un', op: t.text, a, start: t.start, end: a.end };
      }
    }
    if (t.kind === 'bad') throw new ExprError(`invalid token '${t.text}'`, t.start, t.end);
    throw new ExprError(`expected an expression, found '${t.text}'`, t.start, t.end);
  }

  function binary(minRank: number): Expr {
    let left = primary();
    for (;;) {
      const t = peek();
      if (!t || t.kind !== 'punct') break;
      const rank = RANK[t.text];
      if (rank === undefined || rank <= minRank) break;
      i++;
      const right = binary(rank);
      left = { k: 'bin', op: t.text, a: left, b: right, start: left.start, end: right.end };
    }
    return left;
  }

  const expr = binary(0);
  return { expr, next: i };
}

/** Resolves a symbol name to a value, or undefined when the name is not a symbol at all. */
export type Resolver = (name: string, expr: Expr) => Value;

const isConst = (v: Value): boolean => v.pos === undefined && v.neg === undefined;

/** Keeps results in GNU as's signed 64-bit range (exact below 2^53). */
function norm(x: number): number {
  if (Number.isSafeInteger(x)) return x;
  if (!Number.isFinite(x)) return 0;
  return Number(BigInt.asIntN(64, BigInt(Math.trunc(x))));
}

function add(a: Value, b: Value, sign: 1 | -1, at: Expr): Value {
  const out: Value = { c: norm(a.c + sign * b.c), pos: a.pos, neg: a.neg };
  const bp = sign === 1 ? b.pos : b.neg;
  const bn = sign === 1 ? b.neg : b.pos;
  for (const base of [bp, bn]) {
    if (base === undefined) continue;
    const isPos = base === bp;
    if (isPos) {
      if (out.neg === base) out.neg = undefined;
      else if (out.pos === undefined) out.pos = base;
      else throw new ExprError('expression is too complex: it adds two addresses', at.start, at.end);
    } else {
      if (out.pos === base) out.pos = undefined;
      else if (out.neg === undefined) out.neg = base;
      else throw new ExprError('expression is too complex: it subtracts two addresses', at.start, at.end);
    }
  }
  return out;
}

function bits64(x: number): bigint { return BigInt.asIntN(64, BigInt(Math.trunc(x))); }

/** Evaluates an expression; throws ExprError with the offending range. */
export function evaluate(e: Expr, resolve: Resolver): Value {
  switch (e.k) {
    case 'num': return { c: e.v };
    case 'sym': return resolve(e.name, e);
    case 'un': {
      const a = evaluate(e.a, resolve);
      if (e.op === '+') return a;
      if (e.op === '-' && a.neg === undefined && a.pos === undefined) return { c: norm(-a.c) };
      if (e.op === '-') return { c: norm(-a.c), pos: a.neg, neg: a.pos };
      if (!isConst(a)) throw new ExprError(`operator '${e.op}' needs a constant, not an address`, e.start, e.end);
      return { c: e.op === '~' ? norm(Number(~bits64(a.c))) : (a.c === 0 ? 1 : 0) };
    }
    case 'bin': {
      const a = evaluate(e.a, resolve);
      const b = evaluate(e.b, resolve);
      if (e.op === '+') return add(a, b, 1, e);
      if (e.op === '-') return add(a, b, -1, e);
      if (RANK[e.op] === 5 && a.pos === b.pos && a.neg === b.neg) return { c: compare(e.op, a.c, b.c) ? -1 : 0 };
      if (!isConst(a) || !isConst(b)) {
        throw new ExprError(`operator '${e.op}' needs constants, not addresses`, e.start, e.end);
      }
      return { c: binaryConst(e, a.c, b.c) };
    }
  }
}

function compare(op: string, x: number, y: number): boolean {
  switch (op) {
    case '==': return x === y;
    case '!=': case '<>': return x !== y;
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    default: return x >= y;
  }
}

function binaryConst(e: Expr & { k: 'bin' }, x: number, y: number): number {
  switch (e.op) {
    case '*': return Number.isSafeInteger(x * y) ? x * y : Number(BigInt.asIntN(64, bits64(x) * bits64(y)));
    case '/': case '%': {
      if (y === 0) throw new ExprError('division by zero', e.start, e.end);
      const q = e.op === '/' ? Math.trunc(x / y) : x % y;
      return norm(q);
    }
    case '<<': {
      if (y < 0 || y >= 64) return 0;
      return Number(BigInt.asIntN(64, bits64(x) << BigInt(y)));
    }
    case '>>': {
      // GNU as shifts its (unsigned) valueT: a logical shift of the 64-bit pattern.
      if (y < 0 || y >= 64) return 0;
      return Number(BigInt.asIntN(64, BigInt.asUintN(64, bits64(x)) >> BigInt(y)));
    }
    case '|': return Number(BigInt.asIntN(64, bits64(x) | bits64(y)));
    case '&': return Number(BigInt.asIntN(64, bits64(x) & bits64(y)));
    case '^': return Number(BigInt.asIntN(64, bits64(x) ^ bits64(y)));
    case '!': return Number(BigInt.asIntN(64, bits64(x) | ~bits64(y)));
    case '&&': return x !== 0 && y !== 0 ? 1 : 0;
    case '||': return x !== 0 || y !== 0 ? 1 : 0;
    default: return compare(e.op, x, y) ? -1 : 0;
  }
}

/** Every symbol name an expression mentions (for cross-reference and undefined-symbol checks). */
export function symbolsOf(e: Expr, out: string[] = []): string[] {
  if (e.k === 'sym') out.push(e.name);
  else if (e.k === 'un') symbolsOf(e.a, out);
  else if (e.k === 'bin') { symbolsOf(e.a, out); symbolsOf(e.b, out); }
  return out;
}
