import type { Bus } from '../engine/machine/bus';
import type { Machine } from '../engine/machine/machine';
import type { ReadWord } from '../engine/mmu/twoStageWalk';
import type { DebugTarget } from './debugTarget';
import { vmContext } from './launchConfig';
import { VIRT } from '../engine/machine/virtLayout';
import { HsmState } from '../engine/sbi/abi';
import { EXIT_REASONS, EXIT_REASON_LABELS, ExitRecord, Vcpu, Vm, Vmm } from '../engine/vmm';
import { VSTIP } from '../engine/vmm/vcpu';
import type {
  DevicesResponse, ExitSummary, ExitsArgs, ExitsResponse, LocateResponse, PageTable, PageTablesArgs, PageTablesResponse, PaneCommand,
  PlicContext, PlicSource, SourceLocation, VcpuInfo, VcpusResponse, VmInfo,
} from './paneProtocol';
import { PANE_COMMANDS } from './paneProtocol';
import { gStageTable, translateGrid, vsStageTable } from './paneTables';
import { p2mGStage } from './paneP2m';
import { markProtected, protections, rootInfos, rootOwning, shadowTable, ShadowSource } from './paneShadow';
import { compareWalks } from './paneWalkCompare';
import type { ShadowPaging } from '../engine/vmm/shadowPaging';

export { PANE_COMMANDS } from './paneProtocol';

/** A bad pane request (unknown VM, malformed argument): the session answers with its message. */
export class PaneRequestError extends Error {}

/** Where guest code at `pc` of `vm` comes from, if the debugger knows (its line tables). */
export type Locate = (vm: Vm, pc: number) => SourceLocation | undefined;

/**
 * What the session serves hyperstep/* with: PaneRequests over the launched VMM, or, for a
 * bare-metal session, an answer that says there is no VMM (the panes show it).
 */
export function paneRequestsFor(target: DebugTarget): { handle(command: string, args: Record<string, unknown>): unknown } {
  if (target.vmm) return new PaneRequests(target.vmm, target.machine, (vm, pc) => paneLocation(target, vm.name, pc));
  return { handle: (command) => { throw new PaneRequestError(`${command}: this session runs bare metal, without the VMM (no "vms" in launch.json)`); } };
}

/** The session's Locate: the VM's line tables, for files that are on this disk (the editor opens them). */
export function paneLocation(target: Pick<DebugTarget, 'location' | 'hasSource'>, vm: string, pc: number): SourceLocation | undefined {
  const l = target.location(pc, vmContext(vm));
  return l && target.hasSource(l.file) ? { file: l.file, line: l.line } : undefined;
}

/** How many recent exits per device the Devices pane gets. */
const RECENT_PER_DEVICE = 16;
const HSM_NAMES: Record<number, string> = {
  [HsmState.Started]: 'STARTED', [HsmState.Stopped]: 'STOPPED', [HsmState.StartPending]: 'START_PENDING', [HsmState.StopPending]: 'STOP_PENDING',
  [HsmState.Suspended]: 'SUSPENDED', [HsmState.SuspendPending]: 'SUSPEND_PENDING', [HsmState.ResumePending]: 'RESUME_PENDING',
};

/**
 * The data behind the Hyperstep panes, as custom DAP requests (`hyperstep/*`, shapes in
 * paneProtocol.ts). Everything here only reads the VMM and the machine: a pane refreshing ten
 * times a second must never change what the guest does. vscode-free; the session forwards the
 * requests here and the extension's panes ask for them.
 */
export class PaneRequests {
  private readonly bus: Bus;

  constructor(private readonly vmm: Vmm, private readonly machine: Machine, private readonly locate: Locate) {
    this.bus = machine.bus;
  }

  /** Whether `command` is one of ours. */
  static handles(command: string): command is PaneCommand { return (PANE_COMMANDS as readonly string[]).includes(command); }

