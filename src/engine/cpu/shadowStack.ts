/**
 * The shadow call stack a debugger shows: calls (jal/jalr that link ra), returns (jalr x0 via
 * ra) and trap entries/returns, recorded by the hart as they retire. Fixed-size typed arrays, so
 * recording allocates nothing; frames deeper than the capacity are counted but not kept.
 */
export const enum FrameKind { Call = 0, Trap = 1 }

const CAPACITY = 1024;

export class ShadowStack {
  /** Address execution returns to when the frame ends (the call's pc + length, or the trap's epc). */
  readonly returnAddress = new Int32Array(CAPACITY);
  /** Where the frame began (the call target, or the trap vector). */
  readonly entry = new Int32Array(CAPACITY);
  readonly kind = new Uint8Array(CAPACITY);
  /** Privilege mode the frame was entered from (for trap frames) or ran in (calls). */
  readonly mode = new Uint8Array(CAPACITY);
  depth = 0;

  push(returnAddress: number, entry: number, kind: FrameKind, mode: number): void {
    const d = this.depth;
    if (d < CAPACITY) { this.returnAddress[d] = returnAddress; this.entry[d] = entry; this.kind[d] = kind; this.mode[d] = mode; }
    this.depth = d + 1;
  }

  /** A return to `target`: unwind to the frame that returns there (tolerates skipped returns). */
  ret(target: number): void {
    for (let d = Math.min(this.depth, CAPACITY) - 1; d >= 0 && d >= this.depth - 8; d--) {
      if (this.kind[d] === FrameKind.Trap) return; // a plain return never crosses a trap frame
      if (this.returnAddress[d] === target) { this.depth = d; return; }
    }
  }

  /** xRET: drop the frames of the handler up to and including the innermost trap frame. */
  trapReturn(): void {
    for (let d = Math.min(this.depth, CAPACITY) - 1; d >= 0; d--) {
      if (this.kind[d] === FrameKind.Trap) { this.depth = d; return; }
    }
  }

  clear(): void { this.depth = 0; }

  /** Frames innermost first (for stack traces). */
  frames(): { returnAddress: number; entry: number; kind: FrameKind; mode: number }[] {
    const out = [];
    for (let d = Math.min(this.depth, CAPACITY) - 1; d >= 0; d--) {
      out.push({ returnAddress: this.returnAddress[d] >>> 0, entry: this.entry[d] >>> 0, kind: this.kind[d] as FrameKind, mode: this.mode[d] });
    }
    return out;
  }

  save(): { returnAddress: number[]; entry: number[]; kind: number[]; mode: number[]; depth: number } {
    const n = Math.min(this.depth, CAPACITY);
    return { returnAddress: Array.from(this.returnAddress.subarray(0, n)), entry: Array.from(this.entry.subarray(0, n)),
      kind: Array.from(this.kind.subarray(0, n)), mode: Array.from(this.mode.subarray(0, n)), depth: this.depth };
  }

  restore(s: { returnAddress: number[]; entry: number[]; kind: number[]; mode: number[]; depth: number }): void {
    this.returnAddress.set(s.returnAddress); this.entry.set(s.entry); this.kind.set(s.kind); this.mode.set(s.mode);
    this.depth = s.depth;
  }
}
