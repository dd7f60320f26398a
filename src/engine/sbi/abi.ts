/*
 * The SBI binary interface (RISC-V SBI specification v2.0, "Binary Encoding"): extension and
 * function ids, error codes, HSM states, reset types, and the shape of a call and its outcome.
 * Nothing here knows where a call's effects land; see environment.ts.
 */

/** SBI specification version this implementation reports: 2.0 (major in bits 30:24, minor in 23:0). */
export const SBI_SPEC_VERSION = (2 << 24) | 0;

/**
 * Implementation id returned by sbi_get_impl_id. The specification assigns 0..11 (BBL, OpenSBI,
 * Xvisor, KVM, RustSBI, Diosix, Coffer, Xen, PolarFire HSS, coreboot, oreboot, bhyve); Hyperstep
 * is not registered, so it uses the ASCII tag "HSTP", far from the sequentially assigned ids.
 */
export const HYPERSTEP_SBI_IMPL_ID = 0x48535450;
/** Implementation version: (major << 16) | minor, as OpenSBI encodes its own. 0.1 */
export const HYPERSTEP_SBI_IMPL_VERSION = (0 << 16) | 1;

/** Extension ids. */
export const EID = {
  LEGACY_SET_TIMER: 0x00,
  LEGACY_CONSOLE_PUTCHAR: 0x01,
  LEGACY_CONSOLE_GETCHAR: 0x02,
  LEGACY_CLEAR_IPI: 0x03,
  LEGACY_SEND_IPI: 0x04,
  LEGACY_REMOTE_FENCE_I: 0x05,
  LEGACY_REMOTE_SFENCE_VMA: 0x06,
  LEGACY_REMOTE_SFENCE_VMA_ASID: 0x07,
  LEGACY_SHUTDOWN: 0x08,
  BASE: 0x10,
  TIME: 0x54494d45, // "TIME"
  IPI: 0x735049, // "sPI"
  RFENCE: 0x52464e43, // "RFNC"
  HSM: 0x48534d, // "HSM"
  SRST: 0x53525354, // "SRST"
  DBCN: 0x4442434e, // "DBCN"
} as const;

/** Legacy extensions occupy EIDs 0x00..0x0F: a6 is ignored, only a0 is written back. */
export function isLegacyEid(eid: number): boolean { return (eid >>> 0) <= 0x0f; }

/** Function ids, per extension. */
export const BASE_FID = { GET_SPEC_VERSION: 0, GET_IMPL_ID: 1, GET_IMPL_VERSION: 2, PROBE_EXTENSION: 3, GET_MVENDORID: 4, GET_MARCHID: 5, GET_MIMPID: 6 } as const;
export const TIME_FID = { SET_TIMER: 0 } as const;
export const IPI_FID = { SEND_IPI: 0 } as const;
export const RFENCE_FID = {
  FENCE_I: 0, SFENCE_VMA: 1, SFENCE_VMA_ASID: 2, HFENCE_GVMA_VMID: 3, HFENCE_GVMA: 4, HFENCE_VVMA_ASID: 5, HFENCE_VVMA: 6,
} as const;
export const HSM_FID = { HART_START: 0, HART_STOP: 1, HART_GET_STATUS: 2, HART_SUSPEND: 3 } as const;
export const SRST_FID = { SYSTEM_RESET: 0 } as const;
export const DBCN_FID = { CONSOLE_WRITE: 0, CONSOLE_READ: 1, CONSOLE_WRITE_BYTE: 2 } as const;

/** Standard SBI error codes (sbiret.error). */
export const SBI_ERR = {
  SUCCESS: 0,
  FAILED: -1,
  NOT_SUPPORTED: -2,
  INVALID_PARAM: -3,
  DENIED: -4,
  INVALID_ADDRESS: -5,
  ALREADY_AVAILABLE: -6,
  ALREADY_STARTED: -7,
  ALREADY_STOPPED: -8,
  NO_SHMEM: -9,
  INVALID_STATE: -10,
  BAD_RANGE: -11,
} as const;

/** HSM hart states (sbi_hart_get_status values). */
export const enum HsmState {
  Started = 0,
  Stopped = 1,
  StartPending = 2,
  StopPending = 3,
  Suspended = 4,
  SuspendPending = 5,
  ResumePending = 6,
}

/** sbi_hart_suspend types the specification defines a default for. */
export const SUSPEND_TYPE = { DEFAULT_RETENTIVE: 0x00000000, DEFAULT_NON_RETENTIVE: 0x80000000 } as const;
/** Bit 31 of the suspend type: the hart loses its state and resumes at resume_addr. */
export const SUSPEND_NON_RETENTIVE_BIT = 0x80000000;

/** sbi_system_reset types and reasons. */
export const RESET_TYPE = { SHUTDOWN: 0, COLD_REBOOT: 1, WARM_REBOOT: 2 } as const;
export const RESET_REASON = { NONE: 0, SYSTEM_FAILURE: 1 } as const;

/** One ecall as the supervisor made it: a7 = eid, a6 = fid, a0..a5 = arguments (all unsigned). */
export interface SbiCall {
  eid: number;
  fid: number;
  args: readonly number[];
}

/**
 * What the caller sees when the call completes:
 * - `return`: an SBI v0.2+ call returns sbiret { error (a0), value (a1) } and resumes after the ecall;
 * - `legacy`: a legacy call returns one value in a0 (a1 is preserved) and resumes after the ecall;
 * - `none`: the call does not return to its caller: the hart stopped, resumes elsewhere
 *   (non-retentive suspend), the system reset, or a fault was redirected to the supervisor.
 */
export type SbiOutcome =
  | { kind: 'return'; error: number; value: number }
  | { kind: 'legacy'; value: number }
  | { kind: 'none' };

export function sbiReturn(error: number, value = 0): SbiOutcome { return { kind: 'return', error, value: value | 0 }; }
export function sbiLegacy(value: number): SbiOutcome { return { kind: 'legacy', value: value | 0 }; }
export const SBI_NO_RETURN: SbiOutcome = { kind: 'none' };
export const NOT_SUPPORTED: SbiOutcome = sbiReturn(SBI_ERR.NOT_SUPPORTED);

/** Reads an SBI call out of a register file (x[10..17] = a0..a7). */
export function sbiCallFromRegisters(x: ArrayLike<number>): SbiCall {
  return {
    eid: x[17] >>> 0,
    fid: x[16] >>> 0,
    args: [x[10] >>> 0, x[11] >>> 0, x[12] >>> 0, x[13] >>> 0, x[14] >>> 0, x[15] >>> 0],
  };
}

/** Readable names for extension ids (statistics, panes, logs). */
const EXTENSION_NAMES = new Map<number, string>(Object.entries(EID).map(([name, id]) => [id as number, name]));

export function extensionName(eid: number): string {
  const e = eid >>> 0;
  return EXTENSION_NAMES.get(e) ?? `0x${e.toString(16)}`;
}
