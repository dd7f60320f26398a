import { REGISTER_NUMBERS } from '../../engine/asm/syntax';

/**
 * A light index of one assembly file for editor features (outline, go to definition, find
 * references, rename, completion): where labels and symbols are defined and used, which
 * sections the file opens and which files it includes. It is a tolerant scanner, not the
 * assembler: it must work on half-typed code. Positions are 0-based (line, character), as
 * editors count. No `vscode` import: unit tests load this directly.
 */

export interface Range { line: number; start: number; end: number }

export type DefinitionKind = 'label' | 'constant' | 'local' | 'macro';

export interface SymbolDefinition { name: string; kind: DefinitionKind; range: Range; section?: string }

export interface SymbolReference { name: string; range: Range }

export interface SectionRange { name: string; startLine: number; endLine: number; nameRange: Range }

export interface IncludeRef { path: string; range: Range }

export interface Statement {
  /** The first word: a mnemonic, a directive (with its dot) or a macro name. */
  head: string;
  headRange: Range;
  /** Where the operands start (after the head) and end. */
  operandsStart: number;
  line: number;
}

export interface AsmIndex {
  definitions: SymbolDefinition[];
  references: SymbolReference[];
  sections: SectionRange[];
  includes: IncludeRef[];
  statements: Statement[];
  /** Symbols named by .globl/.global. */
  globals: Set<string>;
}

const IDENT_START = /[A-Za-z_.$]/;
const IDENT_CHAR = /[A-Za-z0-9_.$]/;
const PREPROCESSOR = /^\s*#\s*(include|define|undef|if|ifdef|ifndef|elif|else|endif|error|warning|pragma|line)\b/;
const RELOC_MODIFIER = /^%(hi|lo|pcrel_hi|pcrel_lo|tprel_hi|tprel_lo|tprel_add|tls_ie_pcrel_hi|tls_gd_pcrel_hi|got_pcrel_hi)$/;

/** Directives whose operands name symbols (so those names are references). */
const SYMBOL_DIRECTIVES = new Set(['.globl', '.global', '.local', '.weak', '.type', '.size', '.hidden', '.extern',
  '.word', '.long', '.int', '.half', '.short', '.hword', '.byte', '.quad', '.dword', '.4byte', '.2byte', '.8byte',
  '.equ', '.set', '.equiv', '.eqv', '.if', '.ifdef', '.ifndef', '.ifnotdef', '.org', '.fill', '.space', '.skip', '.zero']);

const SECTION_DIRECTIVES = new Set(['.text', '.data', '.bss', '.rodata', '.section', '.pushsection']);

interface Token { kind: 'ident' | 'number' | 'string' | 'char' | 'punct' | 'localref'; text: string; start: number; end: number }

/**
 * Splits source into per-line token lists with comments, strings and character literals
 * removed or kept as single tokens. Block comments may span lines, hence the carried state.
 */
