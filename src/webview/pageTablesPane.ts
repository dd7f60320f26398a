import '@vscode-elements/elements/dist/vscode-tree/index.js';
import '@vscode-elements/elements/dist/vscode-tree-item/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { PageTable, PageTablesResponse, PteEntry, VcpusResponse } from '../debugAdapter/paneProtocol';
import { h, hex, replace, size } from './dom';
import type { Pane, PaneHost } from './paneHost';
import { walkGrid } from './walkGrid';

type Stage = 'VS' | 'G';

/**
 * Page tables: a VM picker, the guest's table (VS stage, GVA -> GPA) and the VMM's nested table
 * (G stage, GPA -> HPA) side by side as trees whose second levels load when opened, a column
 * kept for the shadow table (GVA -> HPA, with shadow paging), and a translate box that draws
 * the 2-D walk. Open branches stay open and are re-read on every refresh.
 */
export class PageTablesPane implements Pane {
  private vm: string | undefined;
  private gva: number | undefined;
  private readonly picker = document.createElement('vscode-single-select');
  private readonly input = document.createElement('vscode-textfield');
  private readonly trees: Record<Stage, TableTree>;
  private readonly walk = h('div', { class: 'walk' });
  private readonly metas: Record<Stage, HTMLElement> = { VS: h('div', { class: 'meta' }), G: h('div', { class: 'meta' }) };
  private pickerNames = '';
  private walkDrawn = '';
  private walkGva: number | undefined;

  constructor(private readonly host: PaneHost) {
    const saved = host.saved;
    this.vm = typeof saved.vm === 'string' ? saved.vm : undefined;
    this.gva = typeof saved.gva === 'number' ? saved.gva : undefined;
    this.trees = { VS: new TableTree('VS', (t) => this.fetchTable(t)), G: new TableTree('G', (t) => this.fetchTable(t)) };
    this.picker.setAttribute('aria-label', 'VM');
    this.picker.addEventListener('change', () => {
      this.vm = this.picker.value;
      this.host.save({ vm: this.vm });
      void this.refresh();
    });
    this.input.setAttribute('placeholder', 'guest-virtual address, e.g. 0x40005008');
    this.input.setAttribute('aria-label', 'guest-virtual address to translate');
    if (this.gva !== undefined) this.input.value = hex(this.gva);
    this.input.addEventListener('keydown', (e: KeyboardEvent) => { if (e.key === 'Enter') this.translate(); });
    const go = document.createElement('vscode-button');
    go.textContent = 'Translate';
    go.addEventListener('click', () => this.translate());
    host.body.append(
      h('div', { class: 'toolbar' }, h('label', null, 'VM '), this.picker),
      h('div', { class: 'tables' },
        h('div', { class: 'column', 'data-stage': 'VS' }, h('h3', null, 'Guest table (VS stage): GVA → GPA'), this.metas.VS, this.trees.VS.element),
        h('div', { class: 'column', 'data-stage': 'G' }, h('h3', null, 'Nested table (G stage): GPA → HPA'), this.metas.G, this.trees.G.element),
        h('div', { class: 'column shadow', 'data-stage': 'shadow' }, h('h3', null, 'Shadow table: GVA → HPA'),
          h('div', { class: 'dim' }, 'Built by the VMM under shadow paging. This VM uses nested paging: the hardware walks the two tables on the left.'))),
      h('h3', null, '2-D walk'),
      h('div', { class: 'toolbar translate' }, this.input, go),
      this.walk);
  }

  private translate(): void {
    const text = String(this.input.value ?? '').trim().replace(/_/g, '');
    const v = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text.slice(2), 16) : /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(v) || v < 0 || v >= 2 ** 32) {
      replace(this.walk, h('div', { class: 'error' }, `"${text}" is not a 32-bit address (hex 0x... or decimal)`));
      this.walkDrawn = '';
      return;
    }
    this.gva = v;
    this.host.save({ gva: v });
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const vcpus = await this.host.request<VcpusResponse>('hyperstep/vcpus');
    const names = vcpus.vms.map((v) => v.name);
    if (!this.vm || !names.includes(this.vm)) this.vm = names[0];
    if (names.join('\n') !== this.pickerNames) {
      this.pickerNames = names.join('\n');
      this.picker.replaceChildren(...names.map((n) => { const o = document.createElement('vscode-option'); o.value = n; o.textContent = n; return o; }));
    }
    if (this.picker.value !== this.vm) this.picker.value = this.vm!;
    const args: Record<string, unknown> = { vm: this.vm };
    if (this.gva !== undefined) args.translate = this.gva;
    const r = await this.host.request<PageTablesResponse>('hyperstep/pageTables', args);
    replace(this.metas.VS, r.guest ? `vsatp ${hex(r.vsatp)}: Sv32, ASID ${(r.vsatp >>> 22) & 0x1ff}, root at GPA ${hex(r.guest.address)}`
      : `vsatp ${hex(r.vsatp)}: Bare (paging off in the guest: GVA = GPA)`);
    replace(this.metas.G, r.nested ? `hgatp ${hex(r.hgatp)}: Sv32x4, VMID ${(r.hgatp >>> 22) & 0x7f}, 16 KiB root at HPA ${hex(r.nested.address)}`
      : `hgatp ${hex(r.hgatp)}: Bare`);
    await this.trees.VS.show(r.guest, `${r.vm}:${r.vsatp}`);
    await this.trees.G.show(r.nested, `${r.vm}:${r.hgatp}`);
    if (r.translate) {
      // Redraw only what changed; animate only a new address (not every refresh while running).
      const signature = JSON.stringify(r.translate);
      if (signature !== this.walkDrawn) {
        replace(this.walk, walkGrid(r.translate, r.translate.gva !== this.walkGva));
        this.walkDrawn = signature;
        this.walkGva = r.translate.gva;
      }
    } else if (!this.walk.querySelector('.error')) replace(this.walk, h('div', { class: 'dim' }, 'Enter a guest-virtual address to see its walk: each memory reference numbered, with what the TLB would supply.'));
  }

  private async fetchTable(t: { stage: Stage; address: number; level: number; base: number }): Promise<PageTable> {
    const r = await this.host.request<PageTablesResponse>('hyperstep/pageTables', { vm: this.vm, table: t });
    return r.table!;
  }
}

