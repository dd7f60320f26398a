/**
 * Discovery, building and running of the differential corpus (test/corpus/{isa,system,hyp}).
 *
 * Kept apart from the mocha file so the pieces (header parsing, the process runner, the pool)
 * stay small and testable, and so other suites can reuse them.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The corpus groups the differential suite runs, in this order. */
export const CORPUS_GROUPS = ['isa', 'system', 'hyp'] as const;

export type Machine = 'virt' | 'spike';

/** Per-program options from the `HYPERSTEP-TEST:` header line (see test/corpus/README.md). */
export interface ProgramOptions {
  march: string;
  machine: Machine;
  smp: number;
  /** Bytes fed to stdin of both emulators (already unescaped). */
  input: string;
  timeoutSeconds: number;
  cflags: string[];
}

export interface CorpusProgram {
  group: string;
  /** File name without extension; unique within its group. */
  name: string;
  sourcePath: string;
  elfPath: string;
  options: ProgramOptions;
  /** A malformed header is reported as that program's failure, not as a suite crash. */
  headerError?: string;
}

export const DEFAULT_OPTIONS: Readonly<ProgramOptions> = {
  march: 'rv32imac_zicsr_zifencei',
  machine: 'virt',
  smp: 1,
  input: '',
  timeoutSeconds: 10,
  cflags: [],
};

/** The repository root: the nearest ancestor of `from` holding package.json. */
export function findRepoRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

/** Decodes C escapes (\n \t \r \\ \" \' \0 \a \b \e \xHH \ooo) in a header value. */
export function unescapeC(text: string): string {
  const simple: Record<string, string> = {
    n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', e: '\x1b',
    f: '\f', v: '\v',
  };
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (whole, esc: string) => {
    if (esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
    const mapped = simple[esc];
    if (mapped === undefined) throw new Error(`unknown escape ${whole}`);
    return mapped;
  });
}

/**
 * Splits `key=value key="value with spaces"` into pairs. Quoted values keep their escapes
 * (\" included) for the key's own decoding.
 */
function splitHeaderPairs(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const pairPattern = /([A-Za-z][\w-]*)=("((?:[^"\\]|\\.)*)"|\S*)/y;
  let pos = 0;
  while (pos < text.length) {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
    if (pos >= text.length) break;
    pairPattern.lastIndex = pos;
    const match = pairPattern.exec(text);
    if (!match) throw new Error(`cannot parse header at "${text.slice(pos)}"`);
    pairs.push([match[1], match[3] !== undefined ? match[3] : match[2]]);
    pos = pairPattern.lastIndex;
  }
  return pairs;
}

/**
 * Reads the options from a `HYPERSTEP-TEST:` line within the first 10 lines. Comment
 * decorations around the line (`#`, `//`, `/*`, `*\/`) are ignored.
 */
export function parseProgramOptions(source: string): ProgramOptions {
  const options: ProgramOptions = { ...DEFAULT_OPTIONS, cflags: [] };
  const headerLine = source.split('\n').slice(0, 10).find((line) => line.includes('HYPERSTEP-TEST:'));
  if (headerLine === undefined) return options;
  const body = headerLine
    .slice(headerLine.indexOf('HYPERSTEP-TEST:') + 'HYPERSTEP-TEST:'.length)
    .replace(/\*\/\s*$/, '');
  for (const [key, value] of splitHeaderPairs(body)) {
    switch (key) {
      case 'march':
        if (!/^rv32[a-z0-9_]+$/.test(value)) throw new Error(`march must be an rv32 string: ${value}`);
        options.march = value;
        break;
      case 'machine':
        if (value !== 'virt' && value !== 'spike') throw new Error(`machine must be virt or spike: ${value}`);
        options.machine = value;
        break;
      case 'smp': {
        const harts = Number(value);
        if (!Number.isInteger(harts) || harts < 1 || harts > 8) throw new Error(`smp must be 1..8: ${value}`);
        options.smp = harts;
        break;
      }
      case 'input':
        options.input = unescapeC(value);
        break;
      case 'timeout': {
        const seconds = Number(value);
        if (!(seconds > 0)) throw new Error(`timeout must be a positive number of seconds: ${value}`);
        options.timeoutSeconds = seconds;
        break;
      }
      case 'cflags':
        options.cflags = value.split(/\s+/).filter((flag) => flag.length > 0);
        break;
      default:
        throw new Error(`unknown HYPERSTEP-TEST key "${key}"`);
    }
  }
  return options;
}

