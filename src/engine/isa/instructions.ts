import { Op } from './opcodes';

/**
 * THE instruction table (riscv-opcodes style): one row per instruction with its match/mask,
 * operand format, extension and a one-line description. The decoder, disassembler, assembler
 * and hover docs are all generated from these rows; nothing else lists encodings.
 */

/** Operand layouts of 32-bit instructions (the assembly syntax each one uses is in the comment). */
export type Format =
  | 'R'       // rd, rs1, rs2
  | 'I'       // rd, rs1, imm
  | 'SHIFT'   // rd, rs1, shamt
  | 'LOAD'    // rd, imm(rs1)
  | 'STORE'   // rs2, imm(rs1)
  | 'BRANCH'  // rs1, rs2, target
  | 'U'       // rd, imm20
  | 'JAL'     // rd, target
  | 'JALR'    // rd, imm(rs1)
  | 'CSR'     // rd, csr, rs1
  | 'CSRI'    // rd, csr, uimm5
  | 'FENCE'   // pred, succ
  | 'NONE'    // (no operands)
  | 'LR'      // rd, (rs1)
  | 'AMO'     // rd, rs2, (rs1)
  | 'SFENCE'  // rs1, rs2
  | 'HLV'     // rd, (rs1)
  | 'HSV';    // rs2, (rs1)

export type Extension = 'I' | 'M' | 'A' | 'C' | 'Zicsr' | 'Zifencei' | 'Priv' | 'H';

export interface InstructionSpec {
  readonly op: Op;
  readonly name: string;
  readonly match: number;
  readonly mask: number;
  readonly format: Format;
  readonly ext: Extension;
  readonly doc: string;
  /** True when the instruction writes rd (x0 writes are discarded). */
  readonly writesRd: boolean;
}

/** Operand layouts of compressed instructions; each names which fields it fills. */
export type CompressedFormat =
  | 'CIW_ADDI4SPN' | 'CL_LW' | 'CS_SW' | 'CI_ADDI' | 'CJ_JAL' | 'CJ_J' | 'CI_LI' | 'CI_ADDI16SP' | 'CI_LUI'
  | 'CB_SRLI' | 'CB_SRAI' | 'CB_ANDI' | 'CA' | 'CB_BRANCH' | 'CI_SLLI' | 'CI_LWSP' | 'CR_JR' | 'CR_MV'
  | 'CR_EBREAK' | 'CR_JALR' | 'CR_ADD' | 'CSS_SWSP';

export interface CompressedSpec {
  readonly name: string;
  readonly match: number;
  readonly mask: number;
  readonly format: CompressedFormat;
  /** The base operation this expands to (RISC-V unprivileged spec, chapter "C"). */
  readonly op: Op;
  readonly doc: string;
}

type Row = [Op, string, number, number, Format, Extension, string];

const R = 0xfe00707f, I = 0x0000707f, U = 0x0000007f, FULL = 0xffffffff, AMO = 0xf800707f;

