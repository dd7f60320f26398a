/**
 * `npm run bench`: the examples/compare workloads under every way of virtualizing them, through
 * the same code as `hyperstep compare` (runMode, formatReport), and the afterburning table built
 * from the guests' own timing lines (docs/COMPARE.md shows these figures).
 */
import * as fs from 'fs';
import * as path from 'path';
import { assemble, formatDiagnostic } from '../src/engine/asm';
import { CompareReport, formatReport } from '../src/cli/compareCommand';
import type { ElfImage } from '../src/engine/loader/elf';
import { WALK_REFERENCE_COST } from '../src/engine/vmm/costModel';
import { CompareMode, ModeResult, runMode } from '../src/engine/vmm/modeComparison';

const DIR = path.resolve(__dirname, '..', '..', 'examples', 'compare');

function build(file: string, previrtualize = false): ElfImage {
  const r = assemble([{ path: file, text: fs.readFileSync(file, 'utf8') }], { previrtualize });
  if (!r.image) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.image;
}

/** `hyperstep compare FILE --modes ...` in-process: the report and its table. */
export function compareWorkload(name: string, modes: CompareMode[]): CompareReport {
  const file = path.join(DIR, name);
  const image = build(file), previrt = modes.includes('previrt') ? build(file, true) : undefined;
  const results = modes.map((m) => runMode(m, image, previrt));
  return { guest: `examples/compare/${name}`, modes: results, sameOutput: results.every((r) => r.output === results[0].output) };
}

/** The table's own rows do not include the modeled walk time: one more line for it. */
function walkLine(r: CompareReport): string {
  const cells = r.modes.map((m) => `${m.mode} ${((m.ticks + m.walkTicks) / 10).toFixed(1)}`);
  return `guest time + walk references (us, ${WALK_REFERENCE_COST} instruction times each): ${cells.join(', ')}\n`;
}

function nsPer(m: ModeResult, label: string): string {
  const x = new RegExp(`^${label}: (\\d+) ns per`, 'm').exec(m.output);
  if (!x || m.exitCode !== 0) throw new Error(`${m.mode}: no ${label} timing (exit ${m.exitCode}, ${m.problem ?? ''}):\n${m.output}`);
  return x[1];
}

export function compareFigures(): void {
  const all: CompareMode[] = ['bare', 'nested', 'shadow', 'paravirt', 'previrt'];
  for (const [name, modes] of [['pt-update.s', all], ['tlb-miss.s', all]] as [string, CompareMode[]][]) {
    const r = compareWorkload(name, modes);
    process.stdout.write(formatReport(r) + walkLine(r) + '\n');
  }
  const k = compareWorkload('syscall-ctxsw.s', ['bare', 'nested', 'shadow', 'previrt']);
  process.stdout.write(formatReport(k) + '(the guest prints its own timing lines, which differ by design)\n\n');
  const pv = compareWorkload('syscall-ctxsw-pv.s', ['paravirt']).modes[0];
  const by = (m: string): ModeResult => k.modes.find((x) => x.mode === m)!;
  const cols: [string, ModeResult][] = [['native (bare)', by('bare')], ['hand PV', pv], ['previrtualized', by('previrt')],
    ['full virt. (shadow)', by('shadow')], ['nested (H)', by('nested')]];
  console.log('afterburning table: time per operation in ns, as the guest measured it with rdtime');
  console.log(`${''.padEnd(8)}${cols.map(([c]) => c.padStart(20)).join('')}`);
  for (const [row, label] of [['syscall', 'syscall'], ['ctxsw', 'ctxsw']]) {
    console.log(`${row.padEnd(8)}${cols.map(([, m]) => nsPer(m, label).padStart(20)).join('')}`);
  }
  console.log(`${'exits'.padEnd(8)}${cols.map(([, m]) => String(m.totalExits).padStart(20)).join('')}`);
}
