import type { ExitSummary, ExitsResponse } from '../debugAdapter/paneProtocol';
import { ExitTimeline, ReasonBars } from './charts';
import { h, hex, replace, tag } from './dom';
import type { Pane, PaneHost } from './paneHost';

const KEEP = 4096;
const LISTED = 200;
const OVERLAP = 64;

/**
 * VM exits: a timeline (a dot per exit, by reason, over machine time), a histogram by reason
 * (stacked by VM) and the latest exits as a list. Only new records are fetched each refresh
 * (`since` the last seq); going back in time (reverse debugging) drops what no longer happened.
 * Clicking an exit opens the guest source at its pc, or shows the address when none is known.
 */
export class ExitsPane implements Pane {
  private records: ExitSummary[] = [];
  /** The highest seq held. */
  private high = 0;
  private readonly bars = new ReasonBars(170);
  private readonly timeline = new ExitTimeline((seq) => this.pick(seq));
  private readonly totals = h('div', { class: 'totals' });
  private readonly list = h('div', { class: 'table-box scroll' });
  private readonly picked = h('div', { class: 'picked dim' });

  constructor(private readonly host: PaneHost) {
    host.body.append(
      h('h3', null, 'Timeline'), this.timeline.element, this.picked,
      h('h3', null, 'Histogram by reason'), this.bars.element, this.totals,
      h('h3', null, 'Latest exits'), this.list);
  }

  async refresh(): Promise<void> {
    // Seqs are numbered when an exit begins and recorded when it completes (an injection during
    // a handler completes first), so ask again for a window before the highest seq seen.
    let since = Math.max(0, this.high - OVERLAP);
    let r = await this.host.request<ExitsResponse>('hyperstep/exits', { since });
    if (r.lastSeq < since) { // went back in time past the window: start over
      since = 0;
      r = await this.host.request<ExitsResponse>('hyperstep/exits', {});
    }
    // Everything after `since` is exactly what the adapter has now (a step back drops records).
    this.records = [...this.records.filter((x) => x.seq <= since), ...r.records].sort((a, b) => a.seq - b.seq).slice(-KEEP);
    this.high = this.records.length ? this.records[this.records.length - 1].seq : 0;
    this.timeline.update(this.records.map((x) => ({ time: x.time, reason: x.reason, group: x.vm, seq: x.seq })));
    this.bars.update(r.counts.map((c) => ({ name: c.vm, counts: c.byReason })));
    replace(this.totals, ...r.counts.map((c) => h('div', null, h('b', null, c.vm), ': ',
      r.reasons.filter((x) => c.byReason[x.name]).map((x) => `${x.label} ${c.byReason[x.name]}`).join(' · ') || 'no exits yet',
      h('span', { class: 'dim' }, ` · ${c.hostInstructions} host instructions in the VMM`))));
    const latest = [...this.records].sort((a, b) => b.seq - a.seq).slice(0, LISTED);
    replace(this.list, h('table', { class: 'grid exits' },
      h('thead', null, h('tr', null, ...['#', 'time', 'vCPU', 'reason', 'pc', 'handler', 'what'].map((c) => h('th', null, c)))),
      h('tbody', null, ...latest.map((x) => h('tr', { class: 'clickable', 'data-seq': x.seq, title: 'open the guest source at this pc', onclick: () => this.pick(x.seq) },
        h('td', { class: 'num' }, String(x.seq)), h('td', { class: 'num' }, String(x.time)), h('td', null, `${x.vm}/vcpu${x.vcpu}`),
        h('td', null, tag(x.reason, `reason-${x.reason}`)), h('td', { class: 'mono' }, hex(x.pc)), h('td', null, x.handler), h('td', { class: 'dim' }, x.summary))))));
  }

  private pick(seq: number): void {
    const x = this.records.find((r) => r.seq === seq);
    if (!x) return;
    replace(this.picked, `exit #${x.seq}: ${x.vm}/vcpu${x.vcpu} ${x.reason} at pc ${hex(x.pc)} (${x.handler}) ${x.summary}`);
    this.host.open(x.vm, x.pc);
  }
}
