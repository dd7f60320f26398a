import { Access } from '../mmu/pmp';
import { WalkFault } from '../mmu/sv32';
import { HTINST_PTE_READ, HTINST_PTE_WRITE, TwoStageFault } from '../mmu/twoStage';
import { TLB_MASK } from '../mmu/softTlb';
import type { DecodedPage } from './codeCache';
import { Hart, MSTATUS, PRV_M } from './hart';
import { CAUSE, raiseException } from './traps';
import { MSTATUSH } from './hypervisorCsrs';
import { transformedInstruction } from './transformedInstruction';

/**
 * The slow paths of memory access: translation, PMP, devices, watchpoints, misaligned and
 * page-crossing accesses, and filling the fast TLB. The interpreter only comes here on a fast-TLB
 * miss; every function leaves `h.trapped` set when it raised an exception.
 */

const PAGE_FAULT = [CAUSE.LOAD_PAGE, CAUSE.STORE_PAGE, CAUSE.FETCH_PAGE];
const ACCESS_FAULT = [CAUSE.LOAD_ACCESS, CAUSE.STORE_ACCESS, CAUSE.FETCH_ACCESS];
const GUEST_PAGE_FAULT = [CAUSE.LOAD_GUEST_PAGE, CAUSE.STORE_GUEST_PAGE, CAUSE.FETCH_GUEST_PAGE];

/** Watchpoint ranges by virtual address; the pages they touch never get fast-TLB entries. */
export class Watchpoints {
  readonly pages = new Uint8Array(1 << 20);
  private list: { addr: number; size: number; access: 'read' | 'write' | 'readWrite'; id: number }[] = [];
  /** The watchpoint that stopped the run, with the access that hit it. */
  hit: { id: number; addr: number; width: number; write: boolean; value: number } | undefined;

  set(list: { addr: number; size: number; access: 'read' | 'write' | 'readWrite'; id: number }[]): void {
    this.list = list.map((w) => ({ ...w, addr: w.addr >>> 0 }));
    this.pages.fill(0);
    for (const w of this.list) for (let a = w.addr & ~0xfff; a < w.addr + w.size; a += 4096) this.pages[a >>> 12] = 1;
  }

  get count(): number { return this.list.length; }

  check(va: number, width: number, write: boolean, value: number): boolean {
    const a = va >>> 0;
    for (const w of this.list) {
      if (a < w.addr + w.size && a + width > w.addr && (write ? w.access !== 'read' : w.access !== 'write')) {
        this.hit = { id: w.id, addr: a, width, write, value: value >>> 0 };
        return true;
      }
    }
    return false;
  }
}

/**
 * Translates `va` for `access` and checks PMP for `width` bytes. Returns the physical address, or
 * -1 after raising the page or access fault (of the kind `faultAs`: an AMO's read half faults as a
 * store). `hlvPriv` >= 0 makes it a virtual-machine load/store (HLV/HLVX/HSV): two-stage
 * translation as VS (1) or VU (0) whatever V and MPRV say; `hlvx` asks for execute permission
 * instead of read.
 */
export function translate(h: Hart, va: number, access: Access, width: number, faultAs: Access = access,
  hlvPriv = -1, hlvx = false): number {
  const priv = hlvPriv >= 0 ? hlvPriv : access === Access.Exec ? h.priv : h.dataPriv();
  const guest = hlvPriv >= 0 || (h.hasH && h.gmmuUsedFor(priv, access));
  let pa: number;
  if (guest) {
    // V=1, HLV/HSV, or M-mode with MPRV=1, MPP below M and MPV=1: as VS/VU would do them.
    pa = translateGuest(h, va, access, priv, faultAs, hlvPriv >= 0, hlvx);
    if (pa < 0) return -1;
  } else if (priv === PRV_M || (h.satp >>> 31) === 0) pa = va >>> 0;
  else {
    pa = h.mmu.translate(va, access, priv, h.satp, (h.mstatus & MSTATUS.SUM) !== 0, (h.mstatus & MSTATUS.MXR) !== 0);
    if (pa < 0) {
      memoryFault(h, h.mmu.fault === WalkFault.Access ? ACCESS_FAULT[faultAs] : PAGE_FAULT[faultAs], va, access);
      return -1;
    }
  }
  // HLVX: the physical memory attributes must grant both read and execute (priv spec H, HLVX).
  if (!h.pmp.allows(pa, width, access, priv) || (hlvx && !h.pmp.allows(pa, width, Access.Exec, priv))) {
    if (guest) h.trapGva = true;
    memoryFault(h, ACCESS_FAULT[faultAs], va, access);
    return -1;
  }
  return pa;
}

