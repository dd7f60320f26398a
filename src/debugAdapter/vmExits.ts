import { PV_EID, PV_FUNCTIONS } from '../engine/sbi/pvAbi';
import { causeName } from '../engine/cpu/causeNames';
import { disassemble } from '../engine/isa/disassembler';
import { EXIT_REASONS, EXIT_REASON_LABELS, ExitInProgress, ExitReason, VmExit } from '../engine/vmm';
import { privInstruction } from '../engine/vmm/pvHypercalls';
import { describeTinst } from './csrView';
import { ABI_NAMES } from './registers';

/**
 * How the debugger shows the built-in VMM's VM exits: the exception filter of each exit reason,
 * the variables an exit offers to filter conditions, the one-line description of a stop, and the
 * read-only document of the hypervisor frame (the decoded exit and its handling phases; the frame
 * points at the line of the phase that runs next). No vscode, no DAP session state.
 */

/** The exception filter id of an exit reason: `vm-exit-mmio`. */
export function exitFilterId(reason: ExitReason): string { return `vm-exit-${reason}`; }

export function reasonOfFilter(id: string): ExitReason | undefined {
  const r = id.startsWith('vm-exit-') ? id.slice(8) : '';
  return (EXIT_REASONS as readonly string[]).includes(r) ? r as ExitReason : undefined;
}

const REASON_HELP: Record<ExitReason, string> = {
  'sbi': 'an SBI call (ecall from VS-mode): eid, fid',
  'guest-page-fault': 'a guest access to guest-physical RAM the VMM has not mapped yet: gpa, gva',
  'mmio': 'a guest load or store to a device register, trapped and emulated: gpa, device, width, write, value',
  'virtual-instruction': 'an instruction the guest may not execute (virtual-instruction exception)',
  'wfi': 'wfi: the vCPU halts until an interrupt',
  'host-interrupt': 'the host timer: the vCPU\'s SBI timer is due, or its time slice is over',
  'exception': 'a guest exception the hardware did not delegate, redirected to the guest: cause',
  'interrupt-injection': 'the VMM made a VS interrupt pending (timer, PLIC); stops after the injection',
  'privileged-instruction': 'shadow and paravirt paging: the deprivileged guest kernel executed a CSR access, sret or sfence.vma, emulated by the VMM',
  'hidden-fault': 'shadow paging: the shadow table lacked an entry the guest\'s own table allows (a fill): gpa, gva, access',
  'pt-write': 'shadow and paravirt paging: a guest store into one of its page tables, emulated (paravirt: after validation): gpa, gva, value',
  'hypercall': 'paravirt paging: a call of Hyperstep\'s PV SBI extension (mmu_update, set_satp, priv, ...): fid',
};

export const EXIT_CONDITION_HELP = 'Stop only when this expression is non-zero, e.g. `vm == "vm1" && gpa >= 0x10000000`. Names: vm, vcpu, reason, handler, seq, pc, ' +
  'gpa, gva, cause, tval, htval, htinst, eid, fid (sbi, hypercall), width, write, value, device, offset (mmio), access, insn (privileged instruction), ' +
  'value (pt-write: the store), registers, CSRs, symbols.';

/** The VM exit filters as DAP announces them (one per exit reason, labelled as the VMM names them). */
export function vmExitFilters(): { filter: string; label: string; description: string; default: boolean; supportsCondition: boolean; conditionDescription: string }[] {
  return EXIT_REASONS.map((r) => ({
    filter: exitFilterId(r), label: EXIT_REASON_LABELS[r], default: false, supportsCondition: true,
    description: `VM exit under the built-in VMM ("vms" in launch.json): ${REASON_HELP[r]}`, conditionDescription: EXIT_CONDITION_HELP,
  }));
}

export interface ExitVariables { numbers: Record<string, number>; texts: Record<string, string> }

/** The names an exit filter's condition (or a handler breakpoint's) can use. */
export function exitVariables(e: VmExit, handler: string): ExitVariables {
  const d = e.detail;
  const numbers: Record<string, number> = {
    vcpu: e.vcpu, seq: e.seq, pc: e.pc >>> 0, cause: e.scause >>> 0, tval: e.stval >>> 0, htval: e.htval >>> 0, htinst: e.htinst >>> 0,
    gpa: 0, gva: 0, eid: 0, fid: 0, width: 0, write: 0, value: 0, offset: 0, insn: 0,
  };
  const texts: Record<string, string> = { vm: e.vm, reason: e.reason, handler, device: '', access: '', why: '' };
  switch (d.reason) {
    case 'sbi': numbers.eid = d.call.eid >>> 0; numbers.fid = d.call.fid >>> 0; break;
    case 'guest-page-fault': numbers.gpa = d.gpa >>> 0; numbers.gva = d.gva >>> 0; texts.access = d.access; break;
    case 'mmio':
      Object.assign(numbers, { gpa: d.gpa >>> 0, gva: d.gva >>> 0, width: d.width, write: d.write ? 1 : 0, value: d.value >>> 0, offset: d.offset });
      texts.device = d.device; texts.access = d.write ? 'write' : 'read';
      break;
    case 'exception': numbers.cause = d.cause >>> 0; numbers.tval = d.tval >>> 0; break;
    case 'host-interrupt': texts.why = d.why; break;
    case 'virtual-instruction': case 'wfi': case 'privileged-instruction': numbers.insn = d.insn >>> 0; break;
    case 'hidden-fault': numbers.gpa = d.gpa >>> 0; numbers.gva = d.gva >>> 0; texts.access = d.access; break;
    case 'pt-write':
      Object.assign(numbers, { gpa: d.gpa >>> 0, gva: d.gva >>> 0, width: d.width, write: 1, value: d.value >>> 0, insn: d.insn >>> 0 });
      texts.access = 'write';
      break;
    case 'hypercall': numbers.fid = d.fid >>> 0; numbers.eid = PV_EID; break;
    default: break;
  }
  return { numbers, texts };
}

