import { buildFdt, FdtNode, node } from '../machine/fdt';
import { VIRT } from '../machine/virtLayout';

/**
 * The device tree the VMM gives a guest (a1 at boot): what QEMU's virt board would describe for
 * a VM of this size, minus what a guest under a hypervisor does not get (the CLINT: timers and
 * IPIs go through SBI). Memory, vCPUs with their interrupt controllers, the PLIC (M and S
 * contexts per vCPU, as on the board, so the same driver works), the UART, the test finisher
 * and the eight virtio-mmio slots.
 */
export function guestDeviceTree(memory: number, vcpus: number, isa: string): Uint8Array {
  const intc = (h: number): number => 1 + h;
  const plicPhandle = vcpus + 1;
  const reg = (base: number, size: number): number[] => [0, base, 0, size];
  const cpus: FdtNode[] = [];
  for (let h = 0; h < vcpus; h++) {
    cpus.push(node(`cpu@${h}`, {
      device_type: 'cpu', reg: h, status: 'okay', compatible: 'riscv', 'riscv,isa': isa, 'mmu-type': 'riscv,sv32',
    }, [node('interrupt-controller', {
      '#address-cells': 0, '#interrupt-cells': 1, 'interrupt-controller': true, compatible: 'riscv,cpu-intc', phandle: intc(h),
    })]));
  }
  const virtio: FdtNode[] = [];
  for (let i = VIRT.virtioCount - 1; i >= 0; i--) {
    const base = VIRT.virtioBase + i * VIRT.virtioStride;
    virtio.push(node(`virtio_mmio@${base.toString(16)}`, {
      compatible: 'virtio,mmio', reg: reg(base, VIRT.virtioStride), 'interrupt-parent': plicPhandle, interrupts: VIRT.virtioIrq + i,
    }));
  }
  const root = node('', {
    '#address-cells': 2, '#size-cells': 2, compatible: 'riscv-virtio', model: 'riscv-virtio,hyperstep-vm',
  }, [
    node('chosen', { 'stdout-path': `/soc/serial@${VIRT.uart0Base.toString(16)}` }),
    node(`memory@${VIRT.dramBase.toString(16)}`, { device_type: 'memory', reg: reg(VIRT.dramBase, memory) }),
    node('cpus', { '#address-cells': 1, '#size-cells': 0, 'timebase-frequency': VIRT.timebaseHz }, cpus),
    node('soc', { '#address-cells': 2, '#size-cells': 2, compatible: 'simple-bus', ranges: true }, [
      node(`test@${VIRT.testBase.toString(16)}`, { compatible: ['sifive,test1', 'sifive,test0', 'syscon'], reg: reg(VIRT.testBase, VIRT.testSize) }),
      ...virtio,
      node(`serial@${VIRT.uart0Base.toString(16)}`, {
        compatible: 'ns16550a', reg: reg(VIRT.uart0Base, 0x100), 'clock-frequency': 3686400,
        'interrupt-parent': plicPhandle, interrupts: VIRT.uart0Irq,
      }),
      node(`plic@${VIRT.plicBase.toString(16)}`, {
        compatible: ['sifive,plic-1.0.0', 'riscv,plic0'], reg: reg(VIRT.plicBase, VIRT.plicSize),
        '#address-cells': 0, '#interrupt-cells': 1, 'interrupt-controller': true, 'riscv,ndev': 95,
        'interrupts-extended': Array.from({ length: vcpus }, (_, h) => [intc(h), 11, intc(h), 9]).flat(), phandle: plicPhandle,
      }),
    ]),
  ]);
  return buildFdt(root);
}
