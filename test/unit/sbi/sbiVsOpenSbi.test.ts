import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSbiElf, runSbiProgram } from '../../support/sbiProgram';

/*
 * Differential check of the built-in SBI against the real OpenSBI: the same S-mode ELF (linked
 * at 0x80400000) runs under `qemu-system-riscv32 -M virt -bios default -kernel prog.elf`, where
 * QEMU loads OpenSBI's fw_dynamic and OpenSBI jumps to the kernel in S-mode, and on Hyperstep
 * with sbi: 'builtin'. Programs print a marker first, so OpenSBI's banner is cut off, and print
 * nothing that depends on the implementation (ids, versions, timing).
 *
 * QEMU needs opensbi-riscv32-generic-fw_dynamic.bin for that. Debian's qemu-system-data ships
 * only the riscv64 build (and Debian's opensbi package too), so on a stock Debian machine these
 * comparisons are skipped, with that reason in their names; HYPERSTEP_OPENSBI_RV32 may name a
 * firmware file to use instead.
 */

const QEMU_FIRMWARE_DIRS = ['/usr/share/qemu', '/usr/share/qemu-efi-riscv32', '/usr/lib/riscv32-linux-gnu/opensbi/generic'];
function findOpenSbi32(): string | undefined {
  const env = process.env.HYPERSTEP_OPENSBI_RV32;
  if (env && fs.existsSync(env)) return env;
  for (const d of QEMU_FIRMWARE_DIRS) {
    for (const f of ['opensbi-riscv32-generic-fw_dynamic.bin', 'fw_dynamic.bin']) {
      const p = path.join(d, f);
      if (fs.existsSync(p) && (f.startsWith('opensbi-riscv32') || d.includes('riscv32'))) return p;
    }
  }
  return undefined;
}
const FIRMWARE = findOpenSbi32();
const MARKER = '<<<';

const PROGRAMS: { name: string; harts: number; source: string; expected: string }[] = [
  {
    name: 'console: DBCN write, write_byte, legacy putchar and direct UART writes',
    harts: 1,
    expected: 'hello|!?\n',
    source: `
      .globl _start
    _start:
      la sp, stack_top
      la a0, marker
      call puts
      la a1, msg
      li a0, 5
      li a2, 0
      SBI EID_DBCN, 0
      li t0, 0x10000000
      li t1, '|'
      sb t1, 0(t0)
      li a0, '!'
      SBI EID_DBCN, 2
      li a0, '?'
      call putc
      li a0, '\\n'
      call putc
      call shutdown
    marker: .asciz "${MARKER}"
    msg: .ascii "hello"`,
  },
  {
    name: 'errors: unknown extension and function, bad SRST type, probe of legacy and unknown',
    harts: 1,
    expected: '-2 -2 -3 1 0\n',
    source: `
      .globl _start
    _start:
      la sp, stack_top
      la a0, marker
      call puts
      SBI 0x0abcdef0, 0
      call putdec
      li a0, ' '
      call putc
      SBI EID_TIME, 7
      call putdec
      li a0, ' '
      call putc
      li a0, 9
      li a1, 0
      SBI EID_SRST, 0
      call putdec
      li a0, ' '
      call putc
      li a0, 1
      SBI EID_BASE, 3
      mv a0, a1
      call putdec
      li a0, ' '
      call putc
      li a0, 0x0abcdef0
      SBI EID_BASE, 3
      mv a0, a1
      call putdec
      li a0, '\\n'
      call putc
      call shutdown
    marker: .asciz "${MARKER}"`,
  },
  {
    name: 'timer interrupt through set_timer, then HSM start of hart 1 with its opaque value',
    harts: 2,
    expected: 'T [1 0x5a5a] 0\n',
    source: `
      .globl _start
    _start:
      la sp, stack_top
      la a0, marker
      call puts
      la t0, on_trap
      csrw stvec, t0
      li t0, 0x20
      csrw sie, t0
      rdtime a0
      addi a0, a0, 1000
      li a1, 0
      SBI EID_TIME, 0
      csrsi sstatus, 2
    1:wfi
      beqz s1, 1b
      csrci sstatus, 2
      li a0, 'T'
      call putc
      li a0, 1
      la a1, second
      li a2, 0x5a5a
      SBI EID_HSM, 0
      mv s2, a0
      la t0, flag
    2:lw t1, 0(t0)
      beqz t1, 2b
      li a0, ' '
      call putc
      mv a0, s2
      call putdec
      li a0, '\\n'
      call putc
      call shutdown
      .align 2
    on_trap:
      li s1, 1
      li a0, -1
      li a1, -1
      SBI EID_TIME, 0
      sret
    second:
      la sp, stack1_top
      mv s0, a0
      mv s1, a1
      li a0, ' '
      call putc
      li a0, '['
      call putc
      mv a0, s0
      call putdec
      li a0, ' '
      call putc
      mv a0, s1
      call puthex
      li a0, ']'
      call putc
      la t0, flag
      li t1, 1
      sw t1, 0(t0)
      SBI EID_HSM, 1
    marker: .asciz "${MARKER}"
      .data
    flag: .word 0`,
  },
];

describe('built-in SBI vs OpenSBI on QEMU', function () {
  this.timeout(60000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-opensbi-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const p of PROGRAMS) {
    it(`Hyperstep: ${p.name}`, () => {
      const r = runSbiProgram(p.source, { harts: p.harts });
      assert.deepStrictEqual(r.stop, { kind: 'exit', code: 0 });
      assert.strictEqual(r.out, MARKER + p.expected);
    });

    const title = `OpenSBI gives the same output: ${p.name}`;
    if (!FIRMWARE) {
      it.skip(`${title} (skipped: no RV32 OpenSBI firmware; Debian ships only opensbi-riscv64-generic-fw_dynamic.bin)`);
      continue;
    }
    it(title, () => {
      const elf = buildSbiElf(p.source, dir, p.name.replace(/\W+/g, '_').slice(0, 40));
      const q = spawnSync('qemu-system-riscv32', [
        '-M', 'virt', '-smp', String(p.harts), '-m', '128M', '-nographic', '-bios', FIRMWARE!, '-kernel', elf,
      ], { encoding: 'latin1', timeout: 30000 });
      assert.strictEqual(q.status, 0, q.stderr);
      const at = q.stdout.indexOf(MARKER);
      assert.ok(at >= 0, `no marker in QEMU output:\n${q.stdout}`);
      assert.strictEqual(q.stdout.slice(at).replace(/\r\n/g, '\n'), MARKER + p.expected);
    });
  }
});
