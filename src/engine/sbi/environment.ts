import type { HsmState } from './abi';

/**
 * Where an SBI call's effects land. The call handlers (base.ts, timer.ts, ipi.ts, hsm.ts,
 * system.ts, console.ts, legacy.ts) decode arguments, validate them and pick the result; they
 * change nothing themselves and only ask an environment to act.
 *
 * Two environments implement this:
 * - the bare-metal firmware (firmware.ts): harts of the machine, the CLINT, the UART, the test
 *   finisher, as OpenSBI drives them on QEMU virt;
 * - the VMM (src/engine/vmm, later): vCPUs of one VM, its virtual timer, its console.
 *
 * "Hart" below means a hart id as the supervisor numbers them (for the VMM, a vCPU index);
 * "physical" means what the supervisor sees as physical (for the VMM, guest-physical).
 * Addresses and values are unsigned 32-bit numbers.
 */
export interface SbiEnvironment {
  /** Hart ids are 0 .. hartCount-1. */
  readonly hartCount: number;
  /** Vendor extensions served elsewhere (e.g. the VMM's paravirtual one): probe reports them. */
  readonly vendorExtensions?: readonly number[];

  /** sbi_get_mvendorid / marchid / mimpid: legal values for those CSRs. */
  machineId(which: 'mvendorid' | 'marchid' | 'mimpid'): number;

  // ---- HSM ----
  /** The HSM state of hart `hart` (< hartCount). */
  hartStatus(hart: number): HsmState;
  /** Whether the supervisor may execute at physical address `addr` (hart_start, non-retentive suspend). */
  isExecutable(addr: number): boolean;
  /** Starts a STOPPED hart in S-mode at `addr` with a0 = hart, a1 = opaque, satp = 0, sstatus.SIE = 0. */
  startHart(hart: number, addr: number, opaque: number): void;
  /** Stops the calling hart (it is STARTED); it runs nothing until started again. */
  stopHart(hart: number): void;
  /**
   * Suspends the calling hart until an interrupt is pending for it. Retentive (`type` bit 31
   * clear): the hart then continues after its ecall, which returns SBI_SUCCESS (the handler's
   * outcome). Non-retentive: it resumes in S-mode at `resumeAddr` with a0 = hart, a1 = opaque,
   * satp = 0, sstatus.SIE = 0.
   */
  suspendHart(hart: number, type: number, resumeAddr: number, opaque: number): void;

  // ---- TIME ----
  /** Programs hart `hart`'s next timer event at time (hi:lo) and clears its pending S timer interrupt. */
  setTimer(hart: number, lo: number, hi: number): void;

  // ---- IPI ----
  /** Raises a supervisor software interrupt (sip.SSIP) on hart `hart`. */
  sendIpi(hart: number): void;
  /** Clears the calling hart's sip.SSIP; returns whether it was pending (legacy clear_ipi). */
  clearIpi(hart: number): boolean;

  // ---- RFENCE ----
  /** fence.i on hart `hart`. */
  remoteFenceI(hart: number): void;
  /**
   * sfence.vma on hart `hart` for virtual addresses [start, start + size) or, when `size` is
   * undefined, for the whole address space; `asid` undefined means every ASID.
   */
  remoteSfenceVma(hart: number, start: number, size: number | undefined, asid: number | undefined): void;

  // ---- SRST ----
  /** Shuts down or reboots the system (type and reason already validated). Does not return to the caller. */
  systemReset(type: number, reason: number): void;

  // ---- console (DBCN and the legacy putchar/getchar) ----
  /** Writes one byte to the console, waiting until it is accepted. */
  consolePutByte(byte: number): void;
  /** Reads one byte from the console, or returns -1 when none is waiting. */
  consoleGetByte(): number;
  /**
   * `length` bytes of supervisor-accessible physical memory at `addr`, or undefined when any of
   * them is not memory the supervisor may read (the call then fails with SBI_ERR_INVALID_PARAM).
   */
  readMemory(addr: number, length: number): Uint8Array | undefined;
  /** Whether [addr, addr + length) is memory the supervisor may write. */
  isWritableMemory(addr: number, length: number): boolean;
  /** Writes bytes into supervisor-accessible physical memory (checked with isWritableMemory first). */
  writeMemory(addr: number, bytes: Uint8Array): void;

  // ---- legacy calls that take pointers ----
  /**
   * Loads the word at supervisor virtual address `va` as the supervisor would (legacy hart-mask
   * pointers). Undefined when the load faulted: the environment has then redirected the fault
   * to the supervisor with sepc at the ecall, as OpenSBI does, and the call does not return.
   */
  loadSupervisorWord(hart: number, va: number): number | undefined;
}
