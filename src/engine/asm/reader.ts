import { SourceRange } from './diagnostics';

/**
 * The assembler's input: a stack of line sources (files, .include'd files, macro and .rept
 * expansions), each line remembering where it came from, and the split of a line into
 * statements (GNU as: `;` separates statements, `#` starts a comment anywhere, `/* *\/`
 * comments may span lines).
 */

export interface SourceLine {
  text: string;
  file: string;
  line: number;
  /** Lines produced by expansion (macros, .irp) report diagnostics at this range instead. */
  fixed?: SourceRange;
  /** Appended to diagnostics on expanded lines ("in macro 'push' defined at ..."). */
  note?: string;
}

export interface Statement {
  line: SourceLine;
  /** The statement text with comments blanked out (columns preserved). */
  text: string;
  /** Offset of the statement within `line.text`. */
  start: number;
  end: number;
}

export type FrameKind = 'file' | 'macro' | 'rept';

interface Frame {
  kind: FrameKind;
  lines: SourceLine[];
  pos: number;
  inBlockComment: boolean;
  /** Set by .exitm: drop the rest of this macro expansion. */
  exited?: boolean;
  name?: string;
  /** Depth of the .if stack when a macro expansion started (.exitm drops the .ifs it opened). */
  condDepth?: number;
}

export class Reader {
  private readonly frames: Frame[] = [];
  /** Guards against runaway recursion (a macro that invokes itself, a file that includes itself). */
  static readonly MAX_DEPTH = 100;

  get depth(): number { return this.frames.length; }

  push(kind: FrameKind, lines: SourceLine[], name?: string, condDepth?: number): boolean {
    if (this.frames.length >= Reader.MAX_DEPTH) return false;
    this.frames.push({ kind, lines, pos: 0, inBlockComment: false, name, condDepth });
    return true;
  }

  /** Files currently being read (for .include cycle detection). */
  openFiles(): string[] {
    return this.frames.filter((f) => f.kind === 'file').map((f) => f.name ?? '');
  }

  /** The next raw line, or undefined at the end of all input. */
  nextLine(): SourceLine | undefined {
    for (;;) {
      const f = this.frames[this.frames.length - 1];
      if (!f) return undefined;
      if (f.exited || f.pos >= f.lines.length) { this.frames.pop(); continue; }
      return f.lines[f.pos++];
    }
  }

  /** .exitm: abandon the innermost macro expansion; returns the .if depth at its start. */
  exitMacro(): number | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      if (this.frames[i].kind === 'macro') {
        for (let j = i; j < this.frames.length; j++) this.frames[j].exited = true;
        return this.frames[i].condDepth ?? 0;
      }
    }
    return undefined;
  }

  /** .end: stop reading the current file (and anything it is expanding). */
  endFile(): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      this.frames[i].exited = true;
      if (this.frames[i].kind === 'file') return;
    }
  }

  /** Splits a line into statements, tracking block comments across lines of the same frame. */
  statements(line: SourceLine): Statement[] {
    const f = this.frames[this.frames.length - 1];
    const state = { inBlockComment: f ? f.inBlockComment : false };
    const out = splitStatements(line, state);
    if (f) f.inBlockComment = state.inBlockComment;
    return out;
  }
}

/** Splits on `;`, blanks comments. Strings and character constants protect `;`, `#` and `/*`. */
export function splitStatements(line: SourceLine, state: { inBlockComment: boolean }): Statement[] {
  const src = line.text;
  const chars = src.split('');
  const out: Statement[] = [];
  let start = 0;
  let i = 0;
  const n = src.length;
  const push = (end: number): void => {
    const text = chars.slice(start, end).join('');
    if (text.trim() !== '') out.push({ line, text, start, end });
  };
  while (i < n) {
    if (state.inBlockComment) {
      if (src[i] === '*' && src[i + 1] === '/') { chars[i] = ' '; chars[i + 1] = ' '; i += 2; state.inBlockComment = false; continue; }
      chars[i] = ' ';
      i++;
      continue;
    }
    const c = src[i];
    if (c === '"') {
      i++;
      while (i < n && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === "'") {
      i++;
      if (src[i] === '\\') i += 2; else i++;
      if (src[i] === "'") i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') { chars[i] = ' '; chars[i + 1] = ' '; i += 2; state.inBlockComment = true; continue; }
    if (c === '#') { for (let j = i; j < n; j++) chars[j] = ' '; break; }
    if (c === ';') { push(i); start = i + 1; i++; continue; }
    i++;
  }
  push(Math.min(n, chars.length));
  return out;
}

/** Splits source text into lines (LF, CRLF or CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Source lines of a whole file. */
export function fileLines(file: string, text: string): SourceLine[] {
  return splitLines(text).map((t, i) => ({ text: t, file, line: i + 1 }));
}
