import { DeviceEventSink, MmioDevice } from './device';
import { VIRT } from '../machine/virtLayout';

/*
 * QEMU's sifive_test finisher (hw/misc/sifive_test.c) at 0x100000 on virt, as checked on
 * qemu-system-riscv32 7.2: a write at offset 0 looks at the low 16 bits only:
 *   0x3333 fail -> exit with code = bits 31:16 (so 0x00003333 exits with 0; the host process
 *          status is code & 0xff), 0x5555 pass -> exit 0 (bits 31:16 ignored), 0x7777 reset.
 * Anything else, or any write at another offset, is ignored (QEMU logs a guest error).
 * Reads return 0. QEMU accepts 2- and 4-byte accesses (a 16-bit 0x5555 at offset 0 passes);
 * byte accesses take an access fault there, here they read 0 and are ignored.
 */

const FINISHER_FAIL = 0x3333;
const FINISHER_PASS = 0x5555;
const FINISHER_RESET = 0x7777;

export class TestFinisher implements MmioDevice {
  readonly name = 'test';
  readonly size = VIRT.testSize;

  constructor(readonly base: number, private readonly events: DeviceEventSink) {}

  read(_offset: number, _width: 1 | 2 | 4): number { return 0; }

  write(offset: number, width: 1 | 2 | 4, value: number): void {
    if (offset !== 0 || width === 1) return;
    const v = width === 2 ? value & 0xffff : value >>> 0;
    const status = v & 0xffff;
    if (status === FINISHER_FAIL) this.events({ kind: 'exit', device: this.name, code: v >>> 16 });
    else if (status === FINISHER_PASS) this.events({ kind: 'exit', device: this.name, code: 0 });
    else if (status === FINISHER_RESET) this.events({ kind: 'reset', device: this.name });
  }

  snapshot(): Record<string, never> { return {}; }
  restore(_state: unknown): void { /* stateless */ }
}
