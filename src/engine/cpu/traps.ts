import { Hart, MIDELEG_H_FORCED, MSTATUS, PRV_M, PRV_S, PRV_U, TrapInfo } from './hart';
import { HSTATUS, MIDELEG_SGEI, MSTATUSH, VS_INTS } from './hypervisorCsrs';
import { PMP_NO_RULES_MRET_QUIRK } from './quirks';
import { FrameKind } from './shadowStack';

/** Exception causes. */
export const CAUSE = {
  MISALIGNED_FETCH: 0, FETCH_ACCESS: 1, ILLEGAL: 2, BREAKPOINT: 3, MISALIGNED_LOAD: 4, LOAD_ACCESS: 5,
  MISALIGNED_STORE: 6, STORE_ACCESS: 7, ECALL_U: 8, ECALL_S: 9, ECALL_M: 11, FETCH_PAGE: 12, LOAD_PAGE: 13,
  STORE_PAGE: 15, ECALL_VS: 10, FETCH_GUEST_PAGE: 20, LOAD_GUEST_PAGE: 21, VIRTUAL_INSTRUCTION: 22,
  STORE_GUEST_PAGE: 23,
} as const;

/** Exceptions whose tval is a faulting address: from V=1 it is a guest-virtual one (GVA). */
const ADDRESS_CAUSES = (1 << 0) | (1 << 1) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 12) | (1 << 13) | (1 << 15) |
  (1 << 20) | (1 << 21) | (1 << 23);

/** Interrupt priority, highest first (privileged spec 3.1.9): MEI, MSI, MTI, SEI, SSI, STI. */
const PRIORITY = [11, 3, 7, 9, 1, 5];
/** With H (privileged spec 9.2.x): ..., SGEI, VSEI, VSSI, VSTI after the S-level ones. */
const PRIORITY_H = [11, 3, 7, 9, 1, 5, 12, 10, 2, 6];

/**
 * Takes a synchronous exception at the current pc: delegates to S-mode through medeleg when the
 * hart is not in M-mode, and marks the hart `trapped` so the interpreter resynchronises.
 */
export function raiseException(h: Hart, cause: number, tval: number): void {
  enterTrap(h, cause, false, tval, h.pc);
}

/** Takes the highest-priority pending and enabled interrupt, if any. Returns whether it did. */
export function takePendingInterrupt(h: Hart): boolean {
  // Host-code firmware that handles an M-level interrupt may raise an S-level one (MTI ->
  // STIP): look again, as the hart does right after the firmware's mret. The hook clears what it
  // handled, so this ends; the bound only guards against a hook that breaks that contract.
  for (let tries = 0; tries < 4; tries++) {
    const cause = pendingInterrupt(h);
    if (cause < 0) return tries > 0;
    h.waiting = false;
    if (!enterTrap(h, cause, true, 0, h.pc)) return true;
  }
  return true;
}

/** The interrupt the hart takes now (cause number), or -1. */
function pendingInterrupt(h: Hart): number {
  const pending = h.mip & h.mie;
  if (pending === 0) return -1;
  if (h.hasH) return pendingInterruptH(h, pending);
  const mLevel = pending & ~h.mideleg;
  const mEnabled = h.priv < PRV_M || (h.mstatus & MSTATUS.MIE) !== 0;
  const sLevel = pending & h.mideleg;
  const sEnabled = h.priv < PRV_S || (h.priv === PRV_S && (h.mstatus & MSTATUS.SIE) !== 0);
  const pick = h.qemuCompat ? lowestNumbered : highest;
  if (mEnabled && mLevel) return pick(mLevel);
  if (sEnabled && sLevel) return pick(sLevel);
  return -1;
}

/**
 * With H: M-level, then HS-level (always enabled when V=1), then VS-level (mideleg and hideleg;
 * only when V=1, enabled in VU or by vsstatus.SIE in VS).
 */
