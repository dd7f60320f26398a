import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemble } from '../../src/engine/asm';
import { buildShimFlash, elfEntryAndBase, gnuLink, QemuRun, runGuestOnQemu } from '../support/qemuGuest';

/*
 * The guest kernels in examples/guests, run two ways:
 *   - the oracle: built with GNU as/ld, booted on QEMU 7.2 (virt) under examples/guests/sbi-shim,
 *     an M-mode SBI doing what OpenSBI does for these calls;
 *   - Hyperstep: `hyperstep run --vmm nested guest.s` (assembled by Hyperstep, run in a VM).
 * Console output and exit code must be identical. The exit statistics are checked where the guest
 * itself (running on QEMU) tells what they must be: it counts its UART accesses and SBI calls.
 */

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/src/cli/main.js');
const GUESTS = path.join(ROOT, 'examples/guests');

interface Guest { dir: string; source: string; vcpus: number }

const GUEST_LIST: Guest[] = [
  { dir: 'hello', source: 'hello.s', vcpus: 1 },
  { dir: 'paging', source: 'paging.s', vcpus: 1 },
  { dir: 'timer', source: 'timer.s', vcpus: 1 },
  { dir: 'smp', source: 'smp.s', vcpus: 2 },
];
/** Folders with a launch.json but no guest of their own, and the shim. */
const OTHER_DIRS = ['sbi-shim', 'two-vms'];

interface VmStats { exits: Record<string, number>; guestState: string; exitCode: number; message?: string }
interface HyperstepRun { status: number | null; stdout: string; stderr: string; stats: Record<string, VmStats> }

function hyperstep(args: string[], mode = 'nested'): HyperstepRun {
  const r = spawnSync(process.execPath, [CLI, 'run', '--vmm', mode, ...args, '--stats=json'], { input: '', encoding: 'latin1', timeout: 30000 });
  const json = r.stderr.split('\n').find((l) => l.startsWith('{'));
  const stats = json ? (JSON.parse(json) as { vms: Record<string, VmStats> }).vms : {};
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, stats };
}

/** The number in `prefix<digits>` on a line of `text`. */
function printed(text: string, prefix: string): number {
  const line = text.split('\n').find((l) => l.includes(prefix));
  assert.ok(line, `no line with '${prefix}' in:\n${text}`);
  return Number(/^-?\d+/.exec(line.slice(line.indexOf(prefix) + prefix.length))![0]);
}

/** The lines of one VM in a multi-VM console, prefix removed. */
function linesOf(stdout: string, vm: string): string {
  const p = `[${vm}] `;
  return stdout.split('\n').filter((l) => l.startsWith(p)).map((l) => l.slice(p.length) + '\n').join('');
}

interface LaunchVm { name: string; program: string; memory: string; vcpus: number; paging: string }
interface LaunchConfig { type: string; request: string; name: string; vms: LaunchVm[]; stopOnEntry: boolean }

