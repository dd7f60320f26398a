import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { assemble, LineTable } from '../../src/engine/asm';
import { createVmmMachine, Vmm } from '../../src/engine/vmm';
import type { Machine } from '../../src/engine/machine/machine';
import type { DevicesResponse, ExitsResponse, PageTablesResponse, VcpusResponse } from '../../src/debugAdapter/paneProtocol';
import { PaneRequests } from '../../src/debugAdapter/paneRequests';
import { paneHtml, PaneView } from '../../src/extension/panes/paneHtml';
import { CHROMIUM, CHROMIUM_ARGS, ensureCodeServer } from '../e2e/codeServer';

/**
 * The panes' webview bundle (dist/webview/panes.js, built here with webpack as `npm run package`
 * builds it) in Debian's Chromium, talking to PaneRequests over a real VMM run of two example
 * guests on two harts (examples/guests/paging as vm1, examples/guests/smp as vm2 with two vCPUs), stopped at
 * vm1's MMIO exit for the finisher. The page is the extension's own HTML (CSP and all) with a
 * stand-in for VS Code's webview API that answers requests from PaneRequests; the DOM must show
 * what the requests say.
 */

const REPO = path.resolve(__dirname, '..', '..', '..');
const BUNDLE = path.join(REPO, 'dist', 'webview', 'panes.js');
const ORIGIN = 'https://panes.hyperstep.test';
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-panes-'));

/** A dark theme's colours, as VS Code puts them on the webview's <html>. */
const THEME = `:root {
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #ccccccb3; --vscode-editor-background: #1e1e1e;
  --vscode-sideBar-background: #252526; --vscode-font-family: sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: monospace; --vscode-panel-border: #80808059; --vscode-textLink-foreground: #3794ff;
  --vscode-badge-background: #4d4d4d; --vscode-badge-foreground: #ffffff; --vscode-button-background: #0e639c;
  --vscode-button-foreground: #ffffff; --vscode-errorForeground: #f48771; --vscode-list-hoverBackground: #2a2d2e;
  --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185;
  --vscode-charts-purple: #b180d7; --vscode-charts-red: #f14c4c; --vscode-charts-yellow: #cca700;
}`;

/** VS Code's `acquireVsCodeApi`, answering from the test's PaneRequests through exposed functions. */
const WEBVIEW_API = `
window.acquireVsCodeApi = () => {
  let state;
  return {
    getState: () => state,
    setState: (s) => { state = s; },
    postMessage: async (m) => {
      if (m.type === 'ready') window.postMessage({ type: 'session', active: true, running: false }, '*');
      else if (m.type === 'request') {
        try { window.postMessage({ type: 'response', id: m.id, body: await window.__paneRequest(m.command, m.args) }, '*'); }
        catch (e) { window.postMessage({ type: 'response', id: m.id, error: String(e && e.message || e) }, '*'); }
      } else if (m.type === 'open') window.__paneOpen(m.vm, m.pc);
    },
  };
};`;

function buildGuest(file: string): { image: NonNullable<ReturnType<typeof assemble>['image']>; lines: LineTable } {
  const r = assemble([{ path: file, text: fs.readFileSync(file, 'utf8') }]);
  assert.ok(r.image, r.diagnostics.map((d) => d.message).join('\n'));
  return { image: r.image!, lines: r.lineTable };
}

const hex = (v: number): string => '0x' + (v >>> 0).toString(16).padStart(8, '0');

