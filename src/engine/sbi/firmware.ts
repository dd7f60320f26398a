import { CodeCache } from '../cpu/codeCache';
import { csrValue, readCsr, writeCsr } from '../cpu/csrFile';
import { Hart, MSTATUS, PRV_M, PRV_S } from '../cpu/hart';
import { loadSlow } from '../cpu/memoryAccess';
import { CAUSE, redirectTrapToSupervisor } from '../cpu/traps';
import { CSR } from '../isa/csrs';
import type { Bus } from '../machine/bus';
import { IRQ, VIRT } from '../machine/virtLayout';
import { HsmState, RESET_REASON, RESET_TYPE, SUSPEND_NON_RETENTIVE_BIT, sbiCallFromRegisters } from './abi';
import { handleSbiCall } from './dispatch';
import type { SbiEnvironment } from './environment';

/*
 * The built-in SBI firmware: what OpenSBI (fw_dynamic, "generic" platform) does in M-mode on a
 * QEMU virt board, written as host code. No M-mode instruction runs: the hart starts in S-mode,
 * and every trap that would enter M-mode reaches onMachineTrap() through Hart.machineTrapHook.
 *
 * Facts taken from OpenSBI (lib/sbi/sbi_hart.c, sbi_timer.c, sbi_ipi.c, sbi_hsm.c, the 8250 and
 * PLIC drivers), see docs/SBI.md:
 * - mideleg = SSIP|STIP|SEIP; medeleg = misaligned fetch, breakpoint, ecall from U, and the three
 *   page faults (delegate_traps()). Misaligned loads/stores and access faults stay in M-mode:
 *   OpenSBI emulates or redirects them; here they are redirected to S-mode (no misaligned
 *   load/store traps exist on this hart).
 * - mcounteren = all, scounteren = CY|TM|IR, mcountinhibit = all but CY/IR (mstatus_init()).
 * - Hand-off (sbi_hart_switch_mode): S-mode at the entry, a0 = hartid, a1 = device tree,
 *   stvec = entry, sscratch = 0, sie = 0, satp = 0, mstatus after mret: MPIE=1, everything else 0.
 * - mie.MSIE is always on (IPIs); mie.MTIE only while an S-mode timer is armed: the M timer
 *   interrupt clears MTIE and sets mip.STIP; sbi_set_timer writes mtimecmp, clears STIP, sets MTIE.
 * - An M software interrupt (an IPI) clears the CLINT msip and sets mip.SSIP.
 * - ACLINT mtimecmp starts at -1; the UART is initialised as uart8250_init() does (115200 baud
 *   from QEMU's 3.6864 MHz clock: divisor 2, 8N1, FIFO on, MCR 0); PLIC: every enable off and both
 *   thresholds of each hart at 7, so S-mode must lower its threshold to take interrupts.
 * - PMP entry 0 is NAPOT over everything with RWX (there is no firmware region to protect here).
 */

const MIP_SSIP = 1 << IRQ.SSI, MIP_STIP = 1 << IRQ.STI, MIP_SEIP = 1 << IRQ.SEI, MIP_MSIP = 1 << IRQ.MSI, MIP_MTIP = 1 << IRQ.MTI;

/** OpenSBI's delegate_traps() on a hart with S-mode and no H extension. */
export const OPENSBI_MIDELEG = MIP_SSIP | MIP_STIP | MIP_SEIP;
export const OPENSBI_MEDELEG = (1 << CAUSE.MISALIGNED_FETCH) | (1 << CAUSE.BREAKPOINT) | (1 << CAUSE.ECALL_U) |
  (1 << CAUSE.FETCH_PAGE) | (1 << CAUSE.LOAD_PAGE) | (1 << CAUSE.STORE_PAGE);

/** QEMU virt's UART clock (device tree clock-frequency) and OpenSBI's default baud rate. */
const UART_CLOCK_HZ = 3_686_400, UART_BAUD = 115_200;
const UART_DIVISOR = Math.floor((UART_CLOCK_HZ + 8 * UART_BAUD) / (16 * UART_BAUD));
const UART = { RBR_THR: 0, IER: 1, FCR: 2, LCR: 3, MCR: 4, LSR: 5, SCR: 7 } as const;
const LSR_DR = 0x01;

const PLIC_ENABLE_BASE = 0x2000, PLIC_ENABLE_STRIDE = 0x80, PLIC_CONTEXT_BASE = 0x20_0000, PLIC_CONTEXT_STRIDE = 0x1000;
const PLIC_SOURCES = 96;
const CLINT_MTIMECMP = 0x4000;