/**
 * Two-stage translation (VS stage under vsatp with vsstatus.SUM, G stage under hgatp). Guest-page
 * faults leave gpa >> 2 for htval/mtval2 and, for the VS stage's implicit page-table accesses, the
 * pseudo-instruction for htinst/mtinst. `hyp` marks HLV/HSV/HLVX.
 */
function translateGuest(h: Hart, va: number, access: Access, priv: number, faultAs: Access, hyp: boolean, hlvx: boolean): number {
  const g = h.gmmu!;
  const q = h.qemuCompat, vsMxr = (h.vsstatus & MSTATUS.MXR) !== 0, mMxr = (h.mstatus & MSTATUS.MXR) !== 0;
  // Spec: mstatus.MXR applies to both stages, vsstatus.MXR to the VS stage only. QEMU 7.2 (quirks.ts):
  // the VS stage sees vsstatus.MXR when V=1 and mstatus.MXR when V=0, the G stage vsstatus.MXR,
  // and a two-stage access made from V=0 ignores vsstatus.SUM.
  const sum = (q && !h.virt) || (h.vsstatus & MSTATUS.SUM) !== 0;
  g.gStageChecksPteWrites = !q;
  const pa = g.translate(va, access, priv, h.vsatp, h.hgatp, sum, q ? (h.virt ? vsMxr : mMxr) : (vsMxr || mMxr), q ? vsMxr : mMxr, hlvx);
  if (pa >= 0) return pa;
  h.trapGva = true; // tval is a guest-virtual address (also for HLV/HSV and MPRV accesses from V=0)
  let cause: number;
  if (g.fault === TwoStageFault.GuestPage) {
    h.trapTval2 = Math.floor(g.faultGpa / 4) | 0;
    h.trapTinst = g.faultImplicit ? (g.faultImplicitWrite ? HTINST_PTE_WRITE : HTINST_PTE_READ) : 0;
    if (!q) cause = GUEST_PAGE_FAULT[faultAs];
    // QEMU 7.2: a fault on an implicit VS-stage access is a load guest-page fault whatever the
    // access, and MPRV accesses raise ordinary page-fault causes for G-stage faults.
    else cause = (!h.virt && !hyp ? PAGE_FAULT : GUEST_PAGE_FAULT)[g.faultImplicit ? Access.Read : faultAs];
  } else if (g.fault === TwoStageFault.Page && !(q && !h.virt && (h.satp >>> 31) === 0)) {
    cause = PAGE_FAULT[faultAs];
  } else {
    // Access fault; also QEMU 7.2's VS-stage fault from V=0 while the HS satp is Bare.
    cause = ACCESS_FAULT[faultAs];
  }
  memoryFault(h, cause, va, access);
  return -1;
}

/**
 * Raises a fault of a memory access. For an explicit access (load, store, AMO, HLV/HSV) a trap
 * into M or HS carries the transformed instruction in mtinst/htinst (priv spec H, "Transformed
 * Instruction or Pseudoinstruction"), unless a pseudo-instruction is already set; QEMU 7.2 writes
 * zero there (quirks.ts).
 */
function memoryFault(h: Hart, cause: number, va: number, access: Access): void {
  if (h.hasH && access !== Access.Exec && h.trapTinst === 0 && !h.qemuCompat) {
    h.trapTinst = transformedInstruction(h, instructionBits(h, h.pc), va);
  }
  raiseException(h, cause, va);
}

