import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Frame, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CodeServerInstance, REPO, buildVsix, ensureCodeServer, startCodeServer } from './codeServer';
import { enableMmioFilter, openHyperstepContainer, paneFrame, showOnly, widenSidebar } from './panesWorkbench';
import { log, quickOpen, waitFor } from './workbench';

/**
 * The shadow side of the panes and the mode comparison, end to end in code-server: a copy of
 * examples/guests/paging whose launch.json runs the guest under shadow paging, stopped (by the
 * "MMIO access" filter) at its finisher store; the Page Tables pane then shows the shadow
 * table the hart walks beside the guest's, says the nested column is not used, marks the
 * guest's write-protected tables, and compares the walks of a translate. Then "Hyperstep:
 * Compare Virtualization Modes" on paging.s draws its chart and table, and on a file that does
 * not assemble says so and fills the Problems view. Saves
 * docs/screenshots/panes-page-tables-shadow.png and docs/screenshots/compare-modes.png.
 */

const EXAMPLE = path.join(REPO, 'examples', 'guests', 'paging');
const SHOTS = path.join(REPO, 'docs', 'screenshots');
const LAUNCH = {
  version: '0.2.0',
  configurations: [{
    type: 'hyperstep', request: 'launch', name: 'Guest: paging under shadow paging',
    vms: [{ name: 'vm1', program: '${workspaceFolder}/paging.s', memory: '64M', vcpus: 1, paging: 'shadow' }],
    stopOnEntry: true,
  }],
};
const BAD = '  .globl _start\n_start:\n  addi a0, a0\n  j _start\n';

/** The comparison's webview frame (VS Code nests each webview's document in an iframe). */
async function compareFrame(page: Page): Promise<Frame> {
  return waitFor('the comparison webview', async () => {
    for (const f of page.frames()) {
      const v = await f.evaluate('document.body && document.body.dataset.view').catch(() => undefined);
      if (v === 'compare') return f;
    }
    return undefined;
  }, 120_000);
}

/** The title of the active editor group's active tab. */
async function activeTab(page: Page): Promise<string> {
  return page.locator('.editor-group-container.active .tab.active').first().innerText().catch(() => '');
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(title);
  await waitFor(`"${title}" in the palette`, async () => (await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).count()) > 0, 10_000);
  await page.keyboard.press('Enter');
}