  /** Answers one request; throws PaneRequestError for bad arguments. */
  handle(command: string, args: Record<string, unknown> = {}): unknown {
    switch (command) {
      case 'hyperstep/vcpus': return this.vcpus();
      case 'hyperstep/pageTables': return this.pageTables(args as PageTablesArgs);
      case 'hyperstep/devices': return this.devices(args as { vm?: string | number });
      case 'hyperstep/exits': return this.exits(args as ExitsArgs);
      case 'hyperstep/locate': return this.locateRequest(args);
      default: throw new PaneRequestError(`unrecognized pane request '${command}'`);
    }
  }

  // ---- hyperstep/vcpus ----

  vcpus(): VcpusResponse {
    return { time: this.machine.mtime(), executed: this.machine.executed, harts: this.machine.harts.length, vms: this.vmm.vms.map((vm) => this.vmInfo(vm)) };
  }

  private vmInfo(vm: Vm): VmInfo {
    return {
      id: vm.id, name: vm.name, state: vm.state, exitCode: vm.exitCode, message: vm.message, paging: vm.paging.kind,
      memory: { base: vm.memory.base, size: vm.memory.size, backedPages: vm.memory.backedPages },
      guestTime: vm.guestTime(), exitsByReason: this.vmm.log.countsFor(vm.name),
      vcpus: vm.vcpus.map((v) => this.vcpuInfo(v)),
    };
  }

  private vcpuInfo(v: Vcpu): VcpuInfo {
    const h = this.vmm.hartOf(v);
    const inExit = h ? this.vmm.exitInProgress(h.id) : undefined;
    const c = v.guestCsrs(h);
    // In the VMM (V=0) the hart's pc and privilege are the host's; the guest's are the exit's.
    const inGuest = !h || h.virt;
    const pc = inExit && !inGuest ? inExit.exit.pc : v.register(h, 32);
    const priv = inExit && !inGuest ? inExit.exit.guestPriv : c.priv;
    const info: VcpuInfo = {
      index: v.index, name: v.name, state: v.state, hsm: HSM_NAMES[v.hsm] ?? String(v.hsm), hart: h ? h.id : null,
      mode: priv === 0 ? 'VU' : 'VS', pc: pc >>> 0,
      csrs: { vsstatus: c.vsstatus, vsatp: c.vsatp, vstvec: c.vstvec, vsepc: c.vsepc, vscause: c.vscause, hvip: c.hvip, hie: c.hie },
      timerDeadline: v.timerDeadline === Infinity ? null : v.timerDeadline + v.vm.timeDelta,
      exits: v.exits, exitsByReason: this.vmm.log.countsFor(v.vm.name, v.index), hostInstructions: v.hostInstructions,
    };
    const location = this.locate(v.vm, pc >>> 0);
    if (location) info.location = location;
    if (inExit) {
      const phase = inExit.plan.phases[inExit.next]?.name ?? 'done';
      info.inExit = { seq: inExit.exit.seq, reason: inExit.exit.reason, handler: inExit.plan.handler, phase };
    }
    return info;
  }

  // ---- hyperstep/pageTables ----

  pageTables(args: PageTablesArgs): PageTablesResponse {
    const vm = this.vmOf(args.vm);
    if (args.table !== undefined) {
      const t = args.table;
      if (!t || typeof t !== 'object' || (t.stage !== 'VS' && t.stage !== 'G' && t.stage !== 'shadow') || !isAddress(t.address) || (t.level !== 0 && t.level !== 1) || !isAddress(t.base)) {
        throw new PaneRequestError('pageTables: "table" needs stage ("VS", "G" or "shadow"), address, level (0 or 1) and base');
      }
    }
    if (args.translate !== undefined && (!isAddress(args.translate) || args.translate >= 2 ** 32)) throw new PaneRequestError('pageTables: "translate" must be a 32-bit guest-virtual address');
    if (args.shadowRoot !== undefined && typeof args.shadowRoot !== 'string') throw new PaneRequestError('pageTables: "shadowRoot" must be a shadow root\'s key');
    return vm.paging.hardwareAssisted ? this.nestedTables(vm, args) : this.shadowTables(vm, args);
  }

