import type { Hart } from '../cpu/hart';
import { Access } from '../mmu/pmp';
import { HsmState, RESET_REASON, RESET_TYPE, SUSPEND_NON_RETENTIVE_BIT } from '../sbi/abi';
import type { SbiEnvironment } from '../sbi/environment';
import { VSSIP, VSTIP, Vcpu } from './vcpu';
import type { Vm, VmHost } from './vm';
import { PV_EID } from '../sbi/pvAbi';

/** What the SBI calls of a VM need from the VMM beyond VmHost. */
export interface VmSbiHost extends VmHost {
  /** The value of a machine identification CSR on the host (KVM passes the host's through). */
  machineId(which: 'mvendorid' | 'marchid' | 'mimpid'): number;
  /** Redirects a fault into the guest (the SBI call then does not return). */
  redirectToGuest(v: Vcpu, cause: number, tval: number): void;
  /** Drops cached guest translations of `vm` (hfence.vvma) on every hart. */
  flushGuestTranslations(vm: Vm, asid: number | undefined): void;
  /** Reboots the VM (SRST reboot types). */
  rebootVm(vm: Vm): void;
}

/** Suspension requested by sbi_hart_suspend, per vCPU. */
interface Suspension { nonRetentive: boolean; resumeAddr: number; opaque: number }

/**
 * The SBI as one VM sees it: the same call handlers as the bare-metal firmware (src/engine/sbi),
 * acting on this VM's vCPUs, its virtual timer (hvip.VSTIP), its console and its guest-physical
 * memory. Hart ids are vCPU indexes; "physical" addresses are guest-physical.
 */
export class VmSbi implements SbiEnvironment {
  private readonly suspended: (Suspension | undefined)[];

  constructor(private readonly vm: Vm, private readonly host: VmSbiHost) {
    this.suspended = vm.vcpus.map(() => undefined);
  }

  get hartCount(): number { return this.vm.vcpus.length; }

  /** Paravirtual VMs also have Hyperstep's PV extension (served by the VMM as hypercalls). */
  get vendorExtensions(): readonly number[] { return this.vm.paging.kind === 'paravirt' ? [PV_EID] : []; }

  machineId(which: 'mvendorid' | 'marchid' | 'mimpid'): number { return this.host.machineId(which); }

  hartStatus(hart: number): HsmState { return this.vm.vcpus[hart].hsm; }

  isExecutable(addr: number): boolean { return this.vm.memory.isRam(addr); }

  startHart(hart: number, addr: number, opaque: number): void {
    const v = this.vm.vcpus[hart];
    v.reset(addr, opaque);
    v.hsm = HsmState.Started;
    v.state = 'runnable';
    this.host.wake(v);
  }

  stopHart(hart: number): void {
    const v = this.vm.vcpus[hart];
    v.hsm = HsmState.Stopped;
    v.state = 'stopped';
  }

  suspendHart(hart: number, type: number, resumeAddr: number, opaque: number): void {
    const v = this.vm.vcpus[hart];
    this.suspended[hart] = { nonRetentive: ((type >>> 0) & SUSPEND_NON_RETENTIVE_BIT) !== 0, resumeAddr, opaque };
    v.hsm = HsmState.Suspended;
    v.state = 'halted';
  }

  /** Called when a suspended vCPU wakes: a non-retentive suspend resumes at its address. */
  resumed(v: Vcpu, h: Hart | undefined): void {
    const s = this.suspended[v.index];
    if (!s) return;
    this.suspended[v.index] = undefined;
    v.hsm = HsmState.Started;
    if (s.nonRetentive && h) {
      // As a fresh start: a0 = hart id, a1 = opaque, vsatp = 0, SIE = 0, at resume_addr.
      h.x.fill(0); h.x[10] = v.index; h.x[11] = s.opaque;
      h.vsatp = 0; h.vsstatus &= ~2; h.priv = 1; h.pc = s.resumeAddr | 0;
      h.contextChanged();
    }
  }

  setTimer(hart: number, lo: number, hi: number): void {
    const v = this.vm.vcpus[hart];
    const guestTime = (hi >>> 0) * 4294967296 + (lo >>> 0);
    v.timerDeadline = guestTime === 0xffffffffffffffff || hi >>> 0 === 0xffffffff ? Infinity : guestTime - this.vm.timeDelta;
    v.setPending(this.host.hartOf(v), VSTIP, false);
  }

  sendIpi(hart: number): void {
    const v = this.vm.vcpus[hart];
    const h = this.host.hartOf(v);
    if ((v.pending(h) & VSSIP) === 0) this.host.injected(v, 'VSSI', 'sbi ipi');
    v.setPending(h, VSSIP, true);
    if (v.state === 'halted' && v.wakeable(h)) this.host.wake(v);
  }

  clearIpi(hart: number): boolean {
    const v = this.vm.vcpus[hart];
    const h = this.host.hartOf(v);
    const was = (v.pending(h) & VSSIP) !== 0;
    v.setPending(h, VSSIP, false);
    return was;
  }

  remoteFenceI(): void { /* the code cache is coherent on every store */ }

  remoteSfenceVma(_hart: number, _start: number, _size: number | undefined, asid: number | undefined): void {
    this.host.flushGuestTranslations(this.vm, asid);
  }

  systemReset(type: number, reason: number): void {
    if (type === RESET_TYPE.SHUTDOWN) this.vm.end('shutdown', reason === RESET_REASON.SYSTEM_FAILURE ? 1 : 0);
    else this.host.rebootVm(this.vm);
  }

  /** As OpenSBI's uart8250 console: the byte goes out through the VM's UART (THR), so the guest sees its effects. */
  consolePutByte(byte: number): void {
    this.vm.uart.write(0, 1, byte & 0xff);
  }

  consoleGetByte(): number {
    const uart = this.vm.uart;
    if ((uart.read(5, 1) & 1) === 0) return -1; // LSR.DR: nothing received
    return uart.read(0, 1);
  }

  readMemory(addr: number, length: number): Uint8Array | undefined { return this.vm.memory.read(addr, length); }

  isWritableMemory(addr: number, length: number): boolean {
    return length === 0 || (this.vm.memory.isRam(addr) && this.vm.memory.isRam(addr + length - 1));
  }

  writeMemory(addr: number, bytes: Uint8Array): void {
    this.vm.memory.write(addr, bytes);
    for (let a = (addr & ~0xfff) >>> 0; a < addr + bytes.length; a += 4096) this.vm.paging.mapped(this.vm, a);
  }

  loadSupervisorWord(hart: number, va: number): number | undefined {
    const v = this.vm.vcpus[hart];
    const h = this.host.hartOf(v);
    if (!h) return undefined;
    // As HLV.W from the VMM: the guest's own translation (vsatp), then the G stage.
    const pa = h.gmmu!.translate(va, Access.Read, 1, h.vsatp, h.hgatp, true, false, false);
    if (pa < 0) { this.host.redirectToGuest(v, 13, va); return undefined; }
    return h.bus.read(pa, 4) | 0;
  }
}
