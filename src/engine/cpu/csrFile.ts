import { CSR } from '../isa/csrs';
import { Hart, MSTATUS, PRV_M, PRV_S, PRV_U } from './hart';
import { H_NOT_MINE, H_OK, readHCsr, writeHCsr } from './hypervisorCsrs';


/**
 * CSR reads and writes with privilege checks and WARL behaviour as QEMU 7.2 implements it for a
 * hart with I, M, A, C, S and U (`-cpu rv32,f=false,d=false,h=false,...`).
 * Both functions return false when the access must raise an illegal-instruction exception.
 */

const MSTATUS_WMASK = MSTATUS.SIE | MSTATUS.MIE | MSTATUS.SPIE | MSTATUS.MPIE | MSTATUS.SPP | MSTATUS.MPP |
  MSTATUS.VS | MSTATUS.MPRV | MSTATUS.SUM | MSTATUS.MXR | MSTATUS.TVM | MSTATUS.TW | MSTATUS.TSR;
const SSTATUS_MASK = MSTATUS.SIE | MSTATUS.SPIE | MSTATUS.SPP | MSTATUS.VS | MSTATUS.FS | MSTATUS.XS |
  MSTATUS.SUM | MSTATUS.MXR;
/** Interrupts that exist: MSI, MTI, MEI, SSI, STI, SEI. */
const ALL_INTS = 0xaaa;
/** mideleg's writable bits in QEMU 7.2: S-level, VS-level and LCOFI (VS bits even without H). */
const DELEGABLE_INTS = 0x2666;
/** medeleg's writable bits in QEMU 7.2 (includes ecall-from-M, bit 11, and the H causes). */
const DELEGABLE_EXCS = 0x00f0bfff;
/** mip bits software may write in QEMU 7.2: every delegable bit, SEIP included (the PLIC drives it too). */
const MIP_WMASK = DELEGABLE_INTS;
/** mstatush: QEMU 7.2 stores MPV and GVA even without H. */
const MSTATUSH_WMASK = 0xc0;
/** menvcfgh: QEMU 7.2 stores STCE and PBMTE whatever the extensions. */
const MENVCFGH_WMASK = 0xc0000000;
/** S-level interrupts as sie/sip show them: SSI, STI, SEI and LCOFI (QEMU 7.2). */
const S_INTS = 0x2222;
/** sip bits S-mode may write: SSIP and LCOFIP. */
const SIP_WMASK = 0x2002;
/** QEMU 7.2's default PMU has 16 programmable counters: mhpmcounter3..18 exist, 19..31 are illegal. */
const LAST_HPM_COUNTER = 18;
const ENVCFG_WMASK = 0xf1; // FIOM, CBIE, CBCFE, CBZE
/** mimpid: this implementation's version (0.1.0); marchid stays 0 (no registered architecture id). */
const HYPERSTEP_MIMPID = 0x00000100;

/**
 * What a read leaves: [0] the value the instruction returns; [1] the value csrrs/csrrc modify
 * and write back. They differ only where QEMU 7.2 masks a read view but its read-modify-write
 * keeps the bits it hides (hypervisorCsrs.ts, VS-mode sie/sip).
 */
export const csrValue = new Int32Array(2);

function sd(status: number): number {
  return ((status & MSTATUS.FS) === MSTATUS.FS || (status & MSTATUS.VS) === MSTATUS.VS || (status & MSTATUS.XS) === MSTATUS.XS) ? MSTATUS.SD : 0;
}

/** Whether counter `index` (0 cycle, 1 time, 2 instret, 3.. hpm) is readable at the current privilege. */
function counterAllowed(h: Hart, index: number): boolean {
  if (h.priv < PRV_M && !((h.mcounteren >>> index) & 1)) return false;
  if (h.priv === PRV_U && !((h.scounteren >>> index) & 1)) return false;
  return true;
}

function counterValue(h: Hart, index: number): number {
  if (index === 1) return h.readTime();
  if (index === 0 || index === 2) {
    if ((h.mcountinhibit >>> index) & 1) return h.inhibitedAt[index];
    return h.retiredNow() + (index === 0 ? h.cycleOffset : h.instretOffset);
  }
  return h.mhpmcounter[index];
}

