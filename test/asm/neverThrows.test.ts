/**
 * Property: assemble() never throws and never fails internally, whatever the input: random
 * text, random statements built from the assembler's own vocabulary, and corpus files with
 * random edits. (An internal failure would surface as an "internal assembler error".)
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import { assemble } from '../../src/engine/asm';
import { disassembleElf } from '../../src/engine/asm/listing';
import { listCorpus } from './gnuReference';

function check(files: Array<{ path: string; text: string }>, options = {}): void {
  const r = assemble(files, options);
  assert.ok(Array.isArray(r.diagnostics));
  const internal = r.diagnostics.find((d) => d.message.startsWith('internal assembler error'));
  if (internal) assert.fail(`${internal.message}\n--- input ---\n${files.map((f) => f.text).join('\n--- next file ---\n')}`);
  for (const d of r.diagnostics) {
    assert.ok(d.line >= 1 && d.column >= 1 && d.endColumn > d.column, `bad range in ${JSON.stringify(d)}`);
  }
  if (r.elf) disassembleElf(r.elf);
}

const WORDS = [
  'addi', 'add', 'lw', 'sw', 'li', 'la', 'call', 'tail', 'j', 'jal', 'jalr', 'beq', 'beqz', 'bnez', 'ret', 'mv', 'csrr', 'csrw',
  'lui', 'auipc', 'c.addi', 'c.j', 'c.lw', 'fence', 'fence.i', 'sfence.vma', 'hlv.w', 'amoadd.w.aq', 'lr.w', 'nop', 'ecall',
  '.text', '.data', '.bss', '.section', '.word', '.byte', '.half', '.ascii', '.asciz', '.align', '.balign', '.p2align', '.space',
  '.fill', '.zero', '.equ', '.set', '.globl', '.macro', '.endm', '.rept', '.endr', '.irp', '.irpc', '.if', '.else', '.endif',
  '.ifdef', '.include', '.option', 'rvc', 'norvc', 'push', 'pop', '.exitm', '.end', '.insn', '.type', '.size',
  'a0', 'a1', 'sp', 'zero', 'x31', 's11', 'ra', 'mstatus', 'mepc', 'label', '1b', '1f', '1:', 'label:', '.', '\\x', '\\@',
  '%hi', '%lo', '%pcrel_hi', '%pcrel_lo', '(', ')', ',', ',', ',', '+', '-', '*', '/', '<<', '>>', '&', '|', '^', '~', '!', '=',
  '0', '1', '-1', '2047', '-2048', '4096', '0x7fffffff', '0xffffffff', '99999999999999999999', "'a'", '"str"', '"', "'", ';',
  '#', '/*', '*/', ':', '@plt', '\t', ' ', '\n',
];

const statement = fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((ws) => ws.join(' '));
const program = fc.array(statement, { maxLength: 30 }).map((ls) => ls.join('\n'));

describe('asm: assemble() never throws', function () {
  this.timeout(120000);

  it('on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => { check([{ path: 'r.s', text }]); }), { numRuns: 400 });
  });

  it('on random unicode and control characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => { check([{ path: 'u.s', text }]); }), { numRuns: 200 });
  });

  it('on random statements of assembler vocabulary', () => {
    fc.assert(fc.property(program, (text) => { check([{ path: 'p.s', text }]); }), { numRuns: 600 });
  });

  it('on random statements in .S files and several files', () => {
    fc.assert(fc.property(program, program, (a, b) => {
      check([{ path: 'a.S', text: `#define X 1\n#if X\n${a}\n#endif\n` }, { path: 'b.s', text: b }]);
    }), { numRuns: 200 });
  });

  it('on corpus files with random edits', () => {
    const texts = listCorpus().flatMap((p) => p.files).map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') }));
    const edit = fc.record({
      file: fc.nat(texts.length - 1),
      edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat(12), ins: fc.constantFrom('', ',', '(', ')', 'a0', '.endm', '.endr', '.if 1', '\n', '%hi(', '1f', ':', '"', 'x', '99999') }), { maxLength: 6 }),
    });
    fc.assert(fc.property(edit, ({ file, edits }) => {
      let text = texts[file].text;
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.ins + text.slice(at + e.del);
      }
      check([{ path: texts[file].path, text }], { readFile: () => undefined });
    }), { numRuns: 300 });
  });

  it('on odd options', () => {
    const opts = fc.record({
      march: fc.option(fc.constantFrom('rv32i', 'rv32imac', 'rv64gc', '', 'rv32e', 'garbage', 'rv32gc_h'), { nil: undefined }),
      textBase: fc.option(fc.constantFrom(0, 1, 0xfffffffe, -1, 0x100000000, 3.5, Number.NaN), { nil: undefined }),
      linkerMap: fc.option(fc.constantFrom('.data = 0x1000', 'bad map', '.text = 0xffffffff', '.data: 12\n# c'), { nil: undefined }),
    });
    fc.assert(fc.property(opts, program, (o, text) => { check([{ path: 'o.s', text }], o); }), { numRuns: 200 });
  });

  it('on malformed arguments', () => {
    // Hostile callers (plain JavaScript) may pass anything.
    const bad = [undefined, null, [{ path: 1, text: 2 }], [{}], [null]] as unknown as Array<Array<{ path: string; text: string }>>;
    for (const files of bad) assert.ok(Array.isArray(assemble(files).diagnostics));
  });
});
