import { DiagnosticSink, SourceRange } from './diagnostics';
import { SourceLine, splitLines } from './reader';

/**
 * The C preprocessor subset `.S` files use (what `cpp -x assembler-with-cpp` does for
 * assembly): object-like and function-like #define (with # and ##), #undef, #include,
 * #if/#ifdef/#ifndef/#elif/#else/#endif with integer expressions and defined(), #error and
 * #warning; C comments are removed. Lines keep their origin for diagnostics and the line
 * table. Lines starting with `#` that are not directives pass through (GNU as reads them as
 * comments), as cpp does in assembler mode.
 */

export interface PreprocessOptions {
  diagnostics: DiagnosticSink;
  /** Finds an #include'd file. */
  resolveInclude(fromFile: string, name: string): { path: string; text: string } | undefined;
  predefined: Record<string, string>;
}

interface Define { params?: string[]; body: string; variadic?: boolean }
interface Cond { active: boolean; taken: boolean; sawElse: boolean; at: SourceRange }

const MAX_INCLUDE_DEPTH = 50;

export function preprocess(path: string, text: string, options: PreprocessOptions): SourceLine[] {
  const defines = new Map<string, Define>();
  for (const [k, v] of Object.entries(options.predefined)) defines.set(k, { body: v });
  const out: SourceLine[] = [];
  const diags = options.diagnostics;
  run(path, text, 0);
  return out;

  function run(file: string, src: string, depth: number): void {
    const lines = logicalLines(stripComments(splitLines(src)));
    const conds: Cond[] = [];
    const active = (): boolean => conds.every((c) => c.active);
    for (const { text: line, line: lineNo } of lines) {
      const at: SourceRange = { file, line: lineNo, column: 1, endColumn: line.length + 1 };
      const m = /^\s*#\s*([A-Za-z_]\w*)?(.*)$/.exec(line);
      const directive = m ? m[1] ?? '' : undefined;
      if (m && directive !== undefined && isDirective(directive)) {
        const rest = m[2].trim();
        switch (directive) {
          case 'if': case 'ifdef': case 'ifndef': {
            let v = false;
            if (active()) {
              if (directive === 'if') v = evaluateCondition(rest, at) !== 0;
              else {
                const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
                if (!name) diags.error(at, `#${directive} needs a macro name`);
                v = name !== undefined && defines.has(name) === (directive === 'ifdef');
              }
            }
            conds.push({ active: active() && v, taken: !active() || v, sawElse: false, at });
            continue;
          }
          case 'elif': case 'else': {
            const c = conds[conds.length - 1];
            if (!c) { diags.error(at, `#${directive} without #if`); continue; }
            if (c.sawElse) { diags.error(at, `#${directive} after #else`); continue; }
            const parent = conds.slice(0, -1).every((x) => x.active);
            if (directive === 'else') { c.sawElse = true; c.active = parent && !c.taken; c.taken = true; continue; }
            if (!parent || c.taken) { c.active = false; continue; }
            c.active = evaluateCondition(rest, at) !== 0;
            c.taken = c.active;
            continue;
          }
          case 'endif':
            if (!conds.pop()) diags.error(at, '#endif without #if');
            continue;
        }
        if (!active()) continue;
        switch (directive) {
          case 'define': define(rest, at); break;
          case 'undef': defines.delete(rest.split(/\s/)[0]); break;
          case 'include': {
            const q = /^(?:"([^"]+)"|<([^>]+)>)/.exec(expandLine(rest));
            if (!q) { diags.error(at, '#include needs "file" or <file>'); break; }
            const name = q[1] ?? q[2];
            const found = options.resolveInclude(file, name);
            if (!found) { diags.error(at, `cannot find include file '${name}'`); break; }
            if (depth >= MAX_INCLUDE_DEPTH) { diags.error(at, `#include nested more than ${MAX_INCLUDE_DEPTH} deep`); break; }
            run(found.path, found.text, depth + 1);
            break;
          }
          case 'error': diags.error(at, `#error ${rest}`); break;
          case 'warning': diags.warning(at, `#warning ${rest}`); break;
          default: break; // #line, #pragma, #ident: nothing to do
        }
        continue;
      }
      if (!active()) continue;
      out.push({ text: expandLine(line), file, line: lineNo });
    }
    for (const c of conds) diags.error(c.at, 'this #if has no matching #endif');
  }

  function define(rest: string, at: SourceRange): void {
    const m = /^([A-Za-z_]\w*)(\(([^)]*)\))?\s*(.*)$/.exec(rest);
    if (!m) { diags.error(at, '#define needs a macro name'); return; }
    if (m[2] !== undefined) {
      let params = m[3].split(',').map((p) => p.trim()).filter((p) => p !== '');
      const variadic = params.length > 0 && params[params.length - 1].endsWith('...');
      if (variadic) params = [...params.slice(0, -1), params[params.length - 1] === '...' ? '__VA_ARGS__' : params[params.length - 1].slice(0, -3)];
      defines.set(m[1], { params, body: m[4], variadic });
    } else defines.set(m[1], { body: m[4] });
  }

  /** Expands macros in a line of text (identifiers outside strings and character constants). */
  function expandLine(line: string, disabled: ReadonlySet<string> = new Set(), depth = 0): string {
    if (depth > 100) return line;
    let result = '';
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (c === '"') {
        const j = skipString(line, i);
        result += line.slice(i, j);
        i = j;
        continue;
      }
      if (c === "'") {
        let j = i + 1;
        if (line[j] === '\\') j += 2; else j++;
        if (line[j] === "'") j++;
        result += line.slice(i, j);
        i = j;
        continue;
      }
      if (/[0-9]/.test(c) || (c === '.' && /[A-Za-z_0-9]/.test(line[i + 1] ?? ''))) {
        // pp-numbers and assembler names like .L1 are not macro names.
        let j = i + 1;
        while (j < line.length && /[A-Za-z0-9_.$]/.test(line[j])) j++;
        result += line.slice(i, j);
        i = j;
        continue;
      }
      if (/[A-Za-z_$]/.test(c)) {
        let j = i + 1;
        while (j < line.length && /[A-Za-z0-9_$]/.test(line[j])) j++;
        const name = line.slice(i, j);
        const d = defines.get(name);
        if (!d || disabled.has(name)) { result += name; i = j; continue; }
        const inner = new Set(disabled); inner.add(name);
        if (!d.params) { result += expandLine(d.body, inner, depth + 1); i = j; continue; }
        let k = j;
        while (k < line.length && /\s/.test(line[k])) k++;
        if (line[k] !== '(') { result += name; i = j; continue; }
        const call = readArgs(line, k);
        if (!call) { result += name; i = j; continue; }
        const args = call.args.map((a) => a.trim());
        result += expandLine(substituteParams(d, args, inner, depth), inner, depth + 1);
        i = call.end;
        continue;
      }
      result += c;
      i++;
    }
    return result;
  }

  function substituteParams(d: Define, args: string[], disabled: ReadonlySet<string>, depth: number): string {
    const params = d.params as string[];
    const values = new Map<string, string>();
    params.forEach((p, idx) => {
      if (d.variadic && idx === params.length - 1) values.set(p, args.slice(idx).join(', '));
      else values.set(p, args[idx] ?? '');
    });
    // ## pastes, # stringifies, other parameters are replaced by their expanded arguments.
    let body = d.body.replace(/\s*##\s*/g, '\u0001');
    body = body.replace(/#\s*([A-Za-z_]\w*)/g, (all, p: string) => (values.has(p) ? JSON.stringify(values.get(p)) : all));
    body = body.replace(/[A-Za-z_$][A-Za-z0-9_$]*/g, (id, off: number) => {
      if (!values.has(id)) return id;
      const pasted = body[off - 1] === '\u0001' || body[off + id.length] === '\u0001';
      return pasted ? (values.get(id) as string) : expandLine(values.get(id) as string, disabled, depth + 1);
    });
    return body.replace(/\u0001/g, '');
  }

  /** #if expressions: defined() first, then macro expansion, then remaining names are 0. */
  function evaluateCondition(expr: string, at: SourceRange): number {
    const withDefined = expr.replace(/\bdefined\s*(?:\(\s*([A-Za-z_]\w*)\s*\)|([A-Za-z_]\w*))/g, (_all, a?: string, b?: string) => (defines.has((a ?? b) as string) ? '1' : '0'));
    const expanded = expandLine(withDefined).replace(/\b[A-Za-z_]\w*\b/g, '0');
    try {
      return new CondParser(expanded).parse();
    } catch (e) {
      diags.error(at, `bad #if expression '${expr}': ${(e as Error).message}`);
      return 0;
    }
  }
}

const DIRECTIVES = new Set(['define', 'undef', 'include', 'if', 'ifdef', 'ifndef', 'elif', 'else', 'endif', 'error', 'warning', 'line', 'pragma', 'ident', '']);
function isDirective(name: string): boolean { return DIRECTIVES.has(name); }

function skipString(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, s.length);
}

