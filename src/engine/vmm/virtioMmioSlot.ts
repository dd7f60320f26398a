import type { MmioDevice } from '../devices/device';

const MAGIC = 0x74726976; // "virt"
const VENDOR_QEMU = 0x554d4551; // "QEMU"

/**
 * An empty virtio-mmio transport, as QEMU 7.2's virt board has eight of at 0x10001000 + n * 0x1000
 * before any device is plugged in (checked on qemu-system-riscv32: magic, version 1 (legacy),
 * device id 0, vendor "QEMU"; everything else reads 0 and writes are ignored). Drivers probe the
 * slots the device tree lists and skip device id 0.
 */
export class VirtioMmioSlot implements MmioDevice {
  readonly size = 0x200;
  constructor(readonly name: string, readonly base: number) {}

  read(offset: number, width: 1 | 2 | 4): number {
    const at = offset & ~3;
    const word = at === 0 ? MAGIC : at === 4 ? 1 : at === 12 ? VENDOR_QEMU : 0;
    return width === 4 ? word >>> 0 : (word >>> (8 * (offset & 3))) & (width === 2 ? 0xffff : 0xff);
  }

  write(): void { /* no device behind the transport */ }
  snapshot(): Record<string, never> { return {}; }
  restore(): void { /* stateless */ }
}
