import type { FileAssembler } from './assembler';
import { defaultSectionAttributes } from './assembler';
import { SourceRange } from './diagnostics';
import { Expr, ExprError } from './expressions';
import { Token, splitArgs } from './lexer';
import { collectBody, expandLines, parseMacroHeader, splitMacroArgs } from './macros';
import { FixupKind, SectionFlags } from './objectFile';
import { noteRawInstruction } from './previrtualize';

/**
 * The directives (pseudo-ops) of GNU as that assembler programs for bare metal use: sections,
 * symbols, data, alignment, options, conditionals, repetition, macros and includes.
 */

export interface DirectiveArgs {
  name: string;
  nameStart: number;
  nameEnd: number;
  argStart: number;
  /** `sym = expr`: the symbol being assigned. */
  symbolName?: string;
}

type Handler = (asm: FileAssembler, a: DirectiveArgs) => void;

const argsOf = (asm: FileAssembler, a: DirectiveArgs): Token[][] | undefined => {
  const toks = asm.tokens(a.argStart);
  if (!toks) return undefined;
  return toks.length === 0 ? [] : splitArgs(toks);
};

const nameAt = (asm: FileAssembler, a: DirectiveArgs): SourceRange => asm.at(a.nameStart, a.nameEnd);
const argText = (asm: FileAssembler, a: DirectiveArgs): string => asm.st.text.slice(a.argStart).trim();
const rangeOfTokens = (asm: FileAssembler, toks: Token[]): SourceRange =>
  toks.length ? asm.at(toks[0].start, toks[toks.length - 1].end) : asm.statementRange();

/** One expression filling a whole argument; reports leftovers. */
function exprArg(asm: FileAssembler, toks: Token[] | undefined, what: string): Expr | undefined {
  if (!toks || toks.length === 0) { asm.error(asm.statementRange(), `missing ${what}`); return undefined; }
  const r = asm.parseExpr(toks, 0);
  if (!r) return undefined;
  if (r.next < toks.length) { asm.error(asm.at(toks[r.next].start, toks[toks.length - 1].end), `unexpected '${toks[r.next].text}' after ${what}`); return undefined; }
  return r.expr;
}

function constArg(asm: FileAssembler, toks: Token[] | undefined, what: string): number | undefined {
  const e = exprArg(asm, toks, what);
  return e ? asm.constOrError(e, what) : undefined;
}

function symbolArg(asm: FileAssembler, toks: Token[] | undefined, what = 'a symbol name'): string | undefined {
  if (!toks || toks.length !== 1 || toks[0].kind !== 'ident') {
    asm.error(toks && toks.length ? rangeOfTokens(asm, toks) : asm.statementRange(), `expected ${what}`);
    return undefined;
  }
  return toks[0].text;
}

// ---- data ----------------------------------------------------------------------------------

/** GNU warns when a value does not fit: its high bits must be all zeros or all ones. */
function fits(value: number, size: number): boolean {
  if (size >= 8) return true;
  const big = BigInt.asUintN(64, BigInt(Math.trunc(value)));
  const high = big >> BigInt(size * 8);
  return high === 0n || high === (1n << BigInt(64 - size * 8)) - 1n;
}

function littleEndian(value: number | bigint, size: number): number[] {
  const big = BigInt.asUintN(64, typeof value === 'bigint' ? value : BigInt(Math.trunc(value)));
  const out: number[] = [];
  for (let i = 0; i < size; i++) out.push(Number((big >> BigInt(8 * i)) & 0xffn));
  return out;
}

const ABS_KIND: Record<number, FixupKind> = { 1: 'abs8', 2: 'abs16', 4: 'abs32', 8: 'abs64' };