describe('panes: the webview bundle in Chromium, on a real VMM run', function () {
  this.timeout(240_000);
  let browser: Browser | undefined;
  let machine: Machine;
  let vmm: Vmm;
  let panes: PaneRequests;
  /** examples/guests/paging under shadow paging, stopped at the same MMIO exit. */
  let shadowPanes: PaneRequests;
  let shadowVmm: Vmm;
  const opened: [string, number][] = [];

  before(async function () {
    ensureCodeServer(() => undefined); // Debian's Chromium (and code-server) from the shared setup script when missing
    execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--config-name', 'webview'],
      { cwd: REPO, stdio: 'pipe', timeout: 180_000 });
    assert.ok(fs.existsSync(BUNDLE));
    const paging = buildGuest(path.join(REPO, 'examples/guests/paging/paging.s'));
    const smp = buildGuest(path.join(REPO, 'examples/guests/smp/smp.s'));
    ({ machine, vmm } = createVmmMachine([
      { name: 'vm1', image: paging.image, memory: 64 << 20, vcpus: 1, paging: 'nested', mapping: 'lazy' },
      { name: 'vm2', image: smp.image, memory: 16 << 20, vcpus: 2, paging: 'nested', mapping: 'lazy' },
    ], { harts: 2 }));
    vmm.stopAtExit = (e) => e.vm === 'vm1' && e.detail.reason === 'mmio' && e.detail.gpa === 0x100000;
    const stop = machine.run(50_000_000);
    assert.strictEqual(stop.kind, 'vm-exit', JSON.stringify(stop));
    const lines: Record<string, LineTable> = { vm1: paging.lines, vm2: smp.lines };
    panes = new PaneRequests(vmm, machine, (vm, pc) => {
      const l = lines[vm.name].locate(pc);
      return l ? { file: l.file, line: l.line } : undefined;
    });
    const deprivileged = createVmmMachine([{ name: 'vm1', image: paging.image, memory: 64 << 20, vcpus: 1, paging: 'shadow', mapping: 'lazy' }]);
    shadowVmm = deprivileged.vmm;
    shadowVmm.stopAtExit = (e) => e.detail.reason === 'mmio' && e.detail.gpa === 0x100000;
    assert.strictEqual(deprivileged.machine.run(50_000_000).kind, 'vm-exit');
    shadowPanes = new PaneRequests(shadowVmm, deprivileged.machine, () => undefined);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => { await browser?.close(); });

  async function openPane(view: PaneView, width = 1100, height = 900, requests = panes): Promise<Page> {
    const page = await browser!.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => { throw e; });
    await page.exposeFunction('__paneRequest', (command: string, args: Record<string, unknown>) => requests.handle(command, args));
    await page.exposeFunction('__paneOpen', (vm: string, pc: number) => { opened.push([vm, pc]); });
    await page.addInitScript(WEBVIEW_API);
    const html = paneHtml({ view, scriptUri: `${ORIGIN}/panes.js`, cspSource: ORIGIN, nonce: 'test-nonce' }).replace('</head>', `<style>${THEME}</style></head>`);
    await page.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/panes.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: fs.readFileSync(BUNDLE, 'utf8') });
      return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    });
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForSelector('.status.stopped', { timeout: 30_000 });
    return page;
  }

  /** Pixels of a canvas that are not background: the chart drew something. */
  async function inkedPixels(page: Page, selector: string): Promise<number> {
    // A string, so this Node-side file needs no DOM types.
    return page.evaluate(`(() => {
      const canvas = document.querySelector(${JSON.stringify(selector)});
      const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    })()`);
  }

  it('vCPUs: a table per VM with each vCPU\'s state, pc and CSRs, and an exits-by-reason chart', async () => {
    const data = panes.handle('hyperstep/vcpus') as VcpusResponse;
    const page = await openPane('vcpus');
    for (const vm of data.vms) {
      const section = page.locator(`section.vm[data-vm="${vm.name}"]`);
      await section.waitFor();
      assert.match(await section.locator('h2').innerText(), new RegExp(`${vm.name}\\s+${vm.state}`));
      const rows = section.locator('table.vcpus tbody tr');
      assert.strictEqual(await rows.count(), vm.vcpus.length);
      for (const v of vm.vcpus) {
        const cells = (await rows.nth(v.index).locator('td').allInnerTexts()).map((t) => t.trim());
        assert.strictEqual(cells[0], v.name);
        assert.match(cells[1], new RegExp(`^${v.state}`));
        assert.strictEqual(cells[2], v.mode);
        assert.ok(cells[3].startsWith(hex(v.pc)), `${cells[3]} shows ${hex(v.pc)}`);
        if (v.location) assert.ok(cells[3].includes(`${path.basename(v.location.file)}:${v.location.line}`));
        assert.strictEqual(cells[6], hex(v.csrs.vsatp));
        assert.strictEqual(cells[13], String(v.exits));
      }
      assert.ok(await inkedPixels(page, `section.vm[data-vm="${vm.name}"] .reason-bars canvas`) > 100, `${vm.name}'s chart has bars`);
      assert.deepStrictEqual(await section.locator('.u-legend .u-series .u-label').allInnerTexts(), vm.vcpus.map((v) => `vcpu${v.index}`));
    }
    // vm1 is in the VMM handling its finisher store: the row says which exit and phase.
    const vm1 = data.vms[0].vcpus[0];
    assert.strictEqual(vm1.inExit?.handler, 'mmio.test.write');
    assert.match(await page.locator('section.vm[data-vm="vm1"] tbody tr').first().innerText(), /in exit #\d+: mmio\.test\.write \(decode\)/);
    // Clicking a pc asks to open the guest source there.
    await page.locator('section.vm[data-vm="vm1"] a.addr').first().click();
    await waitUntil(() => opened.some(([n, pc]) => n === 'vm1' && pc === vm1.pc));
    await page.screenshot({ path: path.join(SHOTS, 'vcpus.png'), fullPage: true });
    await page.close();
  });

  it('Page tables: both tables as trees, children on demand, and the 2-D walk grid of a translate', async () => {
    const data = panes.handle('hyperstep/pageTables', { vm: 'vm1' }) as PageTablesResponse;
    const page = await openPane('pageTables');
    const guestItems = page.locator('.guest-tree vscode-tree > vscode-tree-item');
    await waitUntil(async () => (await guestItems.count()) === data.guest!.entries.length);
    const nestedItems = page.locator('.nested-tree vscode-tree > vscode-tree-item');
    await waitUntil(async () => (await nestedItems.count()) === data.nested!.entries.length);
    // paging.s maps three megapages and one second-level table (0x40000000, its demand region).
    const pointer = data.guest!.entries.find((e) => !e.leaf)!;
    assert.strictEqual(pointer.from, 0x40000000);
    const item = page.locator(`.guest-tree vscode-tree > vscode-tree-item[data-index="${pointer.index}"]`);
    assert.match(await item.innerText(), new RegExp(`\\[${pointer.index}\\] 0x40000000 → table ${hex(pointer.to)}`));
    assert.match((await item.getAttribute('title'))!, /^GVA 0x40000000\.\.0x403fffff \(4 MiB\) → next table at GPA/);
    const child = (panes.handle('hyperstep/pageTables', { vm: 'vm1', table: { stage: 'VS', address: pointer.to, level: 0, base: pointer.from } }) as PageTablesResponse).table!;
    assert.strictEqual(await item.locator('vscode-tree-item').count(), 0, 'not loaded before it is opened');
    await item.click({ position: { x: 12, y: 10 } });
    await waitUntil(async () => (await item.locator('vscode-tree-item').count()) === child.entries.length);
    for (const e of child.entries) {
      assert.match(await item.locator(`vscode-tree-item[data-index="${e.index}"]`).innerText(), new RegExp(`\\[${e.index}\\] ${hex(e.from)} → ${hex(e.to)}`));
    }
    assert.match(await page.locator('[data-stage="shadow"]').innerText(), /Shadow table/i);
    assert.match(await page.locator('[data-stage="shadow"] .unused').innerText(), /^Not used: this VM uses nested paging/);
    assert.ok(await page.locator('[data-stage="G"] .unused').isHidden());
    assert.ok(await page.locator('[data-stage="shadow"] .roots').isHidden(), 'no shadow roots to pick');

    // Translate the first demand page: VS L1 pointer, VS L0 leaf, data: 8 references.
    const gva = 0x40000000;
    const t = (panes.handle('hyperstep/pageTables', { vm: 'vm1', translate: gva }) as PageTablesResponse).translate!;
    await page.locator('vscode-textfield input').fill('0x40000000');
    await page.locator('vscode-textfield input').press('Enter');
    const cells = page.locator('.walk-grid .cell.ref');
    await waitUntil(async () => (await cells.count()) === t.cells.length);
    assert.strictEqual(t.cells.length, 8);
    for (const c of t.cells) {
      const cell = page.locator(`.walk-grid .cell.ref[data-n="${c.n}"]`);
      const text = await cell.innerText();
      assert.match(text, new RegExp(`${c.stage} L${c.level} PTE`));
      assert.ok(text.includes(hex(c.pte!)), `cell ${c.n} shows PTE ${hex(c.pte!)}: ${text}`);
      assert.ok(text.includes(c.tlb === 'hit' ? 'TLB hit' : 'TLB miss'));
    }
    // Row by row: VS L1 PTE, VS L0 PTE, data; the grid's order is the walk's order.
    const heads = (await page.locator('.walk-grid .rowhead .rowlabel').allInnerTexts()).map((s) => s.trim());
    assert.deepStrictEqual(heads, ['VS L1 PTE', 'VS L0 PTE', 'data']);
    assert.match(await page.locator('.walk-summary').innerText(), new RegExp(`GVA ${hex(gva)} → GPA ${hex(t.gpa!)} → HPA ${hex(t.hpa!)}`));
    await page.waitForTimeout(1500); // the walk's cells fade in one by one
    await page.screenshot({ path: path.join(SHOTS, 'page-tables.png'), fullPage: true });
    await page.close();
  });

  it('Page tables, shadow VM: the shadow tree with its marks, the guest\'s protected tables, the walks compared', async () => {
    const data = shadowPanes.handle('hyperstep/pageTables', { vm: 'vm1' }) as PageTablesResponse;
    assert.strictEqual(data.paging, 'shadow');
    const page = await openPane('pageTables', 1300, 1000, shadowPanes);
    assert.match(await page.locator('[data-stage="G"] .unused').innerText(), /^Not used: this VM runs deprivileged/);
    assert.ok(await page.locator('[data-stage="shadow"] .unused').isHidden());
    // The guest's tree: the root's pointer to its demand table is marked write-protected.
    const guestItems = page.locator('.guest-tree vscode-tree > vscode-tree-item');
    await waitUntil(async () => (await guestItems.count()) === data.guest!.entries.length);
    const pointer = data.guest!.entries.find((e) => !e.leaf)!;
    assert.ok(pointer.protectedTable, 'paging.s\'s demand table is a page the shadow depends on');
    assert.match(await page.locator(`.guest-tree vscode-tree > vscode-tree-item[data-index="${pointer.index}"] .tag.wp`).innerText(), /write-protected \(1 shadow\)/);
    assert.match(await page.locator('[data-stage="VS"] .meta').innerText(), new RegExp(`${data.protectedTables!.length} page-table pages write-protected by the VMM`));
    // The shadow root picker: every root, the current one chosen.
    const options = (await page.locator('vscode-single-select.root-picker vscode-option').allInnerTexts()).map((t) => t.trim());
    assert.strictEqual(options.length, data.shadowRoots!.length);
    const current = data.shadowRoots!.find((r) => r.key === data.shadowRoot)!;
    assert.strictEqual(await page.locator('vscode-single-select.root-picker').evaluate((e) => (e as unknown as { value: string }).value), current.key);
    assert.ok(options.some((o) => o.includes(`guest root ${hex(current.guestRoot!)}`) && o.endsWith('current')), options.join('\n'));
    assert.match(await page.locator('[data-stage="shadow"] .meta').innerText(), new RegExp(`real satp ${hex(current.satp)}: ASID ${current.asid}, root at HPA ${hex(current.root)}`));
    // The shadow tree: its level-0 tables, opened on demand, with the W-withheld marks.
    const shadowItems = page.locator('.shadow-tree vscode-tree > vscode-tree-item');
    await waitUntil(async () => (await shadowItems.count()) === data.shadow!.entries.length);
    let marked = 0;
    for (const e of data.shadow!.entries) {
      const item = page.locator(`.shadow-tree vscode-tree > vscode-tree-item[data-index="${e.index}"]`);
      assert.match(await item.innerText(), new RegExp(`\\[${e.index}\\] ${hex(e.from)} → table ${hex(e.to)}`));
      const child = (shadowPanes.handle('hyperstep/pageTables', { vm: 'vm1', table: { stage: 'shadow', address: e.to, level: 0, base: e.from } }) as PageTablesResponse).table!;
      await item.click({ position: { x: 12, y: 10 } });
      await waitUntil(async () => (await item.locator('vscode-tree-item').count()) === child.entries.length);
      for (const leaf of child.entries) {
        const text = await item.locator(`vscode-tree-item[data-index="${leaf.index}"]`).innerText();
        assert.ok(text.includes(`${hex(leaf.from)} → ${hex(leaf.to)}`) && text.includes(`GPA ${hex(leaf.gpa!)}`), text);
        if (leaf.writeProtected) { marked++; assert.ok(text.includes(leaf.writeProtected === 'page-table' ? 'W off: page table' : 'W off: not dirty'), text); }
      }
      assert.strictEqual(await item.locator('.tag.stale').count(), child.entries.filter((x) => x.stale).length);
    }
    assert.strictEqual(marked, current.writeProtected);
    assert.ok(marked > 0, 'paging.s maps its own page tables through its kernel megapage');

    // Translate a demand page: the three walks side by side.
    const gva = 0x40000000;
    const t = shadowPanes.handle('hyperstep/pageTables', { vm: 'vm1', translate: gva }) as PageTablesResponse;
    const c = t.compare!;
    await page.locator('vscode-textfield input').fill('0x40000000');
    await page.locator('vscode-textfield input').press('Enter');
    await page.locator('.walk-counts').waitFor();
    assert.deepStrictEqual(await page.locator('.walk-counts .count-n').allInnerTexts(), [String(c.shadow.references), String(c.nestedReferences), String(c.vmm.references)]);
    assert.deepStrictEqual([c.shadow.references, c.nestedReferences], [2, 8]);
    assert.strictEqual(await page.locator('.shadow-walk li.step').count(), c.shadow.steps.length);
    for (const st of c.shadow.steps) assert.ok((await page.locator(`.shadow-walk li.step[data-n="${st.n}"]`).innerText()).includes(`PTE @ HPA ${hex(st.hpa)}: ${hex(st.pte!)}`));
    assert.strictEqual(await page.locator('.vmm-walk li.step').count(), c.vmm.steps.length);
    assert.match(await page.locator('.vmm-walk .filled-by').innerText(), new RegExp(`Filled by exit #${c.vmm.filledBy!.seq} .* ${c.vmm.filledBy!.cost} host instructions`));
    const syncs = c.syncs.fills.exits + c.syncs.ptWrites.exits + c.syncs.fences.exits;
    assert.match(await page.locator('.lesson').innerText(), new RegExp(`syncs: ${syncs} exits .*\\(${c.syncs.fills.exits} fills, ${c.syncs.ptWrites.exits} page-table writes, ${c.syncs.fences.exits} fences`));
    await waitUntil(async () => (await page.locator('.walk-grid .cell.ref').count()) === t.translate!.cells.length);
    assert.match(await page.locator('.walk-summary.model').innerText(), /8 memory references per TLB miss, were this VM nested/);
    assert.strictEqual(await page.locator('.walk-grid .tag.tlb-hit, .walk-grid .tag.tlb-miss').count(), 0, 'no TLB holds a modelled G stage');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'page-tables-shadow.png'), fullPage: true });

    // Another root: the guest's Bare boot, emptied by its first sfence.vma.
    const bare = data.shadowRoots!.find((r) => r.guestRoot === null)!;
    await page.evaluate(`(() => {
      const s = document.querySelector('vscode-single-select.root-picker');
      s.value = ${JSON.stringify(bare.key)};
      s.dispatchEvent(new Event('change'));
    })()`);
    await waitUntil(async () => /satp 0x00000000: Bare/.test(await page.locator('[data-stage="VS"] .meta').innerText()));
    await waitUntil(async () => /no valid entries/.test(await page.locator('.shadow-tree').innerText()));
    await page.close();
  });

  it('Devices: UART registers, PLIC, timers and the exits that touched them, per VM', async () => {
    const data = panes.handle('hyperstep/devices', { vm: 'vm1' }) as DevicesResponse;
    const page = await openPane('devices');
    await page.locator('section.uart h2').waitFor();
    assert.match(await page.locator('section.uart h2').innerText(), /UART 16550A · vm1\.uart0 at 0x10000000/);
    const lsr = page.locator('section.uart table.regs tr', { hasText: 'LSR' });
    assert.ok((await lsr.innerText()).includes('0x' + data.uart.registers.lsr.toString(16).padStart(2, '0')));
    // paging.s polls LSR and writes THR through its virtual address 0xc0000000: MMIO exits.
    assert.ok(data.recent.uart.length > 0);
    assert.strictEqual(await page.locator('section.uart details.recent tbody tr').count(), data.recent.uart.length);
    assert.match(await page.locator('section.uart details.recent tbody tr').first().innerText(), /mmio\.uart\.(read|write)/);
    assert.strictEqual(await page.locator('section.plic table.plic-contexts tbody tr').count(), data.plic.contexts.length);
    assert.strictEqual(await page.locator('section.timer table.timers tbody tr').count(), data.timers.length);
    // The other VM: two vCPUs, so four PLIC contexts and two timers.
    await page.evaluate(`(() => {
      const s = document.querySelector('vscode-single-select');
      s.value = 'vm2';
      s.dispatchEvent(new Event('change'));
    })()`);
    await waitUntil(async () => /vm2\.uart0/.test(await page.locator('section.uart h2').innerText()));
    assert.strictEqual(await page.locator('section.plic table.plic-contexts tbody tr').count(), 4);
    assert.strictEqual(await page.locator('section.timer table.timers tbody tr').count(), 2);
    await page.screenshot({ path: path.join(SHOTS, 'devices.png'), fullPage: true });
    await page.close();
  });

  it('VM exits: a timeline and a histogram (canvases with data), the latest exits, click to open', async () => {
    const data = panes.handle('hyperstep/exits', {}) as ExitsResponse;
    const page = await openPane('exits');
    const rows = page.locator('table.exits tbody tr');
    await waitUntil(async () => (await rows.count()) === Math.min(200, data.records.length));
    const newest = [...data.records].sort((a, b) => b.seq - a.seq)[0];
    assert.strictEqual(await rows.first().getAttribute('data-seq'), String(newest.seq));
    assert.ok(await inkedPixels(page, '.exit-timeline canvas') > 100, 'the timeline has dots');
    assert.ok(await inkedPixels(page, '.reason-bars canvas') > 100, 'the histogram has bars');
    assert.deepStrictEqual(await page.locator('.reason-bars .u-legend .u-series .u-label').allInnerTexts(), ['vm1', 'vm2']);
    for (const c of data.counts) {
      const line = await page.locator('.totals div', { hasText: c.vm }).innerText();
      if (c.byReason.mmio) assert.ok(line.includes(`MMIO access ${c.byReason.mmio}`), line);
      if (c.byReason.sbi) assert.ok(line.includes(`SBI call ${c.byReason.sbi}`), line);
      else assert.match(line, /no exits yet|SBI/);
    }
    const pick = [...data.records].sort((a, b) => b.seq - a.seq)[3];
    await page.locator(`table.exits tbody tr[data-seq="${pick.seq}"]`).click();
    await waitUntil(() => opened.some(([n, pc]) => n === pick.vm && pc === pick.pc));
    assert.match(await page.locator('.picked').innerText(), new RegExp(`exit #${pick.seq}: ${pick.vm}/vcpu${pick.vcpu} ${pick.reason} at pc ${hex(pick.pc)}`));
    await page.screenshot({ path: path.join(SHOTS, 'exits.png'), fullPage: true });
    await page.close();
    console.log(`      screenshots: ${SHOTS}`);
  });
});

async function waitUntil(probe: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${probe.toString()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
