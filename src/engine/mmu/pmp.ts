/**
 * Physical memory protection: 16 entries, TOR/NA4/NAPOT, 4-byte grain, as QEMU 7.2 models it.
 * Ranges are kept as doubles because NAPOT regions reach 2^34 on RV32.
 */
export const enum Access { Read = 0, Write = 1, Exec = 2 }
const PERM_OF_ACCESS = [1, 2, 4];
const A_OFF = 0, A_TOR = 1, A_NA4 = 2, A_NAPOT = 3;
const LOCK = 0x80;
const PMP_ENTRIES = 16;

export class Pmp {
  readonly cfg = new Uint8Array(PMP_ENTRIES);
  readonly addr = new Uint32Array(PMP_ENTRIES);
  private readonly lo = new Float64Array(PMP_ENTRIES);
  private readonly hi = new Float64Array(PMP_ENTRIES);
  /** Number of entries whose A field is not OFF (QEMU's "number of rules"). */
  activeRules = 0;

  readCfg(reg: number): number {
    const c = this.cfg, b = reg * 4;
    return (c[b] | (c[b + 1] << 8) | (c[b + 2] << 16) | (c[b + 3] << 24)) >>> 0;
  }

  writeCfg(reg: number, value: number): void {
    for (let k = 0; k < 4; k++) {
      const i = reg * 4 + k;
      if (this.cfg[i] & LOCK) continue;
      this.cfg[i] = (value >>> (8 * k)) & 0xff; // QEMU 7.2 stores reserved bits 6:5 and R=0,W=1 as written
    }
    this.recompute();
  }

  writeAddr(i: number, value: number): void {
    if (this.cfg[i] & LOCK) return;
    // A locked TOR entry also locks the address register below it.
    if (i + 1 < PMP_ENTRIES && (this.cfg[i + 1] & LOCK) && ((this.cfg[i + 1] >>> 3) & 3) === A_TOR) return;
    this.addr[i] = value >>> 0;
    this.recompute();
  }

  private recompute(): void {
    let n = 0;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const a = (this.cfg[i] >>> 3) & 3, addr = this.addr[i];
      let lo = 0, hi = 0;
      if (a === A_TOR) { lo = i === 0 ? 0 : this.addr[i - 1] * 4; hi = addr * 4; }
      else if (a === A_NA4) { lo = addr * 4; hi = lo + 4; }
      else if (a === A_NAPOT) {
        // Trailing ones of pmpaddr give the size: 2^(ones+3) bytes.
        let ones = 0; while (ones < 32 && ((addr >>> ones) & 1)) ones++;
        const size = 2 ** (ones + 3);
        lo = Math.floor((addr * 4) / size) * size; hi = lo + size;
      }
      if (a !== A_OFF) n++;
      this.lo[i] = lo; this.hi[i] = hi;
    }
    this.activeRules = n;
  }

  /** Whether an access of `size` bytes at `pa` is allowed at privilege `priv` (3 = M). */
  allows(pa: number, size: number, access: Access, priv: number): boolean {
    const a = pa >>> 0, e = a + size;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const c = this.cfg[i];
      if (((c >>> 3) & 3) === A_OFF) continue;
      const lo = this.lo[i], hi = this.hi[i];
      if (a >= lo && e <= hi) {
        if (priv === 3 && !(c & LOCK)) return true;
        return (c & PERM_OF_ACCESS[access]) !== 0;
      }
      if (a < hi && e > lo) return false; // partially inside a region: QEMU fails the access
    }
    return priv === 3;
  }

  /** True when no PMP region boundary falls inside the 4 KiB page at `pagePa` (results are page-wide). */
  uniformOverPage(pagePa: number): boolean {
    if (this.activeRules === 0) return true;
    const a = pagePa >>> 0, e = a + 4096;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      if (((this.cfg[i] >>> 3) & 3) === A_OFF) continue;
      const lo = this.lo[i], hi = this.hi[i];
      if ((lo > a && lo < e) || (hi > a && hi < e)) return false;
    }
    return true;
  }

  snapshot(): { cfg: number[]; addr: number[] } { return { cfg: Array.from(this.cfg), addr: Array.from(this.addr) }; }
  restore(s: { cfg: number[]; addr: number[] }): void { this.cfg.set(s.cfg); this.addr.set(s.addr); this.recompute(); }
}