function data(size: number): Handler {
  return (asm, a) => {
    const args = argsOf(asm, a);
    if (!args) return;
    for (const toks of args) {
      const e = exprArg(asm, toks, 'a value');
      if (!e) continue;
      const at = rangeOfTokens(asm, toks);
      let v: number | undefined;
      try {
        const val = asm.valueNow(e);
        if (val.pos === undefined && val.neg === undefined) v = val.c;
      } catch {
        v = undefined;
      }
      if (v !== undefined) {
        if (!fits(v, size)) asm.warning(at, `value 0x${BigInt.asUintN(64, BigInt(v)).toString(16)} truncated to 0x${BigInt.asUintN(size * 8, BigInt(v)).toString(16)} (it does not fit in ${size} byte${size > 1 ? 's' : ''})`);
        // Literals beyond 2^53 keep their exact bits (.quad 0x1122334455667788).
        asm.dataBytes(littleEndian(e.k === 'num' && e.big !== undefined ? e.big : v, size), at);
      } else {
        if (asm.section.nobits) { asm.error(at, `cannot store addresses in ${asm.section.name} (it holds only zeros)`); continue; }
        asm.section.mark('d');
        asm.addFixup(ABS_KIND[size], e, asm.frag.bytes.length, at);
        asm.frag.bytes.fill(size, 0);
      }
    }
  };
}

function strings(zeroTerminated: boolean): Handler {
  return (asm, a) => {
    const args = argsOf(asm, a);
    if (!args) return;
    if (args.length === 0) { asm.error(nameAt(asm, a), `.${a.name} needs a string`); return; }
    for (const toks of args) {
      if (toks.length !== 1 || toks[0].kind !== 'string') { asm.error(rangeOfTokens(asm, toks), 'expected a string in double quotes'); continue; }
      const bytes = toks[0].bytes as number[];
      asm.dataBytes(zeroTerminated ? [...bytes, 0] : bytes, rangeOfTokens(asm, toks));
    }
  };
}

const MAX_FILL = 1 << 26;

function space(asm: FileAssembler, a: DirectiveArgs): void {
  const args = argsOf(asm, a);
  if (!args) return;
  const count = constArg(asm, args[0], 'the size');
  if (count === undefined) return;
  const fill = args[1] ? constArg(asm, args[1], 'the fill value') : 0;
  if (fill === undefined) return;
  if (count < 0 || count > MAX_FILL) { asm.error(rangeOfTokens(asm, args[0]), `size ${count} out of range (0..${MAX_FILL})`); return; }
  fillTail(asm, new Uint8Array(count).fill(fill & 0xff));
}

/** Emits bytes the way GNU's .space/.fill do: in a frag of their own. */
function fillTail(asm: FileAssembler, bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  if (asm.section.nobits && bytes.some((b) => b !== 0)) {
    asm.error(asm.statementRange(), `cannot store non-zero data in ${asm.section.name} (it holds only zeros)`);
    bytes = new Uint8Array(bytes.length);
  }
  asm.section.mark('d');
  asm.section.addTail({ kind: 'fill', bytes });
}

function fill(asm: FileAssembler, a: DirectiveArgs): void {
  const args = argsOf(asm, a);
  if (!args) return;
  const repeat = constArg(asm, args[0], 'the repeat count');
  const size = args[1] && args[1].length ? constArg(asm, args[1], 'the size') : 1;
  const value = args[2] ? constArg(asm, args[2], 'the value') : 0;
  if (repeat === undefined || size === undefined || value === undefined) return;
  if (repeat < 0 || size < 0 || repeat * Math.min(size, 8) > MAX_FILL) { asm.error(asm.statementRange(), 'fill size out of range'); return; }
  const n = Math.min(size, 8);
  // GNU takes the value as 4 bytes; larger sizes are zero above them.
  const unit = littleEndian(value, Math.min(n, 4)).concat(new Array(Math.max(0, n - 4)).fill(0));
  const out = new Uint8Array(repeat * n);
  for (let i = 0; i < repeat; i++) out.set(unit, i * n);
  fillTail(asm, out);
}

// ---- alignment -----------------------------------------------------------------------------

