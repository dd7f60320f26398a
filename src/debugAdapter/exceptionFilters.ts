import type { DebugProtocol } from '@vscode/debugprotocol';
import { TrapInfo } from '../engine/cpu/hart';
import { causeName } from '../engine/cpu/causeNames';
import type { ExitReason } from '../engine/vmm';
import { ExpressionError, Node, parseExpression } from './expressions';
import { PRIV_NAMES } from './registers';
import { reasonOfFilter, vmExitFilters } from './vmExits';

/**
 * Exception breakpoints: one filter per kind of trap (illegal instruction, ebreak, ecall from
 * each mode, page faults, misaligned and access faults, the hypervisor extension's VM exits:
 * ecall from VS, guest-page faults, virtual instruction; each interrupt). Each filter can carry a
 * condition over the trap's variables: cause, tval, epc, from (privilege the trap came from:
 * 0 U, 1 S, 3 M), to, interrupt, hart, virt (1 when it came from V=1, i.e. VS or VU), gpa (the
 * faulting guest-physical address of a guest-page fault: htval or mtval2 << 2); registers, CSRs
 * and symbols work too.
 *
 * Under the built-in VMM there is one more filter per VM exit reason (vmExits.ts: `vm-exit-mmio`
 * labelled "MMIO access", ...), whose conditions are over the exit's fields; the VMM asks for
 * them (matchingExit) when it decodes an exit.
 */

export interface ExceptionFilter {
  id: string;
  label: string;
  description: string;
  exceptions: number[];
  interrupts: number[];
  default: boolean;
}

export const EXCEPTION_FILTERS: readonly ExceptionFilter[] = [
  { id: 'illegal-instruction', label: 'Illegal instruction', description: 'An illegal or privileged instruction trapped (cause 2)', exceptions: [2], interrupts: [], default: true },
  { id: 'ebreak', label: 'ebreak', description: 'An ebreak instruction (breakpoint exception, cause 3)', exceptions: [3], interrupts: [], default: true },
  { id: 'ecall-u', label: 'ecall from U-mode', description: 'System call from user mode (cause 8)', exceptions: [8], interrupts: [], default: false },
  { id: 'ecall-s', label: 'ecall from S-mode', description: 'SBI call from supervisor mode (cause 9)', exceptions: [9], interrupts: [], default: false },
  { id: 'ecall-m', label: 'ecall from M-mode', description: 'ecall in machine mode (cause 11)', exceptions: [11], interrupts: [], default: false },
  { id: 'fetch-page-fault', label: 'Instruction page fault', description: 'Instruction fetch page fault (cause 12)', exceptions: [12], interrupts: [], default: false },
  { id: 'load-page-fault', label: 'Load page fault', description: 'Load page fault (cause 13)', exceptions: [13], interrupts: [], default: false },
  { id: 'store-page-fault', label: 'Store/AMO page fault', description: 'Store or AMO page fault (cause 15)', exceptions: [15], interrupts: [], default: false },
  { id: 'misaligned', label: 'Misaligned access', description: 'Misaligned instruction, load or store address (causes 0, 4, 6)', exceptions: [0, 4, 6], interrupts: [], default: false },
  { id: 'ecall-vs', label: 'ecall from VS-mode', description: 'A guest\'s SBI call or hypercall: ecall from VS-mode (cause 10, a VM exit)', exceptions: [10], interrupts: [], default: false },
  { id: 'fetch-guest-page-fault', label: 'Instruction guest-page fault', description: 'G-stage fault on a guest instruction fetch (cause 20, a VM exit)', exceptions: [20], interrupts: [], default: false },
  { id: 'load-guest-page-fault', label: 'Load guest-page fault', description: 'G-stage fault on a guest load, e.g. MMIO to emulate (cause 21, a VM exit)', exceptions: [21], interrupts: [], default: false },
  { id: 'virtual-instruction', label: 'Virtual instruction', description: 'A guest instruction the hypervisor must emulate or forbid: H/VS CSRs, wfi under VTW, sret under VTSR... (cause 22, a VM exit)', exceptions: [22], interrupts: [], default: false },
  { id: 'store-guest-page-fault', label: 'Store/AMO guest-page fault', description: 'G-stage fault on a guest store or AMO, e.g. MMIO to emulate (cause 23, a VM exit)', exceptions: [23], interrupts: [], default: false },
  { id: 'access-fault', label: 'Access fault', description: 'Instruction, load or store access fault: PMP or no memory there (causes 1, 5, 7)', exceptions: [1, 5, 7], interrupts: [], default: true },
  { id: 'irq-m-software', label: 'Machine software interrupt', description: 'MSI (interrupt 3)', exceptions: [], interrupts: [3], default: false },
  { id: 'irq-m-timer', label: 'Machine timer interrupt', description: 'MTI (interrupt 7)', exceptions: [], interrupts: [7], default: false },
  { id: 'irq-m-external', label: 'Machine external interrupt', description: 'MEI (interrupt 11)', exceptions: [], interrupts: [11], default: false },
  { id: 'irq-s-software', label: 'Supervisor software interrupt', description: 'SSI (interrupt 1)', exceptions: [], interrupts: [1], default: false },
  { id: 'irq-s-timer', label: 'Supervisor timer interrupt', description: 'STI (interrupt 5)', exceptions: [], interrupts: [5], default: false },
  { id: 'irq-s-external', label: 'Supervisor external interrupt', description: 'SEI (interrupt 9)', exceptions: [], interrupts: [9], default: false },
  { id: 'irq-vs-software', label: 'Virtual supervisor software interrupt', description: 'VSSI (interrupt 2), injected through hvip', exceptions: [], interrupts: [2], default: false },
  { id: 'irq-vs-timer', label: 'Virtual supervisor timer interrupt', description: 'VSTI (interrupt 6), injected through hvip', exceptions: [], interrupts: [6], default: false },
  { id: 'irq-vs-external', label: 'Virtual supervisor external interrupt', description: 'VSEI (interrupt 10), injected through hvip', exceptions: [], interrupts: [10], default: false },
];

