import { Op } from '../isa/opcodes';
import { Hart, MSTATUS, PRV_S, PRV_U } from './hart';
import { HSTATUS } from './hypervisorCsrs';
import { hypervisorLoad, hypervisorStore } from './memoryAccess';

/**
 * The hypervisor extension's instructions (priv spec, H chapter, "Hypervisor Instructions"):
 * the virtual-machine loads and stores HLV/HLVX/HSV and the fences HFENCE.VVMA/GVMA. Called by
 * executeSystem on a hart with H. Returns 0 when it completed (h.pc is the next pc) or raised a
 * memory fault (h.trapped), ILLEGAL or VIRTUAL when the caller must raise that exception.
 */
export const H_DONE = 0, H_ILLEGAL = 1, H_VIRTUAL = 2;

/** Width (bytes) and signedness of each HLV/HSV, by op. */
const WIDTH: Partial<Record<Op, 1 | 2 | 4>> = {
  [Op.HLV_B]: 1, [Op.HLV_BU]: 1, [Op.HLV_H]: 2, [Op.HLV_HU]: 2, [Op.HLV_W]: 4, [Op.HLVX_HU]: 2, [Op.HLVX_WU]: 4,
  [Op.HSV_B]: 1, [Op.HSV_H]: 2, [Op.HSV_W]: 4,
};

export function executeHypervisor(h: Hart, op: Op, rd: number, rs1: number, rs2: number, next: number): number {
  const fence = op === Op.HFENCE_VVMA || op === Op.HFENCE_GVMA;
  if (h.virt) {
    // Every H instruction is HS-qualified: virtual instruction from VS and VU. QEMU 7.2 raises
    // illegal instruction for the fences from VU (quirks.ts).
    return fence && h.qemuCompat && h.priv === PRV_U ? H_ILLEGAL : H_VIRTUAL;
  }
  if (h.priv === PRV_U && (fence || (h.hstatus & HSTATUS.HU) === 0)) return H_ILLEGAL;
  if (op === Op.HFENCE_VVMA) {
    // The VS-level translations of the VM that hgatp.VMID names now; the guest's fast TLB holds
    // only that VM's (hgatp and vsatp writes flush it), so all of it goes.
    h.gmmu!.flushVvma((h.hgatp >>> 22) & 0x7f, rs1 !== 0 ? h.x[rs1] : undefined, rs2 !== 0 ? h.x[rs2] & 0x1ff : undefined);
    h.guestContextChanged();
    h.pc = next;
    return H_DONE;
  }
  if (op === Op.HFENCE_GVMA) {
    if (h.priv === PRV_S && (h.mstatus & MSTATUS.TVM)) return H_ILLEGAL;
    // rs1 holds a guest-physical address shifted right by 2; VMIDLEN is 7.
    h.gmmu!.flushGvma(rs1 !== 0 ? (h.x[rs1] >>> 0) * 4 : undefined, rs2 !== 0 ? h.x[rs2] & 0x7f : undefined);
    h.guestContextChanged();
    h.pc = next;
    return H_DONE;
  }
  // The access is made as VS (SPVP=1) or VU (SPVP=0), overriding MPRV.
  const priv = (h.hstatus & HSTATUS.SPVP) ? PRV_S : PRV_U;
  const width = WIDTH[op]!;
  const va = h.x[rs1];
  if (op >= Op.HSV_B) {
    hypervisorStore(h, va, width, h.x[rs2], priv);
    if (!h.trapped) h.pc = next;
    return H_DONE;
  }
  // HLVX needs execute permission instead of read; QEMU 7.2 checks read permission (quirks.ts).
  const hlvx = (op === Op.HLVX_HU || op === Op.HLVX_WU) && !h.qemuCompat;
  const v = hypervisorLoad(h, va, width, op === Op.HLV_B || op === Op.HLV_H || op === Op.HLV_W, priv, hlvx);
  if (h.trapped) return H_DONE;
  h.x[rd] = v;
  h.pc = next;
  return H_DONE;
}
