/**
 * Exact instruction counts against QEMU: with -singlestep every translation block is one
 * instruction and `-d exec` logs one "Trace" line per executed block, so QEMU's log counts the
 * instructions it ran. For programs that take no trap this must equal Hyperstep's retired count
 * (boot ROM included), which checks control flow instruction by instruction, not only output.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildProgram, discoverPrograms, findRepoRoot, runProcess } from './corpusBuild';
import { QEMU_CPU } from './qemuCpu';

const repoRoot = findRepoRoot(__dirname);
const corpusDir = path.join(repoRoot, 'test', 'corpus');
const cli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');
/** Trap-free corpus programs (a faulting instruction is logged by QEMU but does not retire). */
const TRAP_FREE = ['isa/rv32i_alu_reg', 'isa/rv32i_alu_imm', 'isa/rv32m_mul', 'isa/rv32m_div_corner', 'isa/rvc_alu', 'isa/rv32i_load_store'];

describe('instruction counts vs QEMU -singlestep -d exec', function () {
  this.timeout(180000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-icount-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const programs = discoverPrograms(corpusDir, dir).filter((p) => TRAP_FREE.includes(`${p.group}/${p.name}`));

  it('selects the trap-free programs', () => assert.strictEqual(programs.length, TRAP_FREE.length));

  for (const program of programs) {
    it(`${program.group}/${program.name} retires exactly as many instructions as QEMU executes`, async () => {
      const build = await buildProgram(program, path.join(corpusDir, 'include'));
      assert.ok(build.ok, build.message);
      const log = path.join(dir, `${program.name}.log`);
      // The UART goes to a file, not a pipe: a pipe that fills under load makes QEMU's THRE late,
      // and the guest's transmit polling loop then runs a host-timing-dependent number of times.
      const qemu = await runProcess('qemu-system-riscv32', ['-M', 'virt', '-cpu', QEMU_CPU, '-bios', 'none',
        '-display', 'none', '-monitor', 'none', '-serial', `file:${log}.uart`,
        '-singlestep', '-d', 'exec,nochain', '-D', log, '-kernel', program.elfPath], { timeoutMs: 60_000 });
      assert.strictEqual(qemu.exitCode, 0, `qemu: ${qemu.stderr}`);
      const qemuCount = (fs.readFileSync(log, 'utf8').match(/^Trace /gm) ?? []).length;
      const ours = await runProcess(process.execPath, [cli, 'run', '--compat', 'qemu-7.2', '--stats=json', program.elfPath], { timeoutMs: 60_000 });
      assert.strictEqual(ours.exitCode, 0, ours.stderr);
      const stats = JSON.parse(ours.stderr.trim().split('\n').pop()!);
      assert.deepStrictEqual(stats.traps, {}, 'the program must not trap for counts to be comparable');
      assert.strictEqual(stats.instructions, qemuCount);
    });
  }
});
