import { Op } from '../isa/opcodes';
import { TLB_MASK } from '../mmu/softTlb';
import { DecodedPage } from './codeCache';
import { Hart } from './hart';
import { FrameKind } from './shadowStack';
import { fetchPage, loadSlow, storeSlow } from './memoryAccess';
import { executeSystem } from './systemInstructions';
import { CAUSE, raiseException, takePendingInterrupt } from './traps';

/**
 * The hot loop. It runs predecoded slots of one page at a time: sequential flow just advances the
 * slot index (the sentinel slot after the last one ends the page), taken branches that stay in
 * the page only reset it. Loads and stores hit the fast TLB with one compare; everything else
 * (misses, MMIO, CSRs, traps) goes to a slow path and ends the block, and the outer loop then
 * checks interrupts and stop requests. Nothing here allocates.
 *
 * Slot fields: op = w & 0xff, rd = (w >>> 8) & 63, rs1 = (w >>> 14) & 31, rs2 = (w >>> 19) & 31,
 * length in halfwords = w >>> 24.
 */

/**
 * Runs up to `budget` instructions (an instruction that raises an exception uses budget without
 * retiring); returns the budget used, retired or faulted. Stops early on a stop request or wfi.
 */
export function execute(h: Hart, budget: number): number {
  h.modeChanged(); // whoever changed priv or V since the last slice (a debugger, a test) need not have said so
  const x = h.x, tlb = h.tlb, bus = h.bus, code = h.code, bp = h.bp, calls = h.calls;
  const rTag = tlb.rTag, rOff = tlb.rOff, wTag = tlb.wTag, wOff = tlb.wOff, xTag = tlb.xTag, xPage = tlb.xPage;
  const ram8 = bus.ram, ramI8 = bus.ramI8, ram16 = bus.ram16, ramI16 = bus.ramI16, ram32 = bus.ram32;
  h.sliceBudget = budget; h.insnsLeft = budget; h.sliceStartRetired = h.retired; h.sliceFaults = 0;
  h.endSlice = false;
  let left = budget;
  let pc = h.pc;
  outer: while (left > 0) {
    if (h.stopRequested || h.endSlice) break;
    if (h.waiting) {
      if ((h.mip & h.mie) === 0) break;
      h.waiting = false;
    }
    if ((h.mip & h.mie) !== 0) {
      h.pc = pc;
      if (takePendingInterrupt(h)) { h.trapped = false; pc = h.pc; if (h.stopRequested || h.endSlice) break; }
    }
    const vpn = pc >>> 12, t = vpn & TLB_MASK;
    let page: DecodedPage | null;
    let single = false;
    if (xTag[t] === vpn) page = xPage[t];
    else {
      h.pc = pc; h.insnsLeft = left;
      page = fetchPage(h, pc);
      // A faulting fetch consumes budget, so a trap loop (a bad trap vector) cannot spin forever.
      if (page === null) { h.trapped = false; pc = h.pc; left--; continue; }
      single = h.fetchSingle;
    }
    let base = pc & ~0xfff, span = 4096;
    let idx = (pc & 0xfff) >>> 1;
    const bpOn = bp.pages[vpn];
    let ops: Int32Array = page!.ops;
    if (ops[idx] === Op.CROSS_PAGE) {
      if (bpOn !== 0) {
        if (pc === h.bpSkipPc) h.bpSkipPc = -1;
        else if (bp.has(pc)) { h.stopRequested = true; h.stopReason = 'breakpoint'; continue; }
      }
      h.pc = pc; h.insnsLeft = left;
      page = crossPageInstruction(h, pc);
      if (page === null) { h.trapped = false; pc = h.pc; left--; continue; }
      // A page "based" at pc whose branches always leave it: slot 0 is this instruction.
      base = pc; span = 0; idx = 0; single = true; ops = page.ops;
    } else if (bpOn !== 0) {
      // Resuming from the breakpoint at pc: its one instruction runs from the unarmed slots.
      if (pc === h.bpSkipPc) { h.bpSkipPc = -1; single = true; }
      else ops = bp.armedSlots(vpn, page!);
    }
    const imms = page!.imms;
    const start = single ? 1 : left;
    let n = start;
    inner: for (;;) {
      if (--n < 0) { n = 0; pc = base + (idx << 1); break; }
      const w = ops[idx];
      switch (w & 0xff) {
        case Op.ADDI: x[(w >>> 8) & 63] = (x[(w >>> 14) & 31] + imms[idx]) | 0; idx += w >>> 24; continue;
        case Op.LUI: x[(w >>> 8) & 63] = imms[idx]; idx += w >>> 24; continue;
        case Op.AUIPC: x[(w >>> 8) & 63] = (base + (idx << 1) + imms[idx]) | 0; idx += w >>> 24; continue;
        case Op.SLTI: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] < imms[idx] ? 1 : 0; idx += w >>> 24; continue;
        case Op.SLTIU: x[(w >>> 8) & 63] = (x[(w >>> 14) & 31] >>> 0) < (imms[idx] >>> 0) ? 1 : 0; idx += w >>> 24; continue;
        case Op.XORI: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] ^ imms[idx]; idx += w >>> 24; continue;
        case Op.ORI: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] | imms[idx]; idx += w >>> 24; continue;
        case Op.ANDI: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] & imms[idx]; idx += w >>> 24; continue;
        case Op.SLLI: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] << imms[idx]; idx += w >>> 24; continue;
        case Op.SRLI: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] >>> imms[idx]; idx += w >>> 24; continue;
        case Op.SRAI: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] >> imms[idx]; idx += w >>> 24; continue;
        case Op.ADD: x[(w >>> 8) & 63] = (x[(w >>> 14) & 31] + x[(w >>> 19) & 31]) | 0; idx += w >>> 24; continue;
        case Op.SUB: x[(w >>> 8) & 63] = (x[(w >>> 14) & 31] - x[(w >>> 19) & 31]) | 0; idx += w >>> 24; continue;
        case Op.SLL: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] << x[(w >>> 19) & 31]; idx += w >>> 24; continue;
        case Op.SLT: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] < x[(w >>> 19) & 31] ? 1 : 0; idx += w >>> 24; continue;
        case Op.SLTU: x[(w >>> 8) & 63] = (x[(w >>> 14) & 31] >>> 0) < (x[(w >>> 19) & 31] >>> 0) ? 1 : 0; idx += w >>> 24; continue;
        case Op.XOR: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] ^ x[(w >>> 19) & 31]; idx += w >>> 24; continue;
        case Op.SRL: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] >>> x[(w >>> 19) & 31]; idx += w >>> 24; continue;
        case Op.SRA: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] >> x[(w >>> 19) & 31]; idx += w >>> 24; continue;
        case Op.OR: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] | x[(w >>> 19) & 31]; idx += w >>> 24; continue;
        case Op.AND: x[(w >>> 8) & 63] = x[(w >>> 14) & 31] & x[(w >>> 19) & 31]; idx += w >>> 24; continue;
        case Op.MUL: x[(w >>> 8) & 63] = Math.imul(x[(w >>> 14) & 31], x[(w >>> 19) & 31]); idx += w >>> 24; continue;
        case Op.MULH: x[(w >>> 8) & 63] = mulh(x[(w >>> 14) & 31], x[(w >>> 19) & 31]); idx += w >>> 24; continue;
        case Op.MULHSU: x[(w >>> 8) & 63] = mulhsu(x[(w >>> 14) & 31], x[(w >>> 19) & 31]); idx += w >>> 24; continue;
        case Op.MULHU: x[(w >>> 8) & 63] = mulhu(x[(w >>> 14) & 31], x[(w >>> 19) & 31]); idx += w >>> 24; continue;
        case Op.DIV: {
          const a = x[(w >>> 14) & 31], b = x[(w >>> 19) & 31];
          x[(w >>> 8) & 63] = b === 0 ? -1 : (a === -0x80000000 && b === -1) ? a : (a / b) | 0;
          idx += w >>> 24; continue;
        }
        case Op.DIVU: {
          const a = x[(w >>> 14) & 31] >>> 0, b = x[(w >>> 19) & 31] >>> 0;
          x[(w >>> 8) & 63] = b === 0 ? -1 : (a / b) | 0;
          idx += w >>> 24; continue;
        }
        case Op.REM: {
          const a = x[(w >>> 14) & 31], b = x[(w >>> 19) & 31];
          x[(w >>> 8) & 63] = b === 0 ? a : (a === -0x80000000 && b === -1) ? 0 : (a % b) | 0;
          idx += w >>> 24; continue;
        }
        case Op.REMU: {
          const a = x[(w >>> 14) & 31] >>> 0, b = x[(w >>> 19) & 31] >>> 0;
          x[(w >>> 8) & 63] = b === 0 ? a | 0 : (a % b) | 0;
          idx += w >>> 24; continue;
        }
        case Op.JAL: {
          const at = base + (idx << 1), target = (at + imms[idx]) | 0;
          x[(w >>> 8) & 63] = at + ((w >>> 24) << 1) | 0;
          if (((w >>> 8) & 63) === 1) calls.push(at + ((w >>> 24) << 1) | 0, target, FrameKind.Call, h.priv);
          if (((target - base) >>> 0) < span) { idx = (target - base) >>> 1; continue; }
          pc = target; break inner;
        }
        case Op.JALR: {
          const at = base + (idx << 1), target = (x[(w >>> 14) & 31] + imms[idx]) & ~1;
          x[(w >>> 8) & 63] = at + ((w >>> 24) << 1) | 0;
          // Calls link ra; `ret` (jalr x0, ra) returns. Shadow-stack bookkeeping for the debugger.
          if (((w >>> 8) & 63) === 1) calls.push(at + ((w >>> 24) << 1) | 0, target, FrameKind.Call, h.priv);
          else if ((w & 0x7ff00) === ((32 << 8) | (1 << 14))) calls.ret(target);
          if (((target - base) >>> 0) < span) { idx = (target - base) >>> 1; continue; }
          pc = target; break inner;
        }
        case Op.BEQ: if (x[(w >>> 14) & 31] === x[(w >>> 19) & 31]) break; idx += w >>> 24; continue;
        case Op.BNE: if (x[(w >>> 14) & 31] !== x[(w >>> 19) & 31]) break; idx += w >>> 24; continue;
        case Op.BLT: if (x[(w >>> 14) & 31] < x[(w >>> 19) & 31]) break; idx += w >>> 24; continue;
        case Op.BGE: if (x[(w >>> 14) & 31] >= x[(w >>> 19) & 31]) break; idx += w >>> 24; continue;
        case Op.BLTU: if ((x[(w >>> 14) & 31] >>> 0) < (x[(w >>> 19) & 31] >>> 0)) break; idx += w >>> 24; continue;
        case Op.BGEU: if ((x[(w >>> 14) & 31] >>> 0) >= (x[(w >>> 19) & 31] >>> 0)) break; idx += w >>> 24; continue;
        case Op.LW: {
          const a = (x[(w >>> 14) & 31] + imms[idx]) | 0, tt = (a >>> 12) & TLB_MASK;
          if (rTag[tt] === (a >>> 12) && (a & 3) === 0) { x[(w >>> 8) & 63] = ram32[(rOff[tt] + (a & 0xfff)) >> 2]; idx += w >>> 24; continue; }
          h.pc = base + (idx << 1); h.insnsLeft = left - start + n + 1;
          loadMiss(h, a, 4, true, (w >>> 8) & 63, (w >>> 24) << 1);
          pc = h.pc; h.trapped = false;
          break inner;
        }
        case Op.LH: {
          const a = (x[(w >>> 14) & 31] + imms[idx]) | 0, tt = (a >>> 12) & TLB_MASK;
          if (rTag[tt] === (a >>> 12) && (a & 1) === 0) { x[(w >>> 8) & 63] = ramI16[(rOff[tt] + (a & 0xfff)) >> 1]; idx += w >>> 24; continue; }
          h.pc = base + (idx << 1); h.insnsLeft = left - start + n + 1;
          loadMiss(h, a, 2, true, (w >>> 8) & 63, (w >>> 24) << 1);
          pc = h.pc; h.trapped = false;
          break inner;
        }
        case Op.LHU: {
          const a = (x[(w >>> 14) & 31] + imms[idx]) | 0, tt = (a >>> 12) & TLB_MASK;
          if (rTag[tt] === (a >>> 12) && (a & 1) === 0) { x[(w >>> 8) & 63] = ram16[(rOff[tt] + (a & 0xfff)) >> 1]; idx += w >>> 24; continue; }
          h.pc = base + (idx << 1); h.insnsLeft = left - start + n + 1;
          loadMiss(h, a, 2, false, (w >>> 8) & 63, (w >>> 24) << 1);
          pc = h.pc; h.trapped = false;
          break inner;
        }
        case Op.LB: {
          const a = (x[(w >>> 14) & 31] + imms[idx]) | 0, tt = (a >>> 12) & TLB_MASK;
          if (rTag[tt] === (a >>> 12)) { x[(w >>> 8) & 63] = ramI8[rOff[tt] + (a & 0xfff)]; idx += w >>> 24; continue; }
          h.pc = base + (idx << 1); h.insnsLeft = left - start + n + 1;
          loadMiss(h, a, 1, true, (w >>> 8) & 63, (w >>> 24) << 1);
          pc = h.pc; h.trapped = false;
          break inner;
        }
        case Op.LBU: {
          const a = (x[(w >>> 14) & 31] + imms[idx]) | 0, tt = (a >>> 12) & TLB_MASK;
          if (rTag[tt] === (a >>> 12)) { x[(w >>> 8) & 63] = ram8[rOff[tt] + (a & 0xfff)]; idx += w >>> 24; continue; }
          h.pc = base + (idx << 1); h.insnsLeft = left - start + n + 1;
          loadMiss(h, a, 1, false, (w >>> 8) & 63, (w >>> 24) << 1);
          pc = h.pc; h.trapped = false;
          break inner;
        }
        case Op.SW: {
          const a = (x[(w >>> 14) & 31] + imms[idx]) | 0, tt = (a >>> 12) & TLB_MASK;
          if (wTag[tt] === (a >>> 12) && (a & 3) === 0) { ram32[(wOff[tt] + (a & 0xfff)) >> 2] = x[(w >>> 19) & 31]; idx += w >>> 24; continue; }
          h.pc = base + (idx << 1); h.insnsLeft = left - start + n + 1;
          storeMiss(h, a, 4, x[(w >>> 19) & 31], (w >>> 24) << 1);
          pc = h.pc; h.trapped = false;
          break inner;
        }
        case Op.SH: {
          const a = (x[(w >>> 14) & 31] + imms[idx]) | 0, tt = (a >>> 12) & TLB_MASK;
          if (wTag[tt] === (a >>> 12) && (a & 1) === 0) { ram16[(wOff[tt] + (a & 0xfff)) >> 1] = x[(w >>> 19) & 31]; idx += w >>> 24; continue; }
          h.pc = base + (idx << 1); h.insnsLeft = left - start + n + 1;
          storeMiss(h, a, 2, x[(w >>> 19) & 31], (w >>> 24) << 1);
          pc = h.pc; h.trapped = false;
          break inner;
        }
        case Op.SB: {
          const a = (x[(w >>> 14) & 31] + imms[idx]) | 0, tt = (a >>> 12) & TLB_MASK;
          if (wTag[tt] === (a >>> 12)) { ram8[wOff[tt] + (a & 0xfff)] = x[(w >>> 19) & 31]; idx += w >>> 24; continue; }
          h.pc = base + (idx << 1); h.insnsLeft = left - start + n + 1;
          storeMiss(h, a, 1, x[(w >>> 19) & 31], (w >>> 24) << 1);
          pc = h.pc; h.trapped = false;
          break inner;
        }
        case Op.UNDECODED:
          n++;
          if (!code.decodeSlot(page!, idx)) {
            // Nothing readable there (an executable device's edge): an instruction access fault.
            h.pc = base + (idx << 1);
            raiseException(h, CAUSE.FETCH_ACCESS, h.pc);
            h.trapped = false; pc = h.pc; n--;
            break inner;
          }
          ops[idx] = page!.ops[idx]; // armed slots follow the page (a no-op when they are the page's)
          continue;
        case Op.BREAKPOINT:
          n++;
          pc = base + (idx << 1);
          // Unless resuming from it (the outer loop then runs it unarmed), stop before it.
          if (pc !== h.bpSkipPc) { h.stopRequested = true; h.stopReason = 'breakpoint'; }
          break inner;
        case Op.PAGE_END:
          n++;
          pc = base + (idx << 1);
          break inner;
        case Op.CROSS_PAGE:
          // Leave the page; the outer loop runs it from a scratch page.
          n++;
          pc = base + (idx << 1);
          // Decoded just now while resuming from a breakpoint on it: the outer loop must not stop again.
          if (bpOn !== 0 && ops === page!.ops) h.bpSkipPc = pc;
          break inner;
        default: {
          // System instructions, atomics and illegal encodings.
          h.pc = base + (idx << 1); h.insnsLeft = left - start + n + 1;
          executeSystem(h, w & 0xff, (w >>> 8) & 63, (w >>> 14) & 31, (w >>> 19) & 31, imms[idx], (w >>> 24) << 1);
          h.trapped = false;
          pc = h.pc;
          break inner;
        }
      }
      // Taken branch (the switch broke out): target may leave the page.
      const target = (base + (idx << 1) + imms[idx]) | 0;
      if (((target - base) >>> 0) < span) { idx = (target - base) >>> 1; continue; }
      pc = target;
      break;
    }
    left -= start - n;
    h.insnsLeft = left;
  }
  h.pc = pc;
  h.insnsLeft = left;
  // Instructions that raised an exception used budget (and time) but did not retire.
  h.retired += budget - left - h.sliceFaults;
  return budget - left;
}

