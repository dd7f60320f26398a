import { COMPRESSED, CompressedSpec, INSTRUCTIONS, InstructionSpec } from '../isa/instructions';

/**
 * Bit placement of operands. The opcode bits of every instruction come from the ISA table's
 * `match`; this file only knows where each kind of operand lives in an encoding (the inverse of
 * the decoder's field extraction), in the same terms GNU as's operand letters use.
 */

const bit = (v: number, n: number): number => (v >>> n) & 1;
const bits = (v: number, hi: number, lo: number): number => (v >>> lo) & ((1 << (hi - lo + 1)) - 1);

// 32-bit immediates.
export const encodeI = (imm: number): number => ((imm & 0xfff) << 20) >>> 0;
export const encodeS = (imm: number): number => (((bits(imm, 11, 5) << 25) | (bits(imm, 4, 0) << 7)) >>> 0);
export const encodeB = (imm: number): number =>
  ((bit(imm, 12) << 31) | (bits(imm, 10, 5) << 25) | (bits(imm, 4, 1) << 8) | (bit(imm, 11) << 7)) >>> 0;
export const encodeU = (imm20: number): number => ((imm20 & 0xfffff) << 12) >>> 0;
export const encodeJ = (imm: number): number =>
  ((bit(imm, 20) << 31) | (bits(imm, 10, 1) << 21) | (bit(imm, 11) << 20) | (bits(imm, 19, 12) << 12)) >>> 0;

// Compressed immediates (RISC-V unprivileged spec, chapter "C"; GNU's ENCODE_C*TYPE_*).
export const encodeCI = (imm: number): number => (bits(imm, 4, 0) << 2) | (bit(imm, 5) << 12);
export const encodeCILwsp = (imm: number): number => (bit(imm, 5) << 12) | (bits(imm, 4, 2) << 4) | (bits(imm, 7, 6) << 2);
export const encodeCSSSwsp = (imm: number): number => (bits(imm, 5, 2) << 9) | (bits(imm, 7, 6) << 7);
export const encodeCIWAddi4spn = (imm: number): number =>
  (bits(imm, 5, 4) << 11) | (bits(imm, 9, 6) << 7) | (bit(imm, 2) << 6) | (bit(imm, 3) << 5);
export const encodeCLLw = (imm: number): number => (bits(imm, 5, 3) << 10) | (bit(imm, 2) << 6) | (bit(imm, 6) << 5);
export const encodeCIAddi16sp = (imm: number): number =>
  (bit(imm, 9) << 12) | (bit(imm, 4) << 6) | (bit(imm, 6) << 5) | (bits(imm, 8, 7) << 3) | (bit(imm, 5) << 2);
export const encodeCB = (imm: number): number =>
  (bit(imm, 8) << 12) | (bits(imm, 4, 3) << 10) | (bits(imm, 7, 6) << 5) | (bits(imm, 2, 1) << 3) | (bit(imm, 5) << 2);
export const encodeCJ = (imm: number): number =>
  (bit(imm, 11) << 12) | (bit(imm, 4) << 11) | (bits(imm, 9, 8) << 9) | (bit(imm, 10) << 8) | (bit(imm, 6) << 7) |
  (bit(imm, 7) << 6) | (bits(imm, 3, 1) << 3) | (bit(imm, 5) << 2);

// Validity of compressed immediates (GNU's VALID_* macros: the value survives encoding).
export const validCI = (v: number): boolean => v >= -32 && v <= 31;
export const validCLw = (v: number): boolean => v >= 0 && v <= 124 && v % 4 === 0;
export const validCLwsp = (v: number): boolean => v >= 0 && v <= 252 && v % 4 === 0;
export const validCSwsp = (v: number): boolean => v >= 0 && v <= 252 && v % 4 === 0;
export const validCAddi4spn = (v: number): boolean => v > 0 && v <= 1020 && v % 4 === 0;
export const validCAddi16sp = (v: number): boolean => v !== 0 && v >= -512 && v <= 496 && v % 16 === 0;
/** c.lui's 6-bit field as a 20-bit upper immediate: 1..31 or 0xfffe0..0xfffff. */
export const validCLui = (v: number): boolean => (v > 0 && v < 32) || (v >= 0xfffe0 && v <= 0xfffff);

/** Register fields. */
export const RD = (r: number): number => (r & 31) << 7;
export const RS1 = (r: number): number => (r & 31) << 15;
export const RS2 = (r: number): number => ((r & 31) << 20) >>> 0;
export const CRS1S = (r: number): number => (r & 7) << 7;
export const CRS2S = (r: number): number => (r & 7) << 2;
export const CRS2 = (r: number): number => (r & 31) << 2;

export const fieldRd = (b: number): number => (b >>> 7) & 31;
export const fieldCrs2 = (b: number): number => (b >>> 2) & 31;
export const fieldCrs1s = (b: number): number => 8 + ((b >>> 7) & 7);
export const fieldCrs2s = (b: number): number => 8 + ((b >>> 2) & 7);
/** The CI-format immediate, sign-extended. */
export const fieldCI = (b: number): number => (((bit(b, 12) << 5) | bits(b, 6, 2)) << 26) >> 26;

/** AMO ordering bits. */
export const AQ = 1 << 26;
export const RL = 1 << 25;

/** A row of the ISA table, 32-bit or compressed. */
export type Row = { kind: 32; spec: InstructionSpec } | { kind: 16; spec: CompressedSpec };

const rows = new Map<string, Row>();
for (const spec of INSTRUCTIONS) rows.set(spec.name, { kind: 32, spec });
for (const spec of COMPRESSED) rows.set(spec.name, { kind: 16, spec });

/** Looks up a table row by its mnemonic (`addi`, `c.addi`). */
export function rowByName(name: string): Row | undefined { return rows.get(name); }

/** PC-relative offsets as the linker and the relaxation pass put them into instructions. */
export type BranchKind = 'branch' | 'jal' | 'rvc_branch' | 'rvc_jump';

export function insertOffset(kind: BranchKind, insn: number, offset: number): number {
  switch (kind) {
    case 'branch': return (insn | encodeB(offset)) >>> 0;
    case 'jal': return (insn | encodeJ(offset)) >>> 0;
    case 'rvc_branch': return insn | encodeCB(offset);
    case 'rvc_jump': return insn | encodeCJ(offset);
  }
}

export function offsetInRange(kind: BranchKind, offset: number): boolean {
  if (offset % 2 !== 0) return false;
  switch (kind) {
    case 'branch': return offset >= -4096 && offset <= 4094;
    case 'jal': return offset >= -(1 << 20) && offset < (1 << 20);
    case 'rvc_branch': return offset >= -256 && offset <= 254;
    case 'rvc_jump': return offset >= -2048 && offset <= 2046;
  }
}

/** The upper 20 bits that `auipc`/`lui` need so that a 12-bit signed low part completes `value`. */
export const hi20 = (value: number): number => ((value + 0x800) >>> 12) & 0xfffff;
/** The signed low 12 bits matching hi20. */
export const lo12 = (value: number): number => ((value & 0xfff) << 20) >> 20;
