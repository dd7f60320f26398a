import { Hart, MSTATUS, PRV_S, PRV_U } from '../cpu/hart';
import { HSTATUS } from '../cpu/hypervisorCsrs';
import { doSret } from '../cpu/traps';
import { FrameKind } from '../cpu/shadowStack';
import type { TrapAndEmulateOps } from './exitHandlers';
import { ParavirtPaging } from './paravirtPaging';
import type { ShadowPaging } from './shadowPaging';
import { deliverableInterrupt, emulatePrivileged, enterVirtualTrap } from './trapAndEmulate';
import type { Vcpu } from './vcpu';

/**
 * How the VMM goes back into a guest after an exit: an sret with SPV = 1 into VS/VU under the H
 * extension, an sret into U-mode for a deprivileged guest (its shadow view re-installed); a
 * redirected exception (KVM's trap redirect); a virtual interrupt a deprivileged guest has no
 * hardware to take.
 */

/** Back into the guest at `pc`, in the privilege it had (`guestPriv`: 1 VS, 0 VU). */
export function resumeGuest(h: Hart, vcpu: Vcpu, pc: number, guestPriv: number): void {
  if (!vcpu.vm.paging.hardwareAssisted) {
    vcpu.vm.paging.enter(vcpu, h);
    if (h.priv === PRV_U) { h.pc = pc | 0; return; }
    h.sepc = pc | 0;
    h.hstatus &= ~HSTATUS.SPV;
    h.mstatus &= ~MSTATUS.SPP;
    doSret(h);
    return;
  }
  if (h.virt) { h.pc = pc | 0; return; }
  h.sepc = pc | 0;
  h.hstatus = (h.hstatus & ~HSTATUS.SPVP) | HSTATUS.SPV | (guestPriv === PRV_S ? HSTATUS.SPVP : 0);
  h.mstatus = (h.mstatus & ~MSTATUS.SPP) | (guestPriv === PRV_S ? MSTATUS.SPP : 0);
  doSret(h);
}

/**
 * The guest takes `cause` as if the hardware had delegated it to it. A guest whose trap vector
 * itself cannot be fetched would trap forever: its VM is stopped with a message instead.
 */
export function redirectToGuest(h: Hart, vcpu: Vcpu, cause: number, tval: number, epc: number, guestPriv: number): void {
  const s = h.vsstatus;
  if ((h.vstvec & ~3) === (epc & ~3) && (cause === 1 || cause === 12 || cause === 20)) {
    vcpu.vm.end('failed', 1, `${vcpu.name}: the guest's trap vector 0x${(h.vstvec >>> 0).toString(16)} cannot be fetched ` +
      `(${cause === 1 ? 'instruction access fault' : 'instruction page fault'}): it would trap forever`);
    return;
  }
  if (!vcpu.vm.paging.hardwareAssisted) {
    const from = vcpu.mode;
    resumeGuest(h, vcpu, enterVirtualTrap(h, vcpu, cause, false, tval, epc), PRV_S);
    noteVirtualTrap(h, epc, from);
    return;
  }
  h.vsstatus = (s & ~(MSTATUS.SPP | MSTATUS.SPIE | MSTATUS.SIE)) | ((s & MSTATUS.SIE) ? MSTATUS.SPIE : 0) | (guestPriv === PRV_S ? MSTATUS.SPP : 0);
  h.vscause = cause; h.vstval = tval; h.vsepc = epc;
  resumeGuest(h, vcpu, h.vstvec & ~3, PRV_S);
}

/**
 * A deprivileged guest has no hardware to take its interrupts: when one is pending and enabled
 * (its sstatus.SIE in the kernel, always in user mode), the VMM enters the guest's handler.
 */
export function deliverVirtualInterrupt(h: Hart, v: Vcpu, inGuest: boolean): void {
  if (!inGuest || v.state !== 'running') return;
  const cause = deliverableInterrupt(h, v);
  if (cause < 0) return;
  const from = v.mode, epc = h.pc;
  h.pc = enterVirtualTrap(h, v, cause, true, 0, h.pc);
  noteVirtualTrap(h, epc, from);
  v.vm.paging.enter(v, h);
}

/**
 * Debugger bookkeeping only: a deprivileged guest's trap entry is the VMM's doing, so no hart
 * pushes its frame on the vCPU's shadow call stack; push it as the hardware does for a guest
 * under H (an emulated sret pops it: `noteVirtualReturn`). Nothing the guest sees changes.
 */
function noteVirtualTrap(h: Hart, epc: number, from: number): void { h.calls.push(epc, h.pc, FrameKind.Trap, from); }

/** Debugger bookkeeping only: an emulated sret ends the guest's trap frame (after the VMM's own sret resumed it). */
export function noteVirtualReturn(h: Hart | undefined): void { h?.calls.trapReturn(); }

/** The virtual supervisor and the shadow (or paravirtual) tables of a deprivileged vCPU on `h`. */
export function trapAndEmulateOps(h: Hart, vcpu: Vcpu, now: () => number): TrapAndEmulateOps {
  const vm = vcpu.vm, paging = vm.paging as ShadowPaging;
  return {
    emulate: (insn) => emulatePrivileged(h, vcpu, insn, now),
    fill: (gva, access) => paging.fill(vcpu, h, gva, access),
    writeGuest: (gpa, width, value) => {
      const why = paging instanceof ParavirtPaging ? paging.validateStore(vm, gpa, width, value) : undefined;
      if (!why) vm.memory.write(gpa, Uint8Array.from({ length: width }, (_, i) => (value >>> (8 * i)) & 0xff));
      return why;
    },
    ptWritten: (gpa) => paging.ptWritten(vm, gpa),
    fence: (va) => paging.fence(vm, va),
    sync: () => {
      if (paging instanceof ParavirtPaging) {
        const why = paging.validateRoot(vm, h.vsatp);
        if (why) { vm.end('failed', 1, `${vcpu.name}: its page table was refused: ${why}`); return; }
      }
      paging.enter(vcpu, h);
    },
  };
}