  /** Nested paging: the guest's table (VS stage) and the VMM's G-stage table, the 2-D walk with the TLB's verdicts. */
  private nestedTables(vm: Vm, args: PageTablesArgs): PageTablesResponse {
    const vcpu0 = vm.vcpus[0];
    const h = this.vmm.hartOf(vcpu0);
    const vsatp = vcpu0.guestCsrs(h).vsatp >>> 0;
    const hgatp = (vm.paging.describe(vm).hgatp ?? 0) >>> 0;
    const res: PageTablesResponse = {
      vm: vm.name, paging: 'nested', vsatp, hgatp, guestSatp: vsatp,
      guest: (vsatp >>> 31) ? vsStageTable(this.readWord, hgatp, (vsatp & 0x3fffff) * 4096, 1, 0) : null,
      nested: (hgatp >>> 31) ? gStageTable(this.readWord, (hgatp & 0x3ffffc) * 4096, 1, 0) : null,
      shadow: null,
    };
    const t = args.table;
    if (t?.stage === 'shadow') throw new PaneRequestError(`${vm.name} uses nested paging: the hardware walks its G-stage table, there are no shadow tables`);
    if (t) res.table = t.stage === 'G' ? gStageTable(this.readWord, t.address, t.level, t.base) : vsStageTable(this.readWord, hgatp, t.address, t.level, t.base);
    if (args.translate !== undefined) {
      const hart = h ?? this.machine.harts[0];
      res.translate = translateGrid(this.readWord, vsatp, hgatp, args.translate, hart.gmmu, hart.id);
    }
    return res;
  }

  /**
   * Shadow and paravirtual paging: the guest's table (read through the P2M), the shadow roots and
   * one shadow table (GVA -> HPA, what the hart's real satp walks), the guest page-table pages the
   * VMM write-protects, and for a translate the shadow, nested and VMM walks side by side.
   */
  private shadowTables(vm: Vm, args: PageTablesArgs): PageTablesResponse {
    const paging = vm.paging as ShadowPaging;
    const g = p2mGStage(vm.id, vm.memory, this.readWord);
    const src: ShadowSource = { vm, paging, g, read: this.readWord };
    const vcpu0 = vm.vcpus[0];
    const h = this.vmm.hartOf(vcpu0);
    const vsatp = vcpu0.guestCsrs(h).vsatp >>> 0;
    const roots = paging.shadowRoots(vm);
    const running = new Map<string, string[]>();
    for (const v of vm.vcpus) {
      if (v.state === 'stopped') continue;
      const c = v.guestCsrs(this.vmm.hartOf(v));
      const key = paging.rootKey(vm, c.vsatp, c.priv, c.vsstatus);
      running.set(key, [...(running.get(key) ?? []), v.name]);
    }
    const current = roots.find((r) => running.get(r.key)?.includes(vcpu0.name)) ?? roots.find((r) => running.has(r.key)) ?? roots[roots.length - 1];
    const shown = roots.find((r) => r.key === args.shadowRoot) ?? current;
    const guestSatp = shown ? shown.satp : vsatp;
    const prot = protections(src);
    const guestTable = (gpa: number, level: number, base: number): PageTable => markProtected(vsStageTable(g.read, g.hgatp, gpa, level, base, 'the P2M'), prot);
    const res: PageTablesResponse = {
      vm: vm.name, paging: paging.kind, vsatp, hgatp: 0, guestSatp,
      guest: (guestSatp >>> 31) ? guestTable((guestSatp & 0x3fffff) * 4096, 1, 0) : null,
      nested: null,
      shadowRoots: rootInfos(src, roots, running),
      shadow: shown ? shadowTable(src, shown, shown.root, 1, 0) : null,
      protectedTables: [...prot.values()].sort((a, b) => a.gpa - b.gpa),
    };
    if (shown) res.shadowRoot = shown.key;
    const t = args.table;
    if (t?.stage === 'G') throw new PaneRequestError(`${vm.name} runs deprivileged (${paging.kind} paging): it has no G-stage table`);
    if (t?.stage === 'VS') res.table = guestTable(t.address, t.level, t.base);
    if (t?.stage === 'shadow') {
      const owner = rootOwning(roots, t.address);
      if (!owner) throw new PaneRequestError(`no shadow table of ${vm.name} at HPA 0x${t.address.toString(16)} (it may have been dropped)`);
      res.table = shadowTable(src, owner, t.address, t.level, t.base);
    }
    if (args.translate !== undefined) {
      const hart = h ?? this.machine.harts[0];
      res.translate = { ...translateGrid(g.read, guestSatp, g.hgatp, args.translate, undefined, hart.id), model: true };
      if (shown) {
        const exits = Object.values(this.vmm.log.countsFor(vm.name)).reduce((a, b) => a + b, 0);
        res.compare = compareWalks(src, shown, args.translate, hart.mmu, res.translate.references, this.vmm.log.recent(), exits);
      }
    }
    return res;
  }

