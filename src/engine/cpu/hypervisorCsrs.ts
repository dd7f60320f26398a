import { CSR } from '../isa/csrs';
import { Hart, MIDELEG_H_FORCED, MSTATUS, PRV_M, PRV_S, PRV_U } from './hart';

/**
 * The hypervisor extension's CSRs (H v1.0, privileged spec chapter "Hypervisor Extension") and
 * the CSR accesses H changes: S-CSRs redirected to the VS CSRs when V=1, virtual-instruction
 * faults from VS/VU, mideleg/mip/mie aliasing of the VS-level interrupt bits, counters under
 * hcounteren/htimedelta. csrFile.ts calls in here first, and only on a hart with H.
 *
 * This hart has GEILEN = 0 (no guest external interrupt files): hgeie/hgeip, hstatus.VGEIN and
 * SGEIP/SGEIE are read-only zero. VMIDLEN is 7 (all of hgatp.VMID is writable).
 */

/** Results of readHCsr/writeHCsr. */
export const H_NOT_MINE = -1, H_FAIL = 0, H_OK = 1;

/** Set when the last failed access must raise virtual-instruction (22) instead of illegal. */
export const csrFault = { virtual: false };

/** hstatus (RV32): GVA 6, SPV 7, SPVP 8, HU 9, VTVM 20, VTW 21, VTSR 22 (VSBE and VGEIN read-only zero). */
export const HSTATUS = { GVA: 1 << 6, SPV: 1 << 7, SPVP: 1 << 8, HU: 1 << 9, VTVM: 1 << 20, VTW: 1 << 21, VTSR: 1 << 22 } as const;
const HSTATUS_WMASK = HSTATUS.GVA | HSTATUS.SPV | HSTATUS.SPVP | HSTATUS.HU | HSTATUS.VTVM | HSTATUS.VTW | HSTATUS.VTSR;
/** QEMU 7.2 keeps every hstatus bit but VSBE (5), WPRI fields included (quirks.ts). */
const HSTATUS_QEMU_WMASK = ~(1 << 5);
/** mstatush (RV32): MPV 7, GVA 6. */
export const MSTATUSH = { GVA: 1 << 6, MPV: 1 << 7 } as const;
/**
 * hedeleg: every exception medeleg can delegate except the ecalls from HS, VS and M and the
 * causes only HS may handle (guest-page faults 20/21/23, virtual instruction 22).
 */
const HEDELEG_WMASK = 0x0000b1ff;
/** The VS-level interrupts: VSSIP 2, VSTIP 6, VSEIP 10. */
export const VS_INTS = 0x444;
/** vsstatus's writable fields (the sstatus layout). */
const VSSTATUS_WMASK = MSTATUS.SIE | MSTATUS.SPIE | MSTATUS.SPP | MSTATUS.VS | MSTATUS.SUM | MSTATUS.MXR;
/** mideleg's writable bits with H: SSI, STI, SEI, LCOFI; the VS bits are read-only one. */
const MIDELEG_WMASK = 0x2222;
/**
 * mideleg.SGEI (12): QEMU 7.2 sets it on every write even with GEILEN = 0 (a WARL choice: no
 * guest external interrupt can be pending, so delegating it changes nothing).
 */
export const MIDELEG_SGEI = 1 << 12;
/** mie with H: the interrupts without H (csrFile), VS bits and SGEIE (writable in QEMU 7.2; the spec allows it). */
const MIE_WMASK = 0x3eee;
/** hie: VSSIE, VSTIE, VSEIE and SGEIE (as QEMU 7.2; GEILEN = 0 never makes SGEIP pending). */
const HIE_WMASK = 0x1444;
/** QEMU 7.2 shows only vsip.SSIP, never STIP or SEIP (quirks.ts). */
const VSIP_QEMU_RMASK = 0x002;
/** The S-level interrupts as sie/sip show them in QEMU 7.2 (its S_MODE_INTERRUPTS). */
const S_INTS = 0x222;
const ENVCFG_WMASK = 0xf1;
const LAST_HPM_COUNTER = 18;

