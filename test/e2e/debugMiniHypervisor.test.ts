import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CodeServerInstance, REPO, buildVsix, ensureCodeServer, startCodeServer, startDapServer } from './codeServer';
import {
  activeEditorTitle, callStackFrames, callStackState, clickGutter, lineCentre, debugConsoleRun, debugConsoleText, enlargeVariablesView, expandVariable, goToLine, log,
  pausedOn, resizeSideBar, terminalTabExists, terminalText, variablesRow, waitFor,
} from './workbench';

/**
 * End to end, what examples/mini-hypervisor/README.md ("Debug it") tells a user to do: open the
 * folder in VS Code (code-server 4.100.3), set breakpoints by clicking the gutter of guest.s and
 * of hyp.s's trap handler, press F5 (the folder's launch.json: hyp.s + firmware.s as the
 * hypervisor, guest.s as the guest at host 0x80200000), and check each stop as the user sees it:
 * the file and line, the mode with V, the Hypervisor scope, the call stack across the VM exit, a
 * 2-D walk in the Debug Console, and the UART output at the end. Saves
 * docs/screenshots/debugging-mini-hypervisor.png.
 */

const EXAMPLE = path.join(REPO, 'examples', 'mini-hypervisor');
const SCREENSHOT = path.join(REPO, 'docs', 'screenshots', 'debugging-mini-hypervisor.png');
/**
 * The guest turns its paging on: its first lines run before any exit, so this stop comes first.
 * (Not anchored at the start: the paused line's column marker is injected text.)
 */
const GUEST_LINE = /csrw satp, t0\b/;
/** The hypervisor's SBI handler; the guest's first exit after paging is on is its DBCN ecall in sbi_puts. */
const HYP_LINE = /csrr t0, sepc\s+# return after the ecall/;
/** The ecall in the guest's sbi_puts (the guest frame under the hypervisor's at the exit), and its caller. */
const GUEST_ECALL_IN_PUTS = /^\s*ecall\s*$/;
/**
 * What the example prints, as QEMU 7.2 prints it (the README lists it; checked with the
 * README's qemu-system-riscv32 command).
 */
const OUTPUT = [
  'hyp: HS-mode; guest RAM: guest-physical 0x80000000 -> host 0x80200000; entering the guest',
  'guest: hello through the SBI debug console, from hart 0x00000000',
  'guest: hello through the UART at 0x10000000 (every access is an exit)',
  'guest: Sv32 maps virtual 0x40000000 to guest-physical 0x80001000, which reads: hello from the remapped page',
  'guest: timer interrupt, scause = 0x80000005',
  'guest: shutting down through SBI SRST',
  'hyp: the guest shut down after 0x00000028 SBI calls, 0x000000c6 UART accesses, 0x00000001 timer interrupts',
];

/** 1-based line of the first line of `file` matching `re` after the line matching `after` (if given). */
function lineOf(file: string, re: RegExp, after?: RegExp): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = after ? lines.findIndex((l) => after.test(l)) : 0;
  const i = lines.findIndex((l, k) => k >= start && re.test(l));
  if (start < 0 || i < 0) throw new Error(`no line ${re} in ${file}`);
  return i + 1;
}

/** The Registers scope's `mode = …` row, expanding the scope if it is folded. */
async function modeShown(page: Page): Promise<string | undefined> {
  const mode = await variablesRow(page, /^mode = /);
  if (mode) return mode.text;
  const scope = await variablesRow(page, /^Registers$/);
  if (scope && (await scope.row.getAttribute('aria-expanded')) === 'false') await scope.row.click();
  return undefined;
}

