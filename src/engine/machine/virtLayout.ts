/** The QEMU `virt` board's physical memory map (DESIGN.md section 3). */
export const VIRT = {
  mromBase: 0x0000_1000,
  mromSize: 0x0000_f000,
  testBase: 0x0010_0000,
  testSize: 0x1000,
  clintBase: 0x0200_0000,
  clintSize: 0x1_0000,
  plicBase: 0x0c00_0000,
  plicSize: 0x60_0000,
  uart0Base: 0x1000_0000,
  uart0Size: 0x100,
  uart0Irq: 10,
  virtioBase: 0x1000_1000,
  virtioStride: 0x1000,
  virtioCount: 8,
  virtioIrq: 1,
  dramBase: 0x8000_0000,
  defaultDramSize: 128 * 1024 * 1024,
  /** CLINT mtime frequency (Hz), as QEMU virt's timebase-frequency. */
  timebaseHz: 10_000_000,
} as const;

/** mip bit numbers. */
export const IRQ = { SSI: 1, VSSI: 2, MSI: 3, STI: 5, VSTI: 6, MTI: 7, SEI: 9, VSEI: 10, MEI: 11, SGEI: 12 } as const;