function tokenizeLines(text: string): Token[][] {
  const lines = text.split(/\r?\n/);
  const out: Token[][] = [];
  let inBlock = false;
  for (const line of lines) {
    const toks: Token[] = [];
    let i = 0;
    if (!inBlock && PREPROCESSOR.test(line)) {
      // Keep #include "file" visible as tokens; drop other preprocessor lines' contents.
      const m = /^\s*#\s*include\s*(["<])([^">]*)[">]/.exec(line);
      if (m) {
        const start = line.indexOf(m[2], line.indexOf(m[1]));
        toks.push({ kind: 'punct', text: '#include', start: 0, end: 1 }, { kind: 'string', text: m[2], start: start - 1, end: start + m[2].length + 1 });
      }
      out.push(toks);
      continue;
    }
    while (i < line.length) {
      if (inBlock) {
        const close = line.indexOf('*/', i);
        if (close < 0) { i = line.length; break; }
        inBlock = false; i = close + 2; continue;
      }
      const ch = line[i];
      if (ch === ' ' || ch === '\t') { i++; continue; }
      if (ch === '#' || (ch === '/' && line[i + 1] === '/')) break;
      if (ch === '/' && line[i + 1] === '*') { inBlock = true; i += 2; continue; }
      if (ch === '"') {
        let j = i + 1;
        while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
        toks.push({ kind: 'string', text: line.slice(i + 1, Math.min(j, line.length)), start: i, end: Math.min(j + 1, line.length) });
        i = j + 1; continue;
      }
      if (ch === '\'') {
        let j = i + 1;
        if (line[j] === '\\') j++;
        j++;
        if (line[j] === '\'') j++;
        toks.push({ kind: 'char', text: line.slice(i, j), start: i, end: j });
        i = j; continue;
      }
      if (/[0-9]/.test(ch)) {
        let j = i + 1;
        while (j < line.length && /[0-9A-Za-z_]/.test(line[j])) j++;
        const text = line.slice(i, j);
        toks.push({ kind: /^[0-9]+[fb]$/.test(text) ? 'localref' : 'number', text, start: i, end: j });
        i = j; continue;
      }
      if (IDENT_START.test(ch) || (ch === '%' && /[a-z]/.test(line[i + 1] ?? ''))) {
        let j = i + 1;
        while (j < line.length && IDENT_CHAR.test(line[j])) j++;
        toks.push({ kind: 'ident', text: line.slice(i, j), start: i, end: j });
        i = j; continue;
      }
      toks.push({ kind: 'punct', text: ch, start: i, end: i + 1 });
      i++;
    }
    out.push(toks);
  }
  return out;
}

function isRegister(name: string): boolean { return REGISTER_NUMBERS.has(name.toLowerCase()); }

/** Builds the index of one file's text. */
export function indexAssembly(text: string): AsmIndex {
  const index: AsmIndex = { definitions: [], references: [], sections: [], includes: [], statements: [], globals: new Set() };
  const lines = tokenizeLines(text);
  let section: SectionRange | undefined;
  const openSection = (name: string, line: number, range: Range): void => {
    if (section) section.endLine = Math.max(section.startLine, line - 1);
    section = { name, startLine: line, endLine: lines.length - 1, nameRange: range };
    index.sections.push(section);
  };
  let macroDepth = 0;

  lines.forEach((all, line) => {
    if (all.length === 2 && all[0].text === '#include') {
      index.includes.push({ path: all[1].text, range: { line, start: all[1].start, end: all[1].end } });
      return;
    }
    // ';' separates statements on one line (GNU as for RISC-V).
    const statements: Token[][] = [[]];
    for (const t of all) {
      if (t.kind === 'punct' && t.text === ';') statements.push([]);
      else statements[statements.length - 1].push(t);
    }
    for (let toks of statements) {
      // Leading labels: `name:` or `1:` (several may share a line).
      while (toks.length >= 2 && toks[1].kind === 'punct' && toks[1].text === ':' && (toks[0].kind === 'ident' || toks[0].kind === 'number')) {
        const t = toks[0];
        const kind: DefinitionKind = t.kind === 'number' ? 'local' : 'label';
        if (kind === 'local' && !/^[0-9]+$/.test(t.text)) break;
        index.definitions.push({ name: t.text, kind, range: { line, start: t.start, end: t.end }, section: section?.name });
        toks = toks.slice(2);
      }
      if (toks.length === 0) continue;
      const head = toks[0];
      if (head.kind !== 'ident') continue;
      const headLower = head.text.toLowerCase();
      index.statements.push({ head: head.text, headRange: { line, start: head.start, end: head.end }, operandsStart: head.end, line });
      const rest = toks.slice(1);

      // `NAME = expr` defines a symbol like .set.
      if (rest.length >= 1 && rest[0].kind === 'punct' && rest[0].text === '=' && rest[1]?.text !== '=') {
        index.definitions.push({ name: head.text, kind: 'constant', range: { line, start: head.start, end: head.end }, section: section?.name });
        addReferences(index, rest.slice(1), line);
        continue;
      }
      if (headLower === '.macro') {
        macroDepth++;
        if (rest[0]?.kind === 'ident') index.definitions.push({ name: rest[0].text, kind: 'macro', range: { line, start: rest[0].start, end: rest[0].end } });
        continue;
      }
      if (headLower === '.endm') { macroDepth = Math.max(0, macroDepth - 1); continue; }
      if (headLower === '.include') {
        const s = rest.find((t) => t.kind === 'string');
        if (s) index.includes.push({ path: s.text, range: { line, start: s.start, end: s.end } });
        continue;
      }
      if (SECTION_DIRECTIVES.has(headLower)) {
        if (headLower === '.section' || headLower === '.pushsection') {
          const name = rest[0];
          if (name) {
            const text = name.kind === 'string' ? name.text : rest.slice(0, rest.findIndex((t) => t.text === ',') >>> 0).map((t) => t.text).join('');
            openSection(text || name.text, line, { line, start: name.start, end: name.end });
          }
        } else openSection(headLower, line, { line, start: head.start, end: head.end });
        continue;
      }
      if (headLower === '.globl' || headLower === '.global') {
        for (const t of rest) if (t.kind === 'ident') index.globals.add(t.text);
      }
      if (['.equ', '.set', '.equiv', '.eqv'].includes(headLower) && rest[0]?.kind === 'ident') {
        index.definitions.push({ name: rest[0].text, kind: 'constant', range: { line, start: rest[0].start, end: rest[0].end }, section: section?.name });
        addReferences(index, rest.slice(1), line);
        continue;
      }
      if (headLower.startsWith('.') && !SYMBOL_DIRECTIVES.has(headLower)) continue;
      // Inside a macro body, operands are macro parameters (\x) more than symbols; still index them.
      addReferences(index, rest, line);
    }
  });
  return index;
}

