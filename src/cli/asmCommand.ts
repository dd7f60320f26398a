import * as fs from 'fs';
import * as path from 'path';
import { AssembleOptions, assemble, formatDiagnostic } from '../engine/asm';
import { disassembleElf } from '../engine/asm/listing';
import { ElfError, isElf, parseElf } from '../engine/loader/elf';
import { PrevirtIndex, readPrevirtNotes, siteComment } from '../engine/loader/previrtNotes';

/**
 * `hyperstep asm` and `hyperstep disasm`: the assembler/linker and the objdump-style listing,
 * headless. Diagnostics print as `file:line:col: error: message`; errors exit 1, usage 2.
 *
 *   hyperstep asm FILES... [-o OUT.elf] [--march rv32imac_zicsr_zifencei_h] [--text-base ADDR]
 *                 [--map FILE] [--lines FILE.json] [--previrtualize]
 *   hyperstep disasm FILE.elf [--no-aliases]
 *
 * A previrtualized ELF's listing shows each rewritten site's original instruction as a comment
 * on the sequence's first line (`# previrtualized: csrr t0,sstatus`).
 */

const EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2;

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: Output = {
  stdout: (t) => { process.stdout.write(t); },
  stderr: (t) => { process.stderr.write(t); },
};

export interface AsmCommandOptions {
  output?: string;
  march?: string;
  textBase?: string;
  /** A linker map file: lines `SECTION = ADDRESS`. */
  map?: string;
  /** Also write the line table (JSON) here. */
  lines?: string;
  /** Rewrite sensitive instructions into the PV `priv` hypercall sequence (docs/PARAVIRT.md). */
  previrtualize?: boolean;
}

function parseAddress(text: string): number | undefined {
  const t = text.trim().replace(/_/g, '');
  if (!/^(0x[0-9a-f]+|[0-9]+)$/i.test(t)) return undefined;
  const n = Number(t);
  return n <= 0xffffffff ? n : undefined;
}

/** Assembles and links FILES into one ELF executable. Returns the exit code. */
export function asmCommand(files: string[], opts: AsmCommandOptions, out: Output = processOutput): number {
  const usage = 'usage: hyperstep asm FILES... [-o OUT.elf] [--march ISA] [--text-base ADDR] [--map FILE] [--lines FILE] [--previrtualize]\n';
  if (files.length === 0) { out.stderr(`hyperstep asm: no input files\n${usage}`); return EXIT_USAGE; }
  const options: AssembleOptions = { march: opts.march, previrtualize: opts.previrtualize === true };
  if (opts.textBase !== undefined) {
    const base = parseAddress(opts.textBase);
    if (base === undefined) { out.stderr(`hyperstep asm: bad --text-base '${opts.textBase}' (use e.g. 0x80000000)\n`); return EXIT_USAGE; }
    options.textBase = base;
  }
  const sources = [];
  for (const f of files) {
    try {
      sources.push({ path: f, text: fs.readFileSync(f, 'utf8') });
    } catch {
      out.stderr(`hyperstep asm: ${f}: cannot read the file\n`);
      return EXIT_ERROR;
    }
  }
  if (opts.map !== undefined) {
    try { options.linkerMap = fs.readFileSync(opts.map, 'utf8'); } catch { out.stderr(`hyperstep asm: ${opts.map}: cannot read the linker map\n`); return EXIT_ERROR; }
  }
  options.readFile = (p) => {
    try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; }
  };
  const result = assemble(sources, options);
  for (const d of result.diagnostics) out.stderr(formatDiagnostic(d) + '\n');
  if (!result.elf) return EXIT_ERROR;
  const output = opts.output ?? defaultOutput(files);
  try {
    fs.writeFileSync(output, result.elf);
    if (opts.lines) fs.writeFileSync(opts.lines, result.lineTable.serialize());
  } catch (e) {
    out.stderr(`hyperstep asm: cannot write ${output}: ${(e as Error).message}\n`);
    return EXIT_ERROR;
  }
  return EXIT_OK;
}

export interface DisasmCommandOptions {
  /** Print canonical instructions only, like objdump -M no-aliases. */
  noAliases?: boolean;
}

/** Prints an objdump -d style listing of an ELF file. Returns the exit code. */
export function disasmCommand(file: string | undefined, opts: DisasmCommandOptions, out: Output = processOutput): number {
  if (!file) { out.stderr('hyperstep disasm: no input file\nusage: hyperstep disasm FILE.elf [--no-aliases]\n'); return EXIT_USAGE; }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch {
    out.stderr(`hyperstep disasm: ${file}: cannot read the file\n`);
    return EXIT_ERROR;
  }
  try {
    if (!isElf(bytes)) throw new ElfError(`${file}: not an ELF file`);
    const image = parseElf(bytes, file);
    const notes = readPrevirtNotes(bytes, image);
    const index = notes && new PrevirtIndex(notes);
    const annotate = index && ((a: number): string | undefined => {
      const site = index.at(a);
      return site && site.address === a ? siteComment(site) : undefined;
    });
    out.stdout(disassembleElf(bytes, { aliases: !opts.noAliases, fileName: file, annotate }));
    return EXIT_OK;
  } catch (e) {
    out.stderr(`hyperstep disasm: ${(e as Error).message}\n`);
    return EXIT_ERROR;
  }
}

/** Default output name for `hyperstep asm main.s`: main.elf beside it. */
export function defaultOutput(files: string[]): string {
  const first = files[0] ?? 'a.s';
  return path.join(path.dirname(first), path.basename(first).replace(/\.[^.]*$/, '') + '.elf');
}