function pendingInterruptH(h: Hart, pending: number): number {
  const pick = h.qemuCompat ? lowestNumbered : highestH;
  const mideleg = delegatedInterrupts(h);
  const mLevel = pending & ~mideleg;
  if (mLevel && (h.priv < PRV_M || (h.mstatus & MSTATUS.MIE) !== 0)) return pick(mLevel);
  const hsLevel = pending & mideleg & ~h.hideleg;
  if (hsLevel && (h.virt || h.priv < PRV_S || (h.priv === PRV_S && (h.mstatus & MSTATUS.SIE) !== 0))) return pick(hsLevel);
  const vsLevel = pending & mideleg & h.hideleg;
  if (vsLevel && h.virt && (h.priv === PRV_U || (h.vsstatus & MSTATUS.SIE) !== 0)) return pick(vsLevel);
  return -1;
}

/**
 * mideleg as interrupt delivery uses it. QEMU 7.2 forces the VS bits only when mideleg is
 * written (quirks.ts): until then it takes VS interrupts in M-mode, and so does compat mode.
 */
function delegatedInterrupts(h: Hart): number {
  return h.qemuCompat && h.hasH && !(h.mideleg & MIDELEG_SGEI) ? h.mideleg & ~MIDELEG_H_FORCED : h.mideleg;
}

/** QEMU 7.2 without AIA: the lowest-numbered pending interrupt first. */
function lowestNumbered(bits: number): number { return 31 - Math.clz32(bits & -bits); }

function highestH(bits: number): number {
  for (let i = 0; i < PRIORITY_H.length; i++) if (bits & (1 << PRIORITY_H[i])) return PRIORITY_H[i];
  return 31 - Math.clz32(bits);
}

function highest(bits: number): number {
  for (let i = 0; i < PRIORITY.length; i++) if (bits & (1 << PRIORITY[i])) return PRIORITY[i];
  return 31 - Math.clz32(bits); // any other implemented bit, highest number first
}

/** Returns true when host-code firmware (Hart.machineTrapHook) handled the trap instead. */
function enterTrap(h: Hart, cause: number, interrupt: boolean, tval: number, epc: number): boolean {
  const from = h.priv, fromVirt = h.virt;
  // QEMU 7.2 (quirks.ts) reports G-stage faults of M-mode MPRV accesses as page faults: compat follows.
  if (h.qemuCompat && !interrupt && from === PRV_M && (h.mstatus & MSTATUS.MPRV) !== 0 &&
      (cause === CAUSE.LOAD_GUEST_PAGE || cause === CAUSE.STORE_GUEST_PAGE)) cause -= 8;
  const delegated = from <= PRV_S && (((interrupt ? delegatedInterrupts(h) : h.medeleg) >>> cause) & 1) !== 0;
  if (delegated && h.virt && (((interrupt ? h.hideleg : h.hedeleg) >>> cause) & 1) !== 0) {
    takeTrapVs(h, cause, interrupt, tval, epc);
    return false;
  }
  if (!delegated && h.machineTrapHook !== undefined) {
    const before = trapsTaken;
    if (h.machineTrapHook(h, cause, interrupt, tval)) {
      h.trapped = true;
      h.trapTval2 = 0; h.trapTinst = 0; h.trapGva = false;
      // Events and exception breakpoints see the trap as one into M-mode (the firmware's), unless
      // the firmware passed it on to S-mode itself, which takeTrap has reported already.
      if (trapsTaken === before) reportTrap(h, cause, interrupt, tval, epc, from, PRV_M, fromVirt);
      return true;
    }
  }
  takeTrap(h, cause, interrupt, tval, epc, delegated);
  return false;
}

/** Traps taken through takeTrap, so enterTrap can tell whether a hook passed one on. */
let trapsTaken = 0;

/**
 * Takes a trap into S-mode whatever medeleg/mideleg say: what M-mode firmware does when it
 * redirects a trap it does not handle to the supervisor (OpenSBI's sbi_trap_redirect).
 */
export function redirectTrapToSupervisor(h: Hart, cause: number, interrupt: boolean, tval: number, epc: number): void {
  takeTrap(h, cause, interrupt, tval, epc, true);
}

