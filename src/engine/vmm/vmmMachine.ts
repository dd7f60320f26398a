import { Machine } from '../machine/machine';
import { Vmm, VmSpec } from './vmm';

/** Host memory the VMM keeps beyond the guests' RAM: its page tables and a margin. */
const VMM_OVERHEAD = 8 << 20;

/**
 * A board running the built-in VMM: a machine with the hypervisor extension, sized for the VMs'
 * RAM plus the VMM's own tables, with the VMM attached (it boots the guests).
 */
export function createVmmMachine(vms: VmSpec[], opts: { harts?: number; compat?: 'spec' | 'qemu-7.2' } = {}): { machine: Machine; vmm: Vmm } {
  const guestRam = vms.reduce((s, v) => s + v.memory, 0);
  const memory = Math.min(2 ** 31, Math.ceil((guestRam + VMM_OVERHEAD) / (1 << 20)) * (1 << 20));
  if (guestRam + VMM_OVERHEAD > 2 ** 31) throw new RangeError(`the VMs need ${guestRam >>> 20} MiB of RAM in all; the host has at most 2048 MiB`);
  const machine = new Machine({ memory, harts: opts.harts ?? 1, hypervisor: true, compat: opts.compat });
  const vmm = new Vmm(machine, vms);
  machine.attachHypervisor(vmm);
  return { machine, vmm };
}
