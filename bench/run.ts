/**
 * `npm run bench`: throughput of the engine beside QEMU on the same workload in the same run.
 * Throughput = retired instructions / wall seconds of the whole run (the workload's README).
 * Both sides are timed as whole processes; the engine's in-process figure is printed too.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Machine } from '../src/engine/machine/machine';
import { parseElf } from '../src/engine/loader/elf';
import { benchAssemble } from './assemble';
import { compareFigures } from './compare';
import { benchDapStep } from './dapStep';
import { exitRoundTripFigures, vmmGuestFigures } from './vmmGuest';
import { vsGuestCliArgs, vsGuestImage, vsGuestQemuArgs } from './vsGuest';

const ROOT = path.resolve(__dirname, '..', '..');
const WORKLOAD = process.env.HYPERSTEP_BENCH_ELF ?? path.resolve(ROOT, '..', 'shared', 'bench', 'cpu-1000.elf');
const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
const REPEAT = Number(process.env.HYPERSTEP_BENCH_REPEAT ?? 3);

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function repeatMedian(f: () => number): number { return median(Array.from({ length: REPEAT }, f)); }

function timeProcess(cmd: string, args: string[]): { seconds: number; stdout: string; status: number | null } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  return { seconds, stdout: r.stdout, status: r.status };
}

/**
 * Runs the workload in this process: bare metal, or as a VS-mode guest of bench/vs-guest/hyp.s
 * (`vsGuest`, which needs the H extension). `breakpoints` are set where nothing executes but on
 * the hot code's own page (cpu-*.elf keeps its stack there), the worst case for breakpoint cost.
 */
function inProcess(breakpoints = 0, opts: { hypervisor?: boolean; vsGuest?: boolean } = {}): { instructions: number; seconds: number; cpuSeconds: number; output: string } {
  const m = new Machine({ hypervisor: opts.hypervisor || opts.vsGuest });
  m.load(opts.vsGuest ? vsGuestImage(WORKLOAD) : parseElf(new Uint8Array(fs.readFileSync(WORKLOAD)), WORKLOAD));
  m.breakpoints.set(Array.from({ length: breakpoints }, (_, i) => 0x80000c00 + 2 * i));
  let output = '';
  m.on((e) => { if (e.kind === 'uart-tx') output += String.fromCharCode(e.byte); });
  const t0 = process.hrtime.bigint(), cpu0 = process.cpuUsage();
  const r = m.run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0), cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (r.kind !== 'exit' || r.code !== 0) throw new Error(`workload did not exit cleanly (a breakpoint was hit?): ${JSON.stringify(r)}`);
  return { instructions: m.instructions, seconds, cpuSeconds, output };
}

async function main(): Promise<void> {
  if (!fs.existsSync(WORKLOAD)) throw new Error(`workload not found: ${WORKLOAD}`);
  console.log(`workload: ${path.relative(process.cwd(), WORKLOAD)} (x${REPEAT}, median)`);
  const ins = inProcess(); // also warms nothing in the child processes: each is a fresh run
  const inSeconds = median([ins.seconds, ...Array.from({ length: REPEAT - 1 }, () => inProcess().seconds)]);
  const n = ins.instructions;
  const ours = Array.from({ length: REPEAT }, () => timeProcess(process.execPath, [CLI, 'run', WORKLOAD]));
  const qemu = Array.from({ length: REPEAT }, () => timeProcess('qemu-system-riscv32', ['-M', 'virt', '-bios', 'none', '-nographic', '-kernel', WORKLOAD]));
  const checksum = ins.output.split('\n')[0];
  for (const r of ours) if (!r.stdout.startsWith(checksum)) throw new Error(`hyperstep printed ${JSON.stringify(r.stdout)}`);
  for (const r of qemu) if (!r.stdout.startsWith(checksum)) throw new Error(`qemu printed ${JSON.stringify(r.stdout)}`);
  const oursS = median(ours.map((r) => r.seconds)), qemuS = median(qemu.map((r) => r.seconds));
  const mips = (s: number): string => (n / s / 1e6).toFixed(1).padStart(8);
  console.log(`retired instructions: ${n} (checksum ${checksum})`);
  console.log(`                          seconds     MIPS`);
  console.log(`hyperstep (in-process)   ${inSeconds.toFixed(3).padStart(7)} ${mips(inSeconds)}`);
  console.log(`hyperstep run (process)  ${oursS.toFixed(3).padStart(7)} ${mips(oursS)}`);
  console.log(`qemu-system-riscv32 TCG  ${qemuS.toFixed(3).padStart(7)} ${mips(qemuS)}`);
  console.log(`ratio hyperstep/qemu (whole process): ${(qemuS / oursS).toFixed(3)}`);
  const dap = await benchDapStep();
  for (const [name, f] of Object.entries(dap)) console.log(`DAP ${name} round trip: median ${f.median.toFixed(2)} ms, p90 ${f.p90.toFixed(2)} ms (target median < 10 ms)`);
  const asm = benchAssemble();
  console.log(`assembling a generated ${asm.lines}-line file: ${asm.ms.toFixed(1)} ms (target < 200 ms)`);
  // Interleaved with runs without breakpoints, on CPU time: this host's speed drifts between minutes.
  // The order alternates too: whichever runs second in a pair pays the first one's garbage.
  const pairs = Array.from({ length: REPEAT * 2 }, (_, i) => {
    if (i % 2) { const b = inProcess(100).cpuSeconds; return [inProcess(0).cpuSeconds, b]; }
    const a = inProcess(0).cpuSeconds; return [a, inProcess(100).cpuSeconds];
  });
  const none = median(pairs.map(([a]) => a)), bpSeconds = median(pairs.map(([, b]) => b));
  console.log(`100 breakpoints set, none hit: ${bpSeconds.toFixed(3)} cpu-s, ${mips(bpSeconds).trim()} MIPS, against ${none.toFixed(3)} cpu-s without ` +
    `(${((bpSeconds / none - 1) * 100).toFixed(1)}% slower; target <= 5%)`);
  vsGuestFigures(checksum, qemuS); // last: the other in-process figures are taken before the H paths run here
  vmmGuestFigures(WORKLOAD, checksum, REPEAT);
  exitRoundTripFigures();
  compareFigures();
}

