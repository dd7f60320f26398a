/**
 * Looking at and changing a stopped machine: stack traces, scopes and variables (registers, CSR
 * groups and bit fields, pointed-to memory), setVariable/setExpression, evaluate and the REPL
 * commands, completions, disassembly, read/writeMemory, loaded sources.
 */
import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { evaluate, failure, launchAndStop, memory, program, resumeAndStop, startClient, topFrame, value } from './support';

const BASIC = program('basic.s');

describe('dap: inspection', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  /** Stopped in square (second call: a0 = 2). */
  async function inSquare(): Promise<void> {
    await launchAndStop(dc, { program: BASIC }, { configure: () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26, hitCondition: '2' }] }) });
  }

  async function scope(name: string): Promise<DebugProtocol.Variable[]> {
    const f = await topFrame(dc);
    const scopes = await dc.scopesRequest({ frameId: f.id });
    const s = scopes.body.scopes.find((x) => x.name === name);
    assert.ok(s, `scope ${name}`);
    return (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
  }

  async function children(v: DebugProtocol.Variable): Promise<DebugProtocol.Variable[]> {
    assert.ok(v.variablesReference > 0, `${v.name} has children`);
    return (await dc.variablesRequest({ variablesReference: v.variablesReference })).body.variables;
  }

  it('gives stack frames with sources, addresses and paging', async () => {
    await inSquare();
    const st = await dc.stackTraceRequest({ threadId: 1 });
    assert.strictEqual(st.body.totalFrames, 2);
    assert.deepStrictEqual(st.body.stackFrames.map((f) => [f.name, f.line, f.column, f.source?.name, f.instructionPointerReference]),
      [['square', 26, 5, 'basic.s', '0x80000048'], ['loop+0xc', 13, 5, 'basic.s', '0x80000018']]);
    const second = await dc.stackTraceRequest({ threadId: 1, startFrame: 1, levels: 5 });
    assert.deepStrictEqual(second.body.stackFrames.map((f) => f.name), ['loop+0xc']);
  });

  it('shows registers with ABI names, hex and decimal, pc, mode, and what pointers point to', async () => {
    await inSquare();
    const regs = await scope('Registers');
    const byName = new Map(regs.map((v) => [v.name, v]));
    assert.strictEqual(regs.length, 34);
    assert.strictEqual(byName.get('pc')!.value, '0x80000048 <square>');
    assert.strictEqual(byName.get('mode')!.value, 'M (V=0)');
    assert.strictEqual(byName.get('x0 (zero)')!.value, '0x00000000 (0)');
    assert.strictEqual(byName.get('x10 (a0)')!.value, '0x00000002 (2)');
    assert.strictEqual(byName.get('x9 (s1)')!.evaluateName, 's1');
    const sp = byName.get('x2 (sp)')!;
    assert.strictEqual(sp.value, '0x80000470 <stack_top>');
    assert.strictEqual(sp.memoryReference, '0x80000470');
    const t0 = byName.get('x5 (t0)')!;
    assert.strictEqual(t0.value, '0x80000064 (-2147483548)');
    const words = await children(t0);
    assert.strictEqual(words[0].name, '[+0]');
    assert.strictEqual(words[0].value, '0x00000001 (1)', 'result holds the first square');
    assert.strictEqual(words[1].value, '0x6c6c6568 (1819043176)', '"hell"');
  });

  it('groups CSRs and decodes their bit fields', async () => {
    await inSquare();
    const groups = await scope('CSRs');
    assert.deepStrictEqual(groups.map((g) => g.name), ['Machine', 'Supervisor', 'Counters', 'PMP']);
    const machine = await children(groups[0]);
    const mstatus = machine.find((v) => v.name === 'mstatus')!;
    assert.match(mstatus.value, /^0x00000000/);
    const fields = await children(mstatus);
    assert.ok(fields.some((f) => f.name === 'MPP' && f.value === 'U (0)'));
    assert.ok(fields.some((f) => f.name === 'MIE' && f.value === '0'));
    await dc.setVariableRequest({ variablesReference: mstatus.variablesReference, name: 'MPP', value: '3' });
    assert.strictEqual(await evaluate(dc, 'p/x mstatus'), '0x1800');
    assert.ok(machine.some((v) => v.name === 'mcause'));
    const satp = (await children(groups[1])).find((v) => v.name === 'satp')!;
    assert.deepStrictEqual((await children(satp)).map((f) => f.name), ['MODE', 'ASID', 'PPN']);
    const counters = await children(groups[2]);
    assert.ok(Number(counters.find((v) => v.name === 'minstret')!.value) > 0);
    const pmp = await children(groups[3]);
    assert.ok(pmp.some((v) => v.name === 'pmpaddr15'));
  });

  it('sets registers, pc, CSRs, CSR fields and memory through setVariable', async () => {
    await inSquare();
    const f = await topFrame(dc);
    const scopes = await dc.scopesRequest({ frameId: f.id });
    const regsRef = scopes.body.scopes[0].variablesReference;
    const r = await dc.setVariableRequest({ variablesReference: regsRef, name: 'x10 (a0)', value: '0x10' });
    assert.strictEqual(r.body.value, '0x00000010 (16)');
    assert.strictEqual(await value(dc, 'a0'), 16);
    assert.match(await failure(dc.setVariableRequest({ variablesReference: regsRef, name: 'x0 (zero)', value: '1' })), /hardwired/);
    await dc.setVariableRequest({ variablesReference: regsRef, name: 'x11 (a1)', value: 'a0 * 2 + 1' });
    assert.strictEqual(await value(dc, 'a1'), 33);
    const machine = (await dc.variablesRequest({ variablesReference: (await dc.variablesRequest({ variablesReference: scopes.body.scopes[1].variablesReference })).body.variables[0].variablesReference })).body.variables;
    const mscratch = machine.find((v) => v.name === 'mscratch')!;
    const machineRef = (await dc.variablesRequest({ variablesReference: scopes.body.scopes[1].variablesReference })).body.variables[0].variablesReference;
    assert.ok(mscratch);
    const m = await dc.setVariableRequest({ variablesReference: machineRef, name: 'mscratch', value: '0x1234' });
    assert.strictEqual(m.body.value, '0x00001234');
    assert.match(await failure(dc.setVariableRequest({ variablesReference: machineRef, name: 'mhartid', value: '1' })), /cannot be written/);
    // Memory through a pointer register's children: t0 points at result.
    const regs = (await dc.variablesRequest({ variablesReference: regsRef })).body.variables;
    const words = await children(regs.find((v) => v.name === 'x5 (t0)')!);
    await dc.setVariableRequest({ variablesReference: words[0].variablesReference || (regs.find((v) => v.name === 'x5 (t0)')!.variablesReference), name: '[+0]', value: '99' });
    assert.strictEqual(await value(dc, '*(u32*)result'), 99);
    // The pc moves the program: back to the start of square's caller line.
    await dc.setVariableRequest({ variablesReference: regsRef, name: 'pc', value: 'square + 4' });
    assert.strictEqual((await topFrame(dc)).line, 27);
  });

  it('sets expressions: registers, CSRs and memory locations', async () => {
    await inSquare();
    await dc.customRequest('setExpression', { expression: '*(u32*)result', value: '77' });
    assert.strictEqual((await memory(dc, 0x80000064, 4)).readUInt32LE(0), 77);
    await dc.customRequest('setExpression', { expression: 't1', value: '-5' });
    assert.strictEqual(await evaluate(dc, 't1'), '0xfffffffb (-5)');
    await dc.customRequest('setExpression', { expression: '*(u8*)msg', value: "'J'" });
    assert.strictEqual(await evaluate(dc, 'x/s msg'), '0x80000068 <msg>:\t"jello\\n"'.replace('j', 'J'));
    assert.match(await failure(dc.customRequest('setExpression', { expression: 'a0 + 1', value: '3' })), /cannot be assigned|not something/);
  });

  it('evaluates expressions: numbers, registers, CSRs, symbols, operators, memory', async () => {
    await inSquare();
    const cases: [string, string][] = [
      ['42', '0x0000002a (42)'], ['0x2a', '0x0000002a (42)'], ["'A'", '0x00000041 (65)'], ['-1', '0xffffffff (-1)'],
      ['x10', '0x00000002 (2)'], ['a0', '0x00000002 (2)'], ['$a0', '0x00000002 (2)'], ['pc', '0x80000048 <square>'], ['$sp', '0x80000470 <stack_top>'],
      ['s1 - 7', '0xfffffffe (-2)'], ['(a0 + 3) * 2 % 7', '0x00000003 (3)'], ['1 << 4 | 1', '0x00000011 (17)'], ['~0 >> 28', '0xffffffff (-1)'],
      ['0xf0 >>> 4 ^ 3', '0x0000000c (12)'], ['a0 < 0', '0x00000000 (0)'], ['-1 < 0', '0x00000001 (1)'], ['sp >= 0x80000000', '0x00000001 (1)'],
      ['a0 == 2 && s1 != 4 || 0', '0x00000001 (1)'], ['!a0', '0x00000000 (0)'], ['a0 ? 10 : 20', '0x0000000a (10)'],
      ['msg', '0x80000068 <msg>'], ['&msg', '0x80000068 <msg>'], ['square + 4', '0x8000004c <square+0x4>'],
      ['*(u8*)msg', "0x68 (104 'h')"], ['*(u16*)msg', '0x6568 (25960)'], ['[msg]', '0x6c6c6568 (1819043176)'], ['((u8*)msg)[1]', "0x65 (101 'e')"],
      ['*(u32*)(t0)', '0x00000001 (1)'], ['*(i8*)(msg + 6)', '0x00 (0)'], ['(u8)0x1ff', '0xff (255)'], ['(i16)0xffff', '0xffff (-1)'],
      ['mstatus', '0x00000000 (0)'], ['mhartid', '0x00000000 (0)'], ['misa & (1 << 12) ? 1 : 0', '0x00000001 (1)'],
    ];
    for (const [expr, want] of cases) assert.strictEqual(await evaluate(dc, expr, 'watch'), want, expr);
    assert.match(await failure(dc.evaluateRequest({ expression: 'nosuch + 1', context: 'watch' })), /unknown name 'nosuch'/);
    assert.match(await failure(dc.evaluateRequest({ expression: '1 / (a0 - 2)', context: 'watch' })), /division by zero/);
    assert.match(await failure(dc.evaluateRequest({ expression: '*(u32*)0', context: 'watch' })), /cannot read memory at 0x0/);
    assert.match(await failure(dc.evaluateRequest({ expression: '(1 + ', context: 'watch' })), /ends too early/);
    const hover = await dc.evaluateRequest({ expression: 'msg', context: 'hover' });
    assert.strictEqual(hover.body.memoryReference, '0x80000068');
  });

  it('runs REPL commands: x/, info registers, print, set var, help', async () => {
    await inSquare();
    assert.strictEqual(await evaluate(dc, 'x/4wx t0'), '0x80000064 <result>:\t0x00000001\t0x6c6c6568\t0x00000a6f\t0x00000000');
    assert.strictEqual(await evaluate(dc, 'x/3bx msg'), '0x80000068 <msg>:\t0x68\t0x65\t0x6c');
    assert.strictEqual(await evaluate(dc, 'x/2hd msg'), '0x80000068 <msg>:\t25960\t27756');
    assert.strictEqual(await evaluate(dc, 'x/s msg'), '0x80000068 <msg>:\t"hello\\n"');
    assert.strictEqual(await evaluate(dc, 'x/3i pc'), [
      '=> 0x80000048 <square>:\tmul\ta0,a0,a0',
      '   0x8000004c <square+0x4>:\tret',
      '   0x8000004e <puts>:\tlui\tt1,0x10000',
    ].join('\n'));
    assert.match(await evaluate(dc, 'x/1wx 0'), /cannot read memory/);
    const regs = await evaluate(dc, 'info registers');
    assert.match(regs, /^pc {7}0x80000048 .*<square>$/m);
    assert.match(regs, /^a0 {7}0x00000002 +2 +x10$/m);
    assert.match(await evaluate(dc, 'info registers a0 mstatus'), /^a0 .*0x00000002[\s\S]*^mstatus +0x00000000/m);
    assert.strictEqual(await evaluate(dc, 'p/x 255'), '0xff');
    assert.strictEqual(await evaluate(dc, 'print/d -1'), '-1');
    assert.strictEqual(await evaluate(dc, 'p/t 5'), '101');
    assert.strictEqual(await evaluate(dc, 'set var a0 = 7'), '0x00000007 (7)');
    assert.strictEqual(await value(dc, 'a0'), 7);
    assert.match(await evaluate(dc, 'info symbol 0x8000004c'), /^square\+0x4/);
    assert.match(await evaluate(dc, 'help'), /x\/NFU ADDR/);
  });

  it('prints the Sv32 walk (translate) and the TLB (info tlb)', async () => {
    const paging = program('paging.s');
    await launchAndStop(dc, { program: paging }, { configure: () => dc.setBreakpointsRequest({ source: { path: paging }, breakpoints: [{ line: 53 }] }) });
    assert.strictEqual(await evaluate(dc, 'p/x a1'), '0x2a', 'the store through the mapping landed');
    assert.match(await evaluate(dc, 'info registers'), /^mode +HS \(V=0\)$/m);
    const walk = await evaluate(dc, 'translate 0x40000004');
    assert.match(walk, /^VA 0x40000004 {2}VPN\[1\]=0x100 VPN\[0\]=0x0 offset=0x4$/m);
    assert.match(walk, /satp 0x804[0-9a-f]{5}: Sv32, ASID 1, root table at 0x800[0-9a-f]{5}/);
    assert.match(walk, /level 1: PTE at 0x800[0-9a-f]{5} = 0x[0-9a-f]{8} -------V -> next table at 0x800[0-9a-f]{5}/);
    assert.match(walk, /level 0: PTE at 0x800[0-9a-f]{5} = 0x[0-9a-f]{8} DA---WRV leaf/);
    assert.match(walk, /^PA 0x800[0-9a-f]{2}004$/m);
    assert.match(walk, /permissions: S-mode RW- {2}U-mode ---/);
    const superpage = await evaluate(dc, 'translate pc');
    assert.match(superpage, /\(4 MiB superpage\)/);
    const fault = await evaluate(dc, 'translate 0x50000000');
    assert.match(fault, /page fault: level-1 PTE is not valid \(V=0\)/);
    const tlb = await evaluate(dc, 'info tlb');
    assert.match(tlb, /hart 0, mode HS \(V=0\), satp 0x804[0-9a-f]{5} Sv32 ASID=1/);
    assert.match(tlb, /^ {2}0x40000000 {2}0x800[0-9a-f]{2}000 {5}1 {2}DA---WRV$/m);
    // The guest-virtual view: a0 holds a VA, its memory reference says so.
    const hover = await dc.evaluateRequest({ expression: 'a0', context: 'hover' });
    assert.strictEqual(hover.body.memoryReference, 'va:0x40000000');
    const r = await dc.customRequest('readMemory', { memoryReference: hover.body.memoryReference, count: 4 }) as DebugProtocol.ReadMemoryResponse;
    assert.strictEqual(Buffer.from(r.body!.data!, 'base64').readUInt32LE(0), 42);
    assert.strictEqual(await evaluate(dc, '*(u32*)a0'), '0x0000002a (42)');
  });

  it('completes register, CSR and symbol names and commands', async () => {
    await inSquare();
    const labels = async (text: string, column = text.length + 1) => (await dc.completionsRequest({ text, column })).body.targets.map((t) => t.label);
    const ms = await labels('ms');
    for (const l of ['mstatus', 'mscratch', 'msg']) assert.ok(ms.includes(l), l);
    assert.ok((await labels('a0 + sq')).includes('square'));
    assert.ok((await labels('in')).includes('info registers'));
    assert.ok(!(await labels('a0 + in')).includes('info registers'), 'commands only at the start');
    const t = (await dc.completionsRequest({ text: 'x/4wx sq', column: 9 })).body.targets.find((c) => c.label === 'square')!;
    assert.deepStrictEqual([t.start, t.length], [7, 2]);
  });

  it('disassembles around an address, backwards across 2-byte instructions, with symbols and lines', async () => {
    await inSquare();
    const r = await dc.disassembleRequest({ memoryReference: '0x8000000c', instructionOffset: -4, instructionCount: 10, resolveSymbols: true });
    const ins = r.body!.instructions;
    assert.strictEqual(ins.length, 10);
    assert.deepStrictEqual(ins.slice(0, 5).map((i) => i.address), ['0x80000000', '0x80000004', '0x80000008', '0x8000000a', '0x8000000c']);
    assert.strictEqual(ins[2].instructionBytes, '4401');
    assert.strictEqual(ins[2].instruction, 'li\ts0,0');
    assert.strictEqual(ins[4].symbol, 'loop');
    assert.strictEqual(ins[4].line, 11);
    assert.strictEqual(ins[0].location?.name, 'basic.s');
    assert.strictEqual(ins[7].instruction, 'jalr\t56(ra) # 0x80000048 <square>');
    for (let k = 1; k < ins.length; k++) {
      const prev = Number(ins[k - 1].address), size = ins[k - 1].instructionBytes!.length / 2;
      assert.strictEqual(Number(ins[k].address), prev + size, `contiguous at ${k}`);
    }
    const none = await dc.disassembleRequest({ memoryReference: '0x0', instructionOffset: -2, instructionCount: 4 });
    assert.ok(none.body!.instructions.every((i) => i.instruction === '??' && i.presentationHint === 'invalid'));
    assert.strictEqual(none.body!.instructions.length, 4);
    const boot = await dc.disassembleRequest({ memoryReference: '0x1000', instructionCount: 2 });
    assert.strictEqual(boot.body!.instructions[0].instruction, 'auipc\tt0,0x0', 'the boot ROM is readable');
  });

  it('reads and writes memory, reporting unreadable bytes', async () => {
    await inSquare();
    const read = async (ref: string, count: number, offset = 0) => (await dc.customRequest('readMemory', { memoryReference: ref, count, offset }) as DebugProtocol.ReadMemoryResponse).body!;
    let r = await read('0x80000068', 7);
    assert.strictEqual(Buffer.from(r.data!, 'base64').toString(), 'hello\n\0');
    r = await read('0x80000060', 4, 8);
    assert.strictEqual(r.address, '0x80000068');
    r = await read('0x0', 16);
    assert.strictEqual(r.unreadableBytes, 16);
    r = await read('0x87fffff8', 16);
    assert.strictEqual(Buffer.from(r.data!, 'base64').length, 8);
    assert.strictEqual(r.unreadableBytes, 8);
    const w = await dc.customRequest('writeMemory', { memoryReference: '0x80000068', data: Buffer.from('HELLO').toString('base64') }) as DebugProtocol.WriteMemoryResponse;
    assert.strictEqual(w.body!.bytesWritten, 5);
    assert.match(await failure(dc.customRequest('writeMemory', { memoryReference: '0x87fffffe', data: Buffer.from('abcd').toString('base64') })), /only 2 of them are RAM/);
    const partial = await dc.customRequest('writeMemory', { memoryReference: '0x87fffffe', data: Buffer.from('abcd').toString('base64'), allowPartial: true }) as DebugProtocol.WriteMemoryResponse;
    assert.strictEqual(partial.body!.bytesWritten, 2);
    // The program prints what is in memory now.
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    let out = '';
    dc.on('output', (e: DebugProtocol.OutputEvent) => { if (e.body.category === 'stdout') out += e.body.output; });
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    await exited;
    assert.strictEqual(out, 'HELLO\n');
  });

  it('lists loaded sources and serves their text', async () => {
    await inSquare();
    const ls = await dc.customRequest('loadedSources', {}) as DebugProtocol.LoadedSourcesResponse;
    assert.deepStrictEqual(ls.body.sources.map((s) => s.name), ['basic.s']);
    const src = await dc.sourceRequest({ source: ls.body.sources[0], sourceReference: 0 });
    assert.match(src.body.content, /^# A small program/);
  });

  it('shows each hart as a thread with its own state', async () => {
    await launchAndStop(dc, { program: BASIC, harts: 2 }, { configure: () => dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [{ line: 26 }] }) });
    const st0 = await dc.stackTraceRequest({ threadId: 1 });
    const st1 = await dc.stackTraceRequest({ threadId: 2 });
    assert.strictEqual(st0.body.stackFrames[0].name, 'square');
    assert.ok(st1.body.stackFrames.length >= 1);
    assert.strictEqual(await evaluate(dc, 'mhartid', 'watch', st1.body.stackFrames[0].id), '0x00000001 (1)');
    assert.strictEqual(await evaluate(dc, 'mhartid', 'watch', st0.body.stackFrames[0].id), '0x00000000 (0)');
    await resumeAndStop(dc, () => dc.nextRequest({ threadId: 1 }));
  });
});