const rows: Row[] = [
  [Op.LUI, 'lui', 0x00000037, U, 'U', 'I', 'Load upper immediate: rd = imm << 12.'],
  [Op.AUIPC, 'auipc', 0x00000017, U, 'U', 'I', 'Add upper immediate to pc: rd = pc + (imm << 12).'],
  [Op.JAL, 'jal', 0x0000006f, U, 'JAL', 'I', 'Jump and link: rd = pc + 4; pc += offset (±1 MiB).'],
  [Op.JALR, 'jalr', 0x00000067, I, 'JALR', 'I', 'Jump and link register: rd = pc + 4; pc = (rs1 + imm) & ~1.'],
  [Op.BEQ, 'beq', 0x00000063, I, 'BRANCH', 'I', 'Branch if equal: if rs1 == rs2, pc += offset (±4 KiB).'],
  [Op.BNE, 'bne', 0x00001063, I, 'BRANCH', 'I', 'Branch if not equal: if rs1 != rs2, pc += offset.'],
  [Op.BLT, 'blt', 0x00004063, I, 'BRANCH', 'I', 'Branch if less than (signed).'],
  [Op.BGE, 'bge', 0x00005063, I, 'BRANCH', 'I', 'Branch if greater than or equal (signed).'],
  [Op.BLTU, 'bltu', 0x00006063, I, 'BRANCH', 'I', 'Branch if less than (unsigned).'],
  [Op.BGEU, 'bgeu', 0x00007063, I, 'BRANCH', 'I', 'Branch if greater than or equal (unsigned).'],
  [Op.LB, 'lb', 0x00000003, I, 'LOAD', 'I', 'Load byte, sign-extended: rd = sext(mem8[rs1 + imm]).'],
  [Op.LH, 'lh', 0x00001003, I, 'LOAD', 'I', 'Load halfword, sign-extended.'],
  [Op.LW, 'lw', 0x00002003, I, 'LOAD', 'I', 'Load word: rd = mem32[rs1 + imm].'],
  [Op.LBU, 'lbu', 0x00004003, I, 'LOAD', 'I', 'Load byte, zero-extended.'],
  [Op.LHU, 'lhu', 0x00005003, I, 'LOAD', 'I', 'Load halfword, zero-extended.'],
  [Op.SB, 'sb', 0x00000023, I, 'STORE', 'I', 'Store byte: mem8[rs1 + imm] = rs2.'],
  [Op.SH, 'sh', 0x00001023, I, 'STORE', 'I', 'Store halfword.'],
  [Op.SW, 'sw', 0x00002023, I, 'STORE', 'I', 'Store word: mem32[rs1 + imm] = rs2.'],
  [Op.ADDI, 'addi', 0x00000013, I, 'I', 'I', 'Add immediate: rd = rs1 + imm (imm in -2048..2047).'],
  [Op.SLTI, 'slti', 0x00002013, I, 'I', 'I', 'Set if less than immediate (signed): rd = rs1 < imm ? 1 : 0.'],
  [Op.SLTIU, 'sltiu', 0x00003013, I, 'I', 'I', 'Set if less than immediate (unsigned compare of the sign-extended imm).'],
  [Op.XORI, 'xori', 0x00004013, I, 'I', 'I', 'Exclusive-or immediate.'],
  [Op.ORI, 'ori', 0x00006013, I, 'I', 'I', 'Or immediate.'],
  [Op.ANDI, 'andi', 0x00007013, I, 'I', 'I', 'And immediate.'],
  [Op.SLLI, 'slli', 0x00001013, R, 'SHIFT', 'I', 'Shift left logical by a 5-bit immediate.'],
  [Op.SRLI, 'srli', 0x00005013, R, 'SHIFT', 'I', 'Shift right logical by a 5-bit immediate.'],
  [Op.SRAI, 'srai', 0x40005013, R, 'SHIFT', 'I', 'Shift right arithmetic by a 5-bit immediate.'],
  [Op.ADD, 'add', 0x00000033, R, 'R', 'I', 'Add: rd = rs1 + rs2.'],
  [Op.SUB, 'sub', 0x40000033, R, 'R', 'I', 'Subtract: rd = rs1 - rs2.'],
  [Op.SLL, 'sll', 0x00001033, R, 'R', 'I', 'Shift left logical by rs2[4:0].'],
  [Op.SLT, 'slt', 0x00002033, R, 'R', 'I', 'Set if less than (signed).'],
  [Op.SLTU, 'sltu', 0x00003033, R, 'R', 'I', 'Set if less than (unsigned).'],
  [Op.XOR, 'xor', 0x00004033, R, 'R', 'I', 'Exclusive-or.'],
  [Op.SRL, 'srl', 0x00005033, R, 'R', 'I', 'Shift right logical by rs2[4:0].'],
  [Op.SRA, 'sra', 0x40005033, R, 'R', 'I', 'Shift right arithmetic by rs2[4:0].'],
  [Op.OR, 'or', 0x00006033, R, 'R', 'I', 'Or.'],
  [Op.AND, 'and', 0x00007033, R, 'R', 'I', 'And.'],
  [Op.FENCE, 'fence', 0x0000000f, I, 'FENCE', 'I', 'Order memory and I/O accesses (pred, succ sets of i/o/r/w).'],
  [Op.FENCE_I, 'fence.i', 0x0000100f, I, 'NONE', 'Zifencei', 'Synchronise the instruction stream with prior stores.'],
  [Op.ECALL, 'ecall', 0x00000073, FULL, 'NONE', 'I', 'Environment call: trap with cause 8/9/11 (from U/S/M).'],
  [Op.EBREAK, 'ebreak', 0x00100073, FULL, 'NONE', 'I', 'Breakpoint: trap with cause 3.'],
  [Op.CSRRW, 'csrrw', 0x00001073, I, 'CSR', 'Zicsr', 'Atomic CSR read/write: rd = csr; csr = rs1 (no read when rd is x0).'],
  [Op.CSRRS, 'csrrs', 0x00002073, I, 'CSR', 'Zicsr', 'Atomic CSR read and set bits: rd = csr; csr |= rs1 (no write when rs1 is x0).'],
  [Op.CSRRC, 'csrrc', 0x00003073, I, 'CSR', 'Zicsr', 'Atomic CSR read and clear bits: rd = csr; csr &= ~rs1 (no write when rs1 is x0).'],
  [Op.CSRRWI, 'csrrwi', 0x00005073, I, 'CSRI', 'Zicsr', 'CSR read/write with a 5-bit zero-extended immediate.'],
  [Op.CSRRSI, 'csrrsi', 0x00006073, I, 'CSRI', 'Zicsr', 'CSR read and set bits from a 5-bit immediate (no write when it is 0).'],
  [Op.CSRRCI, 'csrrci', 0x00007073, I, 'CSRI', 'Zicsr', 'CSR read and clear bits from a 5-bit immediate (no write when it is 0).'],
  [Op.MUL, 'mul', 0x02000033, R, 'R', 'M', 'Multiply: low 32 bits of rs1 * rs2.'],
  [Op.MULH, 'mulh', 0x02001033, R, 'R', 'M', 'Multiply high, signed × signed.'],
  [Op.MULHSU, 'mulhsu', 0x02002033, R, 'R', 'M', 'Multiply high, signed rs1 × unsigned rs2.'],
  [Op.MULHU, 'mulhu', 0x02003033, R, 'R', 'M', 'Multiply high, unsigned × unsigned.'],
  [Op.DIV, 'div', 0x02004033, R, 'R', 'M', 'Divide (signed); x/0 = -1, INT_MIN/-1 = INT_MIN.'],
  [Op.DIVU, 'divu', 0x02005033, R, 'R', 'M', 'Divide (unsigned); x/0 = 0xffffffff.'],
  [Op.REM, 'rem', 0x02006033, R, 'R', 'M', 'Remainder (signed); x%0 = x, INT_MIN%-1 = 0.'],
  [Op.REMU, 'remu', 0x02007033, R, 'R', 'M', 'Remainder (unsigned); x%0 = x.'],
  [Op.LR_W, 'lr.w', 0x1000202f, 0xf9f0707f, 'LR', 'A', 'Load-reserved word: rd = mem32[rs1] and reserve the address.'],
  [Op.SC_W, 'sc.w', 0x1800202f, AMO, 'AMO', 'A', 'Store-conditional word: store rs2 if the reservation holds; rd = 0 on success, 1 on failure.'],
  [Op.AMOSWAP_W, 'amoswap.w', 0x0800202f, AMO, 'AMO', 'A', 'Atomic swap: rd = mem32[rs1]; mem32[rs1] = rs2.'],
  [Op.AMOADD_W, 'amoadd.w', 0x0000202f, AMO, 'AMO', 'A', 'Atomic add.'],
  [Op.AMOXOR_W, 'amoxor.w', 0x2000202f, AMO, 'AMO', 'A', 'Atomic exclusive-or.'],
  [Op.AMOAND_W, 'amoand.w', 0x6000202f, AMO, 'AMO', 'A', 'Atomic and.'],
  [Op.AMOOR_W, 'amoor.w', 0x4000202f, AMO, 'AMO', 'A', 'Atomic or.'],
  [Op.AMOMIN_W, 'amomin.w', 0x8000202f, AMO, 'AMO', 'A', 'Atomic minimum (signed).'],
  [Op.AMOMAX_W, 'amomax.w', 0xa000202f, AMO, 'AMO', 'A', 'Atomic maximum (signed).'],
  [Op.AMOMINU_W, 'amominu.w', 0xc000202f, AMO, 'AMO', 'A', 'Atomic minimum (unsigned).'],
  [Op.AMOMAXU_W, 'amomaxu.w', 0xe000202f, AMO, 'AMO', 'A', 'Atomic maximum (unsigned).'],
  [Op.MRET, 'mret', 0x30200073, FULL, 'NONE', 'Priv', 'Return from an M-mode trap: pc = mepc, mode = MPP, MIE = MPIE.'],
  [Op.SRET, 'sret', 0x10200073, FULL, 'NONE', 'Priv', 'Return from an S-mode trap: pc = sepc, mode = SPP, SIE = SPIE.'],
  [Op.WFI, 'wfi', 0x10500073, FULL, 'NONE', 'Priv', 'Wait for interrupt: stall until an enabled interrupt is pending.'],
  [Op.SFENCE_VMA, 'sfence.vma', 0x12000073, 0xfe007fff, 'SFENCE', 'Priv', 'Flush address-translation caches (by virtual address rs1 and ASID rs2; x0 = all).'],
  [Op.HFENCE_VVMA, 'hfence.vvma', 0x22000073, 0xfe007fff, 'SFENCE', 'H', 'Flush VS-stage translations (by guest virtual address rs1 and ASID rs2).'],
  [Op.HFENCE_GVMA, 'hfence.gvma', 0x62000073, 0xfe007fff, 'SFENCE', 'H', 'Flush G-stage translations (by guest physical address rs1 >> 2 and VMID rs2).'],
  [Op.HLV_B, 'hlv.b', 0x60004073, 0xfff0707f, 'HLV', 'H', 'Hypervisor load byte as if V=1 (guest virtual address rs1).'],
  [Op.HLV_BU, 'hlv.bu', 0x60104073, 0xfff0707f, 'HLV', 'H', 'Hypervisor load byte unsigned as if V=1.'],
  [Op.HLV_H, 'hlv.h', 0x64004073, 0xfff0707f, 'HLV', 'H', 'Hypervisor load halfword as if V=1.'],
  [Op.HLV_HU, 'hlv.hu', 0x64104073, 0xfff0707f, 'HLV', 'H', 'Hypervisor load halfword unsigned as if V=1.'],
  [Op.HLV_W, 'hlv.w', 0x68004073, 0xfff0707f, 'HLV', 'H', 'Hypervisor load word as if V=1.'],
  [Op.HLVX_HU, 'hlvx.hu', 0x64304073, 0xfff0707f, 'HLV', 'H', 'Hypervisor load halfword with execute permission as if V=1.'],
  [Op.HLVX_WU, 'hlvx.wu', 0x68304073, 0xfff0707f, 'HLV', 'H', 'Hypervisor load word with execute permission as if V=1.'],
  [Op.HSV_B, 'hsv.b', 0x62004073, 0xfe007fff, 'HSV', 'H', 'Hypervisor store byte as if V=1.'],
  [Op.HSV_H, 'hsv.h', 0x66004073, 0xfe007fff, 'HSV', 'H', 'Hypervisor store halfword as if V=1.'],
  [Op.HSV_W, 'hsv.w', 0x6a004073, 0xfe007fff, 'HSV', 'H', 'Hypervisor store word as if V=1.'],
];

