import { NOT_SUPPORTED, SBI_ERR, SbiCall, SbiOutcome, TIME_FID, sbiReturn } from './abi';
import type { SbiEnvironment } from './environment';

/**
 * The Timer extension (EID "TIME"). On RV32 the 64-bit stime_value comes in a0 (low word) and
 * a1 (high word). Programming the timer also clears the pending S timer interrupt; a value in
 * the past raises it again at once. To cancel a timer, S-mode asks for (uint64_t)-1.
 */
export function handleTime(env: SbiEnvironment, hart: number, call: SbiCall): SbiOutcome {
  if (call.fid !== TIME_FID.SET_TIMER) return NOT_SUPPORTED;
  env.setTimer(hart, call.args[0], call.args[1]);
  return sbiReturn(SBI_ERR.SUCCESS);
}
