import { HartInterruptLines, IrqSink, MmioDevice } from './device';
import { IRQ, VIRT } from '../machine/virtLayout';

/*
 * The SiFive PLIC exactly as QEMU 7.2's virt board configures it (hw/intc/sifive_plic.c,
 * include/hw/riscv/virt.h), checked with bare-metal probes on qemu-system-riscv32 7.2:
 * - VIRT_IRQCHIP_NUM_SOURCES = 96 "including source 0": sources 1..95 can interrupt.
 * - VIRT_IRQCHIP_NUM_PRIO_BITS = 3: priorities and thresholds are WARL, value % 8.
 * - VIRT_PLIC_PRIORITY_BASE = 0x04: source n's priority is at 4*n; offset 0 (source 0) is not a
 *   register. The range runs to 0x183, so a 97th register at 0x180 ("source 96", one past the
 *   pending bitmap) stores and reads back a value but can never interrupt (QEMU reads it, too).
 * - Two contexts per hart ("MS" hart config): context 2h drives mip.MEIP, 2h+1 mip.SEIP.
 * - Pending is latched on each raise of a line and cleared only by a claim: lowering a line does
 *   not clear it, and a completion does not re-pend a source whose line is still high. Devices
 *   therefore raise their line every time they re-evaluate their interrupt as active, as QEMU's
 *   devices do (serial_update_irq calls qemu_irq_raise on every update).
 */

export const PLIC_NUM_SOURCES = 96;
export const PLIC_NUM_PRIORITIES = 7;
const WORDS = (PLIC_NUM_SOURCES + 31) >>> 5;
const PRIORITY_BASE = 0x4;
const PENDING_BASE = 0x1000;
const ENABLE_BASE = 0x2000;
const ENABLE_STRIDE = 0x80;
const CONTEXT_BASE = 0x20_0000;
const CONTEXT_STRIDE = 0x1000;

export interface PlicState {
  priority: number[]; pending: number[]; claimed: number[]; enable: number[]; threshold: number[];
  /** Input line levels as last reported by devices (for panes; not used for pending). */
  level: number[];
  /** Last level sent on each context's hart line. */
  output: number[];
}

export class Plic implements MmioDevice, IrqSink {
  readonly name = 'plic';
  readonly size = VIRT.plicSize;
  readonly contexts: number;
  /** Index = source number; 1..96 are registers (96 has no pending bit, see above). */
  private readonly priority = new Uint32Array(PLIC_NUM_SOURCES + 1);
  private readonly pending = new Uint32Array(WORDS);
  private readonly claimed = new Uint32Array(WORDS);
  private readonly level = new Uint32Array(WORDS);
  private readonly enable: Uint32Array;
  private readonly threshold: Uint32Array;
  private readonly output: Uint8Array;

  constructor(readonly base: number, readonly harts: number, private readonly lines: HartInterruptLines) {
    this.contexts = harts * 2;
    if (!Number.isInteger(harts) || harts < 1 || CONTEXT_BASE + this.contexts * CONTEXT_STRIDE > this.size) {
      throw new Error(`PLIC: bad hart count ${harts}`);
    }
    this.enable = new Uint32Array(WORDS * this.contexts);
    this.threshold = new Uint32Array(this.contexts);
    this.output = new Uint8Array(this.contexts);
  }

  /** Device reset: every register zero, every hart line lowered. */
  reset(): void {
    this.priority.fill(0); this.pending.fill(0); this.claimed.fill(0);
    this.enable.fill(0); this.threshold.fill(0);
    this.update();
  }

  /**
   * A device's interrupt line. A raise (level true) sets the source pending, every time it is
   * called; a lower changes nothing but the recorded level (QEMU 7.2 behaviour, see above).
   */
  setIrq(line: number, level: boolean): void {
    if (line <= 0 || line >= PLIC_NUM_SOURCES || !Number.isInteger(line)) {
      throw new Error(`PLIC: interrupt line ${line} is outside 1..${PLIC_NUM_SOURCES - 1}`);
    }
    const w = line >>> 5, bit = 1 << (line & 31);
    if (level) {
      this.level[w] |= bit;
      this.pending[w] |= bit;
      this.update();
    } else {
      this.level[w] &= ~bit;
    }
  }

  /** Whether a source is pending (for panes and tests). */
  isPending(source: number): boolean { return ((this.pending[source >>> 5] >>> (source & 31)) & 1) === 1; }

  /** The source a claim from context `ctx` would return now (0: none); reads only, for panes. */
  claimable(ctx: number): number { return ctx >= 0 && ctx < this.contexts ? this.best(ctx) : 0; }