function readArgs(s: string, open: number): { args: string[]; end: number } | undefined {
  const args: string[] = [];
  let depth = 0, cur = '';
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (c === '"') { const j = skipString(s, i); cur += s.slice(i, j); i = j - 1; continue; }
    if (c === '(') depth++;
    if (c === ')') {
      if (depth === 0) { args.push(cur); return { args: args.length === 1 && args[0].trim() === '' ? [] : args, end: i + 1 }; }
      depth--;
    }
    if (c === ',' && depth === 0) { args.push(cur); cur = ''; continue; }
    cur += c;
  }
  return undefined;
}

/** Removes C comments (keeping line structure) from the lines of a file. */
function stripComments(lines: string[]): string[] {
  let inBlock = false;
  return lines.map((line) => {
    let out = '';
    for (let i = 0; i < line.length; i++) {
      if (inBlock) {
        if (line[i] === '*' && line[i + 1] === '/') { inBlock = false; i++; out += ' '; }
        continue;
      }
      const c = line[i];
      if (c === '"') { const j = skipString(line, i); out += line.slice(i, j); i = j - 1; continue; }
      if (c === "'") {
        let j = i + 1;
        if (line[j] === '\\') j += 2; else j++;
        if (line[j] === "'") j++;
        out += line.slice(i, j); i = j - 1; continue;
      }
      if (c === '/' && line[i + 1] === '*') { inBlock = true; i++; continue; }
      if (c === '/' && line[i + 1] === '/') break;
      out += c;
    }
    return out;
  });
}

