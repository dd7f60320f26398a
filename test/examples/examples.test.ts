import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemble } from '../../src/engine/asm';

/*
 * Every example in examples/ runs headless with `hyperstep run` and prints what its README says;
 * each also builds with Debian's GNU as/ld and prints the same on QEMU 7.2 (the reference).
 * sbi-hello needs an SBI firmware: on QEMU that is OpenSBI, whose RV32 build Debian does not
 * ship, so that one comparison is skipped (with the reason in its name) unless one is found.
 */

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/src/cli/main.js');
const QEMU_CPU = 'rv32,f=false,d=false,h=false,zba=false,zbb=false,zbc=false,zbs=false,sstc=false,debug=false';

interface Example {
  dir: string;
  sources: string[];
  output: string;
  sbi?: boolean;
}

const EXAMPLES: Example[] = [
  {
    dir: 'hello', sources: ['hello.s'],
    output: 'Hello from Hyperstep! Counting timer ticks:\n3\n2\n1\nLiftoff.\n',
  },
  { dir: 'gcd', sources: ['gcd.s'], output: 'gcd(0x18, 0x21) = 0x3\n' },
  {
    dir: 'timer', sources: ['timer.s'],
    output: 'Machine timer: 5 ticks, 1 ms apart\n' +
      [1, 2, 3, 4, 5].map((n) => `tick 0x${n}: mcause = 0x80000007\n`).join('') + 'done\n',
  },
  {
    dir: 'paging', sources: ['paging.s'],
    output: [
      'Sv32 paging, pages mapped on demand at 0x40000000',
      'page fault: scause 0xd, stval 0x40000000, new page table in frame 0x0 -> frame 0x1',
      'first read of a fresh page: 0x0',
      'page fault: scause 0xf, stval 0x40001000 -> frame 0x2',
      'page fault: scause 0xf, stval 0x40003008 -> frame 0x3',
      'read back: 0x11111111 0x22222222 0x33333333',
      'pages mapped on demand: 0x3',
      '',
    ].join('\n'),
  },
  {
    dir: 'sbi-hello', sources: ['sbi-hello.s'], sbi: true,
    output: [
      'Hello from S-mode, through the SBI!',
      'hart id (a0): 0x0',
      'device tree magic (at a1): 0xd00dfeed',
      'TIME extension available: 0x1',
      'timer interrupt, scause = 0x80000005',
      'Shutting down through SRST.',
      '',
    ].join('\n'),
  },
];

function findOpenSbi32(): string | undefined {
  const env = process.env.HYPERSTEP_OPENSBI_RV32;
  if (env && fs.existsSync(env)) return env;
  const p = '/usr/share/qemu/opensbi-riscv32-generic-fw_dynamic.bin';
  return fs.existsSync(p) ? p : undefined;
}

/** GNU as + ld: bare-metal programs at DRAM's base, SBI payloads where OpenSBI's fw_dynamic jumps on RV32. */
function gnuBuild(src: string, dir: string, textBase: number): string {
  const name = path.basename(src).replace(/\./g, '_');
  const obj = path.join(dir, `${name}.o`), elf = path.join(dir, `${name}.elf`);
  const as = src.endsWith('.S') ? ['riscv64-unknown-elf-gcc', '-c', '-march=rv32imac_zicsr_zifencei', '-mabi=ilp32'] : ['riscv64-unknown-elf-as', '-march=rv32imac_zicsr_zifencei', '-mabi=ilp32'];
  execFileSync(as[0], [...as.slice(1), src, '-o', obj], { stdio: 'pipe' });
  execFileSync('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '-N', '--no-warn-rwx-segments', `-Ttext=0x${textBase.toString(16)}`, '-e', '_start', obj, '-o', elf], { stdio: 'pipe' });
  return elf;
}

function qemu(elf: string, bios: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('qemu-system-riscv32', ['-M', 'virt', '-cpu', QEMU_CPU, '-bios', bios, '-nographic', '-kernel', elf],
    { encoding: 'latin1', timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('examples', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-examples-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('every example folder is covered here and has a README and a launch.json for the hyperstep debugger', () => {
    const dirs = fs.readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    // mini-hypervisor (several images, a guest), guests (VMM guests) and compare have their own tests:
    // miniHypervisor.test.ts, guests.test.ts and compare.test.ts.
    assert.deepStrictEqual(dirs, [...EXAMPLES.map((e) => e.dir), 'compare', 'guests', 'mini-hypervisor'].sort());
    for (const e of EXAMPLES) {
      const base = path.join(ROOT, 'examples', e.dir);
      assert.ok(fs.existsSync(path.join(base, 'README.md')), `${e.dir}/README.md`);
      const launch = JSON.parse(fs.readFileSync(path.join(base, '.vscode/launch.json'), 'utf8'));
      const c = launch.configurations[0];
      assert.strictEqual(c.type, 'hyperstep');
      assert.strictEqual(c.request, 'launch');
      assert.deepStrictEqual(c.program, [e.sources[0]]);
      assert.strictEqual(c.stopOnEntry, false);
      assert.strictEqual(c.sbi, e.sbi ? 'builtin' : undefined);
      for (const s of e.sources) assert.ok(fs.existsSync(path.join(base, s)), `${e.dir}/${s}`);
    }
  });

  for (const e of EXAMPLES) {
    for (const src of e.sources) {
      const file = path.join(ROOT, 'examples', e.dir, src);

      it(`${e.dir}/${src}: our assembler builds it without a diagnostic`, () => {
        const r = assemble([{ path: file, text: fs.readFileSync(file, 'utf8') }]);
        assert.deepStrictEqual(r.diagnostics.map((d) => d.message), []);
        assert.ok(r.elf && r.image);
      });

      it(`${e.dir}/${src}: hyperstep run${e.sbi ? ' --sbi builtin' : ''} prints the expected output and exits 0`, () => {
        const r = spawnSync(process.execPath, [CLI, 'run', file, ...(e.sbi ? ['--sbi', 'builtin'] : [])], { input: '', encoding: 'latin1', timeout: 30000 });
        assert.strictEqual(r.stderr, '');
        assert.strictEqual(r.stdout, e.output);
        assert.strictEqual(r.status, 0);
      });

      const firmware = e.sbi ? findOpenSbi32() : 'none';
      const title = `${e.dir}/${src}: built with GNU as/ld, QEMU ${e.sbi ? '+ OpenSBI ' : ''}prints the same`;
      if (firmware === undefined) {
        it.skip(`${title} (skipped: no RV32 OpenSBI firmware; Debian ships only opensbi-riscv64-generic-fw_dynamic.bin)`);
        continue;
      }
      it(title, () => {
        const elf = gnuBuild(file, tmp, e.sbi ? 0x80400000 : 0x80000000);
        const q = qemu(elf, firmware);
        assert.strictEqual(q.status, 0, q.stderr);
        // OpenSBI prints its banner first; the program's output is the end of the console text.
        const out = e.sbi ? q.stdout.slice(q.stdout.indexOf(e.output.split('\n')[0])) : q.stdout;
        assert.strictEqual(out, e.output);
      });
    }
  }
});
