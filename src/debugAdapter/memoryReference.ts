/**
 * Memory references as the adapter hands them out and reads them back. A plain address
 * (`0x80001000`, also `pa:`/`hpa:0x…`) is host-physical. `va:0x…` is an address as the hart sees
 * it now (its current context: host-virtual with V=0, guest-virtual with V=1). `gva:0x…` is
 * guest-virtual (through vsatp, then hgatp), `gpa:0x…` guest-physical (through hgatp). A hart
 * number may follow the prefix (`gva:1:0x…`); without one, the thread being looked at.
 */

/** 'host': as the hart sees memory with V=0 (satp, unless M-mode); internal, no prefix of its own. */
export type AddressSpace = 'physical' | 'current' | 'host' | 'gva' | 'gpa';

export interface MemoryRef { address: number; space: AddressSpace; hart: number | undefined }

const PREFIX: Record<AddressSpace, string> = { physical: '', host: '', current: 'va', gva: 'gva', gpa: 'gpa' };

export function formatMemoryRef(address: number, space: AddressSpace = 'physical', hart?: number): string {
  const a = '0x' + (address >>> 0).toString(16);
  if (space === 'physical' || space === 'host') return a;
  return `${PREFIX[space]}:${hart ? `${hart}:` : ''}${a}`;
}

export function parseMemoryRef(ref: unknown): MemoryRef | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /^\s*(?:(va|pa|hpa|gva|gpa):(?:(\d+):)?)?(0x[0-9a-f]+|\d+)\s*$/i.exec(ref);
  if (!m) return undefined;
  const address = Number(m[3]);
  if (!Number.isFinite(address) || address > 0xffffffff) return undefined;
  const p = m[1]?.toLowerCase();
  const space: AddressSpace = p === 'va' ? 'current' : p === 'gva' ? 'gva' : p === 'gpa' ? 'gpa' : 'physical';
  return { address: address >>> 0, space, hart: m[2] ? Number(m[2]) : undefined };
}
