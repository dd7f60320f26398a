import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { buildShimFlash, gnuLink, runGuestOnQemu } from '../support/qemuGuest';
import { CHROMIUM, CHROMIUM_ARGS, CodeServerInstance, REPO, buildVsix, ensureCodeServer, startCodeServer } from './codeServer';
import {
  activeEditorTitle, callStackFrames, callStackState, clickGutter, debugConsoleRun, debugConsoleText, enlargeVariablesView, expandVariable, goToLine, lineCentre, log,
  resizeSideBar, terminalText, variablesRow, waitFor,
} from './workbench';

/**
 * End to end, the built-in VMM's workflow in VS Code (code-server 4.100.3): open a copy of
 * examples/guests/hello, click the gutter of hello.s on the store to the UART's THR, turn on the
 * "MMIO access" VM exit filter in the Breakpoints view, press F5 (the folder's launch.json), and
 * follow the store into the VMM: the guest breakpoint (vm1/vcpu0), Step Into the exit (the
 * hypervisor frame over the guest's, the exit document open), Step Over its phases (the
 * highlighted phase line moves; "Changed by the last phase" shows the byte going out), Step Out
 * back into the guest ("VM entry"), and the UART terminal at the end against QEMU 7.2 running the
 * same guest under the SBI shim. Saves docs/screenshots/debugging-vm-exit.png. Then the same guest
 * with "paging": "shadow" and a supervisor CSR write: the "privileged instruction" filter, its
 * phases, and the guest's virtual privilege.
 */

const EXAMPLE = path.join(REPO, 'examples', 'guests', 'hello');
const SCREENSHOT = path.join(REPO, 'docs', 'screenshots', 'debugging-vm-exit.png');
/** The guest's store to the UART's transmit register (uart_putc). */
const THR = /sb a0, 0\(t0\)\s+# THR \(write\)/;
/** A supervisor CSR write added to the copy for the shadow run (hello.s has none of its own). */
const CSR_LINE = '  csrw sscratch, sp             # a supervisor CSR: under shadow paging the VMM emulates it';
const CSR = /csrw sscratch, sp/;