/**
 * The same workload as a VS-mode guest under Sv32x4 (DESIGN.md section 7: >= 80% of bare
 * metal). Bare metal is measured again on a hart with H, alternating with the guest so both see
 * the same load, so the ratio is what being a guest costs. The ratio is also given on process
 * CPU time, which a busy machine disturbs less than wall time.
 */
function vsGuestFigures(checksum: string, qemuBareSeconds: number): void {
  const bare: ReturnType<typeof inProcess>[] = [], guest: ReturnType<typeof inProcess>[] = [];
  for (let i = 0; i < REPEAT; i++) { bare.push(inProcess(0, { hypervisor: true })); guest.push(inProcess(0, { vsGuest: true })); }
  if (guest[0].output.split('\n')[0] !== checksum) throw new Error(`the VS guest printed ${JSON.stringify(guest[0].output)}, bare metal ${checksum}`);
  const ours = Array.from({ length: REPEAT }, () => timeProcess(process.execPath, [CLI, ...vsGuestCliArgs(WORKLOAD)]));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-bench-'));
  let qemu: ReturnType<typeof timeProcess>[];
  try {
    const args = vsGuestQemuArgs(WORKLOAD, dir);
    qemu = Array.from({ length: REPEAT }, () => timeProcess('qemu-system-riscv32', args));
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  for (const r of [...ours, ...qemu]) if (!r.stdout.startsWith(checksum + '\n')) throw new Error(`the VS guest printed ${JSON.stringify(r.stdout)}`);
  // Each run's MIPS use its own retired count: the guest's adds the hypervisor's few thousand.
  const nBare = bare[0].instructions, nGuest = guest[0].instructions;
  const mipsOf = (n: number, s: number): string => (n / s / 1e6).toFixed(1).padStart(8);
  const wall = (rs: ReturnType<typeof inProcess>[]): number => median(rs.map((r) => r.seconds));
  const cpu = (rs: ReturnType<typeof inProcess>[]): number => median(rs.map((r) => r.cpuSeconds));
  const oursS = median(ours.map((r) => r.seconds)), qemuS = median(qemu.map((r) => r.seconds));
  console.log(`as a VS-mode guest (bench/vs-guest/hyp.s: Sv32x4, guest RAM at host 0x80400000), ${nGuest} instructions:`);
  console.log(`                                        seconds     MIPS  cpu-s  cpu-MIPS`);
  const row = (name: string, n: number, w: number, c?: number): void =>
    console.log(`${name.padEnd(39)} ${w.toFixed(3).padStart(7)} ${mipsOf(n, w)}${c === undefined ? '' : ` ${c.toFixed(3).padStart(6)} ${mipsOf(n, c)}`}`);
  row('hyperstep bare metal, H on (in-process)', nBare, wall(bare), cpu(bare));
  row('hyperstep VS guest (in-process)', nGuest, wall(guest), cpu(guest));
  row('hyperstep run VS guest (process)', nGuest, oursS);
  row('qemu-system-riscv32 TCG VS guest', nGuest, qemuS);
  const ratio = (b: number, g: number): string => ((b / nBare) / (g / nGuest) * 100).toFixed(1);
  console.log(`VS guest / bare metal, in-process MIPS: ${ratio(wall(bare), wall(guest))}% on wall time, ` +
    `${ratio(cpu(bare), cpu(guest))}% on CPU time (target >= 80%); QEMU, whole process: ${ratio(qemuBareSeconds, qemuS)}%`);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
