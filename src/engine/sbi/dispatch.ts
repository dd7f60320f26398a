import { EID, NOT_SUPPORTED, SBI_ERR, SbiCall, SbiOutcome, isLegacyEid, sbiLegacy } from './abi';
import { handleBase } from './base';
import { handleDbcn } from './console';
import type { SbiEnvironment } from './environment';
import { handleHsm } from './hsm';
import { handleIpi, handleRfence } from './ipi';
import { LEGACY_EIDS, handleLegacy } from './legacy';
import { handleSrst } from './system';
import { handleTime } from './timer';

/** The extensions this SBI implements (what sbi_probe_extension reports as available). */
export const SUPPORTED_EXTENSIONS: readonly number[] = [
  ...LEGACY_EIDS, EID.BASE, EID.TIME, EID.IPI, EID.RFENCE, EID.HSM, EID.SRST, EID.DBCN,
];
const supported = new Set<number>(SUPPORTED_EXTENSIONS);

export function isSupportedExtension(eid: number): boolean { return supported.has(eid >>> 0); }

/**
 * Decodes one SBI call from hart `hart` and carries it out through `env`. This is the whole SBI
 * as the supervisor sees it; the caller (firmware or VMM) applies the outcome to the hart:
 * `return` -> a0 = error, a1 = value, pc += 4; `legacy` -> a0 = value, pc += 4; `none` -> nothing.
 * Unknown extensions and functions return SBI_ERR_NOT_SUPPORTED (in the legacy form for the
 * unassigned legacy EIDs 0x09..0x0F, as OpenSBI does).
 */
export function handleSbiCall(env: SbiEnvironment, hart: number, call: SbiCall): SbiOutcome {
  switch (call.eid >>> 0) {
    case EID.BASE: return handleBase(env, call, (eid) => isSupportedExtension(eid) || (env.vendorExtensions?.includes(eid >>> 0) ?? false));
    case EID.TIME: return handleTime(env, hart, call);
    case EID.IPI: return handleIpi(env, call);
    case EID.RFENCE: return handleRfence(env, call);
    case EID.HSM: return handleHsm(env, hart, call);
    case EID.SRST: return handleSrst(env, call);
    case EID.DBCN: return handleDbcn(env, call);
    default:
      if (isLegacyEid(call.eid)) return supported.has(call.eid >>> 0) ? handleLegacy(env, hart, call) : sbiLegacy(SBI_ERR.NOT_SUPPORTED);
      return NOT_SUPPORTED;
  }
}
