import type { DevicesResponse, ExitSummary } from '../debugAdapter/paneProtocol';
import { h, hex, replace, tag } from './dom';
import type { Pane, PaneHost } from './paneHost';
import { VmPicker } from './vmPicker';

/** Devices of one VM: the 16550 UART, the PLIC, each vCPU's SBI timer, and the exits that touched them. */
export class DevicesPane implements Pane {
  private readonly picker: VmPicker;
  private readonly sections = { uart: h('section', { class: 'device uart' }), plic: h('section', { class: 'device plic' }), timer: h('section', { class: 'device timer' }) };

  constructor(private readonly host: PaneHost) {
    this.picker = new VmPicker(host.saved.vm, (vm) => { host.save({ vm }); void this.refresh(); });
    host.body.append(h('div', { class: 'toolbar' }, h('label', null, 'VM '), this.picker.element), this.sections.uart, this.sections.plic, this.sections.timer);
  }

  async refresh(): Promise<void> {
    const vm = await this.picker.sync(this.host);
    const d = await this.host.request<DevicesResponse>('hyperstep/devices', { vm });
    this.uart(d);
    this.plic(d);
    this.timers(d);
  }

  private uart(d: DevicesResponse): void {
    const u = d.uart, r = u.registers;
    const regs: [string, number, string][] = [
      ['RBR', r.rbr, 'last byte received'], ['IER', r.ier, bits(r.ier, ['RDI', 'THRI', 'RLSI', 'MSI'])], ['IIR', r.iir, iir(r.iir)],
      ['FCR', r.fcr, r.fcr & 1 ? 'FIFO on' : 'FIFO off'], ['LCR', r.lcr, lcr(r.lcr)], ['MCR', r.mcr, bits(r.mcr, ['DTR', 'RTS', 'OUT1', 'OUT2', 'LOOP'])],
      ['LSR', r.lsr, bits(r.lsr, ['DR', 'OE', 'PE', 'FE', 'BI', 'THRE', 'TEMT', 'FIFOE'])], ['MSR', r.msr, bits(r.msr, ['DCTS', 'DDSR', 'TERI', 'DDCD', 'CTS', 'DSR', 'RI', 'DCD'])],
      ['SCR', r.scr, 'scratch'], ['DLL/DLM', r.divider, 'divisor'],
    ];
    const fifo = u.rxFifo.length ? u.rxFifo.map((b) => `${hex(b, 2)} ${printable(b)}`).join('  ') : 'empty';
    replace(this.sections.uart,
      h('h2', null, `UART 16550A · ${u.name} at ${hex(u.base)} `, tag(u.irqLevel ? 'IRQ 10 high' : 'IRQ 10 low', u.irqLevel ? 'on' : 'off')),
      h('table', { class: 'grid regs' }, h('tbody', null, ...regs.map(([n, v, what]) => h('tr', null, h('th', null, n), h('td', { class: 'mono' }, hex(v, 2)), h('td', { class: 'dim' }, what))))),
      h('div', { class: 'fifo' }, h('b', null, 'RX FIFO: '), h('span', { class: 'mono' }, fifo), u.rxWaiting ? h('span', { class: 'dim' }, ` (+${u.rxWaiting} typed, waiting)`) : null),
      this.recent('Recent UART exits', d.recent.uart));
  }

  private plic(d: DevicesResponse): void {
    const p = d.plic;
    replace(this.sections.plic,
      h('h2', null, `PLIC at ${hex(p.base)}`),
      h('table', { class: 'grid plic-sources' },
        h('thead', null, h('tr', null, ...['source', 'device', 'priority', 'line', 'pending', 'claimed'].map((c) => h('th', null, c)))),
        h('tbody', null, ...(p.sources.length ? p.sources.map((s) => h('tr', null,
          h('td', null, String(s.source)), h('td', null, s.device ?? '—'), h('td', null, String(s.priority)),
          h('td', null, s.level ? 'high' : 'low'), h('td', null, s.pending ? tag('pending', 'on') : 'no'), h('td', null, s.claimed ? tag('claimed', 'on') : 'no')))
          : [h('tr', null, h('td', { colspan: 6, class: 'dim' }, 'no source configured'))]))),
      h('table', { class: 'grid plic-contexts' },
        h('thead', null, h('tr', null, ...['context', 'vCPU', 'mode', 'threshold', 'enabled', 'claim would give', 'line'].map((c) => h('th', null, c)))),
        h('tbody', null, ...p.contexts.map((c) => h('tr', { class: c.mode === 'M' ? 'dim' : '' },
          h('td', null, String(c.index)), h('td', null, `vcpu${c.vcpu}`), h('td', { title: c.mode === 'M' ? 'leads nowhere inside a VM' : 'drives the vCPU\'s VS external interrupt (VSEIP)' }, c.mode),
          h('td', null, String(c.threshold)), h('td', null, c.enabled.length ? c.enabled.join(', ') : '—'), h('td', null, c.claimable ? String(c.claimable) : '—'),
          h('td', null, c.line ? tag('raised', 'on') : 'low'))))),
      this.recent('Recent PLIC exits and VSEI injections', d.recent.plic));
  }

  private timers(d: DevicesResponse): void {
    replace(this.sections.timer,
      h('h2', null, `Timers (SBI set_timer) · guest time ${d.guestTime}`),
      h('table', { class: 'grid timers' },
        h('thead', null, h('tr', null, ...['vCPU', 'deadline (guest time)', 'in', 'VSTIP', 'vsie.STIE'].map((c) => h('th', null, c)))),
        h('tbody', null, ...d.timers.map((t) => h('tr', null,
          h('td', null, `vcpu${t.vcpu}`), h('td', { class: 'mono' }, t.deadline === null ? 'none' : String(t.deadline)),
          h('td', null, t.deadline === null ? '—' : `${Math.max(0, t.deadline - d.guestTime)} ticks`),
          h('td', null, t.vstipPending ? tag('pending', 'on') : 'no'), h('td', null, t.vstieEnabled ? 'on' : 'off'))))),
      this.recent('Recent timer exits', d.recent.timer));
  }

  private recent(title: string, list: ExitSummary[]): HTMLElement {
    if (!list.length) return h('div', { class: 'recent dim' }, `${title}: none yet`);
    return h('details', { class: 'recent', open: true }, h('summary', null, `${title} (${list.length})`),
      h('table', { class: 'grid exits' }, h('tbody', null, ...[...list].reverse().map((r) => h('tr', { class: 'clickable', 'data-seq': r.seq, title: 'open the guest source at this pc', onclick: () => this.host.open(r.vm, r.pc) },
        h('td', { class: 'num' }, `#${r.seq}`), h('td', null, `vcpu${r.vcpu}`), h('td', null, r.handler), h('td', { class: 'mono' }, hex(r.pc)), h('td', { class: 'dim' }, r.summary))))));
  }
}

function bits(v: number, names: string[]): string {
  const on = names.filter((_, i) => v & (1 << i));
  return on.length ? on.join(' ') : '—';
}

function iir(v: number): string {
  if (v & 1) return 'no interrupt';
  return ({ 0x6: 'line status', 0x4: 'received data', 0xc: 'character timeout', 0x2: 'THR empty', 0x0: 'modem status' } as Record<number, string>)[v & 0xe] ?? 'interrupt';
}

function lcr(v: number): string {
  const parity = v & 8 ? ((v & 0x10) ? 'E' : 'O') : 'N';
  return `${5 + (v & 3)}${parity}${v & 4 ? 2 : 1}${v & 0x80 ? ' DLAB' : ''}`;
}

function printable(b: number): string { return b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : ''; }
