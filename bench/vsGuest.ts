/**
 * The workload as a VS-mode guest: bench/vs-guest/hyp.s sets up an Sv32x4 G stage in M-mode and
 * enters cpu-N.elf (linked at 0x80000000) in VS-mode, with guest RAM at host 0x80400000. Nothing
 * exits but the workload's final `csrr minstret`, so the figure is what two-stage translation
 * costs. Hyperstep assembles hyp.s itself; QEMU gets it built with GNU as/ld and the guest as a
 * raw image at its host address (`-device loader`), as the mini-hypervisor example does.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { assemble, formatDiagnostic, referenceLinkerScript } from '../src/engine/asm';
import { ElfImage, parseElf } from '../src/engine/loader/elf';
import { combineImages } from '../src/engine/loader/imageSet';

export const GUEST_LOAD = 0x80400000;
export const HYP_SOURCE = path.resolve(__dirname, '..', '..', 'bench', 'vs-guest', 'hyp.s');

/** hyp.s (assembled by Hyperstep) plus the workload moved to GUEST_LOAD: one boot image. */
export function vsGuestImage(workload: string): ElfImage {
  const r = assemble([{ path: HYP_SOURCE, text: fs.readFileSync(HYP_SOURCE, 'utf8') }]);
  if (!r.image) throw new Error(`${HYP_SOURCE}:\n${r.diagnostics.map(formatDiagnostic).join('\n')}`);
  const guest = parseElf(new Uint8Array(fs.readFileSync(workload)), workload);
  return combineImages([{ image: r.image, name: HYP_SOURCE }, { image: guest, load: GUEST_LOAD, name: workload }]);
}

/** `hyperstep run` arguments for the same thing. */
export function vsGuestCliArgs(workload: string): string[] {
  return ['run', HYP_SOURCE, '--image', `${workload}@0x${GUEST_LOAD.toString(16)}`];
}

/** Builds hyp.elf (GNU as/ld) and the guest's raw image in `dir`; returns QEMU's arguments. */
export function vsGuestQemuArgs(workload: string, dir: string): string[] {
  const march = '-march=rv32imac_zicsr_zifencei_h';
  const obj = path.join(dir, 'hyp.o'), elf = path.join(dir, 'hyp.elf'), script = path.join(dir, 'link.ld');
  const bin = path.join(dir, 'guest.bin');
  fs.writeFileSync(script, referenceLinkerScript());
  execFileSync('riscv64-unknown-elf-as', [march, '-mabi=ilp32', '-mno-relax', HYP_SOURCE, '-o', obj], { stdio: 'pipe' });
  execFileSync('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '--no-relax', '--no-warn-rwx-segments', '-T', script, obj, '-o', elf], { stdio: 'pipe' });
  execFileSync('riscv64-unknown-elf-objcopy', ['-O', 'binary', workload, bin], { stdio: 'pipe' });
  return ['-M', 'virt', '-bios', 'none', '-nographic', '-kernel', elf, '-device', `loader,file=${bin},addr=0x${GUEST_LOAD.toString(16)}`];
}
