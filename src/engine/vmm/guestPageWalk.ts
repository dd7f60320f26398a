import { Access } from '../mmu/pmp';
import { leafAllows, PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../mmu/sv32';
import type { GuestMemory } from './guestMemory';

/** What a guest's own Sv32 walk found, done by the VMM as the guest's hardware would. */
export interface GuestTranslation {
  /** Guest-physical address of the data, or -1 when the walk faulted. */
  gpa: number;
  /** 'page': a page fault the guest must see; 'access': a PTE outside guest RAM. */
  fault: 'page' | 'access' | undefined;
  /** The leaf PTE (after A/D updates) and the guest-physical address where it lives. */
  leaf: number;
  leafGpa: number;
  superpage: boolean;
  /** Guest-physical pages of the page-table pages the walk read (root first). */
  tables: number[];
}

/**
 * The guest's Sv32 walk under its (virtual) satp, reading its page tables from guest-physical
 * memory. Without H there is no hardware doing this for the guest: the shadow and paravirtual
 * modes walk in software, check the guest's permissions for the guest's privilege (1 S, 0 U)
 * with its SUM/MXR, and set the guest's A and D bits as the hardware would (`update`).
 */
export function walkGuest(mem: GuestMemory, satp: number, va: number, access: Access, priv: number,
  sum: boolean, mxr: boolean, update: boolean): GuestTranslation {
  const out: GuestTranslation = { gpa: -1, fault: undefined, leaf: 0, leafGpa: 0, superpage: false, tables: [] };
  if ((satp >>> 31) === 0) {
    // Bare: no translation and no protection, for S and U alike (the U bit makes the leaf the U view's too).
    out.gpa = va >>> 0; out.leaf = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D | (priv === 0 ? PTE_U : 0);
    return out;
  }
  let base = (satp & 0x3fffff) * 4096;
  for (let level = 1; level >= 0; level--) {
    const pteGpa = base + (level === 1 ? va >>> 22 : (va >>> 12) & 0x3ff) * 4;
    const bytes = mem.isRam(pteGpa) ? mem.read(pteGpa, 4) : undefined;
    if (!bytes) { out.fault = 'access'; return out; }
    out.tables.push(base);
    const pte = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
    if (!(pte & PTE_V) || (pte & (PTE_R | PTE_W)) === PTE_W) { out.fault = 'page'; return out; }
    const ppn = pte >>> 10;
    if (!(pte & (PTE_R | PTE_W | PTE_X))) {
      if (level === 0 || (pte & (PTE_A | PTE_D | PTE_U))) { out.fault = 'page'; return out; }
      base = ppn * 4096;
      continue;
    }
    if (level === 1 && (ppn & 0x3ff) !== 0) { out.fault = 'page'; return out; }
    if (!leafAllows(pte, access, priv, sum, mxr)) { out.fault = 'page'; return out; }
    const updated = (pte | PTE_A | (access === Access.Write ? PTE_D : 0)) >>> 0;
    if (update && updated !== pte) mem.write(pteGpa, Uint8Array.of(updated & 0xff, (updated >>> 8) & 0xff, (updated >>> 16) & 0xff, updated >>> 24));
    out.leaf = updated; out.leafGpa = pteGpa; out.superpage = level === 1;
    out.gpa = level === 1 ? (ppn >>> 10) * 0x400000 + (va & 0x3fffff) : ppn * 4096 + (va & 0xfff);
    return out;
  }
  out.fault = 'page';
  return out;
}
