import { CSRS, csrByName } from '../isa/csrs';
import { didYouMean } from './diagnostics';
import * as E from './encoder';
import { Expr, ExprError, ParseHooks, parseExpression } from './expressions';
import { Token, splitArgs } from './lexer';
import { Check, checkPasses } from '../isa/disassembler';
import { Alternative, MacroKind, REGISTER_NUMBERS } from './syntax';

/**
 * Matching one written instruction against one form of its mnemonic (GNU's riscv_ip): walks
 * the operand letters over the tokens, checks each operand, and places it in the encoding.
 */

export type RelocKind = 'hi20' | 'lo12_i' | 'lo12_s' | 'pcrel_hi20' | 'pcrel_lo12_i' | 'pcrel_lo12_s';

export interface Matched {
  ok: true;
  alt: Alternative;
  /** The encoding with every operand known now already placed. */
  bits: number;
  length: 2 | 4;
  /** A relocation on the instruction's immediate (%hi, %lo, %pcrel_*). */
  reloc?: { kind: RelocKind; expr: Expr };
  /** A branch or jump to a label: relaxed by the layout pass. */
  branch?: { jump: boolean; rvc: boolean; target: Expr };
  /** Macro operands. */
  macro?: { kind: MacroKind; rd: number; rs1: number; rs2: number; expr: Expr; temp: number };
  /** Errors GNU reports while still accepting the form (out-of-range shift, unknown CSR). */
  errors: Array<{ start: number; end: number; message: string }>;
}

export interface Failed {
  ok: false;
  /** A failure that explains little (a form the user obviously did not mean); ranks lower. */
  weak?: boolean;
  /** How many operand letters matched before failing (the best failure explains the error). */
  progress: number;
  start: number;
  end: number;
  message: string;
}

export interface OperandContext {
  hooks: ParseHooks;
  /** Evaluates an expression now; `undefined` when it is not a constant at this point. */
  constant(expr: Expr): number | undefined;
  /** The mnemonic as written, for messages. */
  mnemonic: string;
  /** Where "missing operand" points when there are no tokens (just after the mnemonic). */
  end: number;
  /** The mnemonic's canonical operand list, for "missing/too many operands" messages. */
  usage: string;
}

const RELOCS_U = ['hi', 'pcrel_hi'];
const RELOCS_I = ['lo', 'pcrel_lo'];
const FENCE_SETS = [undefined, 'w', 'r', 'rw', 'o', 'ow', 'or', 'orw', 'i', 'iw', 'ir', 'irw', 'io', 'iow', 'ior', 'iorw'];

/** GNU normalises 32-bit constants written unsigned (0xffffffff) to their signed value. */
function normalize32(v: number): number {
  if (v >= 0x80000000 && v <= 0xffffffff) return v - 0x100000000;
  return v;
}

/** Thrown inside matching when a form does not fit. Not an Error: capturing stacks for every
 *  rejected form (most instructions reject several) would dominate assembly time. */
class Mismatch {
  constructor(readonly message: string, readonly start: number, readonly end: number, readonly weak = false) {}
}

