import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Assembles a snippet with Debian's GNU as (the reference assembler) and returns the bytes of
 * its linked .text section (placed at `base`). Tests use it to build programs without depending on our own assembler.
 */
export function gnuAssemble(source: string, march = 'rv32imac_zicsr_zifencei', base = 0x80000000): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-as-'));
  try {
    const src = path.join(dir, 'a.s'), obj = path.join(dir, 'a.o'), elf = path.join(dir, 'a.elf'), bin = path.join(dir, 'a.bin');
    fs.writeFileSync(src, source + '\n');
    try {
      execFileSync('riscv64-unknown-elf-as', [`-march=${march}`, '-mabi=ilp32', '-mno-relax', src, '-o', obj], { stdio: 'pipe' });
      // Link so relocations (la, call, %pcrel) resolve for a program placed at `base`.
      execFileSync('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '--no-relax', `-Ttext=0x${base.toString(16)}`, '-e', `0x${base.toString(16)}`, obj, '-o', elf], { stdio: 'pipe' });
      execFileSync('riscv64-unknown-elf-objcopy', ['-O', 'binary', '-j', '.text', elf, bin], { stdio: 'pipe' });
    } catch (e) {
      const err = e as { code?: string; stderr?: Buffer };
      if (err.code === 'ENOENT') throw new Error('riscv64-unknown-elf-as not found: install binutils-riscv64-unknown-elf (npm test does this)');
      throw new Error(`GNU as rejected the snippet:\n${err.stderr?.toString() ?? e}`);
    }
    return new Uint8Array(fs.readFileSync(bin));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether a command exists (for messages, never to skip a test). */
export function haveTool(name: string): boolean {
  try { execFileSync('which', [name], { stdio: 'pipe' }); return true; } catch { return false; }
}

/** Assembles and links `source` into an ELF executable at 0x80000000; returns its path. */
export function gnuBuildElf(source: string, dir: string, name = 'prog', march = 'rv32imac_zicsr_zifencei'): string {
  const src = path.join(dir, `${name}.s`), obj = path.join(dir, `${name}.o`), elf = path.join(dir, `${name}.elf`);
  fs.writeFileSync(src, source + '\n');
  execFileSync('riscv64-unknown-elf-as', [`-march=${march}`, '-mabi=ilp32', '-mno-relax', src, '-o', obj], { stdio: 'pipe' });
  execFileSync('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '--no-relax', '-N', '-Ttext=0x80000000', obj, '-o', elf], { stdio: 'pipe' });
  return elf;
}
