/**
 * Debugging a hypervisor and its guest in one session (programs/hyp: hyp.s + hyp_trap.s run in
 * HS-mode, guest.s in VS-mode, linked at guest-physical 0x80000000 and loaded at host
 * 0x80200000, so both have code at the same numeric addresses). Context-bound breakpoints,
 * stepping through VM exits and entries, the Guest (VS) and Hypervisor scopes, gva:/gpa:/hpa:
 * memory, the 2-D walk, and the object form of "program" with its errors.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { collectOutput, evaluate, failure, launchAndStop, program, registers, resumeAndStop, startClient, topFrame, value } from './support';

const HYP = program('hyp/hyp.s'), TRAP = program('hyp/hyp_trap.s'), GUEST = program('hyp/guest.s');
const GUEST_HPA = 0x80200000, GUEST_GPA = 0x80000000;
const LAUNCH = {
  program: [{ files: [HYP, TRAP], context: 'hypervisor' }, { files: [GUEST], context: 'guest', load: '0x80200000' }],
};

/** The 1-based line of the first line of `file` that contains `text`. */
function lineOf(file: string, text: string): number {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} in ${file}`);
  return i + 1;
}

const GUEST_MAIN = lineOf(GUEST, "li    a0, 'H'");
const FIRST_ECALL = lineOf(GUEST, 'ecall                       # VM exit: putchar');
const SECOND_PUTCHAR = lineOf(GUEST, "li    a0, 'i'");
const MMIO = lineOf(GUEST, '# VM exit: store guest-page fault');
const SHUTDOWN = lineOf(GUEST, 'li    a7, 8');
const HANDLER = lineOf(TRAP, 'csrrw t0, sscratch, t0      # t0 = save area');

describe('dap: hypervisor and guest', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const cont = () => resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
  const step = (kind: 'next' | 'stepIn' | 'stepOut') => resumeAndStop(dc, () => dc.customRequest(kind, { threadId: 1 }));
  const guestBreakpoint = (line: number) => () => dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line }] });

  async function scope(name: string): Promise<DebugProtocol.Variable[]> {
    const f = await topFrame(dc);
    const scopes = await dc.scopesRequest({ frameId: f.id });
    const s = scopes.body.scopes.find((x) => x.name === name);
    assert.ok(s, `scope ${name} among ${scopes.body.scopes.map((x) => x.name).join(', ')}`);
    return (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
  }
  const children = async (v: DebugProtocol.Variable) => (await dc.variablesRequest({ variablesReference: v.variablesReference })).body.variables;
  const field = (vars: DebugProtocol.Variable[], name: string) => { const v = vars.find((x) => x.name === name); assert.ok(v, `${name} among ${vars.map((x) => x.name).join(', ')}`); return v; };
  const read = async (memoryReference: string, count = 4) => {
    const r = await dc.customRequest('readMemory', { memoryReference, count }) as DebugProtocol.ReadMemoryResponse;
    return Buffer.from(r.body?.data ?? '', 'base64');
  };

  it('binds guest source breakpoints to guest-virtual addresses: they stop only with V=1, in the guest\'s source', async () => {
    let bps: DebugProtocol.SetBreakpointsResponse | undefined;
    const ev = await launchAndStop(dc, LAUNCH, { configure: async () => { bps = await guestBreakpoint(GUEST_MAIN)(); } });
    const bp = bps!.body.breakpoints[0];
    assert.strictEqual(bp.verified, true);
    assert.match(bp.instructionReference!, /^gva:0x800000[0-9a-f]{2}$/);
    assert.match(bp.message!, /guest/);
    assert.strictEqual(ev.body.reason, 'breakpoint');
    assert.deepStrictEqual(ev.body.hitBreakpointIds, [bp.id]);
    const f = await topFrame(dc);
    assert.deepStrictEqual([f.source?.path, f.line, f.name], [GUEST, GUEST_MAIN, 'guest_main']);
    assert.strictEqual(f.instructionPointerReference, bp.instructionReference);
    assert.strictEqual((await registers(dc))['mode'], 'VS (V=1)');
    assert.strictEqual(await evaluate(dc, 'p/x pc'), bp.instructionReference!.slice(4));
  });

  it('keeps conditions, hit counts and logpoints working on guest breakpoints', async () => {
    const log = collectOutput(dc, 'console');
    const ev = await launchAndStop(dc, LAUNCH, {
      configure: () => dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [
        { line: FIRST_ECALL, logMessage: 'putchar {a0:c} with vsatp {vsatp:x}, hstatus {hstatus:x}' },
        { line: SHUTDOWN, condition: 'a0 == \'i\' && *gva:0x40000000 == 42', hitCondition: '1' },
      ] }),
    });
    assert.strictEqual(ev.body.reason, 'breakpoint');
    assert.strictEqual((await topFrame(dc)).line, SHUTDOWN);
    // CSR names are as M-mode reads them (the guest's satp is vsatp); hstatus.SPV was cleared by the VM entry.
    const vsatp = await value(dc, 'vsatp'), groot = await value(dc, 'g_vroot');
    assert.strictEqual(vsatp, 0x80000000 + groot / 4096);
    assert.strictEqual(log.text().split('\n').filter((l) => l.startsWith('putchar')).join('|'), `putchar H with vsatp 0x${vsatp.toString(16)}, hstatus 0x100`);
  });

  it('does not stop the guest at a hypervisor breakpoint on the same numeric address, and the reverse', async () => {
    // Both images start at 0x80000000: the hypervisor's _start (run before configurationDone's
    // continue, so never again) and the guest's first instruction (at VM entry, V=1).
    let ib: DebugProtocol.SetInstructionBreakpointsResponse | undefined;
    const ev = await launchAndStop(dc, LAUNCH, {
      configure: async () => {
        ib = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: '0x80000000' }] }) as DebugProtocol.SetInstructionBreakpointsResponse;
        await guestBreakpoint(SHUTDOWN)();
      },
    });
    assert.strictEqual(ib!.body.breakpoints[0].verified, true);
    assert.strictEqual(ib!.body.breakpoints[0].instructionReference, '0x80000000');
    assert.deepStrictEqual([(await topFrame(dc)).line, (await topFrame(dc)).source?.path], [SHUTDOWN, GUEST], 'the guest ran 0x80000000 without stopping');
    assert.notDeepStrictEqual(ev.body.hitBreakpointIds, ib!.body.breakpoints.map((b) => b.id));
    // The same number as a guest-virtual instruction breakpoint stops at the guest's entry.
    const gib = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: 'gva:0x80000000' }] }) as DebugProtocol.SetInstructionBreakpointsResponse;
    assert.match(gib.body.breakpoints[0].message!, /guest/);
    await resumeAndStop(dc, () => dc.restartRequest({}));
    const f = await topFrame(dc);
    assert.deepStrictEqual([f.name, f.source?.path, f.instructionPointerReference], ['guest_start', GUEST, 'gva:0x80000000']);
    assert.strictEqual((await registers(dc))['mode'], 'VS (V=1)');
    const gpa = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: 'gpa:0x80000000' }] }) as DebugProtocol.SetInstructionBreakpointsResponse;
    assert.strictEqual(gpa.body.breakpoints[0].verified, false);
    assert.match(gpa.body.breakpoints[0].message!, /guest-virtual/);
  });

  it('resolves function breakpoints in the context that defines the label', async () => {
    await launchAndStop(dc, { ...LAUNCH, stopOnEntry: true });
    const r = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'guest_main' }, { name: 'hypervisor:hyp_trap' }, { name: 'guest:hyp_trap' }] });
    assert.deepStrictEqual(r.body.breakpoints.map((b) => b.verified), [true, true, false]);
    assert.match(r.body.breakpoints[0].instructionReference!, /^gva:/);
    assert.match(r.body.breakpoints[2].message!, /no symbol 'hyp_trap' in the guest images/);
    let ev = await cont();
    assert.strictEqual(ev.body.reason, 'function breakpoint');
    assert.strictEqual((await topFrame(dc)).name, 'guest_main');
    ev = await cont();
    assert.strictEqual(ev.body.reason, 'function breakpoint');
    const st = await dc.stackTraceRequest({ threadId: 1 });
    assert.match(st.body.stackFrames[0].name, /^hyp_trap \[VM exit: ecall from VS-mode \(from VS\)\]$/);
    assert.strictEqual(st.body.stackFrames[0].source?.path, TRAP);
    assert.deepStrictEqual([st.body.stackFrames[1].source?.path, st.body.stackFrames[1].line], [GUEST, FIRST_ECALL]);
    assert.match(st.body.stackFrames[1].instructionPointerReference!, /^gva:0x800000/);
  });

  it('steps into a VM exit and back to the guest, naming both', async () => {
    await launchAndStop(dc, LAUNCH, { configure: guestBreakpoint(FIRST_ECALL) });
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [] });
    let ev = await step('stepIn');
    assert.strictEqual(ev.body.reason, 'step');
    assert.strictEqual(ev.body.description, 'VM exit: ecall from VS-mode');
    assert.strictEqual(ev.body.text, 'VM exit: ecall from VS-mode');
    let f = await topFrame(dc);
    assert.deepStrictEqual([f.source?.path, f.line], [TRAP, HANDLER]);
    assert.strictEqual((await registers(dc))['mode'], 'HS (V=0)');
    ev = await step('stepOut');
    assert.strictEqual(ev.body.description, 'VM entry');
    assert.match(ev.body.text!, /^VM entry: VS-mode at 0x800000[0-9a-f]{2} <guest_main\+0x[0-9a-f]+>$/);
    f = await topFrame(dc);
    assert.deepStrictEqual([f.source?.path, f.line], [GUEST, SECOND_PUTCHAR]);
    assert.strictEqual((await registers(dc))['mode'], 'VS (V=1)');
    // Stepping line by line through the handler ends with the sret's VM entry.
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: MMIO }] });
    await cont();
    ev = await step('stepIn');
    assert.strictEqual(ev.body.description, 'VM exit: store/AMO guest-page fault');
    const texts: string[] = [];
    for (let i = 0; i < 40 && ev.body.description !== 'VM entry'; i++) {
      ev = await step('stepIn');
      texts.push(ev.body.description ?? '');
    }
    assert.strictEqual(ev.body.description, 'VM entry', 'the handler returned to the guest');
    assert.ok(texts.slice(0, -1).every((t) => t === ''), 'no other context change on the way');
    f = await topFrame(dc);
    assert.deepStrictEqual([f.source?.path, f.line], [GUEST, SHUTDOWN]);
  });

  it('steps back out of the hypervisor into the guest, and reverse-continues to a guest breakpoint', async () => {
    await launchAndStop(dc, LAUNCH, { configure: guestBreakpoint(FIRST_ECALL) });
    const ev = await step('stepIn');
    assert.strictEqual(ev.body.description, 'VM exit: ecall from VS-mode');
    const back = await resumeAndStop(dc, () => dc.stepBackRequest({ threadId: 1, granularity: 'instruction' }));
    assert.strictEqual(back.body.reason, 'step');
    let f = await topFrame(dc);
    assert.deepStrictEqual([f.source?.path, f.line], [GUEST, FIRST_ECALL]);
    assert.strictEqual((await registers(dc))['mode'], 'VS (V=1)');
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: SECOND_PUTCHAR }] });
    await cont();
    assert.deepStrictEqual([(await topFrame(dc)).line, (await registers(dc))['mode']], [SECOND_PUTCHAR, 'VS (V=1)'], 'guest breakpoints work after stepping back');
    // Forward to the shutdown line, then back to the guest breakpoint (V=1) we passed.
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: SHUTDOWN }] });
    await cont();
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: SECOND_PUTCHAR }] });
    await resumeAndStop(dc, () => dc.reverseContinueRequest({ threadId: 1 }));
    f = await topFrame(dc);
    assert.deepStrictEqual([f.source?.path, f.line], [GUEST, SECOND_PUTCHAR]);
    // The guest breakpoint set is the one in force again after re-execution: it stops going forward.
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: MMIO }] });
    await cont();
    assert.deepStrictEqual([(await topFrame(dc)).line, (await registers(dc))['mode']], [MMIO, 'VS (V=1)']);
  });

  it('steps over a guest instruction that exits and is resumed, like over a call', async () => {
    const out = collectOutput(dc, 'stdout');
    await launchAndStop(dc, LAUNCH, { configure: guestBreakpoint(FIRST_ECALL) });
    const ev = await step('next');
    assert.strictEqual(ev.body.reason, 'step');
    assert.strictEqual(ev.body.description, undefined);
    const f = await topFrame(dc);
    assert.deepStrictEqual([f.source?.path, f.line], [GUEST, SECOND_PUTCHAR]);
    assert.strictEqual(out.text(), 'H', 'the hypervisor handled the exit');
    assert.strictEqual((await registers(dc))['mode'], 'VS (V=1)');
  });

  it('stops on VM exits by kind, with conditions over the trap (exception filters for H causes)', async () => {
    const init = await dc.initializeRequest();
    const ids = (init.body?.exceptionBreakpointFilters ?? []).map((x) => x.filter);
    for (const id of ['ecall-vs', 'fetch-guest-page-fault', 'load-guest-page-fault', 'virtual-instruction', 'store-guest-page-fault']) assert.ok(ids.includes(id), id);
    const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
    await dc.launchRequest(LAUNCH as never);
    await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'store-guest-page-fault', condition: 'virt && gpa == 0x90000000' }, { filterId: 'ecall-vs', condition: 'a0 == 0' }] });
    await dc.configurationDoneRequest();
    const ev = await stopped;
    assert.strictEqual(ev.body.reason, 'exception');
    assert.strictEqual(ev.body.description, 'Exception: store/AMO guest-page fault (from VS)');
    assert.match(ev.body.text!, /^store\/AMO guest-page fault \(from VS\) at 0x800000[0-9a-f]{2} <guest_main\+0x[0-9a-f]+>, tval 0x90000000$/);
    const info = await dc.exceptionInfoRequest({ threadId: 1 });
    assert.strictEqual(info.body.exceptionId, 'store-guest-page-fault');
    const trap = await scope('Trap');
    assert.strictEqual(field(trap, 'from').value, 'VS');
    assert.match(field(trap, 'epc').value, /<guest_main\+0x/);
  });

  it('shows the mode with V, the guest\'s CSRs as it reads them and the hypervisor\'s decoded', async () => {
    await launchAndStop(dc, LAUNCH, { configure: guestBreakpoint(MMIO) });
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [] });
    const groot = await value(dc, 'h_groot'), vroot = await value(dc, 'g_vroot');
    // In the guest: its satp is vsatp (Sv32, root g_vroot); the Registers scope says VS.
    const guest = await scope('Guest (VS)');
    assert.deepStrictEqual(guest.map((v) => v.name), ['sstatus', 'sie', 'sip', 'stvec', 'sscratch', 'sepc', 'scause', 'stval', 'satp']);
    const satp = field(guest, 'satp');
    assert.strictEqual(satp.evaluateName, 'vsatp');
    assert.strictEqual(satp.value, `0x${(0x80000000 + vroot / 4096).toString(16)} Sv32 ASID=0 root=0x${vroot.toString(16)}`);
    const satpFields = await children(satp);
    assert.deepStrictEqual(satpFields.map((x) => [x.name, x.value]), [['MODE', 'Sv32'], ['ASID', '0x0'], ['PPN', `root page table at 0x${vroot.toString(16)} (${vroot / 4096})`]]);
    assert.strictEqual(field(guest, 'sstatus').evaluateName, 'vsstatus');
    // Exit on the store: the Hypervisor scope decodes the exit.
    await step('stepIn');
    const hyp = await scope('Hypervisor');
    const hstatus = await children(field(hyp, 'hstatus'));
    assert.deepStrictEqual(hstatus.map((x) => x.name), ['VSBE', 'GVA', 'SPV', 'SPVP', 'HU', 'VGEIN', 'VTVM', 'VTW', 'VTSR']);
    assert.strictEqual(field(hstatus, 'SPV').value, '1 (trap came from the guest; sret enters it)');
    assert.strictEqual(field(hstatus, 'SPVP').value, 'VS');
    assert.strictEqual(field(hstatus, 'GVA').value, '1', 'stval holds the guest-virtual address');
    assert.strictEqual(field(hyp, 'htval').value, '0x24000000 GPA 0x90000000');
    // The spec lets htinst be 0 or the transformed store (rs1 and offset zeroed: sw t5, 0(zero)).
    assert.match(field(hyp, 'htinst').value, /^(0x00000000 none \(no instruction information\)|0x01e02023 transformed: sw\s+t5,0\(zero\))$/);
    assert.strictEqual(field(hyp, 'hgatp').value, `0x${(0x80400000 + groot / 4096).toString(16)} Sv32x4 VMID=1 root=0x${groot.toString(16)}`);
    assert.deepStrictEqual((await children(field(hyp, 'hgatp'))).map((x) => x.name), ['MODE', 'VMID', 'PPN']);
    const medeleg = await evaluate(dc, 'p/x medeleg');
    assert.strictEqual(medeleg, '0xf00400');
    assert.match(field(hyp, 'hedeleg').value, /^0x00000000$/);
    assert.ok((await children(field(hyp, 'hedeleg'))).some((x) => x.name === 'ecall from U-mode (8)'));
    assert.deepStrictEqual((await children(field(hyp, 'hideleg'))).map((x) => x.name),
      ['virtual supervisor software interrupt (2)', 'virtual supervisor timer interrupt (6)', 'virtual supervisor external interrupt (10)']);
    assert.deepStrictEqual((await children(field(hyp, 'hip'))).map((x) => x.name), ['VSSIP', 'VSTIP', 'VSEIP', 'SGEIP']);
    assert.deepStrictEqual((await children(field(hyp, 'mstatush'))).map((x) => x.name), ['SBE', 'MBE', 'GVA', 'MPV']);
    assert.strictEqual((await registers(dc))['mode'], 'HS (V=0)');
    // CSR writes from the Variables view: htinst decodes pseudo and transformed instructions.
    const ref = (await dc.scopesRequest({ frameId: (await topFrame(dc)).id })).body.scopes.find((s) => s.name === 'Hypervisor')!.variablesReference;
    let r = await dc.setVariableRequest({ variablesReference: ref, name: 'htinst', value: '0x2000' });
    assert.match(r.body.value, /^0x00002000 pseudo-instruction: implicit 32-bit read of a VS-stage PTE/);
    r = await dc.setVariableRequest({ variablesReference: ref, name: 'htinst', value: '0x2083' });
    assert.match(r.body.value, /^0x00002083 transformed: lw\s+ra,0\(zero\)$/);
    // c.lw a0, 0(a1) trapped: its 32-bit form with rs1 and offset zeroed and bit 1 clear (H spec, "Transformed Instruction").
    r = await dc.setVariableRequest({ variablesReference: ref, name: 'htinst', value: '0x2501' });
    assert.match(r.body.value, /^0x00002501 transformed from a compressed instruction: lw\s+a0,0\(zero\)$/);
    const gref = (await dc.scopesRequest({ frameId: (await topFrame(dc)).id })).body.scopes.find((s) => s.name === 'Guest (VS)')!.variablesReference;
    await dc.setVariableRequest({ variablesReference: gref, name: 'sscratch', value: '0x1234' });
    assert.strictEqual(await evaluate(dc, 'p/x vsscratch'), '0x1234');
  });

  it('reads and writes guest-virtual, guest-physical and host-physical memory', async () => {
    await launchAndStop(dc, LAUNCH, { configure: guestBreakpoint(MMIO) });
    const data = await value(dc, 'g_data');
    const hpa = GUEST_HPA + (data - GUEST_GPA);
    assert.strictEqual((await read('gva:0x40000000')).readUInt32LE(0), 42);
    assert.strictEqual((await read(`gpa:0x${data.toString(16)}`)).readUInt32LE(0), 42);
    assert.strictEqual((await read(`hpa:0x${hpa.toString(16)}`)).readUInt32LE(0), 42);
    assert.strictEqual((await read('0x40000000')).length, 0, 'host-physical 0x40000000 is not memory');
    assert.strictEqual((await read('gpa:0x90000000')).length, 0, 'the G stage does not back GPA 0x90000000');
    // Expressions: the hart is in the guest, so plain addresses are guest-virtual.
    assert.strictEqual(await evaluate(dc, '*(u32*)0x40000000'), '0x0000002a (42)');
    assert.strictEqual(await evaluate(dc, '*gva:0x40000000'), '0x0000002a (42)');
    assert.strictEqual(await evaluate(dc, `*(u32*)gpa:0x${data.toString(16)}`), '0x0000002a (42)');
    const e = await dc.evaluateRequest({ expression: 'gva:0x40000000', context: 'watch' });
    assert.strictEqual(e.body.result, `gva:0x40000000 = hpa:0x${hpa.toString(16)}`);
    assert.strictEqual(e.body.memoryReference, 'gva:0x40000000');
    assert.match(await evaluate(dc, 'x/2wx gva:0x40000000'), /^gva:0x40000000:\t0x0000002a\t0x00000000$/);
    // Writes go where the walk says, and set no A/D bits on the way (the debugger walks side-effect free).
    await dc.customRequest('writeMemory', { memoryReference: 'gva:0x40000004', data: Buffer.from([7, 0, 0, 0]).toString('base64') });
    assert.strictEqual((await read(`hpa:0x${(hpa + 4).toString(16)}`)).readUInt32LE(0), 7);
    await dc.customRequest('setExpression', { expression: '*(u32*)gpa:0x' + (data + 8).toString(16), value: '9' });
    assert.strictEqual((await read(`hpa:0x${(hpa + 8).toString(16)}`)).readUInt32LE(0), 9);
    // In the hypervisor (after the exit), plain addresses are the host's; gva: still reaches the guest.
    await step('stepIn');
    assert.match(await failure(dc.evaluateRequest({ expression: '*(u32*)0x40000000', context: 'repl' })), /cannot read memory at 0x40000000/);
    assert.strictEqual(await evaluate(dc, '*gva:0x40000000'), '0x0000002a (42)');
    // The guest frame's instruction reference disassembles in the guest.
    const st = await dc.stackTraceRequest({ threadId: 1 });
    const guestFrame = st.body.stackFrames[1];
    const dis = await dc.disassembleRequest({ memoryReference: guestFrame.instructionPointerReference!, instructionCount: 1 });
    assert.match(dis.body!.instructions[0].instruction, /^sw\s+t5,0\(t4\)$/);
    assert.strictEqual(dis.body!.instructions[0].line, MMIO);
  });

  it('prints the two-dimensional walk of a guest-virtual address, and where a walk fails', async () => {
    await launchAndStop(dc, LAUNCH, { configure: guestBreakpoint(MMIO) });
    const groot = await value(dc, 'h_groot'), gl0 = await value(dc, 'h_gl0');
    const vroot = await value(dc, 'g_vroot'), vl0b = await value(dc, 'g_vl0b'), data = await value(dc, 'g_data');
    const host = (gpa: number) => GUEST_HPA + (gpa - GUEST_GPA);
    const walk = await evaluate(dc, 'translate gva 0x40000000');
    const refs = walk.split('\n').filter((l) => /^ ?\d+\. /.test(l));
    // The spec's algorithm: G stage of the VS root PTE's GPA (root[GPA >> 22], then the level-0
    // table), the VS PTE; the same for the VS level-0 PTE; then the G stage of the data GPA.
    const g = (gpa: number) => [groot + 4 * Math.floor(gpa / 2 ** 22), gl0 + 4 * ((gpa >>> 12) & 0x3ff)];
    const vsL1 = vroot + 4 * (0x40000000 >>> 22), vsL0 = vl0b + 0;
    const expected = [...g(vsL1), host(vsL1), ...g(vsL0), host(vsL0), ...g(data)];
    assert.strictEqual(refs.length, 8, walk);
    refs.forEach((l, i) => {
      assert.ok(l.startsWith(`${String(i + 1).padStart(2)}. `), l);
      assert.ok(l.includes(`HPA 0x${expected[i].toString(16).padStart(8, '0')})`) || l.includes(`HPA 0x${expected[i].toString(16).padStart(8, '0')} =`), `${l} reads 0x${expected[i].toString(16)}`);
      assert.match(l, /= 0x[0-9a-f]{8} {2}[-DAGUXWRV]{8} {2}/);
    });
    assert.match(refs[2], / VS level 1 .*next table at GPA/);
    assert.match(refs[7], / G {2}level 0 .*DA-UXWRV {2}leaf \(4 KiB page\)/);
    assert.match(walk, new RegExp(`^GVA 0x40000000 -> GPA 0x${data.toString(16)} -> HPA 0x${host(data).toString(16)}$`, 'm'));
    assert.match(walk, /^8 memory references \(VS stage 2, G stage 6\)$/m);
    // From the guest, a plain translate is the same walk.
    assert.strictEqual(await evaluate(dc, 'translate 0x40000000'), walk);
    const gpa = await evaluate(dc, `translate gpa 0x${data.toString(16)}`);
    assert.match(gpa, new RegExp(`^GPA 0x${data.toString(16)} -> HPA 0x${host(data).toString(16)}$`, 'm'));
    assert.match(await evaluate(dc, 'translate gpa 0x90000000'), /walk fails at step 1 \(G stage\): guest-page fault: the level-1 PTE is not valid \(V=0\)[^\n]*\na guest access would take a guest-page fault with htval = 0x24000000/);
    assert.match(await evaluate(dc, 'translate gpa 0x80010000'), /walk fails at step 2 \(G stage\): guest-page fault: the G-stage leaf has U=0/);
    assert.match(await evaluate(dc, 'translate gpa 0xa0000000'), /walk fails at step 1 \(G stage\): guest-page fault: misaligned superpage/);
    // GVA 0x90000000 is a VS 4 MiB superpage (3 references) whose GPA the G stage lacks.
    assert.match(await evaluate(dc, 'translate gva 0x90000000'), /leaf \(4 MiB superpage\)[^]*walk fails at step 4 \(G stage\)/);
    assert.match(await evaluate(dc, 'translate gva 0x50000000'), /walk fails at step 3 \(VS stage\): page fault: the level-1 PTE is not valid/);
  });

  it('watches guest-virtual data: the write through GVA 0x40000000 stops, in the guest', async () => {
    await launchAndStop(dc, LAUNCH, { configure: guestBreakpoint(GUEST_MAIN) });
    const info = await dc.dataBreakpointInfoRequest({ name: 'gva:0x40000000', asAddress: true } as DebugProtocol.DataBreakpointInfoArguments);
    assert.strictEqual(info.body.dataId, 'gva:0x40000000/4');
    const plain = await dc.dataBreakpointInfoRequest({ name: '*(u32*)0x40000000' });
    assert.strictEqual(plain.body.dataId, 'gva:0x40000000/4', 'in the guest, plain addresses are guest-virtual');
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }, { dataId: '0x40000000/4', accessType: 'write' }] });
    const ev = await cont();
    assert.strictEqual(ev.body.reason, 'data breakpoint');
    assert.strictEqual(ev.body.description, 'Data breakpoint: write of 0x2a (4 bytes) at gva:0x40000000');
    assert.strictEqual(ev.body.hitBreakpointIds!.length, 1);
    assert.strictEqual((await registers(dc))['mode'], 'VS (V=1)');
  });

  it('checks the object form of "program" and names the field and element of every error', async () => {
    const launchError = async (args: Record<string, unknown>): Promise<string> => {
      await dc.initializeRequest();
      return failure(dc.launchRequest(args as never));
    };
    const guest = (extra: Record<string, unknown>) => ({ program: [{ files: [HYP, TRAP] }, { files: [GUEST], context: 'guest', ...extra }] });
    assert.match(await launchError(guest({ load: 'zzz' })), /^launch\.json: "program"\[1\]\.load must be a physical address such as "0x80200000" \(got "zzz"\)$/);
    assert.match(await launchError(guest({ load: '0x80200001' })), /"program"\[1\]\.load 0x80200001 must be 4-byte aligned/);
    assert.match(await launchError(guest({ load: '0x10000000' })), /"program"\[1\]\.load 0x10000000 puts "program"\[1\] \(guest\.s\) at 0x10000000\.\.0x100000ca, outside memory \(DRAM is 0x80000000\.\.0x88000000\)/);
    assert.match(await launchError(guest({ context: 'host', load: '0x80200000' })), /"program"\[1\]\.context must be "hypervisor" or "guest" \(got "host"\)/);
    assert.match(await launchError({ program: [{ file: HYP }] }), /"program"\[0\] has an unknown field "file"/);
    assert.match(await launchError({ program: [{ files: [] }] }), /"program"\[0\]\.files must be a non-empty array of file paths/);
    assert.match(await launchError({ program: [{ files: [HYP] }, GUEST] }), /"program"\[1\] is a path, but other elements are images/);
    assert.match(await launchError({ program: [{ files: [GUEST], context: 'guest' }] }), /"program" needs an image with "context": "hypervisor"/);
    assert.match(await launchError({ program: [{ files: [HYP, TRAP] }, { files: ['/no/such/guest.s'], context: 'guest' }] }), /"program"\[1\]\.files: \/no\/such\/guest\.s: no such file/);
    assert.match(await launchError(guest({})), /"program"\[1\] \(guest\.s\) \(0x80000000\.\.0x[0-9a-f]+\) overlaps "program"\[0\] \(hyp\.s, hyp_trap\.s\)/);
    assert.match(await launchError({ ...LAUNCH, hypervisor: 'yes' }), /"hypervisor" must be true or false/);
  });

  it('reports assembly errors of a guest image with file and line, and runs without H when told', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-guest-'));
    const bad = path.join(dir, 'bad.s');
    fs.writeFileSync(bad, '  nop\n  frobnicate a0\n');
    const errors = collectOutput(dc, 'stderr');
    await dc.initializeRequest();
    const msg = await failure(dc.launchRequest({ program: [{ files: [HYP, TRAP] }, { files: [bad], context: 'guest', load: '0x80200000' }] } as never));
    assert.match(msg, /assembly failed/);
    assert.match(errors.text(), new RegExp(`${bad.replace(/[/\\\\.]/g, '\\$&')}:2:3: error`));
    fs.rmSync(dir, { recursive: true });
    // "hypervisor": false gives a hart without H: no guest scopes, and the hypervisor's CSR writes trap.
    const dc2 = await startClient();
    try {
      await launchAndStop(dc2, { program: program('basic.s'), stopOnEntry: true, hypervisor: false });
      const scopes = await dc2.scopesRequest({ frameId: (await topFrame(dc2)).id });
      assert.deepStrictEqual(scopes.body.scopes.map((s) => s.name), ['Registers', 'CSRs']);
      assert.match(await failure(dc2.evaluateRequest({ expression: 'translate gva 0x1000', context: 'repl' })), /hypervisor extension/);
    } finally {
      await dc2.stop();
    }
  });
});
