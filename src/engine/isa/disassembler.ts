import { csrByNumber } from './csrs';
import { COMPRESSED, INSTRUCTIONS } from './instructions';

/**
 * The written forms of instructions and the disassembler that prints them.
 *
 * FORMS lists, in the order of GNU binutils 2.40's opcode table (opcodes/riscv-opc.c), every
 * way an encoding of the ISA table can be written: the canonical form of each row, the
 * compressed rows, and the aliases (mv, li, ret, j, beqz, csrr, ...). A form names a table row
 * (whose match/mask give the opcode), optional fixed fields, GNU's operand letters and, where
 * GNU has one, a match condition. The disassembler prints the first form that matches a word,
 * exactly as objdump does (skipping aliases with `aliases: false`, like `-M no-aliases`); the
 * assembler (src/engine/asm/syntax.ts) tries a mnemonic's forms in the same order, as GNU as
 * does. Operand letters:
 *
 *   d s t   rd, rs1, rs2          j o q  I/load/S immediates     u   20-bit upper immediate
 *   p a     branch/jump target    >      shift amount            Z   5-bit CSR immediate
 *   E       CSR                   P Q    fence sets              0 z zero offset / x0
 *   Cs Ct   x8-x15 at 9:7 / 4:2   Cw Cx  equal to that field     CU  equal to rd
 *   CV      register at 6:2       Cc     sp                      Cz  x0
 *   Co Cj C> 6-bit imm (any/non-zero/shift)     Cu Cv  c.lui immediate (lui/li)
 *   Ck Cm CM c.lw/c.lwsp/c.swsp offsets         CK CL  c.addi4spn/c.addi16sp     Cp Ca targets
 */

export type Check =
  | 'rdNonzero' | 'cAdd' | 'cAddHint' | 'cNop' | 'cLui' | 'cLuiHint' | 'cAddi4spn' | 'cSlli' | 'cSlli64'
  | 'slliAsCSlli' | 'srxiAsCSrxi' | 'rs1Nonzero';

export interface Fixed {
  rd?: number; rs1?: number; rs2?: number; imm?: number; csr?: number; pred?: number; succ?: number; fm?: number;
  aq?: boolean; rl?: boolean;
}

export interface Form {
  mnemonic: string;
  /** The table row supplying match/mask (absent only for c.unimp's all-zero pattern). */
  row?: string;
  raw16?: number;
  args: string;
  fixed?: Fixed;
  check?: Check;
  /** GNU marks it INSN_ALIAS: objdump -M no-aliases does not print it. */
  alias: boolean;
  /** Bits GNU requires to be zero beyond the row's mask (fence: rd, rs1, fm). */
  zeroMask?: number;
  length: 2 | 4;
  match: number;
  mask: number;
}

type Spec = [mnemonic: string, target: string, args: string, opts?: { fixed?: Fixed; check?: Check; alias?: boolean; zeroMask?: number }];

const RA = 1;
const RD_MASK = 0xf80, RS1_MASK = 0xf8000, RS2_MASK = 0x1f00000, IMM_MASK = 0xfff00000;

