import { HSM_FID, HsmState, NOT_SUPPORTED, SBI_ERR, SBI_NO_RETURN, SUSPEND_NON_RETENTIVE_BIT, SUSPEND_TYPE, SbiCall, SbiOutcome, sbiReturn } from './abi';
import type { SbiEnvironment } from './environment';

/**
 * The Hart State Management extension (EID "HSM"): the state checks and error codes, following
 * the specification and OpenSBI's sbi_hsm.c. Secondary harts begin STOPPED (OpenSBI keeps
 * every hart but the boot hart waiting for sbi_hart_start).
 */
export function handleHsm(env: SbiEnvironment, hart: number, call: SbiCall): SbiOutcome {
  const [a0, a1, a2] = call.args;
  switch (call.fid) {
    case HSM_FID.HART_START: {
      if (a0 >= env.hartCount) return sbiReturn(SBI_ERR.INVALID_PARAM);
      const state = env.hartStatus(a0);
      if (state === HsmState.Started) return sbiReturn(SBI_ERR.ALREADY_AVAILABLE);
      // A hart on its way in or out of a state (or suspended) cannot be started: OpenSBI's EINVAL.
      if (state !== HsmState.Stopped) return sbiReturn(SBI_ERR.INVALID_PARAM);
      if (!env.isExecutable(a1)) return sbiReturn(SBI_ERR.INVALID_ADDRESS);
      env.startHart(a0, a1, a2);
      return sbiReturn(SBI_ERR.SUCCESS);
    }
    case HSM_FID.HART_STOP:
      if (env.hartStatus(hart) !== HsmState.Started) return sbiReturn(SBI_ERR.FAILED);
      env.stopHart(hart);
      return SBI_NO_RETURN;
    case HSM_FID.HART_GET_STATUS:
      if (a0 >= env.hartCount) return sbiReturn(SBI_ERR.INVALID_PARAM);
      return sbiReturn(SBI_ERR.SUCCESS, env.hartStatus(a0));
    case HSM_FID.HART_SUSPEND: {
      const type = a0 >>> 0;
      // Only the two default types exist here: the reserved ranges and the platform-specific
      // ranges (which this platform does not implement) are SBI_ERR_INVALID_PARAM, as the
      // specification says. (OpenSBI answers NOT_SUPPORTED for unimplemented platform types.)
      if (type !== SUSPEND_TYPE.DEFAULT_RETENTIVE && type !== SUSPEND_TYPE.DEFAULT_NON_RETENTIVE) {
        return sbiReturn(SBI_ERR.INVALID_PARAM);
      }
      const nonRetentive = (type & SUSPEND_NON_RETENTIVE_BIT) !== 0;
      if (nonRetentive && !env.isExecutable(a1)) return sbiReturn(SBI_ERR.INVALID_ADDRESS);
      env.suspendHart(hart, type, a1, a2);
      // Retentive: the ecall returns SUCCESS once the hart wakes. Non-retentive: it never returns.
      return nonRetentive ? SBI_NO_RETURN : sbiReturn(SBI_ERR.SUCCESS);
    }
    default: return NOT_SUPPORTED;
  }
}
