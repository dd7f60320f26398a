import * as fs from 'fs';
import { assemble, AssembleResult } from '../engine/asm/index';
import type { ElfImage } from '../engine/loader/elf';
import { COMPARE_MODES, CompareMode, ModeResult, runMode } from '../engine/vmm/modeComparison';
import type { CompareReport } from '../cli/compareCommand';
import type { CompareDiagnostic, CompareModeResult, CompareReportData, CompareRequest, CompareWorkerMessage } from './compareProtocol';

/**
 * The child process behind "Hyperstep: Compare Virtualization Modes" (dist/compareWorker.js,
 * forked by compareModes.ts with the editor's own Node): assembles the guest, runs it under each
 * mode with engine/vmm/modeComparison.ts `runMode`, as `hyperstep compare` does, and reports
 * progress and the result over IPC, so the editor stays responsive however long the guest runs.
 * A guest that does not assemble is reported with its diagnostics; a mode that cannot run is
 * reported in its column instead of ending the comparison. vscode-free.
 */

// The report is the CLI's `--json` shape: this fails to compile if the two drift apart, either
// way (a field the protocol lacks would never reach the webview).
const sameShape = (r: CompareReport): CompareReportData => r;
type FieldsTheProtocolLacks = Exclude<keyof ModeResult, keyof CompareModeResult>;
const everyField: [FieldsTheProtocolLacks] extends [never] ? true : FieldsTheProtocolLacks = true;
void sameShape; void everyField;

const ZERO_EXITS: Record<string, number> = {};

export function runComparison(req: CompareRequest, send: (m: CompareWorkerMessage) => void): void {
  const read = (p: string): string | undefined => {
    if (req.texts && p in req.texts) return req.texts[p];
    try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; }
  };
  const build = (previrtualize: boolean): AssembleResult => assemble(req.files.map((f) => ({ path: f, text: read(f) ?? '' })), { previrtualize, readFile: read });
  for (const f of req.files) {
    if (read(f) === undefined) { send({ type: 'error', message: `cannot read ${f}` }); return; }
  }
  const normal = build(false);
  const errors = normal.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !normal.image) { send({ type: 'assembly-error', diagnostics: normal.diagnostics.map(diagnostic) }); return; }
  let previrt: ElfImage | undefined, previrtProblem: string | undefined;
  if (req.modes.includes('previrt')) {
    const p = build(true);
    if (p.image) previrt = p.image;
    else previrtProblem = `the previrtualized build failed: ${p.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('; ')}`;
  }
  const modes: CompareModeResult[] = [];
  req.modes.forEach((mode, index) => {
    const progress = (instructions: number, done: boolean): void => send({ type: 'progress', mode, index, of: req.modes.length, instructions, done });
    progress(0, false);
    let result: CompareModeResult;
    try {
      if (!COMPARE_MODES.includes(mode as CompareMode)) throw new Error(`unknown mode '${mode}'`);
      if (mode === 'previrt' && !previrt) throw new Error(previrtProblem ?? 'no previrtualized build');
      const r: ModeResult = runMode(mode as CompareMode, normal.image!, previrt, {
        vcpus: req.vcpus, memory: req.memory, maxInstructions: req.maxInstructions, progress: (_m, n) => progress(n, false),
      });
      result = r;
    } catch (e) {
      result = failedMode(mode, (e as Error).message ?? String(e));
    }
    modes.push(result);
    progress(result.guestInstructions, true);
  });
  const ran = modes.filter((m) => !m.failed);
  send({ type: 'report', report: { guest: req.files.join(' '), modes, sameOutput: ran.every((m) => m.output === ran[0].output) } });
}

function failedMode(mode: CompareModeResult['mode'], why: string): CompareModeResult {
  return {
    mode, exitCode: undefined, failed: why, problem: why, output: '', guestInstructions: 0, ticks: 0, vmmInstructions: 0,
    exits: ZERO_EXITS, totalExits: 0, tlbMisses: 0, walkReferences: 0, walkTicks: 0, paging: {}, seconds: 0,
  };
}

function diagnostic(d: AssembleResult['diagnostics'][number]): CompareDiagnostic {
  return { file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, severity: d.severity === 'error' ? 'error' : 'warning', message: d.message };
}

/** The argument compareModes.ts forks the worker with (the bundle does nothing without it). */
export const WORKER_FLAG = '--hyperstep-compare-worker';

// Forked with IPC: one request in, messages out (the last one's callback ends the process).
if (process.argv.includes(WORKER_FLAG) && typeof process.send === 'function') {
  process.once('message', (req: CompareRequest) => {
    const queue: CompareWorkerMessage[] = [];
    try {
      runComparison(req, (m) => { if (m.type === 'progress') process.send!(m); else queue.push(m); });
    } catch (e) {
      queue.push({ type: 'error', message: (e as Error).stack ?? String(e) });
    }
    for (const m of queue.slice(0, -1)) process.send!(m);
    process.send!(queue[queue.length - 1] ?? { type: 'error', message: 'the comparison produced nothing' }, () => process.disconnect());
  });
}
