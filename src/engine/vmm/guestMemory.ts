import type { CodeCache } from '../cpu/codeCache';
import type { Bus } from '../machine/bus';
import { HostFramePool } from './hostFrames';

/**
 * One VM's guest-physical RAM: the P2M (guest page -> host frame) and its backing. Frames are
 * taken from the host pool on first use (or all at boot, `eager`), so a VM costs only what it
 * touches. Every paging mode (nested, shadow, paravirt) projects this map into hardware tables;
 * the P2M itself is the truth.
 */
export class GuestMemory {
  /** Host frame address per guest page of RAM, or -1 while unbacked. */
  readonly p2m: Float64Array;
  private backed = 0;

  constructor(
    readonly vmId: number,
    /** Guest-physical base and size of RAM. */
    readonly base: number,
    readonly size: number,
    private readonly pool: HostFramePool,
    private readonly bus: Bus,
    private readonly code: CodeCache,
  ) {
    this.p2m = new Float64Array(size / 4096).fill(-1);
  }

  /** Pages backed by host frames. */
  get backedPages(): number { return this.backed; }

  /** Whether guest-physical `gpa` is RAM of this VM. */
  isRam(gpa: number): boolean { return gpa >= this.base && gpa < this.base + this.size; }

  /** The host address backing `gpa`, or -1 when the page is not backed (or not RAM). */
  hostAddress(gpa: number): number {
    if (!this.isRam(gpa)) return -1;
    const f = this.p2m[Math.floor((gpa - this.base) / 4096)];
    return f < 0 ? -1 : f + (gpa % 4096);
  }

  /**
   * Backs the page of `gpa` with a zeroed host frame if it has none. Returns the frame's host
   * address, or -1 when `gpa` is not RAM or host memory is exhausted.
   */
  back(gpa: number): number {
    if (!this.isRam(gpa)) return -1;
    const i = Math.floor((gpa - this.base) / 4096);
    if (this.p2m[i] >= 0) return this.p2m[i];
    const frame = this.pool.allocate(this.vmId);
    if (frame < 0) return -1;
    this.storeHost(frame, ZERO_PAGE);
    this.p2m[i] = frame;
    this.backed++;
    return frame;
  }

  /** Copies bytes into guest-physical memory, backing pages as needed. False if any byte is not RAM. */
  write(gpa: number, data: Uint8Array): boolean {
    for (let done = 0; done < data.length;) {
      const a = gpa + done, frame = this.back(a);
      if (frame < 0) return false;
      const n = Math.min(data.length - done, 4096 - (a % 4096));
      this.storeHost(frame + (a % 4096), data.subarray(done, done + n));
      done += n;
    }
    return true;
  }

  /** Reads guest-physical memory; unbacked RAM reads as zero. Undefined if any byte is not RAM. */
  read(gpa: number, length: number): Uint8Array | undefined {
    const out = new Uint8Array(length);
    for (let done = 0; done < length;) {
      const a = gpa + done;
      if (!this.isRam(a)) return undefined;
      const n = Math.min(length - done, 4096 - (a % 4096));
      const hpa = this.hostAddress(a);
      if (hpa >= 0) out.set(this.bus.ram.subarray(this.bus.ramOffset(hpa), this.bus.ramOffset(hpa) + n), done);
      done += n;
    }
    return out;
  }

  /** Host code writing RAM within one page: time travel's undo log and the code cache must know. */
  private storeHost(hpa: number, data: Uint8Array): void {
    const off = this.bus.ramOffset(hpa);
    this.bus.noteWrite(off);
    this.bus.ram.set(data, off);
    if (this.code.hasCode[off >>> 12]) this.code.invalidate(hpa, data.length);
  }

  snapshot(): { p2m: Float64Array; backed: number } { return { p2m: this.p2m.slice(), backed: this.backed }; }
  restore(s: { p2m: Float64Array; backed: number }): void { this.p2m.set(s.p2m); this.backed = s.backed; }
}

const ZERO_PAGE = new Uint8Array(4096);
