import { HartInterruptLines, MachineClock, MmioDevice } from './device';
import { IRQ, VIRT } from '../machine/virtLayout';

/*
 * SiFive CLINT as QEMU 7.2's virt board builds it from ACLINT parts (hw/intc/riscv_aclint.c):
 * an MSWI at +0x0000 (msip, one word per hart) and an MTIMER at +0x4000 (mtimecmp, 8 bytes per
 * hart) with mtime at +0xbff8. 64-bit values are kept as two uint32 halves so every value QEMU
 * can hold (mtimecmp = 2^64-1, mtime written with a large high word) stays exact without BigInt.
 */

const MSIP_BASE = 0x0000;
const MTIMECMP_BASE = 0x4000;
const MTIME = 0xbff8;
const TWO32 = 0x1_0000_0000;
/** Above this high-word difference a deadline is beyond 2^53 ticks: treated as never. */
const MAX_DIFF_HI = 0x20_0000;
/** ACLINT allows at most 4095 harts (mtimecmp words up to 0x7ff0 above the MTIMER base). */
const MAX_HARTS = 4095;

export interface ClintState {
  msip: number[]; mtimecmpLo: number[]; mtimecmpHi: number[];
  /** mtime = clock + offset (mod 2^64), offset as uint32 halves. */
  offsetLo: number; offsetHi: number;
  mtip: number[];
}

export class Clint implements MmioDevice {
  readonly name = 'clint';
  readonly size = VIRT.clintSize;
  private readonly msip: Uint8Array;
  private readonly cmpLo: Uint32Array;
  private readonly cmpHi: Uint32Array;
  /** Last MTIP level sent per hart, so lines are driven only on change. */
  private readonly mtip: Uint8Array;
  private offsetLo = 0;
  private offsetHi = 0;
  /** mtime halves computed by sampleMtime() (fields, so reads allocate nothing). */
  private nowLo = 0;
  private nowHi = 0;
  private clockNow = 0;

  constructor(
    readonly base: number,
    readonly harts: number,
    private readonly clock: MachineClock,
    private readonly lines: HartInterruptLines,
  ) {
    if (!Number.isInteger(harts) || harts < 1 || harts > MAX_HARTS) throw new Error(`CLINT: bad hart count ${harts}`);
    this.msip = new Uint8Array(harts);
    this.cmpLo = new Uint32Array(harts);
    this.cmpHi = new Uint32Array(harts);
    this.mtip = new Uint8Array(harts);
    // QEMU 7.2 resets mtimecmp to 0 and evaluates it, so MTIP is already set when the first
    // instruction runs (verified: mip = 0x80 at the entry of a -bios none program).
    this.updateTimers();
  }

  /** Device reset: msip cleared, mtimecmp = 0, mtime offset dropped. */
  reset(): void {
    for (let h = 0; h < this.harts; h++) { this.cmpLo[h] = 0; this.cmpHi[h] = 0; this.setMsip(h, 0); }
    this.offsetLo = 0; this.offsetHi = 0;
    this.mtip.fill(0); // forget the last level sent, so updateTimers() drives every hart again
    this.updateTimers();
  }

