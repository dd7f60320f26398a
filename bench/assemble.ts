/**
 * Assembler throughput: a generated 10,000-line program (instructions of every common kind,
 * pseudo-instructions, labels and branches that need relaxation, data) assembled and linked.
 * Target (DESIGN.md section 7): under 200 ms. A benchmark, not a test: it reports a figure.
 */
import { assemble } from '../src/engine/asm';

/** A deterministic 10,000-line program. */
export function generateProgram(lines = 10_000): string {
  let seed = 7;
  const rnd = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
  const regs = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 's0', 's1', 's2', 's3', 't0', 't1', 't2', 'ra', 'sp'];
  const out: string[] = ['    .text', '    .globl _start', '_start:'];
  const instructions = lines - 30;
  const labels = Math.ceil(instructions / 8);
  for (let i = 0; i < instructions; i++) {
    if (i % 8 === 0) { out.push(`L${i / 8}:`); continue; }
    const r1 = regs[rnd(regs.length)], r2 = regs[rnd(regs.length)], r3 = regs[rnd(regs.length)];
    const target = `L${Math.min(labels - 1, Math.max(0, Math.floor(i / 8) + rnd(40) - 20))}`;
    switch (rnd(14)) {
      case 0: out.push(`    addi  ${r1}, ${r2}, ${rnd(4096) - 2048}`); break;
      case 1: out.push(`    add   ${r1}, ${r2}, ${r3}`); break;
      case 2: out.push(`    lw    ${r1}, ${rnd(64) * 4}(${r2})`); break;
      case 3: out.push(`    sw    ${r1}, ${rnd(64) * 4}(${r2})`); break;
      case 4: out.push(`    beqz  ${r1}, ${target}`); break;
      case 5: out.push(`    bne   ${r1}, ${r2}, ${target}`); break;
      case 6: out.push(`    j     ${target}`); break;
      case 7: out.push(`    li    ${r1}, ${rnd(1 << 20) - (1 << 19)}`); break;
      case 8: out.push(`    la    ${r1}, table + ${rnd(64) * 4}`); break;
      case 9: out.push(`    call  ${target}`); break;
      case 10: out.push(`    csrr  ${r1}, mstatus`); break;
      case 11: out.push(`    slli  ${r1}, ${r1}, ${rnd(32)}`); break;
      case 12: out.push(`    mv    ${r1}, ${r2}       # a comment`); break;
      default: out.push(`    xor   ${r1}, ${r1}, ${r2}`); break;
    }
  }
  out.push('    ret', '    .data', '    .balign 4', 'table:');
  while (out.length < lines) out.push(`    .word ${rnd(1 << 30)}, ${rnd(100)}`);
  return out.join('\n') + '\n';
}

/** Median time of assembling and linking the program, after warm-up runs (steady state, as in an editor session). */
export function benchAssemble(): { lines: number; ms: number } {
  const text = generateProgram();
  const lines = text.split('\n').length - 1;
  for (let i = 0; i < 3; i++) assemble([{ path: 'bench.s', text }]);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const r = assemble([{ path: 'bench.s', text }]);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length || !r.elf) throw new Error(`benchmark program did not assemble: ${errors[0]?.message}`);
  }
  times.sort((a, b) => a - b);
  return { lines, ms: times[2] };
}

if (require.main === module) {
  const { lines, ms } = benchAssemble();
  process.stdout.write(`assemble ${lines} lines: ${ms.toFixed(1)} ms (target < 200 ms)\n`);
}
