import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CodeServerInstance, REPO, buildVsix, ensureCodeServer, startCodeServer, startDapServer } from './codeServer';
import {
  clickGutter, enlargeVariablesView, goToLine, log, pausedOn, quickOpen, terminalTabExists, terminalText, variablesText, waitFor,
} from './workbench';

/**
 * End to end in a real VS Code (code-server 4.100.3 = VS Code 1.100) in Debian's Chromium:
 * package the extension with `npm run package`, install the .vsix, open examples/gcd, set
 * breakpoints by clicking the gutter, press F5 with no launch.json, and check the paused line,
 * t1/t2 in the Variables view and the UART output in the "Hyperstep UART" terminal and the
 * Debug Console. Saves docs/screenshots/debugging-gcd.png. A second scenario checks problems as
 * you type, hover docs, and that a program that does not assemble is not launched.
 */

const EXAMPLE = path.join(REPO, 'examples', 'gcd');
const SCREENSHOT = path.join(REPO, 'docs', 'screenshots', 'debugging-gcd.png');
const LOOP_LINE = /beq\s+t1,\s*t2,\s*done/;
/** After the result is printed, before the finisher powers the machine off. */
const FINISH_LINE = /li\s+t0,\s*FINISHER/;
const UART_RESULT = /gcd\(0x18, 0x21\) = 0x3/;
/** Echoes UART input in upper case until 'q': the terminal shows the guest's echo, not ours. */
const ECHO_SOURCE = [
  '        .equ UART, 0x10000000', '        .text', '        .globl _start',
  '_start: li t0, UART',
  'wait:   lbu t1, 5(t0)', '        andi t1, t1, 1', '        beqz t1, wait         # LSR.DR: a byte arrived',
  '        lbu a0, 0(t0)', "        li t2, 'q'", '        beq a0, t2, quit',
  "        addi a0, a0, -32      # 'a' -> 'A'",
  'tx:     lbu t1, 5(t0)', '        andi t1, t1, 0x20', '        beqz t1, tx', '        sb a0, 0(t0)', '        j wait',
  'quit:   li t0, 0x100000', '        li t1, 0x5555', '        sw t1, 0(t0)', '1:      j 1b', '',
].join('\n');
/** A program with a misspelt mnemonic on line 4. */
const BROKEN_SOURCE = '        .text\n        .globl _start\n_start: addi t1, zero, 1\n        lwx  a0, 0(a1)\n        j _start\n';

