/**
 * DAP step round trip (DESIGN.md section 7: median < 10 ms): the adapter as its own process over
 * stdio, as VS Code runs it; one round trip = the step request, its stopped event and the
 * stackTrace that refreshes the view. `node out/bench/dapStep.js` (after `npx tsc -p .`).
 */
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';

const ROOT = path.resolve(__dirname, '..', '..');
const ADAPTER = path.join(ROOT, 'out', 'src', 'debugAdapter', 'main.js');
const PROGRAM = path.join(ROOT, 'test', 'dap', 'programs', 'spin.s');
const STEPS = Number(process.env.HYPERSTEP_BENCH_STEPS ?? 300);

function percentile(xs: number[], p: number): number { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; }

export async function benchDapStep(): Promise<Record<string, { median: number; p90: number }>> {
  const dc = new DebugClient('node', ADAPTER, 'hyperstep');
  await dc.start();
  const results: Record<string, { median: number; p90: number }> = {};
  try {
    const first = dc.waitForEvent('stopped');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: PROGRAM, stopOnEntry: true })]);
    await first;
    for (const kind of ['stepIn', 'next', 'stepBack']) {
      const times: number[] = [];
      for (let i = 0; i < STEPS; i++) {
        const t0 = process.hrtime.bigint();
        const stopped = dc.waitForEvent('stopped');
        await dc.send(kind, { threadId: 1 });
        await stopped;
        await dc.stackTraceRequest({ threadId: 1 });
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      results[kind] = { median: percentile(times, 0.5), p90: percentile(times, 0.9) };
    }
  } finally {
    await dc.stop();
  }
  return results;
}

if (require.main === module) {
  benchDapStep().then((r) => {
    for (const [kind, v] of Object.entries(r)) console.log(`DAP ${kind.padEnd(8)} round trip: median ${v.median.toFixed(2)} ms, p90 ${v.p90.toFixed(2)} ms (target: median < 10 ms)`);
  }, (e: unknown) => { console.error(e); process.exitCode = 1; });
}