describe('end to end: debugging examples/mini-hypervisor in code-server', function () {
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
    const vsix = process.env.HYPERSTEP_E2E_VSIX ?? buildVsix();
    const mode = process.env.HYPERSTEP_E2E_ADAPTER ?? 'process';
    // The debug toolbar docked in the Run and Debug view: floating, it hides the editor's tabs in the screenshot.
    const settings: Record<string, unknown> = { 'hyperstep.debugAdapter': mode, 'debug.toolBarLocation': 'docked' };
    if (mode === 'server') {
      const dap = await startDapServer();
      stopDap = dap.stop;
      settings['hyperstep.debugServerPort'] = dap.port;
    }
    server = await startCodeServer(vsix, log, settings);
    // A copy of the example with its .vscode/launch.json: F5 uses that configuration.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-hyp-'));
    workspace = path.join(scratch, 'mini-hypervisor');
    fs.cpSync(EXAMPLE, workspace, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1500, height: 940 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await waitFor('the explorer to list hyp.s', async () => (await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'hyp.s' }).count()) > 0, 60_000);
    log(`workbench loaded after ${Date.now() - started} ms`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const shot = path.join(os.tmpdir(), 'hyperstep-e2e-failure-mini-hypervisor.png');
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

  it('stops in the guest, then in the hypervisor on the VM exit, and shows both sides', async () => {
    const hypFile = path.join(workspace, 'hyp.s'), guestFile = path.join(workspace, 'guest.s');
    const openFile = async (name: string): Promise<void> => {
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^\\s*${name.replace('.', '\\.')}\\s*$`) }).first().click();
      await waitFor(`${name} in the editor`, async () => (await activeEditorTitle(page)) === name, 20_000);
    };

    // A breakpoint in the hypervisor's trap handler: where it handles the guest's SBI ecall.
    await openFile('hyp.s');
    await goToLine(page, lineOf(hypFile, HYP_LINE));
    await clickGutter(page, HYP_LINE);
    log('breakpoint set in hyp.s (sbi_call)');
    // A breakpoint in the guest: where it turns its paging on.
    await openFile('guest.s');
    await goToLine(page, lineOf(guestFile, GUEST_LINE));
    await clickGutter(page, GUEST_LINE);
    log('breakpoint set in guest.s (csrw satp)');

    // F5: the folder's launch.json. The guest runs to csrw satp without an exit: it stops there first.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    await waitFor('the debugger to pause on the guest\'s csrw satp', async () => (await activeEditorTitle(page)) === 'guest.s' && pausedOn(page, GUEST_LINE), 60_000);
    await waitFor('the Hyperstep UART terminal', () => terminalTabExists(page, 'Hyperstep UART'), 20_000);
    await enlargeVariablesView(page);
    const guestMode = await waitFor('mode VS (V=1) in the Variables view', () => modeShown(page), 20_000);
    assert.strictEqual(guestMode, 'mode = VS (V=1)');
    await waitFor('"Paused on breakpoint" over the Call Stack', async () => /Paused on breakpoint/.test(await callStackState(page)), 10_000);
    const guestTop = await waitFor('the guest frame in the Call Stack', async () => (await callStackFrames(page))[0], 10_000);
    assert.match(guestTop, new RegExp(`^_start\\b.*\\bguest\\.s ${lineOf(guestFile, GUEST_LINE)}:`), guestTop);
    log(`guest stop: ${guestMode}; top frame ${guestTop}`);

    // Continue: the guest's first SBI call (sbi_puts' DBCN console_write) exits to the hypervisor.
    await page.keyboard.press('F5');
    await waitFor('the debugger to pause in hyp.s on sbi_call', async () => (await activeEditorTitle(page)) === 'hyp.s' && pausedOn(page, HYP_LINE), 30_000);
    const hypMode = await waitFor('mode HS (V=0) in the Variables view', async () => {
      const m = await modeShown(page);
      return m !== guestMode && m;
    }, 20_000);
    assert.strictEqual(hypMode, 'mode = HS (V=0)');
    await waitFor('"Paused on breakpoint" over the Call Stack', async () => /Paused on breakpoint/.test(await callStackState(page)), 10_000);
    // The Trap scope (the top frame is the exit's handler): the guest's ecall, from VS to HS.
    await expandVariable(page, /^Trap$/);
    const trap = await waitFor('the Trap scope\'s cause, from and to', async () => {
      const rows: string[] = [];
      for (const re of [/^cause = /, /^from = /, /^to = /]) rows.push((await variablesRow(page, re))?.text ?? '');
      return rows.every(Boolean) && rows;
    }, 10_000);
    assert.deepStrictEqual(trap, ['cause = 10 ecall from VS-mode', 'from = VS', 'to = S']);

    // The hypervisor's frame over the guest's: the VM exit's handler, then sbi_puts at its ecall, then _start.
    const frames = await waitFor('the hypervisor frame over the guest frames in the Call Stack', async () => {
      const f = await callStackFrames(page);
      return f.length >= 3 ? f : undefined;
    }, 10_000);
    log(`call stack:\n        ${frames.join('\n        ')}`);
    assert.match(frames[0], new RegExp(`^sbi_call\\b.*\\[VM exit: ecall from VS-mode \\(from VS\\)\\].*\\bhyp\\.s ${lineOf(hypFile, HYP_LINE)}:`), frames[0]);
    assert.match(frames[1], new RegExp(`^sbi_puts\\b.*\\bguest\\.s ${lineOf(guestFile, GUEST_ECALL_IN_PUTS, /^sbi_puts:/)}:`), frames[1]);
    assert.match(frames[2], new RegExp(`^_start\\b.*\\bguest\\.s ${lineOf(guestFile, /^\s*call sbi_puts\b/, /la a0, msg_sbi/)}:`), frames[2]);

    // The Hypervisor scope: hstatus.SPV = 1 (the trap came from V=1), SPVP = VS.
    await expandVariable(page, /^Hypervisor$/);
    const hstatus = await waitFor('hstatus in the Hypervisor scope', async () => (await variablesRow(page, /^hstatus = /))?.text, 10_000);
    assert.match(hstatus, /\bSPV=1 \(trap came from the guest; sret enters it\)/, hstatus);
    assert.match(hstatus, /\bSPVP=VS\b/, hstatus);
    // scause (CSRs > Supervisor) names the exit: an ecall from VS-mode, cause 10.
    await expandVariable(page, /^CSRs\b/);
    await expandVariable(page, /^Supervisor\b/);
    const scause = await waitFor('scause in CSRs > Supervisor', async () => (await variablesRow(page, /^scause = /))?.text, 10_000);
    assert.strictEqual(scause, 'scause = 0x0000000a ecall from VS-mode');
    log(`hypervisor stop: ${hypMode}; ${hstatus}; ${scause}`);

    // The guest's page at 0x40000000 (its Sv32 table maps it to alias_page, gpa 0x80001000; the
    // G stage adds 0x200000): two VS-stage PTE reads, each address through the two-level G
    // stage, then the data's gpa through the G stage: 2 + 3 * 2 = 8 numbered references.
    await debugConsoleRun(page, 'translate gva 0x40000000');
    const walk = await waitFor('the 2-D walk in the Debug Console', async () => {
      const t = await debugConsoleText(page);
      return /GVA 0x40000000 -> GPA 0x80001000 -> HPA 0x80201000/.test(t) ? t : undefined;
    }, 10_000);
    log(`translate gva 0x40000000:\n${walk}`);
    assert.match(walk, /8 memory references \(VS stage 2, G stage 6\)/);
    // The VS-stage reads: its root is the guest's `root` (0x80002000, as GNU ld links guest.s),
    // VPN[1] = 0x100; the level-0 table is `l2` (0x80003000); host = guest-physical + 0x200000.
    assert.match(walk, /^\s*3\. VS level 1\s+PTE at GPA 0x80002400 \(HPA 0x80202400\)/m);
    assert.match(walk, /^\s*6\. VS level 0\s+PTE at GPA 0x80003000 \(HPA 0x80203000\)/m);
    for (let n = 1; n <= 8; n++) assert.match(walk, new RegExp(`^\\s*${n}\\. (VS|G )`, 'm'), `step ${n} of the walk`);

    // For the screenshot: the Trap scope and hstatus decoded in view, the call stack below, the
    // walk in the Debug Console, the cursor on the paused line.
    await expandVariable(page, /^CSRs\b/, false);
    await expandVariable(page, /^Registers$/, false);
    await expandVariable(page, /^hstatus = /);
    await waitFor('hstatus.SPV in the Variables view', async () => (await variablesRow(page, /^SPV = /))?.text, 10_000);
    await resizeSideBar(page, 560);
    await variablesRow(page, /^Trap$/);
    const pausedY = await waitFor('the paused line', () => lineCentre(page, HYP_LINE));
    await page.mouse.click(((await page.locator('.monaco-editor .view-lines').first().boundingBox())?.x ?? 0) + 400, pausedY);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    log(`screenshot saved to ${SCREENSHOT}`);

    // Remove the hypervisor's breakpoint (it would stop on every SBI call) and run to the end.
    await clickGutter(page, HYP_LINE);
    await page.keyboard.press('F5');
    await page.locator('.panel .composite-bar .action-item', { hasText: /terminal/i }).first().click();
    await waitFor('the session to end', async () => /debug session ended/.test(await terminalText(page)), 60_000);
    // Long lines wrap onto the next terminal row: compare with the rows joined.
    const uart = (await terminalText(page)).replace(/\n/g, '');
    for (const line of OUTPUT) assert.ok(uart.includes(line), `the UART terminal shows "${line}":\n${uart}`);
    log(`mini-hypervisor scenario done after ${Date.now() - started} ms`);
  });
});