/** Lists every *.S and *.c program of the groups, sorted, with its parsed options. */
export function discoverPrograms(corpusDir: string, elfDir: string): CorpusProgram[] {
  const programs: CorpusProgram[] = [];
  for (const group of CORPUS_GROUPS) {
    const groupDir = path.join(corpusDir, group);
    if (!fs.existsSync(groupDir)) continue;
    const files = fs.readdirSync(groupDir).filter((file) => /\.(S|c)$/.test(file)).sort();
    for (const file of files) {
      const sourcePath = path.join(groupDir, file);
      const name = file.replace(/\.(S|c)$/, '');
      const program: CorpusProgram = {
        group,
        name,
        sourcePath,
        elfPath: path.join(elfDir, group, `${name}.elf`),
        options: { ...DEFAULT_OPTIONS, cflags: [] },
      };
      try {
        program.options = parseProgramOptions(fs.readFileSync(sourcePath, 'latin1'));
      } catch (error) {
        program.headerError = `${sourcePath}: bad HYPERSTEP-TEST header: ${(error as Error).message}`;
      }
      programs.push(program);
    }
  }
  return programs;
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  /** The exit code, or null when the process was killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when the command could not be started at all (ENOENT, EACCES, ...). */
  spawnError?: string;
  elapsedMs: number;
}

let captureFileCounter = 0;

/**
 * Runs a command, collecting stdout/stderr as latin1 so every byte survives the comparison.
 * Killed with SIGKILL at the timeout.
 *
 * stdin: without `input` it is /dev/null. With `input` (even '') the bytes are written to a
 * pipe that stays OPEN until the process exits: QEMU 7.2 with -nographic drops guest UART
 * output when its stdin pipe reaches EOF while the guest is printing (seen as missing
 * characters in about 1 run in 5), so the emulators never see EOF.
 *
 * stdout: with `stdoutToFile`, stdout is a temporary regular file read back after exit. QEMU
 * writes its UART output non-blocking; into a pipe on a loaded machine it occasionally loses
 * the last characters before a finisher exit (about 1 run in 200), into a file never.
 */
export function runProcess(
  command: string,
  args: string[],
  options: { input?: string; timeoutMs: number; cwd?: string; stdoutToFile?: boolean },
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const stdoutChunks: Buffer[] = [];
    const stderrChunks: Buffer[] = [];
    let timedOut = false;
    let spawnError: string | undefined;
    const stdinMode = options.input === undefined ? 'ignore' : 'pipe';
    const captureFile = options.stdoutToFile
      ? path.join(os.tmpdir(), `hyperstep-corpus-${process.pid}-${captureFileCounter++}.out`)
      : undefined;
    const captureFd = captureFile === undefined ? undefined : fs.openSync(captureFile, 'w');
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: [stdinMode, captureFd ?? 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => stdoutChunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderrChunks.push(chunk));
    child.on('error', (error) => {
      spawnError = error.message;
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      child.stdin?.destroy();
      if (captureFile !== undefined && captureFd !== undefined) {
        fs.closeSync(captureFd);
        stdoutChunks.push(fs.readFileSync(captureFile));
        fs.rmSync(captureFile, { force: true });
      }
      resolve({
        stdout: Buffer.concat(stdoutChunks).toString('latin1'),
        stderr: Buffer.concat(stderrChunks).toString('latin1'),
        exitCode,
        signal,
        timedOut,
        spawnError,
        elapsedMs: Date.now() - started,
      });
    });
    if (child.stdin) {
      // A guest that exits before reading all its input closes the pipe under us: not an error.
      child.stdin.on('error', () => undefined);
      if (options.input) child.stdin.write(Buffer.from(options.input, 'latin1'));
    }
  });
}

/** Maps items through an async function with at most `limit` calls in flight; keeps order. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

const CROSS_GCC = 'riscv64-unknown-elf-gcc';

/**
 * libgcc for an RV32 march. GCC picks multilibs by exact -march string, so
 * `rv32imac_zicsr_zifencei` would fall back to the rv64 default library; ask with the
 * single-letter base instead (rv32imac -> rv32imac/ilp32).
 */
