import * as fs from 'fs';
import * as path from 'path';
import { assemble, Diagnostic, formatDiagnostic, LINE_SECTION, LineTable } from '../engine/asm';
import { ElfImage, isElf, parseElf } from '../engine/loader/elf';
import type { LaunchConfig } from './launchConfig';
import { readDwarfLines } from './dwarfLines';
import { DebugSymbol, SymbolTable } from './symbolTable';

/**
 * Turns the launch configuration's program into what the debugger needs: the ELF image to load,
 * the line table (from the assembler, or the ELF's `.hyperstep.lines` section), the symbols and
 * the source texts. Assembly errors become a ProgramError listing `file:line:col: message`.
 */

export interface LoadedProgram {
  image: ElfImage;
  /** Address <-> source line; empty when the ELF carries none. */
  lines: LineTable;
  symbols: SymbolTable;
  /** Source texts by absolute path (what was assembled). */
  sources: Map<string, string>;
  /** Assembler warnings, formatted. */
  warnings: string[];
  /** Files the program came from, for restart. */
  files: string[];
}

export class ProgramError extends Error {
  constructor(message: string, readonly diagnostics: string[] = []) {
    super(message);
    this.name = 'ProgramError';
  }
}

const SHF_EXECINSTR = 4, SHN_ABS = 0xfff1;

export function loadProgram(cfg: LaunchConfig): LoadedProgram {
  return cfg.kind === 'assembly' ? assembleProgram(cfg) : loadElf(cfg);
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProgramError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function assembleProgram(cfg: LaunchConfig): LoadedProgram {
  const sources = new Map<string, string>();
  const inputs = cfg.files.map((f) => {
    const text = readText(f);
    sources.set(f, text);
    return { path: f, text };
  });
  const r = assemble(inputs, {
    readFile: (p) => {
      const abs = path.resolve(cfg.cwd, p);
      try {
        const text = fs.readFileSync(abs, 'utf8');
        sources.set(abs, text);
        return text;
      } catch {
        return undefined;
      }
    },
  });
  const errors = r.diagnostics.filter((d: Diagnostic) => d.severity === 'error').map(formatDiagnostic);
  const warnings = r.diagnostics.filter((d: Diagnostic) => d.severity !== 'error').map(formatDiagnostic);
  if (errors.length || !r.image) {
    const list = errors.length ? errors : ['assembly produced no program'];
    throw new ProgramError(`assembly failed:\n${list.join('\n')}`, list);
  }
  return {
    image: r.image, lines: r.lineTable, symbols: symbolsOf(r.image), sources, warnings, files: cfg.files,
  };
}

function loadElf(cfg: LaunchConfig): LoadedProgram {
  const file = cfg.files[0];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new ProgramError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (!isElf(bytes)) throw new ProgramError(`${file}: not an ELF file (give an ELF executable or assembly sources ending in .s or .S)`);
  let image: ElfImage;
  try {
    image = parseElf(bytes, file);
  } catch (e) {
    throw new ProgramError((e as Error).message);
  }
  const sources = new Map<string, string>();
  let lines = new LineTable([]);
  const sec = image.sections.find((s) => s.name === LINE_SECTION);
  if (sec && sec.offset + sec.size <= bytes.length) {
    try {
      const table = LineTable.deserialize(Buffer.from(bytes.subarray(sec.offset, sec.offset + sec.size)).toString('utf8'));
      // Source paths in the table are as the assembler saw them: resolve relative ones against
      // the ELF's directory first, then cwd.
      const resolved = new Map<string, string>();
      for (const f of table.files()) {
        const candidates = path.isAbsolute(f) ? [f] : [path.resolve(path.dirname(file), f), path.resolve(cfg.cwd, f)];
        const found = candidates.find((c) => fs.existsSync(c));
        resolved.set(f, found ? fs.realpathSync(found) : candidates[0]);
      }
      lines = new LineTable(table.rows.map((r) => ({ ...r, file: resolved.get(r.file) ?? r.file })));
    } catch {
      // A damaged line table only costs source mapping; the program still runs.
    }
  }
  if (lines.rows.length === 0) {
    // Built by other tools (gcc -g, as -g): the DWARF line table.
    const rows = readDwarfLines(bytes, image, [path.dirname(file), cfg.cwd]);
    const real = new Map<string, string>();
    for (const r of rows) {
      if (!real.has(r.file)) { try { real.set(r.file, fs.realpathSync(r.file)); } catch { real.set(r.file, r.file); } }
      r.file = real.get(r.file)!;
    }
    lines = new LineTable(rows);
  }
  return { image, lines, symbols: symbolsOf(image), sources, warnings: [], files: cfg.files };
}

export function symbolsOf(image: ElfImage): SymbolTable {
  const list: DebugSymbol[] = [];
  for (const s of image.symbols) {
    if (!s.name || s.type === 'section' || s.type === 'file') continue;
    const sec = image.sections[s.shndx];
    const code = s.type === 'func' || (sec !== undefined && (sec.flags & SHF_EXECINSTR) !== 0);
    list.push({ name: s.name, address: s.value >>> 0, size: s.size, code, global: s.bind !== 'local', absolute: s.shndx === SHN_ABS });
  }
  return new SymbolTable(list);
}