const hex = (v: number, digits = 8): string => '0x' + (v >>> 0).toString(16).padStart(digits, '0');

function disassembleSafe(bits: number): string {
  try { return disassemble(bits >>> 0, 0, { aliases: true, allCsrNames: true }); } catch { return '?'; }
}

/** What the exit was about, in one line: `1-byte write of 0x48 to vm1.uart0+0x0 (gpa 0x10000000)`. */
export function exitSummary(e: VmExit): string {
  const d = e.detail;
  switch (d.reason) {
    case 'sbi': return `ecall: eid ${hex(d.call.eid)} (${d.extension}), fid ${d.call.fid}`;
    case 'guest-page-fault': return `${d.access} at guest-physical ${hex(d.gpa)} (guest-virtual ${hex(d.gva)})`;
    case 'mmio': return `${d.width}-byte ${d.write ? `write of ${hex(d.value, 2 * d.width)} to` : 'read of'} ${d.device}+0x${d.offset.toString(16)} (gpa ${hex(d.gpa)})`;
    case 'virtual-instruction': case 'wfi': return `${disassembleSafe(d.insn)} (${hex(d.insn)})`;
    case 'host-interrupt': return d.why === 'timer' ? 'the vCPU\'s SBI timer is due' : d.why === 'irq' ? 'an interrupt to deliver to a deprivileged guest' : 'the time slice is over';
    case 'exception': return `${causeName(d.cause & 0x7fffffff, (d.cause >>> 31) === 1)} (tval ${hex(d.tval)})`;
    case 'interrupt-injection': return `${d.irq} from ${d.source}`;
    case 'privileged-instruction': return `${disassembleSafe(d.insn)} (${hex(d.insn)}), emulated`;
    case 'hidden-fault': return `${d.access} at guest-virtual ${hex(d.gva)} (guest-physical ${hex(d.gpa)}): shadow fill`;
    case 'pt-write': return `${d.width}-byte store of ${hex(d.value)} into a page table at guest-physical ${hex(d.gpa)}`;
    case 'hypercall': return `PV ${PV_FUNCTIONS[d.fid] ?? `function ${d.fid}`} (a0 ${hex(d.args[0])}, a1 ${hex(d.args[1])})`;
  }
}

/** `VM exit: MMIO access`: the stop's description. */
export function exitStopDescription(reason: ExitReason): string { return `VM exit: ${EXIT_REASON_LABELS[reason]}`; }

export interface ExitDocument {
  text: string;
  /** 1-based line of each phase, in plan order. */
  phaseLines: number[];
}

/**
 * The rows only a trap-and-emulate VMM's exits have (shadow and paravirtual paging), as
 * name/value pairs: the exit document and the VMM scope's exit in progress show them.
 */
export function exitDetailRows(e: VmExit): [string, string][] {
  const d = e.detail;
  switch (d.reason) {
    case 'privileged-instruction':
      return [['insn', `${hex(d.insn)}  ${disassembleSafe(d.insn)}`],
        ['why', 'the guest kernel runs in U-mode: a supervisor instruction is illegal there (scause 2, stval = the instruction), so the VMM emulates it']];
    case 'hidden-fault':
      return [['access', d.access], ['gva', hex(d.gva)], ['gpa', `${hex(d.gpa)} (what the guest's own table maps it to)`],
        ['why', 'the guest\'s table allows the access but the shadow has no entry yet: the guest never sees this fault']];
    case 'pt-write': {
      const page = (d.gpa & ~0xfff) >>> 0, index = ((d.gpa & 0xfff) >>> 2);
      return [['store', `${d.width}-byte store of ${hex(d.value, 2 * d.width)}`], ['gva', hex(d.gva)],
        ['gpa', `${hex(d.gpa)}: entry ${index} of the guest's page-table page at ${hex(page)}`],
        ['insn', `${hex(d.insn, d.length * 2)}  ${disassembleSafe(d.length === 2 && (d.insn & 3) === 1 ? d.insn | 2 : d.insn)}${d.length === 2 ? ' (compressed)' : ''}`],
        ['why', 'every shadow maps the guest\'s page-table pages read-only, so its PTE stores trap']];
    }
    case 'hypercall': {
      const name = PV_FUNCTIONS[d.fid] ?? `function ${d.fid} (not defined)`;
      const rows: [string, string][] = [['function', `${name} (a6 = ${d.fid}; a7 = 0x09485056, the PV extension)`], ['args', d.args.map((a, i) => `a${i}=${hex(a)}`).join(' ')]];
      if (d.fid === 8) {
        const bits = privInstruction(d.args[0]);
        rows.push(['priv', bits === undefined ? `${hex(d.args[0])}: not a privileged instruction the VMM knows` : `${disassembleSafe(bits)} (the instruction the previrtualized sequence stands for)`]);
      } else if (d.fid === 1) rows.push(['requests', `${d.args[1]} PTE update${d.args[1] === 1 ? '' : 's'} at guest-physical ${hex(d.args[0])}`]);
      return rows;
    }
    default: return [];
  }
}

