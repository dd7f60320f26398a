/**
 * The disassembler against GNU objdump 2.40: for every corpus program, `objdump -d` and
 * `objdump -d -M no-aliases` of the GNU-built executable and of ours must equal our listing of
 * the same file, line for line (everything after objdump's "file format" header line).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemble } from '../../src/engine/asm';
import { disassembleElf } from '../../src/engine/asm/listing';
import { execFileSync } from 'child_process';
import { TOOLS, buildReference, listCorpus, objdump, readFileFromDisk, toolchainProblem } from './gnuReference';

function firstDifference(want: string, got: string): string {
  const w = want.split('\n'), g = got.split('\n');
  let i = 0;
  while (i < w.length && w[i] === g[i]) i++;
  return `line ${i + 1}:\n  objdump: ${JSON.stringify(w[i])}\n  ours:    ${JSON.stringify(g[i])}`;
}

function compareListing(elfPath: string, bytes: Uint8Array): void {
  for (const noAliases of [false, true]) {
    const want = objdump(elfPath, noAliases).split('\n').slice(2).join('\n');
    const got = disassembleElf(bytes, { aliases: !noAliases, fileName: elfPath }).split('\n').slice(2).join('\n');
    if (want !== got) assert.fail(`${noAliases ? '-M no-aliases' : 'default'} listing differs at ${firstDifference(want, got)}`);
  }
}

describe('asm: disassembler listing is identical to GNU objdump', function () {
  this.timeout(60000);
  for (const prog of listCorpus()) {
    it(prog.name, () => {
      const problem = toolchainProblem();
      if (problem) assert.fail(problem);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-objdump-'));
      const ref = buildReference(prog, work);
      compareListing(path.join(work, 'ref.elf'), ref);
      const r = assemble(prog.files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') })), { ...prog.options, readFile: readFileFromDisk });
      assert.ok(r.elf, 'no ELF produced');
      const ours = path.join(work, 'ours.elf');
      fs.writeFileSync(ours, r.elf);
      compareListing(ours, r.elf);
    });
  }
});

describe('asm: GNU tools read our DWARF line table', function () {
  this.timeout(60000);
  for (const prog of listCorpus().slice(0, 12)) {
    it(`addr2line agrees with the line table: ${prog.name}`, () => {
      const problem = toolchainProblem();
      if (problem) assert.fail(problem);
      const r = assemble(prog.files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') })), { ...prog.options, readFile: readFileFromDisk });
      assert.ok(r.elf);
      const elf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hs-dwarf-')), 'p.elf');
      fs.writeFileSync(elf, r.elf);
      const rows = r.lineTable.rows.slice(0, 60);
      const addr2line = TOOLS.objdump.replace(/objdump$/, 'addr2line');
      const out = execFileSync(addr2line, ['-e', elf, ...rows.map((x) => '0x' + x.address.toString(16))], { encoding: 'utf8' }).trim().split('\n');
      assert.deepStrictEqual(out, rows.map((x) => `${x.file}:${x.line}`));
    });
  }
});
