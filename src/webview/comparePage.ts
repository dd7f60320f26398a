import { EXIT_REASON_LABELS, EXIT_REASONS } from '../engine/vmm/exits';
import type { CompareModeResult, CompareReportData } from '../extension/compareProtocol';
import { ModeBars, reasonColour, seriesColour } from './charts';
import { compareNotes, compareRows } from '../cli/compareTable';
import { h, replace, tag } from './dom';

/**
 * The virtualization-mode comparison (one guest run bare, nested, shadow, paravirt and
 * previrt): bar charts per mode of exits by reason, VMM host instructions, guest time, TLB
 * misses and references per walk, then the table `hyperstep compare` prints. Modes that could
 * not run draw no bar and say why.
 */
export class ComparePage {
  private readonly title = h('h2');
  private readonly verdict = h('div', { class: 'verdict' });
  private readonly exits = new ModeBars('exits-by-reason', 220);
  private readonly host = new ModeBars('vmm-instructions');
  private readonly time = new ModeBars('guest-time');
  private readonly misses = new ModeBars('tlb-misses');
  private readonly perWalk = new ModeBars('refs-per-walk');
  private readonly table = h('div', { class: 'table-box' });
  private readonly notes = h('ul', { class: 'notes' });

  constructor(root: HTMLElement) {
    const chart = (title: string, c: ModeBars, unit: string): HTMLElement =>
      h('section', { class: 'chart-box' }, h('h3', null, title), h('div', { class: 'dim unit' }, unit), c.element);
    replace(root, this.title, this.verdict,
      chart('VM exits by reason', this.exits, 'exits the VMM handled, stacked by reason'),
      h('div', { class: 'chart-grid' },
        chart('VMM work', this.host, 'modelled host instructions the VMM spent on exits'),
        chart('Guest time', this.time, 'µs of machine time the guest took, VMM work included'),
        chart('TLB misses', this.misses, 'hardware page walks'),
        chart('References per walk', this.perWalk, 'memory references per page walk')),
      h('h3', null, 'The figures'), this.table, this.notes);
  }

  show(r: CompareReportData, file: string): void {
    const modes = r.modes.map((m) => m.mode);
    replace(this.title, 'Virtualization modes: ', h('span', { class: 'mono' }, file.split(/[\\/]/).pop() ?? file));
    const failed = r.modes.filter((m) => m.failed || m.exitCode !== 0);
    replace(this.verdict,
      r.sameOutput ? tag('same output in every mode', 'on') : tag('the outputs differ', 'warn'), ' ',
      failed.length ? tag(`${failed.map((m) => m.mode).join(', ')}: did not finish cleanly`, 'warn') : tag('every mode exited with 0', 'on'));
    const value = (f: (m: CompareModeResult) => number) => r.modes.map((m) => (m.failed ? null : f(m)));
    const reasons = EXIT_REASONS.filter((x) => r.modes.some((m) => m.exits[x]));
    this.exits.update(modes, reasons.map((x) => ({ label: EXIT_REASON_LABELS[x], values: value((m) => m.exits[x] ?? 0), colour: reasonColour(x) })));
    this.host.update(modes, [{ label: 'host instructions', values: value((m) => m.vmmInstructions), colour: seriesColour(1) }]);
    this.time.update(modes, [{ label: 'µs', values: value((m) => m.ticks / 10), colour: seriesColour(2) }]);
    this.misses.update(modes, [{ label: 'walks', values: value((m) => m.tlbMisses), colour: seriesColour(3) }]);
    this.perWalk.update(modes, [{ label: 'references', values: value((m) => (m.tlbMisses ? m.walkReferences / m.tlbMisses : 0)), colour: seriesColour(5) }], (v) => v.toFixed(1));
    replace(this.table, h('table', { class: 'grid compare' },
      h('thead', null, h('tr', null, h('th', null, ''), ...r.modes.map((m) => h('th', { class: `num${m.failed || m.problem || m.exitCode !== 0 ? ' failed' : ''}`, 'data-mode': m.mode, title: m.failed ?? m.problem ?? (m.exitCode !== 0 ? `exit code ${m.exitCode ?? 'none'}` : '') }, m.mode)))),
      h('tbody', null, ...compareRows(r).map((row) => h('tr', { class: row.sub ? 'sub' : '' },
        h('th', { scope: 'row' }, row.label), ...row.cells.map((c, i) => h('td', { class: `num${c === 'DIFFERENT' || c === 'failed' ? ' bad' : ''}`, 'data-mode': modes[i] }, c)))))));
    replace(this.notes, ...compareNotes(r).map((t) => h('li', { class: 'error' }, t)));
  }
}
