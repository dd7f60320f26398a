/**
 * Debugging a guest under the built-in VMM across VM exits (programs/vmm/guest.s): the exception
 * filter of each exit reason with conditions over the exit, the hypervisor frame (its document:
 * the decoded exit and its phases; its line: the phase that runs next), stepping the phases one
 * at a time with what each changed, stepping out of an exit ("VM entry") and into one from the
 * guest ("VM exit: <reason>"), breakpoints on VMM handler names, and the two toolbar requests.
 *
 * What an exit is follows from the privileged spec (a guest store to guest-physical 0x10000000,
 * which the VMM leaves unmapped in the G stage, is a store/AMO guest-page fault, cause 23, with
 * htval = the guest-physical address >> 2) and from the guest's source (what it stores, which SBI
 * extension it calls); the UART register numbers from the 16550 datasheet (THR at offset 0).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { collectOutput, evaluate, failure, launchAndStop, program, resumeAndStop, startClient, value } from './support';

const GUEST = program('vmm/guest.s');
const LAUNCH = { vms: [{ name: 'vm1', program: GUEST, memory: '16M', vcpus: 1, paging: 'nested' }] };

function lineOf(file: string, text: string): number {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} in ${file}`);
  return i + 1;
}
const UART_STORE = lineOf(GUEST, '# MMIO: VM exit');
const PUTCHAR = lineOf(GUEST, 'SBI legacy console_putchar');
const WRITE_BYTE = lineOf(GUEST, 'SBI DBCN console_write_byte');
const AFTER_PUTCHAR = PUTCHAR + 1;

describe('dap: the built-in VMM, across VM exits', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const frames = async (threadId = 1) => (await dc.stackTraceRequest({ threadId })).body.stackFrames;
  const send = (command: string, args: Record<string, unknown> = {}) => resumeAndStop(dc, () => dc.customRequest(command, { threadId: 1, ...args }));
  async function scope(frameId: number, name: string): Promise<DebugProtocol.Variable[] | undefined> {
    const s = (await dc.scopesRequest({ frameId })).body.scopes.find((x) => x.name === name);
    return s && (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
  }
  const get = (vars: DebugProtocol.Variable[] | undefined, name: string): string => {
    const v = vars?.find((x) => x.name === name);
    assert.ok(v, `${name} among ${vars?.map((x) => x.name).join(', ')}`);
    return v.value;
  };
  const document = async (f: DebugProtocol.StackFrame): Promise<string[]> => {
    assert.ok(f.source?.sourceReference, 'the hypervisor frame has a source reference');
    const r = await dc.sourceRequest({ source: f.source, sourceReference: f.source.sourceReference! });
    return r.body.content.split('\n');
  };

  it('stops on the MMIO exit filter with the hypervisor frame on top of the guest\'s store', async () => {
    const ev = await launchAndStop(dc, LAUNCH, { exceptionFilters: ['vm-exit-mmio'] });
    assert.deepStrictEqual([ev.body.reason, ev.body.description, ev.body.threadId], ['exception', 'VM exit: MMIO access', 1]);
    assert.match(ev.body.text!, /^mmio\.uart\.write: 1-byte write of 0x48 to vm1\.uart0\+0x0 \(gpa 0x10000000\)/);
    const [hyp, guest] = await frames();
    assert.strictEqual(hyp.name, 'mmio.uart.write [VM exit #1: MMIO access]');
    assert.strictEqual(hyp.source?.path, undefined, 'the VMM has no source file: the adapter serves the document');
    assert.deepStrictEqual([guest.source?.path, guest.line, guest.instructionPointerReference], [GUEST, UART_STORE, `gva:vm1:0x${(await value(dc, 'pc')).toString(16)}`]);
    const doc = await document(hyp);
    // A store guest-page fault (cause 23), htval = GPA >> 2, the store of 'H' (0x48) from a0 to THR.
    assert.ok(doc.some((l) => /^scause\s+0x00000017\s+store\/AMO guest-page fault$/.test(l)), doc.join('\n'));
    assert.ok(doc.some((l) => /^htval\s+0x04000000\s+guest-physical 0x10000000/.test(l)));
    assert.ok(doc.some((l) => /^access\s+1-byte write of 0x48 from x10 \(a0\)$/.test(l)));
    assert.ok(doc.some((l) => /^insn\s+0x00a\w+\s+sb\s+a0,/.test(l)), 'the trapped instruction, disassembled');
    // The frame points at the phase that runs next: decode.
    assert.match(doc[hyp.line - 1], /^ {2}decode /);
    assert.deepStrictEqual(doc.filter((l) => /^ {2}\w+ {2,}/.test(l)).map((l) => l.trim().split(/\s+/)[0]), ['decode', 'emulate', 'update', 'resume']);
    // The VMM scope's exit in progress, field by field.
    const vmm = await scope(hyp.id, 'VMM');
    const inProgress = vmm!.find((v) => v.name === 'exit in progress')!;
    const fields = (await dc.variablesRequest({ variablesReference: inProgress.variablesReference })).body.variables;
    assert.strictEqual(get(fields, 'reason'), 'mmio (MMIO access)');
    assert.match(get(fields, 'scause'), /^0x00000017 store\/AMO guest-page fault$/);
    assert.strictEqual(get(fields, 'htval'), '0x04000000 = GPA 0x10000000 >> 2');
    assert.match(get(fields, 'htinst'), /^0x00a\w+ transformed: sb\s+a0,/);
    assert.strictEqual(get(fields, 'device'), 'vm1.uart0 + 0x0');
    const exitInfo = await dc.customRequest('exceptionInfo', { threadId: 1 }) as DebugProtocol.ExceptionInfoResponse;
    assert.strictEqual(exitInfo.body.exceptionId, 'vm-exit-mmio');
    assert.match(exitInfo.body.details!.stackTrace!, /scause 0x17, stval 0x10000000, htval 0x4000000/);
  });

  it('runs one phase per next, shows what it changed, and enters the guest after the last', async () => {
    const out = collectOutput(dc, 'stdout');
    await launchAndStop(dc, LAUNCH, { exceptionFilters: ['vm-exit-mmio'] });
    const docLines = await document((await frames())[0]);
    const phaseAt = async () => docLines[(await frames())[0].line - 1].trim().split(/\s+/)[0];
    let ev = await send('next');
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['step', 'VM exit: MMIO access: emulate']);
    assert.strictEqual(await phaseAt(), 'emulate');
    assert.strictEqual(out.text(), '', 'decoding does not touch the device');
    ev = await send('next');
    assert.strictEqual(await phaseAt(), 'update');
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(out.text(), 'H', 'emulate wrote THR: the byte goes out');
    const changed = await scope((await frames())[0].id, 'Changed by the last phase');
    assert.ok(changed && changed.length > 0 && changed.every((v) => v.name.startsWith('vm1.uart0')), JSON.stringify(changed));
    assert.strictEqual(get(changed, 'vm1.uart0 sent'), '(none) → "H" (0x48)', 'the byte on the wire');
    await send('next');
    assert.strictEqual(await phaseAt(), 'resume');
    ev = await send('next');
    assert.deepStrictEqual([ev.body.description, ev.body.reason], ['VM entry', 'step']);
    const [top] = await frames();
    assert.deepStrictEqual([top.source?.path, top.line], [GUEST, UART_STORE + 1], 'sret past the 4-byte sb');
    const resumed = await scope(top.id, 'Changed by the last phase');
    assert.match(get(resumed, 'V'), /^0 → 1$/, 'sret set V');
    assert.strictEqual(get((await scope(top.id, 'Guest vCPU')), 'mode'), 'VS (V=1)');
  });

  it('steps out of an exit to the guest, and into the next exit from the guest instruction that causes it', async () => {
    await launchAndStop(dc, LAUNCH, { exceptionFilters: ['vm-exit-mmio'] });
    await send('next');
    let ev = await send('stepOut');
    assert.strictEqual(ev.body.description, 'VM entry');
    assert.match(ev.body.text!, /^VM entry: VS-mode at 0x800000\w+ <_start\+0x14>$/);
    await dc.setExceptionBreakpointsRequest({ filters: [] });
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: PUTCHAR }] });
    ev = await resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(ev.body.reason, 'breakpoint');
    ev = await send('stepIn');
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['step', 'VM exit: SBI call']);
    const [hyp, guest] = await frames();
    assert.match(hyp.name, /^sbi\.console_putchar \[VM exit #\d+: SBI call\]$/);
    assert.strictEqual(guest.line, PUTCHAR);
    const vmm = await scope(hyp.id, 'VMM');
    assert.match(get(vmm, 'exit in progress'), /SBI call: sbi\.console_putchar, next phase decode/);
    ev = await send('stepOut');
    assert.strictEqual(ev.body.description, 'VM entry');
    assert.strictEqual((await frames())[0].line, AFTER_PUTCHAR, 'the ecall returns to the next instruction');
    assert.strictEqual(await value(dc, 'a0'), 0, 'legacy putchar returns 0 in a0 (SBI spec, legacy extensions)');
  });

  it('steps over a guest instruction that exits, like over any instruction', async () => {
    await launchAndStop(dc, LAUNCH, { configure: () => dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: PUTCHAR }] }) });
    const ev = await send('next');
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['step', undefined]);
    const [f] = await frames();
    assert.deepStrictEqual([f.line, f.source?.path], [AFTER_PUTCHAR, GUEST]);
  });

  it('takes conditions over the exit: vm, reason, gpa, eid, fid', async () => {
    const log = collectOutput(dc, 'stderr');
    const ev = await launchAndStop(dc, LAUNCH, {
      configure: () => dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [
        { filterId: 'vm-exit-mmio', condition: 'vm == "vm2" || gpa < 0x10000000' },
        { filterId: 'vm-exit-sbi', condition: 'vm == "vm1" && reason == "sbi" && eid == 0x4442434E && fid == 2 && a0 == \'!\'' },
      ] }),
    });
    assert.deepStrictEqual([ev.body.description, ev.body.reason], ['VM exit: SBI call', 'exception']);
    assert.strictEqual((await frames())[1].line, WRITE_BYTE, 'not the putchar before it (fid 0x1 is the legacy extension)');
    assert.match((await frames())[0].name, /^sbi\.dbcn\.write_byte /);
    const bad = await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'vm-exit-mmio', condition: 'vm == ' }, { filterId: 'vm-exit-sbi', condition: 'vm + 1' }] });
    assert.strictEqual(bad.body!.breakpoints![0].verified, false);
    assert.strictEqual(bad.body!.breakpoints![1].verified, true);
    const ev2 = await resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(ev2.body.description, 'VM exit: SBI call', 'a condition that fails to evaluate stops, and says why');
    assert.match(log.text(), /condition failed: text can only be compared with text using == or !=/);
  });

  it('stops before a VMM handler named by a function breakpoint, a dotted prefix covering a family', async () => {
    await launchAndStop(dc, { ...LAUNCH, stopOnEntry: true });
    const bps = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'sbi.dbcn' }, { name: 'mmio.uart.write', hitCondition: '2' }, { name: 'sbx.nothing' }, { name: 'vmm:nothing' }] });
    assert.deepStrictEqual(bps.body.breakpoints.map((b) => b.verified), [true, true, false, false]);
    let ev = await resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.deepStrictEqual([ev.body.reason, ev.body.description, ev.body.hitBreakpointIds], ['function breakpoint', 'VMM handler sbi.dbcn.write_byte', [bps.body.breakpoints[0].id]]);
    const [hyp] = await frames();
    const doc = await document(hyp);
    assert.match(doc[hyp.line - 1], /^ {2}emulate /, 'a handler breakpoint stops before the emulate phase');
    ev = await resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(ev.body.description, 'VMM handler mmio.uart.write');
    assert.strictEqual((await frames())[1].line, lineOf(GUEST, 'sb a0, 0(t0)'), 'the second UART write (the hit condition)');
  });

  it('steps to the next exit of the vCPU, and over the exit an instruction causes (toolbar requests)', async () => {
    await launchAndStop(dc, { ...LAUNCH, stopOnEntry: true });
    let ev = await send('hyperstep/stepToNextExit');
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['step', 'VM exit: MMIO access']);
    ev = await send('hyperstep/stepToNextExit');
    assert.strictEqual(ev.body.description, 'VM exit: SBI call', 'finishes the exit it was in, then runs to the next');
    assert.strictEqual((await frames())[1].line, PUTCHAR);
    ev = await send('hyperstep/stepOverExit');
    assert.strictEqual(ev.body.description, 'VM entry');
    assert.strictEqual((await frames())[0].line, AFTER_PUTCHAR);
    // li a0 (1 instruction), li a7 with a 32-bit constant (lui + addi), li a6 (1): then the ecall.
    for (let i = 0; i < 4; i++) ev = await send('next', { granularity: 'instruction' });
    assert.strictEqual((await frames())[0].line, WRITE_BYTE);
    ev = await send('hyperstep/stepOverExit');
    assert.strictEqual(ev.body.description, 'VM entry');
    assert.strictEqual((await frames())[0].line, WRITE_BYTE + 1);
    ev = await send('hyperstep/stepOverExit');
    assert.match(ev.body.text!, /no VM exit/, 'li a0 runs in the guest');
    assert.match(await failure(dc.customRequest('hyperstep/stepToNextExit', { threadId: 7 })), /unknown threadId 7/);
  });
});
