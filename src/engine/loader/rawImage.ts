import { ElfImage } from './elf';

/** A flat binary loaded at `address`: one RWX segment, entry at its first byte, no symbols. */
export function rawImage(bytes: Uint8Array, address: number): ElfImage {
  const base = address >>> 0;
  if (base + bytes.length > 0x1_0000_0000) {
    throw new RangeError(`raw image of ${bytes.length} bytes at 0x${base.toString(16)} runs past the 4 GiB address space`);
  }
  return {
    entry: base,
    segments: [{ vaddr: base, paddr: base, data: bytes, memsz: bytes.length, flags: 7 }],
    symbols: [],
    sections: [],
    eFlags: 0,
  };
}