/**
 * The hypervisor frame's document: the exit as the VMM decoded it and its phases. `describe`
 * names a guest address (`uart_putc+0x14`). The text does not depend on how far the handling
 * got, so one document serves the whole exit; the frame's line says where it is. `deprivileged`:
 * the VM runs under shadow or paravirtual paging (its guest traps with V=0: no htval/htinst).
 */
export function exitDocument(hd: ExitInProgress, describe: (address: number) => string | undefined, deprivileged = false): ExitDocument {
  const e = hd.exit, d = e.detail;
  const lines: string[] = [];
  const row = (name: string, value: string): void => { lines.push(`${name.padEnd(10)}${value}`); };
  lines.push(`VM exit #${e.seq} of ${e.vm}/vcpu${e.vcpu}: ${EXIT_REASON_LABELS[e.reason]} (${e.reason})`);
  row('handler', hd.plan.handler);
  lines.push('');
  const at = describe(e.pc);
  const mode = deprivileged ? `${e.guestPriv === 1 ? 'S' : 'U'}-mode (deprivileged: U-mode on the hart, V=0)` : `${e.guestPriv === 1 ? 'VS' : 'VU'}-mode`;
  row('guest pc', `${hex(e.pc)}${at ? ` <${at}>` : ''} in ${mode}`);
  const trapped = e.reason !== 'host-interrupt' && e.reason !== 'interrupt-injection';
  if (trapped) {
    row('scause', `${hex(e.scause)}  ${causeName(e.scause & 0x7fffffff, (e.scause >>> 31) === 1)}`);
    row('stval', `${hex(e.stval)}`);
    if (!deprivileged) {
      row('htval', `${hex(e.htval)}  ${e.htval ? `guest-physical ${hex(e.htval * 4)} (htval << 2)` : ''}`.trimEnd());
      row('htinst', `${hex(e.htinst)}  ${describeTinst(e.htinst)}`);
    }
  }
  for (const [name, value] of exitDetailRows(e)) row(name, value);
  switch (d.reason) {
    case 'sbi':
      row('eid', `${hex(d.call.eid)} (${d.extension}) in a7`);
      row('fid', `${d.call.fid} in a6`);
      row('args', d.call.args.map((a, i) => `a${i}=${hex(a)}`).join(' '));
      break;
    case 'guest-page-fault':
      row('access', d.access);
      row('gpa', hex(d.gpa));
      row('gva', hex(d.gva));
      break;
    case 'mmio':
      row('device', `${d.device} + 0x${d.offset.toString(16)}`);
      row('gpa', hex(d.gpa));
      row('gva', hex(d.gva));
      row('access', `${d.width}-byte ${d.write ? `write of ${hex(d.value, 2 * d.width)} from` : `${d.signed ? 'signed ' : ''}read into`} x${d.register} (${ABI_NAMES[d.register]})`);
      row('insn', `${hex(d.insn, d.length * 2)}  ${disassembleSafe(d.length === 2 && (d.insn & 3) === 1 ? d.insn | 2 : d.insn)}${d.length === 2 ? ' (compressed)' : ''}`);
      break;
    case 'virtual-instruction': case 'wfi':
      row('insn', `${hex(d.insn)}  ${disassembleSafe(d.insn)}`);
      break;
    case 'host-interrupt':
      row('why', d.why === 'timer' ? 'timer: the vCPU\'s SBI timer is due' : d.why === 'irq' ? 'irq: an interrupt to deliver (a deprivileged guest has no hardware to take it)' : 'preempt: its time slice is over');
      break;
    case 'exception':
      row('cause', `${d.cause} ${causeName(d.cause & 0x7fffffff, (d.cause >>> 31) === 1)}`);
      row('tval', hex(d.tval));
      break;
    case 'interrupt-injection':
      row('irq', `${d.irq} from ${d.source}`);
      break;
  }
  row('when', `mtime ${e.time}, after ${e.executed} instructions`);
  lines.push('');
  lines.push('Phases (the frame\'s line is the phase that runs next; Step Over runs it, Step Out all of them):');
  const width = Math.max(...hd.plan.phases.map((p) => p.name.length));
  const phaseLines = hd.plan.phases.map((p) => {
    lines.push(`  ${p.name.padEnd(width)}  ${p.text}`);
    return lines.length;
  });
  return { text: lines.join('\n') + '\n', phaseLines };
}
