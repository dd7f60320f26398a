import { HsmState, SBI_ERR } from './abi';
import type { SbiEnvironment } from './environment';

/** hart_mask_base = -1: every available hart, hart_mask ignored. */
export const HART_MASK_BASE_ALL = 0xffffffff;

/** A hart can take an IPI or remote fence when it runs or sleeps in a retentive state. */
export function isInterruptible(state: HsmState): boolean {
  return state === HsmState.Started || state === HsmState.Suspended;
}

/**
 * Decodes an SBI hart list (hart_mask, hart_mask_base) into hart ids, or an SBI error code.
 * Follows OpenSBI's sbi_ipi_send_many(): base -1 selects every interruptible hart; otherwise
 * every hart the mask names must exist and be interruptible (STARTED or SUSPENDED), else
 * SBI_ERR_INVALID_PARAM; an empty mask selects nobody and succeeds.
 */
export function selectHarts(env: SbiEnvironment, mask: number, base: number): number[] | number {
  const m = mask >>> 0, b = base >>> 0;
  const out: number[] = [];
  if (b === HART_MASK_BASE_ALL) {
    for (let h = 0; h < env.hartCount; h++) if (isInterruptible(env.hartStatus(h))) out.push(h);
    return out;
  }
  for (let bit = 0; bit < 32; bit++) {
    if (((m >>> bit) & 1) === 0) continue;
    const h = b + bit;
    if (h >= env.hartCount || !isInterruptible(env.hartStatus(h))) return SBI_ERR.INVALID_PARAM;
    out.push(h);
  }
  return out;
}