function lineOf(file: string, re: RegExp): number {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line ${re} in ${file}`);
  return i + 1;
}

/** The paused-frame marker is on editor line `n` (1-based) of the active editor. */
async function pausedOnLine(page: Page, n: number): Promise<boolean> {
  const marker = page.locator('.editor-group-container.active .monaco-editor .codicon-debug-stackframe');
  if ((await marker.count()) === 0) return false;
  const box = await marker.first().boundingBox();
  const numbers = page.locator('.editor-group-container.active .monaco-editor .margin .line-numbers');
  for (let i = 0; i < (await numbers.count()); i++) {
    if ((await numbers.nth(i).innerText()).trim() !== String(n)) continue;
    const b = await numbers.nth(i).boundingBox();
    return !!box && !!b && Math.abs(box.y + box.height / 2 - (b.y + b.height / 2)) < 6;
  }
  return false;
}

/** The text of the line the paused-frame marker is on (the exit document's phase line). */
async function pausedLineText(page: Page): Promise<string | undefined> {
  const marker = page.locator('.editor-group-container.active .monaco-editor .codicon-debug-stackframe');
  if ((await marker.count()) === 0) return undefined;
  const box = await marker.first().boundingBox();
  if (!box) return undefined;
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
  for (let i = 0; i < (await lines.count()); i++) {
    const b = await lines.nth(i).boundingBox();
    if (b && Math.abs(b.y + b.height / 2 - (box.y + box.height / 2)) < 6) return ((await lines.nth(i).textContent()) ?? '').replace(/\u00a0/g, ' ');
  }
  return undefined;
}

/**
 * The Call Stack's frames once the top two are `top` and `second`. After a step VS Code shows the
 * new top frame over the previous stop's frames until it fetches the rest (or is asked to).
 */
async function fullCallStack(page: Page, top: RegExp, second: RegExp): Promise<string[] | undefined> {
  const f = await callStackFrames(page);
  if (f.length >= 2 && top.test(f[0]) && second.test(f[1])) return f;
  const more = page.locator('.debug-call-stack .monaco-list-row', { hasText: /Load More Stack Frames/i });
  // The row goes away when VS Code fetches the frames by itself: a click may find nothing.
  if (await more.count()) await more.first().click({ timeout: 1_000 }).catch(() => undefined);
  return undefined;
}

/** Turns an exception filter of the Breakpoints view on or off, with a condition when given. */
async function setFilter(page: Page, label: RegExp, on: boolean, condition?: string): Promise<void> {
  const filter = page.locator('.debug-breakpoints .monaco-list-row', { hasText: label }).first();
  const header = page.locator('.debug-viewlet .pane-header[aria-expanded="false"]', { hasText: /^\s*Breakpoints/i });
  if (await header.count()) await header.first().click();
  await waitFor(`the ${label} filter in the Breakpoints view`, async () => {
    if (await filter.isVisible().catch(() => false)) return true;
    await page.locator('.debug-breakpoints').hover().catch(() => undefined);
    await page.mouse.wheel(0, 200);
    return false;
  }, 30_000);
  const box = filter.locator('input[type="checkbox"]');
  if ((await box.isChecked()) !== on) await box.click();
  await waitFor(`the ${label} filter ${on ? 'on' : 'off'}`, async () => (await box.isChecked()) === on, 5_000);
  if (!condition) return;
  await filter.hover();
  await filter.locator('.action-label.codicon-edit, .codicon-debug-breakpoint-conditional, a[aria-label*="Condition" i]').first().click();
  const input = page.locator('.debug-breakpoints .monaco-inputbox input, .debug-breakpoints textarea').first();
  await input.waitFor({ timeout: 10_000 });
  await input.fill(condition);
  await page.keyboard.press('Enter');
}

/** The Variables view's `name = value` row, expanding `scope` first when it is folded. */
async function scopeRow(page: Page, scope: RegExp, row: RegExp): Promise<string | undefined> {
  const found = await variablesRow(page, row);
  if (found) return found.text;
  const s = await variablesRow(page, scope);
  if (s && (await s.row.getAttribute('aria-expanded')) === 'false') await s.row.click();
  return undefined;
}

describe('end to end: debugging a guest across a VM exit in code-server', function () {
  this.timeout(10 * 60_000);
  let server: CodeServerInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let scratch = '', workspace = '';
  let qemuOutput = '';
  const started = Date.now();

  before(async function () {
    ensureCodeServer(log);
    const vsix = process.env.HYPERSTEP_E2E_VSIX ?? buildVsix();
    server = await startCodeServer(vsix, log, { 'debug.toolBarLocation': 'docked' });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-vmexit-'));
    workspace = path.join(scratch, 'hello');
    fs.cpSync(EXAMPLE, workspace, { recursive: true });
    // The oracle: the same guest on QEMU 7.2 under the SBI shim (test/support/qemuGuest.ts).
    const oracle = fs.mkdtempSync(path.join(scratch, 'qemu-'));
    qemuOutput = runGuestOnQemu(gnuLink(path.join(EXAMPLE, 'hello.s'), oracle, 0x80000000), buildShimFlash(oracle), 1).stdout;
    assert.match(qemuOutput, /^Hello from the UART/);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1500, height: 940 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await waitFor('the explorer to list hello.s', async () => (await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'hello.s' }).count()) > 0, 60_000);
    log(`workbench loaded after ${Date.now() - started} ms`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const shot = path.join(os.tmpdir(), `hyperstep-e2e-vmexit-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.log(`      e2e failure screenshot: ${shot}`);
      if (server) console.log(server.output().split('\n').slice(-20).join('\n'));
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const hello = () => path.join(workspace, 'hello.s');
  const openHello = async (): Promise<void> => {
    await page.keyboard.press('Control+Shift+E');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^\s*hello\.s\s*$/ }).first().click();
    await waitFor('hello.s in the editor', async () => (await activeEditorTitle(page)) === 'hello.s', 20_000);
  };
  const phaseShown = (phase: string) => waitFor(`the exit document's ${phase} line highlighted`, async () => new RegExp(`^\\s*${phase}\\s`).test(await pausedLineText(page) ?? ''), 20_000);

  it('nested: from the guest breakpoint on the THR store into the MMIO exit, through its phases and back', async () => {
    const thr = lineOf(hello(), THR);
    await openHello();
    await goToLine(page, thr);
    await clickGutter(page, THR);
    log('breakpoint set on the THR store');

    // F5: the folder's launch.json stops at the entry. The Breakpoints view lists the adapter's
    // exception filters once a session has started: turn on "MMIO access" for the guest's write
    // of 'H' to THR (offset 0), then F5 again runs to the breakpoint.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    await waitFor('the stop at the entry', async () => (await activeEditorTitle(page)) === 'hello.s' && pausedOnLine(page, lineOf(hello(), /^\s*mv s0, a0/)), 60_000);
    await setFilter(page, /^\s*MMIO access/, true, 'write && offset == 0 && value == \'H\'');
    log('MMIO access filter on');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    await waitFor('the stop at the THR store', async () => pausedOnLine(page, thr), 30_000);
    await waitFor('"Paused on breakpoint"', async () => /Paused on breakpoint/.test(await callStackState(page)), 10_000);
    await enlargeVariablesView(page);
    const vcpu = await waitFor('vm1/vcpu0 in the VMM scope', () => scopeRow(page, /^VMM$/, /^vCPU = /), 20_000);
    assert.strictEqual(vcpu, 'vCPU = vm1/vcpu0: hart 0, running the guest (V=1)');
    const guestTop = await waitFor('the guest frame', async () => (await callStackFrames(page))[0], 10_000);
    assert.match(guestTop, new RegExp(`^uart_putc\\b.*\\bhello\\.s ${thr}:`), guestTop);

    // Step Into: the store exits. The hypervisor frame is on top, its document open at "decode".
    await page.keyboard.press('F11');
    await waitFor('the exit document in the editor', async () => /^exit #\d+ mmio\.uart\.write \(vm1 vcpu0\)$/.test(await activeEditorTitle(page)), 30_000);
    await phaseShown('decode');
    await waitFor('the stop\'s description', async () => /VM exit: MMIO access/.test(await callStackState(page)), 10_000);
    const frames = await waitFor('the hypervisor frame over the guest frame', () => fullCallStack(page, /^mmio\.uart\.write/, /^uart_putc\b/), 20_000);
    log(`call stack:\n        ${frames.join('\n        ')}`);
    assert.match(frames[0], /^mmio\.uart\.write \[VM exit #\d+: MMIO access\]/);
    assert.match(frames[1], new RegExp(`^uart_putc\\b.*\\bhello\\.s ${thr}:`));
    // The exit in progress, field by field, for the screenshot (the guest's registers folded).
    await expandVariable(page, /^Guest vCPU$/, false);
    await expandVariable(page, /^VMM$/);
    await expandVariable(page, /^exit in progress = /);
    const device = await waitFor('the exit\'s device register', async () => (await variablesRow(page, /^device = /))?.text, 10_000);
    assert.strictEqual(device, 'device = vm1.uart0 + 0x0');
    await resizeSideBar(page, 560);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    log(`screenshot saved to ${SCREENSHOT}`);

    // Step Over: one phase each; emulate writes THR, and the byte goes out.
    await page.keyboard.press('F10');
    await phaseShown('emulate');
    await page.keyboard.press('F10');
    await phaseShown('update');
    const sent = await waitFor('the byte in "Changed by the last phase"', () => scopeRow(page, /^Changed by the last phase$/, /^vm1\.uart0 sent = /), 20_000);
    assert.strictEqual(sent, 'vm1.uart0 sent = (none) → "H" (0x48)');
    await page.keyboard.press('F10');
    await phaseShown('resume');

    // Step Out: back in the guest, after the store.
    await page.keyboard.press('Shift+F11');
    await waitFor('the guest after the store', async () => (await activeEditorTitle(page)) === 'hello.s' && pausedOnLine(page, thr + 1), 30_000);
    await waitFor('"VM entry"', async () => /VM entry/.test(await callStackState(page)), 10_000);

    // Without the breakpoint, to the end: the UART terminal shows what QEMU prints.
    await clickGutter(page, THR);
    await page.keyboard.press('F5');
    await page.locator('.panel .composite-bar .action-item', { hasText: /terminal/i }).first().click();
    await waitFor('the session to end', async () => /debug session ended/.test(await terminalText(page)), 60_000);
    const uart = (await terminalText(page)).replace(/\n/g, '');
    for (const line of qemuOutput.split('\n').filter(Boolean)) assert.ok(uart.includes(line), `the UART terminal shows "${line}":\n${uart}`);
    log(`nested scenario done after ${Date.now() - started} ms`);
  });

  it('shadow: stops at the privileged instruction filter and steps through its emulation', async () => {
    // The folder's launch.json with "paging": "shadow", and a supervisor CSR write in the guest.
    const launch = path.join(workspace, '.vscode', 'launch.json');
    fs.writeFileSync(launch, fs.readFileSync(launch, 'utf8').replace('"paging": "nested"', '"paging": "shadow"'));
    const text = fs.readFileSync(hello(), 'utf8').split('\n');
    const blank = text.findIndex((l, i) => i > text.findIndex((x) => /li s10, 0/.test(x)) && l.trim() === '');
    text[blank] = CSR_LINE; // the blank line: no line number moves
    fs.writeFileSync(hello(), text.join('\n'));
    const csr = blank + 1;
    await openHello();
    // The editor still holds hello.s from the first scenario, and a loaded host can be slow to
    // notice the change on disk: reload it from disk.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('File: Revert File');
    await waitFor('"File: Revert File" in the palette', async () => (await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Revert File' }).count()) > 0, 10_000);
    await page.keyboard.press('Enter');
    await goToLine(page, csr);
    await waitFor('the editor to show the CSR write', async () => (await lineCentre(page, CSR)) !== undefined, 20_000);

    await page.keyboard.press('Control+Shift+D');
    await setFilter(page, /^\s*MMIO access/, false);
    await setFilter(page, /^\s*privileged instruction/, true);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    await waitFor('the stop at the entry', async () => (await activeEditorTitle(page)) === 'hello.s' && pausedOnLine(page, lineOf(hello(), /^\s*mv s0, a0/)), 60_000);
    await page.keyboard.press('F5');
    await waitFor('the exit document of emulate.csr', async () => /^exit #\d+ emulate\.csr \(vm1 vcpu0\)$/.test(await activeEditorTitle(page)), 30_000);
    await phaseShown('decode');
    await waitFor('"VM exit: privileged instruction"', async () => /VM exit: privileged instruction/.test(await callStackState(page)), 10_000);
    const frames = await waitFor('the hypervisor frame over the guest frame', () => fullCallStack(page, /^emulate\.csr/, /^_start\b/), 20_000);
    assert.match(frames[0], /^emulate\.csr \[VM exit #\d+: privileged instruction\]/);
    assert.match(frames[1], new RegExp(`^_start\\b.*\\bhello\\.s ${csr}:`));

    await page.keyboard.press('F10');
    await phaseShown('emulate');
    await page.keyboard.press('F10');
    await phaseShown('update');
    const changed = await waitFor('vsscratch in "Changed by the last phase"', () => scopeRow(page, /^Changed by the last phase$/, /^vsscratch = /), 20_000);
    assert.match(changed, /^vsscratch = 0 → 0x8[0-9a-f]{7}$/, 'the guest\'s sscratch is its virtual supervisor\'s: now sp');
    await page.keyboard.press('F10');
    await phaseShown('resume');
    await page.keyboard.press('Shift+F11');
    // The next instruction is `call uart_init` (a comment line in between).
    const next = lineOf(hello(), /^\s*call uart_init/);
    assert.ok(next > csr);
    await waitFor('the guest after the CSR write', async () => (await activeEditorTitle(page)) === 'hello.s' && pausedOnLine(page, next), 30_000);
    // The guest's privilege is the VMM's virtual one (the hart runs it in U-mode).
    await debugConsoleRun(page, 'info registers');
    const mode = await waitFor('the mode in the Debug Console', async () => /^mode\s+.*$/m.exec(await debugConsoleText(page))?.[0], 10_000);
    assert.strictEqual(mode.replace(/\s+/g, ' '), 'mode S (deprivileged: U-mode, V=0), vm1/vcpu0');
    await page.keyboard.press('Shift+F5');
    log(`shadow scenario done after ${Date.now() - started} ms`);
  });
});