  /** A physical word for walks: RAM straight from the bus, ROM through the debugger's read; never a device. */
  private readonly readWord: ReadWord = (pa) => {
    if (!(pa >= 0 && pa <= 2 ** 32 - 4)) return undefined;
    const off = this.bus.ramOffset(pa);
    const ram = this.bus.ram;
    if (off >= 0 && off + 4 <= ram.length) return (ram[off] | (ram[off + 1] << 8) | (ram[off + 2] << 16) | (ram[off + 3] << 24)) >>> 0;
    const b = this.machine.readMemory(pa, 4);
    return b.length === 4 ? (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0 : undefined;
  };

  // ---- hyperstep/devices ----

  devices(args: { vm?: string | number }): DevicesResponse {
    const vm = this.vmOf(args.vm);
    const u = vm.uart.snapshot();
    const p = vm.plic.snapshot();
    const bit = (words: number[], n: number): boolean => ((words[n >>> 5] >>> (n & 31)) & 1) === 1;
    const sources: PlicSource[] = [];
    const words = Math.ceil((p.priority.length - 1) / 32);
    for (let s = 1; s < p.priority.length; s++) {
      const enabledAnywhere = Array.from({ length: vm.plic.contexts }, (_, c) => bit(p.enable.slice(c * words, (c + 1) * words), s)).some(Boolean);
      if (p.priority[s] === 0 && !bit(p.pending, s) && !bit(p.claimed, s) && !enabledAnywhere && !bit(p.level, s)) continue;
      const src: PlicSource = { source: s, priority: p.priority[s], pending: bit(p.pending, s), claimed: bit(p.claimed, s), level: bit(p.level, s) };
      if (s === VIRT.uart0Irq) src.device = vm.uart.name; // the only device with a line (the virtio slots are empty)
      sources.push(src);
    }
    const contexts: PlicContext[] = [];
    for (let c = 0; c < vm.plic.contexts; c++) {
      const en = p.enable.slice(c * words, (c + 1) * words);
      const enabled: number[] = [];
      for (let s = 1; s < p.priority.length && s < words * 32; s++) if (bit(en, s)) enabled.push(s);
      contexts.push({ index: c, vcpu: c >>> 1, mode: (c & 1) ? 'S' : 'M', threshold: p.threshold[c], enabled, claimable: vm.plic.claimable(c), line: p.output[c] === 1 });
    }
    const recent = this.vmm.log.recent().filter((r) => r.vm === vm.name);
    const touching = (test: (r: ExitRecord) => boolean): ExitSummary[] => recent.filter(test).slice(-RECENT_PER_DEVICE).map(summary);
    const deviceOf = (r: ExitRecord): string | undefined => (r.reason === 'mmio' && r.gpa !== undefined ? vm.deviceAt(r.gpa)?.name : undefined);
    return {
      vm: vm.name, guestTime: vm.guestTime(),
      uart: {
        name: vm.uart.name, base: vm.uart.base,
        registers: { rbr: u.rbr, ier: u.ier, iir: u.iir, lcr: u.lcr, mcr: u.mcr, lsr: u.lsr, msr: u.msr, scr: u.scr, fcr: u.fcr, divider: u.divider },
        rxFifo: u.fifo, rxWaiting: u.hostQueue.length, irqLevel: u.irqLevel,
      },
      plic: { base: vm.plic.base, sources, contexts },
      timers: vm.vcpus.map((v) => {
        const h = this.vmm.hartOf(v);
        return { vcpu: v.index, deadline: v.timerDeadline === Infinity ? null : v.timerDeadline + vm.timeDelta, vstipPending: (v.pending(h) & VSTIP) !== 0, vstieEnabled: (v.guestCsrs(h).hie & VSTIP) !== 0 };
      }),
      recent: {
        uart: touching((r) => deviceOf(r) === vm.uart.name),
        plic: touching((r) => deviceOf(r) === vm.plic.name || (r.reason === 'interrupt-injection' && r.summary.startsWith('VSEI'))),
        timer: touching((r) => r.handler === 'sbi.set_timer' || r.handler === 'timer.inject' || (r.reason === 'interrupt-injection' && r.summary.startsWith('VSTI'))),
      },
    };
  }

  // ---- hyperstep/exits ----

  exits(args: ExitsArgs): ExitsResponse {
    const since = args.since ?? 0, limit = args.limit ?? 4096;
    if (!isCount(since) || !isCount(limit)) throw new PaneRequestError('exits: "since" and "limit" must be non-negative integers');
    const only = args.vm === undefined ? undefined : this.vmOf(args.vm).name;
    return {
      lastSeq: this.vmm.log.lastSeq, time: this.machine.mtime(),
      reasons: EXIT_REASONS.map((name) => ({ name, label: EXIT_REASON_LABELS[name] })),
      records: this.vmm.log.recent(since).filter((r) => only === undefined || r.vm === only).slice(-limit).map(summary),
      counts: this.vmm.vms.filter((vm) => only === undefined || vm.name === only)
        .map((vm) => ({ vm: vm.name, byReason: this.vmm.log.countsFor(vm.name), hostInstructions: this.vmm.log.hostInstructions(vm.name) })),
    };
  }

  // ---- hyperstep/locate ----

  private locateRequest(args: Record<string, unknown>): LocateResponse {
    const vm = this.vmOf(args.vm as string | number | undefined);
    if (!isAddress(args.pc) || args.pc >= 2 ** 32) throw new PaneRequestError('locate: "pc" must be a 32-bit address');
    const location = this.locate(vm, args.pc);
    return location ? { vm: vm.name, pc: args.pc, location } : { vm: vm.name, pc: args.pc };
  }

  /** A VM by name or id (1-based); the first when not given. */
  private vmOf(which: string | number | undefined): Vm {
    if (which === undefined) return this.vmm.vms[0];
    const vm = typeof which === 'number' ? this.vmm.vms[which - 1] : typeof which === 'string' ? this.vmm.vmByName(which) : undefined;
    if (!vm) throw new PaneRequestError(`no VM ${JSON.stringify(which)} (VMs: ${this.vmm.vms.map((v) => v.name).join(', ')})`);
    return vm;
  }
}

function summary(r: ExitRecord): ExitSummary {
  const s: ExitSummary = { seq: r.seq, vm: r.vm, vcpu: r.vcpu, reason: r.reason, pc: r.pc >>> 0, handler: r.handler, summary: r.summary, cost: r.cost, time: r.time, executed: r.executed };
  if (r.gpa !== undefined) s.gpa = r.gpa;
  return s;
}

function isAddress(v: unknown): v is number { return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 34; }
function isCount(v: unknown): v is number { return typeof v === 'number' && Number.isInteger(v) && v >= 0; }
