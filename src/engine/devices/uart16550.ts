import { DeviceEventSink, IrqSink, MachineClock, MmioDevice } from './device';
import { VIRT } from '../machine/virtLayout';

/*
 * A 16550A UART as QEMU 7.2 models it (hw/char/serial.c, serial_mm with reg-shift 0 on virt).
 * Behaviour checked against qemu-system-riscv32 7.2 with bare-metal probes; the unit tests
 * (test/unit/devices/uart16550.test.ts) pin each observed value.
 */

const IER_RDI = 0x01, IER_THRI = 0x02, IER_RLSI = 0x04, IER_MSI = 0x08;
const IIR_NO_INT = 0x01, IIR_ID = 0x06, IIR_THRI = 0x02, IIR_RDI = 0x04, IIR_RLSI = 0x06, IIR_CTI = 0x0c;
const IIR_MSI = 0x00, IIR_FE = 0xc0;
const LCR_DLAB = 0x80;
const MCR_LOOP = 0x10, MCR_OUT2 = 0x08;
const LSR_DR = 0x01, LSR_OE = 0x02, LSR_BI = 0x10, LSR_THRE = 0x20, LSR_TEMT = 0x40, LSR_INT_ANY = 0x1e;
const MSR_DCD = 0x80, MSR_DSR = 0x20, MSR_CTS = 0x10, MSR_ANY_DELTA = 0x0f;
const FCR_FE = 0x01, FCR_RFR = 0x02, FCR_XFR = 0x04;
const FIFO_LENGTH = 16;
/** virt.c passes 399193 Hz as the UART's baud base (serial_mm_init). */
export const VIRT_UART_BAUDBASE = 399193;
const NS_PER_SECOND = 1_000_000_000;
/** QEMU's reset default: 9600 baud 8N1, (1e9 / 9600) * 10 ns per character. */
const RESET_CHAR_TIME_NS = Math.floor(NS_PER_SECOND / 9600) * 10;
/** Host-queue compaction threshold: drop consumed bytes once this many accumulate. */
const HOST_QUEUE_COMPACT = 4096;

export interface Uart16550State {
  divider: number; rbr: number; ier: number; iir: number; lcr: number; mcr: number;
  lsr: number; msr: number; scr: number; fcr: number; recvFifoItl: number;
  thrIpending: boolean; timeoutIpending: boolean; charTimeNs: number;
  /** mtime tick at which the character-timeout timer fires; null when not armed. */
  timeoutDeadline: number | null;
  irqLevel: boolean; fifo: number[]; hostQueue: number[];
}

export class Uart16550 implements MmioDevice {
  /** QEMU maps 8 << reg-shift bytes; accesses at base+8.. take an access fault, as on QEMU. */
  readonly size = 8;

  private divider = 12;
  private rbr = 0;
  private ier = 0;
  private iir = IIR_NO_INT;
  private lcr = 0;
  private mcr = MCR_OUT2;
  private lsr = LSR_TEMT | LSR_THRE;
  private msr = MSR_DCD | MSR_DSR | MSR_CTS;
  private scr = 0;
  private fcr = 0;
  private recvFifoItl = 1;
  private thrIpending = false;
  private timeoutIpending = false;
  private charTimeNs = RESET_CHAR_TIME_NS;
  private timeoutDeadline = Infinity;
  private irqLevel = false;
  /** Receive FIFO as a ring buffer. */
  private readonly fifo = new Uint8Array(FIFO_LENGTH);
  private fifoHead = 0;
  private fifoCount = 0;
  /** Bytes typed on the host that do not fit the FIFO yet; fed in as it drains (never dropped). */
  private hostQueue: number[] = [];
  private hostHead = 0;

  /**
   * `clock` (optional) times the FIFO character-timeout indication; the machine must then call
   * updateTimers() when mtime reaches nextTimerDeadline(). Without a clock the timeout fires at
   * the next updateTimers() call.
   */
  constructor(
    readonly name: string,
    readonly base: number,
    private readonly irq: IrqSink,
    private readonly irqLine: number,
    private readonly events: DeviceEventSink,
    private readonly clock?: MachineClock,
    private readonly baudbase = VIRT_UART_BAUDBASE,
  ) {}

