/**
 * Differential test: every program of test/corpus/{isa,system,hyp} runs on QEMU 7.2 (the oracle)
 * and on Hyperstep; stdout and the exit code must be identical.
 *
 * All building and running happens once in before(), with bounded parallelism (the CI
 * machines have 2 cores), so each `it` only compares stored results.
 *
 * Environment:
 *   HYPERSTEP_CMD   command template replacing `node out/src/cli/main.js run {elf} [--harts N]`;
 *                   {elf}, {harts} and {machine} are substituted. Running the harness against
 *                   QEMU itself checks the harness and the corpus' determinism:
 *                   HYPERSTEP_CMD='qemu-system-riscv32 -M {machine} -bios none -nographic -smp {harts} -kernel {elf}'
 *   CORPUS_FILTER   only programs whose "group/name" contains this text
 *   CORPUS_JOBS     parallel jobs (default: number of CPUs, at least 2)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CorpusProgram,
  ProcessResult,
  buildProgram,
  BuildResult,
  describeOutputDifference,
  discoverPrograms,
  expandCommandTemplate,
  findRepoRoot,
  mapWithLimit,
  runProcess,
} from './corpusBuild';
import { QEMU_CPU } from './qemuCpu';

const repoRoot = findRepoRoot(__dirname);
const corpusDir = path.join(repoRoot, 'test', 'corpus');
const includeDir = path.join(corpusDir, 'include');
const elfDir = path.join(repoRoot, 'out', 'corpus');
const hyperstepCli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');
const requestedJobs = Number(process.env.CORPUS_JOBS);
const jobs = Number.isInteger(requestedJobs) && requestedJobs >= 1 ? requestedJobs : Math.max(2, os.cpus().length);
const filter = process.env.CORPUS_FILTER ?? '';

const programs = discoverPrograms(corpusDir, elfDir).filter((program) =>
  `${program.group}/${program.name}`.includes(filter),
);

interface ProgramOutcome {
  build: BuildResult;
  qemu?: ProcessResult;
  hyperstep?: ProcessResult;
}

function qemuArgv(program: CorpusProgram): string[] {
  const { machine, smp } = program.options;
  const argv = ['qemu-system-riscv32', '-M', machine, '-cpu', QEMU_CPU, '-bios', 'none', '-nographic'];
  if (smp > 1) argv.push('-smp', String(smp));
  argv.push('-kernel', program.elfPath);
  return argv;
}

function hyperstepArgv(program: CorpusProgram): string[] {
  const { machine, smp } = program.options;
  const template = process.env.HYPERSTEP_CMD;
  if (template) return expandCommandTemplate(template, { elf: program.elfPath, harts: smp, machine });
  // QEMU-compatible mode: the few places where QEMU 7.2 contradicts the spec (cpu/quirks.ts).
  const argv = [process.execPath, hyperstepCli, 'run', '--compat', 'qemu-7.2', program.elfPath];
  if (smp > 1) argv.push('--harts', String(smp));
  return argv;
}

async function runBoth(program: CorpusProgram, outcome: ProgramOutcome): Promise<void> {
  const timeoutMs = program.options.timeoutSeconds * 1000;
  const input = program.options.input;
  const [qemuCommand, ...qemuArgs] = qemuArgv(program);
  // QEMU's stdout is compared as is: with -nographic and stdin not a terminal, QEMU 7.2 writes
  // nothing of its own there (no terminal reset, no banner; checked byte for byte), so
  // nothing needs stripping. Its own messages go to stderr.
  outcome.qemu = await runProcess(qemuCommand, qemuArgs, { input, timeoutMs, cwd: repoRoot, stdoutToFile: true });
  // Without a usable reference there is nothing to compare against: do not spend the timeout twice.
  if (outcome.qemu.timedOut || outcome.qemu.spawnError) return;
  if (!process.env.HYPERSTEP_CMD && !fs.existsSync(hyperstepCli)) return;
  const [command, ...args] = hyperstepArgv(program);
  outcome.hyperstep = await runProcess(command, args, { input, timeoutMs, cwd: repoRoot, stdoutToFile: true });
}

function tail(text: string, lines = 15): string {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

function describeRun(label: string, result: ProcessResult, timeoutSeconds: number): string {
  if (result.spawnError) return `${label} could not start: ${result.spawnError}`;
  if (result.timedOut) return `${label} timed out after ${timeoutSeconds}s`;
  if (result.exitCode === null) return `${label} killed by ${result.signal}`;
  return `${label} exit code ${result.exitCode}`;
}

/** Throws an AssertionError naming what differs; mocha also shows the stdout diff. */
function assertSameBehaviour(program: CorpusProgram, outcome: ProgramOutcome): void {
  const { qemu, hyperstep } = outcome;
  const timeout = program.options.timeoutSeconds;
  if (!qemu) throw new Error('QEMU did not run');
  if (qemu.spawnError) throw new Error(`cannot run qemu-system-riscv32: ${qemu.spawnError} (install it with test/setup-tools.sh)`);
  if (qemu.timedOut) {
    throw new Error(
      `corpus bug: ${program.name} did not finish on QEMU within ${timeout}s ` +
        `(every program must exit through the finisher or HTIF); output so far:\n${tail(qemu.stdout) || '(nothing)'}`,
    );
  }
  if (qemu.stdout.length === 0) {
    throw new Error(`corpus bug: ${program.name} printed nothing on QEMU (a program must print what it checks)\n${qemu.stderr}`);
  }
  if (!hyperstep) throw new Error(`Hyperstep CLI missing: ${hyperstepCli} (build it with npx tsc -p .)`);
  const sameOutput = hyperstep.stdout === qemu.stdout;
  const sameExit = !hyperstep.timedOut && hyperstep.exitCode === qemu.exitCode;
  if (sameOutput && sameExit) return;
  const report = [
    `${program.group}/${program.name} behaves differently on Hyperstep`,
    `${describeRun('QEMU', qemu, timeout)}; ${describeRun('Hyperstep', hyperstep, timeout)}`,
  ];
  if (!sameOutput) report.push(describeOutputDifference(qemu.stdout, hyperstep.stdout));
  if (hyperstep.stderr.trim()) report.push(`Hyperstep stderr (last lines):\n${tail(hyperstep.stderr)}`);
  throw new assert.AssertionError({
    message: report.join('\n'),
    expected: qemu.stdout + `[exit ${qemu.exitCode}]`,
    actual: hyperstep.stdout + `[${hyperstep.timedOut ? 'timed out' : `exit ${hyperstep.exitCode}`}]`,
    operator: 'strictEqual',
  });
}

