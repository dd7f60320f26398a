/**
 * The adapter survives every malformed or out-of-order request: each gets an error response
 * (or unverified breakpoints), and afterwards the session still answers and still debugs.
 * Also raw protocol garbage (unparseable JSON, non-objects) over the real stdio transport.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ADAPTER, launchAndStop, program, resumeAndStop, startClient, topFrame } from './support';

const BASIC = program('basic.s');

describe('dap: robustness', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  /** Sends a request that must get an error response; returns the message. */
  async function rejected(command: string, args?: unknown): Promise<string> {
    try {
      await dc.send(command, args);
    } catch (e) {
      return (e as Error).message;
    }
    assert.fail(`${command} ${JSON.stringify(args)} should have failed`);
  }

  it('rejects requests before launch, then works normally', async () => {
    await dc.initializeRequest();
    for (const [command, args] of [
      ['stackTrace', { threadId: 1 }], ['scopes', { frameId: 1 }], ['variables', { variablesReference: 1 }], ['continue', { threadId: 1 }],
      ['next', { threadId: 1 }], ['evaluate', { expression: 'a0' }], ['disassemble', { memoryReference: '0x80000000', instructionCount: 1 }],
      ['readMemory', { memoryReference: '0x80000000', count: 4 }], ['configurationDone', {}], ['setFunctionBreakpoints', { breakpoints: [] }],
      ['restart', {}], ['goto', { threadId: 1, targetId: 1 }], ['exceptionInfo', { threadId: 1 }],
    ] as [string, unknown][]) {
      assert.match(await rejected(command, args), /no program has been launched|nothing has been launched/, command);
    }
    assert.deepStrictEqual((await dc.threadsRequest()).body.threads, []);
    const ev = await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
    assert.strictEqual(ev.body.reason, 'entry');
  });

  it('survives a batch of malformed requests and still answers threads and steps', async () => {
    await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
    const bad: [string, unknown][] = [
      ['frobnicate', {}],
      ['launch', { program: BASIC }],
      ['attach', {}],
      ['stackTrace', { threadId: 99 }], ['stackTrace', { threadId: -1 }], ['stackTrace', { threadId: 'one' }], ['stackTrace', {}],
      ['stackTrace', { threadId: 1, startFrame: 'x' }], ['stackTrace', { threadId: 1, levels: -3 }],
      ['scopes', { frameId: 123456 }], ['scopes', { frameId: 'x' }], ['scopes', {}], ['scopes', { frameId: 2 }],
      ['variables', { variablesReference: 999999 }], ['variables', { variablesReference: -5 }], ['variables', { variablesReference: 'a' }], ['variables', {}],
      ['setVariable', { variablesReference: 424242, name: 'a0', value: '1' }],
      ['evaluate', {}], ['evaluate', { expression: 5 }], ['evaluate', { expression: 'a0', frameId: 777 }], ['evaluate', { expression: ')(' }],
      ['evaluate', { expression: 'x/4zz pc', context: 'repl' }], ['evaluate', { expression: 'info', context: 'repl' }],
      ['setExpression', { expression: 'pc + 1', value: '0' }], ['setExpression', {}],
      ['next', { threadId: 42 }], ['stepIn', { threadId: 0 }], ['stepOut', {}], ['stepBack', { threadId: 'x' }], ['reverseContinue', { threadId: null }],
      ['goto', { threadId: 1, targetId: 99 }], ['gotoTargets', { source: {}, line: 3 }],
      ['disassemble', { memoryReference: 'garbage', instructionCount: 5 }], ['disassemble', { memoryReference: '0x80000000' }],
      ['disassemble', { memoryReference: '0x80000000', instructionCount: 'ten' }],
      ['readMemory', { memoryReference: '0x80000000', count: -1 }], ['readMemory', { memoryReference: 'nowhere', count: 4 }],
      ['readMemory', { memoryReference: '0x80000000', count: 1e12 }], ['readMemory', { memoryReference: '0xffffffff', count: 4, offset: 2 }],
      ['writeMemory', { memoryReference: '0x80000000' }], ['writeMemory', { memoryReference: '0x0', data: 'AAAA' }],
      ['dataBreakpointInfo', {}], ['dataBreakpointInfo', { name: 'nosuchsymbol' }], ['dataBreakpointInfo', { variablesReference: 31337, name: 'x' }],
      ['setBreakpoints', {}], ['setBreakpoints', { source: { path: BASIC }, breakpoints: 'all' }],
      ['setFunctionBreakpoints', { breakpoints: 'x' }], ['setInstructionBreakpoints', {}], ['setDataBreakpoints', { breakpoints: 7 }],
      ['setExceptionBreakpoints', { filters: 'all' }],
      ['exceptionInfo', { threadId: 1 }],
      ['completions', {}], ['completions', { text: 'a', column: 'x' }],
      ['source', { sourceReference: 9 }], ['breakpointLocations', { source: { path: BASIC } }],
      ['uartInput', {}], ['pause', { threadId: 'x' }],
    ];
    for (const [command, args] of bad) {
      const msg = await rejected(command, args);
      assert.ok(msg.length > 0, `${command} has an error message`);
    }
    // Requests whose arguments are not an object at all.
    for (const args of ['text', 42, [1, 2], true]) await rejected('stackTrace', args);
    // Breakpoint arrays with junk entries: answered, the junk unverified.
    const sb = await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [null, { line: 'x' }, { line: 26, condition: 7 }] as never });
    assert.deepStrictEqual(sb.body.breakpoints.map((b) => b.verified), [false, false, false]);
    const fb = await dc.setFunctionBreakpointsRequest({ breakpoints: [null, { name: 5 }, { name: '' }] as never });
    assert.deepStrictEqual(fb.body.breakpoints.map((b) => b.verified), [false, false, false]);
    const db = await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: 'zz' }, { dataId: '0x80000064/4', accessType: 'sideways' }] as never });
    assert.deepStrictEqual(db.body.breakpoints.map((b) => b.verified), [false, false]);
    const ib = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: 12 }, { instructionReference: 'pc', offset: 1.5 }] }) as DebugProtocol.SetInstructionBreakpointsResponse;
    assert.deepStrictEqual(ib.body.breakpoints.map((b) => b.verified), [false, false]);
    const eb = await dc.setExceptionBreakpointsRequest({ filters: ['nope', 7 as never] });
    assert.deepStrictEqual(eb.body!.breakpoints!.map((b) => b.verified), [false, false]);
    await dc.setDataBreakpointsRequest({ breakpoints: [] });
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });

    // Still alive and still debugging.
    const threads = await dc.threadsRequest();
    assert.deepStrictEqual(threads.body.threads, [{ id: 1, name: 'hart 0' }]);
    const ev = await resumeAndStop(dc, () => dc.nextRequest({ threadId: 1 }));
    assert.strictEqual(ev.body.reason, 'step');
    assert.strictEqual((await topFrame(dc)).line, 8);
  });

  it('ignores unparseable messages on the wire and keeps serving', async () => {
    const child = spawn(process.execPath, [ADAPTER], { stdio: 'pipe' });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      child.stdin.write(frame('{not json'));
      child.stdin.write(frame('null'));
      child.stdin.write(frame('42'));
      child.stdin.write(frame('{"type":"request","seq":1}'));
      child.stdin.write(frame('{"type":"request","seq":2,"command":"threads"}'));
      for (let i = 0; i < 100 && !/"command":"threads"/.test(out); i++) await new Promise((r) => setTimeout(r, 20));
      assert.match(out, /"request_seq":2,"command":"threads","success":true,"body":\{"threads":\[\]\}/);
      assert.strictEqual(child.exitCode, null, 'still running');
    } finally {
      child.kill();
    }
  });
});
