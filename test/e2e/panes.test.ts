import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CodeServerInstance, REPO, buildVsix, ensureCodeServer, startCodeServer } from './codeServer';
import { enableMmioFilter, openHyperstepContainer, PANES, paneFrame, paneText, showOnly, currentLineText, widenSidebar } from './panesWorkbench';
import { log, waitFor } from './workbench';

/**
 * The Hyperstep panes end to end in code-server: package and install the .vsix, open a copy of
 * examples/guests/paging, turn on the "MMIO access" VM-exit filter, press F5 (its launch.json runs
 * the guest under the VMM, stopped at entry), continue into the first MMIO exit, then open each
 * pane from the Hyperstep activity-bar container and check what it shows: the vCPU in its exit,
 * the guest's and the VMM's page tables and a translate, the UART with the exit that touched it,
 * the exit list (a click opens the guest source). Saves docs/screenshots/panes-*.png. A bare-metal
 * session first: the panes say there is no VMM.
 */

const EXAMPLE = path.join(REPO, 'examples', 'guests', 'paging');
const SHOTS = path.join(REPO, 'docs', 'screenshots');
/** The test finisher's register: paging.s powers off there, after all its paging work. */
const FINISHER = '0x100000';
/** Bare metal, forever: a session that runs until stopped. */
const SPIN = '        .text\n        .globl _start\n_start: j _start      # spin\n';
describe('end to end: the Hyperstep panes in code-server', function () {
  this.timeout(10 * 60_000);
  let server: CodeServerInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let scratch = '';

  before(async function () {
    ensureCodeServer(log);
    const vsix = process.env.HYPERSTEP_E2E_VSIX ?? buildVsix();
    server = await startCodeServer(vsix, log, { 'workbench.colorTheme': 'Default Dark Modern' });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-panes-'));
    fs.cpSync(EXAMPLE, path.join(scratch, 'paging'), { recursive: true });
    fs.writeFileSync(path.join(scratch, 'paging', 'spin.s'), SPIN);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('console', (m) => { if (m.type() === 'error') log(`console error: ${m.text().slice(0, 300)}`); });
    page.on('requestfailed', (r) => log(`request failed: ${r.url().slice(-100)} ${r.failure()?.errorText}`));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(path.join(scratch, 'paging'))}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await waitFor('the explorer to list paging.s', async () => (await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'paging.s' }).count()) > 0, 60_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const shot = path.join(os.tmpdir(), `hyperstep-e2e-panes-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.log(`      e2e failure screenshot: ${shot}`);
      if (server) console.log(server.output().split('\n').slice(-20).join('\n'));
      for (const f of page.frames()) {
        const info = await f.evaluate('document.body ? (document.body.dataset.view || "") + " " + document.body.innerHTML.slice(0, 200) : ""').catch((e: Error) => e.message);
        if (/fake\.html/.test(f.url())) console.log(`      frame ${f.url().slice(-50)}: ${String(info).replace(/\s+/g, ' ')}`);
      }
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('says "no VMM session" without a session and for a bare-metal one', async () => {
    await openHyperstepContainer(page);
    for (const p of PANES) {
      await showOnly(page, p.title);
      await waitFor(`${p.view}: no VMM session`, async () => /no VMM session/.test(await paneText(page, p.view, '.status') ?? ''), 60_000);
    }
    // A bare-metal program (running): the adapter has no VMM, and the panes say so.
    await page.keyboard.press('Control+P');
    await page.keyboard.type('spin.s');
    await waitFor('spin.s in Quick Open', async () => (await page.locator('.quick-input-list .monaco-list-row', { hasText: 'spin.s' }).count()) > 0, 10_000);
    await page.keyboard.press('Enter');
    await waitFor('spin.s in the editor', async () => (await page.locator('.monaco-editor .view-line', { hasText: 'spin' }).count()) > 0, 20_000);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('Hyperstep: Debug Assembly File');
    await page.keyboard.press('Enter');
    // Starting a session shows Run and Debug; come back to the panes after that.
    await waitFor('the session to start', async () => (await page.locator('.debug-toolbar').isVisible().catch(() => false)) &&
      (await page.locator('.debug-view-content, .debug-viewlet').first().isVisible().catch(() => false)), 30_000);
    await openHyperstepContainer(page);
    await showOnly(page, 'vCPUs');
    const status = await waitFor('the vCPUs pane to say there is no VMM', async () => {
      const t = await paneText(page, 'vcpus', '.status') ?? '';
      return /no VMM session: /.test(t) ? t : undefined;
    }, 60_000);
    log(`bare metal: ${status}`);
    await page.keyboard.press('Shift+F5');
    await waitFor('the session to end', async () => (await page.locator('.debug-toolbar').count()) === 0 || !(await page.locator('.debug-toolbar').isVisible()), 20_000);
  });

  it('stops in an MMIO exit and shows it in every pane (screenshots in docs/screenshots)', async () => {
    // Run and Debug: turn on the "MMIO access" VM-exit filter, only for the finisher's register.
    await enableMmioFilter(page, `gpa == ${FINISHER}`);
    log('MMIO filter on, for the finisher');

    // F5: launch.json starts paging.s under the VMM, stopped at its entry; F5 again runs it to the exit.
    await page.locator('.part.editor').click({ position: { x: 400, y: 300 } }).catch(() => undefined);
    await page.keyboard.press('F5');
    await waitFor('the stop at entry', async () => page.locator('.debug-toolbar .codicon-debug-continue').isVisible().catch(() => false), 60_000);
    await page.keyboard.press('F5');
    await openHyperstepContainer(page);
    await widenSidebar(page, 1150);

    await showOnly(page, 'vCPUs');
    const row = await waitFor('vm1/vcpu0 in its MMIO exit in the vCPUs pane', async () => {
      const t = await paneText(page, 'vcpus', 'section.vm[data-vm="vm1"] tbody tr');
      return t && /in exit #\d+: mmio\.test\.write/.test(t) ? t : undefined;
    }, 90_000);
    assert.match(row, /vm1\/vcpu0\s+running/);
    assert.match(row, /paging\.s:\d+/, 'the pc is located in the guest source');
    assert.match(await paneText(page, 'vcpus', '.status') ?? '', /stopped/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'panes-vcpus.png') });

    await showOnly(page, 'Page Tables');
    const tables = await paneFrame(page, 'pageTables');
    await waitFor('the guest table', async () => (await tables.locator('.guest-tree vscode-tree > vscode-tree-item').count()) >= 4, 30_000);
    const demand = tables.locator('.guest-tree vscode-tree > vscode-tree-item[data-index="256"]');
    assert.match(await demand.innerText(), /\[256\] 0x40000000 → table 0x8/);
    await demand.click({ position: { x: 14, y: 10 } });
    await waitFor('the demand region\'s pages', async () => (await demand.locator('vscode-tree-item').count()) >= 3, 20_000);
    await tables.locator('vscode-textfield input').fill('0x40000000');
    await tables.locator('vscode-textfield input').press('Enter');
    await waitFor('the 2-D walk of 0x40000000', async () => (await tables.locator('.walk-grid .cell.ref').count()) === 8, 20_000);
    assert.match(await tables.locator('.walk-summary').innerText(), /GVA 0x40000000 → GPA 0x8[0-9a-f]{7} → HPA 0x8[0-9a-f]{7}/);
    assert.deepStrictEqual((await tables.locator('.walk-grid .rowlabel').allInnerTexts()).map((x) => x.trim()), ['VS L1 PTE', 'VS L0 PTE', 'data']);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'panes-page-tables.png') });

    await showOnly(page, 'Devices');
    await waitFor('the UART in the Devices pane', async () => /UART 16550A · vm1\.uart0/.test(await paneText(page, 'devices', 'section.uart h2') ?? ''), 30_000);
    assert.match(await paneText(page, 'devices', 'section.uart details.recent') ?? '', /mmio\.uart\.(write|read)/);
    await page.screenshot({ path: path.join(SHOTS, 'panes-devices.png') });

    await showOnly(page, 'VM Exits');
    const exits = await paneFrame(page, 'exits');
    await waitFor('the exit list', async () => (await exits.locator('table.exits tbody tr').count()) > 10, 30_000);
    assert.match(await exits.locator('.totals').innerText(), /vm1: .*MMIO access \d+/);
    await page.screenshot({ path: path.join(SHOTS, 'panes-exits.png') });
    // Clicking an exit (the latest console SBI call) opens paging.s at the guest's ecall.
    await exits.locator('table.exits tbody tr', { hasText: 'sbi.console_putchar' }).first().click();
    await waitFor('paging.s opened at the exit\'s pc', async () => /paging\.s/.test(await page.locator('.tabs-container .tab.active').innerText().catch(() => '')), 20_000);
    await waitFor('the cursor on the ecall', async () => /^\s*(\d:)?\s*ecall/.test((await page.locator('.monaco-editor .view-overlays .current-line').count()) ? await currentLineText(page) : ''), 10_000);
    await page.keyboard.press('Shift+F5');
  });
});