/** mcountinhibit CY/IR: freeze the counter when set, resume from the frozen value when cleared. */
function writeCountInhibit(h: Hart, value: number): void {
  for (const i of [0, 2]) {
    const was = (h.mcountinhibit >>> i) & 1, now = (value >>> i) & 1;
    if (!was && now) h.inhibitedAt[i] = counterValue(h, i);
    else if (was && !now) {
      const running = h.retiredNow() + (i === 0 ? h.cycleOffset : h.instretOffset);
      if (i === 0) h.cycleOffset += h.inhibitedAt[i] - running; else h.instretOffset += h.inhibitedAt[i] - running;
    }
  }
  h.mcountinhibit = value; // QEMU 7.2 keeps every bit
}

const lo32 = (v: number): number => (v % 4294967296) | 0;
const hi32 = (v: number): number => Math.floor(v / 4294967296) | 0;

export function readCsr(h: Hart, num: number): boolean {
  if (h.hasH) { const r = readHCsr(h, num, csrValue); if (r !== H_NOT_MINE) return r === H_OK; }
  if (((num >>> 8) & 3) > h.priv) return false;
  let v: number;
  switch (num) {
    case CSR.mstatus: v = h.mstatus | sd(h.mstatus); break;
    case CSR.mstatush: v = h.mstatush; break;
    case CSR.misa: v = h.misa; break;
    case CSR.medeleg: v = h.medeleg; break;
    case CSR.mideleg: v = h.mideleg; break;
    case CSR.mie: v = h.mie; break;
    case CSR.mtvec: v = h.mtvec; break;
    case CSR.mcounteren: v = h.mcounteren; break;
    case CSR.menvcfg: v = h.menvcfg; break;
    case CSR.menvcfgh: v = h.menvcfgh; break;
    case CSR.mcountinhibit: v = h.mcountinhibit; break;
    case CSR.mscratch: v = h.mscratch; break;
    case CSR.mepc: v = h.mepc; break;
    case CSR.mcause: v = h.mcause; break;
    case CSR.mtval: v = h.mtval; break;
    case CSR.mip: v = h.mip; break;
    case CSR.mvendorid: case CSR.marchid: case CSR.mconfigptr: v = 0; break;
    case CSR.mimpid: v = HYPERSTEP_MIMPID; break;
    case CSR.mhartid: v = h.id; break;
    case CSR.sstatus: { const s = h.mstatus & SSTATUS_MASK; v = s | sd(s); break; }
    case CSR.sie: v = h.mie & h.mideleg & S_INTS; break;
    case CSR.sip: v = h.mip & h.mideleg & S_INTS; break;
    case CSR.stvec: v = h.stvec; break;
    case CSR.scounteren: v = h.scounteren; break;
    case CSR.senvcfg: v = h.senvcfg; break;
    case CSR.sscratch: v = h.sscratch; break;
    case CSR.sepc: v = h.sepc; break;
    case CSR.scause: v = h.scause; break;
    case CSR.stval: v = h.stval; break;
    case CSR.satp:
      if (h.priv === PRV_S && (h.mstatus & MSTATUS.TVM)) return false;
      v = h.satp; break;
    default: {
      if (num >= 0x3a0 && num <= 0x3a3) { v = h.pmp.readCfg(num - 0x3a0); break; }
      if (num >= 0x3b0 && num <= 0x3bf) { v = h.pmp.addr[num - 0x3b0]; break; }
      if (num >= 0x323 && num <= 0x33f) { v = h.mhpmevent[num - 0x320]; break; }
      // Machine counters: mcycle/minstret/mhpmcounterN (0xb00..0xb1f) and their high halves (0xb80..).
      if (isCounter(num, 0xb00)) {
        const c = counterValue(h, num & 31);
        v = num >= 0xb80 ? hi32(c) : lo32(c); break;
      }
      // Unprivileged shadows: cycle/time/instret/hpmcounterN and high halves.
      if (isCounter(num, 0xc00)) {
        if (!counterAllowed(h, num & 31)) return false;
        const c = counterValue(h, num & 31);
        v = num >= 0xc80 ? hi32(c) : lo32(c); break;
      }
      return false;
    }
  }
  csrValue[0] = v;
  csrValue[1] = v;
  return true;
}

/** Writes `value` to CSR `num`; the caller has already read it (read-modify-write instructions). */
function writeMstatus(h: Hart, value: number): void {
  const old = h.mstatus;
  h.mstatus = (old & ~MSTATUS_WMASK) | (value & MSTATUS_WMASK);
  if ((old ^ h.mstatus) & (MSTATUS.MPRV | MSTATUS.MPP | MSTATUS.SUM | MSTATUS.MXR)) h.contextChanged();
}

