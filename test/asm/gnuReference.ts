/**
 * The GNU reference for the assembler tests: the asm corpus, building each program with
 * Debian's binutils-riscv64-unknown-elf (as -mno-relax, ld --no-relax with the linker script
 * our linker mirrors), and reading allocated sections out of ELF files.
 *
 * Reference command, per program:
 *   riscv64-unknown-elf-gcc -E -x assembler-with-cpp -march=MARCH -mabi=ilp32 F.S > F.i   (.S only)
 *   riscv64-unknown-elf-as -march=MARCH -mabi=ilp32 -mno-relax F.s -o F.o
 *   riscv64-unknown-elf-ld -m elf32lriscv --no-relax -T link.ld F1.o F2.o ... -o ref.elf
 * where link.ld is `referenceLinkerScript(options)`.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssembleOptions, DEFAULT_MARCH, referenceLinkerScript } from '../../src/engine/asm';
import { parseElf } from '../../src/engine/loader/elf';

export const TOOLS = {
  as: 'riscv64-unknown-elf-as',
  ld: 'riscv64-unknown-elf-ld',
  gcc: 'riscv64-unknown-elf-gcc',
  objdump: 'riscv64-unknown-elf-objdump',
};

let missingCache: string | undefined | null = null;

/** Why the reference cannot run, or undefined when every tool is installed. */
export function toolchainProblem(): string | undefined {
  if (missingCache !== null) return missingCache;
  const missing = Object.values(TOOLS).filter((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status !== 0);
  missingCache = missing.length
    ? `GNU RISC-V toolchain not found (${missing.join(', ')}): install Debian's binutils-riscv64-unknown-elf and gcc-riscv64-unknown-elf (bash test/setup-tools.sh)`
    : undefined;
  return missingCache;
}

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root');
    dir = up;
  }
  return dir;
}

export const CORPUS_DIR = (): string => path.join(repoRoot(), 'test', 'asm', 'corpus');

export interface CorpusProgram {
  name: string;
  /** Source files, linked in this order. */
  files: string[];
  options: AssembleOptions;
}

/**
 * Header options, on a line of the first file: `asm-test: march=rv32ima text-base=0x80200000
 * map=.data=0x80100000,.bss=0x80200000`.
 */
export function readOptions(text: string): AssembleOptions {
  const m = /asm-test:(.*)$/m.exec(text);
  const opts: AssembleOptions = {};
  if (!m) return opts;
  for (const [, key, value] of m[1].matchAll(/([a-z-]+)=(\S+)/g)) {
    if (key === 'march') opts.march = value;
    else if (key === 'text-base') opts.textBase = Number(value);
    else if (key === 'map') {
      const map: Record<string, number> = {};
      for (const pair of value.split(',')) { const [k, v] = pair.split('='); map[k] = Number(v); }
      opts.linkerMap = map;
    }
  }
  return opts;
}

/** Every program of the corpus: top-level .s/.S files, and directories of files linked together. */
export function listCorpus(dir = CORPUS_DIR()): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  for (const entry of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (entry === 'include') continue;
    if (fs.statSync(full).isDirectory()) {
      const files = fs.readdirSync(full).filter((f) => /\.(s|S)$/.test(f)).sort().map((f) => path.join(full, f));
      if (files.length) out.push({ name: entry, files, options: readOptions(fs.readFileSync(files[0], 'utf8')) });
    } else if (/\.(s|S)$/.test(entry)) {
      out.push({ name: entry, files: [full], options: readOptions(fs.readFileSync(full, 'utf8')) });
    }
  }
  return out;
}

/** Reads include files from disk, as the CLI does. */
export function readFileFromDisk(p: string): string | undefined {
  try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; }
}

/** Builds a program with GNU as + ld; throws with the tools' messages on failure. */
export function buildReference(prog: CorpusProgram, work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-asm-'))): Uint8Array {
  const march = prog.options.march ?? DEFAULT_MARCH;
  const objects: string[] = [];
  const run = (tool: string, args: string[]): void => {
    const r = spawnSync(tool, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
  };
  prog.files.forEach((file, i) => {
    let src = file;
    if (file.endsWith('.S')) {
      src = path.join(work, `${i}.i`);
      // gcc's driver does not know the H extension; it changes nothing the preprocessor defines here.
      const cppMarch = march.replace(/_h(?=_|$)/, '');
      run(TOOLS.gcc, ['-E', '-x', 'assembler-with-cpp', `-march=${cppMarch}`, '-mabi=ilp32', '-I', path.dirname(file), file, '-o', src]);
    }
    const obj = path.join(work, `${i}.o`);
    run(TOOLS.as, [`-march=${march}`, '-mabi=ilp32', '-mno-relax', '-I', path.dirname(file), src, '-o', obj]);
    objects.push(obj);
  });
  const script = path.join(work, 'link.ld');
  fs.writeFileSync(script, referenceLinkerScript(prog.options));
  const elf = path.join(work, 'ref.elf');
  run(TOOLS.ld, ['-m', 'elf32lriscv', '--no-relax', '--no-warn-rwx-segments', '-T', script, ...objects, '-o', elf]);
  return new Uint8Array(fs.readFileSync(elf));
}

export interface SectionBytes { name: string; addr: number; size: number; hex: string }

/** Allocated sections of an ELF: name, address, size and contents (empty for .bss-like). */
export function allocatedSections(elf: Uint8Array): SectionBytes[] {
  const img = parseElf(elf, 'elf');
  return img.sections
    .filter((s) => (s.flags & 2) !== 0)
    .map((s) => ({ name: s.name, addr: s.addr, size: s.size, hex: s.type === 8 ? '' : Buffer.from(elf.subarray(s.offset, s.offset + s.size)).toString('hex') }));
}

/**
 * Differences between two ELF files' allocated sections, in words: which section, its address
 * and size, the first differing address and the bytes there. Undefined when identical.
 */
export function describeDifferences(ours: Uint8Array, ref: Uint8Array): string | undefined {
  const a = allocatedSections(ours), b = allocatedSections(ref);
  const lines: string[] = [];
  const names = [...new Set([...a.map((s) => s.name), ...b.map((s) => s.name)])];
  for (const name of names) {
    const x = a.find((s) => s.name === name), y = b.find((s) => s.name === name);
    if (!x || !y) { lines.push(`${name}: only in ${x ? 'ours' : 'GNU'}`); continue; }
    if (x.addr !== y.addr || x.size !== y.size) lines.push(`${name}: ours at 0x${x.addr.toString(16)} (${x.size} bytes), GNU at 0x${y.addr.toString(16)} (${y.size} bytes)`);
    if (x.hex !== y.hex) {
      let i = 0;
      while (i < x.hex.length && x.hex[i] === y.hex[i]) i++;
      const off = Math.floor(i / 2) & ~1;
      lines.push(`${name}: first difference at 0x${(y.addr + off).toString(16)}: ours ${x.hex.slice(off * 2, off * 2 + 16)} GNU ${y.hex.slice(off * 2, off * 2 + 16)}`);
    }
  }
  return lines.length ? lines.join('\n') : undefined;
}

/** objdump -d output of an ELF file (optionally with -M no-aliases). */
export function objdump(elfPath: string, noAliases: boolean): string {
  return execFileSync(TOOLS.objdump, ['-d', ...(noAliases ? ['-M', 'no-aliases'] : []), elfPath], { encoding: 'utf8' });
}
