import type { Hart } from '../cpu/hart';
import type { Vcpu } from './vcpu';
import type { Vm } from './vm';

/** The paging modes, as launch.json's `paging` and the CLI's `--vmm` name them. */
export const PAGING_KINDS = ['nested', 'shadow', 'paravirt'] as const;
export type PagingKind = typeof PAGING_KINDS[number];

/**
 * How a VM's guest-physical memory reaches the hardware: one strategy per paging mode, behind
 * this interface (as KVM's MMU backends are). The VM's P2M (GuestMemory) is the truth; a mode
 * projects it into whatever tables its hardware walks.
 */
export interface PagingMode {
  readonly kind: PagingKind;
  /**
   * Nested paging uses the H extension (the guest runs in VS/VU with V=1). The other modes run
   * the guest kernel deprivileged in U-mode with V=0, and the VMM emulates its supervisor
   * (trapAndEmulate.ts).
   */
  readonly hardwareAssisted: boolean;
  /** Prepares the VM's tables (once, when the VM is created). */
  attach(vm: Vm): void;
  /**
   * Loads the VM's translation on hart `h` for vCPU `vcpu` (hgatp for nested; the shadow of the
   * guest's current satp and privilege for shadow). Called again whenever those change.
   */
  enter(vcpu: Vcpu, h: Hart): void;
  /**
   * Guest page `gpa` is now backed in the P2M: make the hardware see it. Returns the host
   * instructions that cost (see costModel.ts).
   */
  mapped(vm: Vm, gpa: number): number;
  /** GPA -> HPA as the hardware tables say now (-1: not mapped); no side effects. */
  hardwareTranslate(vm: Vm, gpa: number): number;
  /** What panes and the debugger show about the mode's tables. */
  describe(vm: Vm): { hgatp?: number; root?: number; tablePages: number };
}
