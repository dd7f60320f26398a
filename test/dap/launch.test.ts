/**
 * Launching, the session lifecycle and the entry points: launch.json validation errors that name
 * the field, assembly errors as file:line:col lines, stopOnEntry, threads per hart, exit codes,
 * an ELF from GNU binutils, restart, terminate, the TCP server and `hyperstep dap`.
 */
import * as assert from 'assert';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { gnuBuildElf } from '../support/gnuAs';
import { collectOutput, evaluate, failure, launchAndStop, program, resumeAndStop, startClient, topFrame } from './support';

const BASIC = program('basic.s');

describe('dap: launch and lifecycle', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  async function launchError(args: Record<string, unknown>): Promise<string> {
    await dc.initializeRequest();
    return failure(dc.launchRequest(args as never));
  }

  it('answers initialize with honest capabilities', async () => {
    const r = await dc.initializeRequest();
    const c = r.body!;
    for (const k of ['supportsConfigurationDoneRequest', 'supportsConditionalBreakpoints', 'supportsHitConditionalBreakpoints', 'supportsLogPoints',
      'supportsFunctionBreakpoints', 'supportsInstructionBreakpoints', 'supportsDataBreakpoints', 'supportsStepBack', 'supportsSteppingGranularity',
      'supportsDisassembleRequest', 'supportsReadMemoryRequest', 'supportsWriteMemoryRequest', 'supportsExceptionFilterOptions',
      'supportsExceptionInfoRequest', 'supportsCompletionsRequest', 'supportsBreakpointLocationsRequest', 'supportsSetVariable',
      'supportsRestartRequest', 'supportsTerminateRequest', 'supportsLoadedSourcesRequest', 'supportsGotoTargetsRequest'] as const) {
      assert.strictEqual(c[k], true, k);
    }
    const filters = c.exceptionBreakpointFilters!.map((f) => f.filter);
    for (const f of ['illegal-instruction', 'ebreak', 'ecall-u', 'ecall-s', 'ecall-m', 'fetch-page-fault', 'load-page-fault', 'store-page-fault',
      'misaligned', 'access-fault', 'irq-m-software', 'irq-m-timer', 'irq-m-external', 'irq-s-software', 'irq-s-timer', 'irq-s-external']) {
      assert.ok(filters.includes(f), f);
    }
    assert.ok(c.exceptionBreakpointFilters!.every((f) => f.supportsCondition));
  });

  it('rejects bad launch.json fields with a message naming the field', async () => {
    assert.match(await launchError({}), /"program" is missing/);
    assert.match(await launchError({ program: 42 }), /"program" must be/);
    assert.match(await launchError({ program: [] }), /"program" must be/);
    assert.match(await launchError({ program: '/no/such/file.s' }), /"program".*no such file/);
    assert.match(await launchError({ program: BASIC, harts: 'two' }), /"harts" must be an integer/);
    assert.match(await launchError({ program: BASIC, harts: 9 }), /"harts"/);
    assert.match(await launchError({ program: BASIC, memory: 'lots' }), /"memory" must be a size/);
    assert.match(await launchError({ program: BASIC, memory: '100' }), /"memory" must be a multiple of 4 KiB/);
    assert.match(await launchError({ program: BASIC, stopOnEntry: 'yes' }), /"stopOnEntry" must be true or false/);
    assert.match(await launchError({ program: BASIC, compat: 'qemu-8' }), /"compat" must be one of "spec", "qemu-7.2"/);
    assert.match(await launchError({ program: BASIC, sbi: 'opensbi' }), /"sbi" must be one of "none", "builtin"/);
    assert.match(await launchError({ program: BASIC, cwd: '/no/such/dir' }), /"cwd"/);
    assert.match(await launchError({ program: [BASIC, __filename] }), /"program" must be one ELF file or only assembly files/);
    assert.match(await launchError({ program: __filename }), /not an ELF file/);
  });

  it('reports assembly errors as file:line:col lines, in the response and on stderr', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-dap-'));
    try {
      const bad = path.join(dir, 'bad.s');
      fs.writeFileSync(bad, '    .text\n_start:\n    addi a0, a0\n    frobnicate t0\n');
      const stderr = collectOutput(dc, 'stderr');
      const msg = await launchError({ program: bad });
      const real = fs.realpathSync(bad);
      assert.match(msg, new RegExp(`${real.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: error: `));
      assert.match(msg, /:4:\d+: error: .*frobnicate/);
      await new Promise((r) => setTimeout(r, 100));
      assert.match(stderr.text(), /bad\.s:3:\d+: error: /);
      assert.match(stderr.text(), /bad\.s:4:\d+: error: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops on entry, with one thread per hart', async () => {
    const ev = await launchAndStop(dc, { program: BASIC, stopOnEntry: true, harts: 2 });
    assert.strictEqual(ev.body.reason, 'entry');
    assert.strictEqual(ev.body.threadId, 1);
    const threads = await dc.threadsRequest();
    assert.deepStrictEqual(threads.body.threads.map((t) => t.name), ['hart 0', 'hart 1']);
    const f = await topFrame(dc);
    assert.strictEqual(f.line, 7);
    assert.strictEqual(f.name, '_start');
    assert.strictEqual(f.source?.name, 'basic.s');
  });

  it('runs to the end: UART output as stdout events, exited with the guest exit code', async () => {
    const stdout = collectOutput(dc, 'stdout');
    const exited = dc.waitForEvent('exited');
    const terminated = dc.waitForEvent('terminated');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: BASIC })]);
    assert.strictEqual((await exited).body.exitCode, 0);
    await terminated;
    assert.strictEqual(stdout.text(), 'hello\n');
  });

  it('passes a non-zero exit code through (traps.s exits with its trap count)', async () => {
    const exited = dc.waitForEvent('exited');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: program('traps.s') })]);
    assert.strictEqual((await exited).body.exitCode, 5);
  });

  it('runs an S-mode program under the built-in SBI ("sbi": "builtin")', async () => {
    const stdout = collectOutput(dc, 'stdout');
    await launchAndStop(dc, { program: program('sbi.s'), sbi: 'builtin', stopOnEntry: true });
    const regs = await dc.variablesRequest({ variablesReference: (await dc.scopesRequest({ frameId: (await topFrame(dc)).id })).body.scopes[0].variablesReference });
    assert.strictEqual(regs.body.variables.find((v) => v.name === 'mode')!.value, 'HS (V=0)');
    assert.strictEqual(await evaluate(dc, 'p/x a0'), '0x0', 'a0 = hartid');
    for (let i = 0; i < 5; i++) await resumeAndStop(dc, () => dc.nextRequest({ threadId: 1 }));
    assert.strictEqual((await topFrame(dc)).line, 12, 'stepped over the SBI call');
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    assert.strictEqual((await exited).body.exitCode, 1);
    assert.strictEqual(stdout.text(), 'sbi\n');
  });

  it('debugs an ELF built by GNU binutils (symbols, no line table: disassembly)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-dap-'));
    try {
      const elf = gnuBuildElf(fs.readFileSync(BASIC, 'utf8'), dir, 'basic');
      const ev = await launchAndStop(dc, { program: elf }, {
        configure: async () => {
          const r = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'square' }] });
          assert.strictEqual(r.body.breakpoints[0].verified, true);
        },
      });
      assert.strictEqual(ev.body.reason, 'function breakpoint');
      const st = await dc.stackTraceRequest({ threadId: 1 });
      const [f0, f1] = st.body.stackFrames;
      assert.strictEqual(f0.name, 'square');
      assert.strictEqual(f0.source, undefined);
      assert.match(f0.instructionPointerReference!, /^0x8000/);
      assert.match(f1.name, /^loop\+0x/);
      assert.strictEqual(await evaluate(dc, 'a0'), '0x00000001 (1)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('debugs C built by GCC with source lines from DWARF', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-dap-'));
    try {
      const include = path.resolve(__dirname, '../../../test/corpus/include');
      const source = program('squares.c');
      const elf = path.join(dir, 'squares.elf');
      execFileSync('riscv64-unknown-elf-gcc', ['-march=rv32imac_zicsr', '-mabi=ilp32', '-g', '-O0', '-nostdlib', '-ffreestanding',
        '-T', path.join(include, 'link.ld'), path.join(include, 'crt0.S'), source, '-o', elf], { stdio: 'pipe' });
      let bps: DebugProtocol.SetBreakpointsResponse | undefined;
      await launchAndStop(dc, { program: elf }, {
        configure: async () => { bps = await dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [{ line: 13 }] }); },
      });
      assert.strictEqual(bps!.body.breakpoints[0].verified, true);
      let f = await topFrame(dc);
      assert.deepStrictEqual([f.name, f.line, f.source?.name], ['main+0x14', 13, 'squares.c']);
      await resumeAndStop(dc, () => dc.stepInRequest({ threadId: 1 }));
      f = await topFrame(dc);
      assert.deepStrictEqual([f.name, f.line], ['square', 3]);
      const st = await dc.stackTraceRequest({ threadId: 1 });
      assert.deepStrictEqual(st.body.stackFrames.map((x) => [x.source?.name, x.line]), [['squares.c', 3], ['squares.c', 13], ['crt0.S', 9]]);
      await resumeAndStop(dc, () => dc.stepOutRequest({ threadId: 1 }));
      assert.strictEqual((await topFrame(dc)).line, 13);
      await resumeAndStop(dc, () => dc.nextRequest({ threadId: 1 }));
      assert.strictEqual((await topFrame(dc)).line, 14);
      assert.strictEqual(await evaluate(dc, '*(int*)result'), '0x00000001 (1)');
      const exited = dc.waitForEvent('exited');
      await dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [] });
      await dc.continueRequest({ threadId: 1 });
      assert.strictEqual((await exited).body.exitCode, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('restarts with the same arguments, keeping breakpoints', async () => {
    await launchAndStop(dc, { program: BASIC }, {
      configure: () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26 }] }),
    });
    await resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(await evaluate(dc, 'a0'), '0x00000002 (2)');
    const ev = await resumeAndStop(dc, () => dc.restartRequest({}));
    assert.strictEqual(ev.body.reason, 'breakpoint');
    assert.strictEqual(await evaluate(dc, 'a0'), '0x00000001 (1)', 'the restarted run is at the first call again');
  });

  it('feeds UART input from the uartInput request (text or base64 data)', async () => {
    const stdout = collectOutput(dc, 'stdout');
    await launchAndStop(dc, { program: program('echo.s'), stopOnEntry: true });
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    await dc.customRequest('uartInput', { text: 'hi ' });
    await dc.customRequest('uartInput', { data: Buffer.from('there').toString('base64') });
    for (let i = 0; i < 100 && stdout.text().length < 8; i++) await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(stdout.text(), 'hi there');
    await dc.customRequest('uartInput', { text: 'q' });
    assert.strictEqual((await exited).body.exitCode, 0);
  });

  it('sends invalidated and memory events after changes, when the client supports them', async () => {
    const stopped = dc.waitForEvent('stopped');
    await dc.initializeRequest({ adapterID: 'hyperstep', supportsInvalidatedEvent: true, supportsMemoryEvent: true, pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    await dc.launchRequest({ program: BASIC, stopOnEntry: true } as never);
    await dc.configurationDoneRequest();
    await stopped;
    const invalidated = dc.waitForEvent('invalidated');
    const memoryEvent = dc.waitForEvent('memory');
    await dc.customRequest('writeMemory', { memoryReference: '0x80000068', data: Buffer.from('J').toString('base64') });
    assert.deepStrictEqual((await invalidated).body.areas, ['variables']);
    assert.deepStrictEqual((await memoryEvent).body, { memoryReference: '0x80000068', offset: 0, count: 1 });
    const again = dc.waitForEvent('invalidated');
    await dc.evaluateRequest({ expression: 'set var a0 = 1', context: 'repl' });
    await again;
  });

  it('terminates on request, and disconnect ends the session', async () => {
    await launchAndStop(dc, { program: program('spin.s'), stopOnEntry: true });
    const terminated = dc.waitForEvent('terminated');
    await dc.terminateRequest({});
    await terminated;
    assert.deepStrictEqual((await dc.threadsRequest()).body.threads, []);
    await dc.disconnectRequest({});
  });
});

