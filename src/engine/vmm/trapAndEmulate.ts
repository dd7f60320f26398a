import { Hart, MSTATUS, PRV_S, PRV_U } from '../cpu/hart';
import { csrValue, readCsr, writeCsr } from '../cpu/csrFile';
import { decode } from '../isa/decoder';
import { Op } from '../isa/opcodes';
import { Access } from '../mmu/pmp';
import { extensionName, sbiCallFromRegisters } from '../sbi/abi';
import type { ExitDetail } from './exits';
import { walkGuest } from './guestPageWalk';
import { decodeAccess } from './mmioAccess';
import type { ShadowPaging } from './shadowPaging';
import { PV_EID } from '../sbi/pvAbi';
import type { Vcpu } from './vcpu';

/**
 * Trap-and-emulate without the H extension (the classic VMM of the course notes): the guest
 * kernel runs deprivileged in U-mode with V=0, so every privileged instruction it executes traps
 * to the VMM as an illegal instruction, and the VMM emulates it against the vCPU's virtual
 * supervisor state. While the vCPU is on a hart that state lives in the hart's VS CSR fields
 * (vsstatus, vstvec, vsepc, vscause, vstval, vsatp, vsscratch; hvip and hie's VS bits for sip/sie),
 * which the hardware ignores while V=0; its virtual privilege is `Vcpu.mode`.
 */

const WFI = 0x10500073;
/** The CSRs a supervisor without H has (the VMM emulates them; anything else is illegal to the guest). */
const SUPERVISOR_CSRS = new Set([0x100, 0x104, 0x105, 0x106, 0x10a, 0x140, 0x141, 0x142, 0x143, 0x144, 0x180]);
const TIME = 0xc01, TIMEH = 0xc81;
const SATP = 0x180, SSTATUS = 0x100;

/** Classifies a trap the deprivileged guest took into HS-mode. */
export function classifyTrapAndEmulate(h: Hart, vcpu: Vcpu, paging: ShadowPaging): ExitDetail {
  const cause = h.scause & 0x7fffffff, tval = h.stval >>> 0;
  if (h.scause < 0) return { reason: 'exception', cause: cause | 0x80000000, tval: 0 };
  const kernel = vcpu.mode === PRV_S;
  switch (cause) {
    case 8:
      if (kernel && (h.x[17] >>> 0) === PV_EID && paging.kind === 'paravirt') {
        return { reason: 'hypercall', fid: h.x[16] >>> 0, args: [h.x[10] >>> 0, h.x[11] >>> 0, h.x[12] >>> 0] };
      }
      if (kernel) { const call = sbiCallFromRegisters(h.x); return { reason: 'sbi', call, extension: extensionName(call.eid) }; }
      return { reason: 'exception', cause: 8, tval: 0 };
    case 2: {
      if (tval === WFI && kernel) return { reason: 'wfi', insn: tval };
      if (isEmulated(tval, kernel)) return { reason: 'privileged-instruction', insn: tval };
      return { reason: 'exception', cause: 2, tval };
    }
    case 12: case 13: case 15: {
      const access = cause === 12 ? Access.Exec : cause === 15 ? Access.Write : Access.Read;
      const f = paging.fault(vcpu, h, tval, access);
      const kind = cause === 12 ? 'fetch' : cause === 15 ? 'write' : 'read';
      switch (f.kind) {
        case 'hidden': return { reason: 'hidden-fault', gva: tval, gpa: f.gpa, access: kind };
        case 'true': return { reason: 'exception', cause: f.cause, tval };
        case 'bad-address': return { reason: 'exception', cause: cause === 12 ? 1 : cause === 15 ? 7 : 5, tval };
        case 'pt-write': case 'mmio': {
          const insn = fetchGuestInstruction(h, vcpu, h.sepc);
          const a = insn === undefined ? undefined : decodeAccess(insn, false);
          if (!a || a.write !== (access === Access.Write) || cause === 12) return { reason: 'exception', cause: cause === 15 ? 7 : 5, tval };
          if (f.kind === 'pt-write') return { reason: 'pt-write', gva: tval, gpa: f.gpa, width: a.width, value: h.x[a.register] | 0, insn: insn!, length: a.length };
          const dev = vcpu.vm.deviceAt(f.gpa)!;
          return {
            reason: 'mmio', gpa: f.gpa, gva: tval, write: a.write, width: a.width, device: dev.name, offset: f.gpa - dev.base,
            register: a.register, value: a.write ? h.x[a.register] | 0 : 0, signed: a.signed, insn: insn!, length: a.length,
          };
        }
      }
      return { reason: 'exception', cause, tval };
    }
    default:
      return { reason: 'exception', cause, tval };
  }
}

/** Whether illegal instruction `bits` is a supervisor instruction the VMM emulates for the guest kernel. */
function isEmulated(bits: number, kernel: boolean): boolean {
  const d = decode(bits);
  if (d.op >= Op.CSRRW && d.op <= Op.CSRRCI) return kernel && (d.imm === TIME || d.imm === TIMEH || SUPERVISOR_CSRS.has(d.imm));
  return kernel && (d.op === Op.SRET || d.op === Op.SFENCE_VMA);
}

