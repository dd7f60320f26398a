import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gnuBuildElf } from '../support/gnuAs';

/** `hyperstep run` as a user runs it: a real process, real stdin/stdout, exit codes. */
const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/src/cli/main.js');
const HELLO = path.join(ROOT, 'examples/hello/hello.elf');

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'run', ...args], { input: input ?? '', encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hyperstep run', function () {
  this.timeout(60000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-cli-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs the hello example: UART to stdout, exit code 0', () => {
    const r = run([HELLO]);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, 'Hello from Hyperstep! Counting timer ticks:\n3\n2\n1\nLiftoff.\n');
  });

  it('makes the finisher code the exit code, and echoes stdin through UART RX', () => {
    const elf = gnuBuildElf(`
      .globl _start
    _start:
      li t0, 0x10000000
    1: lbu t1, 5(t0)          # wait for LSR.DR
      andi t1, t1, 1
      beqz t1, 1b
      lbu a0, 0(t0)
      li t2, '\\n'
      beq a0, t2, 2f
      addi a0, a0, -32        # upper-case it
      sb a0, 0(t0)
      j 1b
    2: li t0, 0x100000
      li t1, (42 << 16) | 0x3333
      sw t1, 0(t0)
      j .`, dir, 'echo');
    const r = run([elf], 'hello\n');
    assert.strictEqual(r.stdout, 'HELLO');
    assert.strictEqual(r.status, 42);
  });

  it('has the hypervisor extension by default (misa.H, as QEMU 7.2\'s rv32); --no-hypervisor removes it', () => {
    // Exit code 40 + misa.H; hstatus traps (illegal) without H, so the handler exits with 99.
    const elf = gnuBuildElf(`
      .globl _start
    _start:
      la t0, 1f
      csrw mtvec, t0
      csrr a0, misa
      srli a0, a0, 7
      andi a0, a0, 1
      csrr t1, hstatus
      addi a0, a0, 40
      j 2f
      .align 2
    1: li a0, 99
    2: li t0, 0x100000
      slli a0, a0, 16
      li t1, 0x3333
      or a0, a0, t1
      sw a0, 0(t0)
      j .`, dir, 'misa');
    assert.strictEqual(run([elf]).status, 41);
    assert.strictEqual(run([elf, '--no-hypervisor']).status, 99);
  });

  it('--max-insns stops a runaway guest with exit code 124 and a message', () => {
    const elf = gnuBuildElf('.globl _start\n_start: j _start', dir, 'spin');
    const r = run([elf, '--max-insns', '1000']);
    assert.strictEqual(r.status, 124);
    assert.match(r.stderr, /instruction limit reached \(1000 instructions retired\)/);
  });

  it('--max-insns also stops a trap storm, which retires nothing: trapped instructions count', () => {
    // mtvec points at a load from address 0 (no memory there): every attempt traps back to itself.
    const elf = gnuBuildElf('.globl _start\n_start: la t0, h\n csrw mtvec, t0\n .align 2\nh: lw t1, 0(zero)', dir, 'storm');
    const r = run([elf, '--max-insns', '5000']);
    assert.strictEqual(r.status, 124);
    // The reset ROM's 6 instructions, then auipc, addi, csrw; every later one is the trapping load.
    assert.match(r.stderr, /instruction limit reached \(9 instructions retired, 4991 trapped\); pc = 0x800000(0c|10)/);
  });

  it('--stats=json prints instructions, seconds, mips and traps', () => {
    const r = run([HELLO, '--stats=json']);
    assert.strictEqual(r.status, 0);
    const stats = JSON.parse(r.stderr.trim().split('\n').pop()!);
    assert.ok(stats.instructions > 100);
    assert.ok(stats.seconds >= 0 && stats.mips >= 0);
    assert.strictEqual(stats.traps['machine timer interrupt'], 3, 'the example takes three timer ticks');
  });

  it('--stats before the files does not swallow a file as its format: a usage error says what to write', () => {
    const r = run(['--stats', HELLO, HELLO]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /--stats takes text or json, not '.*hello\.elf' \(write --stats=text, or put the files first\)/);
  });

  it('--trace prints pc, bits and disassembly of each retired instruction', () => {
    const r = run([HELLO, '--trace', '--max-insns', '8']);
    const lines = r.stderr.split('\n').filter((l) => /^[0-9a-f]{8}  /.test(l));
    assert.strictEqual(lines.length, 8);
    assert.match(lines[0], /^00001000  00000297  auipc\tt0,0x0$/, 'the reset vector comes first');
    assert.match(lines[2], /^00001008  f1402573  csrrs\ta0,mhartid,zero$/);
  });

  it('Ctrl-C stops a runaway guest with a summary (exit 130)', async () => {
    const elf = gnuBuildElf('.globl _start\n_start: j _start', dir, 'spin2');
    const child = spawn(process.execPath, [CLI, 'run', elf], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    await new Promise((r) => setTimeout(r, 800));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    assert.strictEqual(code, 130);
    assert.match(stderr, /interrupted after \d+ instructions; pc = 0x8000000/);
  });

  it('usage errors exit 2: unknown option, missing file, bad size', () => {
    for (const args of [[HELLO, '--frobnicate'], [path.join(dir, 'nope.elf')], [HELLO, '--mem', 'lots']]) {
      const r = run(args);
      assert.strictEqual(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.stderr.length > 0);
    }
  });

  it('bad ELF files get a clear error naming the problem and exit 1', () => {
    const good = fs.readFileSync(HELLO);
    const cases: [string, Buffer, RegExp][] = [
      ['truncated.elf', good.subarray(0, 40), /truncated/i],
      ['x86.elf', fs.readFileSync('/bin/true'), /x86-64|64-bit/],
      ['text.elf', Buffer.from('just some text\n'), /not an ELF file/],
    ];
    for (const [name, bytes, pattern] of cases) {
      const f = path.join(dir, name);
      fs.writeFileSync(f, bytes);
      const r = run([f]);
      assert.strictEqual(r.status, 1, name);
      assert.match(r.stderr, pattern, name);
      assert.ok(!/at .*\.js:\d+/.test(r.stderr), `${name}: no stack trace`);
    }
  });

  it('an entry point outside memory is a clear error', () => {
    const raw = path.join(dir, 'raw.bin');
    fs.writeFileSync(raw, Buffer.from([0x6f, 0, 0, 0]));
    const r2 = run([raw, '--raw', '0x20000000', '--max-insns', '10']);
    assert.strictEqual(r2.status, 1);
    assert.match(r2.stderr, /outside memory/);
  });
});