const FINISHER_PASS = 0x5555, FINISHER_FAIL = 0x3333, FINISHER_RESET = 0x7777;

/** What the firmware needs of the board: its harts and bus (devices at QEMU virt addresses). */
export interface FirmwareBoard {
  readonly harts: readonly Hart[];
  readonly bus: Bus;
  readonly code: CodeCache;
}

interface Suspension { type: number; resumeAddr: number; opaque: number; mideleg: number }

export interface BuiltinSbiState {
  status: number[];
  suspended: (Suspension | null)[];
  calls: number;
}

export class BuiltinSbi implements SbiEnvironment {
  private readonly status: HsmState[];
  private readonly suspended: (Suspension | undefined)[];
  /** SBI calls served since boot (statistics). */
  calls = 0;

  constructor(private readonly board: FirmwareBoard) {
    this.status = board.harts.map(() => HsmState.Stopped);
    this.suspended = board.harts.map(() => undefined);
    for (const h of board.harts) h.machineTrapHook = this.onMachineTrap;
  }

  get hartCount(): number { return this.board.harts.length; }

  /**
   * Cold boot after a machine reset: platform init, then hart 0 enters the supervisor at
   * `entry` with a1 = `fdtAddress`; the other harts stay STOPPED until sbi_hart_start.
   */
  boot(entry: number, fdtAddress: number): void {
    this.calls = 0;
    this.initUart();
    for (let s = 1; s < PLIC_SOURCES; s++) this.bus.write(VIRT.plicBase + 4 * s, 4, 0);
    for (const h of this.board.harts) {
      this.suspended[h.id] = undefined;
      if (h.id === 0) {
        this.status[h.id] = HsmState.Started;
        this.enterSupervisor(h, entry, h.id, fdtAddress);
      } else {
        this.status[h.id] = HsmState.Stopped;
        this.park(h);
      }
    }
  }

  snapshot(): BuiltinSbiState {
    return { status: [...this.status], suspended: this.suspended.map((s) => (s ? { ...s } : null)), calls: this.calls };
  }

  restore(state: unknown): void {
    const s = state as BuiltinSbiState;
    s.status.forEach((v, i) => { this.status[i] = v as HsmState; });
    s.suspended.forEach((v, i) => { this.suspended[i] = v ? { ...v } : undefined; });
    this.calls = s.calls;
  }

  private get bus(): Bus { return this.board.bus; }
  private hart(id: number): Hart { return this.board.harts[id]; }

  // ---- the trap path ----

  /** Hart.machineTrapHook: every trap from S/U-mode that is not delegated. */
  private readonly onMachineTrap = (h: Hart, cause: number, interrupt: boolean, tval: number): boolean => {
    if (h.priv === PRV_M) return false; // no M-mode software runs; nothing to stand in for
    if (interrupt) return this.onInterrupt(h, cause);
    if (cause === CAUSE.ECALL_S) return this.onEcall(h);
    // OpenSBI emulates what it can and redirects the rest to the supervisor (sbi_trap_redirect).
    redirectTrapToSupervisor(h, cause, false, tval, h.pc);
    return true;
  };

  private onInterrupt(h: Hart, cause: number): boolean {
    if (this.suspended[h.id]) { this.wake(h); return true; }
    h.trapCounts[32 + cause]++;
    if (cause === IRQ.MTI) {
      // sbi_timer_process(): the S-mode timer event is due.
      h.mie &= ~MIP_MTIP;
      h.mip |= MIP_STIP;
    } else if (cause === IRQ.MSI) {
      // sbi_ipi_process(): clear the CLINT's msip, deliver the S-mode IPI.
      this.bus.write(VIRT.clintBase + 4 * h.id, 4, 0);
      h.mip |= MIP_SSIP;
    } else {
      h.mie &= ~(1 << cause); // a source this firmware never enables: mask it
    }
    return true;
  }

  private onEcall(h: Hart): boolean {
    h.trapCounts[CAUSE.ECALL_S]++;
    this.calls++;
    const epc = h.pc;
    h.trapped = false;
    const outcome = handleSbiCall(this, h.id, sbiCallFromRegisters(h.x));
    if (h.trapped) return true; // a fault during the call was redirected to the supervisor
    if (outcome.kind === 'return') {
      h.x[10] = outcome.error; h.x[11] = outcome.value; h.pc = (epc + 4) | 0;
    } else if (outcome.kind === 'legacy') {
      h.x[10] = outcome.value; h.pc = (epc + 4) | 0;
    }
    return true;
  }

  // ---- hart life cycle ----

