import { EID, HsmState, RESET_REASON, RESET_TYPE, SBI_ERR, SBI_NO_RETURN, SbiCall, SbiOutcome, sbiLegacy } from './abi';
import type { SbiEnvironment } from './environment';
import { selectHarts } from './hartMask';
import { fenceI, sendIpis, sfenceVma } from './ipi';

/**
 * The legacy extensions (SBI v0.1, EIDs 0x00..0x0F): a6 is ignored and only a0 comes back
 * (a1 is preserved). The IPI and remote-fence calls take a pointer to a hart mask in supervisor
 * virtual memory (NULL: every started hart), which is loaded as the supervisor would, so a bad
 * pointer traps back into the supervisor with sepc at the ecall, as under OpenSBI.
 */
export const LEGACY_EIDS = [
  EID.LEGACY_SET_TIMER, EID.LEGACY_CONSOLE_PUTCHAR, EID.LEGACY_CONSOLE_GETCHAR, EID.LEGACY_CLEAR_IPI,
  EID.LEGACY_SEND_IPI, EID.LEGACY_REMOTE_FENCE_I, EID.LEGACY_REMOTE_SFENCE_VMA, EID.LEGACY_REMOTE_SFENCE_VMA_ASID,
  EID.LEGACY_SHUTDOWN,
] as const;

export function handleLegacy(env: SbiEnvironment, hart: number, call: SbiCall): SbiOutcome {
  const [a0, a1, a2, a3] = call.args;
  switch (call.eid) {
    case EID.LEGACY_SET_TIMER:
      env.setTimer(hart, a0, a1);
      return sbiLegacy(0);
    case EID.LEGACY_CONSOLE_PUTCHAR:
      env.consolePutByte(a0 & 0xff);
      return sbiLegacy(0);
    case EID.LEGACY_CONSOLE_GETCHAR:
      return sbiLegacy(env.consoleGetByte());
    case EID.LEGACY_CLEAR_IPI:
      return sbiLegacy(env.clearIpi(hart) ? 1 : 0);
    case EID.LEGACY_SEND_IPI: case EID.LEGACY_REMOTE_FENCE_I: case EID.LEGACY_REMOTE_SFENCE_VMA: case EID.LEGACY_REMOTE_SFENCE_VMA_ASID: {
      const mask = loadHartMask(env, hart, a0);
      if (mask === undefined) return SBI_NO_RETURN; // the load faulted: the supervisor takes the trap
      const harts = selectHarts(env, mask, 0);
      if (typeof harts === 'number') return sbiLegacy(harts);
      if (call.eid === EID.LEGACY_SEND_IPI) sendIpis(env, harts);
      else if (call.eid === EID.LEGACY_REMOTE_FENCE_I) fenceI(env, harts);
      else sfenceVma(env, harts, a1, a2, call.eid === EID.LEGACY_REMOTE_SFENCE_VMA_ASID ? a3 : undefined);
      return sbiLegacy(0);
    }
    case EID.LEGACY_SHUTDOWN:
      env.systemReset(RESET_TYPE.SHUTDOWN, RESET_REASON.NONE);
      return SBI_NO_RETURN;
    default:
      return sbiLegacy(SBI_ERR.NOT_SUPPORTED);
  }
}

/** *mask_ptr, or every started hart for a NULL pointer (harts 0..31: one word of mask on RV32). */
function loadHartMask(env: SbiEnvironment, hart: number, va: number): number | undefined {
  if (va === 0) {
    let m = 0;
    for (let h = 0; h < Math.min(env.hartCount, 32); h++) if (env.hartStatus(h) === HsmState.Started) m |= 1 << h;
    return m >>> 0;
  }
  return env.loadSupervisorWord(hart, va);
}