/** The forms, in GNU's table order (which decides what objdump prints and what GNU as picks). */
const SPECS: Spec[] = [
  ['unimp', 'raw16:0', ''], ['unimp', 'csrrw', '', { fixed: { rd: 0, csr: 0xc00, rs1: 0 }, alias: false }],
  ['ebreak', 'c.ebreak', ''], ['ebreak', 'ebreak', ''],
  ['sbreak', 'c.ebreak', ''], ['sbreak', 'ebreak', '', { alias: true }],
  ['ret', 'c.jr', '', { fixed: { rd: RA } }], ['ret', 'jalr', '', { fixed: { rd: 0, rs1: RA, imm: 0 } }],
  ['jr', 'c.jr', 'd', { check: 'rdNonzero' }], ['jr', 'jalr', 's', { fixed: { rd: 0, imm: 0 } }],
  ['jr', 'jalr', 'o(s)', { fixed: { rd: 0 } }], ['jr', 'jalr', 's,j', { fixed: { rd: 0 } }],
  ['jalr', 'c.jalr', 'd', { check: 'rdNonzero' }], ['jalr', 'jalr', 's', { fixed: { rd: RA, imm: 0 }, alias: true }],
  ['jalr', 'jalr', 'o(s)', { fixed: { rd: RA }, alias: true }], ['jalr', 'jalr', 's,j', { fixed: { rd: RA }, alias: true }],
  ['jalr', 'jalr', 'd,s', { fixed: { imm: 0 }, alias: true }], ['jalr', 'jalr', 'd,o(s)'], ['jalr', 'jalr', 'd,s,j'],
  ['j', 'c.j', 'Ca'], ['j', 'jal', 'a', { fixed: { rd: 0 } }],
  ['jal', 'jal', 'a', { fixed: { rd: RA }, alias: true }], ['jal', 'jal', 'd,a'],
  // After the 32-bit forms, so GNU as never picks it for `jal label`, but objdump prints c.jal as jal.
  ['jal', 'c.jal', 'Ca'],
  ['nop', 'c.addi', '', { fixed: { rd: 0, imm: 0 } }], ['nop', 'addi', '', { fixed: { rd: 0, rs1: 0, imm: 0 } }],
  ['lui', 'c.lui', 'd,Cu', { check: 'cLui' }], ['lui', 'lui', 'd,u'],
  ['li', 'c.lui', 'd,Cv', { check: 'cLui' }], ['li', 'c.li', 'd,Co', { check: 'rdNonzero' }], ['li', 'addi', 'd,j', { fixed: { rs1: 0 } }],
  ['mv', 'c.mv', 'd,CV', { check: 'cAdd' }], ['mv', 'addi', 'd,s', { fixed: { imm: 0 } }],
  ['move', 'c.mv', 'd,CV', { check: 'cAdd' }], ['move', 'addi', 'd,s', { fixed: { imm: 0 } }],
  ['zext.b', 'andi', 'd,s', { fixed: { imm: 255 } }],
  ['and', 'c.and', 'Cs,Cw,Ct'], ['and', 'c.and', 'Cs,Ct,Cw'], ['and', 'c.andi', 'Cs,Cw,Co'], ['and', 'and', 'd,s,t'], ['and', 'andi', 'd,s,j'],
  ['andi', 'c.andi', 'Cs,Cw,Co'], ['andi', 'andi', 'd,s,j'],
  ['beqz', 'c.beqz', 'Cs,Cp'], ['beqz', 'beq', 's,p', { fixed: { rs2: 0 } }],
  ['beq', 'c.beqz', 'Cs,Cz,Cp'], ['beq', 'beq', 's,t,p'],
  ['blez', 'bge', 't,p', { fixed: { rs1: 0 } }], ['bgez', 'bge', 's,p', { fixed: { rs2: 0 } }],
  ['bge', 'bge', 's,t,p'], ['bgeu', 'bgeu', 's,t,p'], ['ble', 'bge', 't,s,p'], ['bleu', 'bgeu', 't,s,p'],
  ['bltz', 'blt', 's,p', { fixed: { rs2: 0 } }], ['bgtz', 'blt', 't,p', { fixed: { rs1: 0 } }],
  ['blt', 'blt', 's,t,p'], ['bltu', 'bltu', 's,t,p'], ['bgt', 'blt', 't,s,p'], ['bgtu', 'bltu', 't,s,p'],
  ['bnez', 'c.bnez', 'Cs,Cp'], ['bnez', 'bne', 's,p', { fixed: { rs2: 0 } }],
  ['bne', 'c.bnez', 'Cs,Cz,Cp'], ['bne', 'bne', 's,t,p'],
  ['add', 'c.add', 'd,CU,CV', { check: 'cAdd' }], ['add', 'c.add', 'd,CV,CU', { check: 'cAdd' }],
  ['add', 'c.addi', 'd,CU,Co', { check: 'rdNonzero' }], ['add', 'c.addi4spn', 'Ct,Cc,CK', { check: 'cAddi4spn' }],
  ['add', 'c.addi16sp', 'Cc,Cc,CL'], ['add', 'c.mv', 'd,Cz,CV', { check: 'cAdd' }], ['add', 'add', 'd,s,t'], ['add', 'addi', 'd,s,j'],
  ['addi', 'c.addi4spn', 'Ct,Cc,CK', { check: 'cAddi4spn' }], ['addi', 'c.addi', 'd,CU,Cj', { check: 'rdNonzero' }],
  ['addi', 'c.addi', 'd,CU,z', { check: 'cNop', fixed: { imm: 0 } }], ['addi', 'c.addi16sp', 'Cc,Cc,CL'],
  ['addi', 'c.li', 'd,Cz,Co', { check: 'rdNonzero' }], ['addi', 'c.mv', 'd,CV,z', { check: 'cAdd' }], ['addi', 'addi', 'd,s,j'],
  ['neg', 'sub', 'd,t', { fixed: { rs1: 0 } }],
  ['sll', 'c.slli', 'd,CU,C>', { check: 'slliAsCSlli' }], ['sll', 'sll', 'd,s,t'], ['sll', 'slli', 'd,s,>'],
  ['slli', 'c.slli', 'd,CU,C>', { check: 'slliAsCSlli' }], ['slli', 'slli', 'd,s,>'],
  ['srl', 'c.srli', 'Cs,Cw,C>', { check: 'srxiAsCSrxi' }], ['srl', 'srl', 'd,s,t'], ['srl', 'srli', 'd,s,>'],
  ['srli', 'c.srli', 'Cs,Cw,C>', { check: 'srxiAsCSrxi' }], ['srli', 'srli', 'd,s,>'],
  ['sra', 'c.srai', 'Cs,Cw,C>', { check: 'srxiAsCSrxi' }], ['sra', 'sra', 'd,s,t'], ['sra', 'srai', 'd,s,>'],
  ['srai', 'c.srai', 'Cs,Cw,C>', { check: 'srxiAsCSrxi' }], ['srai', 'srai', 'd,s,>'],
  ['sub', 'c.sub', 'Cs,Cw,Ct'], ['sub', 'sub', 'd,s,t'],
  ['lb', 'lb', 'd,o(s)'], ['lbu', 'lbu', 'd,o(s)'], ['lh', 'lh', 'd,o(s)'], ['lhu', 'lhu', 'd,o(s)'],
  ['lw', 'c.lwsp', 'd,Cm(Cc)', { check: 'rdNonzero' }], ['lw', 'c.lw', 'Ct,Ck(Cs)'], ['lw', 'lw', 'd,o(s)'],
  ['not', 'xori', 'd,s', { fixed: { imm: -1 } }],
  ['or', 'ori', 'd,s,j'], ['or', 'c.or', 'Cs,Cw,Ct'], ['or', 'c.or', 'Cs,Ct,Cw'], ['or', 'or', 'd,s,t'],
  ['ori', 'ori', 'd,s,j'],
  ['auipc', 'auipc', 'd,u'],
  ['seqz', 'sltiu', 'd,s', { fixed: { imm: 1 } }], ['snez', 'sltu', 'd,t', { fixed: { rs1: 0 } }],
  ['sltz', 'slt', 'd,s', { fixed: { rs2: 0 } }], ['sgtz', 'slt', 'd,t', { fixed: { rs1: 0 } }],
  ['slti', 'slti', 'd,s,j'], ['slt', 'slt', 'd,s,t'], ['slt', 'slti', 'd,s,j'],
  ['sltiu', 'sltiu', 'd,s,j'], ['sltu', 'sltu', 'd,s,t'], ['sltu', 'sltiu', 'd,s,j'],
  ['sgt', 'slt', 'd,t,s'], ['sgtu', 'sltu', 'd,t,s'],
  ['sb', 'sb', 't,q(s)'], ['sh', 'sh', 't,q(s)'],
  ['sw', 'c.swsp', 'CV,CM(Cc)'], ['sw', 'c.sw', 'Ct,Ck(Cs)'], ['sw', 'sw', 't,q(s)'],
  ['fence', 'fence', '', { fixed: { pred: 15, succ: 15, fm: 0 }, alias: true, zeroMask: RD_MASK | RS1_MASK }],
  ['fence', 'fence', 'P,Q', { fixed: { fm: 0 }, zeroMask: RD_MASK | RS1_MASK }],
  ['fence.i', 'fence.i', '', { zeroMask: RD_MASK | RS1_MASK | IMM_MASK }],
  // fence.tso is the FENCE row with fm = 1000 and rw,rw (the table's FENCE mask leaves fm free).
  ['fence.tso', 'fence', '', { fixed: { pred: 3, succ: 3, fm: 8 }, alias: false, zeroMask: RD_MASK | RS1_MASK }],
  ['rdcycle', 'csrrs', 'd', { fixed: { csr: 0xc00, rs1: 0 } }], ['rdinstret', 'csrrs', 'd', { fixed: { csr: 0xc02, rs1: 0 } }],
  ['rdtime', 'csrrs', 'd', { fixed: { csr: 0xc01, rs1: 0 } }], ['rdcycleh', 'csrrs', 'd', { fixed: { csr: 0xc80, rs1: 0 } }],
  ['rdinstreth', 'csrrs', 'd', { fixed: { csr: 0xc82, rs1: 0 } }], ['rdtimeh', 'csrrs', 'd', { fixed: { csr: 0xc81, rs1: 0 } }],
  ['ecall', 'ecall', ''], ['scall', 'ecall', '', { alias: false }],
  ['xor', 'xori', 'd,s,j'], ['xor', 'c.xor', 'Cs,Cw,Ct'], ['xor', 'c.xor', 'Cs,Ct,Cw'], ['xor', 'xor', 'd,s,t'],
  ['xori', 'xori', 'd,s,j'],
];

