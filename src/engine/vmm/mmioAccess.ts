import { decode } from '../isa/decoder';
import { specOf } from '../isa/instructions';

/** A guest load or store as the VMM must emulate it against a device model. */
export interface DecodedAccess {
  write: boolean;
  width: 1 | 2 | 4;
  signed: boolean;
  /** Destination register of a load, source register of a store. */
  register: number;
  /** Length of the trapping instruction in bytes (sepc advances by it). */
  length: 2 | 4;
}

/**
 * Decodes the load or store that trapped, from the bits the hardware gave (htinst's transformed
 * instruction, where bits 1:0 = 01 mark a compressed original) or that the VMM fetched with HLVX.
 * Width and signedness come from the instruction table's encodings (funct3), not a second opcode
 * list. Undefined for anything but a plain load or store (an AMO or LR/SC on a device).
 */
export function decodeAccess(bits: number, fromHtinst: boolean): DecodedAccess | undefined {
  let length: 2 | 4;
  let word = bits;
  if (fromHtinst) {
    length = (bits & 3) === 1 ? 2 : 4;
    word = (bits | 2) >>> 0; // the transformed instruction is the 32-bit form with bit 1 cleared for a compressed one
  } else {
    length = (bits & 3) === 3 ? 4 : 2;
  }
  const d = decode(word);
  const spec = specOf(d.op);
  if (!spec || (spec.format !== 'LOAD' && spec.format !== 'STORE')) return undefined;
  const funct3 = (spec.match >>> 12) & 7;
  return {
    write: spec.format === 'STORE',
    width: (1 << (funct3 & 3)) as 1 | 2 | 4,
    signed: spec.format === 'LOAD' && (funct3 & 4) === 0 && (funct3 & 3) !== 2,
    register: spec.format === 'STORE' ? d.rs2 : d.rd,
    length,
  };
}
