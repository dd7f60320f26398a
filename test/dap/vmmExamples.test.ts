/**
 * The guests of examples/guests launched as their .vscode/launch.json says (the debugger's "vms"
 * form): each stops at its entry, runs to its end, and every VM's console shows what its image
 * prints alone on QEMU 7.2 under the SBI shim (the oracle; test/support/qemuGuest.ts). With two
 * VMs each line carries its VM's name. And the walk the brief describes on hello.s: a breakpoint
 * on the guest's store to the UART, into the VMM's handling of it and back.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildShimFlash, gnuLink, QemuRun, runGuestOnQemu } from '../support/qemuGuest';
import { collectOutput, launchAndStop, resumeAndStop, startClient } from './support';

const GUESTS = path.resolve(__dirname, '../../../examples/guests');

interface LaunchVm { name: string; program: string; vcpus: number }
interface Config { name: string; vms: LaunchVm[]; [k: string]: unknown }

/** The configurations of a folder's launch.json with ${workspaceFolder} put in, as VS Code does. */
function configs(dir: string): Config[] {
  const text = fs.readFileSync(path.join(GUESTS, dir, '.vscode/launch.json'), 'utf8').replace(/\$\{workspaceFolder\}/g, path.join(GUESTS, dir));
  return (JSON.parse(text) as { configurations: Config[] }).configurations;
}

function lineOf(file: string, text: string): number {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} in ${file}`);
  return i + 1;
}

describe('dap: examples/guests under the debugger', function () {
  this.timeout(60000);
  let dc: DebugClient;
  let tmp: string, flash: string;
  const qemu = new Map<string, QemuRun>();
  const qemuOf = (program: string, harts: number): QemuRun => {
    const key = `${program}@${harts}`;
    if (!qemu.has(key)) qemu.set(key, runGuestOnQemu(gnuLink(program, fs.mkdtempSync(path.join(tmp, 'g-')), 0x80000000), flash, harts));
    return qemu.get(key)!;
  };
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-dap-guests-')); flash = buildShimFlash(tmp); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  for (const dir of ['hello', 'paging', 'timer', 'smp', 'two-vms']) {
    for (const c of configs(dir)) {
      it(`${dir}: "${c.name}" stops at the entry, runs to the end and prints what QEMU prints`, async () => {
        const out = collectOutput(dc, 'stdout');
        const ev = await launchAndStop(dc, c);
        assert.deepStrictEqual([ev.body.reason, ev.body.threadId], ['entry', 1]);
        const threads = (await dc.threadsRequest()).body.threads.map((t) => t.name);
        assert.deepStrictEqual(threads, c.vms.flatMap((vm) => Array.from({ length: vm.vcpus }, (_, i) => `${vm.name}/vcpu${i}`)));
        const [top] = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
        assert.deepStrictEqual([top.name, top.source?.path], ['_start', fs.realpathSync(c.vms[0].program)]);
        const exited = dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
        await dc.continueRequest({ threadId: 1 });
        assert.strictEqual((await exited).body.exitCode, 0);
        const text = out.text();
        if (c.vms.length === 1) {
          assert.strictEqual(text, qemuOf(c.vms[0].program, c.vms[0].vcpus).stdout);
        } else {
          for (const vm of c.vms) {
            const mine = text.split('\n').filter((l) => l.startsWith(`[${vm.name}] `)).map((l) => l.slice(vm.name.length + 3) + '\n').join('');
            assert.strictEqual(mine, qemuOf(vm.program, vm.vcpus).stdout, vm.name);
          }
          assert.ok(text.split('\n').every((l) => l === '' || /^\[vm\d\] /.test(l)), 'every line says whose it is');
        }
      });
    }
  }

  it('hello: from the guest\'s store to the UART into the VMM\'s handling and back', async () => {
    const [c] = configs('hello');
    const src = c.vms[0].program, thr = lineOf(src, 'sb a0, 0(t0)                 # THR (write)');
    const step = (kind: string) => resumeAndStop(dc, () => dc.customRequest(kind, { threadId: 1 }));
    let ev = await launchAndStop(dc, { ...c, stopOnEntry: false }, {
      configure: () => dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [{ line: thr }] }),
    });
    assert.strictEqual(ev.body.reason, 'breakpoint');
    await dc.setExceptionBreakpointsRequest({ filters: ['vm-exit-mmio'] });
    ev = await step('stepIn');
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['step', 'VM exit: MMIO access']);
    const [hyp, guest] = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
    assert.match(hyp.name, /^mmio\.uart\.write \[VM exit #\d+: MMIO access\]$/);
    assert.strictEqual(guest.line, thr);
    for (const phase of ['emulate', 'update', 'resume']) {
      ev = await step('next');
      assert.strictEqual(ev.body.description, `VM exit: MMIO access: ${phase}`);
    }
    ev = await step('next');
    assert.strictEqual(ev.body.description, 'VM entry');
    assert.strictEqual((await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0].line, thr + 1);
  });
});
