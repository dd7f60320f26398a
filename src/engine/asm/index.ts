import { ElfImage, parseElf } from '../loader/elf';
import { PREVIRT_SECTION, PrevirtSite, encodePrevirtNotes } from '../loader/previrtNotes';
import { FileAssembler } from './assembler';
import { Diagnostic, DiagnosticSink } from './diagnostics';
import { buildDwarf } from './dwarf';
import { writeElf } from './elfWriter';
import { LineTable } from './lineTable';
import { LinkedSymbol, LinkerMap, OutputSection, gnuLinkerScript, link, parseLinkerMap } from './linker';
import { ObjectFile } from './objectFile';
import { preprocess } from './preprocessor';
import { SourceLine, fileLines } from './reader';
import { Ext } from './syntax';

/**
 * The assembler and linker: GNU-as-compatible RV32IMAC + Zicsr + Zifencei + privileged + H
 * assembly in, an ELF32 executable out, with diagnostics, a symbol list and a line table.
 *
 *   const r = assemble([{ path: 'main.s', text }], { march: 'rv32imac_zicsr_zifencei_h' });
 *   if (r.elf) fs.writeFileSync('main.elf', r.elf); else r.diagnostics.forEach(...)
 *
 * `assemble` never throws: every problem, including internal ones, becomes a diagnostic.
 */

export interface SourceFile { path: string; text: string }

export interface AssembleOptions {
  /** ISA string as for GNU as -march (default rv32imac_zicsr_zifencei_h). Zicsr and Zifencei are always on. */
  march?: string;
  /** Address of .text (default 0x80000000, QEMU virt's DRAM). */
  textBase?: number;
  /** Fixed section addresses: `{ '.data': 0x80100000 }` or text lines `.data = 0x80100000`. */
  linkerMap?: LinkerMap;
  /** Reads a file named by .include / #include that is not among the inputs (the CLI reads disk). */
  readFile?: (path: string) => string | undefined;
  /** Extra #define NAME VALUE for .S files. */
  defines?: Record<string, string>;
  /**
   * Previrtualize (docs/PARAVIRT.md): rewrite each sensitive instruction (supervisor CSR
   * accesses, sret, sfence.vma, wfi) into the `priv` hypercall sequence, and describe every
   * site in a `.hyperstep.previrt` section (absent when there is none).
   */
  previrtualize?: boolean;
}

export interface AssembleResult {
  /** The ELF executable, absent when there were errors. */
  elf?: Uint8Array;
  /** The ELF as the loader sees it (segments, symbols, sections). */
  image?: ElfImage;
  diagnostics: Diagnostic[];
  lineTable: LineTable;
  symbols: LinkedSymbol[];
  sections: OutputSection[];
  entry: number;
  /** With `previrtualize`: every sensitive instruction, rewritten or left native, by address. */
  previrt?: PrevirtSite[];
}

export const DEFAULT_MARCH = 'rv32imac_zicsr_zifencei_h';
export const DEFAULT_TEXT_BASE = 0x80000000;

export { Diagnostic, formatDiagnostic } from './diagnostics';
export { LineTable, LineRow, SourceLocation, LINE_SECTION } from './lineTable';
export { LinkedSymbol, OutputSection, LinkerMap, gnuLinkerScript } from './linker';
export { PrevirtSite, PREVIRT_SECTION } from '../loader/previrtNotes';

/** Parses -march: the extensions Hyperstep assembles for, or an error. */
export function parseMarch(march: string): { extensions: Set<Ext>; error?: string } {
  const extensions = new Set<Ext>(['i', 'zicsr', 'zifencei']);
  const m = /^rv(32|64)([a-z]*)((?:_[a-z][a-z0-9]*)*)$/i.exec(march.trim());
  if (!m) return { extensions: new Set([...extensions, 'm', 'a', 'c', 'h']), error: `bad --march '${march}' (expected something like rv32imac_zicsr_zifencei_h)` };
  if (m[1] === '64') return { extensions, error: `Hyperstep assembles 32-bit RISC-V (rv32...), not '${march}'` };
  const letters = m[2].toLowerCase();
  if (!/^[ieg]/.test(letters)) return { extensions, error: `--march '${march}' must start with rv32i, rv32e or rv32g` };
  for (const c of letters.startsWith('g') ? 'imafd' + letters.slice(1) : letters) {
    if (c === 'm' || c === 'a' || c === 'c' || c === 'h') extensions.add(c);
  }
  for (const ext of m[3].split('_').filter((x) => x !== '')) {
    if (ext.toLowerCase() === 'h') extensions.add('h');
  }
  return { extensions };
}

/** The arch string GNU records in .riscv.attributes for these extensions (ISA spec 20191213). */
export function archString(ext: ReadonlySet<Ext>): string {
  const parts = ['rv32i2p1'];
  if (ext.has('m')) parts.push('m2p0');
  if (ext.has('a')) parts.push('a2p1');
  if (ext.has('c')) parts.push('c2p0');
  if (ext.has('h')) parts.push('h1p0');
  parts.push('zicsr2p0', 'zifencei2p0');
  if (ext.has('m')) parts.push('zmmul1p0');
  return parts.join('_');
}

