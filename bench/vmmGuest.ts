/**
 * The built-in VMM in `npm run bench` (DESIGN.md section 7):
 * - the workload as a guest kernel under nested paging (target >= 80% of bare metal), and under
 *   shadow and paravirtual paging (the kernel deprivileged in U-mode; target >= 70%);
 * - the cost of an exit round trip (an SBI call): the VMM's modeled host instructions and its
 *   wall time per exit, beside what a real hypervisor in assembly needs for the same round trip
 *   (examples/mini-hypervisor, counted on Hyperstep, timed on Hyperstep and QEMU).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemble, formatDiagnostic, referenceLinkerScript } from '../src/engine/asm';
import { ElfImage, parseElf } from '../src/engine/loader/elf';
import { combineImages } from '../src/engine/loader/imageSet';
import { Machine } from '../src/engine/machine/machine';
import { createVmmMachine } from '../src/engine/vmm';

const ROOT = path.resolve(__dirname, '..', '..');
const SHIM = path.join(ROOT, 'bench', 'vmm-guest', 'shim.s');
const MINI = path.join(ROOT, 'examples', 'mini-hypervisor');
/** Where the shim sits in guest RAM, far from the workload at 0x80000000. */
const SHIM_BASE = 0x80f00000;

function assembleFiles(files: string[], textBase?: number): ElfImage {
  const r = assemble(files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') })), { textBase });
  if (!r.image) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.image;
}

/** The workload plus the shim (which gives the entry): one guest kernel image. */
export function vmmGuestImage(workload: string): ElfImage {
  const shim = assembleFiles([SHIM], SHIM_BASE);
  return combineImages([{ image: shim, name: SHIM }, { image: parseElf(new Uint8Array(fs.readFileSync(workload)), workload), name: workload }]);
}

interface Timed { seconds: number; cpuSeconds: number; instructions: number; output: string }

function timed(m: Machine, output: () => string): Timed {
  const t0 = process.hrtime.bigint(), cpu0 = process.cpuUsage();
  const r = m.run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  if (r.kind !== 'exit' || r.code !== 0) throw new Error(`run did not exit cleanly: ${JSON.stringify(r)}`);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, instructions: m.instructions, output: output() };
}

function bareRun(workload: string): Timed {
  const m = new Machine();
  m.load(parseElf(new Uint8Array(fs.readFileSync(workload)), workload));
  let out = '';
  m.on((e) => { if (e.kind === 'uart-tx') out += String.fromCharCode(e.byte); });
  return timed(m, () => out);
}

type Paging = 'nested' | 'shadow' | 'paravirt';

function guestRun(image: ElfImage, paging: Paging = 'nested'): Timed & { exits: number } {
  const { machine, vmm } = createVmmMachine([{ name: 'vm1', image, memory: 64 << 20, vcpus: 1, paging, mapping: 'lazy' }]);
  let out = '';
  machine.on((e) => { if (e.kind === 'uart-tx') out += String.fromCharCode(e.byte); });
  const t = timed(machine, () => out);
  const c = vmm.log.countsFor();
  return { ...t, exits: Object.values(c).reduce((s, n) => s + n, 0) - c['interrupt-injection'] };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** cpu-N.elf under each paging mode, alternating with bare metal so all see the same load. */
export function vmmGuestFigures(workload: string, checksum: string, repeat: number): void {
  const image = vmmGuestImage(workload);
  const modes: [Paging, number][] = [['nested', 80], ['shadow', 70], ['paravirt', 70]];
  const bare: Timed[] = [], guest = new Map<Paging, (Timed & { exits: number })[]>(modes.map(([m]) => [m, []]));
  for (let i = 0; i < repeat; i++) {
    bare.push(bareRun(workload));
    for (const [m] of modes) guest.get(m)!.push(guestRun(image, m));
  }
  for (const [m] of modes) {
    const out = guest.get(m)![0].output.split('\n')[0];
    if (out !== checksum) throw new Error(`the ${m} VMM guest printed ${JSON.stringify(guest.get(m)![0].output)}, bare metal ${checksum}`);
  }
  const mips = (n: number, s: number): string => (n / s / 1e6).toFixed(1).padStart(8);
  const w = (xs: Timed[]): number => median(xs.map((x) => x.seconds)), c = (xs: Timed[]): number => median(xs.map((x) => x.cpuSeconds));
  const nb = bare[0].instructions;
  console.log(`under the built-in VMM (lazy mapping), ${guest.get('nested')![0].instructions} guest instructions:`);
  console.log(`                                        seconds     MIPS  cpu-s  cpu-MIPS  exits`);
  console.log(`${'hyperstep bare metal (in-process)'.padEnd(39)} ${w(bare).toFixed(3).padStart(7)} ${mips(nb, w(bare))} ${c(bare).toFixed(3).padStart(6)} ${mips(nb, c(bare))}`);
  for (const [m] of modes) {
    const g = guest.get(m)!, ng = g[0].instructions;
    console.log(`${`hyperstep VMM guest, ${m} (in-process)`.padEnd(39)} ${w(g).toFixed(3).padStart(7)} ${mips(ng, w(g))} ${c(g).toFixed(3).padStart(6)} ${mips(ng, c(g))} ${String(g[0].exits).padStart(6)}`);
  }
  for (const [m, target] of modes) {
    const g = guest.get(m)!, ng = g[0].instructions;
    const ratio = (b: number, x: number): string => ((ng / x) / (nb / b) * 100).toFixed(1);
    console.log(`VMM guest (${m}) / bare metal, MIPS: ${ratio(w(bare), w(g))}% on wall time, ${ratio(c(bare), c(g))}% on CPU time (target >= ${target}%)`);
  }
}

/** A guest that makes `n` SBI calls (sbi_get_spec_version) in a loop, then shuts down. */
function sbiLoopSource(n: number): string {
  return `
  .globl _start
_start:
  li s0, ${n}
1:li a7, 0x10
  li a6, 0
  ecall
  addi s0, s0, -1
  bnez s0, 1b
  li a7, 0x53525354
  li a6, 0
  li a0, 0
  li a1, 0
  ecall
2:j 2b
`;
}

/** Guest instructions per loop iteration of sbiLoopSource. */
const LOOP_INSNS = 5;

function sbiLoopImage(n: number, dir: string, textBase?: number): ElfImage {
  const f = path.join(dir, `sbi-loop-${n}.s`);
  fs.writeFileSync(f, sbiLoopSource(n));
  return assembleFiles([f], textBase);
}

/** The mini-hypervisor running `guest` (moved to host 0x80200000), on Hyperstep: instructions and seconds. */
function miniRun(guest: ElfImage): { instructions: number; seconds: number } {
  const hyp = assembleFiles([path.join(MINI, 'hyp.s'), path.join(MINI, 'firmware.s')]);
  const m = new Machine();
  m.load(combineImages([{ image: hyp, name: 'hyp' }, { image: guest, load: 0x80200000, name: 'guest' }]));
  const t0 = process.hrtime.bigint();
  const r = m.run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.kind !== 'exit') throw new Error(`mini-hypervisor run: ${JSON.stringify(r)}`);
  return { instructions: m.instructions, seconds };
}

