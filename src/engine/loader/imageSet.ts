import { ElfImage } from './elf';

/**
 * Several images in one machine: a hypervisor and the guests it runs. A guest is linked at its
 * own (guest-physical) addresses and loaded elsewhere in host memory, as QEMU's
 * `-device loader,addr=` does, so loading moves its segments' physical addresses only.
 */

export interface ImagePart {
  image: ElfImage;
  /** Where the image's lowest segment goes in physical memory; undefined: its own addresses. */
  load?: number;
  /** For errors: the file the image came from. */
  name: string;
}

/** The physical address of the image's lowest loadable byte (its link base). */
export function imageBase(image: ElfImage): number {
  let base = Infinity;
  for (const s of image.segments) if (s.memsz > 0 || s.data.length > 0) base = Math.min(base, s.paddr);
  return base === Infinity ? image.entry >>> 0 : base;
}

/** The image with every segment moved so the lowest one starts at `load`; virtual addresses stay. */
export function placeImage(image: ElfImage, load: number): ElfImage {
  const delta = (load >>> 0) - imageBase(image);
  if (delta === 0) return image;
  return { ...image, segments: image.segments.map((s) => ({ ...s, paddr: s.paddr + delta })) };
}

/**
 * One boot image from several: the first part gives the entry and the symbols (so its `tohost`
 * is the one HTIF watches); every part's segments are loaded. Parts that overlap in physical
 * memory are an error naming both, since one would silently overwrite the other.
 */
export function combineImages(parts: ImagePart[]): ElfImage {
  if (parts.length === 0) throw new RangeError('no images to load');
  const placed = parts.map((p) => ({ name: p.name, image: p.load === undefined ? p.image : placeImage(p.image, p.load) }));
  const spans: { name: string; lo: number; hi: number }[] = [];
  for (const p of placed) {
    for (const s of p.image.segments) {
      const size = Math.max(s.memsz, s.data.length);
      if (size === 0) continue;
      const lo = s.paddr, hi = s.paddr + size;
      const other = spans.find((o) => o.name !== p.name && lo < o.hi && o.lo < hi);
      if (other) {
        throw new RangeError(`${p.name} (0x${lo.toString(16)}..0x${hi.toString(16)}) overlaps ${other.name} ` +
          `(0x${other.lo.toString(16)}..0x${other.hi.toString(16)}) in physical memory: give it another load address`);
      }
      spans.push({ name: p.name, lo, hi });
    }
  }
  const first = placed[0].image;
  return { ...first, segments: placed.flatMap((p) => p.image.segments) };
}