function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i < 0 ? '' : p.slice(0, i + 1);
}

function normalize(p: string): string {
  const parts: string[] = [];
  const abs = p.startsWith('/');
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return (abs ? '/' : '') + parts.join('/');
}

export function assemble(files: SourceFile[], options: AssembleOptions = {}): AssembleResult {
  const diags = new DiagnosticSink();
  const empty: AssembleResult = { diagnostics: diags.items, lineTable: new LineTable([]), symbols: [], sections: [], entry: 0 };
  try {
    return assembleUnchecked(files ?? [], options ?? {}, diags);
  } catch (e) {
    const where = files?.[0]?.path ?? '<input>';
    diags.error({ file: where, line: 1, column: 1, endColumn: 2 }, `internal assembler error: ${(e as Error)?.message ?? String(e)}`);
    return empty;
  }
}

function assembleUnchecked(files: SourceFile[], options: AssembleOptions, diags: DiagnosticSink): AssembleResult {
  const march = parseMarch(options.march ?? DEFAULT_MARCH);
  const where0 = { file: files[0]?.path ?? '<command line>', line: 1, column: 1, endColumn: 2 };
  if (march.error) diags.error(where0, march.error);
  const textBase = options.textBase ?? DEFAULT_TEXT_BASE;
  if (!Number.isInteger(textBase) || textBase < 0 || textBase > 0xffffffff) diags.error(where0, `bad text base ${textBase}`);
  const map = parseLinkerMap(options.linkerMap, diags);

  const byPath = new Map(files.map((f) => [normalize(f.path), f]));
  const find = (from: string, name: string): { path: string; text: string } | undefined => {
    const candidates = name.startsWith('/') ? [name] : [dirname(from) + name, name];
    for (const c of candidates) {
      const f = byPath.get(normalize(c));
      if (f) return { path: f.path, text: f.text };
    }
    const base = name.replace(/^.*[\\/]/, '');
    const byBase = files.find((f) => f.path.replace(/^.*[\\/]/, '') === base);
    if (byBase) return { path: byBase.path, text: byBase.text };
    for (const c of candidates) {
      const text = options.readFile?.(c);
      if (text !== undefined) return { path: c, text };
    }
    return undefined;
  };

  const rvc = march.extensions.has('c');
  const predefined: Record<string, string> = {
    __riscv: '1', __riscv_xlen: '32', __ASSEMBLER__: '1', __riscv_float_abi_soft: '1', __riscv_cmodel_medlow: '1',
    ...(rvc ? { __riscv_compressed: '1' } : {}),
    ...(march.extensions.has('m') ? { __riscv_mul: '1', __riscv_div: '1', __riscv_muldiv: '1' } : {}),
    ...(march.extensions.has('a') ? { __riscv_atomic: '1' } : {}),
    ...(options.defines ?? {}),
  };

  const objects: ObjectFile[] = [];
  for (const f of files) {
    if (typeof f?.path !== 'string' || typeof f?.text !== 'string') {
      diags.error(where0, 'each input file needs a path and a text');
      continue;
    }
    const lines: SourceLine[] = /\.(S|sx)$/.test(f.path)
      ? preprocess(f.path, f.text, { diagnostics: diags, resolveInclude: find, predefined })
      : fileLines(f.path, f.text);
    const asm = new FileAssembler(f.path, {
      extensions: march.extensions,
      diagnostics: diags,
      resolveInclude: (from, name) => {
        const found = find(from, name);
        return found ? { path: found.path, lines: fileLines(found.path, found.text) } : `cannot find include file '${name}'`;
      },
      previrtualize: options.previrtualize === true,
    });
    objects.push(asm.run(lines));
  }

  const image = link(objects, textBase >>> 0, map, diags);
  const result: AssembleResult = {
    diagnostics: diags.items, lineTable: image.lineTable, symbols: image.symbols, sections: image.sections, entry: image.entry,
    ...(options.previrtualize ? { previrt: image.previrt } : {}),
  };
  if (diags.errorCount > 0) return result;
  if (!image.sections.some((s) => s.flags.alloc && s.size > 0)) {
    diags.error(where0, 'the program is empty: no instructions or data to put in the executable');
    return result;
  }
  // No section when nothing was sensitive: such a program's ELF is byte-identical to a normal build.
  const notes = image.previrt.length ? [{ name: PREVIRT_SECTION, data: encodePrevirtNotes(image.previrt) }] : [];
  result.elf = writeElf(image, image.lineTable.serialize(), archString(march.extensions), buildDwarf(image.lineTable.rows), notes);
  result.image = parseElf(result.elf, files[0]?.path ?? 'a.out');
  return result;
}

/** The GNU ld script matching this linker's layout (for reference builds). */
export function referenceLinkerScript(options: AssembleOptions = {}): string {
  const diags = new DiagnosticSink();
  return gnuLinkerScript(options.textBase ?? DEFAULT_TEXT_BASE, parseLinkerMap(options.linkerMap, diags));
}