describe('end to end: shadow paging in the Page Tables pane, and the mode comparison', function () {
  this.timeout(10 * 60_000);
  let server: CodeServerInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let scratch = '';

  before(async function () {
    ensureCodeServer(log);
    const vsix = process.env.HYPERSTEP_E2E_VSIX ?? buildVsix();
    server = await startCodeServer(vsix, log, { 'workbench.colorTheme': 'Default Dark Modern' });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-panes-shadow-'));
    const folder = path.join(scratch, 'paging');
    fs.cpSync(EXAMPLE, folder, { recursive: true });
    fs.writeFileSync(path.join(folder, '.vscode', 'launch.json'), JSON.stringify(LAUNCH, null, 2));
    fs.writeFileSync(path.join(folder, 'bad.s'), BAD);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('console', (m) => { if (m.type() === 'error') log(`console error: ${m.text().slice(0, 300)}`); });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await waitFor('the explorer to list paging.s', async () => (await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'paging.s' }).count()) > 0, 60_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const shot = path.join(os.tmpdir(), `hyperstep-e2e-panes-shadow-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.log(`      e2e failure screenshot: ${shot}`);
      if (server) console.log(server.output().split('\n').slice(-20).join('\n'));
      console.log(`      notifications: ${(await page.locator('.notifications-toasts').innerText().catch(() => '')).replace(/\s+/g, ' ')}`);
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('a shadow VM: the shadow table beside the guest\'s, the nested column unused, the walks compared', async () => {
    // F5: launch.json starts paging.s under shadow paging, stopped at its entry (the adapter's
    // exception filters are listed once a session of its type runs); then on to the finisher store.
    await quickOpen(page, 'paging.s');
    await waitFor('paging.s in the editor', async () => /paging\.s/.test(await activeTab(page)), 20_000);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    await waitFor('the stop at entry', async () => page.locator('.debug-toolbar .codicon-debug-continue').isVisible().catch(() => false), 60_000);
    await enableMmioFilter(page, 'gpa == 0x100000');
    await page.locator('.debug-toolbar .codicon-debug-continue').click();
    await openHyperstepContainer(page);
    await widenSidebar(page, 1250);
    await showOnly(page, 'Page Tables');
    const tables = await paneFrame(page, 'pageTables');
    await waitFor('the shadow tree', async () => (await tables.locator('.shadow-tree vscode-tree > vscode-tree-item').count()) >= 2, 90_000);
    assert.match(await tables.locator('[data-stage="G"] .unused').innerText(), /^Not used: this VM runs deprivileged/);
    assert.match(await tables.locator('[data-stage="shadow"] .meta').innerText(), /real satp 0x[0-9a-f]{8}: ASID \d+, root at HPA 0x8[0-9a-f]{7}/);
    // The guest's demand table is a page the shadow depends on: write-protected.
    const demand = tables.locator('.guest-tree vscode-tree > vscode-tree-item[data-index="256"]');
    await waitFor('the guest table', async () => (await demand.count()) === 1, 30_000);
    assert.match(await demand.innerText(), /\[256\] 0x40000000 → table 0x8[0-9a-f]{7}[\s\S]*write-protected \(1 shadow\)/);
    // The shadow's table for the same region: the pages paging.s touched there, each a 4 KiB leaf to a host page.
    const shadowDemand = tables.locator('.shadow-tree vscode-tree > vscode-tree-item[data-index="256"]');
    await shadowDemand.click({ position: { x: 14, y: 10 } });
    await waitFor('the shadow leaves of 0x40000000', async () => (await shadowDemand.locator('vscode-tree-item').count()) >= 4, 20_000);
    assert.match(await shadowDemand.locator('vscode-tree-item').first().innerText(), /\[0\] 0x40000000 → 0x8[0-9a-f]{7}[\s\S]*GPA 0x8[0-9a-f]{7}/);
    const kernel = tables.locator('.shadow-tree vscode-tree > vscode-tree-item[data-index="512"]');
    await kernel.click({ position: { x: 14, y: 10 } });
    await waitFor('the W-withheld marks of the guest\'s page-table pages', async () => (await kernel.locator('.tag.wp').count()) >= 1, 20_000);
    // The walks of 0x40000000 compared: 2 references in hardware, 8 under nested paging.
    await tables.locator('vscode-textfield input').fill('0x40000000');
    await tables.locator('vscode-textfield input').press('Enter');
    await waitFor('the walk comparison', async () => (await tables.locator('.walk-counts .count-n').count()) === 3, 20_000);
    const counts = await tables.locator('.walk-counts .count-n').allInnerTexts();
    assert.deepStrictEqual(counts.slice(0, 2), ['2', '8']);
    assert.match(await tables.locator('.lesson').innerText(), /Shadow: a cheap hardware walk \(2 references\), paid for in syncs: \d+ exits/);
    await waitFor('the nested walk grid', async () => (await tables.locator('.walk-grid .cell.ref').count()) === 8, 20_000);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'panes-page-tables-shadow.png') });
    await page.keyboard.press('Shift+F5');
    await waitFor('the session to end', async () => (await page.locator('.debug-toolbar').count()) === 0 || !(await page.locator('.debug-toolbar').isVisible()), 20_000);
  });

  it('Compare Virtualization Modes: a chart and the table per mode for paging.s; Problems for a guest that does not assemble', async () => {
    await runCommand(page, 'View: Close All Editors');
    await page.keyboard.press('Control+Shift+E');
    await quickOpen(page, 'paging.s');
    await waitFor('paging.s in the editor', async () => /paging\.s/.test(await activeTab(page)), 20_000);
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'Hyperstep: Compare Virtualization Modes');
    const frame = await compareFrame(page);
    await waitFor('the comparison table', async () => (await frame.locator('table.compare tbody tr').count()) > 20, 120_000);
    assert.deepStrictEqual(await frame.locator('table.compare thead th[data-mode]').allInnerTexts(), ['bare', 'nested', 'shadow', 'paravirt', 'previrt']);
    assert.deepStrictEqual(await frame.locator('table.compare tbody tr').first().locator('td').allInnerTexts(), ['0', '0', '0', '0', '0'], 'every mode exits with 0');
    assert.match(await frame.locator('.verdict').innerText(), /same output in every mode/);
    assert.strictEqual(await frame.locator('.chart canvas').count(), 5);
    const legend = await frame.locator('.exits-by-reason .u-legend .u-series .u-label').allInnerTexts();
    assert.ok(legend.includes('hidden fault (shadow fill)') && legend.includes('paravirtual hypercall'), legend.join(', '));
    assert.match(await page.locator('.tabs-container .tab', { hasText: 'Modes: paging.s' }).innerText(), /Modes: paging\.s/);
    // The side bar and the panel away: the comparison gets the room.
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+J');
    await page.waitForTimeout(1200);
    await page.screenshot({ path: path.join(SHOTS, 'compare-modes.png') });
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+J');

    // A guest that does not assemble: no comparison, an error naming the line, the Problems view filled.
    await quickOpen(page, 'bad.s');
    await waitFor('bad.s in the editor', async () => /bad\.s/.test(await activeTab(page)), 20_000);
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'Hyperstep: Compare Virtualization Modes');
    const toast = await waitFor('the error notification', async () => {
      const t = await page.locator('.notifications-toasts .notification-toast', { hasText: 'cannot compare' }).first().innerText().catch(() => '');
      return t || undefined;
    }, 30_000);
    assert.match(toast, /Hyperstep: cannot compare: bad\.s:3:\d+: /);
    await page.keyboard.press('Control+Shift+M');
    await waitFor('the error in the Problems view', async () => /bad\.s[\s\S]*missing operand/.test(await page.locator('.markers-panel').innerText().catch(() => '')), 20_000);
  });
});
