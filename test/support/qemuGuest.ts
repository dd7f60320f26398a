import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { QEMU_CPU } from '../differential/qemuCpu';

/**
 * Guest kernels (S-mode, the SBI boot protocol) on QEMU 7.2, the oracle for Hyperstep's VMM.
 * QEMU's reset ROM jumps to the flash at 0x20000000 when a pflash drive is given (else to DRAM,
 * where the guest is), so examples/guests/sbi-shim runs from the flash as M-mode firmware and
 * the guest is the -kernel. Both are built with Debian's GNU as/ld.
 */

const ROOT = path.resolve(__dirname, '../../..');
export const SHIM_SOURCE = path.join(ROOT, 'examples/guests/sbi-shim/shim.s');
/** QEMU virt's flash bank 0: 32 MiB at 0x20000000; the drive must be exactly that size. */
const FLASH_BASE = 0x20000000, FLASH_SIZE = 32 << 20;
/** The shim keeps its state in the last 64 KiB of this much RAM. */
const QEMU_RAM = '128M';

const MARCH = 'rv32imac_zicsr_zifencei';

/** Assembles and links `src` with GNU as/ld at `base` (one RWX segment, _start the entry). */
export function gnuLink(src: string, dir: string, base: number): string {
  const name = path.basename(src).replace(/\.[sS]$/, '');
  const obj = path.join(dir, `${name}.o`), elf = path.join(dir, `${name}.elf`);
  execFileSync('riscv64-unknown-elf-as', [`-march=${MARCH}`, '-mabi=ilp32', src, '-o', obj], { stdio: 'pipe' });
  execFileSync('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '-N', '--no-warn-rwx-segments', `-Ttext=0x${base.toString(16)}`, '-e', '_start', obj, '-o', elf], { stdio: 'pipe' });
  return elf;
}

/** Builds the SBI shim into a flash image in `dir`; returns its path. */
export function buildShimFlash(dir: string): string {
  const elf = gnuLink(SHIM_SOURCE, dir, FLASH_BASE);
  const bin = path.join(dir, 'shim.bin');
  execFileSync('riscv64-unknown-elf-objcopy', ['-O', 'binary', elf, bin], { stdio: 'pipe' });
  const size = fs.statSync(bin).size;
  if (size > FLASH_SIZE) throw new Error(`the shim (${size} bytes) does not fit the flash`);
  fs.truncateSync(bin, FLASH_SIZE);
  return bin;
}

/** The ELF's entry and its lowest load address (QEMU 7.2 enters a -kernel ELF at the latter). */
export function elfEntryAndBase(elf: string): { entry: number; lowest: number } {
  const b = fs.readFileSync(elf);
  const entry = b.readUInt32LE(24), phoff = b.readUInt32LE(28), phentsize = b.readUInt16LE(42), phnum = b.readUInt16LE(44);
  let lowest = Infinity;
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (b.readUInt32LE(p) === 1 /* PT_LOAD */ && b.readUInt32LE(p + 20) > 0) lowest = Math.min(lowest, b.readUInt32LE(p + 12));
  }
  return { entry, lowest };
}

export interface QemuRun { status: number | null; signal: string | null; stdout: string; stderr: string }

/** Boots `guestElf` on QEMU virt with `harts` harts under the shim in `flash`. */
export function runGuestOnQemu(guestElf: string, flash: string, harts: number, timeoutMs = 20000): QemuRun {
  const r = spawnSync('qemu-system-riscv32', [
    '-M', 'virt', '-m', QEMU_RAM, '-cpu', QEMU_CPU, '-smp', String(harts), '-bios', 'none', '-nographic',
    '-drive', `if=pflash,unit=0,format=raw,readonly=on,file=${flash}`, '-kernel', guestElf,
  ], { input: '', encoding: 'latin1', timeout: timeoutMs });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
