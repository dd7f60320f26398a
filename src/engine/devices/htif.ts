import { DeviceEventSink, MmioDevice } from './device';

/*
 * HTIF tohost/fromhost (riscv-tests and riscv-pk convention), modelled on QEMU 7.2's
 * hw/char/riscv_htif.c and checked on `qemu-system-riscv32 -M spike`:
 * - The words are held in the device, not in the RAM they overlay.
 * - A write to the low half of tohost is accepted only while tohost is 0; the write to the
 *   HIGH half (tohost+4) then runs the command (RV32 programs store low, then high). A
 *   further high write without a new low write re-runs with the stored low half.
 * - After a command: tohost := 0 and fromhost := (device<<56 | cmd<<48 | response).
 *   Console putchar (device 1, cmd 1) responds 0x100|char; so fromhost = 0x01010000_00000141
 *   after printing 'A'.
 * - Console getchar (device 1, cmd 0) gets no response until a byte arrives (QEMU and Spike
 *   both wait); the response is 0x100|byte. Unlike QEMU, bytes typed before the request are
 *   queued instead of dropped.
 * - Writing fromhost's low half sets fromhost to that value (high half cleared); writing the
 *   high half ORs into it.
 * - Device 0 cmd 0 with an odd payload exits with code payload>>1 (truncated to int32 as QEMU).
 *   With an even payload QEMU 7.2 only logs "pk syscall proxy not supported"; here, as Spike
 *   and riscv-pk expect, it runs the syscall block at that address (magic_mem: eight 64-bit
 *   words, [0] = number, [1..] = arguments, [0] := result) and then sets fromhost := 1.
 */

const SYS_WRITE = 64;
const ENOSYS = 38;
/** Longest SYS_write honoured in one call; the guest sees a short write beyond this. */
const MAX_WRITE = 1 << 20;

export interface HtifMemory {
  read(pa: number, width: 1 | 2 | 4): number;
  write(pa: number, width: 1 | 2 | 4, value: number): void;
}

export interface HtifState {
  tohostLo: number; tohostHi: number; fromhostLo: number; fromhostHi: number;
  allowTohost: boolean; pendingRead: boolean; pendingReadHi: number; rx: number[];
}

/** The HTIF's registers and command logic, shared by the tohost and fromhost windows. */
export class Htif {
  tohostLo = 0;
  tohostHi = 0;
  fromhostLo = 0;
  fromhostHi = 0;
  private allowTohost = false;
  /** A console getchar waiting for input, and the device/cmd bits to answer it with. */
  private pendingRead = false;
  private pendingReadHi = 0;
  private rx: number[] = [];

  constructor(private readonly mem: HtifMemory, private readonly events: DeviceEventSink) {}

  /** Console input for getchar requests. */
  receive(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.rx.push(bytes[i] & 0xff);
    if (this.pendingRead) this.answerGetchar(this.pendingReadHi);
  }

  writeTohost(high: boolean, value: number): void {
    const v = value >>> 0;
    if (!high) {
      if (this.tohostLo === 0 && this.tohostHi === 0) { this.allowTohost = true; this.tohostLo = v; }
      else this.allowTohost = false;
    } else if (this.allowTohost) {
      this.tohostHi = (this.tohostHi | v) >>> 0;
      this.command(this.tohostLo, this.tohostHi);
    }
  }

  writeFromhost(high: boolean, value: number): void {
    if (!high) { this.fromhostLo = value >>> 0; this.fromhostHi = 0; }
    else this.fromhostHi = (this.fromhostHi | value) >>> 0;
  }

  snapshot(): HtifState {
    return {
      tohostLo: this.tohostLo, tohostHi: this.tohostHi, fromhostLo: this.fromhostLo, fromhostHi: this.fromhostHi,
      allowTohost: this.allowTohost, pendingRead: this.pendingRead, pendingReadHi: this.pendingReadHi, rx: this.rx.slice(),
    };
  }

  restore(state: unknown): void {
    const s = state as HtifState;
    this.tohostLo = s.tohostLo >>> 0; this.tohostHi = s.tohostHi >>> 0;
    this.fromhostLo = s.fromhostLo >>> 0; this.fromhostHi = s.fromhostHi >>> 0;
    this.allowTohost = s.allowTohost; this.pendingRead = s.pendingRead; this.pendingReadHi = s.pendingReadHi >>> 0;
    this.rx = s.rx.slice();
  }

