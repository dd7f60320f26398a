import type { DebugProtocol } from '@vscode/debugprotocol';
import { causeName } from '../engine/cpu/causeNames';
import { EXIT_REASONS, EXIT_REASON_LABELS } from '../engine/vmm';
import { csrFields, csrSummary, describeTinst } from './csrView';
import type { DebugTarget } from './debugTarget';
import { Change, formatStateValue } from './phaseChanges';
import { ABI_NAMES } from './registers';
import { exitDetailRows, exitSummary } from './vmExits';
import type { ParavirtPaging } from '../engine/vmm/paravirtPaging';

/**
 * The Variables view of a vCPU thread under the built-in VMM, besides its registers (the Guest
 * vCPU scope, in variableStore.ts): the VMM scope (where the vCPU is, hgatp and hstatus decoded,
 * the exit in progress field by field), VM statistics (exits by reason of its VM and of the vCPU,
 * host instructions the VMM spent, guest pages backed) and "Changed by the last phase" (what the
 * phase the debugger just ran changed). Each function returns variables; `child` makes an
 * expandable container the store keeps a handle for.
 */

export type VmmContainer =
  | { kind: 'vmm'; thread: number }
  | { kind: 'exit'; thread: number }
  | { kind: 'vmStats'; thread: number }
  | { kind: 'exitCounts'; thread: number; vcpuOnly: boolean }
  | { kind: 'phaseChanges'; thread: number; changes: Change[] }
  | { kind: 'csrFieldsOf'; thread: number; csr: string }
  | { kind: 'pagingCounters'; thread: number; which: 'shadow' | 'paravirt' };

/** What the last phase the debugger ran changed, and where. */
export interface PhaseChanges { thread: number; seq: number; phase: string; text: string; changes: Change[] }

type Child = (c: VmmContainer) => number;

const hex8 = (v: number): string => '0x' + (v >>> 0).toString(16).padStart(8, '0');
const HSM = ['STARTED', 'STOPPED', 'START_PENDING', 'STOP_PENDING', 'SUSPENDED', 'SUSPEND_PENDING', 'RESUME_PENDING'];
const ro = { attributes: ['readOnly'] as DebugProtocol.VariablePresentationHint['attributes'] };

function plain(name: string, value: string, type?: string): DebugProtocol.Variable {
  return { name, value, variablesReference: 0, type, presentationHint: ro };
}

export function vmmScopes(target: DebugTarget, thread: number, child: Child, changes: PhaseChanges | undefined, exitFrame: boolean): DebugProtocol.Scope[] {
  const out: DebugProtocol.Scope[] = [
    { name: 'VMM', variablesReference: child({ kind: 'vmm', thread }), expensive: false },
    { name: 'VM statistics', variablesReference: child({ kind: 'vmStats', thread }), expensive: false },
  ];
  if (changes && changes.thread === thread) {
    const scope = { name: 'Changed by the last phase', variablesReference: child({ kind: 'phaseChanges', thread, changes: changes.changes }), namedVariables: changes.changes.length, expensive: false };
    if (exitFrame) out.unshift(scope); else out.push(scope);
  }
  return out;
}

