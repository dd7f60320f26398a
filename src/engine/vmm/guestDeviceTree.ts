import { virtDeviceTree } from '../machine/virtDeviceTree';

/**
 * The device tree the VMM gives a guest (a1 at boot): what QEMU's virt board would describe for
 * a VM of this size, minus what a guest under a hypervisor does not get (the CLINT: timers and
 * IPIs go through SBI), plus the eight virtio-mmio slots its device models answer.
 */
export function guestDeviceTree(memory: number, vcpus: number, isa: string): Uint8Array {
  return virtDeviceTree(memory, vcpus, isa, { clint: false, virtio: true, model: 'riscv-virtio,hyperstep-vm' });
}
