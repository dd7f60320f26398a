import { DiagnosticSink, SourceRange, closestName, didYouMean, editDistance } from './diagnostics';
import { DIRECTIVES, directiveNames } from './directives';
import * as E from './encoder';
import { Expr, ExprError, ParseHooks, Value, evaluate, parseExpression } from './expressions';
import { Token, tokenize } from './lexer';
import { finishLayout } from './layout';
import { MacroDef, bindArgs, expandLines } from './macros';
import { AsmSymbol, Frag, LineRecord, ObjectFile, Section, SectionFlags } from './objectFile';
import { Failed, Matched, OperandContext, matchForm, operandGroups, quickReject, usage } from './operands';
import { PendingSite, previrtualizeInstruction } from './previrtualize';
import { expandPseudo } from './pseudo';
import { Reader, SourceLine, Statement } from './reader';
import { Ext, alternativesFor, allMnemonics } from './syntax';

/**
 * Assembles one source file into an ObjectFile: reads statements (labels, directives, macro
 * invocations, instructions), keeps the symbol table and sections, and hands the result to the
 * layout pass. Errors never stop the file: each statement that fails is reported and skipped.
 */

export interface FileOptions {
  extensions: ReadonlySet<Ext>;
  diagnostics: DiagnosticSink;
  /** Finds an .include'd file; returns its lines, or an error message. */
  resolveInclude(fromFile: string, name: string): { path: string; lines: SourceLine[] } | string;
  /** Rewrite sensitive instructions into the `priv` hypercall sequence (previrtualize.ts). */
  previrtualize?: boolean;
}

interface Condition { active: boolean; taken: boolean; sawElse: boolean; at: SourceRange }

const ELF_SPECIAL: Array<[string, SectionFlags, boolean]> = [
  ['.text', { alloc: true, write: false, exec: true }, false],
  ['.data', { alloc: true, write: true, exec: false }, false],
  ['.bss', { alloc: true, write: true, exec: false }, true],
  ['.rodata', { alloc: true, write: false, exec: false }, false],
  ['.tdata', { alloc: true, write: true, exec: false, tls: true }, false],
  ['.tbss', { alloc: true, write: true, exec: false, tls: true }, true],
  ['.init_array', { alloc: true, write: true, exec: false }, false],
  ['.fini_array', { alloc: true, write: true, exec: false }, false],
  ['.preinit_array', { alloc: true, write: true, exec: false }, false],
];
const ELF_EXACT: Array<[string, SectionFlags]> = [
  ['.init', { alloc: true, write: false, exec: true }], ['.fini', { alloc: true, write: false, exec: true }],
  ['.data1', { alloc: true, write: true, exec: false }], ['.rodata1', { alloc: true, write: false, exec: false }],
];

/** GNU's default attributes for a section name (used when `.section` gives no flags). */
export function defaultSectionAttributes(name: string): { flags: SectionFlags; nobits: boolean } {
  for (const [n, flags] of ELF_EXACT) if (name === n) return { flags, nobits: false };
  for (const [prefix, flags, nobits] of ELF_SPECIAL) {
    if (name === prefix || name.startsWith(prefix + '.')) return { flags, nobits };
  }
  return { flags: { alloc: false, write: false, exec: false }, nobits: false };
}

export class FileAssembler {
  readonly sections: Section[] = [];
  readonly symbols = new Map<string, AsmSymbol>();
  readonly lines: LineRecord[] = [];
  section!: Section;
  previousSection: Section | undefined;
  readonly sectionStack: Array<[Section, Section | undefined]> = [];
  rvc: boolean;
  readonly rvcAtStart: boolean;
  readonly optionStack: boolean[] = [];
  usedRvc = false;
  readonly reader = new Reader();
  readonly conditions: Condition[] = [];
  readonly macros = new Map<string, MacroDef>();
  macroCounter = 0;
  /** .lcomm/.comm blocks: GNU puts them after everything else in .bss (a subsection of its own). */
  readonly commons: Array<{ name: string; size: number; alignment: number; global: boolean; at: SourceRange }> = [];
  /** Sensitive instructions met while previrtualizing: rewritten or left native. */
  readonly previrtSites: PendingSite[] = [];
  readonly diags: DiagnosticSink;
  /** The statement being assembled. */
  st!: Statement;
  private readonly localCounts = new Map<number, number>();
  private internalCounter = 0;
  readonly hooks: ParseHooks;