function align(kind: 'p2' | 'bytes', fillSize: number): Handler {
  return (asm, a) => {
    const args = argsOf(asm, a);
    if (!args) return;
    if (args.length === 0) { asm.error(nameAt(asm, a), `.${a.name} needs an alignment`); return; }
    const n = constArg(asm, args[0], 'the alignment');
    if (n === undefined) return;
    let bytes: number;
    if (kind === 'p2') {
      if (n < 0 || n > 30) { asm.error(rangeOfTokens(asm, args[0]), `alignment 2^${n} out of range (0..30)`); return; }
      bytes = 2 ** n;
    } else {
      if (n <= 0 || (n & (n - 1)) !== 0 || n > 2 ** 30) { asm.error(rangeOfTokens(asm, args[0]), `alignment ${n} is not a power of 2`); return; }
      bytes = n;
    }
    let fillBytes: number[] | 'code' = asm.section.flags.exec ? 'code' : [0];
    if (args[1] && args[1].length) {
      const v = constArg(asm, args[1], 'the fill value');
      if (v === undefined) return;
      fillBytes = littleEndian(v, fillSize);
    } else if (fillSize > 1 && !asm.section.flags.exec) fillBytes = new Array(fillSize).fill(0);
    const max = args[2] ? constArg(asm, args[2], 'the maximum padding') : bytes;
    if (max === undefined) return;
    if (bytes > asm.section.alignment) asm.section.alignment = bytes;
    if (bytes <= 1) return;
    // GNU as 2.40 (riscv_frag_align_code): in code, aligning to no more than the instruction
    // size (2 with C, 4 without) records the alignment but inserts no padding.
    if (fillBytes === 'code' && bytes <= (asm.rvc ? 2 : 4)) return;
    if (fillBytes === 'code') asm.section.mark('x'); else asm.section.mark('d');
    asm.section.addTail({ kind: 'align', alignment: bytes, fill: fillBytes, max });
  };
}

// ---- sections ------------------------------------------------------------------------------

function parseFlags(text: string): SectionFlags | string {
  const f: SectionFlags = { alloc: false, write: false, exec: false };
  for (const c of text) {
    if (c === 'a') f.alloc = true;
    else if (c === 'w') f.write = true;
    else if (c === 'x') f.exec = true;
    else if (c === 'T') f.tls = true;
    else if (!'MSGRoe?d'.includes(c)) return `unknown section flag '${c}'`;
  }
  return f;
}

function section(asm: FileAssembler, a: DirectiveArgs, push: boolean): void {
  const args = argsOf(asm, a);
  if (!args) return;
  if (args.length === 0 || args[0].length === 0) { asm.error(nameAt(asm, a), 'expected a section name'); return; }
  const nameToks = args[0];
  let name = nameToks.map((t) => (t.kind === 'string' ? String.fromCharCode(...(t.bytes as number[])) : t.text)).join('');
  if (!/^[A-Za-z0-9_.$-]+$/.test(name)) { asm.error(rangeOfTokens(asm, nameToks), `bad section name '${name}'`); return; }
  let flags: SectionFlags | undefined;
  let nobits: boolean | undefined;
  if (args[1]) {
    const t = args[1][0];
    if (!t || t.kind !== 'string') { asm.error(rangeOfTokens(asm, args[1]), 'expected section flags in double quotes, like "ax"'); return; }
    const f = parseFlags(String.fromCharCode(...(t.bytes as number[])));
    if (typeof f === 'string') { asm.error(rangeOfTokens(asm, args[1]), f); return; }
    flags = f;
    nobits = defaultSectionAttributes(name).nobits;
  }
  if (args[2]) {
    const type = args[2].map((t) => t.text).join('');
    if (/^[@%]nobits$/.test(type)) nobits = true;
    else if (/^[@%]progbits$/.test(type)) nobits = false;
    else if (!/^[@%]\w+$/.test(type)) { asm.error(rangeOfTokens(asm, args[2]), `bad section type '${type}' (use @progbits or @nobits)`); return; }
  }
  const existing = asm.sections.find((s) => s.name === name);
  const s = asm.getSection(name, flags, nobits);
  if (!existing && flags) { s.flags = flags; if (nobits !== undefined) s.nobits = nobits; }
  if (push) asm.sectionStack.push([asm.section, asm.previousSection]);
  asm.switchTo(s);
  name = '';
}

