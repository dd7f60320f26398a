import { DBCN_FID, NOT_SUPPORTED, SBI_ERR, SbiCall, SbiOutcome, sbiReturn } from './abi';
import type { SbiEnvironment } from './environment';

/**
 * The Debug Console extension (EID "DBCN"). console_write and console_read take a buffer as
 * (num_bytes, base_addr_lo, base_addr_hi) in supervisor-physical memory; write_byte takes the
 * byte in a0. As OpenSBI on RV32: a non-zero base_addr_hi is SBI_ERR_FAILED (firmware cannot
 * reach above 4 GiB), and a buffer that is not memory the supervisor may access is
 * SBI_ERR_INVALID_PARAM. Writes send every byte (the console never refuses one); reads take
 * what is waiting, possibly nothing.
 */
export function handleDbcn(env: SbiEnvironment, call: SbiCall): SbiOutcome {
  const [num, lo, hi] = call.args;
  switch (call.fid) {
    case DBCN_FID.CONSOLE_WRITE: {
      if (hi !== 0) return sbiReturn(SBI_ERR.FAILED);
      if (lo + num > 0x1_0000_0000) return sbiReturn(SBI_ERR.INVALID_PARAM);
      const bytes = env.readMemory(lo, num);
      if (bytes === undefined) return sbiReturn(SBI_ERR.INVALID_PARAM);
      for (const b of bytes) env.consolePutByte(b);
      return sbiReturn(SBI_ERR.SUCCESS, bytes.length);
    }
    case DBCN_FID.CONSOLE_READ: {
      if (hi !== 0) return sbiReturn(SBI_ERR.FAILED);
      if (lo + num > 0x1_0000_0000 || !env.isWritableMemory(lo, num)) return sbiReturn(SBI_ERR.INVALID_PARAM);
      const got: number[] = [];
      while (got.length < num) {
        const b = env.consoleGetByte();
        if (b < 0) break;
        got.push(b);
      }
      if (got.length) env.writeMemory(lo, Uint8Array.from(got));
      return sbiReturn(SBI_ERR.SUCCESS, got.length);
    }
    case DBCN_FID.CONSOLE_WRITE_BYTE:
      env.consolePutByte(num & 0xff);
      return sbiReturn(SBI_ERR.SUCCESS);
    default: return NOT_SUPPORTED;
  }
}