/** Whether a page translated for `priv` may live in the fast TLB. */
function fastEligible(h: Hart, va: number, pa: number): number {
  const off = h.bus.ramOffset(pa);
  if (off < 0 || h.bus.ioPage[off >>> 12] || h.watch.pages[va >>> 12]) return -1;
  if (!h.pmp.uniformOverPage(pa & ~0xfff)) return -1;
  return off & ~0xfff;
}

function readPhys(h: Hart, pa: number, width: 1 | 2 | 4): number {
  const off = h.bus.ramOffset(pa);
  if (off >= 0 && off + width <= h.bus.ramSize && !h.bus.ioPage[off >>> 12]) {
    const r = h.bus.ram;
    h.bus.fault = false; // callers test it: a fault left by an earlier access must not stick
    if (width === 1) return r[off];
    if (width === 2) return r[off] | (r[off + 1] << 8);
    return r[off] | (r[off + 1] << 8) | (r[off + 2] << 16) | (r[off + 3] << 24);
  }
  if ((pa & (width - 1)) !== 0 && width > 1) {
    let v = 0;
    for (let i = 0; i < width; i++) { v |= h.bus.read(pa + i, 1) << (8 * i); if (h.bus.fault) return 0; }
    return v;
  }
  return h.bus.read(pa, width) | 0;
}

function writePhys(h: Hart, pa: number, width: 1 | 2 | 4, value: number): void {
  const off = h.bus.ramOffset(pa);
  if (off >= 0 && off + width <= h.bus.ramSize && !h.bus.ioPage[off >>> 12]) {
    h.bus.noteWrite(off);
    const r = h.bus.ram;
    r[off] = value;
    if (width >= 2) r[off + 1] = value >>> 8;
    if (width === 4) { r[off + 2] = value >>> 16; r[off + 3] = value >>> 24; }
    h.bus.fault = false;
    if (h.code.hasCode[off >>> 12]) h.code.invalidate(pa, width);
    return;
  }
  if ((pa & (width - 1)) !== 0 && width > 1) {
    for (let i = 0; i < width; i++) { h.bus.write(pa + i, 1, value >>> (8 * i)); if (h.bus.fault) return; }
    return;
  }
  h.bus.write(pa, width, value);
  // A device register changed (mtimecmp, a UART interrupt enable...): end the slice so the
  // scheduler recomputes the next timer deadline and interrupts arrive at the exact tick.
  h.endSlice = true;
  if (!h.bus.fault && off >= 0 && h.code.hasCode[off >>> 12]) h.code.invalidate(pa, width);
}

/** Physical addresses of an access that may cross a page: returns pa of the first byte, sets `secondPa`. */
let secondPa = -1;
function translateSpan(h: Hart, va: number, width: number, access: Access, hlvPriv = -1, hlvx = false): number {
  secondPa = -1;
  const crosses = ((va & 0xfff) + width) > 0x1000;
  const pa = translate(h, va, access, crosses ? 0x1000 - (va & 0xfff) : width, access, hlvPriv, hlvx);
  if (pa < 0 || !crosses) return pa;
  const next = ((va | 0xfff) + 1) | 0;
  secondPa = translate(h, next, access, ((va & 0xfff) + width) - 0x1000, access, hlvPriv, hlvx);
  return secondPa < 0 ? -1 : pa;
}

/**
 * Reads `width` bytes at `va` already translated to `pa` (and `secondPa` when it crosses a page).
 * Returns the raw value, or raises a load access fault on a bus error.
 */
function readSpan(h: Hart, va: number, width: 1 | 2 | 4, pa: number): number {
  if (secondPa < 0) {
    const v = readPhys(h, pa, width);
    if (h.bus.fault) { memoryFault(h, CAUSE.LOAD_ACCESS, va, Access.Read); return 0; }
    return v;
  }
  const first = 0x1000 - (va & 0xfff), second = secondPa;
  let v = 0;
  for (let i = 0; i < width; i++) {
    v |= readPhys(h, i < first ? pa + i : second + i - first, 1) << (8 * i);
    if (h.bus.fault) { memoryFault(h, CAUSE.LOAD_ACCESS, i < first ? va : (va + first) | 0, Access.Read); return 0; }
  }
  return v;
}