function simpleSection(name: string): Handler {
  return (asm, a) => {
    const rest = argText(asm, a);
    if (rest !== '' && rest !== '0') asm.warning(nameAt(asm, a), `subsections are not supported; .${a.name} ${rest} assembles into ${name}`);
    asm.switchTo(asm.getSection(name));
  };
}

// ---- symbols -------------------------------------------------------------------------------

function symbolList(apply: (asm: FileAssembler, name: string, at: SourceRange) => void): Handler {
  return (asm, a) => {
    const args = argsOf(asm, a);
    if (!args) return;
    if (args.length === 0) { asm.error(nameAt(asm, a), `.${a.name} needs a symbol name`); return; }
    for (const toks of args) {
      const name = symbolArg(asm, toks);
      if (name) apply(asm, name, rangeOfTokens(asm, toks));
    }
  };
}

function assign(asm: FileAssembler, name: string, at: SourceRange, toks: Token[] | undefined, once: boolean): void {
  if (name === '.') { asm.error(at, "assigning to '.' is not supported; use .space or .align"); return; }
  const e = exprArg(asm, toks, 'a value');
  if (!e) return;
  const s = asm.symbol(name);
  if (s.kind === 'label') { asm.error(at, `symbol '${name}' is already defined as a label`); return; }
  if (once && s.kind === 'equ') { asm.error(at, `symbol '${name}' is already defined`); return; }
  // Evaluate now when possible, so `.set n, n+1` counts; otherwise keep the expression.
  let value: Expr = e;
  try {
    const v = asm.valueNow(e);
    if (v.pos === undefined && v.neg === undefined) value = { k: 'num', v: v.c, start: e.start, end: e.end };
  } catch (err) {
    if (err instanceof ExprError) { asm.error(asm.at(err.start, err.end), err.message); return; }
    throw err;
  }
  s.kind = 'equ';
  s.expr = value;
  s.defined = at;
}

function setDirective(once: boolean): Handler {
  return (asm, a) => {
    if (a.symbolName !== undefined) {
      const toks = asm.tokens(a.argStart);
      assign(asm, a.symbolName, asm.at(a.nameStart, a.nameEnd), toks ?? undefined, once);
      return;
    }
    const args = argsOf(asm, a);
    if (!args) return;
    if (args.length < 2) { asm.error(asm.statementRange(), `.${a.name} needs a symbol and a value: .${a.name} name, value`); return; }
    const name = symbolArg(asm, args[0]);
    if (!name) return;
    const rest = asm.tokens(a.argStart)!;
    const comma = rest.findIndex((t) => t.text === ',');
    assign(asm, name, rangeOfTokens(asm, args[0]), rest.slice(comma + 1), once);
  };
}

