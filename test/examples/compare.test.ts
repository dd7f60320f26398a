import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemble } from '../../src/engine/asm';
import type { CompareReport } from '../../src/cli/compareCommand';
import type { ModeResult } from '../../src/engine/vmm/modeComparison';
import { buildShimFlash, gnuLink, runGuestOnQemu } from '../support/qemuGuest';

/*
 * examples/compare: the workloads behind docs/COMPARE.md, run with `hyperstep compare --json`
 * at small sizes. Each must print the same thing in every mode and on QEMU 7.2 (the oracle for
 * what the guest computes: built with GNU as/ld, booted under examples/guests/sbi-shim), and the
 * cost relations the course notes claim must hold. Expected exit counts are derived from the
 * guests' code (named in each test), not taken from a run.
 */

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/src/cli/main.js');
const DIR = path.join(ROOT, 'examples/compare');

/** The guest's own timing lines ("... ns per ..."): they differ between modes by design. */
const untimed = (s: string): string => s.split('\n').filter((l) => !/ ns per /.test(l)).join('\n');
/** The number before " ns per" on the line starting with `label`. */
function nsPer(output: string, label: string): number {
  const m = new RegExp(`^${label}: (\\d+) ns per`, 'm').exec(output);
  assert.ok(m, `no '${label}' timing in:\n${output}`);
  return Number(m[1]);
}

/** `source` with some of its `.equ NAME, value` lines changed (the sizes), written to `dir`. */
function sized(source: string, dir: string, equs: Record<string, number | string>): string {
  let text = fs.readFileSync(path.join(DIR, source), 'utf8');
  for (const [name, value] of Object.entries(equs)) {
    const re = new RegExp(`^(\\s*\\.equ ${name}, )\\S+`, 'm');
    assert.match(text, re, `${source} has no .equ ${name}`);
    text = text.replace(re, `$1${value}`);
  }
  const file = path.join(dir, source);
  fs.writeFileSync(file, text);
  return file;
}

function compare(file: string, modes: string): CompareReport {
  const r = spawnSync(process.execPath, [CLI, 'compare', file, '--modes', modes, '--json'], { encoding: 'utf8', timeout: 120000 });
  assert.ok(r.stdout.startsWith('{'), `hyperstep compare printed no JSON (status ${r.status}):\n${r.stderr}`);
  const report = JSON.parse(r.stdout) as CompareReport;
  for (const m of report.modes) assert.strictEqual(m.exitCode, 0, `${m.mode}: exit code ${m.exitCode} (${m.problem ?? ''})\n${m.output}`);
  return report;
}

const mode = (r: CompareReport, name: string): ModeResult => {
  const m = r.modes.find((x) => x.mode === name);
  assert.ok(m, `no ${name} in the report`);
  return m;
};
const refsPerWalk = (m: ModeResult): number => m.walkReferences / m.tlbMisses;

