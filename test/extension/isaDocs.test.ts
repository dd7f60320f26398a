import * as assert from 'assert';
import { alternativesFor } from '../../src/engine/asm/syntax';
import { directiveNames } from '../../src/engine/asm/directives';
import { CSRS } from '../../src/engine/isa/csrs';
import { INSTRUCTIONS } from '../../src/engine/isa/instructions';
import {
  DIRECTIVE_DOCS, MACRO_DOCS, allMnemonicNames, csrInfo, csrMarkdown, directiveMarkdown, mnemonicInfo, operandSyntax, registerInfo, registerMarkdown,
} from '../../src/extension/language/isaDocs';

describe('ISA docs for hover and completion', () => {
  it('documents every mnemonic the assembler accepts, with a syntax line', () => {
    for (const m of allMnemonicNames()) {
      const info = mnemonicInfo(m);
      assert.ok(info, m);
      assert.ok(info.summary.length >= 3, `${m}: ${info.summary}`);
      assert.ok(info.syntaxes.length > 0 && info.syntaxes.every((s) => s.startsWith(m)), `${m}: ${info.syntaxes}`);
      assert.ok(!/undefined/.test(info.markdown), `${m}: ${info.markdown}`);
    }
  });

  it('uses the ISA table row for real instructions: doc, extension and encoding', () => {
    for (const row of INSTRUCTIONS) {
      const info = mnemonicInfo(row.name)!;
      assert.strictEqual(info.kind, 'instruction', row.name);
      assert.strictEqual(info.ext, row.ext, row.name);
      assert.ok(info.markdown.includes(row.doc), row.name);
      assert.ok(info.markdown.includes(`0x${row.match.toString(16).padStart(8, '0')}`), row.name);
    }
    assert.deepStrictEqual(mnemonicInfo('lw')!.syntaxes.slice(0, 1), ['lw rd, offset(rs1)']);
    assert.strictEqual(mnemonicInfo('hlv.w')!.ext, 'H');
    assert.strictEqual(mnemonicInfo('LR.W')!.name, 'lr.w', 'case-insensitive');
  });

  it('explains pseudo-instructions by what they assemble to', () => {
    const mv = mnemonicInfo('mv')!;
    assert.strictEqual(mv.kind, 'pseudo');
    assert.match(mv.summary, /`addi` with imm = 0/);
    assert.match(mnemonicInfo('ret')!.summary, /`jalr` with rd = zero, rs1 = ra, imm = 0/);
    assert.match(mnemonicInfo('csrr')!.summary, /`csrrs` with rs1 = zero/);
    assert.match(mnemonicInfo('li')!.summary, /Load immediate/);
    assert.strictEqual(mnemonicInfo('c.addi')!.kind, 'compressed');
    assert.match(mnemonicInfo('lr.w.aq')!.summary, /Acquire ordering/);
    assert.strictEqual(mnemonicInfo('frobnicate'), undefined);
  });

  it('has hand-written docs only for names the assembler knows', () => {
    for (const m of Object.keys(MACRO_DOCS)) assert.ok(alternativesFor(m), m);
    for (const d of Object.keys(DIRECTIVE_DOCS)) assert.ok(directiveNames().includes(d), d);
  });

  it('documents CSRs from the CSR table', () => {
    for (const c of CSRS) assert.ok(csrMarkdown(csrInfo(c.name)!).includes(c.doc), c.name);
    const md = csrMarkdown(csrInfo('mstatus')!);
    assert.match(md, /0x300/);
    assert.match(md, /read\/write, lowest privilege M/);
    assert.match(csrMarkdown(csrInfo('cycle')!), /read-only, lowest privilege U/);
    assert.match(csrMarkdown(csrInfo('hgatp')!), /extension H/);
  });

  it('documents registers by number, ABI name and calling-convention role', () => {
    assert.deepStrictEqual(registerInfo('fp'), { number: 8, abi: 's0', role: 'Saved register / frame pointer', saver: 'callee' });
    assert.strictEqual(registerInfo('x6')!.abi, 't1');
    assert.strictEqual(registerInfo('a0')!.saver, 'caller');
    assert.strictEqual(registerInfo('sp')!.saver, 'callee');
    assert.match(registerMarkdown('t1')!, /x6, t1/);
    assert.strictEqual(registerInfo('x32'), undefined);
  });

  it('documents directives', () => {
    assert.match(directiveMarkdown('.globl')!, /global/);
    assert.match(directiveMarkdown('.cfi_startproc')!, /GNU as directive/);
    assert.strictEqual(directiveMarkdown('.nonsense'), undefined);
  });

  it('renders GNU operand letters as readable names', () => {
    assert.strictEqual(operandSyntax('d,o(s)'), 'rd, offset(rs1)');
    assert.strictEqual(operandSyntax('d,E,Z'), 'rd, csr, uimm5');
    assert.strictEqual(operandSyntax('s,t,p'), 'rs1, rs2, label');
  });
});