function typeDirective(asm: FileAssembler, a: DirectiveArgs): void {
  const args = argsOf(asm, a);
  if (!args || args.length < 2) { asm.error(asm.statementRange(), '.type needs a symbol and a type, like .type main, @function'); return; }
  const name = symbolArg(asm, args[0]);
  if (!name) return;
  const t = args[1].map((x) => x.text).join('').replace(/^[@%"]|"$/g, '').toLowerCase();
  const s = asm.symbol(name);
  if (t === 'function' || t === 'stt_func') s.type = 'func';
  else if (t === 'object' || t === 'stt_object') s.type = 'object';
  else if (t === 'notype' || t === 'stt_notype') s.type = 'notype';
  else asm.warning(rangeOfTokens(asm, args[1]), `symbol type '${t}' is ignored`);
}

function sizeDirective(asm: FileAssembler, a: DirectiveArgs): void {
  const args = argsOf(asm, a);
  if (!args || args.length < 2) { asm.error(asm.statementRange(), '.size needs a symbol and a size, like .size main, .-main'); return; }
  const name = symbolArg(asm, args[0]);
  const e = exprArg(asm, args[1], 'the size');
  if (name && e) asm.symbol(name).size = e;
}

// ---- conditionals --------------------------------------------------------------------------

function ifExpr(test: (v: number) => boolean): Handler {
  return (asm, a) => {
    if (asm.skipping) { asm.pushCondition(false, nameAt(asm, a)); return; }
    const args = argsOf(asm, a);
    const v = args && args.length === 1 ? constArg(asm, args[0], 'the condition') : undefined;
    if (args && args.length !== 1) asm.error(nameAt(asm, a), `.${a.name} needs one expression`);
    asm.pushCondition(v !== undefined && test(v), nameAt(asm, a));
  };
}

function ifDefined(want: boolean): Handler {
  return (asm, a) => {
    if (asm.skipping) { asm.pushCondition(false, nameAt(asm, a)); return; }
    const name = symbolArg(asm, argsOf(asm, a)?.[0]);
    const s = name ? asm.symbols.get(name) : undefined;
    asm.pushCondition((s !== undefined && s.kind !== 'undefined') === want, nameAt(asm, a));
  };
}

function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1) : t;
}

function ifCompare(want: boolean): Handler {
  return (asm, a) => {
    if (asm.skipping) { asm.pushCondition(false, nameAt(asm, a)); return; }
    const parts = splitMacroArgs(argText(asm, a), 2);
    if (parts.length !== 2) { asm.error(nameAt(asm, a), `.${a.name} needs two strings separated by a comma`); asm.pushCondition(false, nameAt(asm, a)); return; }
    asm.pushCondition((unquote(parts[0]) === unquote(parts[1])) === want, nameAt(asm, a));
  };
}

function ifBlank(want: boolean): Handler {
  return (asm, a) => {
    if (asm.skipping) { asm.pushCondition(false, nameAt(asm, a)); return; }
    asm.pushCondition((argText(asm, a) === '') === want, nameAt(asm, a));
  };
}

function elseDirective(asm: FileAssembler, a: DirectiveArgs): void {
  const c = asm.conditions[asm.conditions.length - 1];
  if (!c) { asm.error(nameAt(asm, a), `.${a.name} without a matching .if`); return; }
  if (c.sawElse) { asm.error(nameAt(asm, a), `.${a.name} after .else`); return; }
  const parentActive = asm.conditions.slice(0, -1).every((x) => x.active);
  if (a.name === 'else') {
    c.sawElse = true;
    c.active = parentActive && !c.taken;
    c.taken = true;
    return;
  }
  // .elseif expr
  if (!parentActive || c.taken) { c.active = false; return; }
  c.active = true; // evaluate in an active context
  const args = argsOf(asm, a);
  const v = args && args.length === 1 ? constArg(asm, args[0], 'the condition') : undefined;
  c.active = v !== undefined && v !== 0;
  c.taken = c.active;
}

function endif(asm: FileAssembler, a: DirectiveArgs): void {
  if (!asm.conditions.pop()) asm.error(nameAt(asm, a), '.endif without a matching .if');
}

// ---- repetition, macros, includes ----------------------------------------------------------

function rept(asm: FileAssembler, a: DirectiveArgs): void {
  const at = nameAt(asm, a);
  const args = argsOf(asm, a);
  const body = collectBody(asm.reader, 'endr');
  if (!body) { asm.error(at, '.rept without a matching .endr'); return; }
  const n = args && args.length === 1 ? constArg(asm, args[0], 'the repeat count') : undefined;
  if (args && args.length !== 1) asm.error(at, '.rept needs one count');
  if (n === undefined) return;
  if (n < 0 || n * body.length > 1_000_000) { asm.error(at, `repeat count ${n} out of range`); return; }
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(...body);
  if (lines.length) asm.reader.push('rept', lines);
}