const WRITES_RD = new Set<Format>(['R', 'I', 'SHIFT', 'LOAD', 'U', 'JAL', 'JALR', 'CSR', 'CSRI', 'LR', 'AMO', 'HLV']);

export const INSTRUCTIONS: readonly InstructionSpec[] = rows.map(([op, name, match, mask, format, ext, doc]) =>
  ({ op, name, match: match >>> 0, mask: mask >>> 0, format, ext, doc, writesRd: WRITES_RD.has(format) }));

/** Compressed instructions valid on RV32 (no F/D). Specific rows come before general ones. */
export const COMPRESSED: readonly CompressedSpec[] = [
  { name: 'c.addi4spn', match: 0x0000, mask: 0xe003, format: 'CIW_ADDI4SPN', op: Op.ADDI, doc: "addi rd', sp, nzuimm (scaled by 4)." },
  { name: 'c.lw', match: 0x4000, mask: 0xe003, format: 'CL_LW', op: Op.LW, doc: "lw rd', uimm(rs1')." },
  { name: 'c.sw', match: 0xc000, mask: 0xe003, format: 'CS_SW', op: Op.SW, doc: "sw rs2', uimm(rs1')." },
  { name: 'c.addi', match: 0x0001, mask: 0xe003, format: 'CI_ADDI', op: Op.ADDI, doc: 'addi rd, rd, imm6 (c.nop when rd is x0).' },
  { name: 'c.jal', match: 0x2001, mask: 0xe003, format: 'CJ_JAL', op: Op.JAL, doc: 'jal ra, offset (RV32 only).' },
  { name: 'c.li', match: 0x4001, mask: 0xe003, format: 'CI_LI', op: Op.ADDI, doc: 'addi rd, x0, imm6.' },
  { name: 'c.addi16sp', match: 0x6101, mask: 0xef83, format: 'CI_ADDI16SP', op: Op.ADDI, doc: 'addi sp, sp, nzimm (scaled by 16).' },
  { name: 'c.lui', match: 0x6001, mask: 0xe003, format: 'CI_LUI', op: Op.LUI, doc: 'lui rd, nzimm6.' },
  { name: 'c.srli', match: 0x8001, mask: 0xec03, format: 'CB_SRLI', op: Op.SRLI, doc: "srli rd', rd', shamt." },
  { name: 'c.srai', match: 0x8401, mask: 0xec03, format: 'CB_SRAI', op: Op.SRAI, doc: "srai rd', rd', shamt." },
  { name: 'c.andi', match: 0x8801, mask: 0xec03, format: 'CB_ANDI', op: Op.ANDI, doc: "andi rd', rd', imm6." },
  { name: 'c.sub', match: 0x8c01, mask: 0xfc63, format: 'CA', op: Op.SUB, doc: "sub rd', rd', rs2'." },
  { name: 'c.xor', match: 0x8c21, mask: 0xfc63, format: 'CA', op: Op.XOR, doc: "xor rd', rd', rs2'." },
  { name: 'c.or', match: 0x8c41, mask: 0xfc63, format: 'CA', op: Op.OR, doc: "or rd', rd', rs2'." },
  { name: 'c.and', match: 0x8c61, mask: 0xfc63, format: 'CA', op: Op.AND, doc: "and rd', rd', rs2'." },
  { name: 'c.j', match: 0xa001, mask: 0xe003, format: 'CJ_J', op: Op.JAL, doc: 'jal x0, offset.' },
  { name: 'c.beqz', match: 0xc001, mask: 0xe003, format: 'CB_BRANCH', op: Op.BEQ, doc: "beq rs1', x0, offset." },
  { name: 'c.bnez', match: 0xe001, mask: 0xe003, format: 'CB_BRANCH', op: Op.BNE, doc: "bne rs1', x0, offset." },
  { name: 'c.slli', match: 0x0002, mask: 0xe003, format: 'CI_SLLI', op: Op.SLLI, doc: 'slli rd, rd, shamt.' },
  { name: 'c.lwsp', match: 0x4002, mask: 0xe003, format: 'CI_LWSP', op: Op.LW, doc: 'lw rd, uimm(sp).' },
  { name: 'c.ebreak', match: 0x9002, mask: 0xffff, format: 'CR_EBREAK', op: Op.EBREAK, doc: 'ebreak.' },
  { name: 'c.jr', match: 0x8002, mask: 0xf07f, format: 'CR_JR', op: Op.JALR, doc: 'jalr x0, 0(rs1).' },
  { name: 'c.jalr', match: 0x9002, mask: 0xf07f, format: 'CR_JALR', op: Op.JALR, doc: 'jalr ra, 0(rs1).' },
  { name: 'c.mv', match: 0x8002, mask: 0xf003, format: 'CR_MV', op: Op.ADD, doc: 'add rd, x0, rs2.' },
  { name: 'c.add', match: 0x9002, mask: 0xf003, format: 'CR_ADD', op: Op.ADD, doc: 'add rd, rd, rs2.' },
  { name: 'c.swsp', match: 0xc002, mask: 0xe003, format: 'CSS_SWSP', op: Op.SW, doc: 'sw rs2, uimm(sp).' },
];

const byOp = new Map<Op, InstructionSpec>(INSTRUCTIONS.map((s) => [s.op, s]));
const byName = new Map<string, InstructionSpec>(INSTRUCTIONS.map((s) => [s.name, s]));

export function specOf(op: Op): InstructionSpec | undefined { return byOp.get(op); }
export function specByName(name: string): InstructionSpec | undefined { return byName.get(name); }