  /** OpenSBI's per-hart init (sbi_hart_init, timer/IPI/irqchip warm init) and the jump to S-mode. */
  private enterSupervisor(h: Hart, addr: number, a0: number, a1: number): void {
    const saved = h.priv;
    h.priv = PRV_M;
    writeCsr(h, CSR.mcounteren, -1);
    writeCsr(h, CSR.scounteren, 7);
    writeCsr(h, CSR.mcountinhibit, 0xfffffff8 | 0);
    writeCsr(h, CSR.pmpaddr0, -1);
    writeCsr(h, CSR.pmpcfg0, 0x1f); // NAPOT | X | W | R
    h.priv = saved;
    h.medeleg = OPENSBI_MEDELEG;
    h.mideleg = OPENSBI_MIDELEG;
    h.mie = MIP_MSIP;
    h.mip &= ~(MIP_SSIP | MIP_STIP);
    this.bus.write(VIRT.clintBase + CLINT_MTIMECMP + 8 * h.id + 4, 4, -1);
    this.bus.write(VIRT.clintBase + CLINT_MTIMECMP + 8 * h.id, 4, -1);
    this.bus.write(VIRT.clintBase + 4 * h.id, 4, 0);
    for (const ctx of [2 * h.id, 2 * h.id + 1]) {
      for (let w = 0; w < PLIC_SOURCES / 32; w++) this.bus.write(VIRT.plicBase + PLIC_ENABLE_BASE + ctx * PLIC_ENABLE_STRIDE + 4 * w, 4, 0);
      this.bus.write(VIRT.plicBase + PLIC_CONTEXT_BASE + ctx * PLIC_CONTEXT_STRIDE, 4, 7);
    }
    this.switchToSupervisor(h, addr, a0, a1);
  }

  /** sbi_hart_switch_mode(a0, a1, addr, PRV_S) and its mret. */
  private switchToSupervisor(h: Hart, addr: number, a0: number, a1: number): void {
    h.x.fill(0);
    h.x[10] = a0; h.x[11] = a1;
    h.stvec = addr; h.sscratch = 0; h.satp = 0;
    h.mie &= ~OPENSBI_MIDELEG; // sie = 0
    h.mstatus = MSTATUS.MPIE; // mret from MPP=S, MPIE=0: MIE=0, MPIE=1, MPP=U; SIE=0
    h.priv = PRV_S;
    h.virt = false; // MPV=0: the program runs in (H)S-mode
    h.pc = addr | 0;
    h.waiting = false;
    h.reservedAddr = -1;
    h.calls.clear();
    h.mmu.flush(undefined, undefined);
    h.contextChanged();
  }

  /** A STOPPED hart: out of S-mode and deaf to interrupts until sbi_hart_start. */
  private park(h: Hart): void {
    h.x.fill(0);
    h.priv = PRV_M;
    h.virt = false;
    h.pc = VIRT.mromBase;
    h.mstatus = 0; h.satp = 0;
    h.mie = 0;
    h.mip &= ~(MIP_SSIP | MIP_STIP);
    h.waiting = true;
    h.reservedAddr = -1;
    h.calls.clear();
    h.contextChanged();
  }

  /**
   * A suspended hart wakes on any interrupt pending in mie, as OpenSBI's wfi does. While it
   * sleeps, mideleg is 0 so that interrupt (even an S-level one) comes here first.
   */
  private wake(h: Hart): void {
    const s = this.suspended[h.id]!;
    this.suspended[h.id] = undefined;
    h.mideleg = s.mideleg;
    this.status[h.id] = HsmState.Started;
    if (s.type & SUSPEND_NON_RETENTIVE_BIT) this.switchToSupervisor(h, s.resumeAddr, h.id, s.opaque);
  }

  // ---- SbiEnvironment ----

  machineId(which: 'mvendorid' | 'marchid' | 'mimpid'): number {
    const h = this.hart(0), saved = h.priv;
    h.priv = PRV_M;
    const ok = readCsr(h, CSR[which]);
    h.priv = saved;
    return ok ? csrValue[0] >>> 0 : 0;
  }

  hartStatus(hart: number): HsmState { return this.status[hart]; }

  isExecutable(addr: number): boolean { return this.bus.ramOffset(addr >>> 0) >= 0; }

  startHart(hart: number, addr: number, opaque: number): void {
    this.status[hart] = HsmState.Started;
    this.enterSupervisor(this.hart(hart), addr, hart, opaque);
  }

  stopHart(hart: number): void {
    this.status[hart] = HsmState.Stopped;
    this.park(this.hart(hart));
  }