  // QEMU accepts only 4-byte accesses (narrower ones take an access fault there); here they
  // read 0 with no side effect (no claim) and writes are ignored.
  read(offset: number, width: 1 | 2 | 4): number {
    if (width !== 4) return 0;
    const off = offset >>> 0;
    if (off >= PRIORITY_BASE && off - PRIORITY_BASE < PLIC_NUM_SOURCES << 2) {
      return this.priority[((off - PRIORITY_BASE) >>> 2) + 1];
    }
    if (off >= PENDING_BASE && off - PENDING_BASE < PLIC_NUM_SOURCES >>> 3) {
      return this.pending[(off - PENDING_BASE) >>> 2];
    }
    if (off >= ENABLE_BASE && off - ENABLE_BASE < this.contexts * ENABLE_STRIDE) {
      const ctx = ((off - ENABLE_BASE) / ENABLE_STRIDE) | 0;
      const word = (off & (ENABLE_STRIDE - 1)) >>> 2;
      return word < WORDS ? this.enable[ctx * WORDS + word] : 0;
    }
    if (off >= CONTEXT_BASE && off - CONTEXT_BASE < this.contexts * CONTEXT_STRIDE) {
      const ctx = ((off - CONTEXT_BASE) / CONTEXT_STRIDE) | 0;
      const reg = off & (CONTEXT_STRIDE - 1);
      if (reg === 0) return this.threshold[ctx];
      if (reg === 4) return this.claim(ctx);
    }
    return 0; // QEMU logs "Invalid register read" and returns 0 (no fault)
  }

  write(offset: number, width: 1 | 2 | 4, value: number): void {
    if (width !== 4) return;
    const off = offset >>> 0, v = value >>> 0;
    if (off >= PRIORITY_BASE && off - PRIORITY_BASE < PLIC_NUM_SOURCES << 2) {
      this.priority[((off - PRIORITY_BASE) >>> 2) + 1] = v % (PLIC_NUM_PRIORITIES + 1);
      this.update();
      return;
    }
    if (off >= PENDING_BASE && off - PENDING_BASE < PLIC_NUM_SOURCES >>> 3) return; // read-only
    if (off >= ENABLE_BASE && off - ENABLE_BASE < this.contexts * ENABLE_STRIDE) {
      const ctx = ((off - ENABLE_BASE) / ENABLE_STRIDE) | 0;
      const word = (off & (ENABLE_STRIDE - 1)) >>> 2;
      // The whole word is stored, bit 0 (source 0) included, as QEMU does. Like QEMU, an
      // enable write does not re-evaluate the hart lines until the next PLIC update.
      if (word < WORDS) this.enable[ctx * WORDS + word] = v;
      return;
    }
    if (off >= CONTEXT_BASE && off - CONTEXT_BASE < this.contexts * CONTEXT_STRIDE) {
      const ctx = ((off - CONTEXT_BASE) / CONTEXT_STRIDE) | 0;
      const reg = off & (CONTEXT_STRIDE - 1);
      if (reg === 0) {
        this.threshold[ctx] = v % (PLIC_NUM_PRIORITIES + 1);
        this.update();
      } else if (reg === 4 && v < PLIC_NUM_SOURCES) {
        // Completion clears the claimed bit of any source id below 96, from any context.
        this.claimed[v >>> 5] &= ~(1 << (v & 31));
        this.update();
      }
    }
  }

  snapshot(): PlicState {
    return {
      priority: Array.from(this.priority), pending: Array.from(this.pending), claimed: Array.from(this.claimed),
      enable: Array.from(this.enable), threshold: Array.from(this.threshold), level: Array.from(this.level),
      output: Array.from(this.output),
    };
  }

  /** Restores registers silently: the harts' mip bits come back with the harts' own snapshots. */
  restore(state: unknown): void {
    const s = state as PlicState;
    if (s.threshold.length !== this.contexts) {
      throw new Error(`PLIC: snapshot has ${s.threshold.length} contexts, machine has ${this.contexts}`);
    }
    this.priority.set(s.priority); this.pending.set(s.pending); this.claimed.set(s.claimed);
    this.enable.set(s.enable); this.threshold.set(s.threshold); this.level.set(s.level); this.output.set(s.output);
  }

  /** The best pending, enabled, unclaimed source above the context's threshold; 0 if none. */
  private best(ctx: number): number {
    let bestIrq = 0;
    let bestPrio = this.threshold[ctx];
    for (let w = 0; w < WORDS; w++) {
      let bits = this.pending[w] & ~this.claimed[w] & this.enable[ctx * WORDS + w];
      while (bits !== 0) {
        const j = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        const irq = (w << 5) + j;
        // Strictly greater: on equal priority the lowest source number wins.
        if (this.priority[irq] > bestPrio) { bestIrq = irq; bestPrio = this.priority[irq]; }
      }
    }
    return bestIrq;
  }

  private claim(ctx: number): number {
    const irq = this.best(ctx);
    if (irq !== 0) {
      this.pending[irq >>> 5] &= ~(1 << (irq & 31));
      this.claimed[irq >>> 5] |= 1 << (irq & 31);
    }
    this.update();
    return irq;
  }

  /** Drives each context's external-interrupt bit (M: MEIP, S: SEIP) where it changed. */
  private update(): void {
    for (let ctx = 0; ctx < this.contexts; ctx++) {
      const level = this.best(ctx) !== 0 ? 1 : 0;
      if (this.output[ctx] === level) continue;
      this.output[ctx] = level;
      this.lines.setHartIrq(ctx >>> 1, (ctx & 1) === 0 ? IRQ.MEI : IRQ.SEI, level === 1);
    }
  }
}