/** Explicit compressed mnemonics (GNU lists them after the base instructions). */
const COMPRESSED_SPECS: Spec[] = [
  ['c.unimp', 'raw16:0', '', { alias: false }], ['c.ebreak', 'c.ebreak', ''], ['c.jr', 'c.jr', 'd', { check: 'rdNonzero' }],
  ['c.jalr', 'c.jalr', 'd', { check: 'rdNonzero' }], ['c.j', 'c.j', 'Ca'], ['c.jal', 'c.jal', 'Ca'],
  ['c.beqz', 'c.beqz', 'Cs,Cp'], ['c.bnez', 'c.bnez', 'Cs,Cp'], ['c.lwsp', 'c.lwsp', 'd,Cm(Cc)', { check: 'rdNonzero' }],
  ['c.lw', 'c.lw', 'Ct,Ck(Cs)'], ['c.swsp', 'c.swsp', 'CV,CM(Cc)'], ['c.sw', 'c.sw', 'Ct,Ck(Cs)'],
  ['c.nop', 'c.addi', '', { fixed: { rd: 0, imm: 0 } }], ['c.nop', 'c.addi', 'Cj', { fixed: { rd: 0 } }],
  ['c.mv', 'c.mv', 'd,CV', { check: 'cAddHint' }], ['c.lui', 'c.lui', 'd,Cu', { check: 'cLuiHint' }],
  ['c.li', 'c.li', 'd,Co'], ['c.addi4spn', 'c.addi4spn', 'Ct,Cc,CK', { check: 'cAddi4spn' }],
  ['c.addi16sp', 'c.addi16sp', 'Cc,CL'], ['c.addi', 'c.addi', 'd,Co'], ['c.add', 'c.add', 'd,CV', { check: 'cAddHint' }],
  ['c.sub', 'c.sub', 'Cs,Ct'], ['c.and', 'c.and', 'Cs,Ct'], ['c.or', 'c.or', 'Cs,Ct'], ['c.xor', 'c.xor', 'Cs,Ct'],
  ['c.slli', 'c.slli', 'd,C>', { check: 'cSlli' }], ['c.srli', 'c.srli', 'Cs,C>', { check: 'cSlli' }],
  ['c.srai', 'c.srai', 'Cs,C>', { check: 'cSlli' }], ['c.slli64', 'c.slli', 'd', { check: 'cSlli64', alias: false }],
  ['c.srli64', 'c.srli', 'Cs', { check: 'cSlli64', alias: false }], ['c.srai64', 'c.srai', 'Cs', { check: 'cSlli64', alias: false }],
  ['c.andi', 'c.andi', 'Cs,Co'],
];

