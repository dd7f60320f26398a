import type { PagingName, TranslateResult, VmmWalkStep, WalkComparison } from '../debugAdapter/paneProtocol';
import { h, hex, tag } from './dom';
import { walkGrid } from './walkGrid';

/**
 * For a VM that runs deprivileged, one guest-virtual address walked three ways, side by side:
 * the hart's 1-D walk of the shadow table, the 2-D walk the H extension would do on the same
 * guest table (its G stage built from the P2M), and the VMM's software walk that filled the
 * shadow entry on its hidden fault, with what keeping the shadows in step has cost. The point
 * it makes: shadow paging has a cheap hardware walk and expensive syncs; nested paging has no
 * syncs and an expensive walk.
 */
export function walkComparison(t: TranslateResult, c: WalkComparison, animate: boolean, paging: PagingName): HTMLElement {
  // Paravirtual paging fills eagerly (at every pin and validated update); only a page never backed
  // yet waits for its first touch, as in every mode.
  const eager = paging === 'paravirt';
  const s = c.shadow, v = c.vmm, y = c.syncs;
  const syncExits = y.fills.exits + y.ptWrites.exits + y.fences.exits;
  const syncCost = y.fills.hostInstructions + y.ptWrites.hostInstructions + y.fences.hostInstructions;
  const counts = h('div', { class: 'walk-counts', role: 'table', 'aria-label': 'memory references per walk' },
    count('shadow', 'Shadow table (the hardware)', s.references, s.missing ? 'the entry is missing: a hidden fault first' : `1-D, real satp ${hex(s.satp)}`),
    count('nested', 'Nested paging (H extension)', c.nestedReferences, 'the 2-D walk on the same tables, per TLB miss'),
    count('vmm', eager ? 'VMM populate (software, per update)' : 'VMM fill (software, once per page)', v.references,
      eager ? 'done when the table is pinned or updated (fresh memory: on its first touch)' : `${v.cost} host instructions per hidden fault`));
  const out = h('div', { class: 'walk-compare' },
    h('div', { class: 'walk-summary' }, h('span', { class: 'mono' }, `GVA ${hex(c.gva)} → GPA ${hex(t.gpa)} → HPA ${hex(s.hpa ?? t.hpa)}`)),
    counts,
    h('div', { class: 'lesson' },
      `Shadow: a cheap hardware walk (${s.references} references), paid for in syncs: ${syncExits} exits and ${syncCost.toLocaleString('en-US')} host instructions so far `
      + `(${y.fills.exits} fills, ${y.ptWrites.exits} page-table writes, ${y.fences.exits} fences${y.complete ? '' : `, of the last ${y.window} exits`}; ${y.rootSwitches} root switches). `
      + `Nested: no syncs (the guest's page-table writes never exit), an expensive walk (${c.nestedReferences} references).`),
    h('div', { class: 'walk-columns' },
      h('section', { class: 'walk-col shadow-walk' }, h('h4', null, 'Shadow walk (1-D)'), shadowSteps(c)),
      h('section', { class: 'walk-col vmm-walk' }, h('h4', null, eager ? 'VMM walk when it populates the entry' : 'VMM walk on the hidden fault'), vmmSteps(v))),
    h('h4', null, 'What nested paging would walk (2-D, G stage from the P2M)'),
    walkGrid(t, animate));
  return out;
}

function count(kind: string, title: string, n: number, note: string): HTMLElement {
  return h('div', { class: `count count-${kind}`, 'data-kind': kind, role: 'cell' },
    h('div', { class: 'count-n' }, String(n)), h('div', { class: 'count-title' }, title), h('div', { class: 'dim' }, note));
}

function shadowSteps(c: WalkComparison): HTMLElement {
  const s = c.shadow;
  const list = h('ol', { class: 'steps' }, ...s.steps.map((st) => h('li', { class: `step tlb-${s.tlb}`, 'data-n': st.n },
    h('span', { class: 'n' }, String(st.n)),
    h('span', { class: 'mono' }, `L${st.level} PTE @ HPA ${hex(st.hpa)}: ${st.pte === null ? 'not memory' : `${hex(st.pte)} ${st.flags}`}`), ' ',
    h('span', { class: 'dim' }, st.pte === null ? '' : !(st.pte & 1) ? 'invalid' : st.leaf ? 'leaf' : 'next table'))));
  return h('div', null, list,
    s.missing ? h('div', { class: 'note' }, s.missing) : h('div', null, `→ HPA ${hex(s.hpa)} `, tag(s.tlb === 'hit' ? 'TLB hit: no reference now' : 'TLB miss', `tlb-${s.tlb}`)));
}

const KIND: Record<VmmWalkStep['kind'], string> = { p2m: 'P2M', read: 'read', write: 'write' };

function vmmSteps(v: WalkComparison['vmm']): HTMLElement {
  const list = h('ol', { class: 'steps' }, ...v.steps.map((st) => h('li', { class: `step kind-${st.kind}`, 'data-n': st.n },
    h('span', { class: 'n' }, String(st.n)), tag(KIND[st.kind], `step-${st.kind}`), ' ', st.what, ' ',
    h('span', { class: 'mono dim' }, [st.gpa !== null ? `GPA ${hex(st.gpa)}` : '', st.hpa !== null ? `HPA ${hex(st.hpa)}` : ''].filter(Boolean).join(' → ')
      + (st.value !== null ? ` = ${hex(st.value)}` : '')))));
  return h('div', null, list,
    v.fault ? h('div', { class: 'error' }, `The guest's own walk fails: ${v.fault} (a true fault, delivered to the guest)`) : null,
    v.filledBy ? h('div', { class: 'dim filled-by' }, `Filled by exit #${v.filledBy.seq} at ${(v.filledBy.time / 10).toFixed(1)} µs, ${v.filledBy.cost} host instructions: ${v.filledBy.summary}`) : null);
}
