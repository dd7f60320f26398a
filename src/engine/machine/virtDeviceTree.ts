import { buildFdt, FdtNode, node } from './fdt';
import { VIRT } from './virtLayout';

/**
 * The cpus' `riscv,isa` as QEMU 7.2 writes it for `-cpu rv32` with Hyperstep's extensions
 * (single letters in canonical order, then the Z extensions; Zihintpause's pause is a fence
 * hint every hart executes).
 */
export function virtIsaString(hypervisor: boolean): string {
  return `rv32imac${hypervisor ? 'h' : ''}_zicsr_zifencei_zihintpause`;
}

/** What a virt device tree describes besides memory, cpus, UART, PLIC and the test finisher. */
export interface VirtTreeParts {
  /** The CLINT (bare metal); a guest under a hypervisor has none (timers and IPIs go through SBI). */
  clint: boolean;
  /** The eight virtio-mmio slots (a VM's device models have them; the bare-metal board does not). */
  virtio: boolean;
  model: string;
}

const BOARD: VirtTreeParts = { clint: true, virtio: false, model: 'riscv-virtio,qemu' };

/**
 * The device tree of the virt board, shaped like the one QEMU generates (the boot ROM passes its
 * address in a1): memory, cpus with their interrupt controllers, the PLIC (M and S contexts per
 * hart), UART, test finisher and, per `parts`, the CLINT and the virtio-mmio slots.
 */
export function virtDeviceTree(memory: number, harts: number, isa: string, parts: VirtTreeParts = BOARD): Uint8Array {
  const intcPhandle = (h: number): number => 1 + h;
  const plicPhandle = harts + 1;
  const cpus: FdtNode[] = [];
  for (let h = 0; h < harts; h++) {
    cpus.push(node(`cpu@${h}`, {
      device_type: 'cpu', reg: h, status: 'okay', compatible: 'riscv', 'riscv,isa': isa, 'mmu-type': 'riscv,sv32',
    }, [node('interrupt-controller', {
      '#address-cells': 0, '#interrupt-cells': 1, 'interrupt-controller': true, compatible: 'riscv,cpu-intc', phandle: intcPhandle(h),
    })]));
  }
  const perHart = (bits: number[]): number[] => Array.from({ length: harts }, (_, h) => bits.flatMap((b) => [intcPhandle(h), b])).flat();
  const reg = (base: number, size: number): number[] => [0, base, 0, size];
  const virtio: FdtNode[] = [];
  if (parts.virtio) {
    for (let i = VIRT.virtioCount - 1; i >= 0; i--) {
      const base = VIRT.virtioBase + i * VIRT.virtioStride;
      virtio.push(node(`virtio_mmio@${base.toString(16)}`, {
        compatible: 'virtio,mmio', reg: reg(base, VIRT.virtioStride), 'interrupt-parent': plicPhandle, interrupts: VIRT.virtioIrq + i,
      }));
    }
  }
  const root = node('', {
    '#address-cells': 2, '#size-cells': 2, compatible: 'riscv-virtio', model: parts.model,
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
        'interrupts-extended': perHart([11, 9]), phandle: plicPhandle,
      }),
      ...(parts.clint ? [node(`clint@${VIRT.clintBase.toString(16)}`, {
        compatible: ['sifive,clint0', 'riscv,clint0'], reg: reg(VIRT.clintBase, VIRT.clintSize),
        'interrupts-extended': perHart([3, 7]),
      })] : []),
    ]),
  ]);
  return buildFdt(root);
}
