import { MmioDevice } from './device';

/**
 * The mask ROM at 0x1000 with QEMU virt's reset vector, so a hart starts exactly as under
 * `qemu-system-riscv32 -M virt -bios none`: a0 = mhartid, a1 = device-tree address,
 * a2 = fw_dynamic_info, then a jump to the image's entry.
 */
export class BootRom implements MmioDevice {
  readonly name = 'mrom';
  readonly executable = true;
  private readonly bytes: Uint8Array;

  constructor(readonly base: number, readonly size: number, entry: number, fdtAddr: number) {
    this.bytes = new Uint8Array(size);
    const words = [
      0x00000297, // auipc t0, 0          (t0 = 0x1000)
      0x02828613, // addi  a2, t0, 40     (a2 = &fw_dynamic_info)
      0xf1402573, // csrr  a0, mhartid
      0x0202a583, // lw    a1, 32(t0)     (device tree)
      0x0182a283, // lw    t0, 24(t0)     (entry)
      0x00028067, // jr    t0
      entry >>> 0, 0, fdtAddr >>> 0, 0,
      // struct fw_dynamic_info: magic "OSBI", version 2, next_addr, next_mode (S), options, boot_hart
      0x4942534f, 2, entry >>> 0, 1, 0, 0,
    ];
    const dv = new DataView(this.bytes.buffer);
    words.forEach((w, i) => dv.setUint32(i * 4, w, true));
  }

  read(offset: number, width: 1 | 2 | 4): number {
    let v = 0;
    for (let i = 0; i < width; i++) v |= (this.bytes[offset + i] ?? 0) << (8 * i);
    return v >>> 0;
  }

  /** ROM: writes are ignored. */
  write(): void { /* read-only */ }
  snapshot(): unknown { return null; }
  restore(): void { /* contents are fixed at construction */ }
}
