import type { Hart } from '../cpu/hart';
import { Access } from '../mmu/pmp';
import { extensionName, sbiCallFromRegisters } from '../sbi/abi';
import type { ExitDetail, MemoryAccessKind } from './exits';
import { decodeAccess } from './mmioAccess';
import type { Vcpu } from './vcpu';

const WFI = 0x10500073;

/**
 * Turns the trap hart `h` just took from the guest into HS-mode into a typed exit, reading what
 * the hardware left in scause, stval, htval and htinst, as KVM's exit dispatch does. MMIO is
 * told from unbacked RAM by the guest-physical address; its instruction comes from htinst's
 * transformed instruction or, when htinst is 0, from the guest's memory (HLVX).
 */
export function classifyExit(h: Hart, vcpu: Vcpu): ExitDetail {
  const cause = h.scause & 0x7fffffff;
  if (h.scause < 0) return { reason: 'exception', cause: cause | 0x80000000, tval: 0 }; // no HS interrupts are enabled
  switch (cause) {
    case 10: {
      const call = sbiCallFromRegisters(h.x);
      return { reason: 'sbi', call, extension: extensionName(call.eid) };
    }
    case 20: case 21: case 23: {
      const access: MemoryAccessKind = cause === 20 ? 'fetch' : cause === 23 ? 'write' : 'read';
      const gpa = (h.htval >>> 0) * 4 + (h.stval & 3);
      const gva = h.stval >>> 0;
      const dev = access === 'fetch' ? undefined : vcpu.vm.deviceAt(gpa);
      if (!dev) return { reason: 'guest-page-fault', gpa, gva, access };
      const fromHtinst = (h.htinst & 1) === 1;
      const insn = fromHtinst ? h.htinst >>> 0 : fetchGuestInstruction(h, h.sepc);
      const a = insn === undefined ? undefined : decodeAccess(insn, fromHtinst);
      if (!a || a.write !== (access === 'write')) return { reason: 'exception', cause: access === 'write' ? 7 : 5, tval: gva };
      return {
        reason: 'mmio', gpa, gva, write: a.write, width: a.width, device: dev.name, offset: gpa - dev.base,
        register: a.register, value: a.write ? h.x[a.register] | 0 : 0, signed: a.signed, insn: insn!, length: a.length,
      };
    }
    case 22: {
      const insn = h.stval >>> 0;
      return insn === WFI ? { reason: 'wfi', insn } : { reason: 'virtual-instruction', insn };
    }
    default:
      return { reason: 'exception', cause, tval: h.stval >>> 0 };
  }
}

/** The instruction bits at guest-virtual `pc`, read as HLVX.HU would (execute permission, both stages). */
function fetchGuestInstruction(h: Hart, pc: number): number | undefined {
  const priv = (h.hstatus >>> 8) & 1; // SPVP: the guest's privilege when it trapped
  const read = (va: number): number | undefined => {
    const pa = h.gmmu!.translate(va, Access.Exec, priv, h.vsatp, h.hgatp, false, false, false, true);
    if (pa < 0) return undefined;
    const v = h.bus.read(pa, 2);
    return h.bus.fault ? undefined : v;
  };
  const lo = read(pc);
  if (lo === undefined || (lo & 3) !== 3) return lo;
  const hi = read((pc + 2) | 0);
  return hi === undefined ? undefined : ((lo | (hi << 16)) >>> 0);
}