/** One stage's table as a vscode-tree; pointers are branches whose tables load when opened. */
class TableTree {
  readonly element: HTMLElement;
  private readonly tree = document.createElement('vscode-tree');
  /** Open branches by `address:base`, and what was drawn last (so unchanged tables are not redrawn). */
  private readonly open = new Set<string>();
  private drawn = '';
  private context = '';

  constructor(private readonly stage: Stage, private readonly fetch: (t: { stage: Stage; address: number; level: number; base: number }) => Promise<PageTable>) {
    this.tree.setAttribute('indent-guides', 'always');
    this.element = h('div', { class: `tree ${stage === 'VS' ? 'guest-tree' : 'nested-tree'}` }, this.tree);
    new MutationObserver((records) => {
      for (const m of records) {
        const item = m.target as HTMLElement;
        const key = item.dataset?.table;
        if (!key || m.attributeName !== 'open') continue;
        if (item.hasAttribute('open')) {
          this.open.add(key);
          if (!item.dataset.loaded) void this.load(item);
        } else {
          this.open.delete(key);
        }
      }
    }).observe(this.tree, { attributes: true, attributeFilter: ['open'], subtree: true });
  }

  async show(table: PageTable | null, context: string): Promise<void> {
    if (context !== this.context) { this.open.clear(); this.context = context; }
    if (!table) { this.drawn = ''; this.tree.replaceChildren(); this.element.dataset.empty = 'true'; return; }
    delete this.element.dataset.empty;
    // Open tables are part of what is shown: read them again so a change inside shows too.
    const children = new Map<string, PageTable>();
    for (const e of table.entries) {
      const key = keyOf(e);
      if (!e.leaf && this.open.has(key)) children.set(key, await this.fetch({ stage: this.stage, address: e.to, level: table.level - 1, base: e.from }));
    }
    const signature = JSON.stringify([table, [...children]]);
    if (signature === this.drawn) return;
    this.drawn = signature;
    const items = table.entries.map((e) => this.item(e, table.level, children.get(keyOf(e))));
    if (table.error) items.unshift(h('vscode-tree-item', { class: 'problem' }, table.error));
    if (table.entries.length === 0 && !table.error) items.push(h('vscode-tree-item', { class: 'dim' }, 'no valid entries'));
    this.tree.replaceChildren(...items);
  }

  private item(e: PteEntry, level: number, children: PageTable | undefined): HTMLElement {
    const it = document.createElement('vscode-tree-item');
    it.dataset.index = String(e.index);
    // Compact (the column says GVA -> GPA or GPA -> HPA); the tooltip spells it out.
    const from = this.stage === 'VS' ? 'GVA' : 'GPA', target = this.stage === 'VS' ? 'GPA' : 'HPA';
    const label = e.leaf ? `[${e.index}] ${hex(e.from)} → ${hex(e.to)}` : `[${e.index}] ${hex(e.from)} → table ${hex(e.to)}`;
    const desc = [e.flags, size(e.size), e.hpa !== undefined ? `HPA ${hex(e.hpa)}` : ''].filter(Boolean).join(' · ');
    it.title = `${from} ${hex(e.from)}..${hex(e.from + e.size - 1)} (${size(e.size)}) → ${e.leaf ? target : `next table at ${target}`} ${hex(e.to)}, PTE ${hex(e.pte)} ${e.flags}` +
      (e.hpa !== undefined ? `, host page ${hex(e.hpa)}` : '');
    it.append(label, h('span', { slot: 'description' }, desc));
    if (e.problem) { it.classList.add('problem'); it.append(h('span', { slot: 'decoration', class: 'tag warn', title: e.problem }, '⚠ ' + e.problem)); }
    if (!e.leaf && level > 0) {
      it.setAttribute('branch', '');
      it.dataset.table = keyOf(e);
      it.dataset.address = String(e.to);
      it.dataset.base = String(e.from);
      it.dataset.level = String(level - 1);
      if (children) { this.fill(it, children); it.setAttribute('open', ''); }
    }
    return it;
  }

  private async load(item: HTMLElement): Promise<void> {
    item.dataset.loaded = 'loading';
    try {
      const t = await this.fetch({ stage: this.stage, address: Number(item.dataset.address), level: Number(item.dataset.level), base: Number(item.dataset.base) });
      this.fill(item, t);
    } catch (e) {
      item.append(h('vscode-tree-item', { slot: 'children', class: 'problem' }, (e as Error).message));
    }
  }

  private fill(item: HTMLElement, t: PageTable): void {
    item.dataset.loaded = 'true';
    for (const c of [...item.children]) if (c.getAttribute('slot') === 'children') c.remove();
    const kids = t.entries.map((e) => this.item(e, t.level, undefined));
    if (t.error) kids.unshift(h('vscode-tree-item', { class: 'problem' }, t.error));
    if (kids.length === 0) kids.push(h('vscode-tree-item', { class: 'dim' }, 'no valid entries'));
    for (const k of kids) { k.setAttribute('slot', 'children'); item.append(k); }
  }
}

function keyOf(e: PteEntry): string { return `${e.to}:${e.from}`; }
