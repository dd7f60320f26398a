import { CSRS, CsrSpec, csrByName } from '../../engine/isa/csrs';
import { ABI_NAMES, FORMS, Form } from '../../engine/isa/disassembler';
import { COMPRESSED, INSTRUCTIONS, InstructionSpec } from '../../engine/isa/instructions';
import { directiveNames } from '../../engine/asm/directives';
import { REGISTER_NUMBERS, alternativesFor, allMnemonics } from '../../engine/asm/syntax';

/**
 * Documentation of everything an assembly file can name (instructions, pseudo-instructions,
 * CSRs, registers, directives), generated from the ISA tables so hover and completion can never
 * disagree with the assembler. No `vscode` import: unit tests load this directly.
 */

export type MnemonicKind = 'instruction' | 'compressed' | 'pseudo';

export interface MnemonicInfo {
  name: string;
  kind: MnemonicKind;
  /** The ISA extension, as the table names it (I, M, A, C, Zicsr, Priv, H, ...). */
  ext: string;
  /** One-line summary. */
  summary: string;
  /** Operand syntaxes the assembler accepts, e.g. `addi rd, rs1, imm`. */
  syntaxes: string[];
  /** Markdown for a hover. */
  markdown: string;
}

// GNU operand letters (see the FORMS comment in isa/disassembler.ts) rendered as names a reader knows.
const LETTER_NAMES: Record<string, string> = {
  d: 'rd', s: 'rs1', t: 'rs2', j: 'imm', o: 'offset', q: 'offset', p: 'label', a: 'label', u: 'imm20', '>': 'shamt',
  Z: 'uimm5', E: 'csr', P: 'pred', Q: 'succ', '0': '', z: '0', I: 'constant', A: 'symbol', B: 'symbol', c: 'symbol',
};

/** `d,o(s)` -> `rd, offset(rs1)`. Compressed letters (C*) only appear in c.* forms. */
export function operandSyntax(args: string): string {
  if (args === '') return '';
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (ch === 'C' && i + 1 < args.length) {
      const next = args[++i];
      out += { s: "rs1'", t: "rs2'", w: "rd'", x: "rs2'", U: 'rd', V: 'rs2', c: 'sp', z: 'x0' }[next] ?? 'imm';
    } else if (ch === ',') out += ', ';
    else if (ch === '(' || ch === ')') out += ch;
    else out += LETTER_NAMES[ch] ?? ch;
  }
  return out;
}

const rowByName = new Map<string, InstructionSpec>(INSTRUCTIONS.map((r) => [r.name, r]));
const compressedByName = new Map(COMPRESSED.map((r) => [r.name, r]));
const formsByMnemonic = new Map<string, Form[]>();
for (const f of FORMS) {
  let list = formsByMnemonic.get(f.mnemonic);
  if (!list) formsByMnemonic.set(f.mnemonic, (list = []));
  list.push(f);
}

/**
 * What GNU's macro instructions do. These have no table row to take a description from
 * (they expand to several instructions), so their one-liners live here, keyed by mnemonic;
 * a test checks every key is a mnemonic the assembler knows.
 */
export const MACRO_DOCS: Readonly<Record<string, string>> = {
  li: 'Load immediate: rd = constant (lui + addi, or a single addi/c.li when it fits).',
  la: 'Load address: rd = address of symbol (auipc + addi, pc-relative).',
  lla: 'Load local address: rd = address of symbol (auipc + addi).',
  call: 'Call a function: auipc ra, %pcrel_hi(sym); jalr ra, %pcrel_lo(sym)(ra).',
  tail: 'Tail call: auipc t1, %pcrel_hi(sym); jalr x0, %pcrel_lo(sym)(t1).',
  jump: 'Jump far: auipc rs, %pcrel_hi(sym); jalr x0, %pcrel_lo(sym)(rs).',
};

