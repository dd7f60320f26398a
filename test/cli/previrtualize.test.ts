import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseElf } from '../../src/engine/loader/elf';
import { readPrevirtNotes } from '../../src/engine/loader/previrtNotes';

/** `--previrtualize` on `hyperstep asm` and `hyperstep run`, and the `disasm` comments, as a user runs them. */
const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/src/cli/main.js');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input: '', encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/*
 * Bare metal in M-mode: csrr of sstatus simply reads it (exit 7). Previrtualized, it is the
 * `priv` hypercall: an ecall from M (mcause 11) with a7 = the PV extension, a6 = 8 and
 * a0 = op | csr << 8 | rd << 20 | rs << 25 (docs/PARAVIRT.md), and the saved a0 at 0(sp):
 * the handler checks them and exits 42.
 */
const PROGRAM = `
  .globl _start
_start:
  la sp, stack_top
  la t0, handler
  csrw mtvec, t0
  li a0, 0x55
site:
  csrr t1, sstatus
  li a0, 7
  j exit
handler:
  csrr t2, mcause
  li t3, 11
  bne t2, t3, fail
  li t3, 0x09485056
  bne a7, t3, fail
  li t3, 8
  bne a6, t3, fail
  li t3, 2 | (0x100 << 8) | (6 << 20) | (0 << 25)
  bne a0, t3, fail
  lw t3, 0(sp)
  li t4, 0x55
  bne t3, t4, fail
  li a0, 42
  j exit
fail:
  li a0, 1
exit:
  li t0, 0x100000
  slli a0, a0, 16
  li t1, 0x3333
  or a0, a0, t1
  sw a0, 0(t0)
  j .
native:
  csrrw sp, sscratch, sp
  .bss
  .space 256
stack_top:
`;

describe('hyperstep --previrtualize', function () {
  this.timeout(60000);
  let dir: string;
  let src: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-previrt-'));
    src = path.join(dir, 'prog.s');
    fs.writeFileSync(src, PROGRAM);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('asm --previrtualize writes the .hyperstep.previrt notes; plain asm does not', () => {
    const pv = path.join(dir, 'pv.elf'), plain = path.join(dir, 'plain.elf');
    assert.strictEqual(cli(['asm', '--previrtualize', src, '-o', pv]).status, 0);
    assert.strictEqual(cli(['asm', src, '-o', plain]).status, 0);
    const bytes = new Uint8Array(fs.readFileSync(pv));
    const notes = readPrevirtNotes(bytes)!;
    const site = parseElf(bytes, pv).symbols.find((s) => s.name === 'site')!.value;
    const lineOf = (t: string): number => PROGRAM.split('\n').findIndex((l) => l.trim() === t) + 1;
    assert.deepStrictEqual(notes.map((n) => [n.kind, n.address === site, n.line]),
      [['rewritten', true, lineOf('csrr t1, sstatus')], ['native', false, lineOf('csrrw sp, sscratch, sp')]]);
    assert.strictEqual(readPrevirtNotes(new Uint8Array(fs.readFileSync(plain))), undefined);
  });

  it('disasm shows the original instruction on the sequence\'s first line, and why a site was left native', () => {
    const pv = path.join(dir, 'pv.elf');
    const r = cli(['disasm', pv]);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /<site>:\n[0-9a-f]+:\t1141 {16}\tadd\tsp,sp,-16 # previrtualized: csrr t1,sstatus\n/);
    assert.match(r.stdout, /\tcsrrw\tsp,sscratch,sp # not previrtualized: reads or writes sp/);
    assert.strictEqual((r.stdout.match(/previrtualized:/g) ?? []).length, 2);
  });

  it('run --previrtualize assembles the .s file previrtualized (the guest\'s csrr becomes the priv ecall)', () => {
    const plain = cli(['run', src]);
    assert.strictEqual(plain.status, 7, plain.stderr);
    const pv = cli(['run', '--previrtualize', src]);
    assert.strictEqual(pv.status, 42, pv.stderr);
  });
});
