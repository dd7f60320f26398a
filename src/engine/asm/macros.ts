import { SourceRange } from './diagnostics';
import { Reader, SourceLine } from './reader';

/**
 * GNU as text macros: .macro/.endm definitions with named, default, required and vararg
 * parameters, and the bodies of .rept/.irp/.irpc. Expansion is textual, as in GNU as:
 * `\name` is replaced by the argument, `\@` by the expansion counter, `\()` by nothing.
 */

export interface MacroParam { name: string; defaultValue?: string; required: boolean; vararg: boolean }

export interface MacroDef {
  name: string;
  params: MacroParam[];
  body: SourceLine[];
  defined: SourceRange;
}

const OPENERS = new Set(['macro', 'rept', 'irp', 'irpc']);

/** The directive a line starts with (after any labels), lower-cased without the dot. */
export function leadingDirective(text: string): string | undefined {
  const m = /^\s*(?:[A-Za-z0-9_.$]+:\s*)*\.([A-Za-z_][A-Za-z0-9_]*)\b/.exec(text);
  return m ? m[1].toLowerCase() : undefined;
}

/**
 * Reads lines up to the matching terminator (.endm for macros, .endr for repeats), honouring
 * nesting. Returns undefined when the input ends first.
 */
export function collectBody(reader: Reader, terminator: 'endm' | 'endr'): SourceLine[] | undefined {
  const body: SourceLine[] = [];
  let depth = 0;
  for (;;) {
    const line = reader.nextLine();
    if (!line) return undefined;
    const d = leadingDirective(line.text);
    if (d && OPENERS.has(d) && (terminator === 'endm' ? d === 'macro' : d !== 'macro')) depth++;
    if (d === terminator) {
      if (depth === 0) return body;
      depth--;
    }
    body.push(line);
  }
}

/** Parses `name a, b=1, c:req, d:vararg` (commas or spaces between parameters). */
export function parseMacroHeader(text: string): { name: string; params: MacroParam[] } | string {
  const m = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*)\s*,?\s*(.*)$/.exec(text);
  if (!m) return 'expected a macro name after .macro';
  const params: MacroParam[] = [];
  const rest = m[2].trim();
  if (rest) {
    const pieces = rest.split(/\s*,\s*|\s+(?=[A-Za-z_.$])/).filter((p) => p !== '');
    for (const piece of pieces) {
      const pm = /^([A-Za-z_.$][A-Za-z0-9_.$]*)(?::(req|vararg))?(?:\s*=\s*(.*))?$/.exec(piece);
      if (!pm) return `bad macro parameter '${piece}'`;
      if (params.some((p) => p.name === pm[1])) return `macro parameter '${pm[1]}' given twice`;
      params.push({ name: pm[1], required: pm[2] === 'req', vararg: pm[2] === 'vararg', defaultValue: pm[3] });
    }
  }
  return { name: m[1].toLowerCase(), params };
}

/** Splits invocation arguments at top-level commas (or blanks, as GNU allows). */
export function splitMacroArgs(text: string, paramCount: number): string[] {
  const pieces: string[] = [];
  let cur = '';
  let depth = 0;
  let quote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      cur += c;
      if (c === '\\' && i + 1 < text.length) { cur += text[++i]; continue; }
      if (c === '"') quote = false;
      continue;
    }
    if (c === '"') { quote = true; cur += c; continue; }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth <= 0) { pieces.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim() !== '' || pieces.length > 0) pieces.push(cur.trim());
  // GNU also separates arguments by blanks: `push a0 a1`.
  if (pieces.length < paramCount) {
    const spread: string[] = [];
    for (const p of pieces) {
      if (/^"/.test(p) || /[+\-*/%<>&|^()=]/.test(p)) spread.push(p);
      else spread.push(...p.split(/\s+/).filter((x) => x !== ''));
    }
    return spread;
  }
  return pieces;
}

/** Binds invocation arguments to parameters; returns the bindings or an error message. */
export function bindArgs(def: MacroDef, argText: string): Map<string, string> | string {
  const values = splitMacroArgs(argText, def.params.length);
  const bound = new Map<string, string>();
  let positional = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const kw = /^([A-Za-z_.$][A-Za-z0-9_.$]*)\s*=\s*(.*)$/.exec(v);
    if (kw && def.params.some((p) => p.name === kw[1])) { bound.set(kw[1], kw[2]); continue; }
    const p = def.params[positional];
    if (!p) {
      if (v === '') continue;
      return `too many arguments for macro '${def.name}' (it takes ${def.params.length})`;
    }
    if (p.vararg) { bound.set(p.name, values.slice(i).join(', ')); positional = def.params.length; break; }
    if (v !== '') bound.set(p.name, v);
    positional++;
  }
  for (const p of def.params) {
    if (bound.has(p.name)) continue;
    if (p.required) return `macro '${def.name}' needs a value for parameter '${p.name}'`;
    bound.set(p.name, p.defaultValue ?? '');
  }
  return bound;
}

/** Replaces `\name`, `\@` and `\()` in one body line. */
export function substitute(text: string, bindings: Map<string, string>, counter: number): string {
  if (text.indexOf('\\') < 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') { out += c; continue; }
    const next = text[i + 1];
    if (next === '@') { out += String(counter); i++; continue; }
    if (next === '(' && text[i + 2] === ')') { i += 2; continue; }
    const m = /^[A-Za-z_.$][A-Za-z0-9_.$]*/.exec(text.slice(i + 1));
    if (m) {
      // The longest parameter name that prefixes the identifier (GNU matches whole names).
      if (bindings.has(m[0])) { out += bindings.get(m[0]); i += m[0].length; continue; }
    }
    out += c;
  }
  return out;
}

/** Lines of an expansion: the text substituted, located at `at` for diagnostics and line tables. */
export function expandLines(body: SourceLine[], bindings: Map<string, string>, counter: number, at: SourceRange | undefined, note: string | undefined): SourceLine[] {
  return body.map((l) => {
    const text = substitute(l.text, bindings, counter);
    const fixed = at ?? (text === l.text ? l.fixed : (l.fixed ?? { file: l.file, line: l.line, column: 1, endColumn: l.text.length + 1 }));
    return { text, file: l.file, line: l.line, fixed, note: note ?? l.note };
  });
}
