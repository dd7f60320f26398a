import {
  BASE_FID, HYPERSTEP_SBI_IMPL_ID, HYPERSTEP_SBI_IMPL_VERSION, NOT_SUPPORTED, SBI_ERR, SBI_SPEC_VERSION, SbiCall, SbiOutcome, sbiReturn,
} from './abi';
import type { SbiEnvironment } from './environment';

/**
 * The Base extension (EID 0x10): versions, implementation id and extension probing. Every
 * function must succeed (the specification defines no errors for them); an unknown FID is
 * SBI_ERR_NOT_SUPPORTED like any other.
 */
export function handleBase(env: SbiEnvironment, call: SbiCall, probe: (eid: number) => boolean): SbiOutcome {
  switch (call.fid) {
    case BASE_FID.GET_SPEC_VERSION: return sbiReturn(SBI_ERR.SUCCESS, SBI_SPEC_VERSION);
    case BASE_FID.GET_IMPL_ID: return sbiReturn(SBI_ERR.SUCCESS, HYPERSTEP_SBI_IMPL_ID);
    case BASE_FID.GET_IMPL_VERSION: return sbiReturn(SBI_ERR.SUCCESS, HYPERSTEP_SBI_IMPL_VERSION);
    // 1 when available (the specification allows other non-zero values; OpenSBI returns 1 too).
    case BASE_FID.PROBE_EXTENSION: return sbiReturn(SBI_ERR.SUCCESS, probe(call.args[0]) ? 1 : 0);
    case BASE_FID.GET_MVENDORID: return sbiReturn(SBI_ERR.SUCCESS, env.machineId('mvendorid'));
    case BASE_FID.GET_MARCHID: return sbiReturn(SBI_ERR.SUCCESS, env.machineId('marchid'));
    case BASE_FID.GET_MIMPID: return sbiReturn(SBI_ERR.SUCCESS, env.machineId('mimpid'));
    default: return NOT_SUPPORTED;
  }
}