export function matchForm(alt: Alternative, tokens: Token[], ctx: OperandContext): Matched | Failed {
  // The form's match already holds its fixed fields (ret = jalr with rd=x0, rs1=ra, imm=0).
  let bits = alt.macro ? 0 : alt.match;
  const f = alt.fixed;
  bits >>>= 0;
  let pos = 0;
  let progress = 0;
  const out: Matched = { ok: true, alt, bits: 0, length: alt.length, errors: [] };
  let rd = f?.rd ?? 0, rs1 = f?.rs1 ?? 0, rs2 = f?.rs2 ?? 0;
  /** The span of the last compressed immediate, for its range errors. */
  let last: Token | undefined;
  let macroExpr: Expr | undefined;

  const here = (): Token | undefined => tokens[pos];
  const endAt = (): [number, number] => {
    const t = tokens[pos] ?? tokens[tokens.length - 1];
    return t ? (tokens[pos] ? [t.start, t.end] : [t.end, t.end + 1]) : [ctx.end, ctx.end + 1];
  };
  const fail = (message: string, t: Token | undefined = here()): never => {
    if (t) throw new Mismatch(message, t.start, t.end);
    const [s, e] = endAt();
    throw new Mismatch(message, s, e);
  };

  function register(what: string): number {
    const t = here();
    if (!t) return fail(`missing operand: ${ctx.usage}`);
    const r = t.kind === 'ident' ? REGISTER_NUMBERS.get(t.text) : undefined;
    if (r === undefined) {
      if (t.kind === 'ident') {
        const lower = REGISTER_NUMBERS.get(t.text.toLowerCase());
        if (lower !== undefined) fail(`register names are lower case: '${t.text.toLowerCase()}', not '${t.text}'`);
      }
      fail(`expected a register (${what}), found '${t.text}'`);
    }
    pos++;
    return r as number;
  }

  /** Parses `[%reloc](expr)` or `expr`; returns the expression and the relocation name if any. */
  function expression(allowedRelocs: string[]): { expr: Expr; reloc?: string; start: number; end: number } {
    const t = here();
    if (!t) return fail(`missing operand: ${ctx.usage}`);
    if (t.kind === 'punct' && t.text === '%') {
      const name = tokens[pos + 1];
      const open = tokens[pos + 2];
      if (!name || name.kind !== 'ident' || !open || open.text !== '(') fail("expected a relocation function like %hi(symbol)");
      const reloc = name.text.toLowerCase();
      if (!allowedRelocs.includes(reloc)) {
        const known = ['hi', 'lo', 'pcrel_hi', 'pcrel_lo'].includes(reloc);
        throw new Mismatch(known ? `%${reloc} cannot be used here` : `unknown relocation function %${name.text}`, t.start, name.end);
      }
      pos += 2;
      const e = parseExpr();
      return { expr: e, reloc, start: t.start, end: e.end };
    }
    if (t.kind === 'ident' && REGISTER_NUMBERS.has(t.text)) fail(`expected an immediate or a label, found register '${t.text}'`);
    const e = parseExpr();
    return { expr: e, start: e.start, end: e.end };
  }

  function parseExpr(): Expr {
    try {
      const r = parseExpression(tokens, pos, ctx.hooks);
      pos = r.next;
      return r.expr;
    } catch (e) {
      if (e instanceof ExprError) throw new Mismatch(e.message, e.start, e.end);
      throw e;
    }
  }

  /** A constant operand: an expression with no relocation that is known now. */
  function constant(what: string): { value: number; start: number; end: number } {
    const r = expression([]);
    const v = ctx.constant(r.expr);
    if (v === undefined) fail(`${what} must be a constant known at this point`, { kind: 'ident', text: '', value: 0, start: r.start, end: r.end });
    return { value: v as number, start: r.start, end: r.end };
  }

  const span = (s: number, e: number): Token => ({ kind: 'ident', text: '', value: 0, start: s, end: e });

  /** `o`/`q`/`0`/`Ck`/`Cm`/`CM`: GNU treats `(reg)` alone as a zero offset. */
  function implicitZero(): boolean {
    const t = here();
    if (!t || t.text !== '(' || t.kind !== 'punct') return false;
    for (let j = pos + 1; j < tokens.length; j++) if (tokens[j].kind === 'punct' && tokens[j].text === '(') return false;
    return true;
  }

  try {
    const args = alt.args;
    for (let i = 0; i < args.length; i++) {
      const c = args[i];
      if (c === ',' || c === '(' || c === ')') {
        const t = here();
        if (!t) fail(c === ',' ? `missing operand: ${ctx.usage}` : `missing '${c}'`);
        if (t!.kind !== 'punct' || t!.text !== c) fail(c === ',' ? `expected ',' before '${t!.text}'` : `expected '${c}', found '${t!.text}'`);
        pos++;
        progress++;
        continue;
      }
      if (c === 'C') {
        const l = args[++i];
        compressedOperand(l);
        progress++;
        continue;
      }
      switch (c) {
        case 'd': rd = register('rd'); bits |= E.RD(rd); break;
        case 's': rs1 = register('rs1'); bits |= E.RS1(rs1); break;
        case 't': rs2 = register('rs2'); bits |= E.RS2(rs2); break;
        case 'j': case 'o': case 'q': case '0': {
          if (c !== 'j' && implicitZero()) break;
          const isStore = c === 'q';
          const r = expression(c === '0' ? [] : RELOCS_I);
          if (r.reloc) {
            const kind: RelocKind = r.reloc === 'lo' ? (isStore ? 'lo12_s' : 'lo12_i') : (isStore ? 'pcrel_lo12_s' : 'pcrel_lo12_i');
            const v = ctx.constant(r.expr);
            if (v !== undefined && r.reloc === 'lo') bits |= isStore ? E.encodeS(E.lo12(v)) : E.encodeI(E.lo12(v));
            else out.reloc = { kind, expr: r.expr };
            break;
          }
          const v = ctx.constant(r.expr);
          if (v === undefined) fail(`${c === 'j' ? 'immediate' : 'offset'} must be a constant here; use %lo(symbol) for the low part of an address`, span(r.start, r.end));
          const n = normalize32(v as number);
          if (c === '0' && n !== 0) fail(`the offset of ${ctx.mnemonic} must be 0`, span(r.start, r.end));
          if (n < -2048 || n > 2047) fail(`immediate ${v} out of range for ${ctx.mnemonic} (-2048..2047)`, span(r.start, r.end));
          bits |= isStore ? E.encodeS(n) : E.encodeI(n);
          break;
        }
        case 'u': {
          const r = expression(RELOCS_U);
          const v = ctx.constant(r.expr);
          if (r.reloc) {
            if (v !== undefined && r.reloc === 'hi') bits |= E.encodeU(E.hi20(v));
            else out.reloc = { kind: r.reloc === 'hi' ? 'hi20' : 'pcrel_hi20', expr: r.expr };
            break;
          }
          if (v === undefined) fail(`the upper immediate must be a constant here; use %hi(symbol) or %pcrel_hi(symbol)`, span(r.start, r.end));
          if ((v as number) < 0 || (v as number) > 0xfffff) {
            out.errors.push({ start: r.start, end: r.end, message: `upper immediate ${v} out of range for ${ctx.mnemonic} (0..1048575, i.e. 0..0xfffff)` });
          }
          bits |= E.encodeU(v as number);
          break;
        }
        case 'p': case 'a': {
          const t = here();
          if (t && t.kind === 'ident' && REGISTER_NUMBERS.has(t.text)) {
            fail(`expected a label, found register '${t.text}'` + (c === 'a' ? ` (to jump to an address in a register use 'jr ${t.text}' or 'jalr ${t.text}')` : ''));
          }
          const r = expression([]);
          out.branch = { jump: c === 'a', rvc: false, target: r.expr };
          break;
        }
        case 'c': case 'A': case 'B': case 'I': {
          const t = here();
          if (t && t.kind === 'ident' && REGISTER_NUMBERS.has(t.text)) fail(`expected ${c === 'I' ? 'a constant' : 'a label'}, found register '${t.text}'`);
          const r = expression([]);
          const v = ctx.constant(r.expr);
          if (c === 'I' && v === undefined) fail(`${ctx.mnemonic} needs a constant; to load the address of a label use 'la'`, span(r.start, r.end));
          if (c === 'A' && v !== undefined) throw new Mismatch(`expected a label, found the constant ${v}`, r.start, r.end, true);
          if (c === 'c') {
            const at = here();
            if (at && at.text === '@' && tokens[pos + 1]?.text === 'plt') pos += 2;
          }
          macroExpr = r.expr;
          break;
        }
        case '>': {
          const r = constant('the shift amount');
          if (r.value < 0 || r.value > 31) out.errors.push({ ...r, message: `shift amount ${r.value} out of range for ${ctx.mnemonic} (0..31)` });
          bits |= E.RS2(r.value & 31);
          break;
        }
        case 'Z': {
          const r = constant('the CSR immediate');
          if (r.value < 0 || r.value > 31) out.errors.push({ ...r, message: `immediate ${r.value} out of range for ${ctx.mnemonic} (0..31)` });
          bits |= E.RS1(r.value & 31);
          break;
        }
        case 'E': {
          const t = here();
          if (!t) fail(`missing CSR: ${ctx.usage}`);
          const csr = t!.kind === 'ident' ? csrByName(t!.text) : undefined;
          if (csr) { pos++; bits |= E.encodeI(csr.num); break; }
          if (t!.kind === 'ident' && REGISTER_NUMBERS.has(t!.text)) fail(`expected a CSR, found register '${t!.text}'`);
          const r = expression([]);
          const v = ctx.constant(r.expr);
          if (v === undefined) {
            const name = tokens.find((x) => x.start === r.start)?.text ?? '?';
            out.errors.push({ start: r.start, end: r.end, message: `unknown CSR '${name}'${didYouMean(name, CSRS.map((x) => x.name))}` });
          } else if (v < 0 || v > 0xfff) {
            out.errors.push({ start: r.start, end: r.end, message: `CSR number ${v} out of range (0..0xfff)` });
          } else bits |= E.encodeI(v);
          break;
        }
        case 'P': case 'Q': {
          const t = here();
          const set = t && t.kind === 'ident' ? FENCE_SETS.indexOf(t.text) : -1;
          if (set <= 0) fail(`expected a fence set (a combination of i, o, r, w in that order, like 'iorw' or 'rw')`);
          pos++;
          bits |= set << (c === 'P' ? 24 : 20);
          break;
        }
        case 'z': {
          const r = constant('the operand');
          if (r.value !== 0) fail(`expected 0`, span(r.start, r.end));
          break;
        }
        default:
          fail(`internal: unknown operand letter '${c}'`);
      }
      progress++;
    }
    if (pos < tokens.length) {
      const t = tokens[pos];
      if (alt.args === '') fail(`'${ctx.mnemonic}' takes no operands`, t);
      fail(t.text === ',' ? `too many operands: ${ctx.usage}` : `unexpected '${t.text}'`, t);
    }
  } catch (e) {
    if (e instanceof Mismatch) return { ok: false, progress, start: e.start, end: e.end, message: e.message, weak: e.weak };
    throw e;
  }

  bits >>>= 0;
  // Post-conditions (GNU's match functions); macros check their operands instead of bits.
  const passes = alt.macro
    ? (alt.check !== 'rdNonzero' || rd !== 0) && (alt.check !== 'rs1Nonzero' || rs1 !== 0)
    : checkPasses(alt.check, bits);
  if (!passes) return failCheck(progress, tokens, CHECK_MESSAGES[alt.check as Check](ctx.mnemonic));
  out.bits = bits;
  if (alt.macro) out.macro = { kind: alt.macro, rd, rs1, rs2, expr: macroExpr!, temp: alt.temp ?? rs1 };
  return out;

  function compressedOperand(l: string): void {
    switch (l) {
      case 's': { const r = register("rs1' (x8-x15)"); if (r < 8 || r > 15) fail(`${ctx.mnemonic} needs one of x8-x15 (s0, s1, a0-a5) here`, tokens[pos - 1]); bits |= E.CRS1S(r); rs1 = r; return; }
      case 't': { const r = register("rs2' (x8-x15)"); if (r < 8 || r > 15) fail(`${ctx.mnemonic} needs one of x8-x15 (s0, s1, a0-a5) here`, tokens[pos - 1]); bits |= E.CRS2S(r); return; }
      case 'w': { const r = register('rs1'); if (r !== E.fieldCrs1s(bits)) fail('must equal the destination register', tokens[pos - 1]); return; }
      case 'x': { const r = register('rs2'); if (r !== E.fieldCrs2s(bits)) fail('must equal the destination register', tokens[pos - 1]); return; }
      case 'U': { const r = register('rs1'); if (r !== E.fieldRd(bits)) fail('must equal the destination register', tokens[pos - 1]); return; }
      case 'V': { const r = register('rs2'); bits |= E.CRS2(r); return; }
      case 'c': { const r = register('sp'); if (r !== 2) fail(`${ctx.mnemonic} needs sp here`, tokens[pos - 1]); return; }
      case 'z': { const r = register('x0'); if (r !== 0) fail('must be x0', tokens[pos - 1]); return; }
      case 'p': case 'a': {
        const r = expression([]);
        out.branch = { jump: l === 'a', rvc: true, target: r.expr };
        return;
      }
      case 'k': case 'm': case 'M': {
        if (implicitZero()) return;
        const r = cconst();
        const ok = l === 'k' ? E.validCLw(r) : l === 'm' ? E.validCLwsp(r) : E.validCSwsp(r);
        if (!ok) fail('offset out of range for the compressed form', last);
        bits |= l === 'k' ? E.encodeCLLw(r) : l === 'm' ? E.encodeCILwsp(r) : E.encodeCSSSwsp(r);
        return;
      }
      case 'j': case 'o': case '>': {
        const r = cconst();
        const ok = l === '>' ? r >= 0 && r < 32 : E.validCI(r) && (l !== 'j' || r !== 0);
        if (!ok) fail(`immediate ${r} out of range for the compressed form`, last);
        bits |= E.encodeCI(r);
        return;
      }
      case 'K': { const r = cconst(); if (!E.validCAddi4spn(r)) fail('immediate out of range for c.addi4spn', last); bits |= E.encodeCIWAddi4spn(r); return; }
      case 'L': { const r = cconst(); if (!E.validCAddi16sp(r)) fail('immediate out of range for c.addi16sp', last); bits |= E.encodeCIAddi16sp(r); return; }
      case 'u': case 'v': {
        let r = cconst(l === 'u' ? RELOCS_U : []);
        if (l === 'v') {
          if ((r & 0xfff) !== 0 || r !== (r | 0)) fail('not a c.lui value', last);
          r = (r >>> 12) & 0xfffff;
        }
        if (!E.validCLui(r)) fail('immediate out of range for c.lui', last);
        bits |= E.encodeCI(r & 63);
        return;
      }
      default: fail(`internal: unknown operand letter 'C${l}'`);
    }
  }

  /** A compressed-form immediate: must be a constant now, with no relocation. */
  function cconst(relocs: string[] = []): number {
    const r = expression(relocs);
    last = span(r.start, r.end);
    if (r.reloc) fail('relocations cannot be compressed');
    const v = ctx.constant(r.expr);
    if (v === undefined) fail('not a constant');
    // Unlike the 32-bit forms, GNU does not sign-normalise compressed immediates: `addi a0,a0,0xffffffff`
    // is a 32-bit addi of -1, not c.addi.
    return v as number;
  }
}

