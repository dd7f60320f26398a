import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { vsGuestCliArgs, vsGuestQemuArgs } from '../../bench/vsGuest';

/*
 * The benchmark's VS-guest setup (bench/vs-guest/hyp.s) is only a fair figure if the guest
 * computes what bare metal computes: cpu-10.elf (the small size of the bench workload) as a VS
 * guest prints, on QEMU and on hyperstep, the checksum QEMU prints for it on bare metal.
 */

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/src/cli/main.js');
const WORKLOAD = path.resolve(ROOT, '..', 'shared', 'bench', 'cpu-10.elf');

function firstLine(s: string): string { return s.split('\n')[0]; }

describe('bench/vs-guest: cpu-10.elf as a VS-mode guest', function () {
  this.timeout(60000);
  let tmp: string;
  let bareChecksum: string;
  before(function () {
    if (!fs.existsSync(WORKLOAD)) this.skip(); // the workload lives outside the repository (shared/bench)
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-vsguest-'));
    const r = spawnSync('qemu-system-riscv32', ['-M', 'virt', '-bios', 'none', '-nographic', '-kernel', WORKLOAD], { encoding: 'latin1', timeout: 30000 });
    assert.strictEqual(r.status, 0, r.stderr);
    bareChecksum = firstLine(r.stdout);
    assert.match(bareChecksum, /^[0-9a-f]{8}$/);
  });
  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  it('QEMU 7.2 (hyp.s built with GNU as/ld) prints the bare-metal checksum and exits 0', () => {
    const r = spawnSync('qemu-system-riscv32', vsGuestQemuArgs(WORKLOAD, tmp), { encoding: 'latin1', timeout: 30000 });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(firstLine(r.stdout), bareChecksum);
  });

  it('hyperstep run hyp.s --image cpu-10.elf@0x80400000 prints the bare-metal checksum and exits 0', () => {
    const r = spawnSync(process.execPath, [CLI, ...vsGuestCliArgs(WORKLOAD)], { input: '', encoding: 'latin1', timeout: 30000 });
    assert.strictEqual(r.stderr, '');
    assert.strictEqual(firstLine(r.stdout), bareChecksum);
    assert.strictEqual(r.status, 0);
  });
});