/** Joins backslash-continued lines; each logical line keeps its first physical line number. */
function logicalLines(lines: string[]): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i];
    const first = i + 1;
    while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + lines[++i];
    out.push({ text, line: first });
    // Keep one output line per input line so later line numbers stay right.
    for (let k = first; k < i + 1; k++) out.push({ text: '', line: k + 1 });
  }
  return out;
}

/** C integer expressions for #if (64-bit semantics are not needed for assembly configuration). */
class CondParser {
  private i = 0;
  private readonly toks: string[];
  constructor(text: string) {
    this.toks = text.match(/0[xX][0-9a-fA-F]+[uUlL]*|[0-9]+[uUlL]*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>&|^!~?:()]/g) ?? [];
    const rest = text.replace(/0[xX][0-9a-fA-F]+[uUlL]*|[0-9]+[uUlL]*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>&|^!~?:()]|\s+/g, '');
    if (rest) throw new Error(`unexpected '${rest[0]}'`);
  }
  parse(): number {
    const v = this.ternary();
    if (this.i < this.toks.length) throw new Error(`unexpected '${this.toks[this.i]}'`);
    return v;
  }
  private peek(): string | undefined { return this.toks[this.i]; }
  private take(t: string): boolean { if (this.toks[this.i] === t) { this.i++; return true; } return false; }
  private ternary(): number {
    const c = this.binary(0);
    if (!this.take('?')) return c;
    const a = this.ternary();
    if (!this.take(':')) throw new Error("missing ':'");
    const b = this.ternary();
    return c !== 0 ? a : b;
  }
  private static readonly LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  private binary(level: number): number {
    if (level >= CondParser.LEVELS.length) return this.unary();
    let v = this.binary(level + 1);
    for (;;) {
      const op = this.peek();
      if (!op || !CondParser.LEVELS[level].includes(op)) return v;
      this.i++;
      const r = this.binary(level + 1);
      v = apply(op, v, r);
    }
  }
  private unary(): number {
    const t = this.toks[this.i++];
    if (t === undefined) throw new Error('missing operand');
    if (t === '-') return -this.unary();
    if (t === '+') return this.unary();
    if (t === '!') return this.unary() === 0 ? 1 : 0;
    if (t === '~') return ~this.unary();
    if (t === '(') { const v = this.ternary(); if (!this.take(')')) throw new Error("missing ')'"); return v; }
    const n = t.replace(/[uUlL]+$/, '');
    if (/^0[xX]/.test(n)) return parseInt(n, 16);
    if (/^0[0-7]+$/.test(n)) return parseInt(n, 8);
    if (/^[0-9]+$/.test(n)) return parseInt(n, 10);
    throw new Error(`unexpected '${t}'`);
  }
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '||': return a || b ? 1 : 0;
    case '&&': return a && b ? 1 : 0;
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': if (b === 0) throw new Error('division by zero'); return Math.trunc(a / b);
    default: if (b === 0) throw new Error('division by zero'); return a % b;
  }
}