const CHECK_MESSAGES: Record<Check, (m: string) => string> = {
  rdNonzero: (m) => `${m} cannot write x0 here`,
  cAdd: () => 'not compressible', cNop: () => 'not compressible', cLui: () => 'not compressible', slliAsCSlli: () => 'not compressible',
  cAddHint: (m) => `the source register of ${m} cannot be x0`,
  cLuiHint: (m) => `${m} cannot use sp or a zero immediate`,
  cAddi4spn: (m) => `the immediate of ${m} cannot be 0`,
  cSlli: (m) => `the shift amount of ${m} cannot be 0`, srxiAsCSrxi: (m) => `the shift amount of ${m} cannot be 0`,
  cSlli64: (m) => `${m} has no shift amount`,
  rs1Nonzero: (m) => `the temporary register of ${m} cannot be x0`,
};

function failCheck(progress: number, tokens: Token[], message: string): Failed {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return { ok: false, progress, start: first ? first.start : 0, end: last ? last.end : 1, message };
}

const LETTER_NAMES: Record<string, string> = {
  d: 'rd', s: 'rs1', t: 'rs2', j: 'imm', o: 'offset', q: 'offset', u: 'imm20', p: 'label', a: 'label', c: 'label',
  A: 'label', B: 'label', I: 'value', '>': 'shamt', Z: 'uimm5', E: 'csr', P: 'pred', Q: 'succ', '0': '0', z: '0',
};