/** Supervisor CSRs redirected to their VS counterparts when V=1. */
const S_TO_VS: Record<number, number> = {
  [CSR.sstatus]: 0x200, [CSR.sie]: 0x204, [CSR.stvec]: 0x205, [CSR.sscratch]: 0x240, [CSR.sepc]: 0x241,
  [CSR.scause]: 0x242, [CSR.stval]: 0x243, [CSR.sip]: 0x244, [CSR.satp]: 0x280,
};
const S_CSRS = new Set<number>([CSR.sstatus, CSR.sie, CSR.stvec, CSR.scounteren, CSR.senvcfg, CSR.sscratch, CSR.sepc,
  CSR.scause, CSR.stval, CSR.sip, CSR.satp]);
/** Hypervisor and VS CSRs (privilege field 2 / HS). */
const H_CSRS = new Set<number>([0x600, 0x602, 0x603, 0x604, 0x605, 0x606, 0x607, 0x60a, 0x615, 0x61a, 0x643, 0x644, 0x645,
  0x64a, 0x680, 0xe12, 0x200, 0x204, 0x205, 0x240, 0x241, 0x242, 0x243, 0x244, 0x280]);
const MTINST = 0x34a, MTVAL2 = 0x34b, HGATP = 0x680;

/**
 * With V=1: hypervisor CSRs, S CSRs from VU, and satp under hstatus.VTVM raise a
 * virtual-instruction exception.
 */
function virtualAccessDenied(h: Hart, num: number): boolean {
  // QEMU 7.2 ignores VTVM for satp (it checks mstatus.TVM only): quirks.ts.
  return H_CSRS.has(num) || (S_CSRS.has(num) && h.priv === PRV_U) ||
    (num === CSR.satp && (h.hstatus & HSTATUS.VTVM) !== 0 && !h.qemuCompat);
}

/** QEMU 7.2 raises illegal instruction, not virtual instruction, for S CSRs from VU (quirks.ts). */
function vuSupervisorQuirk(h: Hart, num: number): boolean {
  return h.qemuCompat && h.priv === PRV_U && S_CSRS.has(num);
}

/**
 * The value of the last successful read is left in `out[0]` and the value csrrs/csrrc modify in
 * `out[1]` (csrFile's csrValue): they differ only for QEMU 7.2's masked views (qemuReadMask).
 */
export function readHCsr(h: Hart, num: number, out: Int32Array): number {
  csrFault.virtual = false;
  if (h.virt) {
    if (virtualAccessDenied(h, num)) { csrFault.virtual = !vuSupervisorQuirk(h, num); return H_FAIL; }
    const vs = S_TO_VS[num];
    if (vs !== undefined) return readView(h, vs, num, out);
    if (isUserCounter(num)) {
      const r = virtualCounterCheck(h, num & 31);
      if (r !== H_OK) return r;
      if ((num & 31) === 1) {
        // time + htimedelta modulo 2^64, by halves: the sum may pass 2^53, where doubles round.
        const t = h.readTime(), lo = (t % 4294967296) + (h.htimedelta >>> 0);
        out[0] = out[1] = num >= 0xc80 ? (Math.floor(t / 4294967296) + h.htimedeltah + (lo >= 4294967296 ? 1 : 0)) | 0 : lo | 0;
        return H_OK;
      }
    }
    return H_NOT_MINE;
  }
  if (H_CSRS.has(num)) {
    if (h.priv < PRV_S || (num === HGATP && h.priv === PRV_S && (h.mstatus & MSTATUS.TVM))) return H_FAIL;
    return readView(h, num, num, out);
  }
  if (num === MTVAL2 || num === MTINST) {
    if (h.priv < PRV_M) return H_FAIL;
    out[0] = out[1] = num === MTVAL2 ? h.mtval2 : h.mtinst;
    return H_OK;
  }
  // QEMU 7.2 forces mideleg's VS bits only when mideleg is written, so it reads 0 from reset
  // until the first write (which also sets SGEI: a mideleg without it was never written).
  if (num === CSR.mideleg && h.qemuCompat && h.priv === PRV_M && !(h.mideleg & MIDELEG_SGEI)) {
    out[0] = out[1] = h.mideleg & ~MIDELEG_H_FORCED;
    return H_OK;
  }
  return H_NOT_MINE;
}

