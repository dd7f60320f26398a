import { PRV_U, type Hart } from '../engine/cpu/hart';
import { ShadowStack } from '../engine/cpu/shadowStack';
import { csrByName } from '../engine/isa/csrs';
import type { Machine } from '../engine/machine/machine';
import type { ExitInProgress, Vcpu, Vm, Vmm } from '../engine/vmm';
import { ParavirtPaging } from '../engine/vmm/paravirtPaging';
import type { ShadowPaging } from '../engine/vmm/shadowPaging';
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
 *
 * A VM under shadow or paravirtual paging runs deprivileged: its kernel executes in U-mode with
 * V=0 and its privilege is virtual (`Vcpu.mode`); the VMM keeps its supervisor CSRs in the hart's
 * VS CSR fields all the same, so the names read the same. It has no G stage (no hgatp); the
 * hart's real satp holds the shadow of the guest's (`hardwareSatp`).
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

  /**
   * Whether the vCPU is in an exit that trapped into the VMM (so the trap's frame is on its call
   * stack), not one the VMM began itself (a host interrupt) or that has already resumed the hart.
   */
  inTrappedExit(thread: number): boolean {
    const h = this.hart(thread);
    if (!h || !this.exit(thread)) return false;
    return this.deprivileged(thread) ? h.virt || h.priv !== PRV_U : !h.virt;
  }

  /** Whether its VM runs deprivileged (shadow or paravirtual paging: U-mode, V=0), not with the H extension. */
  deprivileged(thread: number): boolean { return !this.vm(thread).paging.hardwareAssisted; }

  /**
   * The thread whose guest code hart `hart` executes now: a vCPU loaded there and in its guest
   * (V=1 with H; U-mode for a deprivileged one), not the VMM handling an exit.
   */
  guestOnHart(hart: number): number | undefined {
    const v = this.vmm.vcpuOn(hart), h = this.machine.harts[hart];
    if (!v || this.vmm.exitInProgress(hart)) return undefined;
    return (v.vm.paging.hardwareAssisted ? h.virt : !h.virt && h.priv === PRV_U) ? this.threadOf(v) : undefined;
  }

  /** The guest's privilege as the Variables view and stops name it: `VS (V=1)`, or `S (deprivileged: U-mode, V=0)`. */
  modeName(thread: number, priv = this.priv(thread)): string {
    if (!this.deprivileged(thread)) return `${priv === 1 ? 'VS' : 'VU'} (V=1)`;
    return priv === 1 ? 'S (deprivileged: U-mode, V=0)' : 'U (U-mode, V=0)';
  }

  /** The shadow (or paravirtual) paging of a deprivileged VM. */
  shadowPaging(thread: number): ShadowPaging | undefined {
    const p = this.vm(thread).paging;
    return p.hardwareAssisted ? undefined : p as ShadowPaging;
  }

  /**
   * The satp the hart walks for a deprivileged vCPU: the shadow of its guest's satp and view (the
   * hart's own satp while it is loaded; else the shadow the VMM would install, if it exists).
   */
  hardwareSatp(thread: number): number | undefined {
    const sp = this.shadowPaging(thread);
    if (!sp) return undefined;
    const h = this.hart(thread);
    if (h) return h.satp >>> 0;
    const v = this.vcpu(thread), g = v.guestCsrs(undefined);
    const r = sp.existingRoot(v.vm, g.vsatp, g.priv, g.vsstatus);
    return r ? (0x80000000 | (r.asid << 22) | (r.root / 4096)) >>> 0 : undefined;
  }

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

  /** hgatp as the VMM loads it for this VM (Sv32x4, VMID = VM id, the VM's G-stage root); none for a deprivileged VM. */
  hgatp(thread: number): number | undefined { return this.deprivileged(thread) ? undefined : this.vmm.nested.hgatp(this.vm(thread)) >>> 0; }

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

  /**
   * Writes a CSR the guest's way (S names are VS CSRs). Throws when it cannot be written. With
   * `trial` it only finds out (the value is written and put back, nothing else happens).
   */
  writeCsr(thread: number, name: string, value: number, trial = false): void {
    const n = GUEST_ALIAS[name] ?? name;
    const v = this.vcpu(thread), h = this.hart(thread), paging = v.vm.paging;
    const spec = csrByName(n);
    if (!spec) throw new Error(`unknown CSR '${name}'`);
    if (n === 'hgatp') throw new Error(`hgatp is the VMM's (the VM's G-stage table): it cannot be changed from the debugger`);
    if (n === 'vsatp' && paging instanceof ParavirtPaging) {
      throw new Error(`under paravirtual paging the VMM validates and pins a new root first: change satp from the guest (csrw satp, or the set_satp hypercall)`);
    }
    if (h) {
      const before = this.machine.readCsr(h.id, spec.num);
      if (before === undefined || !this.machine.writeCsr(h.id, spec.num, value)) throw new Error(`${name} cannot be written (read-only or not implemented)`);
      if (trial) { this.machine.writeCsr(h.id, spec.num, before); return; }
      // A deprivileged guest's translation is the VMM's shadow of its satp and sstatus: re-derive
      // it, as the VMM does after an emulated csrw (in an exit, its resume phase does).
      if ((n === 'vsatp' || n === 'vsstatus') && !paging.hardwareAssisted && this.inGuest(thread)) paging.enter(v, h);
      return;
    }
    if (!SAVED.includes(n)) throw new Error(`${v.name} is not on a hart: only its saved VS CSRs (${SAVED.join(', ')}) can be changed now`);
    if (!trial) v.setSavedCsr(n as SavedCsr, value);
  }

}