/** Writes `width` bytes at `va` translated to `pa`/`secondPa`; raises a store access fault on a bus error. */
function writeSpan(h: Hart, va: number, width: 1 | 2 | 4, pa: number, value: number): void {
  if (secondPa < 0) {
    writePhys(h, pa, width, value);
    if (h.bus.fault) memoryFault(h, CAUSE.STORE_ACCESS, va, Access.Write);
    return;
  }
  // As QEMU: the bytes on the first page are written before the second page faults.
  const first = 0x1000 - (va & 0xfff), second = secondPa;
  for (let i = 0; i < width; i++) {
    writePhys(h, i < first ? pa + i : second + i - first, 1, value >>> (8 * i));
    if (h.bus.fault) { memoryFault(h, CAUSE.STORE_ACCESS, i < first ? va : (va + first) | 0, Access.Write); return; }
  }
}

function extend(v: number, width: 1 | 2 | 4, signed: boolean): number {
  if (width === 1) return signed ? (v << 24) >> 24 : v & 0xff;
  if (width === 2) return signed ? (v << 16) >> 16 : v & 0xffff;
  return v | 0;
}

/**
 * Whether the fast TLB may hold this context's data translations. Not for M-mode accesses made
 * through the two stages (MPRV with MPV): vsatp, hgatp and vsstatus change from V=0 without a
 * fast-TLB flush, and hfence.* need not look at the fast TLB.
 */
function fastDataContext(h: Hart): boolean {
  return h.virt || !h.hasH || (h.mstatush & MSTATUSH.MPV) === 0;
}

/** A load that missed the fast TLB. Returns the value (sign-extended when `signed`). */
export function loadSlow(h: Hart, va: number, width: 1 | 2 | 4, signed: boolean): number {
  const pa = translateSpan(h, va, width, Access.Read);
  if (pa < 0) return 0;
  const crosses = secondPa >= 0;
  const v = readSpan(h, va, width, pa);
  if (h.trapped) return 0;
  if (!crosses && (va & (width - 1)) === 0 && fastDataContext(h)) {
    const fast = fastEligible(h, va, pa);
    if (fast >= 0) { const t = (va >>> 12) & TLB_MASK; h.tlb.rTag[t] = va >>> 12; h.tlb.rOff[t] = fast; }
  }
  if (h.watch.count && h.watch.check(va, width, false, v)) h.stopRequested = true;
  return extend(v, width, signed);
}

/** A store that missed the fast TLB. */
export function storeSlow(h: Hart, va: number, width: 1 | 2 | 4, value: number): void {
  const pa = translateSpan(h, va, width, Access.Write);
  if (pa < 0) return;
  const crosses = secondPa >= 0;
  writeSpan(h, va, width, pa, value);
  if (h.trapped) return;
  if (!crosses && fastDataContext(h)) {
    const fast = fastEligible(h, va, pa);
    if (fast >= 0 && !h.code.hasCode[fast >>> 12]) { const t = (va >>> 12) & TLB_MASK; h.tlb.wTag[t] = va >>> 12; h.tlb.wOff[t] = fast; }
  }
  if (h.watch.count && h.watch.check(va, width, true, value)) h.stopRequested = true;
}

/**
 * HLV.* and HLVX.*: a load as though V=1 at privilege `priv` (hstatus.SPVP). It never touches the
 * fast TLB, which holds the current context's translations, and watchpoints do not see it.
 */
export function hypervisorLoad(h: Hart, va: number, width: 1 | 2 | 4, signed: boolean, priv: number, hlvx: boolean): number {
  const pa = translateSpan(h, va, width, Access.Read, priv, hlvx);
  if (pa < 0) return 0;
  h.trapGva = true; // a bus error's tval is a guest-virtual address too
  const v = readSpan(h, va, width, pa);
  h.trapGva = false;
  return h.trapped ? 0 : extend(v, width, signed);
}

