import { IPI_FID, NOT_SUPPORTED, RFENCE_FID, SBI_ERR, SbiCall, SbiOutcome, sbiReturn } from './abi';
import type { SbiEnvironment } from './environment';
import { selectHarts } from './hartMask';

/*
 * The IPI extension (EID "sPI") and the RFENCE extension (EID "RFNC"): both name their target
 * harts with (hart_mask, hart_mask_base), see hartMask.ts. OpenSBI carries remote fences to the
 * other harts in IPIs and waits for them; here the environment performs them directly on each
 * target, which is what the caller observes once the call has returned.
 */

/** Remote fences with a range larger than this flush the whole address space (OpenSBI does the same above its flush limit). */
const MAX_PAGES_FLUSHED_ONE_BY_ONE = 64;

export function handleIpi(env: SbiEnvironment, call: SbiCall): SbiOutcome {
  if (call.fid !== IPI_FID.SEND_IPI) return NOT_SUPPORTED;
  const harts = selectHarts(env, call.args[0], call.args[1]);
  if (typeof harts === 'number') return sbiReturn(harts);
  sendIpis(env, harts);
  return sbiReturn(SBI_ERR.SUCCESS);
}

export function sendIpis(env: SbiEnvironment, harts: readonly number[]): void {
  for (const h of harts) env.sendIpi(h);
}

export function handleRfence(env: SbiEnvironment, call: SbiCall): SbiOutcome {
  const [mask, base, start, size, asid] = call.args;
  switch (call.fid) {
    case RFENCE_FID.FENCE_I: case RFENCE_FID.SFENCE_VMA: case RFENCE_FID.SFENCE_VMA_ASID: {
      const harts = selectHarts(env, mask, base);
      if (typeof harts === 'number') return sbiReturn(harts);
      if (call.fid === RFENCE_FID.FENCE_I) fenceI(env, harts);
      else sfenceVma(env, harts, start, size, call.fid === RFENCE_FID.SFENCE_VMA_ASID ? asid : undefined);
      return sbiReturn(SBI_ERR.SUCCESS);
    }
    // HFENCE.* need the hypervisor extension on the target harts.
    default: return NOT_SUPPORTED;
  }
}

export function fenceI(env: SbiEnvironment, harts: readonly number[]): void {
  for (const h of harts) env.remoteFenceI(h);
}

/**
 * sfence.vma over [start, start + size) on each hart. The whole address space when start and
 * size are both 0 or size is 2^XLEN - 1 (the specification's rule), or when the range is large.
 */
export function sfenceVma(env: SbiEnvironment, harts: readonly number[], start: number, size: number, asid: number | undefined): void {
  const s = start >>> 0, n = size >>> 0;
  const all = (s === 0 && n === 0) || n === 0xffffffff;
  const firstPage = Math.floor(s / 4096), lastPage = Math.floor((s + Math.max(n, 1) - 1) / 4096);
  const whole = all || lastPage - firstPage + 1 > MAX_PAGES_FLUSHED_ONE_BY_ONE;
  for (const h of harts) env.remoteSfenceVma(h, s, whole ? undefined : n, asid === undefined ? undefined : asid & 0x1ff);
}
