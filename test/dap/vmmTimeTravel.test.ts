/**
 * Time travel across VM exits under the built-in VMM (programs/vmm/guest.s, and the timer guest
 * of examples/guests): Step Back from after an exit lands on the guest instruction that caused it,
 * with the guest's registers, the VMM's bookkeeping (exit counts) and the device state as they
 * were; stepping forward again repeats the exit exactly; Reverse Continue goes back over exits to
 * the previous breakpoint hit of the VM. Also the exits that time drives (timer, wfi, injection).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchAndStop, program, resumeAndStop, startClient, value } from './support';

const GUEST = program('vmm/guest.s');
const TIMER = path.join(__dirname, '../../../examples/guests/timer/timer.s');
const SPIN = program('vmm/spin.s');
const ONE = { vms: [{ name: 'vm1', program: GUEST, memory: '16M' }] };

function lineOf(file: string, text: string): number {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} in ${file}`);
  return i + 1;
}

describe('dap: the built-in VMM: time travel and timed exits', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const step = (kind: string, args: Record<string, unknown> = {}) => resumeAndStop(dc, () => dc.customRequest(kind, { threadId: 1, ...args }));
  const top = async () => (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
  async function exitsOfVm1(): Promise<string> {
    const f = await top();
    const s = (await dc.scopesRequest({ frameId: f.id })).body.scopes.find((x) => x.name === 'VM statistics')!;
    const vars = (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
    return vars.find((v) => v.name === 'exits of vm1')!.value;
  }

  it('steps back over an exit to the instruction that caused it, and forward through it again', async () => {
    const putchar = lineOf(GUEST, 'SBI legacy console_putchar');
    await launchAndStop(dc, ONE, { configure: () => dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: putchar + 1 }] }) });
    assert.strictEqual(await value(dc, 'a0'), 0, 'putchar returned 0');
    assert.match(await exitsOfVm1(), /^2 VM exits/, 'the UART store and the putchar');
    let ev = await step('stepBack');
    assert.strictEqual(ev.body.reason, 'step');
    assert.strictEqual((await top()).line, putchar, 'back on the ecall');
    assert.strictEqual(await value(dc, 'a0'), 'i'.charCodeAt(0), 'a0 before the call: its argument');
    assert.strictEqual(await value(dc, 'a7'), 1);
    assert.match(await exitsOfVm1(), /^1 VM exits/, 'the putchar exit has not happened yet');
    ev = await step('stepIn');
    assert.strictEqual(ev.body.description, 'VM exit: SBI call', 'forward again: the same exit');
    ev = await step('stepOut');
    assert.strictEqual(ev.body.description, 'VM entry');
    assert.deepStrictEqual([(await top()).line, await value(dc, 'a0')], [putchar + 1, 0]);
    assert.match(await exitsOfVm1(), /^2 VM exits/);
  });

  it('steps back out of a VM exit to the guest instruction, by instruction', async () => {
    const store = lineOf(GUEST, '# MMIO: VM exit');
    await launchAndStop(dc, ONE, { exceptionFilters: ['vm-exit-mmio'] });
    const ev = await step('stepBack', { granularity: 'instruction' });
    assert.strictEqual(ev.body.reason, 'step');
    const frames = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
    assert.deepStrictEqual([frames.length, frames[0].line, frames[0].source?.path], [1, store, GUEST], 'no hypervisor frame: before the store ran');
  });

  it('reverse-continues over exits to the previous hit of a guest breakpoint', async () => {
    const loopStore = lineOf(GUEST, 'counter += 1'), srst = lineOf(GUEST, 'li a7, EID_SRST');
    await launchAndStop(dc, ONE, { configure: () => dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: srst }] }) });
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: loopStore, condition: 't1 == 2' }] });
    const ev = await step('reverseContinue');
    assert.strictEqual(ev.body.reason, 'breakpoint');
    assert.deepStrictEqual([(await top()).line, await value(dc, 't1'), await value(dc, 's1')], [loopStore, 2, 2]);
    assert.match(await exitsOfVm1(), /^5 VM exits/, 'before the two UART stores after the loop');
  });

  it('stops at the wfi exit of the timer guest, then after the timer interrupt is injected into the halted vCPU', async () => {
    const vms = { vms: [{ name: 'vm1', program: TIMER, memory: '16M' }] };
    let ev = await launchAndStop(dc, vms, { exceptionFilters: ['vm-exit-wfi'] });
    assert.strictEqual(ev.body.description, 'VM exit: WFI / halt');
    assert.match((await top()).name, /^vcpu\.halt \[VM exit #\d+: WFI \/ halt\]$/);
    const guest = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[1];
    assert.strictEqual(guest.line, lineOf(TIMER, 'wfi                          # sleep'));
    await dc.setExceptionBreakpointsRequest({ filters: ['vm-exit-interrupt-injection'] });
    ev = await resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(ev.body.description, 'VM exit: interrupt injection');
    assert.match(ev.body.text!, /^VSTI injected \(sbi timer\) for vm1\/vcpu0$/);
    const info = await dc.customRequest('exceptionInfo', { threadId: 1 }) as DebugProtocol.ExceptionInfoResponse;
    assert.strictEqual(info.body.exceptionId, 'vm-exit-interrupt-injection');
  });

  it('stops at the host timer interrupt exit of a vCPU that spins, and its injection', async () => {
    const spin = lineOf(SPIN, 'csrr t0, sip');
    let ev = await launchAndStop(dc, { vms: [{ name: 'vm1', program: SPIN, memory: '4M' }] }, { exceptionFilters: ['vm-exit-host-interrupt', 'vm-exit-interrupt-injection'] });
    assert.deepStrictEqual([ev.body.description, (await top()).name.split(' ')[0]], ['VM exit: host interrupt', 'timer.inject']);
    const frames = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
    assert.ok(frames[1].line >= spin && frames[1].line <= spin + 2, 'the guest was spinning');
    ev = await step('next');
    ev = await step('next');
    assert.strictEqual(ev.body.description, 'VM exit: host interrupt: update');
    const s = (await dc.scopesRequest({ frameId: (await top()).id })).body.scopes.find((x) => x.name === 'Changed by the last phase')!;
    const changed = (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
    // The emulate phase set hvip.VSTIP (bit 6): the guest's sip.STIP (bit 5) reads 1.
    assert.deepStrictEqual(changed.filter((v) => ['hvip', 'vsip'].includes(v.name)).map((v) => `${v.name} ${v.value}`), ['hvip 0 → 0x40 (64)', 'vsip 0 → 0x20 (32)']);
  });
});