/** A short description of the alias forms, written as their expansion (`mv rd, rs1` = `addi rd, rs1, 0`). */
function aliasExpansion(f: Form): string | undefined {
  if (!f.row) return undefined;
  const row = rowByName.get(f.row) ?? compressedByName.get(f.row);
  if (!row) return undefined;
  const fixed = Object.entries(f.fixed ?? {})
    .filter(([k]) => k !== 'aq' && k !== 'rl' && k !== 'fm')
    .map(([k, v]) => {
      if ((k === 'rd' || k === 'rs1' || k === 'rs2') && typeof v === 'number') return `${k} = ${ABI_NAMES[v]}`;
      if (k === 'csr' && typeof v === 'number') return `csr = ${CSRS.find((c) => c.num === v)?.name ?? '0x' + v.toString(16)}`;
      return `${k} = ${v}`;
    });
  return `\`${f.row}\`${fixed.length ? ' with ' + fixed.join(', ') : ''}`;
}

function extOf(name: string): string {
  const row = rowByName.get(name);
  if (row) return row.ext;
  if (compressedByName.has(name)) return 'C';
  const forms = formsByMnemonic.get(name) ?? [];
  const target = forms.find((f) => f.length === 4 && f.row)?.row ?? forms[0]?.row;
  if (target) return rowByName.get(target)?.ext ?? (compressedByName.has(target) ? 'C' : 'I');
  return 'I';
}

function summaryOf(name: string): string {
  const row = rowByName.get(name);
  if (row) return row.doc;
  const c = compressedByName.get(name);
  if (c) return `Compressed (16-bit): ${c.doc}`;
  if (MACRO_DOCS[name]) return MACRO_DOCS[name];
  const forms = (formsByMnemonic.get(name) ?? []).filter((f) => f.length === 4);
  const first = forms[0] ?? formsByMnemonic.get(name)?.[0];
  if (first?.row) {
    const base = rowByName.get(first.row) ?? compressedByName.get(first.row);
    if (forms.length > 0 && forms.every((f) => !f.alias)) {
      // The same encoding under another spelling: GNU's .aq/.rl variants, sbreak/scall.
      const order = /\.aqrl$/.test(name) ? ' Acquire and release ordering (aq = rl = 1).'
        : /\.aq$/.test(name) ? ' Acquire ordering (aq = 1).' : /\.rl$/.test(name) ? ' Release ordering (rl = 1).' : ` Another name for \`${first.row}\`.`;
      return `${base?.doc ?? ''}${order}`.trim();
    }
    const exp = aliasExpansion(first);
    return `Same as ${exp}.${base ? ` (${first.row}: ${base.doc})` : ''}`;
  }
  return 'Pseudo-instruction.';
}

