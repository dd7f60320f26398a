import { Op } from './opcodes';
import { COMPRESSED, CompressedSpec, INSTRUCTIONS, InstructionSpec } from './instructions';

/**
 * Decoder generated from the instruction table. It produces the fields the interpreter needs;
 * compressed encodings expand to their base operation. Reserved encodings decode to ILLEGAL with
 * the raw bits in `imm` (they become mtval).
 */
export interface DecodedFields {
  op: Op;
  rd: number;
  rs1: number;
  rs2: number;
  imm: number;
  /** Instruction length in bytes (2 or 4). */
  len: number;
  /** The matched table row (undefined when ILLEGAL). */
  spec: InstructionSpec | CompressedSpec | undefined;
}

export function newDecodedFields(): DecodedFields {
  return { op: Op.ILLEGAL, rd: 0, rs1: 0, rs2: 0, imm: 0, len: 4, spec: undefined };
}

/** 32-bit rows grouped by major opcode (bits 6:2) so decoding scans a handful of rows. */
const byMajor: InstructionSpec[][] = Array.from({ length: 32 }, () => []);
for (const s of INSTRUCTIONS) byMajor[(s.match >>> 2) & 31].push(s);
/** Compressed rows grouped by quadrant and funct3 (bits 1:0 and 15:13). */
const byQuadFunct: CompressedSpec[][] = Array.from({ length: 32 }, () => []);
for (const s of COMPRESSED) byQuadFunct[((s.match >>> 13) << 2) | (s.match & 3)].push(s);

export function isCompressed(bits: number): boolean { return (bits & 3) !== 3; }

function illegal(out: DecodedFields, bits: number, len: number): void {
  out.op = Op.ILLEGAL; out.rd = 0; out.rs1 = 0; out.rs2 = 0; out.imm = bits | 0; out.len = len; out.spec = undefined;
}

/** Decodes one instruction (the low 16 bits only are used when it is compressed). */
export function decodeInto(bits: number, out: DecodedFields): void {
  if ((bits & 3) !== 3) { decodeCompressed(bits & 0xffff, out); return; }
  const rows = byMajor[(bits >>> 2) & 31];
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i];
    if (((bits & s.mask) >>> 0) === s.match) { fill32(s, bits | 0, out); return; }
  }
  illegal(out, bits, 4);
}

function fill32(s: InstructionSpec, b: number, out: DecodedFields): void {
  out.op = s.op; out.spec = s; out.len = 4;
  out.rd = (b >>> 7) & 31; out.rs1 = (b >>> 15) & 31; out.rs2 = (b >>> 20) & 31;
  switch (s.format) {
    case 'I': case 'LOAD': case 'JALR': out.imm = b >> 20; break;
    case 'STORE': out.imm = ((b >> 25) << 5) | ((b >>> 7) & 31); break;
    case 'BRANCH':
      out.imm = ((b >> 31) << 12) | (((b >>> 7) & 1) << 11) | (((b >>> 25) & 63) << 5) | (((b >>> 8) & 15) << 1);
      break;
    case 'U': out.imm = b & 0xfffff000; break;
    case 'JAL':
      out.imm = ((b >> 31) << 20) | (((b >>> 12) & 0xff) << 12) | (((b >>> 20) & 1) << 11) | (((b >>> 21) & 0x3ff) << 1);
      break;
    case 'SHIFT': out.imm = (b >>> 20) & 31; break;
    case 'CSR': case 'CSRI': out.imm = (b >>> 20) & 0xfff; break;
    case 'FENCE': out.imm = (b >>> 20) & 0xfff; break;
    default: out.imm = 0;
  }
}

const bit = (b: number, n: number): number => (b >>> n) & 1;
const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

function decodeCompressed(b: number, out: DecodedFields): void {
  const rows = byQuadFunct[((b >>> 13) << 2) | (b & 3)];
  let s: CompressedSpec | undefined;
  for (let i = 0; i < rows.length; i++) if ((b & rows[i].mask) === rows[i].match) { s = rows[i]; break; }
  if (!s || !fillCompressed(s, b, out)) { illegal(out, b, 2); return; }
  out.op = s.op; out.spec = s; out.len = 2;
}