describe('dap: entry points', function () {
  this.timeout(30000);
  const ROOT = path.resolve(__dirname, '../../..');

  async function overTcp(start: () => ChildProcess, stderrPattern: RegExp): Promise<void> {
    const child = start();
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let err = '';
        child.stderr!.on('data', (d: Buffer) => {
          err += d.toString();
          const m = stderrPattern.exec(err);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`adapter exited (${code}): ${err}`)));
      });
      for (let session = 0; session < 2; session++) {
        const dc = new DebugClient('node', '', 'hyperstep');
        await dc.start(port);
        const ev = await launchAndStop(dc, { program: BASIC, stopOnEntry: true });
        assert.strictEqual(ev.body.reason, 'entry');
        assert.strictEqual((await topFrame(dc)).line, 7);
        await dc.stop();
      }
    } finally {
      child.kill();
    }
  }

  it('serves a new session per TCP connection with --port', async () => {
    await overTcp(() => spawn(process.execPath, [path.join(ROOT, 'out/src/debugAdapter/main.js'), '--port', '0'], { stdio: 'pipe' }), /listening on [\d.]+:(\d+)/);
  });

  it('is `hyperstep dap --port N` in the CLI', async () => {
    await overTcp(() => spawn(process.execPath, [path.join(ROOT, 'out/src/cli/main.js'), 'dap', '--port', '0'], { stdio: 'pipe' }), /listening on [\d.]+:(\d+)/);
  });

  it('runs inline through createDebugSession()', async () => {
    const { createDebugSession } = await import('../../src/debugAdapter/main');
    const s = createDebugSession();
    const sent: { type: string; command?: string; event?: string; success?: boolean }[] = [];
    s.onDidSendMessage((m: unknown) => sent.push(m as never));
    s.handleMessage({ seq: 1, type: 'request', command: 'initialize', arguments: { adapterID: 'hyperstep' } } as never);
    s.handleMessage({ seq: 2, type: 'request', command: 'launch', arguments: { program: BASIC, stopOnEntry: true } } as never);
    s.handleMessage({ seq: 3, type: 'request', command: 'configurationDone', arguments: {} } as never);
    for (let i = 0; i < 100 && !sent.some((m) => m.event === 'stopped'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(sent.some((m) => m.command === 'launch' && m.success));
    assert.ok(sent.some((m) => m.event === 'stopped'));
    s.dispose();
  });
});
