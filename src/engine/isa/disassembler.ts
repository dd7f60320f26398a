import { csrByNumber } from './csrs';
import { decode } from './decoder';
import { InstructionSpec, specOf } from './instructions';
import { Op } from './opcodes';

/** ABI register names, as objdump prints them. */
export const ABI_NAMES = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];

const reg = (r: number): string => ABI_NAMES[r & 31];
const hex = (v: number): string => '0x' + (v >>> 0).toString(16);
const FENCE_SET = (v: number): string => ['i', 'o', 'r', 'w'].filter((_, i) => v & (8 >> i)).join('') || '0';

/**
 * Disassembles one instruction with the table's base mnemonics (the form `objdump -M no-aliases`
 * prints). `pc` resolves branch and jump targets.
 */
export function disassemble(bits: number, pc: number): string {
  const d = decode(bits);
  if (d.op === Op.ILLEGAL || d.op === Op.CROSS_PAGE) return d.len === 2 ? `.insn\t2, ${hex(bits & 0xffff)}` : `.insn\t4, ${hex(bits)}`;
  const s = specOf(d.op) as InstructionSpec;
  const name = d.len === 2 && d.spec ? d.spec.name : s.name;
  const csr = (n: number): string => csrByNumber(n)?.name ?? hex(n);
  const target = hex((pc + d.imm) | 0);
  switch (s.format) {
    case 'R': return `${name}\t${reg(d.rd)},${reg(d.rs1)},${reg(d.rs2)}`;
    case 'I': return `${name}\t${reg(d.rd)},${reg(d.rs1)},${d.imm}`;
    case 'SHIFT': return `${name}\t${reg(d.rd)},${reg(d.rs1)},${hex(d.imm)}`;
    case 'LOAD': case 'JALR': return `${name}\t${reg(d.rd)},${d.imm}(${reg(d.rs1)})`;
    case 'STORE': return `${name}\t${reg(d.rs2)},${d.imm}(${reg(d.rs1)})`;
    case 'BRANCH': return `${name}\t${reg(d.rs1)},${reg(d.rs2)},${target}`;
    case 'U': return `${name}\t${reg(d.rd)},${hex(d.imm >>> 12)}`;
    case 'JAL': return `${name}\t${reg(d.rd)},${target}`;
    case 'CSR': return `${name}\t${reg(d.rd)},${csr(d.imm)},${reg(d.rs1)}`;
    case 'CSRI': return `${name}\t${reg(d.rd)},${csr(d.imm)},${d.rs1}`;
    case 'FENCE': return `${name}\t${FENCE_SET((d.imm >>> 4) & 15)},${FENCE_SET(d.imm & 15)}`;
    case 'LR': case 'HLV': return `${name}\t${reg(d.rd)},(${reg(d.rs1)})`;
    case 'AMO': return `${name}\t${reg(d.rd)},${reg(d.rs2)},(${reg(d.rs1)})`;
    case 'HSV': return `${name}\t${reg(d.rs2)},(${reg(d.rs1)})`;
    case 'SFENCE': return `${name}\t${reg(d.rs1)},${reg(d.rs2)}`;
    default: return name;
  }
}