/** Reads H/VS CSR `csr`, accessed by the instruction as `num` (an S CSR number when V=1). */
function readView(h: Hart, csr: number, num: number, out: Int32Array): number {
  const v = readH(h, csr);
  out[1] = v;
  out[0] = h.qemuCompat ? v & qemuReadMask(h, csr, num) : v;
  return H_OK;
}

/**
 * QEMU 7.2's read views of the VS interrupt CSRs (quirks.ts): vsip shows only SSIP, and with
 * V=1 sie/sip are also masked by mideleg's S bits (its rmw_sie64/rmw_sip64). Its csrrs/csrrc
 * still modify the unmasked value.
 */
function qemuReadMask(h: Hart, csr: number, num: number): number {
  let m = csr === 0x244 ? VSIP_QEMU_RMASK : -1;
  if (num === CSR.sie || num === CSR.sip) m &= h.mideleg & S_INTS;
  return m;
}

export function writeHCsr(h: Hart, num: number, value: number): number {
  csrFault.virtual = false;
  if (h.virt) {
    if (virtualAccessDenied(h, num)) { csrFault.virtual = !vuSupervisorQuirk(h, num); return H_FAIL; }
    const vs = S_TO_VS[num];
    if (vs !== undefined) {
      writeH(h, vs, value);
      return H_OK;
    }
    return H_NOT_MINE;
  }
  if (H_CSRS.has(num)) {
    if (h.priv < PRV_S || (num >>> 10) === 3) return H_FAIL;
    if (num === HGATP && h.priv === PRV_S && (h.mstatus & MSTATUS.TVM)) return H_FAIL; // TVM traps hgatp too
    writeH(h, num, value);
    return H_OK;
  }
  if (h.priv < PRV_M) return H_NOT_MINE;
  switch (num) {
    case MTVAL2: h.mtval2 = value; return H_OK;
    case MTINST: h.mtinst = value; return H_OK;
    case CSR.mstatush: {
      const old = h.mstatush;
      h.mstatush = value & (MSTATUSH.MPV | MSTATUSH.GVA);
      if ((old ^ h.mstatush) & MSTATUSH.MPV) h.contextChanged(); // MPRV accesses may change V
      return H_OK;
    }
    case CSR.mideleg: h.mideleg = (value & MIDELEG_WMASK) | MIDELEG_H_FORCED | MIDELEG_SGEI; return H_OK;
    case CSR.mie: h.mie = value & MIE_WMASK; return H_OK;
    case CSR.mip: {
      // VSSIP is an alias of hvip.VSSIP; VSTIP and VSEIP are read-only in mip (aliases of hip's
      // read-only bits; hvip drives them). QEMU 7.2 lets mip write them into hvip (quirks.ts).
      const m = 0x2222; // SSIP, STIP, SEIP, LCOFIP as without H
      h.mip = (h.mip & ~m) | (value & m);
      const vs = h.qemuCompat ? VS_INTS : 4;
      setHvip(h, (h.hvip & ~vs) | (value & vs));
      return H_OK;
    }
  }
  return H_NOT_MINE;
}

function sd(status: number): number {
  return ((status & MSTATUS.FS) === MSTATUS.FS || (status & MSTATUS.VS) === MSTATUS.VS || (status & MSTATUS.XS) === MSTATUS.XS) ? MSTATUS.SD : 0;
}

/** hvip drives mip's VS bits (mip is what interrupt delivery looks at). */
function setHvip(h: Hart, value: number): void {
  h.hvip = value & VS_INTS;
  h.mip = (h.mip & ~VS_INTS) | h.hvip;
}

