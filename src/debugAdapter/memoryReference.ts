/**
 * Memory references as the adapter hands them out and reads them back. A plain address
 * (`0x80001000`, also `pa:`/`hpa:0x…`) is host-physical. `va:0x…` is an address as the hart sees
 * it now (its current context: host-virtual with V=0, guest-virtual with V=1). `gva:0x…` is
 * guest-virtual (through vsatp, then hgatp), `gpa:0x…` guest-physical (through hgatp). A hart
 * number may follow the prefix (`gva:1:0x…`); without one, the thread being looked at. Under the
 * built-in VMM a VM name does instead: `gva:vm1:0x…` (its vCPU 0) or `gva:vm1/vcpu1:0x…`.
 */

/** 'host': as the hart sees memory with V=0 (satp, unless M-mode); internal, no prefix of its own. */
export type AddressSpace = 'physical' | 'current' | 'host' | 'gva' | 'gpa';

/** Whose translation a reference uses: a hart (a number) or a VM's vCPU. */
export type RefOwner = number | { vm: string; vcpu: number };

export interface MemoryRef {
  address: number;
  space: AddressSpace;
  /** A hart named after the prefix (`gva:1:`). */
  hart: number | undefined;
  /** A VM named after the prefix (`gva:vm1:`, `gva:vm1/vcpu2:`). */
  vm?: { name: string; vcpu: number };
}

const PREFIX: Record<AddressSpace, string> = { physical: '', host: '', current: 'va', gva: 'gva', gpa: 'gpa' };

/** `vm1`, `vm1/vcpu2`: a VM's vCPU as references and console commands name it. */
export function formatVcpuName(vm: string, vcpu: number): string { return vcpu === 0 ? vm : `${vm}/vcpu${vcpu}`; }

export function formatMemoryRef(address: number, space: AddressSpace = 'physical', owner?: RefOwner): string {
  const a = '0x' + (address >>> 0).toString(16);
  if (space === 'physical' || space === 'host') return a;
  const who = owner === undefined || owner === 0 ? '' : typeof owner === 'number' ? `${owner}:` : `${formatVcpuName(owner.vm, owner.vcpu)}:`;
  return `${PREFIX[space]}:${who}${a}`;
}

/** `vm1` or `vm1/vcpu2` (the vCPU defaults to 0); undefined when `text` is not one. */
export function parseVcpuName(text: string): { name: string; vcpu: number } | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_-]*)(?:\/vcpu(\d+))?$/.exec(text);
  return m ? { name: m[1], vcpu: m[2] ? Number(m[2]) : 0 } : undefined;
}

export function parseMemoryRef(ref: unknown): MemoryRef | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /^\s*(?:(va|pa|hpa|gva|gpa):(?:(\d+|[A-Za-z_][A-Za-z0-9_-]*(?:\/vcpu\d+)?):)?)?(0x[0-9a-f]+|\d+)\s*$/i.exec(ref);
  if (!m) return undefined;
  const address = Number(m[3]);
  if (!Number.isFinite(address) || address > 0xffffffff) return undefined;
  const p = m[1]?.toLowerCase();
  const space: AddressSpace = p === 'va' ? 'current' : p === 'gva' ? 'gva' : p === 'gpa' ? 'gpa' : 'physical';
  const owner = m[2];
  if (owner === undefined || /^\d+$/.test(owner)) return { address: address >>> 0, space, hart: owner ? Number(owner) : undefined };
  // Only guest spaces belong to a VM.
  if (space !== 'gva' && space !== 'gpa') return undefined;
  return { address: address >>> 0, space, hart: undefined, vm: parseVcpuName(owner) };
}