  /** QEMU serial_reset(): the power-on register values. */
  reset(): void {
    this.divider = 12; this.rbr = 0; this.ier = 0; this.iir = IIR_NO_INT; this.lcr = 0;
    this.mcr = MCR_OUT2; this.lsr = LSR_TEMT | LSR_THRE; this.msr = MSR_DCD | MSR_DSR | MSR_CTS;
    this.scr = 0; this.fcr = 0; this.recvFifoItl = 1; this.thrIpending = false;
    this.timeoutIpending = false; this.charTimeNs = RESET_CHAR_TIME_NS; this.timeoutDeadline = Infinity;
    this.fifoHead = 0; this.fifoCount = 0;
    this.setIrqLevel(false);
    this.pump();
  }

  // 16550 registers are bytes. QEMU 7.2's serial_mm_read/write pass any access width through as
  // one byte-register access at that offset: a wider read returns the register zero-extended,
  // a wider write uses the low byte (verified: lw at MCR returns 0x00000008).
  read(offset: number, _width: 1 | 2 | 4): number {
    switch (offset & 7) {
      case 0: return this.dlab() ? this.divider & 0xff : this.readRbr();
      case 1: return this.dlab() ? (this.divider >>> 8) & 0xff : this.ier;
      case 2: {
        const ret = this.iir;
        // Reading IIR while it reports THRE acknowledges that interrupt.
        if ((ret & IIR_ID) === IIR_THRI) { this.thrIpending = false; this.updateIrq(); }
        return ret;
      }
      case 3: return this.lcr;
      case 4: return this.mcr;
      case 5: {
        const ret = this.lsr;
        // Reading LSR clears break and overrun (and so the line-status interrupt).
        if (this.lsr & (LSR_BI | LSR_OE)) { this.lsr &= ~(LSR_BI | LSR_OE); this.updateIrq(); }
        return ret;
      }
      case 6:
        if (this.mcr & MCR_LOOP) {
          // Loopback wires OUT2->DCD, OUT1->RI, RTS->CTS, DTR->DSR.
          return ((this.mcr & 0x0c) << 4) | ((this.mcr & 0x02) << 3) | ((this.mcr & 0x01) << 5);
        }
        if (this.msr & MSR_ANY_DELTA) { const ret = this.msr; this.msr &= 0xf0; this.updateIrq(); return ret; }
        return this.msr;
      default: return this.scr;
    }
  }

  write(offset: number, _width: 1 | 2 | 4, value: number): void {
    const val = value & 0xff;
    switch (offset & 7) {
      case 0:
        if (this.dlab()) { this.divider = (this.divider & 0xff00) | val; this.updateParameters(); }
        else this.writeThr(val);
        return;
      case 1:
        if (this.dlab()) { this.divider = (this.divider & 0x00ff) | (val << 8); this.updateParameters(); return; }
        this.writeIer(val);
        return;
      case 2: this.writeFcr(val); return;
      case 3: this.lcr = val; this.updateParameters(); return;
      case 4: this.mcr = val & 0x1f; return;
      case 5: case 6: return; // LSR and MSR are read-only
      default: this.scr = val; return;
    }
  }

  /** Bytes typed on the user's terminal: queued on the host side and fed in as the FIFO drains. */
  receive(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.hostQueue.push(bytes[i] & 0xff);
    this.pump();
  }

  /** Input bytes not yet read by the guest: the host-side queue plus the receiver (FIFO or RBR). */
  rxQueued(): number {
    const inReceiver = this.fcr & FCR_FE ? this.fifoCount : (this.lsr & LSR_DR ? 1 : 0);
    return this.hostQueue.length - this.hostHead + inReceiver;
  }

  /** Fires the FIFO character timeout once mtime has reached its deadline. */
  updateTimers(): void {
    if (this.timeoutDeadline === Infinity || this.now() < this.timeoutDeadline) return;
    this.timeoutDeadline = Infinity;
    if (this.fifoCount > 0) { this.timeoutIpending = true; this.updateIrq(); }
  }

  /** mtime tick at which updateTimers() has work to do, or Infinity. */
  nextTimerDeadline(): number { return this.timeoutDeadline; }

  snapshot(): Uart16550State {
    const fifo: number[] = [];
    for (let i = 0; i < this.fifoCount; i++) fifo.push(this.fifo[(this.fifoHead + i) % FIFO_LENGTH]);
    return {
      divider: this.divider, rbr: this.rbr, ier: this.ier, iir: this.iir, lcr: this.lcr, mcr: this.mcr,
      lsr: this.lsr, msr: this.msr, scr: this.scr, fcr: this.fcr, recvFifoItl: this.recvFifoItl,
      thrIpending: this.thrIpending, timeoutIpending: this.timeoutIpending, charTimeNs: this.charTimeNs,
      timeoutDeadline: this.timeoutDeadline === Infinity ? null : this.timeoutDeadline,
      irqLevel: this.irqLevel, fifo, hostQueue: this.hostQueue.slice(this.hostHead),
    };
  }

