import type { TranslateResult, WalkCell } from '../debugAdapter/paneProtocol';
import { h, hex, tag } from './dom';

/**
 * The two-dimensional walk as a grid: one row per VS level and one for the data, columns for
 * the G-stage levels that translate the row's guest-physical address and for the VS PTE read
 * itself. Each cell is one numbered memory reference with its address, the PTE it read and
 * whether the TLB would have supplied it. Cells appear in reference order (an animation), so
 * the order of the walk can be followed.
 */

const COLUMNS: { col: WalkCell['col']; title: string }[] = [
  { col: 'G1', title: 'G stage level 1' },
  { col: 'G0', title: 'G stage level 0' },
  { col: 'VS', title: 'VS PTE' },
];
const STEP_MS = 140;

export function walkGrid(t: TranslateResult, animate: boolean): HTMLElement {
  // A deprivileged VM's grid is a model: its G stage is the P2M, and no TLB holds any of it.
  const summary = t.model
    ? h('div', { class: 'walk-summary model' },
      h('span', { class: 'mono' }, `GVA ${hex(t.gva)} → GPA ${hex(t.gpa)} → HPA ${hex(t.hpa)}`), ' ',
      h('span', { class: 'dim' }, `· ${t.references} memory references per TLB miss, were this VM nested (G-stage table modelled from its P2M as the VMM would build it)`))
    : h('div', { class: 'walk-summary' },
      h('span', { class: 'mono' }, `GVA ${hex(t.gva)} → GPA ${hex(t.gpa)} → HPA ${hex(t.hpa)}`), ' ',
      h('span', { class: 'dim' }, `· ${t.references} memory references with empty TLBs, ${t.referencesWithTlb} with hart ${t.hart}'s TLB now `),
      tag(t.combinedTlb === 'hit' ? 'combined TLB hit' : 'combined TLB miss', `tlb-${t.combinedTlb}`));
  const grid = h('div', { class: `walk-grid${animate ? ' animate' : ''}`, role: 'table', 'aria-label': '2-D walk' });
  grid.append(h('div', { class: 'corner', role: 'columnheader' }, ''), ...COLUMNS.map((c) => h('div', { class: 'colhead', role: 'columnheader' }, c.title)));
  t.rows.forEach((row, i) => {
    grid.append(h('div', { class: 'rowhead', role: 'rowheader' },
      h('div', { class: 'rowlabel' }, row.label === 'data' ? 'data' : `${row.label} PTE`),
      h('div', { class: 'mono dim' }, `GPA ${hex(row.gpa)}`),
      h('div', { class: 'mono dim' }, `→ HPA ${hex(row.hpa)}`)));
    for (const c of COLUMNS) {
      const cell = t.cells.find((x) => x.row === i && x.col === c.col);
      if (cell) grid.append(referenceCell(cell, t.fault?.step === cell.n, t.model === true));
      else if (row.label === 'data' && c.col === 'VS' && t.hpa !== null) grid.append(h('div', { class: 'cell result' }, h('div', null, 'the access itself'), h('div', { class: 'mono' }, `HPA ${hex(t.hpa)}`)));
      else grid.append(h('div', { class: 'cell empty' }, ''));
    }
  });
  const out = h('div', null, summary, grid);
  if (t.fault) out.append(h('div', { class: 'error fault' }, `${t.fault.kind === 'page' ? 'Page fault' : t.fault.kind === 'guest-page' ? 'Guest-page fault' : 'Access fault'} at reference ${t.fault.step}: ${t.fault.message}`));
  return out;
}

function referenceCell(c: WalkCell, faulted: boolean, model: boolean): HTMLElement {
  const where = c.stage === 'VS' ? `GPA ${hex(c.pteAddress)} (HPA ${hex(c.hpa)})` : model ? 'the modelled G table' : `HPA ${hex(c.hpa)}`;
  const pte = c.pte === null ? 'not memory' : `${hex(c.pte)} ${c.flags}`;
  const meaning = c.pte === null ? '' : !(c.pte & 1) ? 'invalid' : c.leaf ? 'leaf' : 'next table';
  const cell = h('div', { class: `cell ref tlb-${c.tlb}${faulted ? ' faulted' : ''}`, 'data-n': c.n, role: 'cell' },
    h('span', { class: 'n' }, String(c.n)),
    h('div', { class: 'mono' }, `${c.stage} L${c.level} PTE @ ${where}`),
    h('div', { class: 'mono' }, pte, ' ', h('span', { class: 'dim' }, meaning)),
    model ? null : tag(c.tlb === 'hit' ? 'TLB hit' : 'TLB miss', `tlb-${c.tlb}`));
  cell.style.animationDelay = `${(c.n - 1) * STEP_MS}ms`;
  return cell;
}