const C_LETTER_NAMES: Record<string, string> = {
  s: "rs1'", t: "rs2'", w: "rs1'", x: "rs2'", U: 'rs1', V: 'rs2', c: 'sp', z: 'zero', o: 'imm', j: 'imm', u: 'imm', v: 'imm',
  K: 'imm', L: 'imm', '>': 'shamt', k: 'offset', m: 'offset', M: 'offset', p: 'label', a: 'label',
};

const usageCache = new WeakMap<Alternative, string>();

/** The operand list of a form in words, e.g. `addi rd, rs1, imm`. */
export function usage(alt: Alternative): string {
  let u = usageCache.get(alt);
  if (u === undefined) { u = usageText(alt); usageCache.set(alt, u); }
  return u;
}

function usageText(alt: Alternative): string {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < alt.args.length; i++) {
    const c = alt.args[i];
    if (c === ',') { parts.push(cur); cur = ''; continue; }
    if (c === '(' || c === ')') { cur += c; continue; }
    if (c === 'C') { i++; cur += C_LETTER_NAMES[alt.args[i]] ?? 'x'; continue; }
    cur += LETTER_NAMES[c] ?? c;
  }
  if (cur) parts.push(cur);
  return `${alt.mnemonic}${parts.length ? ' ' + parts.join(', ') : ''}`;
}