  restore(state: unknown): void {
    const s = state as Uart16550State;
    this.divider = s.divider; this.rbr = s.rbr; this.ier = s.ier; this.iir = s.iir; this.lcr = s.lcr;
    this.mcr = s.mcr; this.lsr = s.lsr; this.msr = s.msr; this.scr = s.scr; this.fcr = s.fcr;
    this.recvFifoItl = s.recvFifoItl; this.thrIpending = s.thrIpending; this.timeoutIpending = s.timeoutIpending;
    this.charTimeNs = s.charTimeNs; this.timeoutDeadline = s.timeoutDeadline === null ? Infinity : s.timeoutDeadline;
    this.irqLevel = s.irqLevel;
    this.fifoHead = 0; this.fifoCount = Math.min(s.fifo.length, FIFO_LENGTH);
    for (let i = 0; i < this.fifoCount; i++) this.fifo[i] = s.fifo[i] & 0xff;
    this.hostQueue = s.hostQueue.slice(); this.hostHead = 0;
  }

  // ---- registers with side effects ----

  private dlab(): boolean { return (this.lcr & LCR_DLAB) !== 0; }

  private readRbr(): number {
    let ret: number;
    if (this.fcr & FCR_FE) {
      ret = this.fifoCount === 0 ? 0 : this.fifoPop();
      if (this.fifoCount === 0) this.lsr &= ~(LSR_DR | LSR_BI);
      else this.armTimeout(); // QEMU re-arms the 4-character timeout while data remains
      this.timeoutIpending = false;
    } else {
      ret = this.rbr;
      this.lsr &= ~(LSR_DR | LSR_BI);
    }
    this.updateIrq();
    this.pump();
    return ret;
  }

  private writeThr(val: number): void {
    // QEMU transmits at once: THRE/TEMT drop and come straight back, and the THRE interrupt is
    // re-raised after every THR write (serial_xmit sets thr_ipending again). The momentary
    // lower in between is invisible to the guest and a no-op for the 7.2 PLIC, so it is skipped.
    this.lsr |= LSR_THRE;
    this.thrIpending = true;
    this.updateIrq();
    if (this.mcr & MCR_LOOP) this.receiveBytes(null, val, 1);
    else this.events({ kind: 'uart-tx', device: this.name, byte: val });
    this.lsr |= LSR_TEMT;
  }

  private writeIer(val: number): void {
    const changed = (this.ier ^ val) & 0x0f;
    this.ier = val & 0x0f;
    // Enabling THRI samples LSR.THRE even if the interrupt was acknowledged before (only on a
    // change of the THRI bit, as QEMU/Bochs do; Windows relies on it).
    if (changed & IER_THRI) this.thrIpending = (this.ier & IER_THRI) !== 0 && (this.lsr & LSR_THRE) !== 0;
    if (changed) this.updateIrq();
  }

  private writeFcr(value: number): void {
    let val = value;
    // Toggling FIFO enable flushes both FIFOs.
    if ((val ^ this.fcr) & FCR_FE) val |= FCR_XFR | FCR_RFR;
    if (val & FCR_RFR) {
      this.lsr &= ~(LSR_DR | LSR_BI);
      this.timeoutDeadline = Infinity;
      this.timeoutIpending = false;
      this.fifoHead = 0; this.fifoCount = 0;
    }
    if (val & FCR_XFR) { this.lsr |= LSR_THRE; this.thrIpending = true; }
    this.fcr = val & 0xc9;
    if (this.fcr & FCR_FE) {
      this.iir |= IIR_FE;
      this.recvFifoItl = ITL_BYTES[(this.fcr >>> 6) & 3];
    } else {
      this.iir &= ~IIR_FE;
    }
    this.updateIrq();
    this.pump();
  }

  /** QEMU serial_update_parameters: the character time that paces the FIFO timeout. */
  private updateParameters(): void {
    if (this.divider === 0 || this.divider > this.baudbase) return;
    const lcr = this.lcr;
    const frame = 1 + (lcr & 0x08 ? 1 : 0) + (lcr & 0x03) + 5 + (lcr & 0x04 ? 2 : 1);
    const speed = Math.floor(this.baudbase / this.divider);
    this.charTimeNs = Math.floor(NS_PER_SECOND / speed) * frame;
  }

  // ---- receive path ----