export const CONDITION_HELP = 'Stop only when this expression is non-zero, e.g. `tval == 0x30200073`, `from == 0`, `virt && gpa >= 0x10000000`. Names: cause, tval, epc, from, to, interrupt, hart, virt, gpa, registers, CSRs, symbols.';

/** The filters as DAP announces them in the initialize response (the VM exit ones last). */
export function dapFilters(): DebugProtocol.ExceptionBreakpointsFilter[] {
  return [...EXCEPTION_FILTERS.map((f) => ({
    filter: f.id, label: f.label, description: f.description, default: f.default,
    supportsCondition: true, conditionDescription: CONDITION_HELP,
  })), ...vmExitFilters()];
}

interface Active { filter: { id: string }; condition?: Node; conditionText?: string }
interface ActiveTrap extends Active { filter: ExceptionFilter }

export class ExceptionBreakpoints {
  private active: ActiveTrap[] = [];
  private exits: (Active & { reason: ExitReason })[] = [];

  /**
   * Replaces the enabled filters. Returns one DAP breakpoint per filter given (in order: plain
   * filters, then filterOptions), unverified with a message when the id or condition is bad.
   */
  set(filters: string[], options: DebugProtocol.ExceptionFilterOptions[]): DebugProtocol.Breakpoint[] {
    const result: DebugProtocol.Breakpoint[] = [];
    const active: ActiveTrap[] = [];
    const exits: (Active & { reason: ExitReason })[] = [];
    const add = (id: unknown, condition?: unknown): void => {
      const filter = EXCEPTION_FILTERS.find((f) => f.id === id);
      const reason = typeof id === 'string' ? reasonOfFilter(id) : undefined;
      if (!filter && !reason) { result.push({ verified: false, message: `unknown exception filter '${String(id)}'` }); return; }
      if (condition !== undefined && condition !== null && typeof condition !== 'string') {
        result.push({ verified: false, message: 'condition must be a string' });
        return;
      }
      const text = typeof condition === 'string' && condition.trim() !== '' ? condition : undefined;
      let node: Node | undefined;
      if (text) {
        try { node = parseExpression(text); } catch (e) {
          result.push({ verified: false, message: `condition: ${(e as ExpressionError).message}` });
          return;
        }
      }
      if (filter) active.push({ filter, condition: node, conditionText: text });
      else exits.push({ filter: { id: id as string }, reason: reason!, condition: node, conditionText: text });
      result.push({ verified: true });
    };
    for (const f of filters) add(f);
    for (const o of options) add(o?.filterId, o?.condition);
    this.active = active;
    this.exits = exits;
    return result;
  }

  /** The enabled VM exit filters for exits of `reason` (with their conditions). */
  matchingExit(reason: ExitReason): Active[] { return this.exits.filter((a) => a.reason === reason); }

  /** Exception and interrupt causes the machine should stop on. */
  causes(): { exceptions: number[]; interrupts: number[] } {
    const exceptions = new Set<number>(), interrupts = new Set<number>();
    for (const a of this.active) { a.filter.exceptions.forEach((c) => exceptions.add(c)); a.filter.interrupts.forEach((c) => interrupts.add(c)); }
    return { exceptions: [...exceptions], interrupts: [...interrupts] };
  }

  /** The enabled filters that match a trap (with their conditions). */
  matching(trap: TrapInfo): ActiveTrap[] {
    return this.active.filter((a) => (trap.interrupt ? a.filter.interrupts : a.filter.exceptions).includes(trap.cause));
  }
}

/**
 * The condition variables of a trap. `fromGuest`: it came from V=1; `tval2`: htval or mtval2 as
 * the trap left it (the faulting guest-physical address >> 2).
 */
export function trapVariables(trap: TrapInfo, fromGuest = false, tval2 = 0): Record<string, number> {
  return {
    cause: trap.cause, tval: trap.tval >>> 0, epc: trap.epc >>> 0, from: trap.fromPriv, to: trap.toPriv,
    interrupt: trap.interrupt ? 1 : 0, hart: trap.hart, virt: fromGuest ? 1 : 0, gpa: ((tval2 >>> 0) * 4) >>> 0,
  };
}

/** "illegal instruction (from S)", "ecall from VS-mode (from VS)" */
export function describeTrap(trap: TrapInfo, fromGuest = false): string {
  return `${causeName(trap.cause, trap.interrupt)} (from ${fromGuest ? 'V' : ''}${PRIV_NAMES[trap.fromPriv] ?? trap.fromPriv})`;
}
