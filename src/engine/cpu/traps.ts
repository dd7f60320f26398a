import { Hart, MSTATUS, PRV_M, PRV_S, TrapInfo } from './hart';
import { PMP_NO_RULES_MRET_QUIRK } from './quirks';
import { FrameKind } from './shadowStack';

/** Exception causes. */
export const CAUSE = {
  MISALIGNED_FETCH: 0, FETCH_ACCESS: 1, ILLEGAL: 2, BREAKPOINT: 3, MISALIGNED_LOAD: 4, LOAD_ACCESS: 5,
  MISALIGNED_STORE: 6, STORE_ACCESS: 7, ECALL_U: 8, ECALL_S: 9, ECALL_M: 11, FETCH_PAGE: 12, LOAD_PAGE: 13,
  STORE_PAGE: 15,
} as const;

/** Interrupt priority, highest first (privileged spec 3.1.9): MEI, MSI, MTI, SEI, SSI, STI. */
const PRIORITY = [11, 3, 7, 9, 1, 5];

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
  const mLevel = pending & ~h.mideleg;
  const mEnabled = h.priv < PRV_M || (h.mstatus & MSTATUS.MIE) !== 0;
  const sLevel = pending & h.mideleg;
  const sEnabled = h.priv < PRV_S || (h.priv === PRV_S && (h.mstatus & MSTATUS.SIE) !== 0);
  const pick = h.qemuCompat ? lowestNumbered : highest;
  if (mEnabled && mLevel) return pick(mLevel);
  if (sEnabled && sLevel) return pick(sLevel);
  return -1;
}

/** QEMU 7.2 without AIA: the lowest-numbered pending interrupt first. */
function lowestNumbered(bits: number): number { return 31 - Math.clz32(bits & -bits); }

function highest(bits: number): number {
  for (let i = 0; i < PRIORITY.length; i++) if (bits & (1 << PRIORITY[i])) return PRIORITY[i];
  return 31 - Math.clz32(bits); // any other implemented bit, highest number first
}

/** Returns true when host-code firmware (Hart.machineTrapHook) handled the trap instead. */
function enterTrap(h: Hart, cause: number, interrupt: boolean, tval: number, epc: number): boolean {
  const from = h.priv;
  const delegated = from <= PRV_S && (((interrupt ? h.mideleg : h.medeleg) >>> cause) & 1) !== 0;
  if (!delegated && h.machineTrapHook !== undefined) {
    const before = trapsTaken;
    if (h.machineTrapHook(h, cause, interrupt, tval)) {
      h.trapped = true;
      // Events and exception breakpoints see the trap as one into M-mode (the firmware's), unless
      // the firmware passed it on to S-mode itself, which takeTrap has reported already.
      if (trapsTaken === before) reportTrap(h, cause, interrupt, tval, epc, from, PRV_M);
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
  const from = h.priv;
  const code = interrupt ? (cause | 0x80000000) : cause;
  let s = h.mstatus;
  if (delegated) {
    h.sepc = epc; h.scause = code; h.stval = tval;
    s = (s & ~(MSTATUS.SPIE | MSTATUS.SPP | MSTATUS.SIE)) | ((s & MSTATUS.SIE) ? MSTATUS.SPIE : 0) | (from === PRV_S ? MSTATUS.SPP : 0);
    h.priv = PRV_S;
    h.pc = trapVector(h.stvec, cause, interrupt);
  } else {
    h.mepc = epc; h.mcause = code; h.mtval = tval;
    s = (s & ~(MSTATUS.MPIE | MSTATUS.MPP | MSTATUS.MIE)) | ((s & MSTATUS.MIE) ? MSTATUS.MPIE : 0) | (from << 11);
    h.priv = PRV_M;
    h.pc = trapVector(h.mtvec, cause, interrupt);
  }
  h.mstatus = s;
  h.calls.push(epc, h.pc, FrameKind.Trap, from);
  h.trapped = true;
  h.reservedAddr = -1;
  h.contextChanged();
  h.trapCounts[interrupt ? 32 + cause : cause]++;
  if (!interrupt) h.sliceFaults++;
  trapsTaken++;
  reportTrap(h, cause, interrupt, tval, epc, from, h.priv);
}

/** The trap event and exception breakpoints (stopOnException/stopOnInterrupt). */
function reportTrap(h: Hart, cause: number, interrupt: boolean, tval: number, epc: number, from: number, to: number): void {
  if (h.onTrap || (interrupt ? h.stopOnInterrupt : h.stopOnException) & (1 << cause)) {
    const info: TrapInfo = { hart: h.id, cause, interrupt, tval: tval >>> 0, epc: epc >>> 0, fromPriv: from, toPriv: to };
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
  h.pc = h.mepc & ~1;
  h.calls.trapReturn();
  h.reservedAddr = -1; // as QEMU: a trap return ends any LR reservation (the spec allows it)
  h.contextChanged();
  return true;
}

/** sret. Returns false when it must raise illegal instruction instead (U-mode, or TSR from S). */
export function doSret(h: Hart): boolean {
  if (h.priv < PRV_S || (h.priv === PRV_S && (h.mstatus & MSTATUS.TSR))) return false;
  const s = h.mstatus, spp = (s & MSTATUS.SPP) ? PRV_S : 0;
  let n = (s & ~(MSTATUS.SIE | MSTATUS.SPP)) | ((s & MSTATUS.SPIE) ? MSTATUS.SIE : 0) | MSTATUS.SPIE;
  if (!h.qemuCompat) n &= ~MSTATUS.MPRV; // sret always returns to a mode below M
  h.mstatus = n;
  h.priv = spp;
  h.pc = h.sepc & ~1;
  h.calls.trapReturn();
  h.reservedAddr = -1;
  h.contextChanged();
  return true;
}
