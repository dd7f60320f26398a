import * as assert from 'assert';
import { checkProgram, firstErrorText, programGroupFor } from '../../src/extension/language/assemblyCheck';

/** The assembler's diagnostics as the editor shows them: 0-based, exact ranges, per file. */
describe('assembly check (problems as you type, and before a launch)', () => {
  const sources: Record<string, string> = {
    '/p/bad.s': '    .text\n_start:\n    addi t1, t1\n    lwx a0, 0(a1)\n',
    '/p/good.s': '    .text\n    .globl _start\n_start:\n    li t1, 0x18\n    j _start\n',
    '/p/main.s': '    .include "inc.s"\n    .text\n_start: j helper\n',
    '/p/inc.s': 'helper: addi a0, a0,\n',
    '/p/a.s': '    .globl _start\n_start: call f\n',
    '/p/b.s': '    .globl f\nf: ret\n',
  };
  const read = (f: string) => sources[f];

  it('reports nothing for a correct program and keeps its symbols', () => {
    const c = checkProgram(['/p/good.s'], read);
    assert.strictEqual(c.errorCount, 0);
    assert.deepStrictEqual(c.byFile.get('/p/good.s'), []);
    assert.ok(c.result.symbols.some((s) => s.name === '_start' && s.value === 0x80000000));
  });

  it('maps errors to 0-based ranges on the right lines', () => {
    const c = checkProgram(['/p/bad.s'], read);
    assert.ok(c.errorCount >= 2, JSON.stringify([...c.byFile]));
    const diags = c.byFile.get('/p/bad.s')!;
    const lwx = diags.find((d) => /lwx/.test(d.message))!;
    assert.strictEqual(lwx.line, 3);
    assert.strictEqual(lwx.character, 4);
    assert.ok(lwx.endCharacter > lwx.character);
    assert.ok(diags.some((d) => d.line === 2 && d.severity === 'error'));
    assert.match(firstErrorText(c)!, /^bad\.s:3:\d+: /);
  });

  it('puts errors of included files on those files', () => {
    const c = checkProgram(['/p/main.s'], read);
    assert.ok(c.errorCount > 0);
    assert.ok((c.byFile.get('/p/inc.s') ?? []).some((d) => d.line === 0), JSON.stringify([...c.byFile]));
  });

  it('assembles files of a multi-file launch together', () => {
    assert.deepStrictEqual(programGroupFor('/p/a.s', [['/p/a.s', '/p/b.s']]), ['/p/a.s', '/p/b.s']);
    assert.deepStrictEqual(programGroupFor('/p/a.s', [['/x.elf']]), ['/p/a.s']);
    assert.strictEqual(checkProgram(['/p/a.s', '/p/b.s'], read).errorCount, 0);
  });

  it('reports a file it cannot read', () => {
    const c = checkProgram(['/p/missing.s'], read);
    assert.ok(c.errorCount > 0);
    assert.match(firstErrorText(c)!, /missing\.s/);
  });
});
