/** A memory-mapped device on the physical bus. Offsets are relative to `base`. */
export interface MmioDevice {
  readonly name: string;
  readonly base: number;
  readonly size: number;
  /** Returns the value read, zero-extended to `width` bytes. */
  read(offset: number, width: 1 | 2 | 4): number;
  write(offset: number, width: 1 | 2 | 4, value: number): void;
  /** Plain-data state (JSON-safe or typed arrays) for snapshot/restore. */
  snapshot(): unknown;
  restore(state: unknown): void;
}

/** Where a device asserts its interrupt line (the PLIC implements this). */
export interface IrqSink {
  setIrq(line: number, level: boolean): void;
}

/** Bits a device drives in a hart's mip (machine wires CLINT/PLIC to harts through this). */
export interface HartInterruptLines {
  setHartIrq(hartId: number, mipBit: number, level: boolean): void;
}

/** The machine's notion of time: mtime ticks derived from retired instructions by default. */
export interface MachineClock {
  /** Current mtime (10 MHz ticks) as an exact integer-valued double. */
  mtime(): number;
}

/** Events devices report for panes, tracing and tests. */
export type DeviceEvent =
  | { kind: 'uart-tx'; device: string; byte: number }
  | { kind: 'uart-rx'; device: string; byte: number }
  | { kind: 'irq'; device: string; line: number; level: boolean }
  | { kind: 'exit'; device: string; code: number }
  | { kind: 'reset'; device: string };

export type DeviceEventSink = (e: DeviceEvent) => void;
