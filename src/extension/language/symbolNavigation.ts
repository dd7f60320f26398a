import * as path from 'path';
import { AsmIndex, Range, SymbolDefinition, resolveLocalReference } from './asmIndex';

/**
 * Go to definition, find references and rename over a set of indexed assembly files. A symbol
 * is looked up first in the file itself, then in the files it includes (transitively) and the
 * files that include it, then, for names declared .globl, in every indexed file: that is how
 * the assembler and linker would resolve it. No `vscode` import: unit tests load this directly.
 */

export interface Location { file: string; range: Range }

/** Indexed files by absolute path. */
export type FileIndexes = ReadonlyMap<string, AsmIndex>;

export function resolveInclude(fromFile: string, includePath: string, files: FileIndexes): string | undefined {
  const candidates = path.isAbsolute(includePath) ? [includePath] : [path.resolve(path.dirname(fromFile), includePath)];
  for (const c of candidates) if (files.has(c)) return c;
  // GNU as also searches -I directories; without them, fall back to a unique file of that name.
  const base = path.basename(includePath);
  const byName = [...files.keys()].filter((f) => path.basename(f) === base);
  return byName.length === 1 ? byName[0] : candidates[0];
}

/** The file and every file connected to it by includes, in either direction. */
export function includeGroup(file: string, files: FileIndexes): string[] {
  const seen = new Set<string>([file]);
  const queue = [file];
  while (queue.length) {
    const f = queue.shift()!;
    const idx = files.get(f);
    for (const inc of idx?.includes ?? []) {
      const target = resolveInclude(f, inc.path, files);
      if (target && !seen.has(target)) { seen.add(target); queue.push(target); }
    }
    for (const [other, oidx] of files) {
      if (seen.has(other)) continue;
      if (oidx.includes.some((inc) => resolveInclude(other, inc.path, files) === f)) { seen.add(other); queue.push(other); }
    }
  }
  return [...seen];
}

/** Files where `name` resolves to the same symbol as in `file`. */
function scopeOf(file: string, name: string, files: FileIndexes): string[] {
  const group = includeGroup(file, files);
  const isGlobal = group.some((f) => files.get(f)?.globals.has(name));
  if (!isGlobal) return group;
  const out = new Set(group);
  for (const [f, idx] of files) if (idx.globals.has(name) || idx.definitions.some((d) => d.name === name)) out.add(f);
  // Files that only reference a global defined elsewhere also belong to its scope.
  for (const [f, idx] of files) if (idx.references.some((r) => r.name === name) && !idx.definitions.some((d) => d.name === name)) out.add(f);
  return [...out];
}

function toLocation(file: string, d: SymbolDefinition): Location { return { file, range: d.range }; }

/** Where the symbol at (line, character) named `name` is defined. */
export function findDefinition(files: FileIndexes, file: string, name: string, line: number, character: number): Location[] {
  const idx = files.get(file);
  if (!idx) return [];
  if (/^[0-9]+[fb]$/.test(name)) {
    const d = resolveLocalReference(idx, name, line, character);
    return d ? [toLocation(file, d)] : [];
  }
  if (/^[0-9]+$/.test(name)) {
    const d = idx.definitions.find((x) => x.kind === 'local' && x.range.line === line && x.name === name);
    return d ? [toLocation(file, d)] : [];
  }
  const own = idx.definitions.filter((d) => d.name === name && d.kind !== 'local');
  if (own.length) return own.map((d) => toLocation(file, d));
  const out: Location[] = [];
  for (const f of includeGroup(file, files)) {
    if (f === file) continue;
    for (const d of files.get(f)?.definitions ?? []) if (d.name === name && d.kind !== 'local') out.push(toLocation(f, d));
  }
  if (out.length) return out;
  // A global defined in some other file of the workspace (linked together by a launch config).
  for (const [f, fidx] of files) {
    if (f === file || !fidx.globals.has(name)) continue;
    for (const d of fidx.definitions) if (d.name === name) out.push(toLocation(f, d));
  }
  return out;
}

/** Every use (and, if asked, definition) of the symbol `name` as seen from `file`. */
export function findReferences(files: FileIndexes, file: string, name: string, line: number, character: number, includeDeclaration: boolean): Location[] {
  const idx = files.get(file);
  if (!idx) return [];
  if (/^[0-9]+[fb]?$/.test(name)) {
    // Numeric local labels: the uses that resolve to the same definition, in this file only.
    const target = /[fb]$/.test(name)
      ? resolveLocalReference(idx, name, line, character)
      : idx.definitions.find((d) => d.kind === 'local' && d.name === name && d.range.line === line);
    if (!target) return [];
    const out: Location[] = includeDeclaration ? [toLocation(file, target)] : [];
    for (const r of idx.references) {
      if (!/^[0-9]+[fb]$/.test(r.name) || r.name.slice(0, -1) !== target.name) continue;
      if (resolveLocalReference(idx, r.name, r.range.line, r.range.start) === target) out.push({ file, range: r.range });
    }
    return out;
  }
  const out: Location[] = [];
  for (const f of scopeOf(file, name, files)) {
    const fidx = files.get(f);
    if (!fidx) continue;
    if (includeDeclaration) for (const d of fidx.definitions) if (d.name === name && d.kind !== 'local') out.push(toLocation(f, d));
    for (const r of fidx.references) if (r.name === name) out.push({ file: f, range: r.range });
  }
  return out;
}

export interface RenameResult { edits: Location[]; error?: string }

const SYMBOL_NAME = /^[A-Za-z_.$][A-Za-z0-9_.$]*$/;

/** The ranges to replace to rename the symbol at a position, or why it cannot be renamed. */
export function planRename(files: FileIndexes, file: string, name: string, line: number, character: number, newName: string): RenameResult {
  if (/^[0-9]+[fb]?$/.test(name)) return { edits: [], error: 'Numeric local labels cannot be renamed.' };
  if (!SYMBOL_NAME.test(newName)) return { edits: [], error: `'${newName}' is not a valid symbol name.` };
  if (findDefinition(files, file, name, line, character).length === 0) return { edits: [], error: `'${name}' is not defined in this program.` };
  return { edits: findReferences(files, file, name, line, character, true) };
}

/** Symbols defined in the file and its include group (for completion). */
export function visibleSymbols(files: FileIndexes, file: string): SymbolDefinition[] {
  const out: SymbolDefinition[] = [];
  const seen = new Set<string>();
  for (const f of includeGroup(file, files)) {
    for (const d of files.get(f)?.definitions ?? []) {
      if (d.kind === 'local' || seen.has(d.name)) continue;
      seen.add(d.name);
      out.push(d);
    }
  }
  return out;
}
