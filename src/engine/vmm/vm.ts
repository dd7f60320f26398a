import type { Hart } from '../cpu/hart';
import type { DeviceEvent, HartInterruptLines, MachineClock, MmioDevice } from '../devices/device';
import { Plic } from '../devices/plic';
import { TestFinisher } from '../devices/testFinisher';
import { Uart16550 } from '../devices/uart16550';
import type { ElfImage } from '../loader/elf';
import { IRQ, VIRT } from '../machine/virtLayout';
import { HsmState } from '../sbi/abi';
import { guestDeviceTree } from './guestDeviceTree';
import { virtIsaString } from '../machine/virtDeviceTree';
import { GuestMemory } from './guestMemory';
import type { PagingMode } from './pagingMode';
import { Vcpu, VSEIP } from './vcpu';
import { VirtioMmioSlot } from './virtioMmioSlot';

/** What a VM needs from the VMM that runs it. */
export interface VmHost extends MachineClock {
  /** The hart vCPU `v` is loaded on, if any. */
  hartOf(v: Vcpu): Hart | undefined;
  /** A vCPU became runnable (started, or an interrupt woke it). */
  wake(v: Vcpu): void;
  /** Records an interrupt injection (a VS interrupt newly pending). */
  injected(v: Vcpu, irq: 'VSSI' | 'VSTI' | 'VSEI', source: string): void;
  /** Reports a device event (console bytes) to the machine's listeners. */
  emit(e: DeviceEvent): void;
  /** The VM ended (SRST, the test finisher, or a fatal guest error). */
  vmEnded(vm: Vm): void;
}

export type VmRunState = 'running' | 'shutdown' | 'failed';

/** Guest RAM begins where the virt board's DRAM does. */
export const GUEST_RAM_BASE = VIRT.dramBase;

/**
 * One virtual machine: guest-physical RAM (a P2M over host frames), vCPUs, and trap-and-emulate
 * device models at the virt board's addresses (PLIC, 16550 UART, test finisher, empty virtio
 * slots) built from the same device classes as the board, so a guest sees the same devices as
 * bare metal. The device tree it boots with describes exactly these.
 */