/** The same on QEMU (GNU-built hypervisor, the guest as a raw image): seconds of the whole process. */
function miniQemuSeconds(n: number, dir: string): number {
  const march = '-march=rv32imac_zicsr_zifencei_h';
  const script = path.join(dir, 'link.ld');
  fs.writeFileSync(script, referenceLinkerScript());
  const objs = ['hyp.s', 'firmware.s'].map((f) => {
    const o = path.join(dir, f.replace('.s', '.o'));
    execFileSync('riscv64-unknown-elf-as', [march, '-mabi=ilp32', '-mno-relax', path.join(MINI, f), '-o', o], { stdio: 'pipe' });
    return o;
  });
  const hypElf = path.join(dir, 'hyp.elf');
  execFileSync('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '--no-relax', '--no-warn-rwx-segments', '-T', script, ...objs, '-o', hypElf], { stdio: 'pipe' });
  const src = path.join(dir, `sbi-loop-${n}.s`), gobj = path.join(dir, `g${n}.o`), gelf = path.join(dir, `g${n}.elf`), gbin = path.join(dir, `g${n}.bin`);
  execFileSync('riscv64-unknown-elf-as', [march, '-mabi=ilp32', src, '-o', gobj], { stdio: 'pipe' });
  execFileSync('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '-Ttext=0x80000000', gobj, '-o', gelf], { stdio: 'pipe' });
  execFileSync('riscv64-unknown-elf-objcopy', ['-O', 'binary', gelf, gbin], { stdio: 'pipe' });
  const t0 = process.hrtime.bigint();
  const r = spawnSync('qemu-system-riscv32', ['-M', 'virt', '-bios', 'none', '-nographic', '-kernel', hypElf, '-device', `loader,file=${gbin},addr=0x80200000`], { stdio: 'pipe', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`QEMU mini-hypervisor run exited ${r.status}: ${r.stdout}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * An exit round trip: differences between runs of N and 2N SBI calls cancel boot and shutdown.
 * Host instructions per exit: the VMM's model, and the mini-hypervisor's real count (all
 * instructions per loop iteration minus the guest's own).
 */
export function exitRoundTripFigures(): void {
  const n = 100_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-bench-exit-'));
  try {
    const small = sbiLoopImage(n, dir), large = sbiLoopImage(2 * n, dir);
    // The fastest of 3 runs each: a difference of two short runs magnifies this host's jitter.
    const best = <T extends { seconds: number }>(run: () => T): T => [run(), run(), run()].reduce((x, y) => (y.seconds < x.seconds ? y : x));
    const a = best(() => guestRun(small)), b = best(() => guestRun(large));
    const { vmm } = (() => {
      const r = createVmmMachine([{ name: 'vm1', image: small, memory: 16 << 20, vcpus: 1, paging: 'nested', mapping: 'lazy' }]);
      r.machine.run();
      return r;
    })();
    const sbiRecords = vmm.log.recent().filter((r) => r.reason === 'sbi');
    const modeled = sbiRecords.length ? sbiRecords[Math.floor(sbiRecords.length / 2)].cost : 0;
    const vmmUs = (b.seconds - a.seconds) / n * 1e6;
    const ma = best(() => miniRun(small)), mb = best(() => miniRun(large));
    const miniInsns = (mb.instructions - ma.instructions) / n - LOOP_INSNS;
    const miniUs = (mb.seconds - ma.seconds) / n * 1e6;
    const qa = Math.min(...[0, 1, 2].map(() => miniQemuSeconds(n, dir))), qb = Math.min(...[0, 1, 2].map(() => miniQemuSeconds(2 * n, dir)));
    const qemuUs = (qb - qa) / n * 1e6;
    console.log(`VM exit round trip (an SBI call, sbi_get_spec_version), from runs of ${n} and ${2 * n} calls:`);
    console.log(`  built-in VMM:     ${modeled} modeled host instructions per exit (see src/engine/vmm/costModel.ts), ${vmmUs.toFixed(2)} us wall per exit`);
    console.log(`  mini-hypervisor:  ${miniInsns.toFixed(1)} host instructions per exit (HS + M, counted), ${miniUs.toFixed(2)} us wall on hyperstep, ${qemuUs.toFixed(2)} us on QEMU TCG`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