describe('differential corpus: QEMU 7.2 vs Hyperstep', function () {
  const outcomes = new Map<CorpusProgram, ProgramOutcome>();

  before(async function () {
    // Builds are ~50 ms each and runs well under a second; the bound is only for pathologies.
    this.timeout(Math.max(120_000, programs.length * 30_000));
    const builds = await mapWithLimit(programs, jobs, async (program) =>
      program.headerError ? { ok: false, message: program.headerError } : buildProgram(program, includeDir),
    );
    programs.forEach((program, i) => outcomes.set(program, { build: builds[i] }));
    await mapWithLimit(programs, jobs, async (program) => {
      const outcome = outcomes.get(program)!;
      if (outcome.build.ok) await runBoth(program, outcome);
    });
  });

  if (programs.length === 0) {
    it('finds corpus programs', function () {
      assert.fail(`no programs under ${corpusDir}/{isa,system,hyp}${filter ? ` matching "${filter}"` : ''}`);
    });
  }

  for (const program of programs) {
    it(`${program.group}/${program.name}`, function () {
      const outcome = outcomes.get(program);
      if (!outcome) throw new Error('not built (before hook failed)');
      if (!outcome.build.ok) throw new Error(`build failed:\n${outcome.build.message}`);
      assertSameBehaviour(program, outcome);
    });
  }
});
