import { Op } from '../isa/opcodes';
import { csrValue, readCsr, writeCsr } from './csrFile';
import { Hart, MSTATUS, PRV_M, PRV_S, PRV_U } from './hart';
import { atomicAddress, atomicRead, atomicWrite, instructionBits } from './memoryAccess';
import { CAUSE, doMret, doSret, raiseException } from './traps';
import { csrFault, HSTATUS } from './hypervisorCsrs';
import { executeHypervisor, H_ILLEGAL, H_VIRTUAL } from './hypervisorInstructions';
import { CSR } from '../isa/csrs';

/**
 * Instructions that leave the hot loop: CSR access, environment calls, trap returns, wfi, fences,
 * atomics and the hypervisor instructions (hypervisorInstructions.ts). Each sets `h.pc` to the
 * next pc, or raises an exception (setting `h.trapped`).
 * `h.pc` holds the instruction's own pc on entry; `len` is its length in bytes.
 */
export function executeSystem(h: Hart, op: number, rd: number, rs1: number, rs2: number, imm: number, len: number): void {
  const next = (h.pc + len) | 0;
  switch (op) {
    case Op.CSRRW: case Op.CSRRS: case Op.CSRRC: case Op.CSRRWI: case Op.CSRRSI: case Op.CSRRCI: {
      const isImm = op >= Op.CSRRWI;
      const src = isImm ? rs1 : h.x[rs1];
      const kind = isImm ? op - Op.CSRRWI : op - Op.CSRRW; // 0 write, 1 set, 2 clear
      const reads = kind !== 0 || rd !== 32;
      // Spec: csrrs/csrrc write unless rs1 is x0 (or uimm is 0). QEMU 7.2 skips the write, and
      // so the read-only check, whenever the mask value is 0.
      const writes = kind === 0 || (h.qemuCompat ? src !== 0 : rs1 !== 0);
      // A write to a read-only CSR is illegal in every mode, so it is never HS-qualified: illegal
      // instruction from V=1 too (e.g. hgeip), not virtual instruction.
      if (writes && (imm >>> 10) === 3) return illegal(h);
      if (h.virt && h.qemuCompat) {
        const q = qemuVirtualCsr(h, imm);
        if (q === QEMU_CSR_ILLEGAL) return illegal(h);
        if (q === QEMU_CSR_NO_VTVM) {
          // QEMU 7.2 lets VS-mode reach satp (vsatp) whatever hstatus.VTVM says.
          const vtvm = h.hstatus & HSTATUS.VTVM;
          h.hstatus &= ~HSTATUS.VTVM;
          csrAccess(h, imm, kind, src, reads, writes, rd, next);
          h.hstatus |= vtvm;
          return;
        }
      }
      csrAccess(h, imm, kind, src, reads, writes, rd, next);
      return;
    }
    case Op.ECALL:
      raiseException(h, h.priv === PRV_U ? CAUSE.ECALL_U : h.priv === PRV_S ? (h.virt ? CAUSE.ECALL_VS : CAUSE.ECALL_S) : CAUSE.ECALL_M, 0);
      return;
    case Op.EBREAK: raiseException(h, CAUSE.BREAKPOINT, 0); return; // QEMU 7.2 leaves tval 0 (spec: 0 or pc)
    case Op.MRET: if (!doMret(h)) illegal(h); return;
    case Op.SRET:
      if (h.virt) {
        // Spec: VU-mode, or VS-mode with hstatus.VTSR, raises virtual instruction; mstatus.TSR
        // does not apply in VS-mode. QEMU 7.2: VU-mode and mstatus.TSR raise illegal instruction.
        if (h.qemuCompat && (h.priv === PRV_U || (h.mstatus & MSTATUS.TSR))) return illegal(h);
        if (h.priv === PRV_U || (h.hstatus & HSTATUS.VTSR)) return virtualInstruction(h);
      }
      if (!doSret(h)) illegal(h);
      return;
    case Op.WFI:
      // QEMU 7.2: U-mode wfi is always illegal when S exists; S-mode wfi is illegal with TW.
      // Spec for V=1: VU-mode (with TW=0) and VS-mode with VTW raise virtual instruction; QEMU
      // 7.2 raises virtual instruction from VU-mode whatever TW says.
      if (h.virt && ((h.mstatus & MSTATUS.TW) === 0 || (h.qemuCompat && h.priv === PRV_U)) &&
          (h.priv === PRV_U || (h.hstatus & HSTATUS.VTW))) return virtualInstruction(h);
      if (h.priv === PRV_U || (h.priv === PRV_S && (h.mstatus & MSTATUS.TW))) return illegal(h);
      h.pc = next;
      if ((h.mip & h.mie) === 0) h.waiting = true;
      return;
    case Op.SFENCE_VMA:
      if (h.virt) {
        // Spec: mstatus.TVM does not apply with V=1; VU-mode, or VS-mode with hstatus.VTVM, is
        // virtual instruction. QEMU 7.2: VU-mode and mstatus.TVM raise illegal instruction.
        if (h.qemuCompat && (h.priv === PRV_U || (h.mstatus & MSTATUS.TVM))) return illegal(h);
        if (h.priv === PRV_U || (h.hstatus & HSTATUS.VTVM)) return virtualInstruction(h);
        h.gmmu!.flushVvma((h.hgatp >>> 22) & 0x7f, rs1 !== 0 ? h.x[rs1] : undefined, rs2 !== 0 ? (h.x[rs2] & 0x1ff) : undefined);
        h.guestContextChanged(); // the host's translations stay
      } else {
        if (h.priv === PRV_U || (h.priv === PRV_S && (h.mstatus & MSTATUS.TVM))) return illegal(h);
        h.mmu.flush(rs1 !== 0 ? h.x[rs1] : undefined, rs2 !== 0 ? (h.x[rs2] & 0x1ff) : undefined);
        h.contextChanged();
      }
      h.pc = next;
      return;
    case Op.FENCE_I: case Op.FENCE:
      // The code cache is kept coherent on every store, so fence.i has nothing left to do.
      h.pc = next;
      return;
    case Op.LR_W: case Op.SC_W: case Op.AMOSWAP_W: case Op.AMOADD_W: case Op.AMOXOR_W: case Op.AMOAND_W:
    case Op.AMOOR_W: case Op.AMOMIN_W: case Op.AMOMAX_W: case Op.AMOMINU_W: case Op.AMOMAXU_W:
      executeAtomic(h, op, rd, rs1, rs2, next);
      return;
    default:
      if (h.hasH && op >= Op.HFENCE_VVMA && op <= Op.HSV_W) {
        const r = executeHypervisor(h, op, rd, rs1, rs2, next);
        if (r === H_ILLEGAL) illegal(h); else if (r === H_VIRTUAL) virtualInstruction(h);
        return;
      }
      // ILLEGAL, and the H-extension instructions on a hart without H.
      illegal(h);
  }
}