function takeTrap(h: Hart, cause: number, interrupt: boolean, tval: number, epc: number, delegated: boolean): void {
  const from = h.priv, fromVirt = h.virt;
  const code = interrupt ? (cause | 0x80000000) : cause;
  let s = h.mstatus;
  if (h.hasH) {
    // Record V and whether tval is a guest-virtual address, then leave V=1.
    const fromV = h.virt;
    const gva = !interrupt && (fromV || h.trapGva) && ((ADDRESS_CAUSES >>> cause) & 1) !== 0;
    if (delegated) {
      let hs = h.hstatus & ~(HSTATUS.SPV | HSTATUS.GVA);
      if (fromV) hs = (hs & ~HSTATUS.SPVP) | HSTATUS.SPV | (from === PRV_S ? HSTATUS.SPVP : 0);
      h.hstatus = hs | (gva ? HSTATUS.GVA : 0);
      h.htval = interrupt ? 0 : h.trapTval2; h.htinst = interrupt ? 0 : h.trapTinst;
    } else {
      // QEMU 7.2 sets mstatush.GVA for any trap from V=1 with a nonzero tval (an illegal
      // instruction's bits too) and otherwise leaves it as it was (quirks.ts).
      const mGva = h.qemuCompat ? (fromV && tval !== 0) || (h.mstatush & MSTATUSH.GVA) !== 0 : gva;
      h.mstatush = (h.mstatush & ~(MSTATUSH.MPV | MSTATUSH.GVA)) | (fromV ? MSTATUSH.MPV : 0) | (mGva ? MSTATUSH.GVA : 0);
      h.mtval2 = interrupt ? 0 : h.trapTval2; h.mtinst = interrupt ? 0 : h.trapTinst;
    }
    h.trapTval2 = 0; h.trapTinst = 0; h.trapGva = false;
    h.virt = false;
  }
  if (delegated) {
    h.sepc = epc; h.scause = code; h.stval = tval;
    s = supervisorEntryStatus(s, from);
    h.priv = PRV_S;
    h.pc = trapVector(h.stvec, cause, interrupt);
  } else {
    h.mepc = epc; h.mcause = code; h.mtval = tval;
    s = (s & ~(MSTATUS.MPIE | MSTATUS.MPP | MSTATUS.MIE)) | ((s & MSTATUS.MIE) ? MSTATUS.MPIE : 0) | (from << 11);
    h.priv = PRV_M;
    h.pc = trapVector(h.mtvec, cause, interrupt);
  }
  h.mstatus = s;
  finishTrap(h, cause, interrupt, tval, epc, from, fromVirt);
}

/** A trap from V=1 delegated through medeleg/mideleg and then hedeleg/hideleg: taken in VS-mode. */
function takeTrapVs(h: Hart, cause: number, interrupt: boolean, tval: number, epc: number): void {
  const from = h.priv;
  // VS-level interrupts appear to the guest as its supervisor ones (VSSIP 2 -> SSI 1, ...).
  // QEMU 7.2 (quirks.ts) also renumbers exceptions 2, 6 and 10 this way: compat follows.
  const vcause = (interrupt || h.qemuCompat) && ((VS_INTS >>> cause) & 1) ? cause - 1 : cause;
  const s = h.vsstatus;
  h.vsepc = epc; h.vscause = interrupt ? (vcause | 0x80000000) : vcause; h.vstval = tval;
  h.vsstatus = supervisorEntryStatus(s, from);
  h.trapTval2 = 0; h.trapTinst = 0; h.trapGva = false;
  h.priv = PRV_S;
  h.pc = trapVector(h.vstvec, vcause, interrupt);
  finishTrap(h, cause, interrupt, tval, epc, from, true);
}

/** sstatus/vsstatus on a trap into (V)S-mode: SPIE = SIE, SIE = 0, SPP = the mode it came from. */
function supervisorEntryStatus(s: number, from: number): number {
  return (s & ~(MSTATUS.SPIE | MSTATUS.SPP | MSTATUS.SIE)) | ((s & MSTATUS.SIE) ? MSTATUS.SPIE : 0) | (from === PRV_S ? MSTATUS.SPP : 0);
}

/** sstatus/vsstatus on sret: SIE = SPIE, SPIE = 1, SPP = U. */
function supervisorReturnStatus(s: number): number {
  return (s & ~(MSTATUS.SIE | MSTATUS.SPP)) | ((s & MSTATUS.SPIE) ? MSTATUS.SIE : 0) | MSTATUS.SPIE;
}

