import type { DecodedPage } from '../cpu/codeCache';

export const TLB_SIZE = 256;
export const TLB_MASK = TLB_SIZE - 1;

/**
 * The per-hart fast TLB: one direct-mapped table per access kind, tagged by virtual page number.
 * An entry only exists for plain RAM pages whose translation, permissions and PMP result hold for
 * the whole page in the current context, so a hit is one compare and an array index. Any context
 * change (privilege, satp, mstatus.MPRV/SUM/MXR, PMP, sfence) flushes it; the ASID-tagged
 * second level (Sv32Tlb) survives those.
 */
export class SoftTlb {
  /** The mode the entries were filled in (Hart.modeTag); -1 when empty. */
  modeTag = -1;
  readonly rTag = new Int32Array(TLB_SIZE).fill(-1);
  /** Byte offset in RAM of the page's first byte. */
  readonly rOff = new Int32Array(TLB_SIZE);
  readonly wTag = new Int32Array(TLB_SIZE).fill(-1);
  readonly wOff = new Int32Array(TLB_SIZE);
  readonly xTag = new Int32Array(TLB_SIZE).fill(-1);
  readonly xPage: (DecodedPage | null)[] = new Array<DecodedPage | null>(TLB_SIZE).fill(null);

  flush(): void {
    this.modeTag = -1;
    this.rTag.fill(-1);
    this.wTag.fill(-1);
    this.xTag.fill(-1);
    this.xPage.fill(null);
  }

  /** Drops write entries that map RAM page `ramPage` (it now holds decoded code). */
  dropWritesToRamPage(ramPage: number): void {
    const off = ramPage * 4096;
    for (let i = 0; i < TLB_SIZE; i++) if (this.wTag[i] !== -1 && this.wOff[i] === off) this.wTag[i] = -1;
  }

  /** Drops fetch entries for a decoded page that is being discarded. */
  dropExec(page: DecodedPage): void {
    for (let i = 0; i < TLB_SIZE; i++) if (this.xPage[i] === page) { this.xTag[i] = -1; this.xPage[i] = null; }
  }
}
