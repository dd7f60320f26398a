/**
 * The binary interface of Hyperstep's paravirtual SBI extension (docs/PARAVIRT.md): its id in
 * the vendor range, its functions by a6, and the layout of the shared vCPU page. The VMM serves
 * it; the assembler's previrtualization emits calls to it.
 */
export const PV_EID = 0x09485056;
export const PV_FUNCTIONS = ['get_version', 'mmu_update', 'set_satp', 'pin_table', 'unpin_table', 'flush', 'set_shared', 'console_write', 'priv'] as const;
/** a6 of `priv`, the call previrtualized sequences make. */
export const PV_FUNCTION_PRIV = 8;
/** Byte offsets in the shared vCPU page. */
export const PV_SHARED = { sie: 0, pending: 4, sepc: 8, scause: 12, stval: 16, sstatus: 20 } as const;
