import { Extension, INSTRUCTIONS } from '../isa/instructions';
import { Check, FORMS, Fixed, Form } from '../isa/disassembler';

/**
 * How each mnemonic may be written, in the order GNU as 2.40 tries the forms.
 *
 * GNU as does not "compress" instructions after the fact: for every mnemonic its opcode table
 * lists compressed forms before the full one, and the first form whose operands fit wins. So
 * `addi sp,sp,16` becomes c.addi16sp because that form precedes the 32-bit one, and
 * `addi a0,a0,0` becomes c.mv. The forms themselves (canonical, compressed and alias forms,
 * in GNU's order) are the ISA layer's FORMS, shared with the disassembler; this file adds
 * GNU's macro instructions (li, la, lla, call, tail, jump, and loads/stores to a symbol),
 * which always come last for their mnemonic, and groups everything by mnemonic.
 */

export type Ext = 'i' | 'm' | 'a' | 'c' | 'zicsr' | 'zifencei' | 'h';

export type MacroKind = 'li' | 'la' | 'lla' | 'load' | 'store' | 'call';

export interface Alternative extends Form {
  /** A macro instruction (expanded by pseudo.ts) instead of a single encoding. */
  macro?: MacroKind;
  /** For macros that take a temporary register: which one. */
  temp?: number;
  ext: Ext;
}

const RA = 1, T1 = 6;

type MacroSpec = [mnemonic: string, kind: MacroKind, args: string, opts?: { fixed?: Fixed; check?: Check; temp?: number }];

/** GNU's INSN_MACRO entries (tc-riscv.c `macro`), per mnemonic, in table order. */
const MACROS: MacroSpec[] = [
  ['call', 'call', 'd,c', { temp: T1 }], ['call', 'call', 'c', { fixed: { rd: RA }, temp: RA }],
  ['tail', 'call', 'c', { fixed: { rd: 0 }, temp: T1 }],
  ['jump', 'call', 'c,s', { fixed: { rd: 0 }, check: 'rs1Nonzero' }],
  ['li', 'li', 'd,I'],
  ['la', 'la', 'd,B', { check: 'rdNonzero' }], ['lla', 'lla', 'd,B'],
  ['lb', 'load', 'd,A', { check: 'rdNonzero' }], ['lbu', 'load', 'd,A', { check: 'rdNonzero' }],
  ['lh', 'load', 'd,A', { check: 'rdNonzero' }], ['lhu', 'load', 'd,A', { check: 'rdNonzero' }],
  ['lw', 'load', 'd,A', { check: 'rdNonzero' }],
  ['sb', 'store', 't,A,s', { check: 'rs1Nonzero' }], ['sh', 'store', 't,A,s', { check: 'rs1Nonzero' }],
  ['sw', 'store', 't,A,s', { check: 'rs1Nonzero' }],
];

const EXT_OF: Record<Extension, Ext> = { I: 'i', M: 'm', A: 'a', C: 'c', Zicsr: 'zicsr', Zifencei: 'zifencei', Priv: 'i', H: 'h' };
const extOfRow = new Map<string, Ext>(INSTRUCTIONS.map((r) => [r.name, EXT_OF[r.ext]]));

const table = new Map<string, Alternative[]>();
for (const f of FORMS) {
  const ext: Ext = f.length === 2 ? 'c' : extOfRow.get(f.row as string) ?? 'i';
  let list = table.get(f.mnemonic);
  if (!list) table.set(f.mnemonic, (list = []));
  list.push({ ...f, ext });
}
for (const [mnemonic, macro, args, opts] of MACROS) {
  let list = table.get(mnemonic);
  if (!list) table.set(mnemonic, (list = []));
  list.push({
    mnemonic, macro, args, fixed: opts?.fixed, check: opts?.check, temp: opts?.temp, alias: false, length: 4, match: 0, mask: 0, ext: 'i',
  });
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