function readH(h: Hart, num: number): number {
  switch (num) {
    case 0x600: return h.hstatus;
    case 0x602: return h.hedeleg;
    case 0x603: return h.hideleg;
    case 0x604: return h.mie & HIE_WMASK; // hie
    case 0x605: return h.htimedelta;
    case 0x606: return h.hcounteren;
    case 0x607: return 0; // hgeie (GEILEN = 0)
    case 0x60a: return h.henvcfg;
    case 0x615: return h.htimedeltah;
    case 0x61a: return h.henvcfgh;
    case 0x643: return h.htval;
    case 0x644: return h.mip & VS_INTS; // hip
    case 0x645: return h.hvip;
    case 0x64a: return h.htinst;
    case 0x680: return h.hgatp;
    case 0xe12: return 0; // hgeip
    case 0x200: return h.qemuCompat ? h.vsstatus : h.vsstatus | sd(h.vsstatus); // QEMU 7.2: no SD
    case 0x204: return (h.mie & h.hideleg & VS_INTS) >>> 1; // vsie
    case 0x205: return h.vstvec;
    case 0x240: return h.vsscratch;
    case 0x241: return h.vsepc;
    case 0x242: return h.vscause;
    case 0x243: return h.vstval;
    case 0x244: return (h.mip & h.hideleg & VS_INTS) >>> 1; // vsip
    case 0x280: return h.vsatp;
  }
  return 0;
}

function writeH(h: Hart, num: number, value: number): void {
  switch (num) {
    case 0x600: h.hstatus = value & (h.qemuCompat ? HSTATUS_QEMU_WMASK : HSTATUS_WMASK); return;
    case 0x602: h.hedeleg = value & HEDELEG_WMASK; return;
    case 0x603: h.hideleg = value & VS_INTS; return;
    case 0x604: h.mie = (h.mie & ~HIE_WMASK) | (value & HIE_WMASK); return;
    case 0x605: h.htimedelta = value; return;
    case 0x606: h.hcounteren = value; return;
    case 0x607: return;
    case 0x60a: h.henvcfg = value & ENVCFG_WMASK; return;
    case 0x615: h.htimedeltah = value; return;
    // STCE/PBMTE only where menvcfgh has them; QEMU 7.2 keeps both whatever menvcfgh holds.
    case 0x61a: h.henvcfgh = value & (h.qemuCompat ? -1 : h.menvcfgh) & 0xc0000000; return;
    case 0x643: h.htval = value; return;
    case 0x644: setHvip(h, (h.hvip & ~4) | (value & 4)); return; // hip: only VSSIP is writable
    case 0x645: setHvip(h, value); return;
    case 0x64a: if (!h.qemuCompat) h.htinst = value; return; // QEMU 7.2 ignores writes (traps still set it)
    case 0x680: // Sv32x4: the 16 KiB root makes PPN bits 1:0 read-only zero (QEMU 7.2 keeps them)
      h.hgatp = h.qemuCompat ? value : value & ~3;
      h.guestContextChanged();
      return;
    case 0x200: {
      const old = h.vsstatus, m = h.qemuCompat ? -1 : VSSTATUS_WMASK; // QEMU 7.2 keeps every bit
      h.vsstatus = (old & ~m) | (value & m);
      if ((old ^ h.vsstatus) & (MSTATUS.SUM | MSTATUS.MXR)) h.guestContextChanged();
      return;
    }
    case 0x204: { const m = h.hideleg & VS_INTS; h.mie = (h.mie & ~m) | ((value << 1) & m); return; }
    case 0x205: if ((value & 3) < 2 || h.qemuCompat) h.vstvec = value; return; // QEMU 7.2 keeps modes 2, 3
    case 0x240: h.vsscratch = value; return;
    case 0x241: h.vsepc = value; return;
    case 0x242: h.vscause = value; return;
    case 0x243: h.vstval = value; return;
    case 0x244: if (h.hideleg & 4) setHvip(h, (h.hvip & ~4) | ((value << 1) & 4)); return; // vsip.SSIP
    case 0x280: h.vsatp = value; h.guestContextChanged(); return;
  }
}

function isUserCounter(num: number): boolean {
  const off = num - 0xc00, i = off & 0x7f;
  return off >= 0 && off < 0x100 && (off & 0x60) === 0 && i <= LAST_HPM_COUNTER;
}

/** Counter access from VS/VU: mcounteren (illegal), then hcounteren and, from VU, scounteren (virtual). */
function virtualCounterCheck(h: Hart, index: number): number {
  if (!((h.mcounteren >>> index) & 1)) return H_FAIL;
  if (!((h.hcounteren >>> index) & 1) || (h.priv === PRV_U && !((h.scounteren >>> index) & 1))) {
    csrFault.virtual = true;
    return H_FAIL;
  }
  return H_OK;
}