/** CSR aliases and privileged instructions (GNU's "Supervisor instructions" block). */
const SYSTEM_SPECS: Spec[] = [
  ['csrr', 'csrrs', 'd,E', { fixed: { rs1: 0 } }],
  ['csrw', 'csrrw', 'E,s', { fixed: { rd: 0 } }], ['csrw', 'csrrwi', 'E,Z', { fixed: { rd: 0 } }],
  ['csrs', 'csrrs', 'E,s', { fixed: { rd: 0 } }], ['csrs', 'csrrsi', 'E,Z', { fixed: { rd: 0 } }],
  ['csrc', 'csrrc', 'E,s', { fixed: { rd: 0 } }], ['csrc', 'csrrci', 'E,Z', { fixed: { rd: 0 } }],
  ['csrwi', 'csrrwi', 'E,Z', { fixed: { rd: 0 } }], ['csrsi', 'csrrsi', 'E,Z', { fixed: { rd: 0 } }],
  ['csrci', 'csrrci', 'E,Z', { fixed: { rd: 0 } }],
  ['csrrw', 'csrrw', 'd,E,s'], ['csrrw', 'csrrwi', 'd,E,Z'], ['csrrs', 'csrrs', 'd,E,s'], ['csrrs', 'csrrsi', 'd,E,Z'],
  ['csrrc', 'csrrc', 'd,E,s'], ['csrrc', 'csrrci', 'd,E,Z'],
  ['csrrwi', 'csrrwi', 'd,E,Z'], ['csrrsi', 'csrrsi', 'd,E,Z'], ['csrrci', 'csrrci', 'd,E,Z'],
  ['sret', 'sret', ''], ['mret', 'mret', ''], ['wfi', 'wfi', ''],
  ['sfence.vma', 'sfence.vma', '', { fixed: { rs1: 0, rs2: 0 }, alias: true }],
  ['sfence.vma', 'sfence.vma', 's', { fixed: { rs2: 0 }, alias: true }], ['sfence.vma', 'sfence.vma', 's,t'],
  ['hfence.vvma', 'hfence.vvma', '', { fixed: { rs1: 0, rs2: 0 }, alias: true }],
  ['hfence.vvma', 'hfence.vvma', 's', { fixed: { rs2: 0 }, alias: true }], ['hfence.vvma', 'hfence.vvma', 's,t'],
  ['hfence.gvma', 'hfence.gvma', '', { fixed: { rs1: 0, rs2: 0 }, alias: true }],
  ['hfence.gvma', 'hfence.gvma', 's', { fixed: { rs2: 0 }, alias: true }], ['hfence.gvma', 'hfence.gvma', 's,t'],
];

