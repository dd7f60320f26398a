/**
 * Breakpoints of every kind: source lines (moved to the next line with code), conditions, hit
 * conditions, logpoints, function, instruction and data breakpoints, breakpointLocations, and
 * the exception filters with their conditions and exceptionInfo.
 */
import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { collectOutput, evaluate, launchAndStop, program, resumeAndStop, startClient, topFrame, value } from './support';

const BASIC = program('basic.s');
const TRAPS = program('traps.s');

describe('dap: breakpoints', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const lineBreakpoints = (bps: DebugProtocol.SourceBreakpoint[]) => () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: bps });
  const cont = () => resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));

  async function runToExit(): Promise<number> {
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    return (await exited).body.exitCode;
  }

  it('moves a breakpoint on a line without code to the next line that has code, and stops there', async () => {
    let result: DebugProtocol.SetBreakpointsResponse | undefined;
    const ev = await launchAndStop(dc, { program: BASIC }, {
      configure: async () => { result = await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 10 }, { line: 23 }, { line: 500 }] }); },
    });
    const [label, blank, beyond] = result!.body.breakpoints;
    assert.deepStrictEqual([label.verified, label.line], [true, 11]);
    assert.deepStrictEqual([blank.verified, blank.line], [true, 26]);
    assert.strictEqual(beyond.verified, false);
    assert.match(beyond.message!, /no code/);
    assert.strictEqual(ev.body.reason, 'breakpoint');
    assert.deepStrictEqual(ev.body.hitBreakpointIds, [label.id]);
    assert.strictEqual((await topFrame(dc)).line, 11);
    const again = await cont();
    assert.deepStrictEqual(again.body.hitBreakpointIds, [blank.id]);
    assert.strictEqual((await topFrame(dc)).line, 26);
  });

  it('verifies breakpoints set before launch once the program is loaded', async () => {
    await dc.initializeRequest();
    const early = await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26 }] });
    assert.strictEqual(early.body.breakpoints[0].verified, false);
    const changed = dc.waitForEvent('breakpoint');
    const stopped = dc.waitForEvent('stopped');
    await dc.launchRequest({ program: BASIC } as never);
    const ev = (await changed) as DebugProtocol.BreakpointEvent;
    assert.strictEqual(ev.body.breakpoint.verified, true);
    assert.strictEqual(ev.body.breakpoint.id, early.body.breakpoints[0].id);
    await dc.configurationDoneRequest();
    await stopped;
    assert.strictEqual((await topFrame(dc)).name, 'square');
  });

  it('stops only when the condition holds', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: lineBreakpoints([{ line: 26, condition: 'a0 == 3 && s1 == 5' }]) });
    assert.strictEqual(await value(dc, 'a0'), 3);
    assert.strictEqual(await runToExit(), 0);
  });

  it('reports a condition that does not parse as an unverified breakpoint', async () => {
    await dc.initializeRequest();
    await dc.launchRequest({ program: BASIC, stopOnEntry: true } as never);
    const r = await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26, condition: 'a0 ==' }, { line: 27, hitCondition: 'often' }] });
    assert.strictEqual(r.body.breakpoints[0].verified, false);
    assert.match(r.body.breakpoints[0].message!, /condition/);
    assert.strictEqual(r.body.breakpoints[1].verified, false);
    assert.match(r.body.breakpoints[1].message!, /hit condition/);
  });

  it('counts hits: "3" stops on the third hit only', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: lineBreakpoints([{ line: 26, hitCondition: '3' }]) });
    assert.strictEqual(await value(dc, 'a0'), 3);
    assert.strictEqual(await runToExit(), 0);
  });

  it('counts hits: ">= 4" stops on the fourth and later hits', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: lineBreakpoints([{ line: 26, hitCondition: '>= 4' }]) });
    assert.strictEqual(await value(dc, 'a0'), 4);
    await cont();
    assert.strictEqual(await value(dc, 'a0'), 5);
    assert.strictEqual(await runToExit(), 0);
  });

  it('counts hits: "% 2" stops on every second hit, and hits count only when the condition holds', async () => {
    await launchAndStop(dc, { program: BASIC }, { configure: lineBreakpoints([{ line: 26, hitCondition: '% 2' }]) });
    assert.strictEqual(await value(dc, 'a0'), 2);
    await cont();
    assert.strictEqual(await value(dc, 'a0'), 4);
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    assert.strictEqual(await runToExit(), 0);
  });

  it('logpoints print interpolated expressions and do not stop', async () => {
    const console = collectOutput(dc, 'console');
    const exited = dc.waitForEvent('exited');
    await Promise.all([
      dc.waitForEvent('initialized').then(async () => {
        await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26, logMessage: 'square({a0}) ra={ra} {{literal}} {s0:x}' }, { line: 31, logMessage: 'puts "{a0:s}" {nosuch}' }] });
        await dc.configurationDoneRequest();
      }),
      dc.launch({ program: BASIC }),
    ]);
    assert.strictEqual((await exited).body.exitCode, 0);
    const text = console.text();
    for (let i = 1; i <= 5; i++) assert.ok(text.includes(`square(${i}) ra=0x80000018 {literal} 0x${i}\n`), text);
    assert.ok(text.includes('puts "hello\n" <error: unknown name \'nosuch\' (not a register, CSR or symbol)>\n'), text);
    assert.ok(text.indexOf("square(5)") < text.indexOf('puts "hello'), 'in program order');
  });

  it('function breakpoints stop at a label; unknown names are unverified', async () => {
    let r: DebugProtocol.SetFunctionBreakpointsResponse | undefined;
    const ev = await launchAndStop(dc, { program: BASIC }, {
      configure: async () => { r = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'puts' }, { name: 'nonesuch' }, { name: 'square', condition: 'a0 == 5' }] }); },
    });
    assert.strictEqual(r!.body.breakpoints[0].verified, true);
    assert.strictEqual(r!.body.breakpoints[1].verified, false);
    assert.strictEqual(ev.body.reason, 'function breakpoint');
    assert.deepStrictEqual(ev.body.hitBreakpointIds, [r!.body.breakpoints[2].id]);
    assert.strictEqual(await value(dc, 'a0'), 5);
    const ev2 = await cont();
    assert.deepStrictEqual(ev2.body.hitBreakpointIds, [r!.body.breakpoints[0].id]);
    assert.strictEqual((await topFrame(dc)).name, 'puts');
  });

  it('instruction breakpoints stop at an address (with offset)', async () => {
    let r: DebugProtocol.SetInstructionBreakpointsResponse | undefined;
    const ev = await launchAndStop(dc, { program: BASIC }, {
      configure: async () => {
        r = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: '0x80000048', offset: 4 }, { instructionReference: '0x80000049' }] }) as DebugProtocol.SetInstructionBreakpointsResponse;
      },
    });
    assert.strictEqual(r!.body.breakpoints[0].verified, true);
    assert.strictEqual(r!.body.breakpoints[1].verified, false, 'an odd address cannot hold an instruction');
    assert.strictEqual(ev.body.reason, 'instruction breakpoint');
    const f = await topFrame(dc);
    assert.strictEqual(f.instructionPointerReference, '0x8000004c');
    assert.strictEqual(f.name, 'square+0x4');
    assert.strictEqual(f.line, 27);
  });

  it('lists breakpoint locations (lines with code) in a range', async () => {
    await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
    const r = await dc.customRequest('breakpointLocations', { source: { path: BASIC }, line: 9, endLine: 13 }) as DebugProtocol.BreakpointLocationsResponse;
    assert.deepStrictEqual(r.body.breakpoints.map((b) => b.line), [9, 11, 12, 13]);
  });

  it('data breakpoints stop after a write to watched memory, with conditions', async () => {
    await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
    const info = await dc.dataBreakpointInfoRequest({ name: 'result' });
    assert.strictEqual(info.body.dataId, '0x80000064/4');
    assert.deepStrictEqual(info.body.accessTypes, ['read', 'write', 'readWrite']);
    const set = await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write', condition: '*(u32*)result >= 9' }] });
    assert.strictEqual(set.body.breakpoints[0].verified, true);
    const ev = await cont();
    assert.strictEqual(ev.body.reason, 'data breakpoint');
    assert.deepStrictEqual(ev.body.hitBreakpointIds, [set.body.breakpoints[0].id]);
    assert.match(ev.body.description!, /write of 0x9 \(4 bytes\) at 0x80000064/);
    assert.strictEqual(await value(dc, '*(u32*)result'), 9);
    assert.strictEqual((await topFrame(dc)).line, 16, 'stopped after the store');
    await cont();
    assert.strictEqual(await value(dc, '*(u32*)result'), 16);
  });

  it('data breakpoints on reads, from an expression of a byte, and from a pointer register', async () => {
    await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
    const info = await dc.dataBreakpointInfoRequest({ name: '*(u8*)(msg + 1)' });
    assert.strictEqual(info.body.dataId, '0x80000069/1');
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'read' }] });
    const ev = await cont();
    assert.strictEqual(ev.body.reason, 'data breakpoint');
    assert.match(ev.body.description!, /read of 0x65 \(1 byte\) at 0x80000069/);
    assert.strictEqual((await topFrame(dc)).name, 'puts+0x8');
    // A register that points into RAM offers the word it points to.
    const f = await topFrame(dc);
    const scopes = await dc.scopesRequest({ frameId: f.id });
    const regs = scopes.body.scopes.find((s) => s.name === 'Registers')!;
    const a0 = await dc.dataBreakpointInfoRequest({ variablesReference: regs.variablesReference, name: 'x10 (a0)' });
    assert.strictEqual(a0.body.dataId, '0x80000069/4');
    const t1 = await dc.dataBreakpointInfoRequest({ variablesReference: regs.variablesReference, name: 'x6 (t1)' });
    assert.strictEqual(t1.body.dataId, null, 'the UART address is not RAM');
  });
});