  // QEMU accepts only 4-byte (MSWI) or 4/8-byte (MTIMER) accesses and raises an access fault for
  // narrower ones. The bus cannot signal a device fault, so they read 0 and change nothing.
  read(offset: number, width: 1 | 2 | 4): number {
    if (width !== 4 || (offset & 3) !== 0) return 0;
    if (offset < MTIMECMP_BASE) {
      const h = (offset - MSIP_BASE) >>> 2;
      return h < this.harts ? this.msip[h] : 0;
    }
    if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + this.harts * 8) {
      const h = (offset - MTIMECMP_BASE) >>> 3;
      return (offset & 4) === 0 ? this.cmpLo[h] : this.cmpHi[h];
    }
    if (offset === MTIME || offset === MTIME + 4) {
      this.sampleMtime();
      return offset === MTIME ? this.nowLo : this.nowHi;
    }
    return 0; // QEMU logs "invalid read" and returns 0 (no fault)
  }

  write(offset: number, width: 1 | 2 | 4, value: number): void {
    if (width !== 4 || (offset & 3) !== 0) return;
    const v = value >>> 0;
    if (offset < MTIMECMP_BASE) {
      const h = (offset - MSIP_BASE) >>> 2;
      if (h < this.harts) this.setMsip(h, v & 1); // only bit 0 is implemented
      return;
    }
    if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + this.harts * 8) {
      const h = (offset - MTIMECMP_BASE) >>> 3;
      if ((offset & 4) === 0) this.cmpLo[h] = v; else this.cmpHi[h] = v;
      this.evaluateHart(h);
      return;
    }
    if (offset === MTIME || offset === MTIME + 4) {
      // QEMU keeps mtime = clock + delta: writing one half keeps the other half's current value.
      this.sampleMtime();
      const newLo = offset === MTIME ? v : this.nowLo;
      const newHi = offset === MTIME ? this.nowHi : v;
      const clockLo = this.clockNow >>> 0;
      const clockHi = Math.floor(this.clockNow / TWO32);
      let lo = newLo - clockLo, borrow = 0;
      if (lo < 0) { lo += TWO32; borrow = 1; }
      this.offsetLo = lo;
      this.offsetHi = (newHi - clockHi - borrow) >>> 0;
      this.updateTimers(); // QEMU re-evaluates every hart's timer after an mtime write
    }
  }

  /** Current mtime (clock + offset) as a double; exact below 2^53. */
  mtime(): number {
    this.sampleMtime();
    return this.nowHi * TWO32 + this.nowLo;
  }

  /** Re-evaluates MTIP (mtime >= mtimecmp) for every hart; drives lines only on change. */
  updateTimers(): void {
    this.sampleMtime();
    for (let h = 0; h < this.harts; h++) this.driveMtip(h);
  }

  /**
   * The smallest clock tick (without the mtime offset) at which a currently clear MTIP becomes
   * set, or Infinity. A value at or below the clock's current tick means "update now".
   */
  nextTimerDeadline(): number {
    this.sampleMtime();
    let best = Infinity;
    for (let h = 0; h < this.harts; h++) {
      if (this.mtip[h]) continue;
      const diffHi = this.cmpHi[h] - this.nowHi;
      if (diffHi >= MAX_DIFF_HI) continue;
      const deadline = this.clockNow + diffHi * TWO32 + (this.cmpLo[h] - this.nowLo);
      if (deadline < best) best = deadline;
    }
    return best;
  }

  snapshot(): ClintState {
    return {
      msip: Array.from(this.msip), mtimecmpLo: Array.from(this.cmpLo), mtimecmpHi: Array.from(this.cmpHi),
      offsetLo: this.offsetLo, offsetHi: this.offsetHi, mtip: Array.from(this.mtip),
    };
  }

  /** Restores registers silently: the harts' mip bits come back with the harts' own snapshots. */
  restore(state: unknown): void {
    const s = state as ClintState;
    if (s.msip.length !== this.harts) throw new Error(`CLINT: snapshot has ${s.msip.length} harts, machine has ${this.harts}`);
    for (let h = 0; h < this.harts; h++) {
      this.cmpLo[h] = s.mtimecmpLo[h] >>> 0;
      this.cmpHi[h] = s.mtimecmpHi[h] >>> 0;
      this.msip[h] = s.msip[h] & 1;
      this.mtip[h] = s.mtip[h] ? 1 : 0;
    }
    this.offsetLo = s.offsetLo >>> 0;
    this.offsetHi = s.offsetHi >>> 0;
  }

  private setMsip(h: number, bit: number): void {
    if (this.msip[h] === bit) return;
    this.msip[h] = bit;
    this.lines.setHartIrq(h, IRQ.MSI, bit === 1);
  }

  private evaluateHart(h: number): void {
    this.sampleMtime();
    this.driveMtip(h);
  }

  /** Uses the halves from the last sampleMtime(). */
  private driveMtip(h: number): void {
    const hi = this.cmpHi[h], lo = this.cmpLo[h];
    const level = this.nowHi > hi || (this.nowHi === hi && this.nowLo >= lo) ? 1 : 0;
    if (this.mtip[h] === level) return;
    this.mtip[h] = level;
    this.lines.setHartIrq(h, IRQ.MTI, level === 1);
  }

  /** nowLo/nowHi := (clock + offset) mod 2^64. */
  private sampleMtime(): void {
    const c = this.clock.mtime();
    this.clockNow = c;
    let lo = (c >>> 0) + this.offsetLo;
    let carry = 0;
    if (lo >= TWO32) { lo -= TWO32; carry = 1; }
    this.nowLo = lo;
    this.nowHi = (Math.floor(c / TWO32) + this.offsetHi + carry) >>> 0;
  }
}