const libgccByMarch = new Map<string, Promise<string>>();
function libgccFor(march: string): Promise<string> {
  const base = march.split('_')[0];
  let cached = libgccByMarch.get(base);
  if (!cached) {
    cached = runProcess(CROSS_GCC, [`-march=${base}`, '-mabi=ilp32', '-print-libgcc-file-name'], {
      timeoutMs: 30_000,
    }).then((result) => {
      const file = result.stdout.trim();
      // An unknown combination falls back to the (rv64) default: use the plain rv32i one.
      return /rv32/.test(file) ? file : file.replace(/libgcc\.a$/, 'rv32i/ilp32/libgcc.a');
    });
    libgccByMarch.set(base, cached);
  }
  return cached;
}

export interface BuildResult {
  ok: boolean;
  /** The compiler's output (errors and warnings), for the failure message. */
  message: string;
}

/**
 * Compiles and links one program: *.S on its own, *.c with crt0.S and libgcc. The ELF is
 * linked under a temporary name and renamed into place, so another run of this suite in the
 * same tree (they share out/corpus) never sees a half-written or missing file.
 */
export async function buildProgram(program: CorpusProgram, includeDir: string): Promise<BuildResult> {
  fs.mkdirSync(path.dirname(program.elfPath), { recursive: true });
  const temporaryElf = `${program.elfPath}.${process.pid}.tmp`;
  const { march, cflags } = program.options;
  const isC = program.sourcePath.endsWith('.c');
  const args = [
    `-march=${march}`,
    '-mabi=ilp32',
    '-mcmodel=medany',
    '-static',
    '-nostdlib',
    '-nostartfiles',
    '-g',
    `-I${includeDir}`,
    `-T${path.join(includeDir, 'link.ld')}`,
    '-Wl,--no-warn-rwx-segments',
  ];
  if (isC) args.push('-O2', '-Wall', '-ffreestanding', '-fno-builtin');
  args.push(...cflags, '-o', temporaryElf);
  if (isC) args.push(path.join(includeDir, 'crt0.S'));
  args.push(program.sourcePath);
  if (isC) args.push(await libgccFor(march));
  const result = await runProcess(CROSS_GCC, args, { timeoutMs: 60_000 });
  const ok = result.exitCode === 0 && !result.spawnError && fs.existsSync(temporaryElf);
  if (ok) fs.renameSync(temporaryElf, program.elfPath);
  else fs.rmSync(temporaryElf, { force: true });
  const message = result.spawnError
    ? `cannot run ${CROSS_GCC}: ${result.spawnError} (install it with test/setup-tools.sh)`
    : `${CROSS_GCC} ${args.join(' ')}\n${result.stderr}${result.stdout}`;
  return { ok, message };
}

/**
 * Splits a command template into argv, substituting {elf}, {harts} and {machine}. Words are
 * separated by whitespace; there is no quoting, so paths with spaces are not supported.
 */
export function expandCommandTemplate(template: string, values: { elf: string; harts: number; machine: Machine }): string[] {
  return template
    .trim()
    .split(/\s+/)
    .map((word) =>
      word.replace(/\{elf\}/g, values.elf).replace(/\{harts\}/g, String(values.harts)).replace(/\{machine\}/g, values.machine),
    );
}

/**
 * A readable report of where two outputs diverge: the first differing line with a few lines
 * of context from each side, control characters made visible.
 */
export function describeOutputDifference(expected: string, actual: string, contextLines = 3): string {
  const visible = (line: string): string =>
    JSON.stringify(line).slice(1, -1);
  const expectedLines = expected.split('\n');
  const actualLines = actual.split('\n');
  let first = 0;
  while (first < expectedLines.length && first < actualLines.length && expectedLines[first] === actualLines[first]) first++;
  const from = Math.max(0, first - contextLines);
  const show = (lines: string[], marker: string): string =>
    lines
      .slice(from, first + contextLines + 1)
      .map((line, i) => `${from + i === first ? marker : ' '} ${String(from + i + 1).padStart(4)} | ${visible(line)}`)
      .join('\n');
  return [
    `first difference at line ${first + 1}`,
    `QEMU (expected):`,
    show(expectedLines, '-'),
    `Hyperstep (actual):`,
    show(actualLines, '+'),
  ].join('\n');
}
