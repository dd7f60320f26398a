import { COMPRESSED, CompressedFormat, Extension, Format, INSTRUCTIONS } from '../isa/instructions';
import { rowByName } from './encoder';

/**
 * How each mnemonic may be written, in the order GNU as 2.40 tries the forms.
 *
 * GNU as does not "compress" instructions after the fact: for every mnemonic its opcode table
 * lists compressed forms before the full one, and the first form whose operands fit wins. So
 * `addi sp,sp,16` becomes c.addi16sp because that form precedes the 32-bit one, and
 * `addi a0,a0,0` becomes c.mv. This file is that ordered list for RV32IMAC + Zicsr + Zifencei
 * + privileged + H, as data. It names table rows (the opcode bits come from the ISA table) and
 * describes operands with GNU's operand letters:
 *
 *   d s t      rd, rs1, rs2 (bits 11:7, 19:15, 24:20)
 *   j o q      12-bit immediate (I type), load offset, store offset (S type); o/q allow `(reg)`
 *   u          20-bit upper immediate or %hi/%pcrel_hi
 *   p a        branch / jump target (relaxed), c  call target, A symbol, B symbol or constant,
 *   I          constant (li)
 *   >          shift amount, Z 5-bit CSR immediate, E CSR, P Q fence sets, 0 zero offset, z zero
 *   Cs Ct      x8-x15 in bits 9:7 / 4:2;  Cw Cx  must equal that field;  CU must equal rd
 *   CV         any register in bits 6:2;  Cc must be sp;  Cz must be x0
 *   Co Cj C>   6-bit immediate (any / non-zero / shift);  Cu Cv  c.lui immediate (lui / li)
 *   Ck Cm CM   c.lw, c.lwsp, c.swsp offsets;  CK c.addi4spn;  CL c.addi16sp;  Cp Ca targets
 */

export type Ext = 'i' | 'm' | 'a' | 'c' | 'zicsr' | 'zifencei' | 'h';

export type MacroKind = 'li' | 'la' | 'lla' | 'load' | 'store' | 'call';

/** Post-operand conditions (GNU's match functions). */
export type Check =
  | 'rdNonzero' | 'cAdd' | 'cAddHint' | 'cNop' | 'cLui' | 'cLuiHint' | 'cAddi4spn' | 'cSlli' | 'slliAsCSlli'
  | 'srxiAsCSrxi' | 'rs1Nonzero';

export interface Fixed {
  rd?: number; rs1?: number; rs2?: number; imm?: number; csr?: number; pred?: number; succ?: number; fm?: number;
  aq?: boolean; rl?: boolean;
}

export interface Alternative {
  mnemonic: string;
  /** The ISA-table row whose match bits this form uses (absent for macros and c.unimp). */
  row?: string;
  macro?: MacroKind;
  /** A defined-illegal 16-bit pattern (c.unimp) that has no table row. */
  raw16?: number;
  args: string;
  fixed?: Fixed;
  check?: Check;
  /** Instruction length: 2 for compressed rows (skipped when C is off). */
  length: 2 | 4;
  ext: Ext;
  /** For the macros that take a temporary register: which one. */
  temp?: number;
}

const RA = 1, SP = 2, T1 = 6;

/** The operand syntax of each 32-bit format (see the comments on `Format`). */
export const FORMAT_ARGS: Record<Format, string> = {
  R: 'd,s,t', I: 'd,s,j', SHIFT: 'd,s,>', LOAD: 'd,o(s)', STORE: 't,q(s)', BRANCH: 's,t,p', U: 'd,u', JAL: 'd,a',
  JALR: 'd,o(s)', CSR: 'd,E,s', CSRI: 'd,E,Z', FENCE: 'P,Q', NONE: '', LR: 'd,0(s)', AMO: 'd,t,0(s)', SFENCE: 's,t',
  HLV: 'd,0(s)', HSV: 't,0(s)',
};

