import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

/**
 * `hyperstep compare` as a user runs it. What must hold whatever the cost model says: every mode
 * prints what bare metal prints; nested paging takes no trap-and-emulate exits; previrtualization
 * turns each privileged instruction that traps under paravirt into one hypercall; the exit counts
 * add up; and the JSON and the table say the same.
 */
const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/src/cli/main.js');
const PAGING = path.join(ROOT, 'examples/guests/paging/paging.s');

function compare(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'compare', ...args], { encoding: 'utf8', timeout: 120000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Mode { mode: string; exitCode: number; output: string; exits: Record<string, number>; totalExits: number; guestInstructions: number; vmmInstructions: number }

describe('hyperstep compare', function () {
  this.timeout(120000);

  it('runs a guest under every mode: same output, the exits each mode must and must not take', () => {
    const r = compare([PAGING, '--modes', 'bare,nested,shadow,paravirt,previrt', '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { sameOutput: boolean; modes: Mode[] };
    assert.strictEqual(report.sameOutput, true);
    const by = Object.fromEntries(report.modes.map((m) => [m.mode, m]));
    for (const m of report.modes) assert.strictEqual(m.exitCode, 0, m.mode);
    assert.strictEqual(by.bare.totalExits, 0);
    assert.strictEqual(by.bare.vmmInstructions, 0);
    for (const k of ['privileged-instruction', 'hidden-fault', 'pt-write', 'hypercall']) assert.strictEqual(by.nested.exits[k], 0, `nested: ${k}`);
    assert.ok(by.shadow.exits['privileged-instruction'] > 0 && by.shadow.exits['hidden-fault'] > 0);
    assert.strictEqual(by.paravirt.exits.hypercall, 0, 'an unmodified guest makes no hypercall');
    assert.strictEqual(by.previrt.exits['privileged-instruction'], 0, 'previrtualized: no privileged instruction traps');
    assert.strictEqual(by.previrt.exits.hypercall, by.paravirt.exits['privileged-instruction'], 'one hypercall per privileged instruction that trapped');
    for (const m of report.modes) {
      const sum = Object.entries(m.exits).filter(([k]) => k !== 'interrupt-injection').reduce((s, [, v]) => s + v, 0);
      assert.strictEqual(sum, m.totalExits, `${m.mode}: exits add up`);
    }
  });

  it('prints a table with a column per mode, and refuses an unknown mode', () => {
    const r = compare([PAGING, '--modes', 'nested,shadow']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\s+nested\s+shadow$/m);
    assert.match(r.stdout, /^output\s+reference\s+same$/m);
    assert.match(r.stdout, /^  privileged instruction\s+0\s+\d+$/m);
    const bad = compare([PAGING, '--modes', 'nested,turbo']);
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /unknown mode 'turbo'/);
  });
});
