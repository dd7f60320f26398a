import { NOT_SUPPORTED, RESET_REASON, RESET_TYPE, SBI_ERR, SBI_NO_RETURN, SRST_FID, SbiCall, SbiOutcome, sbiReturn } from './abi';
import type { SbiEnvironment } from './environment';

/**
 * The System Reset extension (EID "SRST"). Shutdown, cold reboot and warm reboot exist; with
 * reason "no reason" or "system failure". Reserved and vendor/implementation-specific types and
 * reasons are SBI_ERR_INVALID_PARAM (none is implemented), as in OpenSBI's sbi_ecall_srst.c.
 */
export function handleSrst(env: SbiEnvironment, call: SbiCall): SbiOutcome {
  if (call.fid !== SRST_FID.SYSTEM_RESET) return NOT_SUPPORTED;
  const [type, reason] = call.args;
  if (type !== RESET_TYPE.SHUTDOWN && type !== RESET_TYPE.COLD_REBOOT && type !== RESET_TYPE.WARM_REBOOT) {
    return sbiReturn(SBI_ERR.INVALID_PARAM);
  }
  if (reason !== RESET_REASON.NONE && reason !== RESET_REASON.SYSTEM_FAILURE) return sbiReturn(SBI_ERR.INVALID_PARAM);
  env.systemReset(type, reason);
  return SBI_NO_RETURN;
}
