/**
 * Looking at guests under the built-in VMM: a thread per vCPU (registers and stack of a vCPU that
 * is not on a hart come from the state the VMM saved), breakpoints that belong to one VM although
 * two VMs run code at the same guest-virtual addresses, every kind of breakpoint in a guest, the
 * Guest vCPU / VMM / VM statistics scopes, memory in gva:vm1: / gpa:vm1: / hpa: and the 2-D walk
 * of `translate vm1`, and each VM's console prefixed with its name.
 *
 * Expected values come from the guests' sources and the specs: the SBI spec for what hart_start
 * hands the new hart (a0 = hart id, a1 = opaque) and returns (SBI_SUCCESS = 0), the privileged
 * spec for the walk (vsatp Bare: GVA = GPA; Sv32x4 with 4 KiB pages: two G-stage references).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { collectOutput, evaluate, launchAndStop, program, resumeAndStop, startClient, value } from './support';

const GUEST = program('vmm/guest.s'), OTHER = program('vmm/other.s');
const SMP = path.join(__dirname, '../../../examples/guests/smp/smp.s');
const ONE = { vms: [{ name: 'vm1', program: GUEST, memory: '16M' }] };
const TWO = { vms: [{ name: 'vm1', program: GUEST, memory: '16M' }, { name: 'vm2', program: OTHER, memory: '8M' }] };

function lines(file: string): string[] { return fs.readFileSync(file, 'utf8').split('\n'); }
function lineOf(file: string, text: string, after = 0): number {
  const i = lines(file).findIndex((l, k) => k >= after && l.includes(text));
  assert.ok(i >= 0, `${text} in ${file}`);
  return i + 1;
}

describe('dap: the built-in VMM: threads, breakpoints, variables, memory', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const cont = (threadId = 1) => resumeAndStop(dc, () => dc.continueRequest({ threadId }));
  const frames = async (threadId = 1) => (await dc.stackTraceRequest({ threadId })).body.stackFrames;
  async function scope(name: string, threadId = 1, frame = 0): Promise<DebugProtocol.Variable[]> {
    const f = (await frames(threadId))[frame];
    const s = (await dc.scopesRequest({ frameId: f.id })).body.scopes.find((x) => x.name === name);
    assert.ok(s, `scope ${name}`);
    return (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
  }
  const get = (vars: DebugProtocol.Variable[], name: string): DebugProtocol.Variable => {
    const v = vars.find((x) => x.name === name);
    assert.ok(v, `${name} among ${vars.map((x) => x.name).join(', ')}`);
    return v;
  };
  const num = (text: string): number => Number(text.split(' ')[0]);

  it('has a thread per vCPU; a vCPU off the hart shows its saved registers and stack', async () => {
    const secondary = lineOf(SMP, 'la sp, stack1_top');
    const ev = await launchAndStop(dc, { vms: [{ name: 'vm1', program: SMP, vcpus: 2 }] }, {
      configure: () => dc.setBreakpointsRequest({ source: { path: SMP }, breakpoints: [{ line: secondary }] }),
    });
    assert.deepStrictEqual((await dc.threadsRequest()).body.threads, [{ id: 1, name: 'vm1/vcpu0' }, { id: 2, name: 'vm1/vcpu1' }]);
    assert.deepStrictEqual([ev.body.threadId, ev.body.reason], [2, 'breakpoint']);
    const regs1 = await scope('Guest vCPU', 2);
    assert.strictEqual(num(get(regs1, 'x10 (a0)').value), 1, 'hart_start: a0 = the hart id');
    assert.strictEqual(num(get(regs1, 'x11 (a1)').value), 0x5eed0001, 'hart_start: a1 = opaque');
    // vCPU 0 asked for it, then waits for an IPI in wfi: halted, off the only hart.
    const vmm0 = await scope('VMM', 1);
    assert.match(get(vmm0, 'vCPU').value, /^vm1\/vcpu0: not on a hart \(halted\)$/);
    assert.strictEqual(get(vmm0, 'exit in progress').value, 'none');
    const regs0 = await scope('Guest vCPU', 1);
    assert.strictEqual(num(get(regs0, 'x8 (s0)').value), 0, 'hart_start returned SBI_SUCCESS into a0, kept in s0');
    const wait = lineOf(SMP, 'wait_ipi:');
    const [top, caller] = await frames(1);
    assert.deepStrictEqual([top.name, top.line], ['wait_ipi+0x10', wait + 5], 'resumed past wfi (sepc + 4)');
    assert.strictEqual(caller.source?.path, SMP);
    assert.strictEqual(await evaluate(dc, 'p/x pc', 'repl', top.id), top.instructionPointerReference!.replace('gva:vm1:', ''), 'evaluate in a frame of the off-hart vCPU');
    assert.strictEqual(await evaluate(dc, 'sp == 0', 'repl', (await frames(2))[0].id), '0x00000001 (1)', 'vCPU 1 has not set up its stack yet');
    assert.strictEqual(await evaluate(dc, 'sp == 0', 'repl', top.id), '0x00000000 (0)');
    // Its saved registers can be changed too (and vCPU 1's, on the hart, as usual).
    const regsRef = (await dc.scopesRequest({ frameId: top.id })).body.scopes.find((x) => x.name === 'Guest vCPU')!.variablesReference;
    const set = await dc.setVariableRequest({ variablesReference: regsRef, name: 'x9 (s1)', value: '0x1234' });
    assert.match(set.body.value, /^0x00001234/);
    const sscratch = await dc.setVariableRequest({ variablesReference: regsRef, name: 'sscratch', value: '0x55' });
    assert.match(sscratch.body.value, /^0x00000055/);
    assert.strictEqual(await evaluate(dc, 'p/x s1', 'repl', top.id), '0x1234');
    assert.strictEqual(await evaluate(dc, 'p/x vsscratch', 'repl', top.id), '0x55', 'the guest\'s sscratch is its vsscratch');
    // The disassembly of its frame: guest-virtual, with the guest's symbols and lines.
    const dis = await dc.customRequest('disassemble', { memoryReference: top.instructionPointerReference, instructionCount: 2 }) as DebugProtocol.DisassembleResponse;
    assert.deepStrictEqual(dis.body!.instructions.map((i) => i.line), [wait + 5, wait + 6]);
    assert.strictEqual(dis.body!.instructions[0].instruction.split(/\s+/)[0], 'j');
    assert.strictEqual(dis.body!.instructions[0].address, `0x${top.instructionPointerReference!.replace('gva:vm1:0x', '').padStart(8, '0')}`);
  });

  it('steps a vCPU that has not started yet: it runs until the guest starts it, and stops where it enters', async () => {
    const secondary = lineOf(SMP, 'la sp, stack1_top');
    await launchAndStop(dc, { vms: [{ name: 'vm1', program: SMP, vcpus: 2 }], harts: 2, stopOnEntry: true });
    assert.match(get(await scope('VMM', 2), 'hsm').value, /^STOPPED$/, 'SBI HSM: only hart 0 runs at boot');
    const ev = await resumeAndStop(dc, () => dc.stepInRequest({ threadId: 2 }));
    assert.deepStrictEqual([ev.body.threadId, ev.body.description], [2, 'VM entry']);
    const [f] = await frames(2);
    assert.deepStrictEqual([f.line, f.name], [secondary, 'secondary']);
    const regs = await scope('Guest vCPU', 2);
    assert.deepStrictEqual([num(get(regs, 'x10 (a0)').value), num(get(regs, 'x11 (a1)').value)], [1, 0x5eed0001]);
    assert.match(get(await scope('VMM', 2), 'vCPU').value, /^vm1\/vcpu1: hart \d, running the guest/);
  });

  it('binds a guest breakpoint to its VM: the other VM runs the same addresses and passes', async () => {
    const store = lineOf(GUEST, '# MMIO: VM exit'), done = lineOf(OTHER, 'li a0, 0');
    const out = collectOutput(dc, 'stdout');
    let bps: DebugProtocol.SetBreakpointsResponse | undefined;
    let ev = await launchAndStop(dc, TWO, {
      configure: async () => {
        bps = await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: store }] });
        await dc.setBreakpointsRequest({ source: { path: OTHER }, breakpoints: [{ line: done }] });
      },
    });
    const bp = bps!.body.breakpoints[0];
    assert.match(bp.instructionReference!, /^gva:vm1:0x80000010$/);
    assert.match(bp.message!, /in vm1/);
    assert.deepStrictEqual([ev.body.threadId, ev.body.hitBreakpointIds], [1, [bp.id]]);
    // vm2's code at the same address: `lbu a0, 0(s0)` of its print loop (other.s, two la before it).
    assert.strictEqual(lines(OTHER)[lineOf(OTHER, 'print:')], '  lbu a0, 0(s0)');
    ev = await cont();
    assert.deepStrictEqual([ev.body.threadId, (await frames(2))[0].line], [2, done], 'vm2 passed 0x80000010 five times');
    assert.deepStrictEqual((await dc.threadsRequest()).body.threads.map((t) => t.name), ['vm1/vcpu0', 'vm2/vcpu0']);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepStrictEqual(out.text().split('\n'), ['[vm1] Hi!', '[vm1] 3', '[vm2] two', '']);
  });

  it('keeps conditions, hit counts, logpoints, labels, instruction and data breakpoints working in a guest', async () => {
    const log = collectOutput(dc, 'console');
    const counterStore = lineOf(GUEST, 'counter += 1');
    const ev0 = await launchAndStop(dc, ONE, {
      configure: async () => {
        await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: counterStore, logMessage: 'counter {*(u32*)counter} s1 {s1}' }] });
        await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'vm1:putc', condition: 'a0 == \'3\'' }] });
      },
    });
    assert.deepStrictEqual([ev0.body.reason, (await frames())[0].name], ['function breakpoint', 'putc']);
    assert.strictEqual(await value(dc, 'a0'), '3'.charCodeAt(0), 'the condition held on the third putc only');
    assert.deepStrictEqual(log.text().split('\n').filter((l) => l.startsWith('counter')), ['counter 0 s1 3', 'counter 1 s1 2', 'counter 2 s1 1']);
    // Data breakpoint on the counter, and an instruction breakpoint with a hit count, after a restart.
    const info = await dc.dataBreakpointInfoRequest({ name: 'counter' });
    assert.match(info.body.dataId!, /^gva:vm1:0x800000[0-9a-f]{2}\/4$/);
    await dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [] });
    const loop = await value(dc, 'loop');
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    const ib = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: `gva:vm1:0x${loop.toString(16)}`, hitCondition: '3' }] }) as DebugProtocol.SetInstructionBreakpointsResponse;
    assert.strictEqual(ib.body.breakpoints[0].verified, true);
    let ev = await resumeAndStop(dc, () => dc.restartRequest({}));
    assert.strictEqual(ev.body.reason, 'data breakpoint');
    assert.match(ev.body.description!, /write of 0x1 \(4 bytes\) at gva:vm1:0x/);
    ev = await cont();
    assert.strictEqual(ev.body.reason, 'data breakpoint');
    ev = await cont();
    assert.strictEqual(ev.body.reason, 'instruction breakpoint', 'the third time at loop');
    assert.strictEqual(await value(dc, 's1'), 1);
  });

  it('shows the Guest vCPU, VMM and VM statistics scopes of a vCPU', async () => {
    const srst = lineOf(GUEST, 'li a7, EID_SRST');
    await launchAndStop(dc, ONE, { configure: () => dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: srst }] }) });
    const vcpu = await scope('Guest vCPU');
    assert.deepStrictEqual(vcpu.slice(0, 3).map((v) => v.name), ['pc', 'mode', 'x0 (zero)']);
    assert.strictEqual(get(vcpu, 'mode').value, 'VS (V=1)');
    assert.match(get(vcpu, 'satp').value, /^0x00000000 Bare$/, 'the guest\'s satp is vsatp: paging off');
    assert.strictEqual(get(vcpu, 'satp').type, 'vsatp');
    const vmm = await scope('VMM');
    assert.match(get(vmm, 'vCPU').value, /^vm1\/vcpu0: hart 0, running the guest \(V=1\)$/);
    const hgatp = get(vmm, 'hgatp');
    assert.match(hgatp.value, /Sv32x4 VMID=1 root=0x/);
    const fields = (await dc.variablesRequest({ variablesReference: hgatp.variablesReference })).body.variables;
    assert.deepStrictEqual(fields.map((f) => [f.name, f.value.split(' ')[0]]), [['MODE', 'Sv32x4'], ['VMID', '1'], ['PPN', '16']]);
    assert.match(get(vmm, 'hstatus').value, /VTW/, 'the VMM traps the guest\'s wfi');
    const stats = await scope('VM statistics');
    const byReason = (await dc.variablesRequest({ variablesReference: get(stats, 'exits of vm1').variablesReference })).body.variables;
    const count = (r: string) => num(get(byReason, r).value);
    // guest.s before its SRST: four UART stores, two SBI calls, one first touch of 0x80200000.
    assert.deepStrictEqual([count('mmio'), count('sbi'), count('guest-page-fault'), count('wfi')], [4, 2, 1, 0]);
    assert.match(get(stats, 'exits of vm1').value, /^7 VM exits/);
    assert.match(get(stats, 'pages backed').value, /^\d+ of 4096 \(/);
    assert.match(get(stats, 'host instructions (vCPU)').value, /^[1-9]\d* for 7 exits of vm1\/vcpu0$/);
  });

  it('reads and writes gva:vm1:, gpa:vm1: and hpa: memory, and prints the 2-D walk of translate vm1', async () => {
    const srst = lineOf(GUEST, 'li a7, EID_SRST');
    await launchAndStop(dc, TWO, { configure: () => dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: srst }] }) });
    const counter = await value(dc, 'counter');
    const e = await dc.evaluateRequest({ expression: `gva:vm1:0x${counter.toString(16)}`, context: 'watch' });
    const m = /= hpa:0x([0-9a-f]+)$/.exec(e.body.result);
    assert.ok(m, e.body.result);
    const hpa = parseInt(m[1], 16);
    assert.notStrictEqual(hpa, counter, 'guest RAM is somewhere else in host memory');
    assert.strictEqual(e.body.memoryReference, `gva:vm1:0x${counter.toString(16)}`);
    const bytes = async (ref: string, count = 4) => {
      const r = await dc.customRequest('readMemory', { memoryReference: ref, count }) as DebugProtocol.ReadMemoryResponse;
      return Buffer.from(r.body!.data!, 'base64');
    };
    const read = async (ref: string) => (await bytes(ref)).readUInt32LE(0);
    assert.strictEqual(await read(`gva:vm1:0x${counter.toString(16)}`), 3, 'the loop counted to 3');
    assert.strictEqual(await read(`gpa:vm1:0x${counter.toString(16)}`), 3, 'vsatp is Bare: GVA = GPA');
    assert.strictEqual(await read(`hpa:0x${hpa.toString(16)}`), 3);
    assert.strictEqual(await value(dc, `*gva:vm1:0x${counter.toString(16)}`), 3);
    await dc.customRequest('writeMemory', { memoryReference: `gva:vm1:0x${counter.toString(16)}`, data: Buffer.from([7, 0, 0, 0]).toString('base64') });
    assert.strictEqual(await read(`hpa:0x${hpa.toString(16)}`), 7);
    // vm2 has its own RAM at the same guest-physical addresses.
    const [k1, k2] = [await bytes('gpa:vm1:0x80000000', 16), await bytes('gpa:vm2:0x80000000', 16)];
    assert.strictEqual(k1.length, 16);
    assert.notDeepStrictEqual(k2, k1, 'different kernels at the same GPA');
    const walk = await evaluate(dc, 'translate vm1 0x80000000');
    assert.match(walk, /^vm1\/vcpu0, guest-virtual 0x80000000:/);
    assert.match(walk, /Bare/);
    assert.match(walk, /Sv32x4, VMID 1/);
    assert.match(walk, /2 memory references \(VS stage 0, G stage 2\)/);
    assert.match(await evaluate(dc, 'translate vm2 gpa 0x80000000'), /Sv32x4, VMID 2/);
    assert.match(await evaluate(dc, 'translate vm1 0x80f00000'), /walk fails at step 2 \(G stage\): guest-page fault/, 'RAM the VMM has not backed yet');
    assert.match(await evaluate(dc, `x/1wx gva:vm1:0x${counter.toString(16)}`), /0x00000007/);
  });
});
