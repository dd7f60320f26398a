/**
 * `hyperstep asm` and `hyperstep disasm` as functions (the lead wires them into main.ts):
 * exit codes, `file:line:col: error: message` output, the files they write.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { asmCommand, defaultOutput, disasmCommand } from '../../src/cli/asmCommand';
import { parseElf } from '../../src/engine/loader/elf';

function capture(): { out: { stdout(t: string): void; stderr(t: string): void }; stdout: () => string; stderr: () => string } {
  let o = '', e = '';
  return { out: { stdout: (t) => { o += t; }, stderr: (t) => { e += t; } }, stdout: () => o, stderr: () => e };
}

describe('asm: CLI commands', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-asm-cli-'));
  const main = path.join(dir, 'main.s');
  fs.writeFileSync(main, '.include "inc.s"\n.globl _start\n_start: li a0, VALUE\n  j _start\n');
  fs.writeFileSync(path.join(dir, 'inc.s'), '.equ VALUE, 42\n');

  it('asm writes an ELF (reading includes from disk) and exits 0', () => {
    const c = capture();
    const elf = path.join(dir, 'out.elf');
    const lines = path.join(dir, 'out.lines.json');
    assert.strictEqual(asmCommand([main], { output: elf, textBase: '0x80000000', lines }, c.out), 0);
    assert.strictEqual(c.stderr(), '');
    const img = parseElf(new Uint8Array(fs.readFileSync(elf)), elf);
    assert.strictEqual(img.entry, 0x80000000);
    assert.ok(JSON.parse(fs.readFileSync(lines, 'utf8')).rows.length > 0);
  });

  it('asm prints file:line:col: error: message and exits 1', () => {
    const bad = path.join(dir, 'bad.s');
    fs.writeFileSync(bad, 'nop\n  lwx a0, 0(a1)\n');
    const c = capture();
    assert.strictEqual(asmCommand([bad], { output: path.join(dir, 'bad.elf') }, c.out), 1);
    assert.strictEqual(c.stderr(), `${bad}:2:3: error: unknown instruction 'lwx' (did you mean 'lw'?)\n`);
    assert.ok(!fs.existsSync(path.join(dir, 'bad.elf')));
  });

  it('asm rejects bad usage with exit 2', () => {
    const c = capture();
    assert.strictEqual(asmCommand([], {}, c.out), 2);
    assert.strictEqual(asmCommand([main], { textBase: 'nowhere' }, c.out), 2);
    assert.match(c.stderr(), /no input files/);
    assert.strictEqual(asmCommand([path.join(dir, 'missing.s')], {}, c.out), 1);
  });

  it('asm defaults the output name beside the first input', () => {
    assert.strictEqual(defaultOutput(['/x/y/prog.s']), path.join('/x/y', 'prog.elf'));
  });

  it('disasm prints an objdump-style listing, with and without aliases', () => {
    const elf = path.join(dir, 'out.elf');
    const c = capture();
    assert.strictEqual(disasmCommand(elf, {}, c.out), 0);
    assert.match(c.stdout(), /Disassembly of section \.text:/);
    assert.match(c.stdout(), /80000000 <_start>:\n80000000:\t02a00513          \tli\ta0,42\n/);
    const n = capture();
    assert.strictEqual(disasmCommand(elf, { noAliases: true }, n.out), 0);
    assert.match(n.stdout(), /addi\ta0,zero,42/);
  });

  it('disasm reports unreadable or non-ELF files', () => {
    const c = capture();
    assert.strictEqual(disasmCommand(main, {}, c.out), 1);
    assert.match(c.stderr(), /not an ELF file/);
    assert.strictEqual(disasmCommand(undefined, {}, c.out), 2);
  });
});
