import '@vscode-elements/elements/dist/vscode-tree/index.js';
import '@vscode-elements/elements/dist/vscode-tree-item/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { PageTable, PageTablesResponse, PteEntry, ShadowRootInfo, TableProtection, TableStage } from '../debugAdapter/paneProtocol';
import { h, hex, replace, size, tag } from './dom';
import type { Pane, PaneHost } from './paneHost';
import { walkComparison } from './walkCompare';
import { walkGrid } from './walkGrid';
import { VmPicker } from './vmPicker';

type Stage = TableStage;

const NOT_NESTED = 'Not used: this VM runs deprivileged. Its guest kernel runs in U-mode with V=0 and the hart walks the shadow table '
  + '(GVA → HPA) the VMM composes from the guest table and its P2M; there is no G stage.';
const NOT_SHADOW = 'Not used: this VM uses nested paging. The hardware walks the guest table and the G-stage table on the left by itself '
  + '(the H extension), so the VMM keeps no shadow and the guest\'s page-table writes never exit.';

/**
 * Page tables: a VM picker, the guest's table (GVA -> GPA), the VMM's nested table (G stage,
 * GPA -> HPA) and, for a VM that runs deprivileged, its shadow table (GVA -> HPA, the real
 * satp's table; pick one of its roots) side by side as trees whose second levels load when
 * opened. The guest tree marks the page-table pages the VMM write-protects; the shadow tree
 * marks stale and write-protected entries. The translate box draws the 2-D walk, or for a
 * deprivileged VM the shadow, nested and VMM walks side by side. Open branches stay open and
 * are re-read on every refresh.
 */
export class PageTablesPane implements Pane {
  private readonly picker: VmPicker;
  private gva: number | undefined;
  private shadowRoot: string | undefined;
  private readonly rootPicker = document.createElement('vscode-single-select');
  private readonly input = document.createElement('vscode-textfield');
  private readonly trees: Record<Stage, TableTree>;
  private readonly walk = h('div', { class: 'walk' });
  private readonly metas: Record<Stage, HTMLElement> = { VS: h('div', { class: 'meta' }), G: h('div', { class: 'meta' }), shadow: h('div', { class: 'meta' }) };
  private readonly unused: Record<'G' | 'shadow', HTMLElement> = { G: h('div', { class: 'unused dim', hidden: true }, NOT_NESTED), shadow: h('div', { class: 'unused dim', hidden: true }, NOT_SHADOW) };
  private readonly rootBox = h('div', { class: 'toolbar roots', hidden: true }, h('label', null, 'Root '));
  private readonly walkTitle = h('h3', null, '2-D walk');
  private rootsDrawn = '';
  private walkDrawn = '';
  private walkGva: number | undefined;