/** The operand syntax of each 32-bit format, for rows not listed above. */
const FORMAT_ARGS: Record<string, string> = {
  R: 'd,s,t', I: 'd,s,j', SHIFT: 'd,s,>', LOAD: 'd,o(s)', STORE: 't,q(s)', BRANCH: 's,t,p', U: 'd,u', JAL: 'd,a',
  JALR: 'd,o(s)', CSR: 'd,E,s', CSRI: 'd,E,Z', FENCE: 'P,Q', NONE: '', LR: 'd,0(s)', AMO: 'd,t,0(s)', SFENCE: 's,t',
  HLV: 'd,0(s)', HSV: 't,0(s)',
};

const rowMatchMask = new Map<string, { match: number; mask: number; length: 2 | 4 }>();
for (const r of INSTRUCTIONS) rowMatchMask.set(r.name, { match: r.match, mask: r.mask, length: 4 });
for (const r of COMPRESSED) rowMatchMask.set(r.name, { match: r.match, mask: r.mask, length: 2 });

// Bit placement shared with the assembler's encoder (kept here so the isa layer stands alone).
const bit = (v: number, n: number): number => (v >>> n) & 1;
const bitsOf = (v: number, hi: number, lo: number): number => (v >>> lo) & ((1 << (hi - lo + 1)) - 1);
const encodeCI = (imm: number): number => (bitsOf(imm, 4, 0) << 2) | (bit(imm, 5) << 12);

function makeForm([mnemonic, target, args, opts]: Spec): Form {
  const f = opts?.fixed;
  let match = 0, mask = 0;
  let length: 2 | 4 = 4;
  let raw16: number | undefined;
  let row: string | undefined;
  if (target.startsWith('raw16:')) { raw16 = Number(target.slice(6)); match = raw16; mask = 0xffff; length = 2; }
  else {
    const r = rowMatchMask.get(target);
    if (!r) throw new Error(`form '${mnemonic}' names unknown row '${target}'`);
    row = target; match = r.match; mask = r.mask; length = r.length;
  }
  if (f) {
    const put = (value: number, fieldMask: number, shift: number): void => { match |= (value << shift) & fieldMask; mask |= fieldMask; };
    if (f.rd !== undefined) put(f.rd, RD_MASK, 7);
    if (length === 4) {
      if (f.rs1 !== undefined) put(f.rs1, RS1_MASK, 15);
      if (f.rs2 !== undefined) put(f.rs2, RS2_MASK, 20);
      if (f.imm !== undefined) put(f.imm & 0xfff, IMM_MASK, 20);
      if (f.csr !== undefined) put(f.csr, IMM_MASK, 20);
      if (f.pred !== undefined) put(f.pred, 0x0f000000, 24);
      if (f.succ !== undefined) put(f.succ, 0x00f00000, 20);
      if (f.fm !== undefined) put(f.fm, 0xf0000000, 28);
      if (f.aq !== undefined) put(f.aq ? 1 : 0, 1 << 26, 26);
      if (f.rl !== undefined) put(f.rl ? 1 : 0, 1 << 25, 25);
    } else if (f.imm !== undefined) { match |= encodeCI(f.imm); mask |= encodeCI(-1); }
  }
  if (opts?.zeroMask) mask |= opts.zeroMask;
  const alias = opts?.alias ?? (raw16 !== undefined ? true : mnemonic !== target);
  return { mnemonic, row, raw16, args, fixed: f, check: opts?.check, alias, zeroMask: opts?.zeroMask, length, match: match >>> 0, mask: mask >>> 0 };
}

