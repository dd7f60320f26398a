import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemble } from '../../src/engine/asm';
import { buildReference, describeDifferences, toolchainProblem } from '../asm/gnuReference';

/*
 * examples/mini-hypervisor: hyp.s + firmware.s (HS- and M-mode, one image at 0x80000000) run
 * guest.s (linked at 0x80000000, loaded at host 0x80200000) in VS-mode. The reference is QEMU
 * 7.2, whose default rv32 CPU has H, running the images built by GNU as/ld:
 *   qemu-system-riscv32 -M virt -bios none -nographic -kernel hyp.elf \
 *     -device loader,file=guest.bin,addr=0x80200000
 * Hyperstep must print exactly what QEMU prints; the README shows that text.
 */

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/src/cli/main.js');
const DIR = path.join(ROOT, 'examples', 'mini-hypervisor');
const HYP = ['hyp.s', 'firmware.s'].map((f) => path.join(DIR, f));
const GUEST = path.join(DIR, 'guest.s');
const GUEST_LOAD = '0x80200000';

/** The output block of the README: the lines between "Both print:" and the next heading. */
function readmeOutput(): string {
  const text = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
  const m = /Both print:\n\n```\n([\s\S]*?)```/.exec(text);
  assert.ok(m, 'README.md has the expected output in a ``` block after "Both print:"');
  return m[1];
}

/** What the hypervisor prints around a guest's own output. */
const BANNER = 'hyp: HS-mode; guest RAM: guest-physical 0x80000000 -> host 0x80200000; entering the guest\n';
const hex = (n: number): string => '0x' + n.toString(16).padStart(8, '0');
const exitLine = (sbi: number, uart: number, timer: number): string =>
  `hyp: the guest shut down after ${hex(sbi)} SBI calls, ${hex(uart)} UART accesses, ${hex(timer)} timer interrupts\n`;

interface Run { status: number | null; stdout: string; stderr: string }

describe('examples/mini-hypervisor', function () {
  this.timeout(60000);
  let tmp: string;
  const qemuRuns = new Map<string, Run>();
  before(() => {
    const problem = toolchainProblem();
    if (problem) throw new Error(problem);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-minihyp-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** GNU as/ld (the reference linker script, so the layout is ours too), then QEMU; once per guest. */
  function qemu(guest: string): Run {
    const known = qemuRuns.get(guest);
    if (known) return known;
    const work = fs.mkdtempSync(path.join(tmp, 'run-'));
    const hypElf = path.join(work, 'hyp.elf'), guestElf = path.join(work, 'guest.elf'), guestBin = path.join(work, 'guest.bin');
    fs.writeFileSync(hypElf, buildReference({ name: 'hyp', files: HYP, options: {} }, fs.mkdtempSync(path.join(work, 'h-'))));
    fs.writeFileSync(guestElf, buildReference({ name: 'guest', files: [guest], options: {} }, fs.mkdtempSync(path.join(work, 'g-'))));
    execFileSync('riscv64-unknown-elf-objcopy', ['-O', 'binary', guestElf, guestBin]);
    const r = spawnSync('qemu-system-riscv32', ['-M', 'virt', '-bios', 'none', '-nographic', '-kernel', hypElf,
      '-device', `loader,file=${guestBin},addr=${GUEST_LOAD}`], { encoding: 'latin1', timeout: 30000 });
    const run = { status: r.status, stdout: r.stdout, stderr: r.stderr };
    qemuRuns.set(guest, run);
    return run;
  }

  function hyperstep(guest: string, compat: string): Run {
    const r = spawnSync(process.execPath, [CLI, 'run', ...HYP, '--image', `${guest}@${GUEST_LOAD}`, '--compat', compat],
      { input: '', encoding: 'latin1', timeout: 30000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('has a README, hyp.s within its line budget, and a launch.json in the multi-image form', () => {
    const launch = JSON.parse(fs.readFileSync(path.join(DIR, '.vscode/launch.json'), 'utf8'));
    const c = launch.configurations[0];
    assert.strictEqual(c.type, 'hyperstep');
    assert.strictEqual(c.request, 'launch');
    assert.deepStrictEqual(c.program, [
      { files: ['hyp.s', 'firmware.s'], context: 'hypervisor' },
      { files: ['guest.s'], context: 'guest', load: GUEST_LOAD },
    ]);
    const lines = fs.readFileSync(path.join(DIR, 'hyp.s'), 'utf8').split('\n').length;
    assert.ok(lines < 400, `hyp.s has ${lines} lines; the tutorial promises under 400`);
  });

  for (const [name, files] of [['hyp.s + firmware.s', HYP], ['guest.s', [GUEST]]] as const) {
    it(`${name}: our assembler produces the bytes GNU as/ld produce`, () => {
      const ours = assemble(files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') })));
      assert.deepStrictEqual(ours.diagnostics.map((d) => d.message), []);
      const ref = buildReference({ name, files: [...files], options: {} }, fs.mkdtempSync(path.join(tmp, 'ref-')));
      assert.strictEqual(describeDifferences(ours.elf!, ref), undefined);
    });
  }

  it('QEMU 7.2 runs the GNU build, prints what the README shows and exits 0', () => {
    const q = qemu(GUEST);
    assert.strictEqual(q.stdout, readmeOutput(), q.stderr);
    assert.strictEqual(q.status, 0, q.stderr);
  });

  // The default machine writes the transformed instruction to htinst, so hyp.s decodes that;
  // under --compat qemu-7.2 htinst is 0, as on QEMU, and hyp.s reads the guest's instruction
  // with HLVX. Both must give QEMU's output.
  for (const compat of ['spec', 'qemu-7.2']) {
    it(`hyperstep run hyp.s firmware.s --image guest.s@${GUEST_LOAD} --compat ${compat} prints exactly what QEMU prints and exits 0`, () => {
      const q = qemu(GUEST), r = hyperstep(GUEST, compat);
      assert.strictEqual(r.stderr, '');
      assert.strictEqual(r.stdout, q.stdout);
      assert.strictEqual(r.status, 0);
    });
  }

  // C.SW/C.LW to the UART: decoded from htinst (bit 1 clear) or from the 16 bits HLVX reads,
  // rd written, sepc stepped by 2; a wrong step or an unwritten rd changes "AB0".
  const COMPRESSED = path.join(ROOT, 'test', 'examples', 'mini-hypervisor', 'compressed-mmio-guest.s');
  const compressedOutput = BANNER + 'AB0\n' + exitLine(1, 5, 0);

  it('a guest with compressed UART accesses: QEMU prints AB0 between the hypervisor\'s lines', () => {
    const q = qemu(COMPRESSED);
    assert.strictEqual(q.stdout, compressedOutput, q.stderr);
    assert.strictEqual(q.status, 0, q.stderr);
  });

  for (const compat of ['spec', 'qemu-7.2']) {
    it(`a guest with compressed UART accesses: hyperstep --compat ${compat} prints exactly what QEMU prints`, () => {
      const q = qemu(COMPRESSED), r = hyperstep(COMPRESSED, compat);
      assert.strictEqual(r.stderr, '');
      assert.strictEqual(r.stdout, q.stdout);
      assert.strictEqual(r.status, 0);
    });
  }
});