function launchConfigs(dir: string): LaunchConfig[] {
  const file = path.join(GUESTS, dir, '.vscode/launch.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { configurations: LaunchConfig[] }).configurations;
}

function resolveProgram(dir: string, program: string): string {
  return path.resolve(program.replace('${workspaceFolder}', path.join(GUESTS, dir)));
}

/** S-mode sets SPP=0 and srets to U with satp still Bare; U increments a word, prints 'U', ecalls. */
const USER_BARE = `  .text
  .globl _start
_start:
  la t0, trap
  csrw stvec, t0
  la t0, user
  csrw sepc, t0
  li t0, 1 << 8
  csrc sstatus, t0             # SPP = 0: sret goes to U-mode, satp still Bare
  sret
user:
  la t0, data
  lw t1, 0(t0)
  addi t1, t1, 1
  sw t1, 0(t0)                 # U-mode load and store with satp Bare
  li t2, 0x10000000
  li t3, 'U'
  sb t3, 0(t2)                 # U-mode store to the UART
  li t3, 10
  sb t3, 0(t2)
  mv a0, t1
  ecall                        # to the kernel: scause 8
1:j 1b
  .align 2
trap:
  mv s1, a0
  csrr a0, scause
  addi a0, a0, '0'
  li a7, 1
  ecall
  addi a0, s1, '0'
  li a7, 1
  ecall
  li a0, 10
  li a7, 1
  ecall
  li a0, 0
  li a1, 0
  li a7, 0x53525354
  li a6, 0
  ecall
1:j 1b
  .data
data: .word 4
`;

describe('examples/guests: guest kernels under the VMM and on QEMU', function () {
  this.timeout(60000);
  let tmp: string;
  let flash: string;
  /** QEMU's run of each guest image alone, by source path and hart count. */
  const qemuRuns = new Map<string, QemuRun>();
  const qemuOf = (source: string, harts: number): QemuRun => {
    const key = `${source}@${harts}`;
    let r = qemuRuns.get(key);
    if (!r) {
      const dir = fs.mkdtempSync(path.join(tmp, 'guest-'));
      const elf = gnuLink(source, dir, 0x80000000);
      const { entry, lowest } = elfEntryAndBase(elf);
      // QEMU 7.2 hands the shim the ELF's lowest load address as the entry; the VMM uses e_entry.
      assert.strictEqual(entry, lowest, `${source}: _start must be the first instruction of the image`);
      r = runGuestOnQemu(elf, flash, harts);
      assert.strictEqual(r.signal, null, `${source}: QEMU did not finish (killed by ${r.signal}); output:\n${r.stdout}`);
      qemuRuns.set(key, r);
    }
    return r;
  };

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-guests-'));
    flash = buildShimFlash(tmp);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('every folder has a README, and every guest a launch.json in the debugger\'s VM form', () => {
    const dirs = fs.readdirSync(GUESTS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    assert.deepStrictEqual(dirs, [...GUEST_LIST.map((g) => g.dir), ...OTHER_DIRS].sort());
    for (const d of dirs) assert.ok(fs.existsSync(path.join(GUESTS, d, 'README.md')), `${d}/README.md`);
    for (const d of [...GUEST_LIST.map((g) => g.dir), 'two-vms']) {
      const configs = launchConfigs(d);
      assert.ok(configs.length >= 1, d);
      for (const c of configs) {
        assert.deepStrictEqual(Object.keys(c).sort(), ['name', 'request', 'stopOnEntry', 'type', 'vms']);
        assert.strictEqual(c.type, 'hyperstep');
        assert.strictEqual(c.request, 'launch');
        assert.strictEqual(c.stopOnEntry, true);
        assert.ok(c.name.length > 0);
        for (const vm of c.vms) {
          assert.deepStrictEqual(Object.keys(vm).sort(), ['memory', 'name', 'paging', 'program', 'vcpus']);
          assert.ok(vm.program.startsWith('${workspaceFolder}/'), vm.program);
          assert.ok(fs.existsSync(resolveProgram(d, vm.program)), `${d}: ${vm.program}`);
          assert.match(vm.memory, /^\d+M$/);
          assert.strictEqual(vm.paging, 'nested');
        }
        assert.strictEqual(new Set(c.vms.map((v) => v.name)).size, c.vms.length, `${d}: VM names are unique`);
      }
    }
    for (const g of GUEST_LIST) {
      const [c] = launchConfigs(g.dir);
      assert.deepStrictEqual(c.vms.map((v) => [path.basename(v.program), v.vcpus]), [[g.source, g.vcpus]]);
    }
  });

  for (const g of GUEST_LIST) {
    const source = path.join(GUESTS, g.dir, g.source);

    it(`${g.dir}: our assembler builds it without a diagnostic`, () => {
      const r = assemble([{ path: source, text: fs.readFileSync(source, 'utf8') }]);
      assert.deepStrictEqual(r.diagnostics.map((d) => d.message), []);
    });

    it(`${g.dir}: hyperstep run --vmm nested${g.vcpus > 1 ? ` --vcpus ${g.vcpus}` : ''} prints what QEMU prints and exits alike`, () => {
      const q = qemuOf(source, g.vcpus);
      assert.ok(q.stdout.length > 0, 'QEMU printed nothing');
      const h = hyperstep([source, '--vcpus', String(g.vcpus)]);
      assert.strictEqual(h.stdout, q.stdout);
      assert.strictEqual(h.status, q.status, h.stderr);
      assert.strictEqual(h.stats.vm1.guestState, 'shutdown');
    });

    // The same unmodified image under trap-and-emulate: the guest cannot tell (nor can QEMU's output).
    for (const mode of ['shadow', 'paravirt', 'paravirt --previrtualize']) {
      it(`${g.dir}: hyperstep run --vmm ${mode} prints what QEMU prints too`, () => {
        const q = qemuOf(source, g.vcpus);
        const [m, ...flags] = mode.split(' ');
        const h = hyperstep([...flags, source, '--vcpus', String(g.vcpus)], m);
        assert.strictEqual(h.stdout, q.stdout);
        assert.strictEqual(h.status, q.status, h.stderr);
      });
    }
  }

  it('hello: one MMIO exit per UART register access and one SBI exit per call, as the guest counts them', () => {
    const src = path.join(GUESTS, 'hello/hello.s');
    const q = qemuOf(src, 1);
    const lines = q.stdout.split('\n');
    // The first line is the one the guest sends through the UART: per byte an LSR read and a
    // THR write, after the 6 register writes of uart_init (IER, LCR, DLL, DLM, LCR, FCR).
    const uartBytes = lines[0].length + 1;
    const uartAccesses = printed(q.stdout, 'UART register accesses: ');
    assert.strictEqual(uartAccesses, 6 + 2 * uartBytes);
    // SBI calls: those the guest counted before its last line, one console_putchar per byte of
    // that line, and the SRST shutdown.
    const lastLine = lines[lines.length - 2] + '\n';
    const sbiCalls = printed(q.stdout, 'SBI calls before this line: ') + lastLine.length + 1;
    const h = hyperstep([src]);
    assert.deepStrictEqual(h.stats.vm1.exits, { mmio: uartAccesses, sbi: sbiCalls });
  });

  it('paging: the guest\'s page faults never leave the VM; the UART at a virtual address still exits as MMIO', () => {
    const src = path.join(GUESTS, 'paging/paging.s');
    const q = qemuOf(src, 1);
    assert.ok(printed(q.stdout, 'page faults handled: ') > 0);
    const uartLine = q.stdout.split('\n').find((l) => l.startsWith('this line went through the UART'))!;
    const h = hyperstep([src]);
    // hedeleg gives page faults (12, 13, 15) to the guest: no exception exits. MMIO: an LSR read and
    // a THR write per byte of the line, and the store to the test finisher.
    assert.strictEqual(h.stats.vm1.exits.exception, undefined);
    assert.strictEqual(h.stats.vm1.exits.mmio, 2 * (uartLine.length + 1) + 1);
  });

  it('timer: one injected timer interrupt per tick, each awaited in wfi', () => {
    const src = path.join(GUESTS, 'timer/timer.s');
    const ticks = qemuOf(src, 1).stdout.split('\n').filter((l) => l.startsWith('tick ')).length;
    assert.ok(ticks > 0);
    const h = hyperstep([src]);
    assert.strictEqual(h.stats.vm1.exits['interrupt-injection'], ticks);
    assert.ok(h.stats.vm1.exits.wfi >= ticks, JSON.stringify(h.stats));
  });

  it('smp: one injected software interrupt per IPI the guest sends; same output with a host hart per vCPU', () => {
    const src = path.join(GUESTS, 'smp/smp.s');
    const q = qemuOf(src, 2);
    const ipis = printed(q.stdout, 'IPIs sent = ');
    const one = hyperstep([src, '--vcpus', '2']);
    assert.strictEqual(one.stats.vm1.exits['interrupt-injection'], ipis);
    const two = hyperstep([src, '--vcpus', '2', '--harts', '2']);
    assert.strictEqual(two.stdout, q.stdout);
    assert.strictEqual(two.status, q.status);
    assert.strictEqual(two.stats.vm1.exits['interrupt-injection'], ipis);
  });

  for (const c of (() => { try { return launchConfigs('two-vms'); } catch { return []; } })()) {
    it(`two-vms "${c.name}": each VM prints what its image prints alone on QEMU`, () => {
      const [first, ...rest] = c.vms;
      // The CLI names the first VM vm1; the launch configuration must agree for the prefixes to match.
      assert.strictEqual(first.name, 'vm1');
      const args = [resolveProgram('two-vms', first.program), '--vcpus', String(first.vcpus), '--guest-mem', first.memory];
      for (const vm of rest) args.push('--vm', `${resolveProgram('two-vms', vm.program)},name=${vm.name},vcpus=${vm.vcpus},mem=${vm.memory}`);
      const h = hyperstep(args);
      let lines = 0;
      for (const vm of c.vms) {
        const q = qemuOf(resolveProgram('two-vms', vm.program), vm.vcpus);
        assert.strictEqual(q.status, 0, `${vm.program} on QEMU`);
        assert.strictEqual(linesOf(h.stdout, vm.name), q.stdout, vm.name);
        assert.strictEqual(h.stats[vm.name].guestState, 'shutdown');
        assert.strictEqual(h.stats[vm.name].exitCode, 0);
        lines += q.stdout.split('\n').length - 1;
      }
      assert.strictEqual(h.stdout.split('\n').length - 1, lines, 'no line outside the VMs');
      assert.strictEqual(h.status, 0, h.stderr);
    });
  }

  it('VMs under different paging modes share one hart: each prints what it prints alone on QEMU', () => {
    // Shadow and paravirtual VMs draw from the hart's one space of real ASIDs: their shadows must
    // never alias (guest.s and other.s, linked at the same addresses, once did).
    const paging = path.join(GUESTS, 'paging/paging.s'), hello = path.join(GUESTS, 'hello/hello.s');
    const guest = path.join(ROOT, 'test/dap/programs/vmm/guest.s'), other = path.join(ROOT, 'test/dap/programs/vmm/other.s');
    const runs: [string, string, string][][] = [
      [['vm1', paging, 'nested'], ['vm2', paging, 'shadow'], ['vm3', paging, 'paravirt'], ['vm4', hello, 'shadow']],
      [['vm1', guest, 'shadow'], ['vm2', other, 'paravirt']],
      [['vm1', guest, 'paravirt'], ['vm2', other, 'shadow']],
    ];
    for (const vms of runs) {
      const [[, first, mode], ...rest] = vms;
      const h = hyperstep([first, ...rest.flatMap(([name, src, p]) => ['--vm', `${src},name=${name},paging=${p}`]), '--harts', '1'], mode);
      const what = vms.map(([n, src, p]) => `${n}=${path.basename(src)}/${p}`).join(' ');
      assert.strictEqual(h.status, 0, `${what}: ${h.stderr}`);
      for (const [vm, src] of vms) {
        assert.strictEqual(linesOf(h.stdout, vm), qemuOf(src, 1).stdout, `${what}: ${vm}`);
        assert.strictEqual(h.stats[vm].guestState, 'shutdown', `${what}: ${vm}`);
      }
    }
  });

  it('--vm paging= must name a mode, and --previrtualize refuses a VM that is not paravirtual', () => {
    const hello = path.join(GUESTS, 'hello/hello.s');
    const bad = hyperstep([hello, '--vm', `${hello},paging=bare`]);
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /--vm vm2: paging must be nested, shadow or paravirt \(got 'bare'\)/);
    const mixed = hyperstep(['--previrtualize', hello, '--vm', `${hello},paging=shadow`], 'paravirt');
    assert.strictEqual(mixed.status, 2);
    assert.match(mixed.stderr, /--previrtualize needs paravirt paging, but vm2 runs under shadow/);
  });

  it('a guest kernel that drops to U-mode with satp Bare: its user loads, stores and MMIO work in every paging mode', () => {
    // With vsatp Bare the VS stage is the identity for VU too; shadow paging once built no
    // user-accessible entry for it and spun on the same hidden fault forever.
    const src = path.join(tmp, 'user-bare.s');
    fs.writeFileSync(src, USER_BARE);
    const q = qemuOf(src, 1);
    assert.strictEqual(q.stdout, 'U\n85\n', 'QEMU: the U-mode store reached the UART, then the ecall came from U (cause 8)');
    for (const mode of ['nested', 'shadow', 'paravirt']) {
      const h = hyperstep([src, '--max-insns', '100000'], mode);
      assert.strictEqual(h.stdout, q.stdout, `${mode}: ${h.stderr}`);
      assert.strictEqual(h.status, q.status, mode);
    }
  });

  it('a failing guest: SRST for a system failure and the test finisher\'s code give QEMU\'s exit codes', () => {
    // Two small guests written here: exit codes other than 0 must come out the same way.
    const cases = [
      { name: 'srst-failure', body: 'li a0, 0\n  li a1, 1\n  li a7, 0x53525354\n  li a6, 0\n  ecall' },
      { name: 'finisher-code', body: 'li t0, 0x100000\n  li t1, (7 << 16) | 0x3333\n  sw t1, 0(t0)' },
    ];
    for (const k of cases) {
      const src = path.join(tmp, `${k.name}.s`);
      fs.writeFileSync(src, `  .text\n  .globl _start\n_start:\n  li a0, 'x'\n  li a7, 1\n  ecall\n  ${k.body}\n1:j 1b\n`);
      const q = qemuOf(src, 1);
      const h = hyperstep([src]);
      assert.strictEqual(q.stdout, 'x', k.name);
      assert.notStrictEqual(q.status, 0, k.name);
      assert.strictEqual(h.stdout, q.stdout, k.name);
      assert.strictEqual(h.status, q.status, `${k.name}: ${h.stderr}`);
    }
  });
});
