/**
 * Bad input: every diagnostic names the file, line and column range, says what is wrong in
 * words a student understands, and all errors of a file come out of one pass.
 */
import * as assert from 'assert';
import { Diagnostic, assemble } from '../../src/engine/asm';

function diagnose(text: string, options = {}): Diagnostic[] {
  return assemble([{ path: 'prog.s', text }], options).diagnostics;
}

/** [source, message (substring), line, column, endColumn] */
const CASES: Array<[string, string, number, number, number?]> = [
  ['lwx a0, 0(a1)', "unknown instruction 'lwx' (did you mean 'lw'?)", 1, 1, 4],
  ['  addi a0, a1, 5000', 'immediate 5000 out of range for addi (-2048..2047)', 1, 16, 20],
  ['  j loop2', "undefined symbol 'loop2'", 1, 5, 10],
  ['loop:\n  j loop2', "undefined symbol 'loop2' (did you mean 'loop'?)", 2, 5],
  ['addi a0, a1', 'missing operand: addi rd, rs1, imm', 1, 12],
  ['add a0, a1', 'missing operand: add rd, rs1, rs2', 1, 11],
  ['addi a0, a1, 2, 3', 'too many operands: addi rd, rs1, imm', 1, 15],
  ['lw a0, 4(a9)', "expected a register (rs1), found 'a9'", 1, 10, 12],
  ['addi A0, a0, 1', "register names are lower case: 'a0', not 'A0'", 1, 6],
  ['csrr a0, mstatuss', "unknown CSR 'mstatuss' (did you mean 'mstatus'?)", 1, 10],
  ['csrr a0, 0x1000', 'CSR number 4096 out of range (0..0xfff)', 1, 10],
  ['li a0, label\nlabel:', "li needs a constant; to load the address of a label use 'la'", 1, 8],
  ['slli a0, a0, 40', 'shift amount 40 out of range for slli (0..31)', 1, 14],
  ['csrwi mstatus, 40', 'immediate 40 out of range for csrwi (0..31)', 1, 16],
  ['lui a0, 0x100000', 'upper immediate 1048576 out of range for lui', 1, 9],
  ['loop', "unknown instruction 'loop' (if it is a label, add a colon: 'loop:')", 1, 1],
  ['word 5', "unknown instruction 'word' (did you mean the directive '.word'?)", 1, 1],
  ['.foo', "unknown directive '.foo'", 1, 1],
  ['.wrod 1', "unknown directive '.wrod' (did you mean '.word'?)", 1, 1],
  ['x: nop\nx: nop', "symbol 'x' is already defined (first defined at prog.s:1)", 2, 1],
  ['.macro m\nnop', '.macro without a matching .endm', 1, 1],
  ['.if 1\nnop', 'this .if has no matching .endif', 1, 1],
  ['.endif', '.endif without a matching .if', 1, 1],
  ['.rept 2\nnop', '.rept without a matching .endr', 1, 1],
  ['.include "nope.s"', "cannot find include file 'nope.s'", 1, 10],
  ['sw a0, 0(a1', "missing ')'", 1, 12],
  ['addi a0, a1, %hi(x)', '%hi cannot be used here', 1, 14],
  ['addi a0, a1, %foo(x)', 'unknown relocation function %foo', 1, 14],
  ['c.addi a0, 40', 'out of range for the compressed form', 1, 12],
  ['.word 1/0', 'division by zero', 1, 7],
  ['ret a0', "'ret' takes no operands", 1, 5],
  ['call', 'missing operand: call label', 1, 5],
  ['la zero, x\nx:', 'la cannot write x0 here', 1, 4],
  ['jal a0, a1', "expected a label, found register 'a1'", 1, 9],
  ['beq a0, a1, far\n.space 5000\nfar:', '', 0, 0],
  ['.byte "abc', 'unterminated string', 1, 7],
  ['.byte 1,', 'missing a value', 1, 1],
  ['.align 40', 'alignment 2^40 out of range (0..30)', 1, 8],
  ['.balign 3', 'alignment 3 is not a power of 2', 1, 9],
  ['.bss\n.word 5', 'cannot store non-zero data in .bss', 2, 7],
  ['.error "custom failure"', 'custom failure', 1, 1],
  ['.equ a, b\n.equ b, a\n.word a', "symbol 'a' is defined in terms of itself", 3, 7],
  ['.section .x, "q"', "unknown section flag 'q'", 1, 14],
  ['.option bogus', "unknown .option 'bogus'", 1, 1],
  ['lw a0, 1f', "undefined symbol 'local label 1'", 1, 8],
  ['.exitm', '.exitm outside a macro', 1, 1],
  ['.macro m a\n.endm\nm 1, 2', "too many arguments for macro 'm'", 3, 1],
  ['.macro m a:req\n.endm\nm', "macro 'm' needs a value for parameter 'a'", 3, 1],
  ['nop nop', "'nop' takes no operands", 1, 5],
  ['.word x', "undefined symbol 'x'", 1, 7],
  ['bnez a0, label\nlabel = 5', 'jump target out of range', 1, 10],
];

