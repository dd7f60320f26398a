import type { Hart } from '../cpu/hart';
import { causeName } from '../cpu/causeNames';
import { disassemble } from '../isa/disassembler';
import { EID, extensionName, SbiCall, SbiOutcome } from '../sbi/abi';
import { handleSbiCall } from '../sbi/dispatch';
import { COST } from './costModel';
import type { ExitDetail, VmExit } from './exits';
import type { Vcpu } from './vcpu';
import type { Vm } from './vm';
import type { VmSbi } from './vmSbi';
import type { Access } from '../mmu/pmp';
import type { Emulated } from './trapAndEmulate';
import { hiddenFault, privilegedInstruction, ptWrite } from './taeExitHandlers';
import { hypercall } from './pvHypercalls';

/** The phases every exit goes through; the debugger steps through them one by one. */
export type PhaseName = 'decode' | 'emulate' | 'update' | 'resume';

export interface ExitPhase {
  name: PhaseName;
  /** What this phase does, for the hypervisor frame's document. */
  text: string;
  run(): void;
}

export interface ExitPlan {
  /** The VMM handler that serves the exit: what function breakpoints name. */
  handler: string;
  phases: ExitPhase[];
}

/** What a handler may do: the VMM's operations on the exiting vCPU. */
export interface ExitOps {
  readonly hart: Hart | undefined;
  readonly vcpu: Vcpu;
  readonly vm: Vm;
  readonly exit: VmExit;
  readonly sbi: VmSbi;
  /** Adds modeled host instructions to the exit's cost. */
  spend(n: number): void;
  /** sret back into the guest at `pc`. */
  resume(pc: number): void;
  /** Delivers an exception to the guest (vsepc, vscause, vstval, vsstatus) and resumes at its vstvec. */
  redirect(cause: number, tval: number): void;
  /** Backs guest page `gpa` and maps it in the hardware tables; false when host memory is exhausted. */
  mapPage(gpa: number): boolean;
  /** Fires the vCPU's timer: VSTIP pending. */
  injectTimer(): void;
  /** Marks the vCPU halted (wfi) unless an enabled interrupt is already pending. */
  halt(): void;
  /** Ends the slice so the scheduler runs another vCPU. */
  yieldHart(): void;
  /** Stops the VM with a message for the user. */
  fail(message: string): void;
  /** Trap-and-emulate VMs only: the virtual supervisor and the shadow tables. */
  readonly tae?: TrapAndEmulateOps;
}