  /** QEMU serial_can_receive: how many bytes the chardev may hand over now. */
  private canReceive(): number {
    if (this.fcr & FCR_FE) {
      if (this.fifoCount >= FIFO_LENGTH) return 0;
      // Advertise up to the trigger level, then one at a time (QEMU avoids overriding the ITL).
      return this.fifoCount <= this.recvFifoItl ? this.recvFifoItl - this.fifoCount : 1;
    }
    return this.lsr & LSR_DR ? 0 : 1;
  }

  /** Moves host-queued bytes into the receiver while it accepts them, as QEMU's chardev does. */
  private pump(): void {
    while (this.hostHead < this.hostQueue.length) {
      const n = Math.min(this.canReceive(), this.hostQueue.length - this.hostHead);
      if (n <= 0) break;
      this.receiveBytes(this.hostQueue, this.hostHead, n);
      this.hostHead += n;
    }
    if (this.hostHead === this.hostQueue.length) { this.hostQueue.length = 0; this.hostHead = 0; }
    else if (this.hostHead >= HOST_QUEUE_COMPACT) { this.hostQueue.splice(0, this.hostHead); this.hostHead = 0; }
  }

  /**
   * QEMU serial_receive1: `count` bytes from `src` starting at `start` (or the single byte
   * `start` when src is null, for loopback).
   */
  private receiveBytes(src: number[] | null, start: number, count: number): void {
    if (this.fcr & FCR_FE) {
      for (let i = 0; i < count; i++) {
        const b = src ? src[start + i] : start;
        this.events({ kind: 'uart-rx', device: this.name, byte: b });
        // Overruns do not overwrite FIFO contents.
        if (this.fifoCount < FIFO_LENGTH) this.fifoPush(b); else this.lsr |= LSR_OE;
      }
      this.lsr |= LSR_DR;
      this.armTimeout();
    } else {
      const b = src ? src[start] : start;
      this.events({ kind: 'uart-rx', device: this.name, byte: b });
      if (this.lsr & LSR_DR) this.lsr |= LSR_OE;
      this.rbr = b;
      this.lsr |= LSR_DR;
    }
    this.updateIrq();
  }

  private fifoPush(b: number): void {
    this.fifo[(this.fifoHead + this.fifoCount) % FIFO_LENGTH] = b;
    this.fifoCount++;
  }

  private fifoPop(): number {
    const b = this.fifo[this.fifoHead];
    this.fifoHead = (this.fifoHead + 1) % FIFO_LENGTH;
    this.fifoCount--;
    return b;
  }

  /** The character-timeout indication fires 4 character times after the last FIFO activity. */
  private armTimeout(): void {
    if (!this.clock) { this.timeoutDeadline = 0; return; }
    const ticks = Math.ceil((this.charTimeNs * 4 * VIRT.timebaseHz) / NS_PER_SECOND);
    this.timeoutDeadline = this.clock.mtime() + ticks;
  }

  private now(): number { return this.clock ? this.clock.mtime() : 0; }

  // ---- interrupt ----

  /** QEMU serial_update_irq: recompute IIR by priority and drive the line. */
  private updateIrq(): void {
    const ier = this.ier, lsr = this.lsr;
    let id = IIR_NO_INT;
    if ((ier & IER_RLSI) && (lsr & LSR_INT_ANY)) id = IIR_RLSI;
    // The timeout indication is masked by IER.RDI (QEMU: "observed on existing hardware").
    else if ((ier & IER_RDI) && this.timeoutIpending) id = IIR_CTI;
    else if ((ier & IER_RDI) && (lsr & LSR_DR) && (!(this.fcr & FCR_FE) || this.fifoCount >= this.recvFifoItl)) id = IIR_RDI;
    else if ((ier & IER_THRI) && this.thrIpending) id = IIR_THRI;
    else if ((ier & IER_MSI) && (this.msr & MSR_ANY_DELTA)) id = IIR_MSI;
    this.iir = id | (this.iir & 0xf0);
    this.setIrqLevel(id !== IIR_NO_INT);
  }

  /**
   * Like QEMU's qemu_irq_raise, a raise is sent on every update that finds an interrupt active
   * (the 7.2 PLIC latches pending on each raise); a lower is sent only on a change.
   */
  private setIrqLevel(level: boolean): void {
    const changed = level !== this.irqLevel;
    this.irqLevel = level;
    if (level || changed) this.irq.setIrq(this.irqLine, level);
    if (changed) this.events({ kind: 'irq', device: this.name, line: this.irqLine, level });
  }
}

/** FCR bits 7:6 -> receive trigger level in bytes (16550A). */
const ITL_BYTES = [1, 4, 8, 14] as const;
