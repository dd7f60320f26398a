import { decodeInto, newDecodedFields } from '../isa/decoder';
import { specOf } from '../isa/instructions';
import type { Hart } from './hart';

/**
 * The "transformed instruction" an exception from an explicit memory access writes to
 * mtinst/htinst (priv spec, H chapter, "Transformed Instruction or Pseudoinstruction for mtinst
 * or htinst"): the trapping load, store, atomic or HLV/HSV with its address fields replaced.
 * Loads keep funct3, rd and opcode; stores keep rs2, funct3 and opcode; atomics and HLV/HSV keep
 * every field. Bits 19:15 (rs1 in the original) hold the Addr. Offset: the positive difference
 * between the faulting address (tval) and the original address, nonzero only for a misaligned
 * access that faults on its second page. A compressed instruction is expanded first and bit 1 of
 * the result is cleared. Any other instruction gives zero.
 */

const fields = newDecodedFields();
const RS1_FIELD = 31 << 15;

export function transformedInstruction(h: Hart, bits: number, faultVa: number): number {
  if (bits === 0) return 0;
  decodeInto(bits, fields);
  const base = specOf(fields.op);
  if (base === undefined) return 0;
  const compressed = fields.len === 2;
  // The original address from the registers: the instruction did not retire, so they are unchanged.
  const original = (h.x[fields.rs1] + (base.format === 'LOAD' || base.format === 'STORE' ? fields.imm : 0)) | 0;
  const offset = ((faultVa - original) >>> 0) & 31;
  let t: number;
  switch (base.format) {
    case 'LOAD': t = base.match | (fields.rd << 7); break;
    case 'STORE': t = base.match | (fields.rs2 << 20); break;
    case 'LR': case 'AMO': case 'HLV': case 'HSV': t = bits & ~RS1_FIELD; break; // never compressed
    default: return 0;
  }
  t |= offset << 15;
  return (compressed ? t & ~2 : t) | 0;
}