/** Fills operands for a compressed row; returns false for reserved encodings. */
function fillCompressed(s: CompressedSpec, b: number, o: DecodedFields): boolean {
  const r9 = 8 + ((b >>> 7) & 7), r4 = 8 + ((b >>> 2) & 7);
  const r11 = (b >>> 7) & 31, r6 = (b >>> 2) & 31;
  const ci = sext((bit(b, 12) << 5) | ((b >>> 2) & 31), 6);
  const shamt = (bit(b, 12) << 5) | ((b >>> 2) & 31);
  const clImm = (((b >>> 10) & 7) << 3) | (bit(b, 6) << 2) | (bit(b, 5) << 6);
  o.rd = 0; o.rs1 = 0; o.rs2 = 0; o.imm = 0;
  switch (s.format) {
    case 'CIW_ADDI4SPN':
      o.rd = r4; o.rs1 = 2;
      o.imm = (((b >>> 11) & 3) << 4) | (((b >>> 7) & 15) << 6) | (bit(b, 6) << 2) | (bit(b, 5) << 3);
      return o.imm !== 0;
    case 'CL_LW': o.rd = r4; o.rs1 = r9; o.imm = clImm; return true;
    case 'CS_SW': o.rs2 = r4; o.rs1 = r9; o.imm = clImm; return true;
    case 'CI_ADDI': o.rd = r11; o.rs1 = r11; o.imm = ci; return true;
    case 'CI_LI': o.rd = r11; o.rs1 = 0; o.imm = ci; return true;
    case 'CJ_JAL': case 'CJ_J':
      o.rd = s.format === 'CJ_JAL' ? 1 : 0;
      o.imm = sext((bit(b, 12) << 11) | (bit(b, 11) << 4) | (((b >>> 9) & 3) << 8) | (bit(b, 8) << 10) |
        (bit(b, 7) << 6) | (bit(b, 6) << 7) | (((b >>> 3) & 7) << 1) | (bit(b, 2) << 5), 12);
      return true;
    case 'CI_ADDI16SP':
      o.rd = 2; o.rs1 = 2;
      o.imm = sext((bit(b, 12) << 9) | (bit(b, 6) << 4) | (bit(b, 5) << 6) | (((b >>> 3) & 3) << 7) | (bit(b, 2) << 5), 10);
      return o.imm !== 0;
    case 'CI_LUI': o.rd = r11; o.imm = ci << 12; return ci !== 0;
    case 'CB_SRLI': case 'CB_SRAI': o.rd = r9; o.rs1 = r9; o.imm = shamt; return shamt < 32;
    case 'CB_ANDI': o.rd = r9; o.rs1 = r9; o.imm = ci; return true;
    case 'CA': o.rd = r9; o.rs1 = r9; o.rs2 = r4; return true;
    case 'CB_BRANCH':
      o.rs1 = r9; o.rs2 = 0;
      o.imm = sext((bit(b, 12) << 8) | (((b >>> 10) & 3) << 3) | (((b >>> 5) & 3) << 6) | (((b >>> 3) & 3) << 1) | (bit(b, 2) << 5), 9);
      return true;
    case 'CI_SLLI': o.rd = r11; o.rs1 = r11; o.imm = shamt; return shamt < 32;
    case 'CI_LWSP':
      o.rd = r11; o.rs1 = 2; o.imm = (bit(b, 12) << 5) | (((b >>> 4) & 7) << 2) | (((b >>> 2) & 3) << 6);
      return r11 !== 0;
    case 'CR_EBREAK': return true;
    case 'CR_JR': o.rd = 0; o.rs1 = r11; return r11 !== 0;
    case 'CR_JALR': o.rd = 1; o.rs1 = r11; return r11 !== 0;
    case 'CR_MV': o.rd = r11; o.rs1 = 0; o.rs2 = r6; return r6 !== 0;
    case 'CR_ADD': o.rd = r11; o.rs1 = r11; o.rs2 = r6; return r6 !== 0;
    case 'CSS_SWSP': o.rs2 = r6; o.rs1 = 2; o.imm = (((b >>> 9) & 15) << 2) | (((b >>> 7) & 3) << 6); return true;
  }
  return false;
}

/** Convenience for tools: decode to a fresh object. */
export function decode(bits: number): DecodedFields {
  const out = newDecodedFields();
  decodeInto(bits, out);
  return out;
}