  constructor(private readonly host: PaneHost) {
    const saved = host.saved;
    this.gva = typeof saved.gva === 'number' ? saved.gva : undefined;
    this.shadowRoot = typeof saved.shadowRoot === 'string' ? saved.shadowRoot : undefined;
    const fetch = (t: TableRequest): Promise<PageTable> => this.fetchTable(t);
    this.trees = { VS: new TableTree('VS', fetch), G: new TableTree('G', fetch), shadow: new TableTree('shadow', fetch) };
    this.picker = new VmPicker(saved.vm, (vm) => {
      this.shadowRoot = undefined;
      this.host.save({ vm, shadowRoot: undefined });
      void this.refresh();
    });
    this.rootPicker.setAttribute('aria-label', 'shadow root');
    this.rootPicker.classList.add('root-picker');
    this.rootPicker.addEventListener('change', () => {
      this.shadowRoot = this.rootPicker.value;
      this.host.save({ shadowRoot: this.shadowRoot });
      void this.refresh();
    });
    this.rootBox.append(this.rootPicker);
    this.input.setAttribute('placeholder', 'guest-virtual address, e.g. 0x40005008');
    this.input.setAttribute('aria-label', 'guest-virtual address to translate');
    if (this.gva !== undefined) this.input.value = hex(this.gva);
    this.input.addEventListener('keydown', (e: KeyboardEvent) => { if (e.key === 'Enter') this.translate(); });
    const go = document.createElement('vscode-button');
    go.textContent = 'Translate';
    go.addEventListener('click', () => this.translate());
    host.body.append(
      h('div', { class: 'toolbar' }, h('label', null, 'VM '), this.picker.element),
      h('div', { class: 'tables' },
        h('div', { class: 'column', 'data-stage': 'VS' }, h('h3', null, 'Guest table: GVA → GPA'), this.metas.VS, this.trees.VS.element),
        h('div', { class: 'column', 'data-stage': 'G' }, h('h3', null, 'Nested table (G stage): GPA → HPA'), this.metas.G, this.unused.G, this.trees.G.element),
        h('div', { class: 'column shadow', 'data-stage': 'shadow' }, h('h3', null, 'Shadow table: GVA → HPA'), this.unused.shadow, this.rootBox, this.metas.shadow, this.trees.shadow.element)),
      this.walkTitle,
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
    const args: Record<string, unknown> = { vm: await this.picker.sync(this.host) };
    if (this.gva !== undefined) args.translate = this.gva;
    if (this.shadowRoot !== undefined) args.shadowRoot = this.shadowRoot;
    const r = await this.host.request<PageTablesResponse>('hyperstep/pageTables', args);
    const nested = r.paging === 'nested';
    document.body.dataset.paging = r.paging;
    this.unused.G.hidden = nested;
    this.unused.shadow.hidden = !nested;
    this.rootBox.hidden = nested || !r.shadowRoots?.length;
    this.showGuestMeta(r);
    replace(this.metas.G, nested ? (r.nested ? `hgatp ${hex(r.hgatp)}: Sv32x4, VMID ${(r.hgatp >>> 22) & 0x7f}, 16 KiB root at HPA ${hex(r.nested.address)}` : `hgatp ${hex(r.hgatp)}: Bare`) : '');
    this.showRoots(r);
    await this.trees.VS.show(r.guest, `${r.vm}:${r.guestSatp}`);
    await this.trees.G.show(r.nested, `${r.vm}:${r.hgatp}`);
    await this.trees.shadow.show(r.shadow, `${r.vm}:${r.shadowRoot ?? ''}`);
    this.walkTitle.textContent = nested ? '2-D walk' : 'Walks compared: shadow, nested, and the VMM\'s fill';
    if (r.translate) {
      // Redraw only what changed; animate only a new address (not every refresh while running).
      const signature = JSON.stringify([r.translate, r.compare]);
      if (signature !== this.walkDrawn) {
        const animate = r.translate.gva !== this.walkGva;
        replace(this.walk, r.compare ? walkComparison(r.translate, r.compare, animate, r.paging) : walkGrid(r.translate, animate));
        this.walkDrawn = signature;
        this.walkGva = r.translate.gva;
      }
    } else if (!this.walk.querySelector('.error')) {
      replace(this.walk, h('div', { class: 'dim' }, nested
        ? 'Enter a guest-virtual address to see its walk: each memory reference numbered, with what the TLB would supply.'
        : 'Enter a guest-virtual address to compare its walks: the hardware\'s 1-D walk of the shadow, the 2-D walk nested paging would make, and the VMM\'s fill.'));
    }
  }

  private showGuestMeta(r: PageTablesResponse): void {
    const satp = r.guestSatp;
    const text = r.guest ? `satp ${hex(satp)}: Sv32, ASID ${(satp >>> 22) & 0x1ff}, root at GPA ${hex(r.guest.address)}` : `satp ${hex(satp)}: Bare (paging off in the guest: GVA = GPA)`;
    if (r.paging === 'nested') { replace(this.metas.VS, `vs${text}`); return; }
    const prot = r.protectedTables ?? [];
    const pinned = prot.filter((p) => p.kind === 'pinned').length;
    const own = r.guest?.protection;
    replace(this.metas.VS, `guest ${text}`, own ? ' ' : null, own ? protectionTag(own) : null, h('br'),
      `${prot.length} page-table page${prot.length === 1 ? '' : 's'} write-protected by the VMM` + (r.paging === 'paravirt' ? ` (${pinned} pinned)` : ' (every page a shadow depends on)'));
  }

  private showRoots(r: PageTablesResponse): void {
    const roots = r.shadowRoots ?? [];
    const shown = roots.find((x) => x.key === r.shadowRoot);
    const signature = JSON.stringify(roots.map((x) => [x.key, x.vcpus]));
    if (signature !== this.rootsDrawn) {
      this.rootsDrawn = signature;
      this.rootPicker.replaceChildren(...roots.map((x) => {
        const o = document.createElement('vscode-option');
        o.value = x.key;
        o.textContent = rootLabel(x);
        return o;
      }));
    }
    if (r.shadowRoot && this.rootPicker.value !== r.shadowRoot) this.rootPicker.value = r.shadowRoot;
    if (r.paging === 'nested') { replace(this.metas.shadow); return; }
    if (!shown) { replace(this.metas.shadow, 'No shadow yet: the VMM builds one when the guest first runs under a root.'); return; }
    replace(this.metas.shadow, `real satp ${hex(shown.satp)}: ASID ${shown.asid}, root at HPA ${hex(shown.root)}`, h('br'),
      `${shown.leaves} entries in ${shown.tables} table${shown.tables === 1 ? '' : 's'} · `,
      shown.stale ? tag(`${shown.stale} stale`, 'stale') : h('span', null, '0 stale'), ' · ',
      `${shown.writeProtected} with W withheld`, shown.vcpus.length ? ` · current for ${shown.vcpus.join(', ')}` : ' · not current');
  }

  private async fetchTable(t: TableRequest): Promise<PageTable> {
    const r = await this.host.request<PageTablesResponse>('hyperstep/pageTables', { vm: this.picker.selected, table: t, ...(this.shadowRoot ? { shadowRoot: this.shadowRoot } : {}) });
    return r.table!;
  }
}

type TableRequest = { stage: Stage; address: number; level: number; base: number };

/** `guest root 0x80201000 · ASID 0 · kernel (SUM) → shadow ASID 3`: a shadow root in the picker. */
function rootLabel(x: ShadowRootInfo): string {
  const guest = x.guestRoot === null ? 'guest Bare' : `guest root ${hex(x.guestRoot)} · ASID ${x.guestAsid}`;
  const bits = [x.sum ? 'SUM' : '', x.mxr ? 'MXR' : ''].filter(Boolean).join(', ');
  const view = x.view === 'S' ? `kernel view${bits ? ` (${bits})` : ''}` : `user view${x.mxr ? ' (MXR)' : ''}`;
  return `${guest} · ${view} → shadow ASID ${x.asid}${x.vcpus.length ? ' · current' : ''}`;
}

/** The mark on a guest page-table page the VMM write-protects. */
function protectionTag(p: TableProtection): HTMLElement {
  const text = p.kind === 'pinned' ? `pinned L${p.level}` : `write-protected (${p.shadows} shadow${p.shadows === 1 ? '' : 's'})`;
  const why = p.kind === 'pinned'
    ? `A validated level-${p.level} page table: read-only to the guest; its stores trap (or go through mmu_update) and are validated`
    : `Shadows read this page as a level-${p.level} table: it is mapped read-only in every shadow, so a guest store to it traps and the VMM drops the shadow entries it describes`;
  const t = tag(text, p.kind === 'pinned' ? 'pinned' : 'wp');
  t.title = why;
  return t;
}

/** One stage's table as a vscode-tree; pointers are branches whose tables load when opened. */
class TableTree {
  readonly element: HTMLElement;
  private readonly tree = document.createElement('vscode-tree');
  /** Open branches by `address:base`, and what was drawn last (so unchanged tables are not redrawn). */
  private readonly open = new Set<string>();
  private drawn = '';
  private context = '';