function csrAccess(h: Hart, num: number, kind: number, src: number, reads: boolean, writes: boolean, rd: number, next: number): void {
  let old = 0, base = 0;
  if (reads) { if (!readCsr(h, num)) return csrFailed(h, num); old = csrValue[0]; base = csrValue[1]; }
  if (writes) {
    const v = kind === 0 ? src : kind === 1 ? (base | src) : (base & ~src);
    if (!writeCsr(h, num, v)) return csrFailed(h, num);
  }
  h.x[rd] = old;
  h.pc = next;
}

const QEMU_CSR_SPEC = 0, QEMU_CSR_ILLEGAL = 1, QEMU_CSR_NO_VTVM = 2;

/**
 * Where QEMU 7.2 decides a V=1 CSR access differently from the spec (quirks.ts): mstatus.TVM
 * traps VS-mode satp as illegal, and hstatus.VTVM does not trap it at all.
 */
function qemuVirtualCsr(h: Hart, num: number): number {
  if (num !== CSR.satp || h.priv !== PRV_S) return QEMU_CSR_SPEC;
  if (h.mstatus & MSTATUS.TVM) return QEMU_CSR_ILLEGAL;
  return (h.hstatus & HSTATUS.VTVM) ? QEMU_CSR_NO_VTVM : QEMU_CSR_SPEC;
}

function illegal(h: Hart): void { raiseException(h, CAUSE.ILLEGAL, instructionBits(h, h.pc)); }

/** Virtual-instruction exception (22): tval holds the instruction bits, as for illegal instruction. */
function virtualInstruction(h: Hart): void { raiseException(h, CAUSE.VIRTUAL_INSTRUCTION, instructionBits(h, h.pc)); }

function csrFailed(h: Hart, num: number): void {
  // QEMU 7.2 raises illegal instruction for VU-mode access to supervisor CSRs (spec: virtual).
  const qemuIllegal = h.qemuCompat && h.virt && h.priv === PRV_U && ((num >>> 8) & 3) === PRV_S;
  if (h.hasH && csrFault.virtual && !qemuIllegal) virtualInstruction(h); else illegal(h);
}

function executeAtomic(h: Hart, op: number, rd: number, rs1: number, rs2: number, next: number): void {
  const va = h.x[rs1];
  if (op === Op.SC_W) {
    // QEMU semantics: succeed when the reserved address matches and memory still holds the
    // value LR read (a cmpxchg); a mismatched address fails without touching memory.
    if (h.reservedAddr !== (va >>> 0)) { h.x[rd] = 1; h.reservedAddr = -1; h.pc = next; return; }
    const pa = atomicAddress(h, va, false);
    if (pa < 0) return;
    const cur = atomicRead(h, va, pa, false);
    if (h.trapped) return;
    const ok = cur === h.reservedValue;
    if (ok) { atomicWrite(h, va, pa, h.x[rs2]); if (h.trapped) return; }
    h.reservedAddr = -1;
    h.x[rd] = ok ? 0 : 1;
    h.pc = next;
    return;
  }
  const isLr = op === Op.LR_W;
  const pa = atomicAddress(h, va, isLr);
  if (pa < 0) return;
  const old = atomicRead(h, va, pa, isLr);
  if (h.trapped) return;
  if (isLr) { h.reservedAddr = va >>> 0; h.reservedValue = old; h.x[rd] = old; h.pc = next; return; }
  const b = h.x[rs2];
  let v: number;
  switch (op) {
    case Op.AMOSWAP_W: v = b; break;
    case Op.AMOADD_W: v = (old + b) | 0; break;
    case Op.AMOXOR_W: v = old ^ b; break;
    case Op.AMOAND_W: v = old & b; break;
    case Op.AMOOR_W: v = old | b; break;
    case Op.AMOMIN_W: v = old < b ? old : b; break;
    case Op.AMOMAX_W: v = old > b ? old : b; break;
    case Op.AMOMINU_W: v = (old >>> 0) < (b >>> 0) ? old : b; break;
    default: v = (old >>> 0) > (b >>> 0) ? old : b; break;
  }
  atomicWrite(h, va, pa, v);
  if (h.trapped) return;
  h.x[rd] = old;
  h.pc = next;
}