/** The operand syntax of explicit `c.*` mnemonics, per compressed format. */
export const COMPRESSED_ARGS: Record<CompressedFormat, [string, Check?]> = {
  CIW_ADDI4SPN: ['Ct,Cc,CK', 'cAddi4spn'], CL_LW: ['Ct,Ck(Cs)'], CS_SW: ['Ct,Ck(Cs)'], CI_ADDI: ['d,Co'],
  CJ_JAL: ['Ca'], CI_LI: ['d,Co'], CI_ADDI16SP: ['Cc,CL'], CI_LUI: ['d,Cu', 'cLuiHint'], CB_SRLI: ['Cs,C>', 'cSlli'],
  CB_SRAI: ['Cs,C>', 'cSlli'], CB_ANDI: ['Cs,Co'], CA: ['Cs,Ct'], CJ_J: ['Ca'], CB_BRANCH: ['Cs,Cp'],
  CI_SLLI: ['d,C>', 'cSlli'], CI_LWSP: ['d,Cm(Cc)', 'rdNonzero'], CR_EBREAK: [''], CR_JR: ['d', 'rdNonzero'],
  CR_JALR: ['d', 'rdNonzero'], CR_MV: ['d,CV', 'cAddHint'], CR_ADD: ['d,CV', 'cAddHint'], CSS_SWSP: ['CV,CM(Cc)'],
};

const EXT_OF: Record<Extension, Ext> = { I: 'i', M: 'm', A: 'a', C: 'c', Zicsr: 'zicsr', Zifencei: 'zifencei', Priv: 'i', H: 'h' };

type Spec = [target: string, args: string, opts?: { fixed?: Fixed; check?: Check; temp?: number }];

/**
 * Mnemonics whose forms GNU tries in a particular order, transcribed from binutils 2.40
 * opcodes/riscv-opc.c. `target` is a table row, `macro:NAME`, or `raw16:VALUE`.
 */