function buildForms(): Form[] {
  const specs: Spec[] = [...SPECS];
  const listed = new Set(specs.map((s) => `${s[0]}|${s[2]}`));
  // The atomics, the M extension and the H loads/stores: the canonical form of each row, then
  // the acquire/release variants (GNU's .aq/.rl/.aqrl entries).
  for (const r of INSTRUCTIONS) {
    if (listed.has(`${r.name}|${FORMAT_ARGS[r.format]}`) || specs.some((s) => s[1] === r.name && s[0] === r.name)) continue;
    if (['CSR', 'CSRI', 'SFENCE'].includes(r.format) || ['mret', 'sret', 'wfi'].includes(r.name)) continue;
    if (r.format === 'LR' || r.format === 'AMO') {
      specs.push([r.name, r.name, FORMAT_ARGS[r.format], { fixed: { aq: false, rl: false } }]);
      continue;
    }
    specs.push([r.name, r.name, FORMAT_ARGS[r.format]]);
  }
  for (const r of INSTRUCTIONS) {
    if (r.format !== 'LR' && r.format !== 'AMO') continue;
    for (const [suffix, aq, rl] of [['aq', true, false], ['rl', false, true], ['aqrl', true, true]] as const) {
      specs.push([`${r.name}.${suffix}`, r.name, FORMAT_ARGS[r.format], { fixed: { aq, rl }, alias: false }]);
    }
  }
  specs.push(...COMPRESSED_SPECS, ...SYSTEM_SPECS);
  return specs.map(makeForm);
}

/** Every written form, in GNU's order. */
export const FORMS: readonly Form[] = buildForms();

/** The operand syntax of each 32-bit format (for documentation and completion). */
export const OPERAND_SYNTAX: Readonly<Record<string, string>> = FORMAT_ARGS;

// ---- match conditions --------------------------------------------------------------------

const rdOf = (w: number): number => (w >>> 7) & 31;
const crs2Of = (w: number): number => (w >>> 2) & 31;
const ciOf = (w: number): number => (((bit(w, 12) << 5) | bitsOf(w, 6, 2)) << 26) >> 26;

/** GNU's match functions, on the encoded word. */
export function checkPasses(check: Check | undefined, w: number): boolean {
  switch (check) {
    case undefined: return true;
    case 'rdNonzero': return rdOf(w) !== 0;
    case 'cAdd': return rdOf(w) !== 0 && crs2Of(w) !== 0;
    case 'cAddHint': return crs2Of(w) !== 0;
    case 'cNop': return rdOf(w) === 0;
    case 'cLui': return rdOf(w) !== 0 && rdOf(w) !== 2 && ciOf(w) !== 0;
    case 'cLuiHint': return rdOf(w) !== 2 && ciOf(w) !== 0;
    case 'cAddi4spn': return ((w >>> 5) & 0xff) !== 0;
    case 'cSlli': case 'srxiAsCSrxi': return ciOf(w) !== 0;
    case 'cSlli64': return ciOf(w) === 0;
    case 'slliAsCSlli': return rdOf(w) !== 0 && ciOf(w) !== 0;
    case 'rs1Nonzero': return ((w >>> 15) & 31) !== 0;
  }
}

// ---- printing ----------------------------------------------------------------------------

/** ABI register names, as objdump prints them. */
export const ABI_NAMES = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];

const FENCE_SETS = [undefined, 'w', 'r', 'rw', 'o', 'ow', 'or', 'orw', 'i', 'iw', 'ir', 'irw', 'io', 'iow', 'ior', 'iorw'];

/**
 * What objdump remembers between instructions to annotate address computations: the value a
 * lui/auipc/c.lui put in a register, until an addi/load/store/jalr uses it (riscv-dis.c).
 */
export class DisassemblerState {
  readonly hiAddr: Array<number | undefined> = new Array(32).fill(undefined);
  printAddr = 0;
  toPrint = false;
}

export interface DisassembleOptions {
  /** Print aliases (li, mv, ret, j, beqz, csrr, ...) as objdump does by default. Default false: the
   *  canonical forms, as `objdump -M no-aliases`. */
  aliases?: boolean;
  /** Formats a code address (branch targets, `# address` comments). Default: `0x...`. */
  printAddress?: (address: number) => string;
  /** Carries lui/auipc values across calls; when given, objdump's `# address` comments are added. */
  state?: DisassemblerState;
  /** False where the program runs without C (objdump then prints compressed words as data). */
  rvc?: boolean;
  /** Name every CSR Hyperstep knows. Default false: like objdump 2.40, whose default privileged
   *  spec (1.11) lacks the 1.12 CSRs, print those as numbers. */
  allCsrNames?: boolean;
}

