/**
 * The host's physical memory as the VMM hands it out: 4 KiB frames from one region of DRAM.
 * Guest RAM and the VMM's own page tables come from here, frame by frame, so two VMs can never
 * be given the same frame (isolation) and a frame's owner is always known (panes, sharing).
 */

/** Who owns a frame: 0 free, -1 the VMM itself (page tables), n > 0 the VM with id n. */
export const FRAME_FREE = 0, FRAME_VMM = -1;

export class HostFramePool {
  /** Owner per frame (see FRAME_FREE / FRAME_VMM). */
  readonly owner: Int16Array;
  private nextHint = 0;
  private freeCount: number;

  /** Frames [base, base + count * 4096) of host-physical memory. */
  constructor(readonly base: number, readonly count: number) {
    this.owner = new Int16Array(count);
    this.freeCount = count;
  }

  get free(): number { return this.freeCount; }

  /** The host-physical address of a free frame now owned by `owner`, or -1 when memory is exhausted. */
  allocate(owner: number): number {
    for (let n = 0; n < this.count; n++) {
      const i = (this.nextHint + n) % this.count;
      if (this.owner[i] === FRAME_FREE) {
        this.owner[i] = owner;
        this.freeCount--;
        this.nextHint = i + 1;
        return this.base + i * 4096;
      }
    }
    return -1;
  }

  /** `n` contiguous free frames aligned to `align` bytes (a G-stage root needs 16 KiB), or -1. */
  allocateContiguous(owner: number, n: number, align: number): number {
    const step = Math.max(1, align / 4096);
    for (let i = (step - ((this.base / 4096) % step)) % step; i + n <= this.count; i += step) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = this.owner[i + k] === FRAME_FREE;
      if (!ok) continue;
      for (let k = 0; k < n; k++) this.owner[i + k] = owner;
      this.freeCount -= n;
      return this.base + i * 4096;
    }
    return -1;
  }

  release(hpa: number): void {
    const i = (hpa - this.base) / 4096;
    if (i >= 0 && i < this.count && this.owner[i] !== FRAME_FREE) { this.owner[i] = FRAME_FREE; this.freeCount++; }
  }

  ownerOf(hpa: number): number {
    const i = Math.floor((hpa - this.base) / 4096);
    return i >= 0 && i < this.count ? this.owner[i] : FRAME_FREE;
  }

  snapshot(): { owner: Int16Array; nextHint: number; free: number } {
    return { owner: this.owner.slice(), nextHint: this.nextHint, free: this.freeCount };
  }

  restore(s: { owner: Int16Array; nextHint: number; free: number }): void {
    this.owner.set(s.owner); this.nextHint = s.nextHint; this.freeCount = s.free;
  }
}