describe('dap: exception breakpoints', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('stops on an illegal instruction in the handler, with the trap on the stack and exceptionInfo', async () => {
    const ev = await launchAndStop(dc, { program: TRAPS }, { exceptionFilters: ['illegal-instruction'] });
    assert.strictEqual(ev.body.reason, 'exception');
    assert.match(ev.body.description!, /illegal instruction \(from M\)/);
    const st = await dc.stackTraceRequest({ threadId: 1 });
    const [handler, caller] = st.body.stackFrames;
    assert.strictEqual(handler.name, 'handler [trap: illegal instruction (from M)]');
    assert.strictEqual(caller.name, 'illegal');
    assert.strictEqual(caller.line, 15);
    const info = await dc.exceptionInfoRequest({ threadId: 1 });
    assert.strictEqual(info.body.exceptionId, 'illegal-instruction');
    assert.strictEqual(info.body.breakMode, 'always');
    assert.match(info.body.description!, /illegal instruction \(from M\) at 0x[0-9a-f]+ <illegal>, tval 0x0/);
    const scopes = await dc.scopesRequest({ frameId: handler.id });
    assert.strictEqual(scopes.body.scopes[0].name, 'Trap');
    const trap = await dc.variablesRequest({ variablesReference: scopes.body.scopes[0].variablesReference });
    assert.strictEqual(trap.body.variables.find((v) => v.name === 'cause')!.value, '2 illegal instruction');
  });

  it('stops on ebreak, ecall from M and U, and access faults, each once', async () => {
    const ev = await launchAndStop(dc, { program: TRAPS }, { exceptionFilters: ['ebreak', 'ecall-m', 'ecall-u', 'access-fault'] });
    const seen = [ev.body.description];
    for (let i = 0; i < 3; i++) seen.push((await resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }))).body.description);
    assert.deepStrictEqual(seen, ['Exception: breakpoint (from M)', 'Exception: ecall from M-mode (from M)', 'Exception: load access fault (from M)', 'Exception: ecall from U-mode (from U)']);
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    assert.strictEqual((await exited).body.exitCode, 5);
  });

  it('filter conditions see the trap: from, cause, tval, epc', async () => {
    let r: DebugProtocol.SetExceptionBreakpointsResponse | undefined;
    const stopped = dc.waitForEvent('stopped');
    await Promise.all([
      dc.waitForEvent('initialized').then(async () => {
        r = await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [
          { filterId: 'ecall-m', condition: 'from == 0' }, { filterId: 'ecall-u', condition: 'from == 0 && epc == user && cause == 8' },
          { filterId: 'nonesuch' }, { filterId: 'ebreak', condition: '1 +' },
        ] });
        await dc.configurationDoneRequest();
      }),
      dc.launch({ program: TRAPS }),
    ]);
    assert.deepStrictEqual(r!.body!.breakpoints!.map((b) => b.verified), [true, true, false, false]);
    const ev = (await stopped) as DebugProtocol.StoppedEvent;
    assert.strictEqual(ev.body.description, 'Exception: ecall from U-mode (from U)');
    assert.strictEqual(await evaluate(dc, 'p/x s2'), '0x4');
  });

  it('stops on machine timer interrupts (with a condition)', async () => {
    const stopped = dc.waitForEvent('stopped');
    await Promise.all([
      dc.waitForEvent('initialized').then(async () => {
        await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'irq-m-timer', condition: 's2 == 1' }] });
        await dc.configurationDoneRequest();
      }),
      dc.launch({ program: program('timer.s') }),
    ]);
    const ev = (await stopped) as DebugProtocol.StoppedEvent;
    assert.strictEqual(ev.body.reason, 'exception');
    assert.strictEqual(ev.body.description, 'Exception: machine timer interrupt (from M)');
    const f = await topFrame(dc);
    assert.strictEqual(f.name, 'tick [trap: machine timer interrupt (from M)]');
    assert.strictEqual(await evaluate(dc, 'p/x s2'), '0x1');
    assert.strictEqual(await evaluate(dc, 'mcause'), '0x80000007 (2147483655)');
  });
});