export function vmmVariables(target: DebugTarget, c: VmmContainer, child: Child): DebugProtocol.Variable[] {
  const vc = target.vcpus!, vmm = target.vmm!;
  const v = vc.vcpu(c.thread), vm = v.vm;
  switch (c.kind) {
    case 'vmm': {
      const h = vc.hart(c.thread), hd = vc.exit(c.thread), deprivileged = vc.deprivileged(c.thread);
      const running = deprivileged ? 'running the guest deprivileged (U-mode, V=0)' : 'running the guest (V=1)';
      const where = h ? `hart ${h.id}, ${hd ? 'in a VM exit (the VMM is handling it)' : running}` : `not on a hart (${v.state})`;
      const out: DebugProtocol.Variable[] = [
        plain('vCPU', `${v.name}: ${where}`),
        plain('state', v.state, 'vcpu state'),
        plain('hsm', HSM[v.hsm] ?? String(v.hsm), 'SBI HSM state'),
        plain('timer', v.timerDeadline === Infinity ? 'not armed' : `due at mtime ${v.timerDeadline} (guest time ${v.timerDeadline + vm.timeDelta})`, 'SBI set_timer'),
      ];
      const hgatp = vc.hgatp(c.thread);
      if (hgatp !== undefined) {
        out.push({ name: 'hgatp', value: csrSummary('hgatp', hgatp), evaluateName: 'hgatp', type: 'csr', variablesReference: child({ kind: 'csrFieldsOf', thread: c.thread, csr: 'hgatp' }), presentationHint: ro });
      } else {
        // No G stage: the hart's own satp holds the VMM's shadow of the guest's satp.
        const satp = vc.hardwareSatp(c.thread);
        out.push(plain('satp (hart)', satp === undefined ? 'no shadow of the guest\'s satp yet (the VMM makes one when the vCPU runs)'
          : `${csrSummary('satp', satp)}: the shadow of the guest's satp ${hex8(vc.vsatp(c.thread))} (${vc.priv(c.thread) === 1 ? 'S' : 'U'} view)`, 'satp'));
      }
      const hstatus = h ? target.readCsrByName(c.thread, 'hstatus') : undefined;
      out.push(hstatus === undefined ? plain('hstatus', '(the hart\'s: the vCPU is not on one)')
        : { name: 'hstatus', value: csrSummary('hstatus', hstatus), evaluateName: 'hstatus', type: 'csr', variablesReference: child({ kind: 'csrFieldsOf', thread: c.thread, csr: 'hstatus' }) });
      out.push(hd ? { name: 'exit in progress', value: `#${hd.exit.seq} ${EXIT_REASON_LABELS[hd.exit.reason]}: ${hd.plan.handler}, next phase ${hd.plan.phases[hd.next]?.name ?? '(done)'}`, variablesReference: child({ kind: 'exit', thread: c.thread }) }
        : plain('exit in progress', 'none'));
      out.push(plain('paging', pagingSummary(target, c.thread)));
      return out;
    }
    case 'exit': {
      const hd = vc.exit(c.thread);
      if (!hd) return [plain('exit', 'the exit has completed')];
      const e = hd.exit, d = e.detail;
      const out = [
        plain('seq', String(e.seq)),
        plain('reason', `${e.reason} (${EXIT_REASON_LABELS[e.reason]})`),
        plain('handler', hd.plan.handler),
        plain('phase', `${hd.next + 1 <= hd.plan.phases.length ? `${hd.plan.phases[hd.next].name} next` : 'done'} (${hd.plan.phases.map((p) => p.name).join(', ')})`),
        plain('summary', exitSummary(e)),
        plain('guest pc', hex8(e.pc) + ((): string => { const s = target.describe(e.pc, vc.context(c.thread), true); return s ? ` <${s}>` : ''; })()),
        plain('scause', `${hex8(e.scause)} ${e.scause || e.reason === 'sbi' ? causeName(e.scause & 0x7fffffff, (e.scause >>> 31) === 1) : '(no trap: the VMM began it)'}`),
        plain('stval', hex8(e.stval)),
      ];
      // A deprivileged guest traps with V=0: the H extension's htval/htinst say nothing about it.
      if (!vc.deprivileged(c.thread)) {
        out.push(plain('htval', `${hex8(e.htval)}${e.htval ? ` = GPA ${hex8(e.htval * 4)} >> 2` : ''}`), plain('htinst', `${hex8(e.htinst)} ${describeTinst(e.htinst)}`));
      }
      out.push(...exitDetailRows(e).map(([name, value]) => plain(name, value)));
      if (d.reason === 'mmio') {
        out.push(plain('device', `${d.device} + 0x${d.offset.toString(16)}`), plain('gpa', hex8(d.gpa)),
          plain('access', `${d.width}-byte ${d.write ? `write of 0x${(d.value >>> 0).toString(16)} from` : 'read into'} x${d.register} (${ABI_NAMES[d.register]})`));
      } else if (d.reason === 'guest-page-fault') out.push(plain('gpa', hex8(d.gpa)), plain('gva', hex8(d.gva)), plain('access', d.access));
      else if (d.reason === 'sbi') out.push(plain('eid', `${hex8(d.call.eid)} (${d.extension})`), plain('fid', String(d.call.fid)));
      return out;
    }
    case 'vmStats': {
      const mem = vm.memory;
      const total = (o: Record<string, number>): number => EXIT_REASONS.filter((r) => r !== 'interrupt-injection').reduce((s, r) => s + o[r], 0);
      const ofVm = vmm.log.countsFor(vm.name), ofVcpu = vmm.log.countsFor(vm.name, v.index);
      return [
        { name: `exits of ${vm.name}`, value: `${total(ofVm)} VM exits, ${ofVm['interrupt-injection']} interrupt injections`, variablesReference: child({ kind: 'exitCounts', thread: c.thread, vcpuOnly: false }) },
        { name: `exits of ${v.name}`, value: `${total(ofVcpu)} VM exits, ${ofVcpu['interrupt-injection']} interrupt injections`, variablesReference: child({ kind: 'exitCounts', thread: c.thread, vcpuOnly: true }) },
        plain('host instructions (VM)', `${vmm.log.hostInstructions(vm.name)} modeled VMM instructions for ${vm.name}'s exits`),
        plain('host instructions (vCPU)', `${v.hostInstructions} for ${v.exits} exits of ${v.name}`),
        plain('pages backed', `${mem.backedPages} of ${mem.size / 4096} (${mem.backedPages * 4} KiB of ${mem.size >>> 10} KiB guest RAM)`),
        ...pagingStatistics(target, c.thread, child),
        plain('VM state', `${vm.state}${vm.state !== 'running' ? ` (exit code ${vm.exitCode})` : ''}${vm.message ? `: ${vm.message}` : ''}`),
      ];
    }
    case 'exitCounts': {
      const counts = vmm.log.countsFor(vm.name, c.vcpuOnly ? v.index : undefined);
      return EXIT_REASONS.map((r) => plain(r, `${counts[r]} (${EXIT_REASON_LABELS[r]})`, 'exits'));
    }
    case 'phaseChanges':
      if (c.changes.length === 0) return [plain('(nothing)', 'this phase changed no register, CSR or device register')];
      return c.changes.map((x) => plain(x.name, `${formatStateValue(x.before)} → ${formatStateValue(x.after)}`));
    case 'pagingCounters':
      return pagingCounters(target, c.thread, c.which);
    case 'csrFieldsOf': {
      const whole = target.readCsrByName(c.thread, c.csr) ?? 0;
      return (csrFields(c.csr) ?? []).map((f) => {
        const value = f.width === 32 ? whole >>> 0 : ((whole >>> f.lsb) & ((2 ** f.width) - 1)) >>> 0;
        return plain(f.name, f.meaning ? f.meaning(value, whole) : String(value), f.doc);
      });
    }
  }
}

