import * as assert from 'assert';
import { execFileSync, fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { CompareReport, formatReport } from '../../src/cli/compareCommand';
import type { CompareReportData, CompareRequest, CompareWorkerMessage } from '../../src/extension/compareProtocol';
import { paneHtml } from '../../src/extension/panes/paneHtml';
import { CHROMIUM, CHROMIUM_ARGS, ensureCodeServer } from '../e2e/codeServer';

/**
 * "Compare Virtualization Modes" without the editor: the worker bundle (dist/compareWorker.js,
 * forked over IPC as the extension forks it) against `hyperstep compare --json` on the same
 * guest, and the comparison webview (dist/webview/compare.js, the extension's own page) in
 * Debian's Chromium drawing the CLI's real JSON: its table must say what the CLI's table says,
 * row by row, and its charts must have bars.
 */

const REPO = path.resolve(__dirname, '..', '..', '..');
const WORKER = path.join(REPO, 'dist', 'compareWorker.js');
const BUNDLE = path.join(REPO, 'dist', 'webview', 'compare.js');
const CLI = path.join(REPO, 'out', 'src', 'cli', 'main.js');
const PAGING = path.join(REPO, 'examples', 'guests', 'paging', 'paging.s');
const ALL = ['bare', 'nested', 'shadow', 'paravirt', 'previrt'] as const;
const ORIGIN = 'https://compare.hyperstep.test';
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-compare-'));
const THEME = `:root {
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #ccccccb3; --vscode-editor-background: #1e1e1e;
  --vscode-sideBar-background: #1e1e1e; --vscode-font-family: sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: monospace; --vscode-panel-border: #80808059; --vscode-errorForeground: #f48771;
  --vscode-badge-background: #4d4d4d; --vscode-badge-foreground: #ffffff;
  --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185;
  --vscode-charts-purple: #b180d7; --vscode-charts-red: #f14c4c; --vscode-charts-yellow: #cca700;
}`;

/** A guest that needs the PV extension: it powers off with "system failure" where it is absent. */
const PV_ONLY = `
  .globl _start
_start:
  li a7, 0x10
  li a6, 3
  li a0, 0x09485056
  ecall                        # sbi_probe_extension(Hyperstep PV)
  li a0, 0
  sltiu a1, a1, 1              # reason: 1 (system failure) when the probe said 0
  li a7, 0x53525354
  li a6, 0
  ecall                        # SRST: shut down
1:j 1b
`;

/** Forks the worker bundle as the extension does and collects its messages. */
function runWorker(req: CompareRequest): Promise<CompareWorkerMessage[]> {
  return new Promise((resolve, reject) => {
    const out: CompareWorkerMessage[] = [];
    const child = fork(WORKER, ['--hyperstep-compare-worker'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.on('message', (m: CompareWorkerMessage) => out.push(m));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}: ${stderr}`))));
    child.send(req);
  });
}

const withoutTimes = (r: { modes: { seconds: number }[] }): unknown => r.modes.map((m) => ({ ...m, seconds: 0 }));

/** formatReport's text table as rows: the last `modes` words of a line are its cells (no cell has a space). */
function cliRows(text: string, modes: number): { label: string; sub: boolean; cells: string[] }[] {
  const rows: { label: string; sub: boolean; cells: string[] }[] = [];
  for (const line of text.split('\n').slice(2)) {
    const words = line.trim().split(/\s+/);
    const label = line.replace(new RegExp(`(\\s+\\S+){${modes}}\\s*$`), '');
    if (words.length <= modes || label.trim() === '') break;
    rows.push({ label: label.trim(), sub: line.startsWith('  '), cells: words.slice(-modes) });
  }
  return rows;
}

describe('compare: the worker, and the comparison webview in Chromium', function () {
  this.timeout(240_000);
  let browser: Browser | undefined;
  let cli: CompareReport;
  let dir: string;

  before(async () => {
    ensureCodeServer(() => undefined);
    execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--config-name', 'webview', '--config-name', 'compareWorker'],
      { cwd: REPO, stdio: 'pipe', timeout: 180_000 });
    assert.ok(fs.existsSync(BUNDLE) && fs.existsSync(WORKER));
    cli = JSON.parse(execFileSync(process.execPath, [CLI, 'compare', PAGING, '--modes', ALL.join(','), '--json'], { encoding: 'utf8' })) as CompareReport;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-compare-guests-'));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openReport(report: CompareReportData, file: string): Promise<Page> {
    const page = await browser!.newPage({ viewport: { width: 1100, height: 1000 } });
    page.on('pageerror', (e) => { throw e; });
    await page.addInitScript(`window.acquireVsCodeApi = () => ({
      getState: () => undefined, setState: () => undefined,
      postMessage: (m) => { if (m.type === 'ready') window.postMessage(${JSON.stringify({ type: 'report', report, file })}, '*'); },
    });`);
    const html = paneHtml({ view: 'compare', scriptUri: `${ORIGIN}/compare.js`, cspSource: ORIGIN, nonce: 'test-nonce' }).replace('</head>', `<style>${THEME}</style></head>`);
    await page.route(`${ORIGIN}/**`, (route) => new URL(route.request().url()).pathname === '/compare.js'
      ? route.fulfill({ status: 200, contentType: 'text/javascript', body: fs.readFileSync(BUNDLE, 'utf8') })
      : route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(`${ORIGIN}/index.html`);
    await page.locator('table.compare tbody tr').first().waitFor({ timeout: 30_000 });
    return page;
  }

  async function inkedPixels(page: Page, selector: string): Promise<number> {
    return page.evaluate(`(() => {
      const canvas = document.querySelector(${JSON.stringify(selector)});
      const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    })()`);
  }

  it('the worker runs every mode as `hyperstep compare` does, with progress, in a child process', async () => {
    const messages = await runWorker({ files: [PAGING], modes: [...ALL] });
    const report = messages[messages.length - 1];
    assert.strictEqual(report.type, 'report');
    if (report.type !== 'report') return;
    // The engine is deterministic: every figure but the host's wall-clock time is the CLI's.
    assert.deepStrictEqual(withoutTimes(report.report), withoutTimes(cli));
    assert.strictEqual(report.report.sameOutput, cli.sameOutput);
    const done = messages.filter((m) => m.type === 'progress' && m.done);
    assert.deepStrictEqual(done.map((m) => m.type === 'progress' && [m.mode, m.index, m.of]), ALL.map((m, i) => [m, i, 5]));
  });

  it('the worker reports a guest that does not assemble with its diagnostics, and a mode that cannot run in its column', async () => {
    const bad = path.join(dir, 'bad.s');
    fs.writeFileSync(bad, '  .globl _start\n_start:\n  addi a0, a0\n  j _start\n');
    const [m] = await runWorker({ files: [bad], modes: [...ALL] });
    assert.strictEqual(m.type, 'assembly-error');
    if (m.type !== 'assembly-error') return;
    const errors = m.diagnostics.filter((d) => d.severity === 'error');
    assert.deepStrictEqual(errors.map((d) => [d.file, d.line]), [[bad, 3]]);
    // An unsaved editor buffer wins over the file on disk.
    const fixed = await runWorker({ files: [bad], texts: { [bad]: '  .globl _start\n_start:\n  addi a0, a0, 1\n  j _start\n' }, modes: ['nested', 'bogus' as 'nested'], maxInstructions: 100_000 });
    const r = fixed[fixed.length - 1];
    assert.strictEqual(r.type, 'report');
    if (r.type !== 'report') return;
    assert.deepStrictEqual(r.report.modes.map((x) => [x.mode, x.problem]), [['nested', 'stopped after 100000 instructions'], ['bogus', "unknown mode 'bogus'"]]);
    assert.strictEqual(r.report.modes[1].failed, "unknown mode 'bogus'");
  });

  it('draws the CLI\'s JSON: the charts have bars and the table is the one the CLI prints', async () => {
    const page = await openReport(cli, PAGING);
    assert.match(await page.locator('h2').innerText(), /Virtualization modes: paging\.s/);
    assert.deepStrictEqual(await page.locator('table.compare thead th[data-mode]').allInnerTexts(), [...ALL]);
    const expected = cliRows(formatReport(cli), ALL.length);
    assert.ok(expected.length > 20, `parsed ${expected.length} rows of the CLI's table`);
    const rows = page.locator('table.compare tbody tr');
    assert.strictEqual(await rows.count(), expected.length);
    for (let i = 0; i < expected.length; i++) {
      const row = rows.nth(i);
      const label = (await row.locator('th').innerText()).trim();
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
      assert.deepStrictEqual({ label, sub: (await row.getAttribute('class')) === 'sub', cells }, expected[i], `row ${i}`);
    }
    assert.match(await page.locator('.verdict').innerText(), /same output in every mode[\s\S]*every mode exited with 0/);
    for (const chart of ['exits-by-reason', 'vmm-instructions', 'guest-time', 'tlb-misses', 'refs-per-walk']) {
      assert.ok(await inkedPixels(page, `.${chart} canvas`) > 200, `${chart} has bars`);
    }
    // The stacked exits chart: a legend entry per reason any mode had, in the VMM's order.
    const reasons = ['SBI call', 'MMIO access', 'guest exception', 'privileged instruction', 'hidden fault (shadow fill)', 'page-table write', 'paravirtual hypercall'];
    assert.deepStrictEqual(reasons.filter((r) => expected.some((x) => x.label === r)), reasons, 'the CLI table has these rows');
    assert.deepStrictEqual(await page.locator('.exits-by-reason .u-legend .u-series .u-label').allInnerTexts(), reasons);
    await page.screenshot({ path: path.join(SHOTS, 'compare.png'), fullPage: true });
    await page.close();
  });

  it('shows modes that fail: a guest that needs the PV extension exits with 1 where it is absent', async () => {
    const file = path.join(dir, 'pv-only.s');
    fs.writeFileSync(file, PV_ONLY);
    const messages = await runWorker({ files: [file], modes: [...ALL] });
    const m = messages[messages.length - 1];
    assert.strictEqual(m.type, 'report');
    if (m.type !== 'report') return;
    assert.deepStrictEqual(m.report.modes.map((x) => [x.mode, x.exitCode]), [['bare', 1], ['nested', 1], ['shadow', 1], ['paravirt', 0], ['previrt', 0]]);
    const page = await openReport(m.report, file);
    assert.deepStrictEqual(await page.locator('table.compare tbody tr').first().locator('td').allInnerTexts(), ['1', '1', '1', '0', '0']);
    assert.deepStrictEqual(await page.locator('table.compare thead th.failed').allInnerTexts(), ['bare', 'nested', 'shadow']);
    assert.match(await page.locator('.verdict').innerText(), /bare, nested, shadow: did not finish cleanly/);
    await page.close();
    console.log(`      screenshots: ${SHOTS}`);
  });
});