  constructor(readonly path: string, readonly options: FileOptions) {
    this.diags = options.diagnostics;
    this.rvc = options.extensions.has('c');
    this.rvcAtStart = this.rvc;
    // GNU as creates .text, .data and .bss up front, in this order; .text starts 2- or 4-byte aligned.
    this.section = this.getSection('.text');
    this.section.alignment = this.rvc ? 2 : 4;
    this.getSection('.data');
    this.getSection('.bss');
    this.hooks = {
      symbol: (t: Token) => (t.text === '.' ? this.dotLabel() : t.text),
      localRef: (t: Token) => this.localRefName(t),
    };
  }

  // ---- driving -------------------------------------------------------------------------

  run(lines: SourceLine[]): ObjectFile {
    this.reader.push('file', lines, this.path);
    for (;;) {
      const line = this.reader.nextLine();
      if (!line) break;
      for (const st of this.reader.statements(line)) this.statement(st);
    }
    for (const c of this.conditions) this.diags.error(c.at, 'this .if has no matching .endif');
    finishLayout(this);
    return { path: this.path, sections: this.sections, symbols: this.symbols, lines: this.lines, usedRvc: this.usedRvc, rvcAtStart: this.rvcAtStart, previrt: this.previrtSites };
  }

  get skipping(): boolean {
    const c = this.conditions[this.conditions.length - 1];
    return c !== undefined && !c.active;
  }

  /** Counts statements, so the line table can tell one statement's instructions from a repeat. */
  statementCount = 0;

  statement(st: Statement): void {
    this.st = st;
    this.statementCount++;
    const text = st.text;
    let i = skipSpace(text, 0);
    // Labels: `name:` or `1:`, possibly several.
    for (;;) {
      const m = /^([A-Za-z_.$][A-Za-z0-9_.$]*|[0-9]+)[ \t]*:(?!=)/.exec(text.slice(i));
      if (!m) break;
      if (!this.skipping) this.defineLabel(m[1], this.at(i, i + m[1].length));
      i = skipSpace(text, i + m[0].length);
    }
    if (i >= text.length) return;
    const wm = /^[A-Za-z_.$][A-Za-z0-9_.$]*/.exec(text.slice(i));
    if (!wm) {
      if (!this.skipping) this.error(this.at(i, text.trimEnd().length), `unexpected '${text.slice(i).trim()}'`);
      return;
    }
    const word = wm[0];
    const wordEnd = i + word.length;
    const lower = word.toLowerCase();
    if (this.skipping) {
      if (lower.startsWith('.if') || lower === '.else' || lower === '.elseif' || lower === '.endif') this.directive(lower.slice(1), i, wordEnd);
      return;
    }
    const after = text.slice(wordEnd);
    const assign = /^[ \t]*=(?!=)/.exec(after);
    if (assign) {
      DIRECTIVES['set'](this, { name: 'set', nameStart: i, nameEnd: wordEnd, argStart: wordEnd + assign[0].length, symbolName: word });
      return;
    }
    if (lower.startsWith('.')) { this.directive(lower.slice(1), i, wordEnd); return; }
    const macro = this.macros.get(lower);
    if (macro) { this.invokeMacro(macro, wordEnd); return; }
    this.instruction(lower, i, wordEnd);
  }

  private directive(name: string, start: number, end: number): void {
    const handler = DIRECTIVES[name];
    if (!handler) {
      this.error(this.at(start, end), `unknown directive '.${name}'${didYouMean(name, directiveNames()).replace(/'([^']*)'\?\)$/, "'.$1'?)")}`);
      return;
    }
    handler(this, { name, nameStart: start, nameEnd: end, argStart: end });
  }

  private invokeMacro(def: MacroDef, argStart: number): void {
    const st = this.st;
    const bound = bindArgs(def, st.text.slice(argStart).trim());
    if (typeof bound === 'string') { this.error(this.statementRange(), bound); return; }
    this.macroCounter++;
    const at = this.statementRange();
    const note = `in macro '${def.name}' (defined at ${def.defined.file}:${def.defined.line})`;
    const lines = expandLines(def.body, bound, this.macroCounter - 1, at, note);
    if (!this.reader.push('macro', lines, def.name, this.conditions.length)) this.error(at, `macros nested more than ${Reader.MAX_DEPTH} deep (does '${def.name}' invoke itself?)`);
  }

  // ---- positions and diagnostics ---------------------------------------------------------