/** The VMM scope's one line about the VM's paging mode. */
function pagingSummary(target: DebugTarget, thread: number): string {
  const vc = target.vcpus!, vm = vc.vm(thread), sp = vc.shadowPaging(thread);
  if (!sp) return `nested: the VM's G-stage table at ${hex8(target.vmm!.nested.describe(vm).root)}, VMID ${vm.id}`;
  const st = sp.stats(vm);
  const how = sp.kind === 'shadow'
    ? 'shadow: the guest kernel runs deprivileged; the VMM composes its table and the P2M into shadow tables, filled on hidden faults'
    : 'paravirt: the guest kernel runs deprivileged; its page tables are validated and pinned, the hardware\'s entries kept in step eagerly';
  return `${how} (${st.roots} shadow root${st.roots === 1 ? '' : 's'}, ${st.shadowPages} table page${st.shadowPages === 1 ? '' : 's'})`;
}

/** VM statistics of the paging mode: G-stage table pages (nested), or the shadow and paravirtual counters. */
function pagingStatistics(target: DebugTarget, thread: number, child: Child): DebugProtocol.Variable[] {
  const vc = target.vcpus!, vm = vc.vm(thread), sp = vc.shadowPaging(thread);
  if (!sp) return [plain('G-stage table pages', String(target.vmm!.nested.describe(vm).tablePages))];
  const st = sp.stats(vm);
  const out: DebugProtocol.Variable[] = [{
    name: 'shadow paging', value: `${st.fills} fills, ${st.hiddenFaults} hidden faults, ${st.ptWrites} page-table writes, ${st.syncs} syncs, ${st.shadowPages} table pages`,
    variablesReference: child({ kind: 'pagingCounters', thread, which: 'shadow' }), presentationHint: ro,
  }];
  if (sp.kind === 'paravirt') {
    const pv = (sp as ParavirtPaging).pvStats(vm);
    out.push({
      name: 'paravirtual paging', value: `${pv.pinned} pinned tables, ${pv.updates} PTE updates, ${pv.denied} denied`,
      variablesReference: child({ kind: 'pagingCounters', thread, which: 'paravirt' }), presentationHint: ro,
    });
  }
  return out;
}

const SHADOW_COUNTERS: [keyof ReturnType<ParavirtPaging['stats']>, string][] = [
  ['hiddenFaults', 'hidden faults: the shadow lacked an entry the guest\'s table allows'],
  ['fills', 'shadow entries filled'],
  ['trueFaults', 'true faults: the guest\'s own table forbids the access (delivered to the guest)'],
  ['ptWrites', 'guest page-table writes trapped and emulated'],
  ['syncs', 'syncs: guest sfence.vma (flush) that dropped shadow entries'],
  ['rootSwitches', 'shadow root switches (satp, privilege or SUM/MXR changes)'],
  ['evictions', 'shadow roots evicted (LRU)'],
  ['roots', 'shadow roots kept'],
  ['shadowPages', 'shadow table pages (VMM frames)'],
];
const PV_COUNTERS: [keyof ReturnType<ParavirtPaging['pvStats']>, string][] = [
  ['pinned', 'page-table pages pinned now (read-only to the guest)'],
  ['pins', 'pins'], ['unpins', 'unpins'],
  ['updates', 'PTE updates applied (mmu_update and validated trapped stores)'],
  ['denied', 'requests denied by validation'],
  ['validations', 'whole tables validated'],
];

function pagingCounters(target: DebugTarget, thread: number, which: 'shadow' | 'paravirt'): DebugProtocol.Variable[] {
  const vc = target.vcpus!, vm = vc.vm(thread), sp = vc.shadowPaging(thread);
  if (!sp) return [];
  if (which === 'shadow') {
    const st = sp.stats(vm);
    return SHADOW_COUNTERS.map(([k, doc]) => plain(k, String(st[k]), doc));
  }
  const pv = (sp as ParavirtPaging).pvStats(vm);
  return PV_COUNTERS.map(([k, doc]) => plain(k, String(pv[k]), doc));
}
