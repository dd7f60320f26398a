/**
 * The assemble() API: the ELF the loader reads, symbols, the line table in both directions
 * (and inside the ELF), section placement by text base and linker map, includes, .S files.
 */
import * as assert from 'assert';
import { LINE_SECTION, LineTable, assemble, parseMarch, referenceLinkerScript } from '../../src/engine/asm';
import { parseElf } from '../../src/engine/loader/elf';

const MAIN = `    .text
    .globl _start
_start:
    la    a0, msg          # line 4
    call  print
1:  j     1b               # line 6
    .macro twice insn
    \\insn
    \\insn
    .endm
print:
    twice nop              # line 12
    .rept 2
    addi  a0, a0, 1        # line 14
    .endr
    ret
    .section .rodata
msg: .asciz "hi"
`;

describe('asm: API', () => {
  const r = assemble([{ path: 'main.s', text: MAIN }]);

  it('produces an ELF the loader accepts, entry at _start', () => {
    assert.deepStrictEqual(r.diagnostics, []);
    assert.ok(r.elf && r.image);
    const img = parseElf(r.elf, 'main.elf');
    assert.strictEqual(img.entry, 0x80000000);
    assert.strictEqual(r.entry, 0x80000000);
    assert.ok(img.segments.some((s) => s.vaddr === 0x80000000 && (s.flags & 1) !== 0));
    assert.strictEqual(img.eFlags & 1, 1, 'EF_RISCV_RVC');
    assert.deepStrictEqual(r.image.segments.map((s) => s.vaddr), img.segments.map((s) => s.vaddr));
  });

  it('lists symbols with addresses, bindings and sections', () => {
    const byName = new Map(r.symbols.map((s) => [s.name, s]));
    assert.strictEqual(byName.get('_start')?.global, true);
    assert.strictEqual(byName.get('print')?.global, false);
    assert.strictEqual(byName.get('msg')?.section, '.rodata');
    assert.ok(!r.symbols.some((s) => s.name.startsWith('.L')), 'internal labels stay internal');
    const elfSyms = parseElf(r.elf!, 'x').symbols.map((s) => s.name);
    for (const n of ['_start', 'print', 'msg']) assert.ok(elfSyms.includes(n));
  });

  it('maps addresses to source positions and source lines to addresses', () => {
    const t = r.lineTable;
    assert.deepStrictEqual(t.locate(0x80000000), { file: 'main.s', line: 4, column: 5 });
    assert.deepStrictEqual(t.locate(0x80000004), { file: 'main.s', line: 4, column: 5 }, 'la is two instructions');
    const call = t.addressesOf('main.s', 5);
    assert.strictEqual(call.length, 1);
    assert.strictEqual(t.locate(call[0] + 4)?.line, 5, 'call is auipc+jalr');
    assert.strictEqual(t.addressesOf('main.s', 12).length, 2, 'a macro invocation maps to its expansion');
    assert.strictEqual(t.addressesOf('main.s', 14).length, 2, '.rept repeats the line');
    assert.strictEqual(t.locate(0x7fffffff), undefined);
    assert.deepStrictEqual(t.breakpointAddresses('main.s', 7), { line: 12, addresses: t.addressesOf('main.s', 12) });
  });

  it('stores the line table in the ELF', () => {
    const img = parseElf(r.elf!, 'x');
    const sec = img.sections.find((s) => s.name === LINE_SECTION);
    assert.ok(sec);
    const json = Buffer.from(r.elf!.subarray(sec.offset, sec.offset + sec.size)).toString('utf8');
    const t = LineTable.deserialize(json);
    assert.deepStrictEqual(t.rows, r.lineTable.rows);
    for (const name of ['.debug_info', '.debug_abbrev', '.debug_line', '.riscv.attributes', '.symtab']) {
      assert.ok(img.sections.some((x) => x.name === name), `missing ${name}`);
    }
  });

  it('places sections at the text base and the linker map addresses', () => {
    const src = '.text\n.globl _start\n_start: la a0, d\n.data\nd: .word 1\n.bss\nb: .zero 8\n';
    const a = assemble([{ path: 'a.s', text: src }], { textBase: 0x80200000 });
    assert.strictEqual(a.sections.find((s) => s.name === '.text')?.addr, 0x80200000);
    const m = assemble([{ path: 'a.s', text: src }], { linkerMap: { '.data': 0x80100000 } });
    assert.strictEqual(m.sections.find((s) => s.name === '.data')?.addr, 0x80100000);
    assert.strictEqual(m.sections.find((s) => s.name === '.bss')?.addr, 0x80100004, '.bss follows .data');
    const t = assemble([{ path: 'a.s', text: src }], { linkerMap: '# text form\n.data = 0x80300000\n.bss: 0x80400000\n' });
    assert.strictEqual(t.sections.find((s) => s.name === '.data')?.addr, 0x80300000);
    assert.strictEqual(t.sections.find((s) => s.name === '.bss')?.addr, 0x80400000);
    assert.match(referenceLinkerScript({ linkerMap: { '.data': 0x80100000 } }), /\.data 0x80100000 :/);
    const bad = assemble([{ path: 'a.s', text: src }], { linkerMap: 'nonsense' });
    assert.ok(bad.diagnostics.some((d) => d.file === '<linker map>'));
  });

  it('resolves includes among the inputs, then through readFile', () => {
    const r1 = assemble([{ path: 'dir/main.s', text: '.include "inc.s"\n.word VALUE\n' }, { path: 'dir/inc.s', text: '.equ VALUE, 7\n' }]);
    assert.deepStrictEqual(r1.diagnostics, []);
    const read: string[] = [];
    const r2 = assemble([{ path: '/p/main.S', text: '#include "defs.h"\n.word VALUE\n' }], {
      readFile: (p) => { read.push(p); return p === '/p/defs.h' ? '#define VALUE 9\n' : undefined; },
    });
    assert.deepStrictEqual(r2.diagnostics, []);
    assert.ok(read.includes('/p/defs.h'));
    assert.strictEqual(r2.sections.find((s) => s.name === '.text')?.data[0], 9);
  });

  it('predefines the usual macros in .S files and accepts extra defines', () => {
    const src = '#if __riscv_xlen == 32 && defined(__riscv_compressed) && defined(__ASSEMBLER__)\n.word FOO\n#endif\n';
    const a = assemble([{ path: 'a.S', text: src }], { defines: { FOO: '0x1234' } });
    assert.deepStrictEqual(a.diagnostics, []);
    assert.deepStrictEqual([...a.sections[0].data.subarray(0, 4)], [0x34, 0x12, 0, 0]);
  });

  it('parses -march into extensions', () => {
    assert.deepStrictEqual([...parseMarch('rv32imac_zicsr_zifencei_h').extensions].sort(), ['a', 'c', 'h', 'i', 'm', 'zicsr', 'zifencei']);
    assert.deepStrictEqual([...parseMarch('rv32gc').extensions].sort(), ['a', 'c', 'i', 'm', 'zicsr', 'zifencei']);
    assert.ok(!parseMarch('rv32ima').extensions.has('c'));
  });

  it('links several files: globals across files, locals stay per file', () => {
    const a = assemble([
      { path: 'a.s', text: '.globl _start\n_start: call f\nloop: j loop\n' },
      { path: 'b.s', text: '.globl f\nf: j loop\nloop: ret\n' },
    ]);
    assert.deepStrictEqual(a.diagnostics, []);
    const loops = a.symbols.filter((s) => s.name === 'loop');
    assert.strictEqual(loops.length, 2);
  });
});