/** What the trap-and-emulate exits do to the virtual supervisor and the shadow tables. */
export interface TrapAndEmulateOps {
  /** Carries out a privileged instruction against the virtual supervisor state. */
  emulate(insn: number): Emulated;
  /** The shadow entry for `gva`: returns the cost. */
  fill(gva: number, access: Access): number;
  /** A guest store, done by the VMM; returns why it was refused (paravirtual validation), or undefined. */
  writeGuest(gpa: number, width: 1 | 2 | 4, value: number): string | undefined;
  /** The shadows after a guest page-table store: returns the cost. */
  ptWritten(gpa: number): number;
  /** sfence.vma: returns the cost. */
  fence(va: number | undefined): number;
  /** Re-installs the shadow of the guest's current satp, privilege and SUM/MXR. */
  sync(): void;
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

/** One small function per exit reason, each returning its phases. */
export const EXIT_HANDLERS: { [R in ExitDetail['reason']]: (ops: ExitOps, d: Extract<ExitDetail, { reason: R }>) => ExitPlan } = {
  'sbi': sbiCall,
  'guest-page-fault': guestPageFault,
  'mmio': mmioAccess,
  'virtual-instruction': (ops, d) => redirectPlan(ops, 'trap.illegal_instruction', 2, d.insn,
    `virtual instruction ${hex(d.insn)} (${disassembleSafe(d.insn)}): the guest may not do this; deliver illegal instruction`),
  'wfi': wfi,
  'host-interrupt': hostInterrupt,
  'exception': (ops, d) => redirectPlan(ops, 'trap.redirect', d.cause, d.tval,
    `${causeName(d.cause, false)} (tval ${hex(d.tval)}) reached the VMM: deliver it to the guest`),
  'privileged-instruction': privilegedInstruction,
  'hidden-fault': hiddenFault,
  'pt-write': ptWrite,
  'hypercall': hypercall,
  'interrupt-injection': (ops, d) => ({
    handler: 'irq.inject',
    phases: [{ name: 'decode', text: `${d.irq} pending from ${d.source}`, run: () => undefined }],
  }),
};

function sbiCall(ops: ExitOps, d: { call: SbiCall; extension: string }): ExitPlan {
  let outcome: SbiOutcome = { kind: 'none' };
  const { call } = d;
  const args = call.args.map(hex).join(', ');
  const handler = sbiHandlerName(call);
  ops.spend(COST.sbiCall + consoleBytes(call) * COST.consoleByte);
  return {
    handler,
    phases: [
      { name: 'decode', text: `ecall from VS: a7 = ${hex(call.eid)} (${d.extension}), a6 = ${call.fid}, a0..a5 = ${args}`, run: () => undefined },
      { name: 'emulate', text: `carry out ${handler} for ${ops.vcpu.name}`, run: () => { outcome = handleSbiCall(ops.sbi, ops.vcpu.index, call); } },
      {
        name: 'update', text: 'write sbiret: a0 = error, a1 = value (legacy calls: a0 only)', run: () => {
          const h = ops.hart;
          if (!h) return;
          if (outcome.kind === 'return') { h.x[10] = outcome.error; h.x[11] = outcome.value; }
          else if (outcome.kind === 'legacy') h.x[10] = outcome.value;
        },
      },
      {
        name: 'resume', text: 'sret to the instruction after the ecall (sepc + 4)', run: () => {
          if (outcome.kind !== 'none' && ops.vcpu.state !== 'stopped') ops.resume(ops.exit.pc + 4);
        },
      },
    ],
  };
}

function guestPageFault(ops: ExitOps, d: { gpa: number; gva: number; access: string }): ExitPlan {
  if (!ops.vm.memory.isRam(d.gpa)) {
    const cause = d.access === 'fetch' ? 1 : d.access === 'write' ? 7 : 5;
    return redirectPlan(ops, 'gstage.bad_access', cause, d.gva,
      `guest-physical ${hex(d.gpa)} is neither RAM nor a device: deliver an access fault to the guest`);
  }
  let ok = true;
  return {
    handler: 'gstage.map',
    phases: [
      { name: 'decode', text: `${d.access} at guest-physical ${hex(d.gpa)} (guest-virtual ${hex(d.gva)}): RAM not yet backed`, run: () => undefined },
      {
        name: 'emulate', text: `back the page ${hex((d.gpa & ~0xfff) >>> 0)} with a zeroed host frame and map it in the G stage`, run: () => {
          const fresh = ops.vm.memory.hostAddress(d.gpa) < 0;
          ok = ops.mapPage(d.gpa);
          if (fresh) ops.spend(COST.zeroPage);
        },
      },
      { name: 'update', text: 'nothing to write back: the guest retries the access', run: () => { if (!ok) ops.fail(`${ops.vm.name}: host memory exhausted backing guest-physical ${hex(d.gpa)}`); } },
      { name: 'resume', text: 'sret to the same instruction (sepc)', run: () => { if (ok) ops.resume(ops.exit.pc); } },
    ],
  };
}

function mmioAccess(ops: ExitOps, d: Extract<ExitDetail, { reason: 'mmio' }>): ExitPlan {
  let value = d.value;
  const what = d.write ? `store of ${hex(d.value)} from x${d.register}` : `load into x${d.register}`;
  ops.spend(COST.deviceAccess);
  return {
    handler: `mmio.${deviceKind(d.device)}.${d.write ? 'write' : 'read'}`,
    phases: [
      {
        name: 'decode', text: `${d.width}-byte ${what} at ${d.device}+${hex(d.offset)} (guest-physical ${hex(d.gpa)}), ` +
          `instruction ${hex(d.insn)} (${disassembleSafe(d.insn)})`, run: () => undefined,
      },
      {
        name: 'emulate', text: `${d.write ? 'write' : 'read'} the ${d.device} register in the device model`, run: () => {
          const dev = ops.vm.deviceAt(d.gpa);
          if (!dev) return;
          if (d.write) dev.write(d.gpa - dev.base, d.width, d.value);
          else {
            const raw = dev.read(d.gpa - dev.base, d.width);
            const bits = 8 * d.width;
            value = d.signed && bits < 32 ? (raw << (32 - bits)) >> (32 - bits) : d.width === 4 ? raw | 0 : raw;
          }
        },
      },
      {
        name: 'update', text: d.write ? 'nothing to write back' : `x${d.register} = the value read`, run: () => {
          if (!d.write && d.register !== 0 && ops.hart) ops.hart.x[d.register] = value;
        },
      },
      { name: 'resume', text: `sret past the instruction (sepc + ${d.length})`, run: () => ops.resume(ops.exit.pc + d.length) },
    ],
  };
}

function wfi(ops: ExitOps): ExitPlan {
  return {
    handler: 'vcpu.halt',
    phases: [
      { name: 'decode', text: 'wfi with hstatus.VTW = 1: the guest waits for an interrupt', run: () => undefined },
      { name: 'emulate', text: 'halt the vCPU until one of its enabled interrupts is pending; run another', run: () => { ops.spend(COST.halt); ops.halt(); } },
      { name: 'update', text: 'nothing to write back', run: () => undefined },
      { name: 'resume', text: 'sret past the wfi (sepc + 4); the vCPU runs again when it wakes', run: () => ops.resume(ops.exit.pc + 4) },
    ],
  };
}

function hostInterrupt(ops: ExitOps, d: { why: 'timer' | 'preempt' | 'irq' }): ExitPlan {
  ops.spend(COST.hostInterrupt);
  if (d.why === 'irq') {
    // Only deprivileged guests need this: no hardware takes their interrupts, the VMM delivers them.
    return {
      handler: 'irq.deliver',
      phases: [
        { name: 'decode', text: `an interrupt for ${ops.vcpu.name} became pending while it ran`, run: () => undefined },
        { name: 'emulate', text: 'nothing to emulate: the VMM enters the guest\'s handler if the guest has it enabled', run: () => undefined },
        { name: 'update', text: 'nothing to write back', run: () => undefined },
        { name: 'resume', text: 'into the guest (its trap handler, if the interrupt is enabled)', run: () => undefined },
      ],
    };
  }
  if (d.why === 'timer') {
    return {
      handler: 'timer.inject',
      phases: [
        { name: 'decode', text: `host timer interrupt: ${ops.vcpu.name}'s SBI timer is due`, run: () => undefined },
        { name: 'emulate', text: 'inject the timer: hvip.VSTIP = 1 (the guest sees a supervisor timer interrupt)', run: () => { ops.spend(COST.inject); ops.injectTimer(); } },
        { name: 'update', text: 'nothing to write back', run: () => undefined },
        { name: 'resume', text: 'back into the guest where it was', run: () => undefined },
      ],
    };
  }
  return {
    handler: 'sched.preempt',
    phases: [
      { name: 'decode', text: `host timer interrupt: ${ops.vcpu.name}'s time slice is over`, run: () => undefined },
      { name: 'emulate', text: 'round robin: put the next runnable vCPU on this hart', run: () => { ops.spend(COST.vcpuSwitch); ops.yieldHart(); } },
      { name: 'update', text: 'nothing to write back', run: () => undefined },
      { name: 'resume', text: 'the vCPU waits for its next turn', run: () => undefined },
    ],
  };
}

function redirectPlan(ops: ExitOps, handler: string, cause: number, tval: number, why: string): ExitPlan {
  return {
    handler,
    phases: [
      { name: 'decode', text: why, run: () => undefined },
      { name: 'emulate', text: `vscause = ${cause} (${causeName(cause, false)}), vstval = ${hex(tval)}, vsepc = ${hex(ops.exit.pc)}`, run: () => { ops.spend(COST.inject); } },
      { name: 'update', text: 'vsstatus: SPP = guest mode, SPIE = SIE, SIE = 0', run: () => undefined },
      { name: 'resume', text: "sret into the guest's trap handler (vstvec)", run: () => ops.redirect(cause, tval) },
    ],
  };
}

const LEGACY_HANDLERS: Record<number, string> = {
  [EID.LEGACY_SET_TIMER]: 'set_timer', [EID.LEGACY_CONSOLE_PUTCHAR]: 'console_putchar', [EID.LEGACY_CONSOLE_GETCHAR]: 'console_getchar',
  [EID.LEGACY_CLEAR_IPI]: 'clear_ipi', [EID.LEGACY_SEND_IPI]: 'send_ipi', [EID.LEGACY_REMOTE_FENCE_I]: 'remote_fence_i',
  [EID.LEGACY_REMOTE_SFENCE_VMA]: 'remote_sfence_vma', [EID.LEGACY_REMOTE_SFENCE_VMA_ASID]: 'remote_sfence_vma_asid',
  [EID.LEGACY_SHUTDOWN]: 'shutdown',
};
const EXTENSION_HANDLERS: Record<number, string[]> = {
  [EID.BASE]: ['base.get_spec_version', 'base.get_impl_id', 'base.get_impl_version', 'base.probe_extension', 'base.get_mvendorid', 'base.get_marchid', 'base.get_mimpid'],
  [EID.TIME]: ['set_timer'],
  [EID.IPI]: ['send_ipi'],
  [EID.RFENCE]: ['rfence.fence_i', 'rfence.sfence_vma', 'rfence.sfence_vma_asid', 'rfence.hfence_gvma_vmid', 'rfence.hfence_gvma', 'rfence.hfence_vvma_asid', 'rfence.hfence_vvma'],
  [EID.HSM]: ['hsm.hart_start', 'hsm.hart_stop', 'hsm.hart_get_status', 'hsm.hart_suspend'],
  [EID.SRST]: ['system_reset'],
  [EID.DBCN]: ['dbcn.write', 'dbcn.read', 'dbcn.write_byte'],
};

/** `sbi.console_putchar`, `sbi.set_timer`, `sbi.hsm.hart_start`, `sbi.dbcn.write`, ... */
export function sbiHandlerName(call: SbiCall): string {
  const eid = call.eid >>> 0;
  const legacy = LEGACY_HANDLERS[eid];
  if (legacy) return `sbi.${legacy}`;
  const fn = EXTENSION_HANDLERS[eid]?.[call.fid];
  return fn ? `sbi.${fn}` : `sbi.${extensionName(eid).toLowerCase()}.unsupported`;
}

/** `vm1.uart0` -> `uart`, `virtio3` -> `virtio`: handler names do not depend on the VM or the instance. */
function deviceKind(device: string): string {
  return device.split('.').pop()!.replace(/\d+$/, '');
}

function consoleBytes(call: SbiCall): number {
  const eid = call.eid >>> 0;
  if (eid === EID.LEGACY_CONSOLE_PUTCHAR) return 1;
  if (eid === EID.DBCN) return call.fid === 0 ? call.args[0] : call.fid === 2 ? 1 : 0;
  return 0;
}

function disassembleSafe(bits: number): string {
  try { return disassemble(bits >>> 0, 0); } catch { return "?"; }
}