  private command(lo: number, hi: number): void {
    const device = hi >>> 24, cmd = (hi >>> 16) & 0xff;
    const header = (hi & 0xffff0000) >>> 0;
    let response = 0;
    if (device === 0 && cmd === 0) {
      if (lo & 1) {
        // QEMU exits the process here: tohost and fromhost are left as they are.
        const code = ((lo >>> 1) | ((hi & 1) << 31)) | 0;
        this.events({ kind: 'exit', device: 'htif', code });
        return;
      }
      response = (hi & 0xffff) === 0 ? this.syscall(lo) : 1;
    } else if (device === 1 && cmd === 0) {
      this.tohostLo = 0; this.tohostHi = 0;
      this.pendingRead = true;
      this.pendingReadHi = header;
      if (this.rx.length > 0) this.answerGetchar(header);
      return;
    } else if (device === 1 && cmd === 1) {
      this.events({ kind: 'uart-tx', device: 'htif', byte: lo & 0xff });
      response = 0x100 | (lo & 0xff);
    }
    // Unknown devices and commands get an empty response, as in QEMU.
    this.fromhostHi = header;
    this.fromhostLo = response & 0xffff;
    this.tohostLo = 0; this.tohostHi = 0;
  }

  private answerGetchar(header: number): void {
    const b = this.rx.shift() as number;
    this.events({ kind: 'uart-rx', device: 'htif', byte: b });
    this.pendingRead = false;
    this.fromhostHi = header;
    this.fromhostLo = 0x100 | b;
  }

  /** riscv-pk's frontend syscall block; only SYS_write to stdout/stderr is served. Returns 1. */
  private syscall(pa: number): number {
    const word = (i: number, high: number) => this.mem.read((pa + 8 * i + 4 * high) >>> 0, 4) >>> 0;
    const num = word(0, 0), numHi = word(0, 1);
    let result = -ENOSYS;
    if (num === SYS_WRITE && numHi === 0) {
      const fd = word(1, 0), fdHi = word(1, 1);
      if ((fd === 1 || fd === 2) && fdHi === 0) {
        const buf = word(2, 0);
        const len = word(3, 1) !== 0 ? MAX_WRITE : Math.min(word(3, 0), MAX_WRITE);
        for (let i = 0; i < len; i++) {
          this.events({ kind: 'uart-tx', device: 'htif', byte: this.mem.read((buf + i) >>> 0, 1) & 0xff });
        }
        result = len;
      }
    }
    this.mem.write(pa >>> 0, 4, result >>> 0);
    this.mem.write((pa + 4) >>> 0, 4, result < 0 ? 0xffffffff : 0);
    return 1;
  }
}

/** One 8-byte HTIF word (tohost or fromhost) overlaying RAM. */
export class HtifWindow implements MmioDevice {
  readonly size = 8;

  constructor(readonly name: string, readonly base: number, readonly htif: Htif, private readonly isTohost: boolean) {}

  // QEMU decodes only the two word offsets (any access width, value truncated to it); other
  // offsets read 0 and ignore writes.
  read(offset: number, width: 1 | 2 | 4): number {
    if (offset !== 0 && offset !== 4) return 0;
    const h = this.htif;
    const v = this.isTohost ? (offset === 0 ? h.tohostLo : h.tohostHi) : (offset === 0 ? h.fromhostLo : h.fromhostHi);
    return width === 4 ? v : v & (width === 2 ? 0xffff : 0xff);
  }

  write(offset: number, width: 1 | 2 | 4, value: number): void {
    if (offset !== 0 && offset !== 4) return;
    const v = width === 4 ? value >>> 0 : value & (width === 2 ? 0xffff : 0xff);
    if (this.isTohost) this.htif.writeTohost(offset === 4, v);
    else this.htif.writeFromhost(offset === 4, v);
  }

  /** Both windows snapshot the whole shared HTIF state; restoring either restores it all. */
  snapshot(): HtifState { return this.htif.snapshot(); }
  restore(state: unknown): void { this.htif.restore(state); }
}

/**
 * The HTIF devices for an ELF's `tohost` (and `fromhost`, if defined) symbols: one 8-byte window
 * per word (QEMU maps one region spanning both; separate windows leave any RAM between them
 * alone). `mem` is the physical memory the syscall blocks live in. The windows expose the
 * shared `htif` (for console input via htif.receive()).
 */
export function createHtif(tohost: number, fromhost: number | undefined, mem: HtifMemory, events: DeviceEventSink): MmioDevice[] {
  const htif = new Htif(mem, events);
  const to = tohost >>> 0;
  const devices: MmioDevice[] = [new HtifWindow('htif-tohost', to, htif, true)];
  if (fromhost !== undefined) {
    const from = fromhost >>> 0;
    if (from + 8 <= to || from >= to + 8) devices.push(new HtifWindow('htif-fromhost', from, htif, false));
  }
  return devices;
}
