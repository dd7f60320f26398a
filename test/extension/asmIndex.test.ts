import * as assert from 'assert';
import { indexAssembly, inCommentOrString, resolveLocalReference, statementAt, wordAt } from '../../src/extension/language/asmIndex';

const SOURCE = [
  '# GCD by subtraction',          // 0
  '    .include "uart.inc"',        // 1
  '    .equ COUNT, 3',              // 2
  '    .text',                      // 3
  '    .globl _start',              // 4
  '_start: li t1, 0x18',           // 5
  'loop: beq t1, t2, done # loop: not a label here', // 6
  '    blt t1, t2, less; j loop',   // 7
  '1:  addi a0, a0, -1',            // 8
  '    bnez a0, 1b',                // 9
  '    j 1f',                       // 10
  '1:  nop',                        // 11
  'done: la a0, msg',               // 12
  '    /* a block comment naming loop',   // 13
  '       over two lines: notalabel: */', // 14
  '    .section .rodata',           // 15
  'msg: .asciz "done: not a label"', // 16
  'SIZE = . - msg',                 // 17
  '    .macro PUSH reg',            // 18
  '    sw \\reg, 0(sp)',            // 19
  '    .endm',                      // 20
].join('\n');

describe('assembly index (outline and navigation data)', () => {
  const idx = indexAssembly(SOURCE);
  const defs = (kind?: string) => idx.definitions.filter((d) => !kind || d.kind === kind).map((d) => `${d.name}@${d.range.line}`);

  it('finds labels, constants, macros and numeric local labels, and nothing in comments or strings', () => {
    assert.deepStrictEqual(defs('label'), ['_start@5', 'loop@6', 'done@12', 'msg@16']);
    assert.deepStrictEqual(defs('constant'), ['COUNT@2', 'SIZE@17']);
    assert.deepStrictEqual(defs('macro'), ['PUSH@18']);
    assert.deepStrictEqual(defs('local'), ['1@8', '1@11']);
  });

  it('records exact ranges of definitions and references', () => {
    const loop = idx.definitions.find((d) => d.name === 'loop')!;
    assert.deepStrictEqual(loop.range, { line: 6, start: 0, end: 4 });
    const refs = idx.references.filter((r) => r.name === 'loop').map((r) => r.range);
    assert.deepStrictEqual(refs, [{ line: 7, start: 24, end: 28 }]);
    assert.ok(!idx.references.some((r) => ['t1', 't2', 'a0', 'sp', 'reg', 'notalabel'].includes(r.name)), 'registers, macro params and comments are not references');
    assert.ok(idx.references.some((r) => r.name === 'msg' && r.range.line === 12));
    assert.ok(idx.references.some((r) => r.name === '_start' && r.range.line === 4), '.globl names a symbol');
  });

  it('knows sections, includes and globals', () => {
    assert.deepStrictEqual(idx.sections.map((s) => [s.name, s.startLine, s.endLine]), [['.text', 3, 14], ['.rodata', 15, 20]]);
    assert.strictEqual(idx.definitions.find((d) => d.name === 'msg')!.section, '.rodata');
    assert.deepStrictEqual(idx.includes.map((i) => i.path), ['uart.inc']);
    assert.deepStrictEqual([...idx.globals], ['_start']);
  });

  it('resolves numeric local labels forwards and backwards as GNU as does', () => {
    assert.strictEqual(resolveLocalReference(idx, '1b', 9)!.range.line, 8);
    assert.strictEqual(resolveLocalReference(idx, '1f', 10)!.range.line, 11);
    assert.strictEqual(resolveLocalReference(idx, '2f', 10), undefined);
  });

  it('sees #include in .S files and statement heads after labels and semicolons', () => {
    const s = indexAssembly('#include "defs.h"\n#define X 1\nstart: csrr a0, mhartid; mv a1, a0\n');
    assert.deepStrictEqual(s.includes.map((i) => [i.path, i.range.line]), [['defs.h', 0]]);
    assert.deepStrictEqual(s.statements.map((t) => t.head), ['csrr', 'mv']);
    assert.strictEqual(statementAt(s, 2, 30)!.head, 'mv');
  });

  it('finds words with dots and detects comments', () => {
    assert.deepStrictEqual(wordAt('    fence.i  # x', 6), { text: 'fence.i', start: 4, end: 11 });
    assert.strictEqual(wordAt('  bnez a0, 1b', 12)!.text, '1b');
    assert.strictEqual(wordAt('  lui a0, %hi(msg)', 11)!.text, '%hi');
    assert.strictEqual(inCommentOrString('  addi a0, a0, 1 # addi', 20), true);
    assert.strictEqual(inCommentOrString('  .asciz "a # b"', 13), true);
    assert.strictEqual(inCommentOrString('  .asciz "a # b" ', 17), false);
  });
});