  /** The source range of [start, end) in the current statement's text. */
  at(start: number, end: number): SourceRange {
    const l = this.st.line;
    if (l.fixed) return l.fixed;
    return { file: l.file, line: l.line, column: this.st.start + start + 1, endColumn: this.st.start + Math.max(end, start + 1) + 1 };
  }

  /** Where an expression of the current statement is (for "undefined symbol" and range errors). */
  rangeOf(e: Expr): SourceRange {
    return this.st.line.fixed ?? this.at(e.start, e.end);
  }

  statementRange(): SourceRange {
    const t = this.st.text;
    const s = skipSpace(t, 0);
    return this.at(s, t.trimEnd().length);
  }

  error(at: SourceRange, message: string): void { this.diags.error(at, this.withNote(message)); }
  warning(at: SourceRange, message: string): void { this.diags.warning(at, this.withNote(message)); }
  private withNote(message: string): string {
    const note = this.st?.line.note;
    return note ? `${message} (${note})` : message;
  }

  tokens(from: number): Token[] | undefined {
    const toks = tokenize(this.st.text, from);
    for (const t of toks) {
      if (t.kind === 'bad') {
        this.error(this.at(t.start, t.end), t.text.startsWith('"') ? 'unterminated string' : `unexpected character '${t.text}'`);
        return undefined;
      }
    }
    return toks;
  }

  // ---- sections --------------------------------------------------------------------------

  getSection(name: string, flags?: SectionFlags, nobits?: boolean): Section {
    let s = this.sections.find((x) => x.name === name);
    if (!s) {
      const d = defaultSectionAttributes(name);
      s = new Section(name, this.sections.length, flags ?? d.flags, nobits ?? d.nobits);
      this.sections.push(s);
    }
    return s;
  }

  switchTo(s: Section): void {
    if (s !== this.section) this.previousSection = this.section;
    this.section = s;
  }

  // ---- symbols ---------------------------------------------------------------------------

  symbol(name: string): AsmSymbol {
    let s = this.symbols.get(name);
    if (!s) {
      s = { name, kind: 'undefined', global: false, weak: false, type: 'notype', internal: isInternalName(name) };
      this.symbols.set(name, s);
    }
    return s;
  }

  defineLabel(name: string, at: SourceRange): void {
    if (/^[0-9]+$/.test(name)) {
      const n = Number(name);
      const count = (this.localCounts.get(n) ?? 0) + 1;
      this.localCounts.set(n, count);
      name = localLabelName(n, count);
    }
    const s = this.symbol(name);
    if (s.kind !== 'undefined') {
      const where = s.defined ? ` (first defined at ${s.defined.file}:${s.defined.line})` : '';
      this.error(at, `symbol '${name}' is already defined${where}`);
      return;
    }
    s.kind = 'label';
    s.frag = this.section.current;
    s.offset = this.section.current.bytes.length;
    s.defined = at;
  }

  /** A fresh assembler-internal label at the current location. */
  internalLabel(prefix = 'tmp'): string {
    const name = `.L.${prefix}${this.internalCounter++}`;
    const s = this.symbol(name);
    s.kind = 'label';
    s.frag = this.section.current;
    s.offset = this.section.current.bytes.length;
    return name;
  }

  private dotLabel(): string { return this.internalLabel('dot'); }

  private localRefName(t: Token): string {
    const n = t.value;
    const count = this.localCounts.get(n) ?? 0;
    return localLabelName(n, t.localDir === 'b' ? count : count + 1);
  }

  // ---- evaluation ------------------------------------------------------------------------

  /** Parses an expression from tokens; reports and returns undefined on error. */
  parseExpr(tokens: Token[], pos: number): { expr: Expr; next: number } | undefined {
    try {
      return parseExpression(tokens, pos, this.hooks);
    } catch (e) {
      if (e instanceof ExprError) { this.error(this.at(e.start, e.end), e.message); return undefined; }
      throw e;
    }
  }

  /** The value of an expression as known while reading the file (labels relative to their frag). */
  valueNow(expr: Expr): Value {
    return evaluate(expr, (name, at) => this.resolveNow(name, at));
  }

  private resolveNow(name: string, at: Expr): Value {
    const s = this.symbols.get(name);
    if (!s || s.kind === 'undefined') {
      const u = this.symbol(name);
      if (!u.firstUse) u.firstUse = this.at(at.start, at.end);
      return { c: 0, pos: '?' + name };
    }
    if (s.kind === 'label') return { c: s.offset as number, pos: `F${(s.frag as Frag).section.index}.${(s.frag as Frag).index}` };
    if (s.resolving) throw new ExprError(`symbol '${name}' is defined in terms of itself`, at.start, at.end);
    s.resolving = true;
    try { return this.valueNow(s.expr as Expr); } finally { s.resolving = false; }
  }