  suspendHart(hart: number, type: number, resumeAddr: number, opaque: number): void {
    const h = this.hart(hart);
    this.status[hart] = HsmState.Suspended;
    this.suspended[hart] = { type, resumeAddr, opaque, mideleg: h.mideleg };
    h.mideleg = 0;
    h.waiting = true;
  }

  setTimer(hart: number, lo: number, hi: number): void {
    const cmp = VIRT.clintBase + CLINT_MTIMECMP + 8 * hart;
    this.bus.write(cmp + 4, 4, -1); // no spurious interrupt between the two halves
    this.bus.write(cmp, 4, lo);
    this.bus.write(cmp + 4, 4, hi);
    const h = this.hart(hart);
    h.mip &= ~MIP_STIP;
    h.mie |= MIP_MTIP;
  }

  sendIpi(hart: number): void { this.bus.write(VIRT.clintBase + 4 * hart, 4, 1); }

  clearIpi(hart: number): boolean {
    const h = this.hart(hart), was = (h.mip & MIP_SSIP) !== 0;
    h.mip &= ~MIP_SSIP;
    return was;
  }

  /** The code cache is kept coherent on every store, so fence.i has nothing to do. */
  remoteFenceI(_hart: number): void { /* coherent already */ }

  remoteSfenceVma(hart: number, start: number, size: number | undefined, asid: number | undefined): void {
    const h = this.hart(hart);
    if (size === undefined) h.mmu.flush(undefined, asid);
    else {
      const first = Math.floor((start >>> 0) / 4096), last = Math.floor(((start >>> 0) + Math.max(size, 1) - 1) / 4096);
      for (let page = first; page <= last; page++) h.mmu.flush((page * 4096) | 0, asid);
    }
    h.contextChanged();
  }

  /** The sifive_test finisher, as OpenSBI's reset driver on QEMU virt uses it. */
  systemReset(type: number, reason: number): void {
    const v = type === RESET_TYPE.SHUTDOWN
      ? (reason === RESET_REASON.SYSTEM_FAILURE ? (1 << 16) | FINISHER_FAIL : FINISHER_PASS)
      : FINISHER_RESET;
    this.bus.write(VIRT.testBase, 4, v);
  }

  /** uart8250_putc(): wait for THRE (QEMU's THR is always empty), then write THR. */
  consolePutByte(byte: number): void {
    this.bus.read(VIRT.uart0Base + UART.LSR, 1);
    this.bus.write(VIRT.uart0Base + UART.RBR_THR, 1, byte & 0xff);
  }

  /** uart8250_getc(): RBR when LSR.DR says a byte is there, else -1. */
  consoleGetByte(): number {
    if ((this.bus.read(VIRT.uart0Base + UART.LSR, 1) & LSR_DR) === 0) return -1;
    return this.bus.read(VIRT.uart0Base + UART.RBR_THR, 1);
  }

  readMemory(addr: number, length: number): Uint8Array | undefined {
    if (!this.isRam(addr, length)) return undefined;
    const off = this.bus.ramOffset(addr);
    return this.bus.ram.slice(off, off + length);
  }

  isWritableMemory(addr: number, length: number): boolean { return this.isRam(addr, length); }

  writeMemory(addr: number, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const pa = (addr + i) >>> 0;
      this.bus.write(pa, 1, bytes[i]);
      const off = this.bus.ramOffset(pa);
      if (this.board.code.hasCode[off >>> 12]) this.board.code.invalidate(pa, 1);
    }
  }

  loadSupervisorWord(hart: number, va: number): number | undefined {
    const h = this.hart(hart);
    const v = loadSlow(h, va | 0, 4, false);
    return h.trapped ? undefined : v >>> 0;
  }

  private isRam(addr: number, length: number): boolean {
    const a = addr >>> 0;
    if (length === 0) return true;
    return this.bus.ramOffset(a) >= 0 && this.bus.ramOffset(a + length - 1) >= 0;
  }

  /** uart8250_init() with QEMU virt's clock and OpenSBI's default baud rate. */
  private initUart(): void {
    const u = VIRT.uart0Base, w = (reg: number, v: number): void => this.bus.write(u + reg, 1, v);
    w(UART.IER, 0);
    w(UART.LCR, 0x80);
    w(UART.RBR_THR, UART_DIVISOR & 0xff);
    w(UART.IER, (UART_DIVISOR >>> 8) & 0xff);
    w(UART.LCR, 0x03);
    w(UART.FCR, 0x01);
    w(UART.MCR, 0x00);
    this.bus.read(u + UART.LSR, 1);
    this.bus.read(u + UART.RBR_THR, 1);
    w(UART.SCR, 0);
  }
}