function syntaxesOf(name: string): string[] {
  const out: string[] = [];
  const alts = alternativesFor(name) ?? [];
  const full = alts.filter((a) => a.length === 4 || name.startsWith('c.'));
  for (const a of full.length ? full : alts) {
    const s = `${name} ${operandSyntax(a.args)}`.trim();
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

function kindOf(name: string): MnemonicKind {
  if (rowByName.has(name) && (formsByMnemonic.get(name) ?? []).some((f) => !f.alias)) return 'instruction';
  if (rowByName.has(name)) return 'instruction';
  if (name.startsWith('c.')) return 'compressed';
  // sbreak/scall and the aq/rl variants are real encodings under another spelling.
  const forms = formsByMnemonic.get(name) ?? [];
  if (forms.length > 0 && forms.every((f) => !f.alias && f.length === 4)) return 'instruction';
  return 'pseudo';
}

function encodingLine(name: string): string | undefined {
  const row = rowByName.get(name);
  if (row) {
    return `Encoding: format ${row.format}, match \`0x${row.match.toString(16).padStart(8, '0')}\`, ` +
      `mask \`0x${row.mask.toString(16).padStart(8, '0')}\``;
  }
  const c = compressedByName.get(name);
  if (c) return `Encoding: 16-bit ${c.format}, match \`0x${c.match.toString(16).padStart(4, '0')}\`, mask \`0x${c.mask.toString(16).padStart(4, '0')}\``;
  return undefined;
}

const mnemonicCache = new Map<string, MnemonicInfo>();

/** Everything known about a mnemonic, or undefined if the assembler does not know it. */
export function mnemonicInfo(mnemonic: string): MnemonicInfo | undefined {
  const name = mnemonic.toLowerCase();
  const cached = mnemonicCache.get(name);
  if (cached) return cached;
  if (!alternativesFor(name)) return undefined;
  const kind = kindOf(name);
  const ext = extOf(name);
  const summary = summaryOf(name);
  const syntaxes = syntaxesOf(name);
  const lines = ['```riscv-asm', ...syntaxes, '```', summary, ''];
  const kindText = kind === 'pseudo' ? 'pseudo-instruction' : kind === 'compressed' ? 'compressed instruction' : 'instruction';
  lines.push(`*${kindText}, extension ${ext}*`);
  const enc = encodingLine(name);
  if (enc) lines.push('', enc);
  if (kind === 'pseudo') {
    const expansions = (formsByMnemonic.get(name) ?? []).filter((f) => f.length === 4).map(aliasExpansion).filter((x): x is string => !!x);
    const unique = [...new Set(expansions)];
    if (unique.length > 1) lines.push('', 'Assembles to ' + unique.join(' or '));
  }
  const info: MnemonicInfo = { name, kind, ext, summary, syntaxes, markdown: lines.join('\n') };
  mnemonicCache.set(name, info);
  return info;
}

/** Every mnemonic the assembler accepts, sorted. */
export function allMnemonicNames(): string[] {
  return [...allMnemonics()].sort();
}

// ---- CSRs --------------------------------------------------------------------------------

export function csrInfo(name: string): CsrSpec | undefined {
  return csrByName(name.toLowerCase());
}

export function csrMarkdown(c: CsrSpec): string {
  const access = (c.num >>> 10) === 3 ? 'read-only' : 'read/write';
  const level = ['U', 'S', 'H (hypervisor)', 'M'][(c.num >>> 8) & 3];
  return [`**${c.name}** — CSR \`0x${c.num.toString(16).padStart(3, '0')}\``, '', c.doc, '',
    `*${access}, lowest privilege ${level}, extension ${c.ext}*`].join('\n');
}

export function allCsrNames(): string[] { return CSRS.map((c) => c.name); }

// ---- registers ---------------------------------------------------------------------------

/** The calling convention's role of each register (RISC-V psABI), by number. */
const REGISTER_ROLES: readonly string[] = [
  'Hard-wired zero', 'Return address', 'Stack pointer', 'Global pointer', 'Thread pointer',
  'Temporary / alternate link register', 'Temporary', 'Temporary', 'Saved register / frame pointer', 'Saved register',
  'Function argument / return value', 'Function argument / return value',
  'Function argument', 'Function argument', 'Function argument', 'Function argument', 'Function argument',
  'Function argument (syscall / SBI extension number)',
  'Saved register', 'Saved register', 'Saved register', 'Saved register', 'Saved register', 'Saved register',
  'Saved register', 'Saved register', 'Saved register', 'Saved register',
  'Temporary', 'Temporary', 'Temporary', 'Temporary',
];

export interface RegisterInfo { number: number; abi: string; role: string; saver: 'caller' | 'callee' | '—' }

export function registerInfo(name: string): RegisterInfo | undefined {
  const n = REGISTER_NUMBERS.get(name.toLowerCase());
  if (n === undefined) return undefined;
  const abi = ABI_NAMES[n];
  const saver = n === 0 || (n >= 2 && n <= 4) ? '—' : abi.startsWith('s') ? 'callee' : 'caller';
  return { number: n, abi, role: REGISTER_ROLES[n], saver: n === 2 ? 'callee' : saver };
}

export function registerMarkdown(name: string): string | undefined {
  const r = registerInfo(name);
  if (!r) return undefined;
  const aliases = [`x${r.number}`, r.abi, ...(r.number === 8 ? ['fp'] : [])].join(', ');
  const saved = r.saver === '—' ? '' : ` — ${r.saver}-saved`;
  return `**${name}** (${aliases})\n\n${r.role}${saved}.`;
}

export function allRegisterNames(): string[] { return [...REGISTER_NUMBERS.keys()]; }

// ---- directives --------------------------------------------------------------------------

/** One-liners for the directives people use; the rest show a generic line. Keys are checked by a test. */
export const DIRECTIVE_DOCS: Readonly<Record<string, string>> = {
  text: 'Switch to the .text (code) section.', data: 'Switch to the .data section.', bss: 'Switch to the .bss (zeroed) section.',
  section: 'Switch to a named section: `.section name[, "flags", @type]`.',
  pushsection: 'Push the current section and switch to another.', popsection: 'Return to the section saved by .pushsection.',
  previous: 'Return to the previous section.',
  globl: 'Make symbols visible to the linker (global).', global: 'Make symbols visible to the linker (global).',
  local: 'Make symbols local.', weak: 'Make symbols weak globals.',
  type: 'Set a symbol type: `.type sym, @function`.', size: 'Set a symbol size: `.size sym, . - sym`.',
  equ: 'Define a symbol: `.equ NAME, expression`.', set: 'Define or redefine a symbol: `.set NAME, expression`.',
  equiv: 'Define a symbol, an error if it already exists.', eqv: 'Define a symbol evaluated at each use.',
  byte: 'Emit 8-bit values.', half: 'Emit 16-bit values.', short: 'Emit 16-bit values.', hword: 'Emit 16-bit values.',
  word: 'Emit 32-bit values.', long: 'Emit 32-bit values.', int: 'Emit 32-bit values.', quad: 'Emit 64-bit values.',
  dword: 'Emit 64-bit values.', ascii: 'Emit strings without a terminating NUL.', asciz: 'Emit NUL-terminated strings.',
  string: 'Emit NUL-terminated strings.', zero: 'Emit N zero bytes.', space: 'Emit N bytes of fill (default 0).',
  skip: 'Emit N bytes of fill (default 0).', fill: 'Emit repeat copies of a value: `.fill repeat, size, value`.',
  align: 'Align to 2^N bytes (RISC-V: power of two).', p2align: 'Align to 2^N bytes.', balign: 'Align to N bytes.',
  option: 'Assembler options: rvc, norvc, push, pop, relax, norelax, arch.', insn: 'Emit a raw instruction word.',
  include: 'Assemble another file here: `.include "file.s"`.',
  macro: 'Define a macro: `.macro name args` … `.endm`.', endm: 'End a macro definition.',
  rept: 'Repeat a block N times, up to .endr.', irp: 'Repeat a block for each value.', irpc: 'Repeat a block for each character.',
  endr: 'End a .rept/.irp/.irpc block.', if: 'Assemble the block if the expression is non-zero.',
  ifdef: 'Assemble the block if the symbol is defined.', ifndef: 'Assemble the block if the symbol is undefined.',
  else: 'Start the alternative block of a conditional.', endif: 'End a conditional block.',
  error: 'Report an error with a message.', warning: 'Report a warning with a message.', end: 'End of the file.',
  attribute: 'Record a RISC-V ELF attribute (accepted and ignored).',
};

export function allDirectiveNames(): string[] { return directiveNames().map((d) => '.' + d); }

export function directiveMarkdown(name: string): string | undefined {
  const bare = name.replace(/^\./, '').toLowerCase();
  if (!directiveNames().includes(bare)) return undefined;
  return `**.${bare}** — assembler directive\n\n${DIRECTIVE_DOCS[bare] ?? 'GNU as directive (see the GNU as manual).'}`;
}
