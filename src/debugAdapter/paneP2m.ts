import type { ReadWord } from '../engine/mmu/twoStageWalk';
import type { GuestMemory } from '../engine/vmm/guestMemory';

/**
 * The G stage a deprivileged VM would have under nested paging, built from its P2M: the table
 * NestedPaging would hold now (a 16 KiB Sv32x4 root, a level-0 table for every 4 MiB region with
 * a backed page, leaves V R W X U A D), served by a `ReadWord` instead of living in memory. With
 * it the engine's two-stage walker reads a shadow VM's guest tables (and finds their host pages),
 * and shows the 2-D walk the H extension would do on the same tables.
 *
 * The model's table words sit in a window of the walk's address space that the virt board leaves
 * empty (QEMU's PCIe MMIO hole, no device of Hyperstep's there), so they can never be mistaken
 * for memory: every other address reads through `read`.
 */

export const MODEL_G_ROOT = 0x4000_0000;
const MODEL_TABLES = MODEL_G_ROOT + 0x4000;
const MODEL_END = MODEL_TABLES + 4096 * 4096;
const REGION = 0x40_0000;
/** NestedPaging's leaf flags: V R W X U A D. */
const LEAF = 0xdf;

export interface ModelGStage {
  /** hgatp for the model: Sv32x4, VMID = the VM id, root at MODEL_G_ROOT. */
  hgatp: number;
  /** Host-physical words, with the model's table words in its window. */
  read: ReadWord;
  /** Whether `hpa` (a G-stage reference's address) is a position in the model rather than memory. */
  isModel(hpa: number): boolean;
}

export function p2mGStage(vmId: number, memory: GuestMemory, read: ReadWord): ModelGStage {
  // The 4 MiB regions with a backed page: the root entries NestedPaging would have written.
  const regions = new Set<number>();
  memory.p2m.forEach((frame, i) => { if (frame >= 0) regions.add(Math.floor((memory.base + i * 4096) / REGION)); });
  const model: ReadWord = (pa) => {
    if (pa < MODEL_G_ROOT || pa >= MODEL_END) return read(pa);
    if (pa < MODEL_TABLES) {
      const region = (pa - MODEL_G_ROOT) >>> 2;
      return regions.has(region) ? ((((MODEL_TABLES + region * 4096) >>> 12) << 10) | 1) >>> 0 : 0;
    }
    const region = Math.floor((pa - MODEL_TABLES) / 4096), slot = ((pa - MODEL_TABLES) % 4096) >>> 2;
    const hpa = memory.hostAddress(region * REGION + slot * 4096);
    return hpa < 0 ? 0 : ((Math.floor(hpa / 4096) << 10) | LEAF) >>> 0;
  };
  return {
    hgatp: (0x80000000 | ((vmId & 0x7f) << 22) | (MODEL_G_ROOT >>> 12)) >>> 0,
    read: model,
    isModel: (hpa) => hpa >= MODEL_G_ROOT && hpa < MODEL_END,
  };
}
