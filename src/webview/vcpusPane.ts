import type { VcpuInfo, VcpusResponse, VmInfo } from '../debugAdapter/paneProtocol';
import { ReasonBars } from './charts';
import { h, hex, replace, size, tag } from './dom';
import type { Pane, PaneHost } from './paneHost';

/** vCPUs: a table per VM (state, mode, pc, key CSRs, timer, exits) and its exits by reason. */
export class VcpusPane implements Pane {
  private readonly charts = new Map<string, ReasonBars>();
  private readonly sections = new Map<string, { box: HTMLElement; table: HTMLElement; head: HTMLElement }>();

  constructor(private readonly host: PaneHost) {}

  async refresh(): Promise<void> {
    const r = await this.host.request<VcpusResponse>('hyperstep/vcpus');
    const body = this.host.body;
    for (const name of [...this.sections.keys()]) {
      if (!r.vms.some((vm) => vm.name === name)) { this.sections.get(name)!.box.remove(); this.sections.delete(name); this.charts.delete(name); }
    }
    for (const vm of r.vms) {
      let s = this.sections.get(vm.name);
      if (!s) {
        const chart = new ReasonBars();
        this.charts.set(vm.name, chart);
        s = { box: h('section', { class: 'vm', 'data-vm': vm.name }), table: h('div', { class: 'table-box' }), head: h('h2') };
        s.box.append(s.head, s.table, h('h3', null, 'Exits by reason'), chart.element);
        body.append(s.box);
        this.sections.set(vm.name, s);
      }
      replace(s.head, vm.name, ' ', tag(vm.state, `state-${vm.state}`), ' ', vmSummary(vm, r));
      replace(s.table, this.table(vm));
      this.charts.get(vm.name)!.update(vm.vcpus.map((v) => ({ name: `vcpu${v.index}`, counts: v.exitsByReason })));
    }
  }

  private table(vm: VmInfo): HTMLElement {
    const cols = ['vCPU', 'state', 'mode', 'pc', 'hart', 'vsstatus', 'vsatp', 'vstvec', 'vsepc', 'vscause', 'hvip', 'hie', 'timer', 'exits'];
    return h('table', { class: 'grid vcpus' },
      h('thead', null, h('tr', null, ...cols.map((c) => h('th', null, c)))),
      h('tbody', null, ...vm.vcpus.map((v) => this.row(vm, v))));
  }

  private row(vm: VmInfo, v: VcpuInfo): HTMLElement {
    const pc = h('a', { href: '#', class: 'addr', title: v.location ? `${v.location.file}:${v.location.line}` : 'no source line known',
      onclick: (e: Event) => { e.preventDefault(); this.host.open(vm.name, v.pc); } }, hex(v.pc));
    const where = v.location ? h('span', { class: 'dim' }, ` ${basename(v.location.file)}:${v.location.line}`) : null;
    const exit = v.inExit ? h('div', { class: 'dim' }, `in exit #${v.inExit.seq}: ${v.inExit.handler} (${v.inExit.phase})`) : null;
    return h('tr', { 'data-vcpu': v.index },
      h('td', null, v.name),
      h('td', null, tag(v.state, `state-${v.state}`), h('div', { class: 'dim' }, v.hsm), exit),
      h('td', null, v.mode),
      h('td', null, pc, where),
      h('td', null, v.hart === null ? '—' : String(v.hart)),
      h('td', { class: 'mono' }, hex(v.csrs.vsstatus)),
      h('td', { class: 'mono', title: satpText(v.csrs.vsatp) }, hex(v.csrs.vsatp)),
      h('td', { class: 'mono' }, hex(v.csrs.vstvec)),
      h('td', { class: 'mono' }, hex(v.csrs.vsepc)),
      h('td', { class: 'mono' }, hex(v.csrs.vscause)),
      h('td', { class: 'mono', title: vsBits(v.csrs.hvip) }, hex(v.csrs.hvip, 3)),
      h('td', { class: 'mono', title: vsBits(v.csrs.hie) }, hex(v.csrs.hie, 3)),
      h('td', { class: 'mono' }, v.timerDeadline === null ? '—' : String(v.timerDeadline)),
      h('td', { class: 'num' }, String(v.exits)));
  }
}

function vmSummary(vm: VmInfo, r: VcpusResponse): HTMLElement {
  const exit = vm.state === 'running' ? '' : ` exit code ${vm.exitCode}${vm.message ? `: ${vm.message}` : ''}`;
  return h('span', { class: 'dim' },
    `${vm.paging} paging · ${size(vm.memory.size)} RAM, ${vm.memory.backedPages} pages backed · guest time ${vm.guestTime} · host time ${r.time}${exit}`);
}

function satpText(satp: number): string {
  return (satp >>> 31) ? `Sv32, ASID ${(satp >>> 22) & 0x1ff}, root at GPA ${hex((satp & 0x3fffff) * 4096)}` : 'Bare';
}

/** VS interrupt bits: VSSIP 2, VSTIP 6, VSEIP 10. */
function vsBits(v: number): string {
  const names = [[2, 'VSSI'], [6, 'VSTI'], [10, 'VSEI']].filter(([b]) => v & (1 << (b as number))).map(([, n]) => n);
  return names.length ? names.join(' ') : 'none';
}

export function basename(file: string): string { return file.split(/[\\/]/).pop() ?? file; }
