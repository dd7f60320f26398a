/**
 * Run control: stepIn/next/stepOut by line and by instruction, over calls and traps, pause of a
 * runaway guest, disconnect while running, goto, and time travel: stepBack and reverseContinue
 * (exact: stepping back then forward again reproduces the forward run's registers and memory).
 */
import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { failure, launchAndStop, memory, program, registers, resumeAndStop, startClient, topFrame, value } from './support';

const BASIC = program('basic.s');

describe('dap: stepping', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const step = async (kind: 'next' | 'stepIn' | 'stepOut' | 'stepBack', granularity?: DebugProtocol.SteppingGranularity): Promise<DebugProtocol.StackFrame> => {
    const ev = await resumeAndStop(dc, () => dc.customRequest(kind, { threadId: 1, granularity }));
    assert.strictEqual(ev.body.reason, 'step');
    return topFrame(dc);
  };
  const line = async (kind: 'next' | 'stepIn' | 'stepOut' | 'stepBack', granularity?: DebugProtocol.SteppingGranularity) => (await step(kind, granularity)).line;

  it('steps in by source line, skipping lines without code, into calls', async () => {
    await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
    const lines: number[] = [];
    for (let i = 0; i < 7; i++) lines.push(await line('stepIn'));
    assert.deepStrictEqual(lines, [8, 9, 11, 12, 13, 26, 27]);
    const st = await dc.stackTraceRequest({ threadId: 1 });
    assert.deepStrictEqual(st.body.stackFrames.map((f) => [f.name, f.line]), [['square+0x4', 27], ['loop+0xc', 13]]);
    assert.strictEqual(await line('stepIn'), 14, 'ret leaves the callee');
  });

  it('steps over calls with next and out of them with stepOut', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 13 }] }) });
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    assert.strictEqual(await line('next'), 14);
    assert.strictEqual(await value(dc, 'a0'), 1, 'square ran');
    for (const l of [15, 16, 11, 12, 13]) assert.strictEqual(await line('next'), l);
    assert.strictEqual(await line('stepIn'), 26);
    assert.strictEqual(await line('stepOut'), 14);
    assert.strictEqual(await value(dc, 'a0'), 4);
    assert.match(await failure(dc.stepOutRequest({ threadId: 1 })), /no caller frame/);
  });

  it('steps single instructions with granularity "instruction" (next still steps over calls)', async () => {
    await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
    let f = await step('stepIn', 'instruction');
    assert.strictEqual(f.instructionPointerReference, '0x80000004');
    assert.strictEqual(f.line, 7, 'la is two instructions');
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 13 }] });
    await resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
    f = await step('next', 'instruction');
    assert.strictEqual(f.instructionPointerReference, '0x80000014', 'auipc ra');
    f = await step('next', 'instruction');
    assert.strictEqual(f.instructionPointerReference, '0x80000018', 'jalr stepped over');
    assert.strictEqual(await value(dc, 'a0'), 1);
  });

  it('steps over a trap with next and into the handler with stepIn', async () => {
    const traps = program('traps.s');
    await launchAndStop(dc, { program: traps }, { configure: () => dc.setBreakpointsRequest({ source: { path: traps }, breakpoints: [{ line: 19 }] }) });
    assert.strictEqual((await topFrame(dc)).line, 19);
    assert.strictEqual(await line('next'), 21, 'ecall handled, back after it');
    await dc.setBreakpointsRequest({ source: { path: traps }, breakpoints: [{ line: 17 }] });
    await resumeAndStop(dc, () => dc.restartRequest({}));
    const f = await step('stepIn');
    assert.match(f.name, /^handler \[trap: breakpoint \(from M\)\]$/);
    assert.strictEqual(await line('stepOut'), 19, 'stepOut returns from the trap handler');
  });

  it('pauses a runaway guest; other requests are answered while it runs', async () => {
    await launchAndStop(dc, { program: program('spin.s'), stopOnEntry: true });
    await dc.continueRequest({ threadId: 1 });
    await new Promise((r) => setTimeout(r, 300));
    const threads = await dc.threadsRequest();
    assert.strictEqual(threads.body.threads.length, 1);
    assert.match(await failure(dc.stackTraceRequest({ threadId: 1 })), /running/);
    const ev = await resumeAndStop(dc, () => dc.pauseRequest({ threadId: 1 }));
    assert.strictEqual(ev.body.reason, 'pause');
    assert.ok(await value(dc, 'a0') > 1000, 'it ran');
    assert.ok(['spin', 'spin+0x2'].includes((await topFrame(dc)).name));
  });

  it('disconnects promptly while the guest runs', async () => {
    await launchAndStop(dc, { program: program('spin.s'), stopOnEntry: true });
    await dc.continueRequest({ threadId: 1 });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await dc.disconnectRequest({});
    assert.ok(Date.now() - t0 < 2000);
  });

  it('moves the pc with gotoTargets/goto', async () => {
    await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
    const t = await dc.gotoTargetsRequest({ source: { path: BASIC }, line: 17 });
    assert.strictEqual(t.body.targets.length, 1);
    const ev = await resumeAndStop(dc, () => dc.gotoRequest({ threadId: 1, targetId: t.body.targets[0].id }));
    assert.strictEqual(ev.body.reason, 'goto');
    assert.strictEqual((await topFrame(dc)).line, 17);
  });
});

