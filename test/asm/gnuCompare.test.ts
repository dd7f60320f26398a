/**
 * The corpus against GNU: every program in test/asm/corpus must assemble and link to sections
 * whose addresses, sizes and bytes are identical to what GNU as + ld produce (see
 * gnuReference.ts for the exact reference commands). Without the toolchain these tests fail.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { assemble, formatDiagnostic } from '../../src/engine/asm';
import { buildReference, describeDifferences, listCorpus, readFileFromDisk, toolchainProblem } from './gnuReference';

describe('asm: corpus is byte-identical to GNU as + ld', function () {
  this.timeout(60000);
  const programs = listCorpus();

  it('has at least 60 source files', () => {
    const files = programs.reduce((n, p) => n + p.files.length, 0);
    assert.ok(files >= 60, `only ${files} corpus files`);
  });

  for (const prog of programs) {
    it(prog.name, () => {
      const problem = toolchainProblem();
      if (problem) assert.fail(problem);
      const ref = buildReference(prog);
      const r = assemble(prog.files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') })), { ...prog.options, readFile: readFileFromDisk });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      assert.deepStrictEqual(errors.map(formatDiagnostic), [], 'our assembler reported errors');
      assert.ok(r.elf, 'no ELF produced');
      const diff = describeDifferences(r.elf, ref);
      if (diff) assert.fail(`sections differ from GNU as + ld:\n${diff}`);
    });
  }
});