describe('asm: diagnostics', () => {
  for (const [source, message, line, column, endColumn] of CASES) {
    it(JSON.stringify(source), () => {
      const ds = diagnose(source + '\n');
      const errors = ds.filter((d) => d.severity === 'error');
      if (message === '') { assert.deepStrictEqual(errors, []); return; }
      const d = ds.find((x) => x.message.includes(message));
      assert.ok(d, `no diagnostic containing "${message}"; got ${JSON.stringify(ds.map((x) => x.message))}`);
      assert.strictEqual(d.file, 'prog.s');
      assert.strictEqual(d.line, line, `line of "${d.message}"`);
      assert.strictEqual(d.column, column, `column of "${d.message}"`);
      if (endColumn !== undefined) assert.strictEqual(d.endColumn, endColumn, `end column of "${d.message}"`);
      assert.ok(d.endColumn > d.column);
    });
  }

  it('reports every error of a file in one pass', () => {
    const ds = diagnose('lwx a0, 0(a1)\naddi a0, a1, 9999\nnop\n.foo\nj nowhere\n');
    assert.deepStrictEqual(ds.map((d) => d.line), [1, 2, 4, 5]);
    assert.ok(ds.every((d) => d.severity === 'error'));
  });

  it('produces no ELF when there are errors, and one when there are only warnings', () => {
    assert.strictEqual(assemble([{ path: 'a.s', text: 'lwx a0, 0(a1)\n' }]).elf, undefined);
    const warn = assemble([{ path: 'a.s', text: 'nop\n.data\n.byte 300\n' }]);
    assert.ok(warn.diagnostics.some((d) => d.severity === 'warning' && /truncated/.test(d.message)));
    assert.ok(warn.elf);
  });

  it('reports errors inside macros at the invocation, naming the macro', () => {
    const ds = diagnose('.macro bad\naddi a0, a0, 99999\n.endm\nnop\nbad\n');
    const d = ds.find((x) => x.severity === 'error');
    assert.ok(d);
    assert.strictEqual(d.line, 5);
    assert.match(d.message, /in macro 'bad' \(defined at prog\.s:1\)/);
  });

  it('reports errors of included files in the included file', () => {
    const r = assemble([{ path: 'main.s', text: '.include "inc.s"\n' }, { path: 'inc.s', text: 'nop\nbogus_insn a0\n' }]);
    const d = r.diagnostics.find((x) => x.severity === 'error');
    assert.ok(d);
    assert.strictEqual(d.file, 'inc.s');
    assert.strictEqual(d.line, 2);
  });

  it('names the missing extension for the selected --march', () => {
    const ds = diagnose('mul a0, a1, a2\nhlv.w a0, (a1)\nc.nop\n', { march: 'rv32i' });
    assert.deepStrictEqual(ds.map((d) => d.message), [
      "'mul' needs the M extension, which the selected --march does not include",
      "'hlv.w' needs the H extension, which the selected --march does not include",
      "'c.nop' needs compressed instructions (the C extension is off: --march without c, or .option norvc)",
    ]);
  });

  it('rejects an RV64 or malformed --march', () => {
    assert.match(diagnose('nop\n', { march: 'rv64gc' })[0].message, /32-bit RISC-V/);
    assert.match(diagnose('nop\n', { march: 'x86' })[0].message, /bad --march/);
  });

  it('reports a symbol defined in two files, and a label used across files without .globl', () => {
    const r = assemble([
      { path: 'a.s', text: '.globl f\nf: ret\ncall g\n' },
      { path: 'b.s', text: '.globl f\nf: ret\ng: ret\n' },
    ]);
    const msgs = r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`);
    assert.ok(msgs.some((m) => m.startsWith("b.s:2: multiple definition of 'f' (first defined at a.s:2)")), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.includes("undefined symbol 'g' (it is defined in b.s but not declared .globl there)")), msgs.join('\n'));
  });

  it('warns about a local _start that is not the entry point', () => {
    const r = assemble([{ path: 'a.s', text: 'nop\n_start: nop\n' }]);
    assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /'_start' is not global/.test(d.message)));
  });
});
