import type { SbiCall } from '../sbi/abi';

/**
 * VM exits: why a vCPU left the guest, with stable names that breakpoint filters, statistics,
 * panes and the CLI all use (as KVM's exit reasons are for its users).
 */
export const EXIT_REASONS = [
  'sbi', 'guest-page-fault', 'mmio', 'virtual-instruction', 'wfi', 'host-interrupt', 'exception', 'interrupt-injection',
  'privileged-instruction', 'hidden-fault', 'pt-write', 'hypercall',
] as const;
export type ExitReason = typeof EXIT_REASONS[number];

export const EXIT_REASON_LABELS: Record<ExitReason, string> = {
  'sbi': 'SBI call',
  'guest-page-fault': 'guest page fault',
  'mmio': 'MMIO access',
  'virtual-instruction': 'virtual instruction',
  'wfi': 'WFI / halt',
  'host-interrupt': 'host interrupt',
  'exception': 'guest exception',
  'interrupt-injection': 'interrupt injection',
  'privileged-instruction': 'privileged instruction',
  'hidden-fault': 'hidden fault (shadow fill)',
  'pt-write': 'page-table write',
  'hypercall': 'paravirtual hypercall',
};

export type MemoryAccessKind = 'read' | 'write' | 'fetch';

/** What the VMM learned when it decoded the exit (the typed payload, per reason). */
export type ExitDetail =
  | { reason: 'sbi'; call: SbiCall; extension: string }
  | { reason: 'guest-page-fault'; gpa: number; gva: number; access: MemoryAccessKind }
  | { reason: 'mmio'; gpa: number; gva: number; write: boolean; width: 1 | 2 | 4; device: string; offset: number;
      /** The guest register loaded (load) or stored (store), and the store's value. */
      register: number; value: number; signed: boolean; insn: number; length: 2 | 4 }
  | { reason: 'virtual-instruction'; insn: number }
  | { reason: 'wfi'; insn: number }
  | { reason: 'host-interrupt'; why: 'timer' | 'preempt' | 'irq' }
  | { reason: 'exception'; cause: number; tval: number }
  | { reason: 'interrupt-injection'; irq: 'VSSI' | 'VSTI' | 'VSEI'; source: string }
  /** Trap-and-emulate: a CSR access, sret or sfence.vma of the deprivileged guest kernel. */
  | { reason: 'privileged-instruction'; insn: number }
  /** Shadow paging: the shadow lacked an entry the guest's own table allows. */
  | { reason: 'hidden-fault'; gpa: number; gva: number; access: MemoryAccessKind }
  /** Shadow paging: a guest store into one of its (write-protected) page-table pages. */
  | { reason: 'pt-write'; gpa: number; gva: number; width: 1 | 2 | 4; value: number; insn: number; length: 2 | 4 }
  /** Paravirtual: a call of Hyperstep's PV SBI extension (docs/PARAVIRT.md), function `fid`. */
  | { reason: 'hypercall'; fid: number; args: number[] };

/** One VM exit as the hardware reported it (the HS CSRs at the trap) and the VMM decoded it. */
export interface VmExit {
  /** Exit number, counting from 1 across the whole VMM. */
  seq: number;
  vm: string;
  vmId: number;
  vcpu: number;
  reason: ExitReason;
  /** Guest pc (sepc) where it left the guest. */
  pc: number;
  /** Guest privilege: 1 VS, 0 VU. */
  guestPriv: number;
  /** scause, stval, htval, htinst at the trap (0 for exits the VMM itself initiates). */
  scause: number;
  stval: number;
  htval: number;
  htinst: number;
  detail: ExitDetail;
  /** Machine time (mtime ticks) and timeline position when it happened. */
  time: number;
  executed: number;
}

/** A completed exit, as statistics and the timeline keep it. */
export interface ExitRecord {
  seq: number;
  vm: string;
  vcpu: number;
  reason: ExitReason;
  pc: number;
  /** The VMM handler that served it (e.g. `sbi.console_putchar`, `mmio.uart.write`, `gstage.map`). */
  handler: string;
  /** One line for logs and panes. */
  summary: string;
  /** Modeled host instructions the VMM spent (see costModel.ts). */
  cost: number;
  time: number;
  executed: number;
  /** Guest-physical address involved, when there is one (filters, timeline). */
  gpa?: number;
}