  constructor(private readonly stage: Stage, private readonly fetch: (t: TableRequest) => Promise<PageTable>) {
    this.tree.setAttribute('indent-guides', 'always');
    this.element = h('div', { class: `tree ${stage === 'VS' ? 'guest-tree' : stage === 'G' ? 'nested-tree' : 'shadow-tree'}` }, this.tree);
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
      if (!e.leaf && this.open.has(key)) {
        // A shadow table can be dropped between refreshes (a fence, a page-table write): forget it.
        try { children.set(key, await this.fetch({ stage: this.stage, address: e.to, level: table.level - 1, base: e.from })); } catch { this.open.delete(key); }
      }
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
    const from = this.stage === 'G' ? 'GPA' : 'GVA', target = this.stage === 'VS' ? 'GPA' : 'HPA';
    const tableIn = this.stage === 'G' || this.stage === 'shadow' ? 'HPA' : 'GPA';
    const label = e.leaf ? `[${e.index}] ${hex(e.from)} → ${hex(e.to)}` : `[${e.index}] ${hex(e.from)} → table ${hex(e.to)}`;
    const desc = [e.flags, size(e.size), e.hpa !== undefined ? `HPA ${hex(e.hpa)}` : '', e.gpa !== undefined ? `GPA ${hex(e.gpa)}` : ''].filter(Boolean).join(' · ');
    it.title = `${from} ${hex(e.from)}..${hex(e.from + e.size - 1)} (${size(e.size)}) → ${e.leaf ? target : `next table at ${tableIn}`} ${hex(e.to)}, PTE ${hex(e.pte)} ${e.flags}` +
      (e.hpa !== undefined ? `, host page ${hex(e.hpa)}` : '') + (e.gpa !== undefined ? `, the guest's table maps it to GPA ${hex(e.gpa)}` : '');
    it.append(label, h('span', { slot: 'description' }, desc));
    if (e.problem) { it.classList.add('problem'); it.append(h('span', { slot: 'decoration', class: 'tag warn', title: e.problem }, '⚠ ' + e.problem)); }
    if (e.protectedTable) { const t = protectionTag(e.protectedTable); t.slot = 'decoration'; it.append(t); it.classList.add('protected'); }
    if (e.stale) { it.classList.add('stale'); it.append(h('span', { slot: 'decoration', class: 'tag stale', title: e.stale }, 'stale')); }
    if (e.writeProtected) {
      const why = e.writeProtected === 'page-table' ? 'the page is a guest page table: stores to it must trap' : 'the guest page is not dirty yet: the first store must reach the VMM to set D';
      it.append(h('span', { slot: 'decoration', class: 'tag wp', title: `W withheld: ${why}` }, e.writeProtected === 'page-table' ? 'W off: page table' : 'W off: not dirty'));
    }
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