const ORDERED: Record<string, Spec[]> = {
  unimp: [['raw16:0', ''], ['csrrw', '', { fixed: { rd: 0, csr: 0xc00, rs1: 0 } }]],
  ebreak: [['c.ebreak', ''], ['ebreak', '']],
  sbreak: [['c.ebreak', ''], ['ebreak', '']],
  ret: [['c.jr', '', { fixed: { rd: RA } }], ['jalr', '', { fixed: { rd: 0, rs1: RA, imm: 0 } }]],
  jr: [['c.jr', 'd', { check: 'rdNonzero' }], ['jalr', 's', { fixed: { rd: 0, imm: 0 } }],
    ['jalr', 'o(s)', { fixed: { rd: 0 } }], ['jalr', 's,j', { fixed: { rd: 0 } }]],
  jalr: [['c.jalr', 'd', { check: 'rdNonzero' }], ['jalr', 's', { fixed: { rd: RA, imm: 0 } }],
    ['jalr', 'o(s)', { fixed: { rd: RA } }], ['jalr', 's,j', { fixed: { rd: RA } }], ['jalr', 'd,s', { fixed: { imm: 0 } }],
    ['jalr', 'd,o(s)'], ['jalr', 'd,s,j']],
  j: [['c.j', 'Ca'], ['jal', 'a', { fixed: { rd: 0 } }]],
  jal: [['jal', 'a', { fixed: { rd: RA } }], ['jal', 'd,a']],
  call: [['macro:call', 'd,c', { temp: T1 }], ['macro:call', 'c', { fixed: { rd: RA }, temp: RA }]],
  tail: [['macro:call', 'c', { fixed: { rd: 0 }, temp: T1 }]],
  jump: [['macro:call', 'c,s', { fixed: { rd: 0 }, check: 'rs1Nonzero' }]],
  nop: [['c.addi', '', { fixed: { rd: 0, imm: 0 } }], ['addi', '', { fixed: { rd: 0, rs1: 0, imm: 0 } }]],
  lui: [['c.lui', 'd,Cu', { check: 'cLui' }], ['lui', 'd,u']],
  li: [['c.lui', 'd,Cv', { check: 'cLui' }], ['c.li', 'd,Co', { check: 'rdNonzero' }], ['addi', 'd,j', { fixed: { rs1: 0 } }],
    ['macro:li', 'd,I']],
  mv: [['c.mv', 'd,CV', { check: 'cAdd' }], ['addi', 'd,s', { fixed: { imm: 0 } }]],
  move: [['c.mv', 'd,CV', { check: 'cAdd' }], ['addi', 'd,s', { fixed: { imm: 0 } }]],
  andi: [['c.andi', 'Cs,Cw,Co'], ['andi', 'd,s,j']],
  and: [['c.and', 'Cs,Cw,Ct'], ['c.and', 'Cs,Ct,Cw'], ['c.andi', 'Cs,Cw,Co'], ['and', 'd,s,t'], ['andi', 'd,s,j']],
  beqz: [['c.beqz', 'Cs,Cp'], ['beq', 's,p', { fixed: { rs2: 0 } }]],
  beq: [['c.beqz', 'Cs,Cz,Cp'], ['beq', 's,t,p']],
  blez: [['bge', 't,p', { fixed: { rs1: 0 } }]],
  bgez: [['bge', 's,p', { fixed: { rs2: 0 } }]],
  ble: [['bge', 't,s,p']],
  bleu: [['bgeu', 't,s,p']],
  bltz: [['blt', 's,p', { fixed: { rs2: 0 } }]],
  bgtz: [['blt', 't,p', { fixed: { rs1: 0 } }]],
  bgt: [['blt', 't,s,p']],
  bgtu: [['bltu', 't,s,p']],
  bnez: [['c.bnez', 'Cs,Cp'], ['bne', 's,p', { fixed: { rs2: 0 } }]],
  bne: [['c.bnez', 'Cs,Cz,Cp'], ['bne', 's,t,p']],
  addi: [['c.addi4spn', 'Ct,Cc,CK', { check: 'cAddi4spn' }], ['c.addi', 'd,CU,Cj', { check: 'rdNonzero' }],
    ['c.addi', 'd,CU,z', { check: 'cNop', fixed: { imm: 0 } }], ['c.addi16sp', 'Cc,Cc,CL'],
    ['c.li', 'd,Cz,Co', { check: 'rdNonzero' }], ['c.mv', 'd,CV,z', { check: 'cAdd' }], ['addi', 'd,s,j']],
  add: [['c.add', 'd,CU,CV', { check: 'cAdd' }], ['c.add', 'd,CV,CU', { check: 'cAdd' }],
    ['c.addi', 'd,CU,Co', { check: 'rdNonzero' }], ['c.addi4spn', 'Ct,Cc,CK', { check: 'cAddi4spn' }],
    ['c.addi16sp', 'Cc,Cc,CL'], ['c.mv', 'd,Cz,CV', { check: 'cAdd' }], ['add', 'd,s,t'], ['addi', 'd,s,j']],
  la: [['macro:la', 'd,B', { check: 'rdNonzero' }]],
  lla: [['macro:lla', 'd,B']],
  neg: [['sub', 'd,t', { fixed: { rs1: 0 } }]],
  slli: [['c.slli', 'd,CU,C>', { check: 'slliAsCSlli' }], ['slli', 'd,s,>']],
  sll: [['c.slli', 'd,CU,C>', { check: 'slliAsCSlli' }], ['sll', 'd,s,t'], ['slli', 'd,s,>']],
  srli: [['c.srli', 'Cs,Cw,C>', { check: 'srxiAsCSrxi' }], ['srli', 'd,s,>']],
  srl: [['c.srli', 'Cs,Cw,C>', { check: 'srxiAsCSrxi' }], ['srl', 'd,s,t'], ['srli', 'd,s,>']],
  srai: [['c.srai', 'Cs,Cw,C>', { check: 'srxiAsCSrxi' }], ['srai', 'd,s,>']],
  sra: [['c.srai', 'Cs,Cw,C>', { check: 'srxiAsCSrxi' }], ['sra', 'd,s,t'], ['srai', 'd,s,>']],
  sub: [['c.sub', 'Cs,Cw,Ct'], ['sub', 'd,s,t']],
  lb: [['lb', 'd,o(s)'], ['macro:load', 'd,A', { check: 'rdNonzero' }]],
  lbu: [['lbu', 'd,o(s)'], ['macro:load', 'd,A', { check: 'rdNonzero' }]],
  lh: [['lh', 'd,o(s)'], ['macro:load', 'd,A', { check: 'rdNonzero' }]],
  lhu: [['lhu', 'd,o(s)'], ['macro:load', 'd,A', { check: 'rdNonzero' }]],
  lw: [['c.lwsp', 'd,Cm(Cc)', { check: 'rdNonzero' }], ['c.lw', 'Ct,Ck(Cs)'], ['lw', 'd,o(s)'],
    ['macro:load', 'd,A', { check: 'rdNonzero' }]],
  not: [['xori', 'd,s', { fixed: { imm: -1 } }]],
  or: [['ori', 'd,s,j'], ['c.or', 'Cs,Cw,Ct'], ['c.or', 'Cs,Ct,Cw'], ['or', 'd,s,t']],
  seqz: [['sltiu', 'd,s', { fixed: { imm: 1 } }]],
  snez: [['sltu', 'd,t', { fixed: { rs1: 0 } }]],
  sltz: [['slt', 'd,s', { fixed: { rs2: 0 } }]],
  sgtz: [['slt', 'd,t', { fixed: { rs1: 0 } }]],
  slt: [['slt', 'd,s,t'], ['slti', 'd,s,j']],
  sltu: [['sltu', 'd,s,t'], ['sltiu', 'd,s,j']],
  sgt: [['slt', 'd,t,s']],
  sgtu: [['sltu', 'd,t,s']],
  sb: [['sb', 't,q(s)'], ['macro:store', 't,A,s', { check: 'rs1Nonzero' }]],
  sh: [['sh', 't,q(s)'], ['macro:store', 't,A,s', { check: 'rs1Nonzero' }]],
  sw: [['c.swsp', 'CV,CM(Cc)'], ['c.sw', 'Ct,Ck(Cs)'], ['sw', 't,q(s)'], ['macro:store', 't,A,s', { check: 'rs1Nonzero' }]],
  fence: [['fence', '', { fixed: { pred: 15, succ: 15 } }], ['fence', 'P,Q']],
  // fence.tso is the FENCE row with fm = 1000 and rw,rw (the table's FENCE mask leaves fm free).
  'fence.tso': [['fence', '', { fixed: { pred: 3, succ: 3, fm: 8 } }]],
  rdcycle: [['csrrs', 'd', { fixed: { csr: 0xc00, rs1: 0 } }]],
  rdinstret: [['csrrs', 'd', { fixed: { csr: 0xc02, rs1: 0 } }]],
  rdtime: [['csrrs', 'd', { fixed: { csr: 0xc01, rs1: 0 } }]],
  rdcycleh: [['csrrs', 'd', { fixed: { csr: 0xc80, rs1: 0 } }]],
  rdinstreth: [['csrrs', 'd', { fixed: { csr: 0xc82, rs1: 0 } }]],
  rdtimeh: [['csrrs', 'd', { fixed: { csr: 0xc81, rs1: 0 } }]],
  scall: [['ecall', '']],
  xor: [['xori', 'd,s,j'], ['c.xor', 'Cs,Cw,Ct'], ['c.xor', 'Cs,Ct,Cw'], ['xor', 'd,s,t']],
  csrr: [['csrrs', 'd,E', { fixed: { rs1: 0 } }]],
  csrwi: [['csrrwi', 'E,Z', { fixed: { rd: 0 } }]],
  csrsi: [['csrrsi', 'E,Z', { fixed: { rd: 0 } }]],
  csrci: [['csrrci', 'E,Z', { fixed: { rd: 0 } }]],
  csrw: [['csrrw', 'E,s', { fixed: { rd: 0 } }], ['csrrwi', 'E,Z', { fixed: { rd: 0 } }]],
  csrs: [['csrrs', 'E,s', { fixed: { rd: 0 } }], ['csrrsi', 'E,Z', { fixed: { rd: 0 } }]],
  csrc: [['csrrc', 'E,s', { fixed: { rd: 0 } }], ['csrrci', 'E,Z', { fixed: { rd: 0 } }]],
  csrrw: [['csrrw', 'd,E,s'], ['csrrwi', 'd,E,Z']],
  csrrs: [['csrrs', 'd,E,s'], ['csrrsi', 'd,E,Z']],
  csrrc: [['csrrc', 'd,E,s'], ['csrrci', 'd,E,Z']],
  'sfence.vma': [['sfence.vma', '', { fixed: { rs1: 0, rs2: 0 } }], ['sfence.vma', 's', { fixed: { rs2: 0 } }], ['sfence.vma', 's,t']],
  'hfence.vvma': [['hfence.vvma', '', { fixed: { rs1: 0, rs2: 0 } }], ['hfence.vvma', 's', { fixed: { rs2: 0 } }], ['hfence.vvma', 's,t']],
  'hfence.gvma': [['hfence.gvma', '', { fixed: { rs1: 0, rs2: 0 } }], ['hfence.gvma', 's', { fixed: { rs2: 0 } }], ['hfence.gvma', 's,t']],
  // Explicit compressed mnemonics whose operands differ from their format's default.
  'c.nop': [['c.addi', '', { fixed: { rd: 0, imm: 0 } }]],
  'c.unimp': [['raw16:0', '']],
  'c.jr': [['c.jr', 'd', { check: 'rdNonzero' }]],
};