/** CSRs binutils 2.40 declares only from privileged spec 1.12; its objdump prints their numbers. */
const PRIV_1_12_CSRS = new Set([0x10a, 0xf15, 0x30a, 0x310, 0x31a, 0x34a, 0x34b]);

const formsByKey = new Map<number, Form[]>();
const keyOf = (w: number, length: number): number => (length === 2 ? 0x1000 | (((w >>> 13) & 7) << 2) | (w & 3) : w & 0x7f);
for (const f of FORMS) {
  const key = keyOf(f.match, f.length);
  let list = formsByKey.get(key);
  if (!list) formsByKey.set(key, (list = []));
  list.push(f);
}

/** Instruction length from the low bits (2 for compressed). */
export function instructionLength(bits: number): 2 | 4 { return (bits & 3) === 3 ? 4 : 2; }

/** The form objdump would print for a word, or undefined when it is not an instruction. */
export function formOf(bits: number, aliases: boolean): Form | undefined {
  const length = instructionLength(bits);
  const w = length === 2 ? bits & 0xffff : bits >>> 0;
  const list = formsByKey.get(keyOf(w, length));
  if (!list) return undefined;
  for (const f of list) {
    if (((w & f.mask) >>> 0) !== f.match) continue;
    if (!aliases && f.alias) continue;
    if (!checkPasses(f.check, w)) continue;
    return f;
  }
  return undefined;
}

const sext = (v: number, n: number): number => (v << (32 - n)) >> (32 - n);
const immI = (l: number): number => l >> 20;
const immS = (l: number): number => ((l >> 25) << 5) | bitsOf(l, 11, 7);
const immB = (l: number): number => sext((bit(l, 31) << 12) | (bit(l, 7) << 11) | (bitsOf(l, 30, 25) << 5) | (bitsOf(l, 11, 8) << 1), 13);
const immJ = (l: number): number => sext((bit(l, 31) << 20) | (bitsOf(l, 19, 12) << 12) | (bit(l, 20) << 11) | (bitsOf(l, 30, 21) << 1), 21);
const immCB = (l: number): number => sext((bit(l, 12) << 8) | (bitsOf(l, 11, 10) << 3) | (bitsOf(l, 6, 5) << 6) | (bitsOf(l, 4, 3) << 1) | (bit(l, 2) << 5), 9);
const immCJ = (l: number): number => sext((bit(l, 12) << 11) | (bit(l, 11) << 4) | (bitsOf(l, 10, 9) << 8) | (bit(l, 8) << 10) |
  (bit(l, 7) << 6) | (bit(l, 6) << 7) | (bitsOf(l, 5, 3) << 1) | (bit(l, 2) << 5), 12);
const immCLw = (l: number): number => (bitsOf(l, 12, 10) << 3) | (bit(l, 6) << 2) | (bit(l, 5) << 6);
const immCLwsp = (l: number): number => (bit(l, 12) << 5) | (bitsOf(l, 6, 4) << 2) | (bitsOf(l, 3, 2) << 6);
const immCSwsp = (l: number): number => (bitsOf(l, 12, 9) << 2) | (bitsOf(l, 8, 7) << 6);
const immCAddi4spn = (l: number): number => (bitsOf(l, 12, 11) << 4) | (bitsOf(l, 10, 7) << 6) | (bit(l, 6) << 2) | (bit(l, 5) << 3);
const immCAddi16sp = (l: number): number => sext((bit(l, 12) << 9) | (bit(l, 6) << 4) | (bit(l, 5) << 6) | (bitsOf(l, 4, 3) << 7) | (bit(l, 2) << 5), 10);

const hex = (v: number): string => '0x' + (v >>> 0).toString(16);

/**
 * Disassembles one instruction the way objdump 2.40 prints it: `mnemonic\toperands`, with the
 * canonical form by default or the aliases with `{ aliases: true }`. `pc` resolves branch and
 * jump targets. Words that are not instructions print as `.2byte`/`.4byte` data.
 */
