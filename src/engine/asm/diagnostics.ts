/**
 * Diagnostics: what the assembler reports about a program, with exact source ranges.
 *
 * Lines and columns are 1-based (the `file:line:col` convention of compilers and of GNU as);
 * `endColumn` is exclusive. An editor converts to its own 0-based positions.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  message: string;
}

/** A source range: where a statement, operand or token came from. */
export interface SourceRange {
  file: string;
  line: number;
  column: number;
  endColumn: number;
}

export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  /** Guards against runaway inputs (a macro that errs a million times) flooding the caller. */
  private static readonly LIMIT = 1000;

  error(at: SourceRange, message: string): void { this.add(at, 'error', message); }
  warning(at: SourceRange, message: string): void { this.add(at, 'warning', message); }

  get errorCount(): number {
    let n = 0;
    for (const d of this.items) if (d.severity === 'error') n++;
    return n;
  }

  private add(at: SourceRange, severity: Severity, message: string): void {
    if (this.items.length >= DiagnosticSink.LIMIT) return;
    const endColumn = Math.max(at.endColumn, at.column + 1);
    this.items.push({ file: at.file, line: at.line, column: at.column, endLine: at.line, endColumn, severity, message });
  }
}

/** `file:line:col: severity: message`, the form compilers print and editors parse. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/** Levenshtein distance, capped: enough to suggest near-miss spellings. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      // Transposition ("lwx" vs "lxw") counts as one edit, the commonest typo.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], prev[j - 1]);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > cap) return cap + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** The closest candidate to `name` (at most 2 edits, or 1 for short names), if any. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = name.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c, limit);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c.length < best.length)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closestName(name, candidates);
  return c ? ` (did you mean '${c}'?)` : '';
}
