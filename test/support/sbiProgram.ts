import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Machine, StopEvent } from '../../src/engine/machine/machine';
import { parseElf } from '../../src/engine/loader/elf';

/**
 * S-mode test programs for the built-in SBI, in GNU syntax, built with Debian's GNU as/ld (the
 * reference toolchain) and linked at 0x80400000, where OpenSBI's fw_dynamic jumps on RV32 QEMU
 * virt, so the same ELF runs under `qemu-system-riscv32 -M virt -kernel` with real OpenSBI.
 *
 * The program supplies `_start`; the library below adds:
 *   SBI eid, fid      macro: a7 = eid, a6 = fid, ecall
 *   putc  (a0)        legacy console_putchar (only a0 changes)
 *   puts  (a0)        NUL-terminated string through DBCN write_byte
 *   putdec (a0)       signed decimal
 *   puthex (a0)       0x... without leading zeros
 *   shutdown          SRST shutdown (exit code 0)
 * Library routines clobber t0-t6, a0-a1, a6-a7 and keep s0-s11 and ra's caller intact.
 */
export const SBI_BASE_ADDRESS = 0x80400000;

export const SBI_LIBRARY = `
  .macro SBI eid, fid
    li a7, \\eid
    li a6, \\fid
    ecall
  .endm
  .equ EID_BASE, 0x10
  .equ EID_TIME, 0x54494D45
  .equ EID_IPI, 0x735049
  .equ EID_RFENCE, 0x52464E43
  .equ EID_HSM, 0x48534D
  .equ EID_SRST, 0x53525354
  .equ EID_DBCN, 0x4442434E

  .text
putc:
  li a7, 1
  ecall
  ret

puts:
  mv t0, a0
1:lbu a0, 0(t0)
  beqz a0, 2f
  li a7, EID_DBCN
  li a6, 2
  ecall
  addi t0, t0, 1
  j 1b
2:ret

putdec:
  mv t5, ra
  mv t0, a0
  bgez t0, 1f
  li a0, '-'
  li a7, 1
  ecall
  neg t0, t0
1:addi sp, sp, -16
  mv t1, sp              # digits, least significant first
  li t2, 10
2:remu t3, t0, t2
  divu t0, t0, t2
  addi t3, t3, '0'
  sb t3, 0(t1)
  addi t1, t1, 1
  bnez t0, 2b
3:addi t1, t1, -1
  lbu a0, 0(t1)
  li a7, 1
  ecall
  bne t1, sp, 3b
  addi sp, sp, 16
  mv ra, t5
  ret

puthex:
  mv t0, a0
  li a0, '0'
  li a7, 1
  ecall
  li a0, 'x'
  ecall
  li t1, 28              # shift of the current digit
  li t2, 0               # a digit was printed
1:srl t3, t0, t1
  andi t3, t3, 15
  or t4, t3, t2
  bnez t4, 2f
  bnez t1, 4f            # skip leading zeros, but print the last digit
2:li t2, 1
  li t4, 10
  addi a0, t3, '0'
  blt t3, t4, 3f
  addi a0, t3, 'a' - 10
3:li a7, 1
  ecall
4:addi t1, t1, -4
  bgez t1, 1b
  ret

shutdown:
  li a0, 0
  li a1, 0
  SBI EID_SRST, 0
1:j 1b

  .bss
  .align 4
  .space 4096
stack_top:
  .space 4096
stack1_top:
  .text
`;

/** Assembles and links `source` (with the library) at 0x80400000; returns the ELF path. */
export function buildSbiElf(source: string, dir: string, name = 'prog'): string {
  const src = path.join(dir, `${name}.s`), obj = path.join(dir, `${name}.o`), elf = path.join(dir, `${name}.elf`);
  fs.writeFileSync(src, `${SBI_LIBRARY}\n${source}\n`);
  try {
    execFileSync('riscv64-unknown-elf-as', ['-march=rv32imac_zicsr_zifencei', '-mabi=ilp32', src, '-o', obj], { stdio: 'pipe' });
    execFileSync('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '-N', `-Ttext=0x${SBI_BASE_ADDRESS.toString(16)}`, '-e', '_start', obj, '-o', elf], { stdio: 'pipe' });
  } catch (e) {
    const err = e as { stderr?: Buffer };
    throw new Error(`GNU as/ld rejected the program:\n${err.stderr?.toString() ?? e}`);
  }
  return elf;
}

export interface SbiRun {
  out: string;
  stop: StopEvent;
  machine: Machine;
}

/** Builds and runs an S-mode program on a machine with the built-in SBI. */
export function runSbiProgram(source: string, opts: { harts?: number; input?: string; maxInsns?: number; setup?: (m: Machine) => void } = {}): SbiRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-sbi-'));
  try {
    const elf = buildSbiElf(source, dir);
    const m = new Machine({ memory: 16 << 20, harts: opts.harts ?? 1, sbi: 'builtin' });
    m.load(parseElf(new Uint8Array(fs.readFileSync(elf)), elf));
    let out = '';
    m.on((e) => { if (e.kind === 'uart-tx') out += String.fromCharCode(e.byte); });
    opts.setup?.(m);
    if (opts.input) m.sendInput(Buffer.from(opts.input));
    const stop = m.run(opts.maxInsns ?? 2_000_000);
    return { out, stop, machine: m };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
