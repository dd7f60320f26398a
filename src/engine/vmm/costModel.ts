/**
 * What VMM work costs, in host instructions. The VMM is TypeScript, so these are a model of a
 * hypervisor written for the hart, not a measurement; the clock advances by them, so guests see
 * exits take time and the paging modes compare fairly. The numbers follow the instruction counts
 * of KVM's RISC-V paths (arch/riscv/kvm/vcpu_switch.S saves and restores 31 guest and 14 host
 * registers plus 12 CSRs each way) and of examples/mini-hypervisor, whose exit paths you can
 * count in the debugger.
 */
export const COST = {
  /** Trap entry, saving the guest's registers, dispatch on scause; and the way back to sret. */
  worldSwitch: 110,
  /** Decoding an SBI call and returning sbiret. */
  sbiCall: 30,
  /** Per byte written to the console (DBCN write, putchar). */
  consoleByte: 12,
  /** Allocating a frame and writing a G-stage PTE (two-level walk, maybe a new table page). */
  gstageMap: 80,
  /** Zeroing a fresh 4 KiB frame (1024 stores plus the loop). */
  zeroPage: 1100,
  /** Fetching the faulting instruction (HLVX) and decoding it, when htinst is 0. */
  fetchDecode: 40,
  /** Decoding the instruction from htinst. */
  decode: 15,
  /** One device register access in the device model. */
  deviceAccess: 40,
  /** Injecting an interrupt (hvip) or redirecting an exception to the guest (vs* CSRs). */
  inject: 20,
  /** wfi: marking the vCPU halted and picking another. */
  halt: 30,
  /** A host timer interrupt: acknowledge, run the timer queue, maybe reschedule. */
  hostInterrupt: 60,
  /** Switching vCPUs on a hart: save one context and load another (on top of the world switch). */
  vcpuSwitch: 90,
  /** Emulating one privileged instruction of a deprivileged guest kernel (decode, CSR rules). */
  privileged: 60,
  /** A shadow fill: walking the guest's table in software (two levels, A/D) and writing a shadow PTE. */
  shadowFill: 150,
  /** Dropping one shadow entry (and its TLB entry). */
  shadowDrop: 20,
  /** Emulating a guest page-table store: decode, write, look up the shadows that depend on it. */
  ptWriteSync: 120,
  /** An emulated sfence.vma: walking the shadows to drop what it covers. */
  shadowSync: 80,
  /** A paravirtual hypercall's entry and argument checks (no instruction to fetch or decode). */
  hypercall: 25,
  /** Validating one PTE against the PV rules (ownership, read-only page tables, pinned targets). */
  pvValidate: 15,
  /** Writing one hardware entry while populating eagerly. */
  pvPopulate: 10,
} as const;

/**
 * One memory reference of a hardware page walk, in instruction times (1 ns at the machine's
 * nominal 1 instruction per ns). The engine's MMU charges no time for walks, so neither the
 * machine clock nor guests see them; `hyperstep compare` adds walkReferences x this as the
 * modeled walk time (ModeResult.walkTicks), which is where nested paging's 2-D walk (up to 8
 * references for Sv32 over Sv32x4, against 2 for a one-stage walk) shows. 10 is a PTE read that
 * misses the L1 data cache and hits L2, as page-table reads mostly do; DRAM would be ~10x.
 */
export const WALK_REFERENCE_COST = 10;