/** A load that missed the fast TLB: on success writes rd and moves h.pc past the instruction. */
function loadMiss(h: Hart, va: number, width: 1 | 2 | 4, signed: boolean, rd: number, len: number): void {
  const v = loadSlow(h, va, width, signed);
  if (h.trapped) return;
  h.x[rd] = v;
  h.pc = (h.pc + len) | 0;
}

/** A store that missed the fast TLB: on success moves h.pc past the instruction. */
function storeMiss(h: Hart, va: number, width: 1 | 2 | 4, value: number, len: number): void {
  storeSlow(h, va, width, value);
  if (!h.trapped) h.pc = (h.pc + len) | 0;
}

/**
 * A 32-bit instruction whose halves lie on two pages: fetch both halves through translation and
 * decode it into a one-instruction scratch page. Returns null after raising a fetch fault.
 */
const scratch = new DecodedPage(0, -1);
scratch.ops.fill(Op.PAGE_END);
function crossPageInstruction(h: Hart, pc: number): DecodedPage | null {
  const lo = fetchHalf(h, pc);
  if (h.trapped) return null;
  const hi = fetchHalf(h, (pc + 2) | 0);
  if (h.trapped) return null;
  h.code.fillSlot(scratch, 0, (lo | (hi << 16)) | 0);
  return scratch;
}

function fetchHalf(h: Hart, va: number): number {
  const page = fetchPage(h, va);
  if (page === null) return 0;
  return h.bus.read(page.pa + (va & 0xfff), 2);
}

/** High word of the unsigned 64-bit product, without BigInt (16-bit limbs stay exact in doubles). */
export function mulhu(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}
export function mulh(a: number, b: number): number {
  return (mulhu(a, b) - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
}
export function mulhsu(a: number, b: number): number {
  return (mulhu(a, b) - (a < 0 ? b : 0)) | 0;
}
