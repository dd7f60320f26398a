/**
 * Tokens of GNU as operands and directive arguments.
 *
 * GNU as reads operands character by character; we tokenize once per statement and let the
 * operand matchers walk the tokens, which gives every token an exact column for diagnostics.
 */

export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'localref' | 'bad';

export interface Token {
  kind: TokenKind;
  /** Identifier name, punctuation text, or the source text of a number/string. */
  text: string;
  /** Numbers and character literals: the value (exact below 2^53, as GNU as's 64-bit offsets beyond). */
  value: number;
  /** Numbers beyond 2^53: the exact 64-bit value (for .quad). */
  big?: bigint;
  /** Strings: the decoded bytes. */
  bytes?: number[];
  /** Local label references (`1b`, `2f`): the label number and direction. */
  localDir?: 'b' | 'f';
  /** Offsets in the statement's line text: [start, end). */
  start: number;
  end: number;
}

const PUNCT3 = new Set<string>([]);
const PUNCT2 = new Set(['<<', '>>', '==', '!=', '<>', '<=', '>=', '&&', '||']);
const PUNCT1 = new Set(['(', ')', ',', '+', '-', '*', '/', '%', '&', '|', '^', '~', '!', '<', '>', ':', '=', '@', '[', ']', '{', '}', '\\']);

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 46 || c === 36;
}
export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 12 || c === 11;

/** Wraps an exact integer to GNU as's signed 64-bit range and returns it as a number. */
export function wrap64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11 };

/**
 * The escapes GNU as accepts (next_char_of_string): \n \t \r \b \f \v, octal \NNN and hex \xHH in
 * strings; any other escaped character stands for itself (so "\a" is 'a'). Character constants
 * know only the letter escapes: GNU reads '\0' as '0'.
 */
export function readEscape(text: string, i: number, inString = true): { code: number; next: number } {
  const c = text[i];
  if (c !== undefined && SIMPLE_ESCAPES[c] !== undefined) return { code: SIMPLE_ESCAPES[c], next: i + 1 };
  if (!inString) return { code: c === undefined ? 92 : c.charCodeAt(0), next: i + 1 };
  switch (c) {
    case 'x': case 'X': {
      let j = i + 1, v = 0;
      while (j < text.length && /[0-9a-fA-F]/.test(text[j])) { v = (v * 16 + parseInt(text[j], 16)) & 0xff; j++; }
      return { code: v, next: j };
    }
    default:
      if (c !== undefined && c >= '0' && c <= '7') {
        let j = i, v = 0;
        while (j < text.length && j < i + 3 && text[j] >= '0' && text[j] <= '7') { v = v * 8 + (text.charCodeAt(j) - 48); j++; }
        return { code: v & 0xff, next: j };
      }
      return { code: c === undefined ? 92 : c.charCodeAt(0), next: i + 1 };
  }
}

/** Appends the UTF-8 bytes of one code point (GNU as copies source bytes verbatim). */
function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

function parseNumber(text: string, start: number): { tok: Omit<Token, 'start' | 'end'>; end: number } {
  let i = start;
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1) | 0x20;
  let radix = 10;
  let digitsStart = i;
  if (c0 === 48 && c1 === 120 /* x */) { radix = 16; digitsStart = i + 2; }
  else if (c0 === 48 && c1 === 98 /* b */ && /[01]/.test(text[i + 2] ?? '')) { radix = 2; digitsStart = i + 2; }
  else if (c0 === 48 && isDigit(text.charCodeAt(i + 1))) { radix = 8; digitsStart = i + 1; }
  i = digitsStart;
  while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
  const body = text.slice(digitsStart, i);
  const whole = text.slice(start, i);
  // Local label references: decimal digits then b or f (`1b`, `10f`).
  if (radix === 10 && /^[0-9]+[bf]$/i.test(body)) {
    const dir = body[body.length - 1].toLowerCase() as 'b' | 'f';
    return { tok: { kind: 'localref', text: whole, value: parseInt(body.slice(0, -1), 10), localDir: dir }, end: i };
  }
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 2 ? /^[01]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(body)) return { tok: { kind: 'bad', text: whole, value: 0 }, end: i };
  let value: number;
  let big: bigint | undefined;
  if (body.length <= 12) value = parseInt(body, radix);
  else {
    const prefix = radix === 16 ? '0x' : radix === 2 ? '0b' : radix === 8 ? '0o' : '';
    big = BigInt.asIntN(64, BigInt(prefix + body));
    value = Number(big);
    if (Number.isSafeInteger(value)) big = undefined;
  }
  return { tok: { kind: 'number', text: whole, value, big }, end: i };
}

/**
 * Tokenizes `text[from, to)`. Comments and statement separators were removed by the reader;
 * malformed pieces become `bad` tokens so the caller reports them with their columns.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) { i++; continue; }
    const start = i;
    if (isIdentStart(c)) {
      i++;
      while (i < to && isIdentPart(text.charCodeAt(i))) i++;
      out.push({ kind: 'ident', text: text.slice(start, i), value: 0, start, end: i });
      continue;
    }
    if (isDigit(c)) {
      const { tok, end } = parseNumber(text, i);
      i = Math.min(end, to);
      out.push({ ...tok, start, end: i });
      continue;
    }
    if (c === 34 /* " */) {
      const bytes: number[] = [];
      i++;
      let closed = false;
      while (i < to) {
        const ch = text[i];
        if (ch === '"') { closed = true; i++; break; }
        if (ch === '\\') { const e = readEscape(text, i + 1); bytes.push(e.code); i = e.next; continue; }
        const cp = text.codePointAt(i) ?? 0;
        pushUtf8(bytes, cp);
        i += cp > 0xffff ? 2 : 1;
      }
      out.push({ kind: closed ? 'string' : 'bad', text: text.slice(start, i), value: 0, bytes, start, end: i });
      continue;
    }
    if (c === 39 /* ' */) {
      // GNU as character constant: 'c, with an optional closing quote.
      i++;
      let value = 0;
      if (i >= to) { out.push({ kind: 'bad', text: "'", value: 0, start, end: i }); continue; }
      if (text[i] === '\\') { const e = readEscape(text, i + 1, false); value = e.code; i = e.next; }
      else { value = text.codePointAt(i) ?? 0; i += value > 0xffff ? 2 : 1; }
      if (i < to && text[i] === "'") i++;
      out.push({ kind: 'number', text: text.slice(start, i), value, start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (PUNCT3.has(text.slice(i, i + 3))) { out.push({ kind: 'punct', text: text.slice(i, i + 3), value: 0, start, end: i + 3 }); i += 3; continue; }
    if (PUNCT2.has(two)) { out.push({ kind: 'punct', text: two, value: 0, start, end: i + 2 }); i += 2; continue; }
    if (PUNCT1.has(text[i])) { out.push({ kind: 'punct', text: text[i], value: 0, start, end: i + 1 }); i++; continue; }
    out.push({ kind: 'bad', text: text[i], value: 0, start, end: i + 1 });
    i++;
  }
  return out;
}

/** Splits a token list at top-level commas (not inside parentheses). */
export function splitArgs(tokens: Token[]): Token[][] {
  const args: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (t.text === ',' && depth <= 0) { args.push(cur); cur = []; continue; }
    }
    cur.push(t);
  }
  if (cur.length > 0 || args.length > 0) args.push(cur);
  return args;
}
