import * as assert from 'assert';
import { indexAssembly } from '../../src/extension/language/asmIndex';
import { completionCandidates } from '../../src/extension/language/completion';
import { hoverAt } from '../../src/extension/language/hover';

const symbols = indexAssembly('start: nop\n.equ LIMIT, 4\n.macro PUSH r\n.endm\n').definitions;
const labels = (line: string, ch = line.length) => completionCandidates(line, ch, symbols);
const names = (line: string, ch?: number) => labels(line, ch).map((c) => c.label);

describe('completion', () => {
  it('offers mnemonics, macros and directives at the start of a statement', () => {
    const at = names('    ad');
    for (const m of ['add', 'addi', 'c.addi', 'li', 'csrrw', 'fence.i', 'PUSH', '.text']) assert.ok(at.includes(m), m);
    assert.ok(!at.includes('t1'));
    const afterLabel = names('loop: ');
    assert.ok(afterLabel.includes('beq'));
    const directive = labels('    .te');
    assert.strictEqual(directive.find((c) => c.label === '.text')!.rank, 0, 'directives first after a dot');
  });

  it('offers registers and symbols in operands', () => {
    const ops = names('    addi a0, ');
    for (const x of ['a0', 'zero', 'fp', 'x31', 'start', 'LIMIT']) assert.ok(ops.includes(x), x);
    assert.ok(!ops.includes('addi') && !ops.includes('mstatus'));
  });

  it('puts CSR names first where a CSR goes', () => {
    const csr = labels('    csrr a0, ');
    const mstatus = csr.find((c) => c.label === 'mstatus')!;
    assert.strictEqual(mstatus.rank, 0);
    assert.strictEqual(mstatus.kind, 'csr');
    assert.ok(csr.find((c) => c.label === 'a0')!.rank > 0);
    assert.strictEqual(labels('    csrw ').find((c) => c.label === 'satp')!.rank, 0);
  });

  it('offers nothing in comments and strings', () => {
    assert.deepStrictEqual(names('    addi a0, a0, 1 # ad'), []);
    assert.deepStrictEqual(names('    .asciz "ad'), []);
  });
});

describe('hover', () => {
  const text = 'loop: csrr t1, mstatus\n    lui a0, %hi(loop)\n    .globl loop\n';
  const idx = indexAssembly(text);
  const lines = text.split('\n');
  const hover = (line: number, ch: number) => hoverAt(lines[line], line, ch, idx, (n) => (n === 'loop' ? { where: 'gcd.s:1', address: 0x80000010 } : undefined));

  it('documents the instruction under the cursor, with its range', () => {
    const h = hover(0, 8)!;
    assert.match(h.markdown, /csrr rd, csr/);
    assert.deepStrictEqual([h.start, h.end], [6, 10]);
  });

  it('documents registers, CSRs, relocations, directives and labels', () => {
    assert.match(hover(0, 12)!.markdown, /x6, t1/);
    assert.match(hover(0, 17)!.markdown, /CSR `0x300`/);
    assert.match(hover(1, 13)!.markdown, /Upper 20 bits/);
    assert.match(hover(2, 6)!.markdown, /\.globl/);
    const label = hover(1, 17)!.markdown;
    assert.match(label, /0x80000010/);
    assert.match(label, /gcd\.s:1/);
  });

  it('says nothing in comments', () => {
    assert.strictEqual(hoverAt('  nop # addi', 0, 9, indexAssembly('  nop # addi'), () => undefined), undefined);
  });
});