/** What every trap entry does once the target mode's registers are set (h.priv, h.pc are new). */
function finishTrap(h: Hart, cause: number, interrupt: boolean, tval: number, epc: number, from: number, fromVirt: boolean): void {
  h.calls.push(epc, h.pc, FrameKind.Trap, from);
  h.trapped = true;
  if (h.endSliceOnTrap) h.endSlice = true;
  h.reservedAddr = -1;
  h.modeChanged();
  h.trapCounts[interrupt ? 32 + cause : cause]++;
  if (!interrupt) h.sliceFaults++;
  trapsTaken++;
  reportTrap(h, cause, interrupt, tval, epc, from, h.priv, fromVirt);
}

/** The trap event and exception breakpoints (stopOnException/stopOnInterrupt). */
function reportTrap(h: Hart, cause: number, interrupt: boolean, tval: number, epc: number, from: number, to: number, fromVirt: boolean): void {
  if (h.onTrap || (interrupt ? h.stopOnInterrupt : h.stopOnException) & (1 << cause)) {
    const info: TrapInfo = { hart: h.id, cause, interrupt, tval: tval >>> 0, epc: epc >>> 0, fromPriv: from, toPriv: to, fromVirt, toVirt: h.virt };
    h.lastTrap = info;
    if ((interrupt ? h.stopOnInterrupt : h.stopOnException) & (1 << cause)) h.stopRequested = true;
    h.onTrap?.(info);
  }
}

function trapVector(tvec: number, cause: number, interrupt: boolean): number {
  const base = tvec & ~3;
  return (interrupt && (tvec & 3) === 1) ? (base + 4 * cause) | 0 : base;
}

/** mret. Returns false when it must raise illegal instruction instead. */
export function doMret(h: Hart): boolean {
  if (h.priv !== PRV_M) return false;
  const s = h.mstatus, mpp = (s >>> 11) & 3;
  if (h.qemuCompat && PMP_NO_RULES_MRET_QUIRK && mpp !== PRV_M && h.pmp.activeRules === 0) return false;
  let n = (s & ~(MSTATUS.MIE | MSTATUS.MPP)) | ((s & MSTATUS.MPIE) ? MSTATUS.MIE : 0) | MSTATUS.MPIE;
  if (mpp !== PRV_M && !h.qemuCompat) n &= ~MSTATUS.MPRV;
  h.mstatus = n;
  h.priv = mpp;
  if (h.hasH) {
    // QEMU 7.2 (quirks.ts) sets V = MPV even when MPP = M: compat follows.
    h.virt = (mpp !== PRV_M || h.qemuCompat) && (h.mstatush & MSTATUSH.MPV) !== 0;
    h.mstatush &= ~MSTATUSH.MPV;
  }
  h.pc = h.mepc & ~1;
  h.calls.trapReturn();
  h.reservedAddr = -1; // as QEMU: a trap return ends any LR reservation (the spec allows it)
  h.modeChanged();
  return true;
}

/**
 * sret. Returns false when it must raise illegal instruction instead (U-mode, or TSR from S).
 * From VS-mode it works on vsstatus/vsepc; from HS/M it returns to V = hstatus.SPV (always 0
 * on a hart without H).
 */
export function doSret(h: Hart): boolean {
  // From VS-mode mstatus.TSR does not apply (hstatus.VTSR does, checked by the caller).
  if (!h.virt && (h.priv < PRV_S || (h.priv === PRV_S && (h.mstatus & MSTATUS.TSR)))) return false;
  if (h.virt && h.priv < PRV_S) return false;
  if (h.virt) {
    const s = h.vsstatus;
    h.vsstatus = supervisorReturnStatus(s);
    h.priv = (s & MSTATUS.SPP) ? PRV_S : PRV_U;
    h.pc = h.vsepc & ~1;
  } else {
    const s = h.mstatus, spp = (s & MSTATUS.SPP) ? PRV_S : PRV_U;
    let n = supervisorReturnStatus(s);
    if (!h.qemuCompat) n &= ~MSTATUS.MPRV;
    h.mstatus = n;
    h.virt = (h.hstatus & HSTATUS.SPV) !== 0;
    h.hstatus &= ~HSTATUS.SPV;
    h.priv = spp;
    h.pc = h.sepc & ~1;
  }
  h.calls.trapReturn();
  h.reservedAddr = -1;
  h.modeChanged();
  return true;
}