export function writeCsr(h: Hart, num: number, value: number): boolean {
  if (h.hasH) { const r = writeHCsr(h, num, value); if (r !== H_NOT_MINE) return r === H_OK; }
  if (((num >>> 8) & 3) > h.priv || (num >>> 10) === 3) return false;
  switch (num) {
    case CSR.mstatus: writeMstatus(h, value); return true;
    case CSR.mstatush: h.mstatush = value & MSTATUSH_WMASK; return true;
    case CSR.menvcfgh: h.menvcfgh = value & MENVCFGH_WMASK; return true;
    case CSR.misa: return true;
    case CSR.medeleg: h.medeleg = value & DELEGABLE_EXCS; return true;
    case CSR.mideleg: h.mideleg = value & DELEGABLE_INTS; return true;
    case CSR.mie: h.mie = value & (ALL_INTS | DELEGABLE_INTS); return true;
    case CSR.mtvec: if ((value & 3) < 2) h.mtvec = value; return true;
    case CSR.mcounteren: h.mcounteren = value; return true;
    case CSR.menvcfg: h.menvcfg = value & ENVCFG_WMASK; return true;
    case CSR.mcountinhibit: writeCountInhibit(h, value); return true;
    case CSR.mscratch: h.mscratch = value; return true;
    case CSR.mepc: h.mepc = value; return true; // QEMU 7.2 keeps bit 0 (xRET ignores it)
    case CSR.mcause: h.mcause = value; return true;
    case CSR.mtval: h.mtval = value; return true;
    case CSR.mip: h.mip = (h.mip & ~MIP_WMASK) | (value & MIP_WMASK); return true;
    case CSR.sstatus: writeMstatus(h, (h.mstatus & ~SSTATUS_MASK) | (value & SSTATUS_MASK)); return true;
    case CSR.sie: { const m = h.mideleg & S_INTS; h.mie = (h.mie & ~m) | (value & m); return true; }
    case CSR.sip: { const m = h.mideleg & SIP_WMASK; h.mip = (h.mip & ~m) | (value & m); return true; }
    case CSR.stvec: if ((value & 3) < 2) h.stvec = value; return true;
    case CSR.scounteren: h.scounteren = value; return true;
    case CSR.senvcfg: h.senvcfg = value & ENVCFG_WMASK; return true;
    case CSR.sscratch: h.sscratch = value; return true;
    case CSR.sepc: h.sepc = value; return true;
    case CSR.scause: h.scause = value; return true;
    case CSR.stval: h.stval = value; return true;
    case CSR.satp:
      if (h.priv === PRV_S && (h.mstatus & MSTATUS.TVM)) return false;
      h.satp = value; h.contextChanged(); return true;
  }
  if (num >= 0x3a0 && num <= 0x3a3) { h.pmp.writeCfg(num - 0x3a0, value); h.contextChanged(); return true; }
  if (num >= 0x3b0 && num <= 0x3bf) { h.pmp.writeAddr(num - 0x3b0, value); h.contextChanged(); return true; }
  if (num >= 0x323 && num <= 0x33f) { h.mhpmevent[num - 0x320] = value; return true; }
  if (isCounter(num, 0xb00) && (num & 31) !== 1) {
    writeCounter(h, num & 31, num >= 0xb80, value);
    return true;
  }
  return false;
}

/**
 * Whether `num` is an implemented counter CSR in the block at `base` (0xb00 machine, 0xc00 user):
 * low halves at base+i, high halves at base+0x80+i. There is no mtime CSR (0xb01).
 */
function isCounter(num: number, base: number): boolean {
  const off = num - base, i = off & 0x7f;
  if (!(off >= 0 && off < 0x100 && (off & 0x60) === 0)) return false;
  if (base === 0xb00 && i === 1) return false;
  return i <= LAST_HPM_COUNTER;
}

/** Writing a counter half sets the offset so the counter reads back the written value. */
function writeCounter(h: Hart, index: number, high: boolean, value: number): void {
  const cur = counterValue(h, index);
  const next = high ? (value >>> 0) * 4294967296 + (cur % 4294967296) : Math.floor(cur / 4294967296) * 4294967296 + (value >>> 0);
  if (index === 0) h.cycleOffset += next - cur;
  else if (index === 2) h.instretOffset += next - cur;
  else h.mhpmcounter[index] = next;
}

/** Whether CSR `num` exists on this hart at all (for the debugger's register views). */
export function csrImplemented(h: Hart, num: number): boolean {
  const saved = h.priv, savedV = h.virt;
  h.priv = PRV_M; h.virt = false;
  const ok = readCsr(h, num);
  h.priv = saved; h.virt = savedV;
  return ok && num !== CSR.mstatush;
}