/** The instruction at guest-virtual `pc`, read through the guest's own table (the VMM's HLVX). */
export function fetchGuestInstruction(h: Hart, vcpu: Vcpu, pc: number): number | undefined {
  const half = (va: number): number | undefined => {
    const w = walkGuest(vcpu.vm.memory, h.vsatp, va, Access.Exec, vcpu.mode, false, false, false);
    if (w.fault) return undefined;
    const b = vcpu.vm.memory.read(w.gpa, 2);
    return b ? b[0] | (b[1] << 8) : undefined;
  };
  const lo = half(pc);
  if (lo === undefined || (lo & 3) !== 3) return lo;
  const hi = half((pc + 2) | 0);
  return hi === undefined ? undefined : (lo | (hi << 16)) >>> 0;
}

/** What emulating one privileged instruction did, for the exit's phases and the paging mode. */
export interface Emulated {
  /** Illegal for the guest after all (e.g. a CSR it does not have): deliver illegal instruction. */
  illegal: boolean;
  /** The guest pc to resume at (after the instruction, or vsepc for sret). */
  resumePc: number;
  /** The register written and its value (csr reads). */
  rd: number;
  value: number;
  /** What changed that the paging mode must see: satp, sstatus (SUM/MXR), the privilege, or a fence. */
  satpChanged: boolean;
  statusChanged: boolean;
  fence: { va: number | undefined } | undefined;
}

/**
 * Emulates a CSR access, sret or sfence.vma of the guest kernel against its virtual supervisor
 * state. The CSR's WARL rules are the hart's own VS CSRs' (the same rules a supervisor's CSRs
 * follow), reached by looking at the hart as VS-mode for the duration of the access.
 */
export function emulatePrivileged(h: Hart, vcpu: Vcpu, bits: number, now: () => number): Emulated {
  const d = decode(bits), pc = h.sepc;
  const out: Emulated = { illegal: false, resumePc: (pc + 4) | 0, rd: 0, value: 0, satpChanged: false, statusChanged: false, fence: undefined };
  if (d.op === Op.SRET) {
    const s = h.vsstatus;
    vcpu.mode = (s & MSTATUS.SPP) ? PRV_S : PRV_U;
    h.vsstatus = (s & ~(MSTATUS.SIE | MSTATUS.SPP)) | ((s & MSTATUS.SPIE) ? MSTATUS.SIE : 0) | MSTATUS.SPIE;
    out.resumePc = h.vsepc & ~1;
    out.statusChanged = true;
    return out;
  }
  if (d.op === Op.SFENCE_VMA) {
    out.fence = { va: d.rs1 !== 0 ? h.x[d.rs1] >>> 0 : undefined };
    return out;
  }
  const isImm = d.op >= Op.CSRRWI, kind = isImm ? d.op - Op.CSRRWI : d.op - Op.CSRRW;
  const src = isImm ? d.rs1 : h.x[d.rs1];
  const writes = kind === 0 || d.rs1 !== 0;
  if (d.imm === TIME || d.imm === TIMEH) {
    if (writes) { out.illegal = true; return out; }
    const t = now() + vcpu.vm.timeDelta;
    out.rd = d.rd; out.value = d.imm === TIME ? (t % 4294967296) | 0 : Math.floor(t / 4294967296) | 0;
    return out;
  }
  const savedPriv = h.priv, savedVirt = h.virt;
  h.priv = PRV_S; h.virt = true; // the virtual supervisor's CSRs are the hart's VS CSRs
  try {
    if (!readCsr(h, d.imm)) { out.illegal = true; return out; }
    const old = csrValue[0], base = csrValue[1];
    if (writes) {
      const v = kind === 0 ? src : kind === 1 ? (base | src) : (base & ~src);
      if (!writeCsr(h, d.imm, v)) { out.illegal = true; return out; }
    }
    out.rd = d.rd; out.value = old;
    out.satpChanged = writes && d.imm === SATP;
    out.statusChanged = writes && d.imm === SSTATUS;
  } finally {
    h.priv = savedPriv; h.virt = savedVirt;
    h.modeChanged();
  }
  return out;
}

/** The virtual interrupt the guest takes now (cause 1, 5 or 9), or -1: VS bits of hvip/hie as sip/sie. */
export function deliverableInterrupt(h: Hart, vcpu: Vcpu): number {
  const pending = h.hvip & h.mie & 0x444;
  if (!pending) return -1;
  if (vcpu.mode === PRV_S && (h.vsstatus & MSTATUS.SIE) === 0) return -1;
  for (const bit of [10, 2, 6]) if (pending & (1 << bit)) return bit - 1; // SEI > SSI > STI
  return -1;
}

/**
 * Enters the guest kernel's trap handler as its hardware would (the virtual sepc, scause, stval,
 * sstatus and privilege); returns the pc to resume at (stvec, vectored for interrupts).
 */
export function enterVirtualTrap(h: Hart, vcpu: Vcpu, cause: number, interrupt: boolean, tval: number, epc: number): number {
  const s = h.vsstatus;
  h.vsstatus = (s & ~(MSTATUS.SPP | MSTATUS.SPIE | MSTATUS.SIE)) | ((s & MSTATUS.SIE) ? MSTATUS.SPIE : 0) | (vcpu.mode === PRV_S ? MSTATUS.SPP : 0);
  h.vsepc = epc; h.vscause = interrupt ? (cause | 0x80000000) : cause; h.vstval = tval;
  vcpu.mode = PRV_S;
  const base = h.vstvec & ~3;
  return interrupt && (h.vstvec & 3) === 1 ? (base + 4 * cause) | 0 : base;
}