// ---- quick rejection ---------------------------------------------------------------------

/** What one operand of a form needs from its tokens, for a cheap look before matching. */
type OperandNeed = 'reg' | 'creg' | 'sp' | 'zero' | 'notreg' | 'any';

const needCache = new WeakMap<Alternative, OperandNeed[]>();

function needsOf(alt: Alternative): OperandNeed[] {
  let needs = needCache.get(alt);
  if (needs) return needs;
  needs = [];
  if (alt.args !== '') {
    for (const group of alt.args.split(',')) {
      if (group.includes('(')) { needs.push('any'); continue; }
      const l = group[0] === 'C' ? group.slice(0, 2) : group[0];
      if (l === 'd' || l === 's' || l === 't' || l === 'CV' || l === 'CU') needs.push('reg');
      else if (l === 'Cs' || l === 'Ct' || l === 'Cw' || l === 'Cx') needs.push('creg');
      else if (l === 'Cc') needs.push('sp');
      else if (l === 'Cz') needs.push('zero');
      else if ('joqu>ZIz'.includes(l) || ['Co', 'Cj', 'C>', 'CK', 'CL', 'Cu', 'Cv'].includes(l)) needs.push('notreg');
      else needs.push('any');
    }
  }
  needCache.set(alt, needs);
  return needs;
}

/** Operand groups of an instruction: tokens between top-level commas (the lexer's splitArgs). */
export function operandGroups(tokens: Token[]): Token[][] {
  return splitArgs(tokens);
}

/**
 * True when a form certainly cannot match (wrong operand count, or a register where an
 * immediate must be, or a register outside x8-x15 for a compressed form). Assembly tries only
 * the rest, which keeps the common case free of rejected attempts; diagnostics still try all.
 */
export function quickReject(alt: Alternative, groups: Token[][]): boolean {
  const needs = needsOf(alt);
  if (needs.length !== groups.length) return true;
  for (let i = 0; i < needs.length; i++) {
    const need = needs[i];
    if (need === 'any') continue;
    const g = groups[i];
    const reg = g.length === 1 && g[0].kind === 'ident' ? REGISTER_NUMBERS.get(g[0].text) : undefined;
    switch (need) {
      case 'reg': if (reg === undefined) return true; break;
      case 'creg': if (reg === undefined || reg < 8 || reg > 15) return true; break;
      case 'sp': if (reg !== 2) return true; break;
      case 'zero': if (reg !== 0) return true; break;
      case 'notreg': if (reg !== undefined) return true; break;
    }
  }
  return false;
}