  /** A constant now, or undefined (silently: callers decide what to report). */
  constNow(expr: Expr): number | undefined {
    try {
      const v = this.valueNow(expr);
      return v.pos === undefined && v.neg === undefined ? v.c : undefined;
    } catch (e) {
      if (e instanceof ExprError) return undefined;
      throw e;
    }
  }

  /** A constant now, reporting why not. */
  constOrError(expr: Expr, what: string): number | undefined {
    try {
      const v = this.valueNow(expr);
      if (v.pos === undefined && v.neg === undefined) return v.c;
      const sym = (v.pos ?? v.neg ?? '').replace(/^\?/, '');
      const undef = (v.pos ?? v.neg ?? '').startsWith('?');
      this.error(this.at(expr.start, expr.end), undef
        ? `${what} must be a constant, but '${displayName(sym)}' is not defined yet`
        : `${what} must be a constant, not an address`);
      return undefined;
    } catch (e) {
      if (e instanceof ExprError) { this.error(this.at(e.start, e.end), e.message); return undefined; }
      throw e;
    }
  }

  // ---- emission --------------------------------------------------------------------------

  get frag(): Frag { return this.section.current; }

  recordLine(at: SourceRange, size: number, tail = false): void {
    this.lines.push({ frag: this.frag, offset: this.frag.bytes.length, tail, size, loc: at, statement: this.statementCount });
  }

  emitInstruction(bits: number, length: 2 | 4, at: SourceRange): void {
    this.section.mark('x');
    this.recordLine(at, length);
    if (length === 2) { this.frag.bytes.u16(bits); this.usedRvc = true; } else this.frag.bytes.u32(bits);
  }

  addFixup(kind: import('./objectFile').FixupKind, expr: Expr, offset: number, at: SourceRange): void {
    this.frag.fixups.push({ frag: this.frag, offset, kind, expr, loc: at });
  }