describe('dap: time travel', function () {
  this.timeout(60000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const step = async (kind: string, granularity?: string): Promise<DebugProtocol.StoppedEvent> =>
    resumeAndStop(dc, () => dc.customRequest(kind, { threadId: 1, granularity }));

  /** Everything a step can change: registers and the program's data, bss and stack. */
  const state = async (): Promise<string> => JSON.stringify(await registers(dc)) + (await memory(dc, 0x80000064, 0x410)).toString('hex');

  it('stepBack then next reproduces the forward run exactly (registers and memory)', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 11 }] }) });
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    const N = 14;
    const forward = [await state()];
    for (let i = 0; i < N; i++) { await step('next'); forward.push(await state()); }
    for (let i = N - 1; i >= 0; i--) {
      await step('stepBack');
      assert.strictEqual(await state(), forward[i], `state after stepping back to step ${i}`);
    }
    for (let i = 0; i < N; i++) {
      await step('next');
      assert.strictEqual(await state(), forward[i + 1], `state after step ${i + 1} again`);
    }
  });

  it('steps back out of a callee to the call, by line', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26 }] }) });
    await step('stepBack');
    const f = await topFrame(dc);
    assert.strictEqual(f.line, 13, 'back at the call');
    assert.strictEqual((await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames.length, 1);
    await step('stepBack');
    assert.strictEqual((await topFrame(dc)).line, 12);
  });

  it('steps back one instruction, and stops at the start of recorded history', async () => {
    await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
    await step('stepIn', 'instruction');
    assert.strictEqual((await topFrame(dc)).instructionPointerReference, '0x80000004');
    await step('stepBack', 'instruction');
    assert.strictEqual((await topFrame(dc)).instructionPointerReference, '0x80000000');
    const ev = await step('stepBack');
    assert.match(ev.body.description!, /start of recorded history/);
    assert.strictEqual((await topFrame(dc)).instructionPointerReference, '0x80000000');
  });

  it('reverse-continues to earlier breakpoint hits whose conditions hold', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26, hitCondition: '4' }] }) });
    assert.strictEqual(await value(dc, 'a0'), 4);
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26 }] });
    let ev = await step('reverseContinue');
    assert.strictEqual(ev.body.reason, 'breakpoint');
    assert.strictEqual(await value(dc, 'a0'), 3);
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26, condition: 'a0 == 1' }] });
    ev = await step('reverseContinue');
    assert.strictEqual(await value(dc, 'a0'), 1);
    assert.strictEqual(await value(dc, '*(u32*)result'), 0, 'memory is as it was then');
    ev = await step('reverseContinue');
    assert.match(ev.body.description!, /start of recorded history/);
    // Forward again: the run continues exactly as before.
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    assert.strictEqual((await exited).body.exitCode, 0);
  });

  it('reverse-continues to a data breakpoint', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 17 }] }) });
    assert.strictEqual(await value(dc, '*(u32*)result'), 25);
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: '0x80000064/4', accessType: 'write' }] });
    const ev = await step('reverseContinue');
    assert.strictEqual(ev.body.reason, 'data breakpoint');
    assert.strictEqual(await value(dc, '*(u32*)result'), 25);
    assert.strictEqual(await value(dc, 's0'), 5);
  });

  it('keeps changes made by the debugger when stepping back and forward again', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26, hitCondition: '2' }] }) });
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    await dc.evaluateRequest({ expression: 'set var a0 = 7', context: 'repl' });
    await step('next');
    assert.strictEqual(await value(dc, 'a0'), 49);
    await step('stepBack');
    assert.strictEqual(await value(dc, 'a0'), 7, 'the state before mul includes the change');
    await step('next');
    assert.strictEqual(await value(dc, 'a0'), 49);
    await step('stepBack');
    await step('stepBack');
    assert.strictEqual(await value(dc, 'a0'), 2, 'before the change, the program\'s own value');
  });

  it('searches a long history backwards without blocking, to the start', async () => {
    await launchAndStop(dc, { program: program('spin.s'), stopOnEntry: true });
    await dc.continueRequest({ threadId: 1 });
    await new Promise((r) => setTimeout(r, 500));
    await resumeAndStop(dc, () => dc.pauseRequest({ threadId: 1 }));
    const spins = await value(dc, 'a0');
    assert.ok(spins > 1e6, `ran ${spins} iterations`);
    const stopped = dc.waitForEvent('stopped');
    await dc.reverseContinueRequest({ threadId: 1 });
    const t0 = Date.now();
    await dc.threadsRequest();
    assert.ok(Date.now() - t0 < 500, 'answered during the search');
    const ev = (await stopped) as DebugProtocol.StoppedEvent;
    assert.match(ev.body.description!, /start of recorded history/);
    assert.strictEqual(await value(dc, 'a0'), 0);
    await step('next');
    assert.strictEqual(await value(dc, 'a0'), 0);
  });

  it('says so when time travel is off', async () => {
    await launchAndStop(dc, { program: BASIC, stopOnEntry: true, timeTravel: false });
    assert.match(await failure(dc.stepBackRequest({ threadId: 1 })), /time travel is off/);
  });
});
