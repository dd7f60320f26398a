import type { Hart } from '../engine/cpu/hart';
import { ShadowStack } from '../engine/cpu/shadowStack';
import { csrByName } from '../engine/isa/csrs';
import type { Machine } from '../engine/machine/machine';
import type { ExitInProgress, Vcpu, Vm, Vmm } from '../engine/vmm';
import { VmContext, vmContext } from './launchConfig';
import { PC } from './registers';

/**
 * The debugger's threads under the built-in VMM: one per vCPU (`vm1/vcpu0`), numbered in the
 * VMM's creation order. A vCPU is on a hart (running the guest, or in a VM exit the VMM is
 * handling) or not (runnable, halted, stopped); its registers and CSRs come from the hart or from
 * the state the VMM saved (Vcpu.register/guestCsrs), so every thread can be inspected at any stop.
 *
 * Names are read as the guest reads them: `sstatus`, `satp`, `scause`... are its VS CSRs, `time`
 * its guest time (htimedelta applied), `hgatp` its VM's G-stage root. Other CSRs (hstatus,
 * htval, the counters) are the hart's and exist only while the vCPU is on one.
 */

/** S CSR names as VS-mode reads them (V=1 redirects each to its VS CSR). */
const GUEST_ALIAS: Record<string, string> = {
  sstatus: 'vsstatus', sie: 'vsie', sip: 'vsip', stvec: 'vstvec', sscratch: 'vsscratch', sepc: 'vsepc',
  scause: 'vscause', stval: 'vstval', satp: 'vsatp',
};
type SavedCsr = 'vsstatus' | 'vstvec' | 'vsscratch' | 'vsepc' | 'vscause' | 'vstval' | 'vsatp';
const SAVED: readonly string[] = ['vsstatus', 'vstvec', 'vsscratch', 'vsepc', 'vscause', 'vstval', 'vsatp'];

export class VmmThreads {
  constructor(readonly vmm: Vmm, private readonly machine: Machine) {}

  get count(): number { return this.vmm.vcpus.length; }

  vcpu(thread: number): Vcpu {
    const v = this.vmm.vcpus[thread];
    if (!v) throw new Error(`no thread ${thread + 1} (threads are 1..${this.count}: ${this.vmm.vcpus.map((x) => x.name).join(', ')})`);
    return v;
  }

  threadOf(v: Vcpu): number { return this.vmm.vcpus.indexOf(v); }

  name(thread: number): string { return this.vcpu(thread).name; }

  /** The thread whose vCPU is loaded on hart `hart`, if any. */
  threadOnHart(hart: number): number | undefined {
    const v = this.vmm.vcpuOn(hart);
    return v ? this.threadOf(v) : undefined;
  }

  /** `vm1` (vCPU 0) or `vm1/vcpu1`: a thread by name; undefined when there is none. */
  find(vmName: string, vcpu = 0): number | undefined {
    const vm = this.vmm.vmByName(vmName);
    const v = vm?.vcpus[vcpu];
    return v ? this.threadOf(v) : undefined;
  }

  context(thread: number): VmContext { return vmContext(this.vcpu(thread).vm.name); }

  /** The hart the vCPU is loaded on (in the guest or in an exit), if any. */
  hart(thread: number): Hart | undefined { return this.vmm.hartOf(this.vcpu(thread)); }

  /** The VM exit the VMM is handling for this vCPU, if it is in the middle of one. */
  exit(thread: number): ExitInProgress | undefined {
    const h = this.hart(thread);
    return h ? this.vmm.exitInProgress(h.id) : undefined;
  }

  /** Whether the vCPU runs guest code on a hart now (loaded, and not in an exit). */
  inGuest(thread: number): boolean { return this.hart(thread) !== undefined && this.exit(thread) === undefined; }

  /** The guest's call stack (the VMM swaps it onto the hart with the vCPU). */
  calls(thread: number): ShadowStack { return this.vcpu(thread).calls; }

  /** Where the guest executes next; in an exit, where it left the guest. */
  pc(thread: number): number {
    const e = this.exit(thread);
    return e ? e.exit.pc >>> 0 : this.vcpu(thread).register(this.hart(thread), 32);
  }

  /** The guest's privilege: 1 VS, 0 VU. */
  priv(thread: number): number {
    const e = this.exit(thread);
    if (e) return e.exit.guestPriv;
    return this.vcpu(thread).guestCsrs(this.hart(thread)).priv;
  }

  register(thread: number, i: number): number {
    return i === PC ? this.pc(thread) : this.vcpu(thread).register(this.hart(thread), i);
  }

  setRegister(thread: number, i: number, value: number): void {
    if (i === 0) throw new Error('x0 (zero) is hardwired to 0');
    if (i === PC && this.exit(thread)) throw new Error(`${this.name(thread)} is in a VM exit: its pc is where it left the guest; step out of the exit to change it`);
    this.vcpu(thread).setRegister(this.hart(thread), i, value);
  }

  vm(thread: number): Vm { return this.vcpu(thread).vm; }

  /** hgatp as the VMM loads it for this VM (Sv32x4, VMID = VM id, the VM's G-stage root). */
  hgatp(thread: number): number { return this.vmm.nested.hgatp(this.vm(thread)) >>> 0; }

  vsatp(thread: number): number { return this.vcpu(thread).guestCsrs(this.hart(thread)).vsatp >>> 0; }

  vsstatus(thread: number): number { return this.vcpu(thread).guestCsrs(this.hart(thread)).vsstatus >>> 0; }

  /** A CSR by name as the guest sees it (see the class comment); undefined when it cannot be read. */
  csr(thread: number, name: string): number | undefined {
    const n = GUEST_ALIAS[name] ?? name;
    const v = this.vcpu(thread), h = this.hart(thread), g = v.guestCsrs(h);
    if (n === 'hgatp') return this.hgatp(thread);
    if (n === 'time' || n === 'timeh') { const t = v.vm.guestTime(); return n === 'time' ? t >>> 0 : Math.floor(t / 4294967296) >>> 0; }
    if (SAVED.includes(n)) return g[n as SavedCsr] >>> 0;
    // VS-level interrupt bits shift down one place in vsip/vsie (VSSIP 2 -> SSIP 1, ...).
    if (n === 'vsip') return (g.hvip >>> 1) & 0x222;
    if (n === 'vsie') return (g.hie >>> 1) & 0x222;
    if (n === 'hvip') return g.hvip >>> 0;
    const spec = csrByName(n);
    return spec && h ? this.machine.readCsr(h.id, spec.num) : undefined;
  }

  /** Writes a CSR the guest's way (S names are VS CSRs). Throws when it cannot be written. */
  writeCsr(thread: number, name: string, value: number): void {
    const n = GUEST_ALIAS[name] ?? name;
    const v = this.vcpu(thread), h = this.hart(thread);
    const spec = csrByName(n);
    if (!spec) throw new Error(`unknown CSR '${name}'`);
    if (n === 'hgatp') throw new Error(`hgatp is the VMM's (the VM's G-stage table): it cannot be changed from the debugger`);
    if (h) {
      const before = this.machine.readCsr(h.id, spec.num);
      if (before === undefined || !this.machine.writeCsr(h.id, spec.num, value)) throw new Error(`${name} cannot be written (read-only or not implemented)`);
      return;
    }
    if (!SAVED.includes(n)) throw new Error(`${v.name} is not on a hart: only its saved VS CSRs (${SAVED.join(', ')}) can be changed now`);
    v.setSavedCsr(n as SavedCsr, value);
  }
}
