/**
 * Memory references as the adapter hands them out and reads them back. A plain address
 * (`0x80001000`) is physical. `va:H:0x…` is a virtual address as hart H sees it now (used for
 * pointers while paging is on); `va:0x…` means hart 0.
 */

export interface MemoryRef { address: number; virtual: boolean; hart: number }

export function formatMemoryRef(address: number, virtual = false, hart = 0): string {
  const a = '0x' + (address >>> 0).toString(16);
  return virtual ? `va:${hart}:${a}` : a;
}

export function parseMemoryRef(ref: unknown): MemoryRef | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /^\s*(?:(va|pa|hpa):(?:(\d+):)?)?(0x[0-9a-f]+|\d+)\s*$/i.exec(ref);
  if (!m) return undefined;
  const address = Number(m[3]);
  if (!Number.isFinite(address) || address > 0xffffffff) return undefined;
  return { address: address >>> 0, virtual: m[1]?.toLowerCase() === 'va', hart: m[2] ? Number(m[2]) : 0 };
}