const table = new Map<string, Alternative[]>();

function makeAlternative(mnemonic: string, [target, args, opts]: Spec): Alternative {
  const base = { mnemonic, args, fixed: opts?.fixed, check: opts?.check, temp: opts?.temp };
  if (target.startsWith('macro:')) return { ...base, macro: target.slice(6) as MacroKind, length: 4, ext: 'i' };
  if (target.startsWith('raw16:')) return { ...base, raw16: Number(target.slice(6)), length: 2, ext: 'c' };
  const row = rowByName(target);
  if (!row) throw new Error(`syntax table names unknown row '${target}'`);
  return { ...base, row: target, length: row.kind === 16 ? 2 : 4, ext: row.kind === 16 ? 'c' : EXT_OF[row.spec.ext] };
}

for (const [mnemonic, specs] of Object.entries(ORDERED)) table.set(mnemonic, specs.map((s) => makeAlternative(mnemonic, s)));

// Every table row is also writable under its own name with its format's operands.
for (const spec of INSTRUCTIONS) {
  if (table.has(spec.name)) {
    // Rows listed in ORDERED keep GNU's order; add the base form if the list lacks one.
    const list = table.get(spec.name) as Alternative[];
    if (!list.some((a) => a.row === spec.name && a.args === FORMAT_ARGS[spec.format] && !a.fixed)) {
      if (spec.name !== 'fence' && spec.name !== 'jalr') list.push(makeAlternative(spec.name, [spec.name, FORMAT_ARGS[spec.format]]));
    }
    continue;
  }
  table.set(spec.name, [makeAlternative(spec.name, [spec.name, FORMAT_ARGS[spec.format]])]);
  // Acquire/release orderings of the atomics: the same row with aq/rl set.
  if (spec.format === 'LR' || spec.format === 'AMO') {
    for (const [suffix, aq, rl] of [['aq', true, false], ['rl', false, true], ['aqrl', true, true]] as const) {
      const name = `${spec.name}.${suffix}`;
      table.set(name, [makeAlternative(name, [spec.name, FORMAT_ARGS[spec.format], { fixed: { aq, rl } }])]);
    }
  }
}
for (const spec of COMPRESSED) {
  if (table.has(spec.name)) continue;
  const [args, check] = COMPRESSED_ARGS[spec.format];
  table.set(spec.name, [makeAlternative(spec.name, [spec.name, args, { check }])]);
}

/** The forms of a mnemonic in GNU's order, or undefined for an unknown mnemonic. */
export function alternativesFor(mnemonic: string): readonly Alternative[] | undefined {
  return table.get(mnemonic);
}

/** Every mnemonic the assembler knows (for suggestions and completion). */
export function allMnemonics(): IterableIterator<string> { return table.keys(); }

/** Registers by every name GNU accepts: x0-x31, ABI names and fp. */
export const REGISTER_NUMBERS: ReadonlyMap<string, number> = (() => {
  const abi = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
    'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
  const m = new Map<string, number>();
  for (let i = 0; i < 32; i++) { m.set(`x${i}`, i); m.set(abi[i], i); }
  m.set('fp', 8);
  return m;
})();

export const SP_REG = SP;