export class Vm implements HartInterruptLines {
  readonly vcpus: Vcpu[] = [];
  readonly plic: Plic;
  readonly uart: Uart16550;
  readonly devices: MmioDevice[];
  state: VmRunState = 'running';
  exitCode = 0;
  /** Why the VM failed, for the user. */
  message = '';
  /** Guest time = host mtime + timeDelta (htimedelta): guest time starts at 0 when it boots. */
  timeDelta = 0;
  /** Guest-physical address of the device tree passed in a1. */
  dtbAddress = 0;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly image: ElfImage,
    readonly memory: GuestMemory,
    vcpuCount: number,
    readonly paging: PagingMode,
    private readonly host: VmHost,
  ) {
    for (let i = 0; i < vcpuCount; i++) this.vcpus.push(new Vcpu(this, i));
    const emit = (e: DeviceEvent): void => this.deviceEvent(e);
    this.plic = new Plic(VIRT.plicBase, vcpuCount, this);
    this.uart = new Uart16550(`${name}.uart0`, VIRT.uart0Base, this.plic, VIRT.uart0Irq, emit, host);
    this.devices = [this.plic, this.uart, new TestFinisher(VIRT.testBase, emit)];
    for (let i = 0; i < VIRT.virtioCount; i++) this.devices.push(new VirtioMmioSlot(`virtio${i}`, VIRT.virtioBase + i * VIRT.virtioStride));
  }

  /** The device model decoding guest-physical `gpa`. */
  deviceAt(gpa: number): MmioDevice | undefined {
    for (const d of this.devices) if (gpa >= d.base && gpa - d.base < d.size) return d;
    return undefined;
  }

  /** Loads the image and device tree into guest memory and resets vCPUs and devices: vCPU 0 runs. */
  boot(now: number): void {
    for (const seg of this.image.segments) {
      const data = seg.memsz > seg.data.length ? padded(seg.data, seg.memsz) : seg.data;
      if (!this.memory.write(seg.paddr, data)) {
        throw new RangeError(`${this.name}: the image's segment at 0x${seg.paddr.toString(16)} is outside guest RAM ` +
          `(0x${this.memory.base.toString(16)}..0x${(this.memory.base + this.memory.size).toString(16)})`);
      }
      for (let a = (seg.paddr & ~0xfff) >>> 0; a < seg.paddr + data.length; a += 4096) this.paging.mapped(this, a);
    }
    if (!this.memory.isRam(this.image.entry)) throw new RangeError(`${this.name}: entry point 0x${(this.image.entry >>> 0).toString(16)} is outside guest RAM`);
    // A guest's harts have no H (no nested virtualization): QEMU 7.2's string for such a hart.
    const dtb = guestDeviceTree(this.memory.size, this.vcpus.length, virtIsaString(false));
    const end = this.memory.base + this.memory.size;
    const align = this.memory.size >= 4 * 0x200000 ? 0x200000 : 0x1000;
    this.dtbAddress = Math.floor((end - dtb.length) / align) * align;
    this.memory.write(this.dtbAddress, dtb);
    for (let a = this.dtbAddress; a < this.dtbAddress + dtb.length; a += 4096) this.paging.mapped(this, a);
    this.plic.reset();
    this.uart.reset();
    // Guest time starts at 0. Deprivileged guests read the real time CSR (no htimedelta): theirs is the host's.
    this.timeDelta = this.paging.hardwareAssisted ? -now : 0;
    this.state = 'running';
    this.exitCode = 0;
    this.message = '';
    for (const v of this.vcpus) {
      v.reset(this.image.entry, this.dtbAddress);
      v.hsm = v.index === 0 ? HsmState.Started : HsmState.Stopped;
      v.state = v.index === 0 ? 'runnable' : 'stopped';
    }
  }

  /** Puts the VM's translation and time on hart `h` for one of its vCPUs. */
  enterOn(h: Hart, vcpu: Vcpu): void {
    this.paging.enter(vcpu, h);
    const d = this.timeDelta;
    h.htimedelta = d | 0;
    h.htimedeltah = Math.floor(d / 4294967296) | 0;
  }

  /** Guest time now (what its `time` CSR reads). */
  guestTime(): number { return this.host.mtime() + this.timeDelta; }

  /** Ends the VM: its vCPUs stop, the VMM is told. */
  end(state: 'shutdown' | 'failed', code: number, message = ''): void {
    if (this.state !== 'running') return;
    this.state = state;
    this.exitCode = code;
    this.message = message;
    for (const v of this.vcpus) v.state = 'stopped';
    this.host.vmEnded(this);
  }

  // ---- HartInterruptLines (the VM's PLIC drives its vCPUs' VS external interrupt) ----

  setHartIrq(vcpu: number, mipBit: number, level: boolean): void {
    if (mipBit !== IRQ.SEI) return; // the M-mode contexts lead nowhere inside a VM
    const v = this.vcpus[vcpu];
    if (!v) return;
    const h = this.host.hartOf(v);
    const was = (v.pending(h) & VSEIP) !== 0;
    v.setPending(h, VSEIP, level);
    if (level && !was) this.host.injected(v, 'VSEI', 'plic');
    if (level && v.state === 'halted' && v.wakeable(h)) this.host.wake(v);
  }

  private deviceEvent(e: DeviceEvent): void {
    if (e.kind === 'exit') this.end('shutdown', e.code);
    else if (e.kind === 'reset') this.end('shutdown', 0, 'reset requested by the guest');
    else this.host.emit(e);
  }

  snapshot(): unknown {
    return {
      state: this.state, exitCode: this.exitCode, message: this.message, timeDelta: this.timeDelta, dtbAddress: this.dtbAddress,
      memory: this.memory.snapshot(), plic: this.plic.snapshot(), uart: this.uart.snapshot(), vcpus: this.vcpus.map((v) => v.snapshot()),
    };
  }

  restore(s: unknown): void {
    const v = s as { state: VmRunState; exitCode: number; message: string; timeDelta: number; dtbAddress: number;
      memory: Parameters<GuestMemory['restore']>[0]; plic: unknown; uart: unknown; vcpus: unknown[] };
    this.state = v.state; this.exitCode = v.exitCode; this.message = v.message; this.timeDelta = v.timeDelta; this.dtbAddress = v.dtbAddress;
    this.memory.restore(v.memory);
    this.plic.restore(v.plic);
    this.uart.restore(v.uart);
    this.vcpus.forEach((c, i) => c.restore(v.vcpus[i]));
  }
}

function padded(data: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(data);
  return out;
}