function irp(perChar: boolean): Handler {
  return (asm, a) => {
    const at = nameAt(asm, a);
    const text = argText(asm, a);
    const body = collectBody(asm.reader, 'endr');
    if (!body) { asm.error(at, `.${a.name} without a matching .endr`); return; }
    const m = /^([A-Za-z_.$][A-Za-z0-9_.$]*)\s*(?:,\s*|\s+|$)([\s\S]*)$/.exec(text);
    if (!m) { asm.error(at, `.${a.name} needs a parameter name and values`); return; }
    const values = perChar ? m[2].trim().replace(/\s+/g, '').split('') : (m[2].trim() === '' ? [''] : splitMacroArgs(m[2], Infinity));
    const lines = [];
    for (const v of values) lines.push(...expandLines(body, new Map([[m[1], v]]), asm.macroCounter, undefined, undefined));
    if (lines.length) asm.reader.push('rept', lines);
  };
}

function macro(asm: FileAssembler, a: DirectiveArgs): void {
  const at = asm.statementRange();
  const header = parseMacroHeader(argText(asm, a));
  const body = collectBody(asm.reader, 'endm');
  if (!body) { asm.error(at, '.macro without a matching .endm'); return; }
  if (typeof header === 'string') { asm.error(at, header); return; }
  if (asm.macros.has(header.name)) { asm.error(at, `macro '${header.name}' is already defined`); return; }
  asm.macros.set(header.name, { name: header.name, params: header.params, body, defined: at });
}

function include(asm: FileAssembler, a: DirectiveArgs): void {
  const args = argsOf(asm, a);
  const t = args?.[0]?.[0];
  if (!t || t.kind !== 'string') { asm.error(nameAt(asm, a), '.include needs a file name in double quotes'); return; }
  const name = String.fromCharCode(...(t.bytes as number[]));
  const found = asm.options.resolveInclude(asm.st.line.file, name);
  if (typeof found === 'string') { asm.error(rangeOfTokens(asm, args![0]), found); return; }
  if (asm.reader.openFiles().includes(found.path)) { asm.error(rangeOfTokens(asm, args![0]), `'${name}' includes itself`); return; }
  if (!asm.reader.push('file', found.lines, found.path)) asm.error(rangeOfTokens(asm, args![0]), 'includes nested too deeply');
}

function message(kind: 'error' | 'warning' | 'print'): Handler {
  return (asm, a) => {
    const text = unquote(argText(asm, a)) || (kind === 'error' ? '.error directive invoked in source file' : '.warning directive invoked in source file');
    if (kind === 'error') asm.error(asm.statementRange(), text);
    else if (kind === 'warning') asm.warning(asm.statementRange(), text);
  };
}

function option(asm: FileAssembler, a: DirectiveArgs): void {
  const o = argText(asm, a);
  switch (o) {
    case 'rvc': asm.rvc = true; return;
    case 'norvc': asm.rvc = false; return;
    case 'push': asm.optionStack.push(asm.rvc); return;
    case 'pop': {
      const v = asm.optionStack.pop();
      if (v === undefined) asm.error(asm.statementRange(), '.option pop without .option push');
      else asm.rvc = v;
      return;
    }
    // Linker relaxation is never done (like -mno-relax); PIC changes nothing for la here.
    case 'relax': case 'norelax': case 'pic': case 'nopic': case 'csr-check': case 'no-csr-check': return;
  }
  const arch = /^arch\s*,\s*(.*)$/.exec(o);
  if (arch) {
    for (const part of arch[1].split(/\s*,\s*/)) {
      if (part === '+c') asm.rvc = true;
      else if (part === '-c') asm.rvc = false;
      else if (/^rv(32|64)/.test(part)) asm.rvc = /^rv(32|64)[a-z]*c/.test(part.split('_')[0]) || /^rv(32|64)g?c/.test(part);
    }
    return;
  }
  asm.warning(asm.statementRange(), `unknown .option '${o}' (known: rvc, norvc, push, pop, relax, norelax, arch)`);
}

