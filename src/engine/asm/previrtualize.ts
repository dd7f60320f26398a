import type { FileAssembler } from './assembler';
import { SourceRange } from './diagnostics';
import { decode } from '../isa/decoder';
import { InstructionSpec } from '../isa/instructions';
import { Op } from '../isa/opcodes';
import { NativeReason } from '../loader/previrtNotes';
import { Frag } from './objectFile';

/**
 * Previrtualization ("afterburning", docs/PARAVIRT.md): with `AssembleOptions.previrtualize`,
 * each sensitive instruction a guest kernel writes becomes the register-preserving `priv`
 * hypercall sequence, emitted at assembly time through the ordinary instruction path, so its
 * forms (compressed or not) are the ones GNU as picks for the same text, its bytes move every
 * later label and branch as hand-written code would, and every instruction of it carries the
 * original statement's source position. Sensitivity comes from the ISA table's rows.
 */

/** The Hyperstep PV SBI extension's id (a7) and its `priv` function (a6). */
export { PV_EID as PV_EXTENSION_ID, PV_FUNCTION_PRIV } from '../sbi/pvAbi';
import { PV_EID as PV_EXTENSION_ID, PV_FUNCTION_PRIV } from '../sbi/pvAbi';

/** `priv` operation numbers of the non-CSR sensitive rows; CSR rows use their funct3 (1-3, 5-7). */
const PRIV_OP_OF_ROW = new Map<Op, number>([[Op.SRET, 8], [Op.SFENCE_VMA, 9], [Op.WFI, 10]]);

/** The supervisor CSRs (0x100-0x1ff, satp among them): the only CSR accesses that trap in a deprivileged guest. */
const isSupervisorCsr = (csr: number): boolean => (csr & 0xf00) === 0x100;

const SP = 2;

/** A sensitive instruction, decoded into the `priv` call's operands. */
export interface SensitiveInstruction {
  /** The `priv` operation (a0 bits 7:0). */
  op: number;
  csr: number;
  /** CSR destination; for sfence.vma the register holding the address. */
  rd: number;
  /** CSR source register or 5-bit immediate; for sfence.vma the register holding the ASID. */
  rs: number;
  /** Registers the instruction reads or writes include sp (the sequence needs the stack). */
  usesSp: boolean;
}

/** Whether `bits` (a 32-bit encoding) is sensitive, and its `priv` operands. */
export function sensitiveInstruction(bits: number): SensitiveInstruction | undefined {
  if ((bits & 3) !== 3) return undefined;
  const d = decode(bits >>> 0);
  const spec = d.spec as InstructionSpec | undefined;
  if (!spec || d.len !== 4) return undefined;
  if (spec.format === 'CSR' || spec.format === 'CSRI') {
    if (!isSupervisorCsr(d.imm)) return undefined;
    const usesSp = d.rd === SP || (spec.format === 'CSR' && d.rs1 === SP);
    return { op: (spec.match >>> 12) & 7, csr: d.imm, rd: d.rd, rs: d.rs1, usesSp };
  }
  const op = PRIV_OP_OF_ROW.get(spec.op);
  if (op === undefined) return undefined;
  if (spec.format === 'SFENCE') return { op, csr: 0, rd: d.rs1, rs: d.rs2, usesSp: d.rs1 === SP || d.rs2 === SP };
  return { op, csr: 0, rd: 0, rs: 0, usesSp: false };
}

/** a0 of the `priv` call: op | csr << 8 | rd << 20 | rs << 25. */
export function privArgument(s: SensitiveInstruction): number {
  return (s.op | (s.csr << 8) | (s.rd << 20) | (s.rs << 25)) >>> 0;
}

/** The sequence of docs/PARAVIRT.md, as the instructions a person would write. */
function sequence(argument: number): Array<[string, string]> {
  return [
    ['addi', 'sp, sp, -16'], ['sw', 'a0, 0(sp)'], ['sw', 'a6, 4(sp)'], ['sw', 'a7, 8(sp)'],
    ['li', `a7, 0x${PV_EXTENSION_ID.toString(16)}`], ['li', `a6, ${PV_FUNCTION_PRIV}`], ['li', `a0, 0x${argument.toString(16)}`],
    ['ecall', ''],
    ['lw', 'a0, 0(sp)'], ['lw', 'a6, 4(sp)'], ['lw', 'a7, 8(sp)'], ['addi', 'sp, sp, 16'],
  ];
}

/** A site as the file assembler records it; the linker turns frag offsets into addresses. */
export interface PendingSite {
  frag: Frag;
  offset: number;
  original: number;
  loc: SourceRange;
  /** Bytes and instruction count of the sequence, or the native instruction's reason. */
  rewritten?: { length: number; count: number };
  reason?: NativeReason;
}

/**
 * Called for every instruction about to be emitted when previrtualizing. Returns true when it
 * emitted the sequence in its place; otherwise the caller emits the instruction (a sensitive
 * one left native is recorded first, at the offset it will occupy).
 */
export function previrtualizeInstruction(asm: FileAssembler, bits: number, at: SourceRange): boolean {
  const s = sensitiveInstruction(bits);
  if (!s) return false;
  if (s.usesSp) {
    asm.previrtSites.push({ frag: asm.frag, offset: asm.frag.bytes.length, original: bits >>> 0, loc: at, reason: 'uses-sp' });
    return false;
  }
  const frag = asm.frag, offset = frag.bytes.length, lines = asm.lines.length;
  for (const [mnemonic, operands] of sequence(privArgument(s))) asm.instructionText(mnemonic, operands, at);
  // None of the sequence's instructions ends a frag, so its bytes are contiguous here.
  if (asm.frag !== frag) throw new Error('previrtualization sequence split across fragments');
  asm.previrtSites.push({ frag, offset, original: bits >>> 0, loc: at, rewritten: { length: frag.bytes.length - offset, count: asm.lines.length - lines } });
  return true;
}

/** `.insn` of a sensitive encoding: kept as written (the author chose the bits), but noted. */
export function noteRawInstruction(asm: FileAssembler, bits: number, length: number, at: SourceRange): void {
  if (length !== 4 || !sensitiveInstruction(bits)) return;
  asm.previrtSites.push({ frag: asm.frag, offset: asm.frag.bytes.length, original: bits >>> 0, loc: at, reason: 'raw-encoding' });
}