export function disassemble(bits: number, pc: number, options: DisassembleOptions = {}): string {
  const length = instructionLength(bits);
  const w = length === 2 ? bits & 0xffff : bits >>> 0;
  const form = length === 2 && options.rvc === false ? undefined : formOf(w, options.aliases ?? false);
  if (!form) return `.${length}byte\t${hex(w)}`;
  const st = options.state ?? new DisassemblerState();
  const printAddress = options.printAddress ?? hex;
  let text = form.mnemonic;
  if (form.args !== '') text += '\t' + operands(form.args, w, pc >>> 0, st, printAddress, options.allCsrNames ?? false);
  if (st.toPrint) {
    st.toPrint = false;
    if (options.state) text += ' # ' + printAddress(st.printAddr);
  }
  return text;
}

function maybePrintAddress(st: DisassemblerState, base: number, offset: number): void {
  const hi = st.hiAddr[base];
  if (hi !== undefined) {
    st.printAddr = (base !== 0 ? hi : 0) + offset;
    st.hiAddr[base] = undefined;
  } else if (base === 4 || base === 0) st.printAddr = offset;
  else return;
  st.toPrint = true;
  st.printAddr >>>= 0;
}

function operands(args: string, l: number, pc: number, st: DisassemblerState, printAddress: (a: number) => string, allCsrNames: boolean): string {
  const rs1 = (l >>> 15) & 31, rd = (l >>> 7) & 31;
  const isJalr = (l & 0x707f) === 0x67;
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    switch (c) {
      case 'C': {
        const x = args[++i];
        switch (x) {
          case 's': case 'w': out += ABI_NAMES[8 + ((l >>> 7) & 7)]; break;
          case 't': case 'x': out += ABI_NAMES[8 + ((l >>> 2) & 7)]; break;
          case 'U': out += ABI_NAMES[rd]; break;
          case 'c': out += 'sp'; break;
          case 'V': out += ABI_NAMES[(l >>> 2) & 31]; break;
          case 'o': case 'j':
            if ((l & 0xe003) === 0x0001 && rd !== 0) maybePrintAddress(st, rd, ciOf(l));
            out += String(ciOf(l));
            break;
          case 'k': out += String(immCLw(l)); break;
          case 'm': out += String(immCLwsp(l)); break;
          case 'M': out += String(immCSwsp(l)); break;
          case 'K': out += String(immCAddi4spn(l)); break;
          case 'L': out += String(immCAddi16sp(l)); break;
          case 'p': out += printAddress((pc + immCB(l)) >>> 0); break;
          case 'a': out += printAddress((pc + immCJ(l)) >>> 0); break;
          case 'u': out += hex(ciOf(l) & 0xfffff); break;
          case '>': out += hex(ciOf(l) & 0x3f); break;
          default: break;
        }
        break;
      }
      case ',': case '(': case ')': out += c; break;
      case '0': if (i === args.length - 1) out += '0'; break;
      case 's':
        if (isJalr) maybePrintAddress(st, rs1, immI(l));
        out += ABI_NAMES[rs1];
        break;
      case 't': out += ABI_NAMES[(l >>> 20) & 31]; break;
      case 'u': out += hex((l >>> 12) & 0xfffff); break;
      case 'P': out += FENCE_SETS[(l >>> 24) & 15] ?? 'unknown'; break;
      case 'Q': out += FENCE_SETS[(l >>> 20) & 15] ?? 'unknown'; break;
      case 'o':
        maybePrintAddress(st, rs1, immI(l));
      // falls through
      case 'j':
        if (((l & 0x707f) === 0x13 && rs1 !== 0) || isJalr) maybePrintAddress(st, rs1, immI(l));
        out += String(immI(l));
        break;
      case 'q': maybePrintAddress(st, rs1, immS(l)); out += String(immS(l)); break;
      case 'a': out += printAddress((pc + immJ(l)) >>> 0); break;
      case 'p': out += printAddress((pc + immB(l)) >>> 0); break;
      case 'd':
        if ((l & 0x7f) === 0x17) st.hiAddr[rd] = (pc + (l & 0xfffff000)) >>> 0;
        else if ((l & 0x7f) === 0x37) st.hiAddr[rd] = (l & 0xfffff000) >>> 0;
        else if ((l & 0xe003) === 0x6001) st.hiAddr[rd] = (ciOf(l) << 12) >>> 0;
        out += ABI_NAMES[rd];
        break;
      case 'z': out += ABI_NAMES[0]; break;
      case '>': out += hex((l >>> 20) & 0x3f); break;
      case 'E': {
        const csr = (l >>> 20) & 0xfff;
        const name = allCsrNames || !PRIV_1_12_CSRS.has(csr) ? csrByNumber(csr)?.name : undefined;
        out += name ?? hex(csr);
        break;
      }
      case 'Z': out += String(rs1); break;
      default: out += c;
    }
  }
  return out;
}