/** HSV.*: a store as though V=1 at privilege `priv` (hstatus.SPVP). */
export function hypervisorStore(h: Hart, va: number, width: 1 | 2 | 4, value: number, priv: number): void {
  const pa = translateSpan(h, va, width, Access.Write, priv, false);
  if (pa < 0) return;
  h.trapGva = true;
  writeSpan(h, va, width, pa, value);
  h.trapGva = false;
}

/**
 * The physical address of an atomic access (LR, SC, AMO): aligned words only. LR needs read
 * permission; SC and AMOs need read and write and report store/AMO causes (misaligned 6, page
 * fault 15, access fault 7). Under qemuCompat an AMO probes as a load first, as QEMU 7.2 does
 * (causes 4, 13, 5 when the read half fails).
 */
export function atomicAddress(h: Hart, va: number, isLoadReserved: boolean): number {
  const loadFirst = isLoadReserved || h.qemuCompat;
  if (va & 3) { memoryFault(h, loadFirst ? CAUSE.MISALIGNED_LOAD : CAUSE.MISALIGNED_STORE, va, Access.Write); return -1; }
  if (isLoadReserved) return translate(h, va, Access.Read, 4);
  // The read half needs R (or MXR with X); its failure is reported as a store/AMO fault.
  if (translate(h, va, Access.Read, 4, h.qemuCompat ? Access.Read : Access.Write) < 0) return -1;
  return translate(h, va, Access.Write, 4);
}

export function atomicRead(h: Hart, va: number, pa: number, isLoad: boolean): number {
  const v = readPhys(h, pa, 4);
  if (h.bus.fault) { memoryFault(h, isLoad || h.qemuCompat ? CAUSE.LOAD_ACCESS : CAUSE.STORE_ACCESS, va, Access.Write); return 0; }
  return v | 0;
}

export function atomicWrite(h: Hart, va: number, pa: number, value: number): void {
  writePhys(h, pa, 4, value);
  if (h.bus.fault) { memoryFault(h, CAUSE.STORE_ACCESS, va, Access.Write); return; }
  if (h.watch.count && h.watch.check(va, 4, true, value)) h.stopRequested = true;
}

/**
 * Translates the fetch address `pc` and returns its decoded page, filling the fetch TLB when the
 * whole page is uniformly executable. Returns null after raising a fetch fault.
 * `h.fetchSingle` is set when the page may not be cached (execute one instruction at a time).
 */
export function fetchPage(h: Hart, pc: number): DecodedPage | null {
  const pa = translate(h, pc, Access.Exec, 2);
  if (pa < 0) return null;
  const off = h.bus.ramOffset(pa);
  if (off < 0) {
    const dev = h.bus.deviceAt(pa);
    if (!dev || !(dev as { executable?: boolean }).executable) { raiseException(h, CAUSE.FETCH_ACCESS, pc); return null; }
  }
  const page = h.code.pageFor(pa & ~0xfff);
  h.fetchSingle = !h.pmp.uniformOverPage(pa & ~0xfff);
  if (!h.fetchSingle) { const t = (pc >>> 12) & TLB_MASK; h.tlb.xTag[t] = pc >>> 12; h.tlb.xPage[t] = page; }
  return page;
}

/** Reads the raw bits of the instruction at `pc` (for mtval on illegal instructions, and mtinst). */
export function instructionBits(h: Hart, pc: number): number {
  const lo = fetchPhysHalf(h, pc);
  if (lo < 0 || (lo & 3) !== 3) return lo < 0 ? 0 : lo;
  const hi = fetchPhysHalf(h, (pc + 2) | 0); // may lie on another page
  return hi < 0 ? 0 : (lo | (hi << 16)) | 0;
}

/** The halfword at fetch address `va` in the current context, without faults (-1: unmapped). */
function fetchPhysHalf(h: Hart, va: number): number {
  const pa = h.virt ? h.gmmu!.translate(va, Access.Exec, h.priv, h.vsatp, h.hgatp, false, false, false)
    : h.priv === PRV_M || (h.satp >>> 31) === 0 ? va >>> 0 : h.mmu.translate(va, Access.Exec, h.priv, h.satp, false, false);
  return pa < 0 ? -1 : h.bus.read(pa, 2);
}