function addReferences(index: AsmIndex, toks: Token[], line: number): void {
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind === 'localref') { index.references.push({ name: t.text, range: { line, start: t.start, end: t.end } }); continue; }
    if (t.kind !== 'ident') continue;
    if (t.text.startsWith('%')) { if (RELOC_MODIFIER.test(t.text)) continue; }
    if (t.text === '.' || isRegister(t.text)) continue;
    // `\name` inside macros: a parameter, not a symbol.
    if (k > 0 && toks[k - 1].text === '\\') continue;
    // `@function` in .type.
    if (k > 0 && toks[k - 1].text === '@') continue;
    index.references.push({ name: t.text, range: { line, start: t.start, end: t.end } });
  }
}

/** The definition a numeric local reference (`1f`, `2b`) on `line` resolves to, GNU-style. */
export function resolveLocalReference(index: AsmIndex, ref: string, line: number, character = Number.MAX_SAFE_INTEGER): SymbolDefinition | undefined {
  const m = /^([0-9]+)([fb])$/.exec(ref);
  if (!m) return undefined;
  const locals = index.definitions.filter((d) => d.kind === 'local' && d.name === m[1]);
  const before = (d: SymbolDefinition): boolean => d.range.line < line || (d.range.line === line && d.range.start < character);
  if (m[2] === 'b') return locals.filter(before).pop();
  return locals.find((d) => !before(d));
}

/** The identifier-like word at a position (mnemonics keep their dots: `fence.i`, `lr.w.aq`). */
export function wordAt(lineText: string, character: number): { text: string; start: number; end: number } | undefined {
  const re = /%?[A-Za-z_.$][A-Za-z0-9_.$]*|[0-9]+[fb]\b|[0-9]+(?=:)/g;
  for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
    if (character >= m.index && character <= m.index + m[0].length) return { text: m[0], start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** Whether position `character` on a line is in a comment or string (hover and completion then do nothing). */
export function inCommentOrString(lineText: string, character: number): boolean {
  let quote = false;
  for (let i = 0; i < character && i < lineText.length; i++) {
    const ch = lineText[i];
    if (quote) { if (ch === '\\') i++; else if (ch === '"') quote = false; continue; }
    if (ch === '"') quote = true;
    else if (ch === '#' && !PREPROCESSOR.test(lineText)) return true;
    else if (ch === '/' && lineText[i + 1] === '/') return true;
  }
  return quote;
}

/** The statement head on a line at or before `character`, if the cursor is in its operands. */
export function statementAt(index: AsmIndex, line: number, character: number): Statement | undefined {
  let found: Statement | undefined;
  for (const s of index.statements) {
    if (s.line === line && s.headRange.start <= character) found = s;
  }
  return found;
}