function insn(asm: FileAssembler, a: DirectiveArgs): void {
  const args = argsOf(asm, a);
  if (!args || args.length === 0 || args.length > 2) { asm.error(nameAt(asm, a), '.insn supports only the raw forms: .insn VALUE or .insn LENGTH, VALUE'); return; }
  const value = constArg(asm, args[args.length - 1], 'the instruction value');
  const length = args.length === 2 ? constArg(asm, args[0], 'the length') : (value !== undefined && (value & 3) !== 3 ? 2 : 4);
  if (value === undefined || length === undefined) return;
  if (length !== 2 && length !== 4) { asm.error(nameAt(asm, a), '.insn length must be 2 or 4'); return; }
  if (asm.options.previrtualize) noteRawInstruction(asm, value >>> 0, length, asm.statementRange());
  asm.emitInstruction(value >>> 0, length, asm.statementRange());
}

/** .uleb128/.sleb128 of constants (GNU's RISC-V port allows nothing relocatable there either). */
function leb128(signed: boolean): Handler {
  return (asm, a) => {
    const args = argsOf(asm, a);
    if (!args) return;
    for (const toks of args) {
      const v = constArg(asm, toks, 'the value');
      if (v === undefined) continue;
      let big = BigInt(Math.trunc(v));
      if (!signed && big < 0n) big = BigInt.asUintN(64, big);
      const out: number[] = [];
      for (;;) {
        const byte = Number(big & 0x7fn);
        big >>= 7n;
        const done = signed ? (big === 0n && (byte & 0x40) === 0) || (big === -1n && (byte & 0x40) !== 0) : big === 0n;
        out.push(done ? byte : byte | 0x80);
        if (done) break;
      }
      asm.dataBytes(out, rangeOfTokens(asm, toks));
    }
  };
}

/** `.lcomm name, size` and `.comm name, size[, alignment]`: zero-initialised blocks in .bss. */
function common(global: boolean): Handler {
  return (asm, a) => {
    const args = argsOf(asm, a);
    if (!args) return;
    if (args.length < 2 || args.length > (global ? 3 : 2)) {
      asm.error(asm.statementRange(), `.${a.name} needs a name and a size${global ? ' (and optionally an alignment)' : ''}`);
      return;
    }
    const name = symbolArg(asm, args[0]);
    const size = constArg(asm, args[1], 'the size');
    if (name === undefined || size === undefined) return;
    if (size < 0 || size > MAX_FILL) { asm.error(rangeOfTokens(asm, args[1]), `size ${size} out of range`); return; }
    let alignment = 1;
    while (alignment * 2 <= Math.min(size, 8)) alignment *= 2;
    if (args[2]) {
      const al = constArg(asm, args[2], 'the alignment');
      if (al === undefined) return;
      if (al <= 0 || (al & (al - 1)) !== 0) { asm.error(rangeOfTokens(asm, args[2]), `alignment ${al} is not a power of 2`); return; }
      alignment = al;
    }
    asm.commons.push({ name, size, alignment, global, at: rangeOfTokens(asm, args[0]) });
  };
}

const ignore: Handler = () => undefined;