describe('end to end: debugging examples/gcd in code-server', function () {
  this.timeout(8 * 60_000);
  let server: CodeServerInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let scratch = '';
  let stopDap: (() => void) | undefined;
  let workspace = '';
  const started = Date.now();

  before(async function () {
    ensureCodeServer(log);
    // HYPERSTEP_E2E_VSIX: reuse a .vsix built already (when iterating on the test itself).
    const vsix = process.env.HYPERSTEP_E2E_VSIX ?? buildVsix();
    log(`packaged ${path.basename(vsix)} after ${Date.now() - started} ms`);
    // HYPERSTEP_E2E_ADAPTER=inline|server runs the same scenarios with the adapter in the
    // extension host, or in a `hyperstep dap --port N` server (default: a separate process).
    const mode = process.env.HYPERSTEP_E2E_ADAPTER ?? 'process';
    const settings: Record<string, unknown> = { 'hyperstep.debugAdapter': mode };
    if (mode === 'server') {
      const dap = await startDapServer();
      stopDap = dap.stop;
      settings['hyperstep.debugServerPort'] = dap.port;
    }
    server = await startCodeServer(vsix, log, settings);
    // A scratch copy of the example without .vscode/: F5 must work with no launch.json.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-gcd-'));
    workspace = path.join(scratch, 'gcd');
    fs.cpSync(EXAMPLE, workspace, { recursive: true, filter: (f) => path.basename(f) !== '.vscode' });
    fs.writeFileSync(path.join(workspace, 'broken.s'), BROKEN_SOURCE);
    fs.writeFileSync(path.join(workspace, 'echo.s'), ECHO_SOURCE);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1500, height: 940 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await waitFor('the explorer to list gcd.s', async () => (await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'gcd.s' }).count()) > 0, 60_000);
    log(`workbench loaded after ${Date.now() - started} ms`);
  });

  afterEach(async function () {
    // On failure, keep what the browser showed: the quickest way to see why.
    if (this.currentTest?.state === 'failed' && page) {
      const shot = path.join(os.tmpdir(), `hyperstep-e2e-failure-${this.currentTest.title.split(' ')[0]}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.log(`      e2e failure screenshot: ${shot}`);
      if (server) console.log(server.output().split('\n').slice(-20).join('\n'));
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    stopDap?.();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('debugs gcd.s with F5: gutter breakpoints, paused line, t1/t2, UART terminal', async () => {
    // Open gcd.s from the explorer, as a user would; the grammar colours `beq` as a token.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'gcd.s' }).first().click();
    await waitFor('gcd.s in the editor, coloured', async () => (await page.locator('.monaco-editor .view-line span span', { hasText: /^beq$/ }).count()) > 0, 20_000);

    await clickGutter(page, LOOP_LINE);
    log('breakpoint set on the loop');

    // F5 with no launch.json: the extension's configuration provider debugs the open file.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    await waitFor('the debugger to pause on the loop', () => pausedOn(page, LOOP_LINE), 60_000);
    await waitFor('the Hyperstep UART terminal', () => terminalTabExists(page, 'Hyperstep UART'), 20_000);
    await enlargeVariablesView(page);
    const first = await waitFor('t1 = 0x18 and t2 = 0x21 in the Variables view',
      () => variablesText(page, /\bt1\)? = 0x0*18\b[\s\S]*\bt2\)? = 0x0*21\b/), 20_000);
    log(`first stop: ${first.split('\n').filter((l) => /\bt[12]\b/.test(l)).join(' | ')}`);

    // Move the breakpoint to after the result is printed, and continue to it.
    await clickGutter(page, LOOP_LINE);
    const source = fs.readFileSync(path.join(workspace, 'gcd.s'), 'utf8').split('\n');
    await goToLine(page, source.findIndex((l) => FINISH_LINE.test(l)) + 1);
    await clickGutter(page, FINISH_LINE);
    await page.keyboard.press('F5');
    await waitFor('the debugger to pause after printing', () => pausedOn(page, FINISH_LINE), 30_000);
    await waitFor('the result on the UART terminal', async () => UART_RESULT.test(await terminalText(page)), 20_000);
    const last = await waitFor('t1 = t2 = 3... in the Variables view', () => variablesText(page, /\bs2\)? = 0x0*3\b/), 20_000);
    log(`second stop: ${last.split('\n').filter((l) => /\b(t1|t2|s2)\b/.test(l)).join(' | ')}`);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    log(`screenshot saved to ${SCREENSHOT}`);

    // Continue: the program powers the machine off and the session ends.
    await page.keyboard.press('F5');
    await waitFor('the session to end', async () => /debug session ended/.test(await terminalText(page)), 30_000);
    // The same output is mirrored to the Debug Console.
    await page.locator('.panel .composite-bar .action-item', { hasText: /debug console/i }).first().click();
    await waitFor('the result in the Debug Console', async () => UART_RESULT.test((await page.locator('.repl').first().innerText()).replace(/\u00a0/g, ' ')), 10_000);
    log(`debugging scenario done after ${Date.now() - started} ms`);
  });

  it('shows assembly errors as you type, hover docs, and refuses to launch a broken program', async () => {
    await quickOpen(page, 'broken.s');
    await waitFor('a red squiggle under the typo', async () => (await page.locator('.monaco-editor .squiggly-error').count()) > 0, 20_000);

    // Hover docs come from the ISA table.
    const addi = page.locator('.monaco-editor .view-line span span', { hasText: /^addi$/ }).first();
    await waitFor('the hover for addi', async () => {
      await addi.hover();
      const hover = page.locator('.monaco-hover:not(.hidden)');
      return (await hover.count()) > 0 && /Add immediate/.test(await hover.first().innerText());
    }, 15_000);
    await page.mouse.move(900, 700);

    // F5 checks the program first: the launch stops with a message naming the error.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    const toast = await waitFor('the "cannot start" notification', async () => {
      const text = (await page.locator('.notifications-toasts').allInnerTexts()).join('\n');
      return /cannot start: broken\.s:4:\d+/.test(text) ? text : undefined;
    }, 20_000);
    assert.match(toast, /lwx/);
    assert.strictEqual(await page.locator('.monaco-editor .codicon-debug-stackframe').count(), 0, 'no session started');
    log(`refused to launch: ${toast.split('\n').find((l) => /cannot start/.test(l))}`);
  });
  it('sends what is typed in the UART terminal to the guest', async () => {
    await quickOpen(page, 'echo.s');
    await waitFor('echo.s in the editor', async () => (await page.locator('.monaco-editor .view-line', { hasText: 'LSR.DR' }).count()) > 0, 20_000);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    await waitFor('a new Hyperstep UART terminal', async () => (await terminalTabExists(page, 'Hyperstep UART')) && !/session ended/.test(await terminalText(page)), 30_000);
    await page.locator('.terminal-wrapper .xterm').first().click();
    await page.keyboard.type('hyperstep');
    await waitFor('the guest\'s upper-case echo', async () => /HYPERSTEP/.test(await terminalText(page)), 20_000);
    await page.keyboard.type('q');
    await waitFor('the session to end', async () => /debug session ended/.test(await terminalText(page)), 20_000);
    log('UART input round trip done');
  });
});
