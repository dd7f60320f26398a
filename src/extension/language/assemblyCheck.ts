import * as path from 'path';
import { AssembleResult, assemble } from '../../engine/asm/index';

/**
 * Assembles a program (one or more source files) the way the debugger will, and returns the
 * assembler's diagnostics grouped by file in editor coordinates (0-based, end exclusive).
 * Used for problems as you type and for the check before a launch. No `vscode` import.
 */

export interface EditorDiagnostic {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface ProgramCheck {
  /** Diagnostics by absolute file path (every input file has an entry, possibly empty). */
  byFile: Map<string, EditorDiagnostic[]>;
  errorCount: number;
  result: AssembleResult;
}

export const ASSEMBLY_EXTENSIONS = ['.s', '.S', '.asm', '.sx'];

export function isAssemblySource(file: string): boolean {
  return ASSEMBLY_EXTENSIONS.includes(path.extname(file));
}

/**
 * @param files absolute paths of the program's source files, in link order
 * @param read  the current text of a file (an open editor's buffer, else disk), or undefined
 */
export function checkProgram(files: readonly string[], read: (file: string) => string | undefined): ProgramCheck {
  const byFile = new Map<string, EditorDiagnostic[]>();
  const sources = files.map((f) => ({ path: f, text: read(f) ?? '' }));
  for (const f of files) byFile.set(f, []);
  const result = assemble(sources, { readFile: (p) => read(path.resolve(p)) });
  let errorCount = 0;
  for (const d of result.diagnostics) {
    const file = path.resolve(d.file);
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    if (d.severity === 'error') errorCount++;
    const line = Math.max(0, d.line - 1);
    list.push({
      line, character: Math.max(0, d.column - 1), endLine: Math.max(line, (d.endLine ?? d.line) - 1), endCharacter: Math.max(0, d.endColumn - 1),
      severity: d.severity, message: d.message,
    });
  }
  for (const f of files) {
    if (read(f) === undefined) {
      errorCount++;
      byFile.get(f)!.push({ line: 0, character: 0, endLine: 0, endCharacter: 0, severity: 'error', message: `cannot read ${f}` });
    }
  }
  return { byFile, errorCount, result };
}

/** `gcd.s:3:5: message` for the first error, to put in a notification. */
export function firstErrorText(check: ProgramCheck): string | undefined {
  for (const [file, list] of check.byFile) {
    const e = list.find((d) => d.severity === 'error');
    if (e) return `${path.basename(file)}:${e.line + 1}:${e.character + 1}: ${e.message}`;
  }
  return undefined;
}

/**
 * The files assembled together with `file`: the `program` list of a launch configuration that
 * names it (so symbols defined in a sibling file are not reported undefined), else the file alone.
 */
export function programGroupFor(file: string, launchPrograms: ReadonlyArray<readonly string[]>): string[] {
  for (const group of launchPrograms) {
    if (group.length > 1 && group.includes(file) && group.every(isAssemblySource)) return [...group];
  }
  return [file];
}