const table: Record<string, Handler> = {
  text: simpleSection('.text'), data: simpleSection('.data'), bss: simpleSection('.bss'),
  rodata: (asm, a) => {
    asm.warning(nameAt(asm, a), "GNU as has no '.rodata' directive; write '.section .rodata' to stay compatible");
    asm.switchTo(asm.getSection('.rodata'));
  },
  section: (asm, a) => section(asm, a, false),
  pushsection: (asm, a) => section(asm, a, true),
  popsection: (asm, a) => {
    const top = asm.sectionStack.pop();
    if (!top) { asm.error(nameAt(asm, a), '.popsection without .pushsection'); return; }
    asm.section = top[0];
    asm.previousSection = top[1];
  },
  previous: (asm, a) => {
    if (!asm.previousSection) { asm.error(nameAt(asm, a), '.previous without an earlier section'); return; }
    asm.switchTo(asm.previousSection);
  },
  globl: symbolList((asm, n) => { asm.symbol(n).global = true; }),
  global: symbolList((asm, n) => { asm.symbol(n).global = true; }),
  local: symbolList((asm, n) => { asm.symbol(n).global = false; }),
  weak: symbolList((asm, n) => { const s = asm.symbol(n); s.weak = true; s.global = true; }),
  hidden: symbolList(() => undefined), protected: symbolList(() => undefined), internal: symbolList(() => undefined),
  extern: ignore, type: typeDirective, size: sizeDirective,
  equ: setDirective(false), set: setDirective(false), equiv: setDirective(true), eqv: setDirective(false),
  byte: data(1), half: data(2), short: data(2), '2byte': data(2), hword: data(2),
  word: data(4), long: data(4), int: data(4), '4byte': data(4), quad: data(8), dword: data(8), '8byte': data(8),
  ascii: strings(false), asciz: strings(true), string: strings(true),
  zero: (asm, a) => {
    const args = argsOf(asm, a);
    if (!args) return;
    const n = constArg(asm, args[0], 'the size');
    if (n === undefined) return;
    if (n < 0 || n > MAX_FILL) { asm.error(asm.statementRange(), `size ${n} out of range`); return; }
    fillTail(asm, new Uint8Array(n));
  },
  space, skip: space, fill,
  align: align('p2', 1), p2align: align('p2', 1), p2alignw: align('p2', 2), p2alignl: align('p2', 4),
  balign: align('bytes', 1), balignw: align('bytes', 2), balignl: align('bytes', 4),
  option, insn, lcomm: common(false), comm: common(true), uleb128: leb128(false), sleb128: leb128(true),
  attribute: ignore, file: ignore, ident: ignore, loc: ignore, loc_mark_labels: ignore, addrsig: ignore, addrsig_sym: ignore,
  cfi_startproc: ignore, cfi_endproc: ignore, cfi_def_cfa_offset: ignore, cfi_offset: ignore, cfi_restore: ignore,
  cfi_def_cfa: ignore, cfi_sections: ignore, cfi_adjust_cfa_offset: ignore, cfi_remember_state: ignore, cfi_restore_state: ignore,
  if: ifExpr((v) => v !== 0), ifne: ifExpr((v) => v !== 0), ifeq: ifExpr((v) => v === 0), ifgt: ifExpr((v) => v > 0),
  ifge: ifExpr((v) => v >= 0), iflt: ifExpr((v) => v < 0), ifle: ifExpr((v) => v <= 0),
  ifdef: ifDefined(true), ifndef: ifDefined(false), ifnotdef: ifDefined(false),
  ifc: ifCompare(true), ifnc: ifCompare(false), ifeqs: ifCompare(true), ifnes: ifCompare(false),
  ifb: ifBlank(true), ifnb: ifBlank(false),
  else: elseDirective, elseif: elseDirective, endif,
  rept, irp: irp(false), irpc: irp(true),
  endr: (asm, a) => asm.error(nameAt(asm, a), '.endr without a matching .rept/.irp'),
  macro, endm: (asm, a) => asm.error(nameAt(asm, a), '.endm without a matching .macro'),
  exitm: (asm, a) => {
    const depth = asm.reader.exitMacro();
    if (depth === undefined) asm.error(nameAt(asm, a), '.exitm outside a macro');
    else asm.conditions.length = Math.min(asm.conditions.length, depth);
  },
  purgem: (asm, a) => {
    const name = argText(asm, a).toLowerCase();
    if (!asm.macros.delete(name)) asm.error(nameAt(asm, a), `no macro named '${name}'`);
  },
  include,
  err: (asm) => asm.error(asm.statementRange(), '.err directive invoked in source file'),
  error: message('error'), warning: message('warning'), print: message('print'),
  end: (asm) => asm.reader.endFile(),
};

export const DIRECTIVES: Record<string, Handler> = table;

export function directiveNames(): string[] { return Object.keys(table); }