describe('examples/compare: the comparison workloads', function () {
  this.timeout(180000);
  let tmp: string;
  let flash: string;
  const qemuOutput = (file: string): string => {
    const dir = fs.mkdtempSync(path.join(tmp, 'qemu-'));
    const q = runGuestOnQemu(gnuLink(file, dir, 0x80000000), flash, 1, 60000);
    assert.strictEqual(q.signal, null, `QEMU did not finish: ${q.stdout}`);
    assert.strictEqual(q.status, 0, q.stdout);
    return q.stdout;
  };

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-compare-'));
    flash = buildShimFlash(tmp);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('every workload assembles without a diagnostic, and the folder has its README', () => {
    const sources = fs.readdirSync(DIR).filter((f) => f.endsWith('.s')).sort();
    assert.deepStrictEqual(sources, ['pt-update.s', 'syscall-ctxsw-pv.s', 'syscall-ctxsw.s', 'tlb-miss.s']);
    for (const s of sources) {
      const r = assemble([{ path: s, text: fs.readFileSync(path.join(DIR, s), 'utf8') }]);
      assert.deepStrictEqual(r.diagnostics.map((d) => d.message), [], s);
      const p = assemble([{ path: s, text: fs.readFileSync(path.join(DIR, s), 'utf8') }], { previrtualize: true });
      assert.deepStrictEqual(p.diagnostics.map((d) => d.message), [], `${s} previrtualized`);
    }
    assert.ok(fs.existsSync(path.join(DIR, 'README.md')));
  });

  describe('pt-update (ITERS 4, PAGES 8)', () => {
    const ITERS = 4, PAGES = 8;
    let r: CompareReport;
    let file: string;
    before(() => {
      file = sized('pt-update.s', fs.mkdtempSync(path.join(tmp, 'pt-')), { ITERS, PAGES });
      r = compare(file, 'bare,nested,shadow,paravirt,previrt');
    });

    it('prints the same in every mode as on QEMU', () => {
      assert.ok(r.sameOutput);
      assert.strictEqual(r.modes[0].output, qemuOutput(file));
      assert.match(r.modes[0].output, new RegExp(`address spaces: ${ITERS}, pages each: ${PAGES}, checksum: \\d+\\n$`));
    });

    it('shadow paging traps every PTE store once the tables are known, and refills; nested traps none', () => {
      const nested = mode(r, 'nested'), shadow = mode(r, 'shadow');
      assert.strictEqual(nested.exits['pt-write'], 0);
      assert.strictEqual(nested.exits['hidden-fault'], 0);
      // Iteration 1 builds its tables before any shadow has walked them (plain stores); every later
      // build and every teardown writes PAGES + 2 PTEs into known tables (LIFO frames: same pages).
      assert.strictEqual(shadow.exits['pt-write'], (2 * ITERS - 1) * (PAGES + 2));
      assert.strictEqual(mode(r, 'paravirt').exits['pt-write'], (2 * ITERS - 1) * (PAGES + 2));
      // Each iteration's fences empty the shadows: at least its PAGES data pages fill again.
      assert.ok(shadow.exits['hidden-fault'] >= ITERS * PAGES, String(shadow.exits['hidden-fault']));
      // 2 satp writes and 3 sfence.vma per iteration; scounteren, satp and sfence.vma at boot.
      assert.strictEqual(shadow.exits['privileged-instruction'], 5 * ITERS + 3);
    });

    it('costs shadow paging several times the VMM work and more guest time than nested paging', () => {
      const nested = mode(r, 'nested'), shadow = mode(r, 'shadow');
      assert.ok(shadow.vmmInstructions > 5 * nested.vmmInstructions, `${shadow.vmmInstructions} vs ${nested.vmmInstructions}`);
      assert.ok(shadow.ticks > 2 * nested.ticks, `${shadow.ticks} vs ${nested.ticks}`);
      assert.ok(nested.ticks > mode(r, 'bare').ticks);
    });
  });

  describe('tlb-miss (PAGES 2048, PASSES 8)', () => {
    let r: CompareReport;
    let file: string;
    before(() => {
      file = sized('tlb-miss.s', fs.mkdtempSync(path.join(tmp, 'tlb-')), { PASSES: 8 });
      r = compare(file, 'bare,nested,shadow,paravirt');
    });

    it('prints the same in every mode as on QEMU', () => {
      assert.ok(r.sameOutput);
      assert.strictEqual(r.modes[0].output, qemuOutput(file));
    });

    it('misses the TLB on every access, with no page-table changes after boot', () => {
      // 9 sweeps of 2048 pages; a direct-mapped TLB of 1024 (or 512) entries keeps none of them.
      for (const m of r.modes) assert.ok(m.tlbMisses >= 9 * 2048, `${m.mode}: ${m.tlbMisses}`);
      assert.strictEqual(mode(r, 'shadow').exits['pt-write'], 0);
    });

    it('nested paging walks 2-D: 8 references per walk against at most 2 for one stage', () => {
      // Sv32 over Sv32x4 with no G-stage cache help: (2 + 1) x (2 + 1) - 1 = 8.
      assert.ok(refsPerWalk(mode(r, 'nested')) > 7.9, String(refsPerWalk(mode(r, 'nested'))));
      for (const m of ['bare', 'shadow', 'paravirt']) assert.ok(refsPerWalk(mode(r, m)) <= 2, `${m}: ${refsPerWalk(mode(r, m))}`);
    });

    it('with walk references charged, nested paging takes longer than shadow paging', () => {
      const nested = mode(r, 'nested'), shadow = mode(r, 'shadow');
      assert.ok(nested.walkTicks > 3 * shadow.walkTicks);
      assert.ok(nested.ticks + nested.walkTicks > shadow.ticks + shadow.walkTicks,
        `${nested.ticks} + ${nested.walkTicks} vs ${shadow.ticks} + ${shadow.walkTicks}`);
    });

    it('with the tables in adjacent frames the G-stage cache keeps them: fewer references', () => {
      const adjacent = sized('tlb-miss.s', fs.mkdtempSync(path.join(tmp, 'tlb-adj-')), { PASSES: 8, TABLE_STRIDE: '0x1000' });
      const n = refsPerWalk(mode(compare(adjacent, 'nested'), 'nested'));
      assert.ok(n > 3 && n < 5, String(n));
    });
  });

  describe('syscall-ctxsw (NSYS 50, NSW 20) and its hand-paravirtualized variant', () => {
    const NSYS = 50, NSW = 20;
    let r: CompareReport, pv: ModeResult, file: string;
    before(() => {
      const dir = fs.mkdtempSync(path.join(tmp, 'sys-'));
      file = sized('syscall-ctxsw.s', dir, { NSYS, NSW });
      r = compare(file, 'bare,nested,shadow,previrt');
      pv = mode(compare(sized('syscall-ctxsw-pv.s', dir, { NSYS, NSW }), 'paravirt'), 'paravirt');
    });

    it('prints the same in every mode, by hand-PV and on QEMU, but for its own timing lines', () => {
      const expected = untimed(qemuOutput(file));
      assert.match(expected, new RegExp(`null system calls: ${NSYS}, context switches: ${2 * NSW}, B resumed ${NSW - 1} times`));
      for (const m of [...r.modes, pv]) assert.strictEqual(untimed(m.output), expected, m.mode);
    });

    it('under full virtualization every privileged instruction of the kernel exits', () => {
      const shadow = mode(r, 'shadow'), nested = mode(r, 'nested');
      const traps = NSYS + 2 * NSW + 3; // null calls, both processes' yields, 2 reports, exit
      // boot 8; first return 3 (sepc, sscratch, sret); per trap 4 on entry (sscratch swap and read,
      // sepc, scause) and 3 on return; a yield adds 4 (two masks, satp, sfence.vma); exit returns not.
      assert.strictEqual(shadow.exits['privileged-instruction'], 8 + 3 + 7 * (traps - 1) + 4 + 4 * 2 * NSW);
      assert.strictEqual(shadow.exits.exception, traps); // each user ecall is reflected into the kernel
      assert.strictEqual(nested.exits['privileged-instruction'] + nested.exits.exception + nested.exits['virtual-instruction'], 0);
    });

    it('previrtualized: the same exits as full virtualization\'s privileged instructions; hand PV: fewer', () => {
      const shadow = mode(r, 'shadow'), previrt = mode(r, 'previrt');
      assert.strictEqual(previrt.exits.hypercall + previrt.exits['privileged-instruction'], shadow.exits['privileged-instruction']);
      // Left native: the two sp sites, csrrw sp, sscratch, sp on entry and csrw sscratch, sp on return.
      assert.strictEqual(previrt.exits['privileged-instruction'], 2 * (NSYS + 2 * NSW + 3));
      assert.ok(pv.totalExits < previrt.totalExits / 2, `${pv.totalExits} vs ${previrt.totalExits}`);
      assert.strictEqual(pv.exits['privileged-instruction'], 0);
    });

    it('times a system call as bare < hand PV < previrt < full virtualization, a switch as bare < hand PV < both', () => {
      const t = (m: ModeResult, what: string): number => nsPer(m.output, what);
      const [bare, previrt, shadow] = ['bare', 'previrt', 'shadow'].map((n) => mode(r, n));
      assert.ok(t(bare, 'syscall') < t(pv, 'syscall'));
      assert.ok(t(pv, 'syscall') < t(previrt, 'syscall'));
      assert.ok(t(previrt, 'syscall') < t(shadow, 'syscall'));
      assert.ok(t(bare, 'ctxsw') < t(pv, 'ctxsw'));
      assert.ok(t(pv, 'ctxsw') < t(previrt, 'ctxsw') && t(pv, 'ctxsw') < t(shadow, 'ctxsw'));
      // Nested paging runs the kernel's system calls without exits: within 10% of bare.
      assert.ok(t(mode(r, 'nested'), 'syscall') <= 1.1 * t(bare, 'syscall'));
    });

    it('the hand-PV kernel says so and fails where the PV extension is absent', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'nopv-'));
      const rr = spawnSync(process.execPath, [CLI, 'compare', sized('syscall-ctxsw-pv.s', dir, { NSYS, NSW }), '--modes', 'nested', '--json'], { encoding: 'utf8' });
      const m = (JSON.parse(rr.stdout) as CompareReport).modes[0];
      assert.strictEqual(m.exitCode, 1);
      assert.match(m.output, /needs Hyperstep's PV extension/);
    });
  });
});
