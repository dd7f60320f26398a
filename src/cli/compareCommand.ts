import * as fs from 'fs';
import { COMPARE_MODES, CompareMode, ModeResult, runMode } from '../engine/vmm/modeComparison';
import { compareNotes, compareRows } from './compareTable';
import type { ElfImage } from '../engine/loader/elf';
import { AssemblyError, loadImage, parseSize, UsageError } from './runCommand';

/**
 * `hyperstep compare guest.s --modes nested,shadow,paravirt,previrt`: one guest under each way
 * of virtualizing it, and what each cost, side by side (or as JSON). A progress bar runs on a
 * terminal; the guest's output must be the same in every mode.
 */

const EXIT_USAGE = 2, EXIT_ERROR = 1;

export interface CompareReport {
  guest: string;
  modes: ModeResult[];
  /** Every mode printed what the first printed. */
  sameOutput: boolean;
}

export function compareCommand(files: string[], opts: Record<string, string | boolean | undefined>): number {
  let modes: CompareMode[], image: ElfImage, previrt: ElfImage | undefined;
  let memory: number, vcpus: number, maxInstructions: number;
  try {
    for (const f of files) if (!fs.existsSync(f)) throw new UsageError(`${f}: no such file`);
    modes = String(opts.modes ?? 'nested,shadow,paravirt,previrt').split(',').map((m) => m.trim()) as CompareMode[];
    for (const m of modes) if (!COMPARE_MODES.includes(m)) throw new UsageError(`--modes: unknown mode '${m}' (use ${COMPARE_MODES.join(', ')})`);
    memory = parseSize(String(opts.guestMem ?? '64M'));
    vcpus = Number(opts.vcpus ?? 1);
    if (!Number.isInteger(vcpus) || vcpus < 1 || vcpus > 4) throw new UsageError('--vcpus must be 1..4');
    maxInstructions = Number(opts.maxInsns ?? 2e9);
    image = loadImage(files, undefined);
    if (modes.includes('previrt')) {
      if (!files.every((f) => /\.(s|S|asm)$/.test(f))) throw new UsageError('previrt needs the guest as assembly sources (.s), to previrtualize them');
      previrt = loadImage(files, undefined, true);
    }
  } catch (e) {
    if (e instanceof AssemblyError) { process.stderr.write(e.message + '\n'); return EXIT_ERROR; }
    process.stderr.write(`hyperstep: ${(e as Error).message}\n`);
    if (e instanceof UsageError) { process.stderr.write('usage: hyperstep compare GUEST.s... [--modes bare,nested,shadow,paravirt,previrt] [--vcpus N] [--guest-mem 64M] [--max-insns N] [--ignore REGEX] [--json]\n'); return EXIT_USAGE; }
    return EXIT_ERROR;
  }
  const bar = process.stderr.isTTY ? new ProgressBar(modes) : undefined;
  const results: ModeResult[] = [];
  for (const mode of modes) {
    results.push(runMode(mode, image, previrt, { vcpus, memory, maxInstructions, progress: (m, n) => bar?.update(m, n) }));
    bar?.done(mode, results[results.length - 1].guestInstructions);
  }
  bar?.clear();
  // Lines the guest measures itself (its own timings) may differ between modes: --ignore drops them.
  const ignore = typeof opts.ignore === 'string' ? new RegExp(opts.ignore) : undefined;
  const compared = (out: string): string => (ignore ? out.split('\n').filter((l) => !ignore.test(l)).join('\n') : out);
  const report: CompareReport = { guest: files.join(' '), modes: results, sameOutput: results.every((r) => compared(r.output) === compared(results[0].output)) };
  if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(formatReport(report));
  return results.some((r) => r.exitCode !== 0) || !report.sameOutput ? EXIT_ERROR : 0;
}

/** The table: one column per mode, a row per figure of compareRows (indented: a breakdown). */
export function formatReport(r: CompareReport): string {
  const cols = r.modes.map((m) => m.mode);
  const rows = compareRows(r).map((x) => [x.sub ? `  ${x.label}` : x.label, x.cells] as const);
  const w0 = Math.max(...rows.map(([k]) => k.length)), w = Math.max(10, ...rows.flatMap(([, v]) => v.map((x) => x.length)), ...cols.map((c) => c.length));
  const line = (k: string, v: readonly string[]): string => `${k.padEnd(w0)}  ${v.map((x) => x.padStart(w)).join('  ')}\n`;
  let out = `${r.guest}\n` + line('', cols);
  for (const [k, v] of rows) out += line(k, v);
  for (const note of compareNotes(r)) out += `${note}\n`;
  return out;
}

/** A one-line bar on stderr: the first mode's instruction count is the expected length of the others. */
class ProgressBar {
  private expected = 0;
  constructor(private readonly modes: CompareMode[]) {}
  update(mode: CompareMode, n: number): void {
    const i = this.modes.indexOf(mode) + 1, width = 30;
    const frac = this.expected ? Math.min(1, n / this.expected) : 0;
    const fill = Math.round(frac * width);
    const bar = this.expected ? `${'█'.repeat(fill)}${'░'.repeat(width - fill)} ${(frac * 100).toFixed(0).padStart(3)}%` : `${(n / 1e6).toFixed(1)}M instructions`;
    process.stderr.write(`\r[${i}/${this.modes.length}] ${mode.padEnd(9)} ${bar}\x1b[K`);
  }
  done(_mode: CompareMode, n: number): void { if (!this.expected) this.expected = n; }
  clear(): void { process.stderr.write('\r\x1b[K'); }
}
