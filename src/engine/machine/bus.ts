import { MmioDevice } from '../devices/device';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;

/**
 * The physical address space: one DRAM region backed by typed-array views, plus MMIO devices.
 * Host is little-endian (as every Node target is), so the word views read guest words directly.
 * A RAM page overlaid by a device (HTIF tohost) is marked in `ioPage` so the CPU never caches it
 * in a fast TLB entry.
 */
export class Bus {
  readonly ram: Uint8Array;
  readonly ram16: Uint16Array;
  readonly ram32: Int32Array;
  readonly ramI8: Int8Array;
  readonly ramI16: Int16Array;
  readonly ramBase: number;
  readonly ramSize: number;
  /** 1 where a RAM page has a device overlay and must take the slow path. */
  readonly ioPage: Uint8Array;
  private devices: MmioDevice[] = [];
  /**
   * Time travel's dirty tracking: 1 where a RAM page has not been written since the last
   * checkpoint. The first write to such a page calls onFirstWrite before it lands.
   */
  pageClean: Uint8Array | null = null;
  onFirstWrite: ((page: number) => void) | null = null;
  /** Set by read/write when nothing answers at the address (an access fault). */
  fault = false;

  constructor(ramBase: number, ramSize: number) {
    if (ramSize % PAGE_SIZE !== 0) throw new Error(`memory size ${ramSize} is not a multiple of 4 KiB`);
    this.ramBase = ramBase >>> 0;
    this.ramSize = ramSize;
    const buf = new ArrayBuffer(ramSize);
    this.ram = new Uint8Array(buf);
    this.ram16 = new Uint16Array(buf);
    this.ram32 = new Int32Array(buf);
    this.ramI8 = new Int8Array(buf);
    this.ramI16 = new Int16Array(buf);
    this.ioPage = new Uint8Array(ramSize >>> PAGE_SHIFT);
  }

  addDevice(dev: MmioDevice): void {
    this.devices.push(dev);
    // Overlays on RAM force every access to that page through the device check.
    const start = dev.base >>> 0, end = start + dev.size;
    for (let a = start & ~(PAGE_SIZE - 1); a < end; a += PAGE_SIZE) {
      const off = a - this.ramBase;
      if (off >= 0 && off < this.ramSize) this.ioPage[off >>> PAGE_SHIFT] = 1;
    }
  }

  listDevices(): readonly MmioDevice[] { return this.devices; }

  /** Every write into RAM outside the CPU's fast path calls this first (offset into `ram`). */
  noteWrite(off: number): void {
    const clean = this.pageClean;
    if (clean !== null && clean[off >>> PAGE_SHIFT]) { clean[off >>> PAGE_SHIFT] = 0; this.onFirstWrite!(off >>> PAGE_SHIFT); }
  }

  /** Byte offset into `ram` of a physical address, or -1 when the address is not plain RAM. */
  ramOffset(pa: number): number {
    const off = ((pa >>> 0) - this.ramBase);
    return off >= 0 && off < this.ramSize ? off : -1;
  }

  /** The device decoding `pa`, if any. */
  deviceAt(pa: number): MmioDevice | undefined {
    const a = pa >>> 0;
    for (let i = 0; i < this.devices.length; i++) {
      const d = this.devices[i];
      if (a >= d.base && a - d.base < d.size) return d;
    }
    return undefined;
  }

  /** Reads `width` bytes (little-endian, zero-extended). Sets `fault` when nothing is mapped. */
  read(pa: number, width: 1 | 2 | 4): number {
    this.fault = false;
    pa >>>= 0;
    const dev = this.deviceAt(pa);
    if (dev && pa + width - dev.base <= dev.size) return dev.read(pa - dev.base, width) >>> 0;
    const off = this.ramOffset(pa);
    if (off >= 0 && off + width <= this.ramSize) {
      const r = this.ram;
      if (width === 1) return r[off];
      if (width === 2) return r[off] | (r[off + 1] << 8);
      return (r[off] | (r[off + 1] << 8) | (r[off + 2] << 16) | (r[off + 3] << 24)) >>> 0;
    }
    this.fault = true;
    return 0;
  }

  /** Writes `width` bytes (little-endian). Sets `fault` when nothing is mapped. */
  write(pa: number, width: 1 | 2 | 4, value: number): void {
    this.fault = false;
    pa >>>= 0;
    const dev = this.deviceAt(pa);
    if (dev && pa + width - dev.base <= dev.size) { dev.write(pa - dev.base, width, value); return; }
    const off = this.ramOffset(pa);
    if (off >= 0 && off + width <= this.ramSize) {
      this.noteWrite(off);
      const r = this.ram;
      r[off] = value;
      if (width >= 2) r[off + 1] = value >>> 8;
      if (width === 4) { r[off + 2] = value >>> 16; r[off + 3] = value >>> 24; }
      return;
    }
    this.fault = true;
  }

  /** Copies bytes into physical memory (RAM or ROM-like devices), for loaders. */
  load(pa: number, bytes: Uint8Array): void {
    const off = this.ramOffset(pa);
    if (off >= 0 && off + bytes.length <= this.ramSize) {
      for (let p = off & ~(PAGE_SIZE - 1); p < off + bytes.length; p += PAGE_SIZE) this.noteWrite(p);
      this.ram.set(bytes, off);
      return;
    }
    for (let i = 0; i < bytes.length; i++) {
      this.write(pa + i, 1, bytes[i]);
      if (this.fault) throw new Error(`cannot load ${bytes.length} bytes at 0x${(pa >>> 0).toString(16)}: address 0x${((pa + i) >>> 0).toString(16)} is not memory`);
    }
  }
}