  /** Data bytes: marks code sections as holding data and refuses non-zero bytes in .bss. */
  dataBytes(bytes: ArrayLike<number>, at: SourceRange): void {
    this.section.mark('d');
    if (this.section.nobits) {
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] !== 0) { this.error(at, `cannot store non-zero data in ${this.section.name} (it holds only zeros); use .zero or .space there`); break; }
      }
      this.frag.bytes.fill(bytes.length, 0);
      return;
    }
    this.frag.bytes.bytes(bytes);
  }

  // ---- instructions ----------------------------------------------------------------------

  private instruction(mnemonic: string, start: number, end: number): void {
    const toks = this.tokens(end);
    if (!toks) return;
    this.assembleInstruction(mnemonic, toks, this.at(start, end));
  }

  /** Assembles `mnemonic operands` given as text (pseudo-instruction expansions use this). */
  instructionText(mnemonic: string, operands: string, at: SourceRange): void {
    const saved = this.st;
    const line: SourceLine = { text: operands, file: at.file, line: at.line, fixed: at, note: saved?.line.note };
    this.st = { line, text: operands, start: 0, end: operands.length };
    try {
      this.assembleInstruction(mnemonic, tokenize(operands), at);
    } finally {
      this.st = saved;
    }
  }

  assembleInstruction(mnemonic: string, toks: Token[], mnemonicAt: SourceRange): void {
    const alts = alternativesFor(mnemonic);
    if (!alts) { this.unknownInstruction(mnemonic, toks, mnemonicAt); return; }
    const endOfMnemonic = this.st.line.fixed ? 0 : Math.max(0, mnemonicAt.endColumn - 1 - this.st.start);
    const canonical = alts.find((a) => a.row === mnemonic && !a.alias)
      ?? [...alts].filter((a) => a.length === 4).sort((a, b) => a.args.length - b.args.length)[0] ?? alts[0];
    const ctx: OperandContext = { hooks: this.hooks, constant: (e) => this.constNow(e), mnemonic, end: endOfMnemonic, usage: usage(canonical) };
    let best: { f: Failed; rank: number } | undefined;
    let missing: Ext | undefined;
    // First only the forms that can fit at all; when none matches, all of them, for the best error.
    const groups = operandGroups(toks);
    for (const alt of alts) {
      if (alt.length === 2 && !this.rvc) continue;
      if (alt.ext !== 'c' && !this.options.extensions.has(alt.ext)) continue;
      if (quickReject(alt, groups)) continue;
      const r = matchForm(alt, toks, ctx);
      if (r.ok) { this.emitMatched(r); return; }
    }
    for (const alt of alts) {
      if (alt.length === 2 && !this.rvc) { missing = missing ?? 'c'; continue; }
      if (alt.ext !== 'c' && !this.options.extensions.has(alt.ext)) { missing = alt.ext; continue; }
      const r = matchForm(alt, toks, ctx);
      if (r.ok) { this.emitMatched(r); return; }
      // The form that got furthest explains the error best; among equals, the later (more general)
      // form, unless its complaint is a weak one.
      const rank = r.progress * 4 + (r.weak ? 0 : 2) + (alt.length === 2 && !alt.macro ? 0 : 1);
      if (!best || rank >= best.rank) best = { f: r, rank };
    }
    if (!best) {
      const what = missing === 'c' ? 'compressed instructions (the C extension is off: --march without c, or .option norvc)'
        : `the ${missing?.toUpperCase()} extension, which the selected --march does not include`;
      this.error(mnemonicAt, `'${mnemonic}' needs ${what}`);
      return;
    }
    this.error(this.st.line.fixed ?? this.at(best.f.start, best.f.end), best.f.message);
  }

  private unknownInstruction(mnemonic: string, toks: Token[], at: SourceRange): void {
    if (DIRECTIVES[mnemonic]) { this.error(at, `unknown instruction '${mnemonic}' (did you mean the directive '.${mnemonic}'?)`); return; }
    const candidates = [...allMnemonics(), ...this.macros.keys()];
    const near = closestName(mnemonic, candidates);
    // A lone word is most often a label without its colon.
    if (toks.length === 0) {
      const also = near && editDistance(mnemonic, near) === 1 ? ` or did you mean '${near}'?` : '';
      this.error(at, `unknown instruction '${mnemonic}' (if it is a label, add a colon: '${mnemonic}:'${also})`);
      return;
    }
    if (near) { this.error(at, `unknown instruction '${mnemonic}' (did you mean '${near}'?)`); return; }
    this.error(at, `unknown instruction '${mnemonic}'`);
  }

  private emitMatched(r: Matched): void {
    for (const e of r.errors) this.error(this.st.line.fixed ?? this.at(e.start, e.end), e.message);
    const stmtAt = this.st.line.fixed ?? this.statementRange();
    if (r.macro) { expandPseudo(this, r.macro, r.alt, stmtAt); return; }
    if (r.branch) {
      this.section.mark('x');
      this.recordLine(stmtAt, 0, true);
      if (r.length === 2) this.usedRvc = true;
      this.section.addTail({ kind: 'branch', jump: r.branch.jump, rvc: r.branch.rvc, bits: r.bits, target: r.branch.target, loc: this.rangeOf(r.branch.target) });
      return;
    }
    if (this.options.previrtualize && !r.reloc && r.length === 4 && previrtualizeInstruction(this, r.bits, stmtAt)) return;
    const offset = this.frag.bytes.length;
    this.emitInstruction(r.bits, r.length, stmtAt);
    if (r.reloc) {
      this.addFixup(r.reloc.kind, r.reloc.expr, offset, this.rangeOf(r.reloc.expr));
      // GNU starts a new frag after %hi/%pcrel_hi, so label distances across them are not constants.
      if (r.reloc.kind === 'hi20' || r.reloc.kind === 'pcrel_hi20') this.section.newFrag();
    }
  }

  // ---- conditionals ----------------------------------------------------------------------

  pushCondition(value: boolean, at: SourceRange): void {
    const parentActive = !this.skipping;
    this.conditions.push({ active: parentActive && value, taken: !parentActive || value, sawElse: false, at });
  }
}

export function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

export function localLabelName(n: number, instance: number): string { return `.L${n}\u0002${instance}`; }

export function isInternalName(name: string): boolean { return name.startsWith('.L') || name.includes('\u0002'); }

/** How a symbol is shown to people: numeric local labels as `1b`/`1f`. */
export function displayName(name: string): string {
  const m = /^\.L([0-9]+)\u0002[0-9]+$/.exec(name);
  if (m) return `local label ${m[1]}`;
  if (name.startsWith('.L.dot')) return '.';
  return name;
}

/** Opcode bits of a table row by name (the pseudo-instruction expansions use full-size rows). */
export function matchOf(name: string): number { return E.rowByName(name)!.spec.match; }
