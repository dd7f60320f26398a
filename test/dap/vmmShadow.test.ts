/**
 * Debugging guests that run deprivileged: under shadow paging (and paravirtual paging, which runs
 * a guest the same way) the guest kernel executes in U-mode with V=0, and everything the debugger
 * does for a nested guest must still hold: guest breakpoints of every kind bound to their VM,
 * stepping in kernel and user mode (the guest's privilege is the virtual one), the guest's own
 * traps in the call stack and under the exception filters, the new exits (privileged
 * instruction, hidden fault, page-table write) under their filters and handler breakpoints with
 * their phases, the VMM scope (the shadow root in the hart's satp), gva:/gpa: memory through the
 * guest's table and the P2M, `translate vm1` with the shadow walk, and time travel across a sync.
 *
 * Expected values come from the guests' sources and the specs: QEMU 7.2 under the SBI shim for
 * what a guest prints; the privileged spec for encodings (csrw stvec,t0 = 0x10529073), for the
 * illegal-instruction trap a U-mode csrw takes (scause 2, stval = the instruction) and for the
 * Sv32 PTE bits; paging.s's own PTEs (LEAF_RW, then | X for a fetch) for the page-table writes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildShimFlash, gnuLink, runGuestOnQemu } from '../support/qemuGuest';
import { collectOutput, evaluate, eventually, launchAndStop, program, resumeAndStop, startClient, value } from './support';

const GUESTS = path.resolve(__dirname, '../../../examples/guests');
const PAGING = path.join(GUESTS, 'paging/paging.s');
const GUEST = program('vmm/guest.s'), OTHER = program('vmm/other.s'), USER = program('vmm/user.s');

function lines(file: string): string[] { return fs.readFileSync(file, 'utf8').split('\n'); }
function lineOf(file: string, text: string, after = 0): number {
  const i = lines(file).findIndex((l, k) => k >= after && l.includes(text));
  assert.ok(i >= 0, `${text} in ${file}`);
  return i + 1;
}
const vm = (programFile: string, paging: string, more: Record<string, unknown> = {}) => ({ vms: [{ name: 'vm1', program: programFile, memory: '16M', paging, ...more }] });

describe('dap: guests under shadow and paravirtual paging', function () {
  this.timeout(60000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const frames = async (threadId = 1) => (await dc.stackTraceRequest({ threadId })).body.stackFrames;
  const step = (command: string, args: Record<string, unknown> = {}) => resumeAndStop(dc, () => dc.customRequest(command, { threadId: 1, ...args }));
  const cont = () => resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
  async function scope(name: string, frame = 0): Promise<DebugProtocol.Variable[]> {
    const f = (await frames())[frame];
    const s = (await dc.scopesRequest({ frameId: f.id })).body.scopes.find((x) => x.name === name);
    assert.ok(s, `scope ${name}`);
    return (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
  }
  const get = (vars: DebugProtocol.Variable[], name: string): DebugProtocol.Variable => {
    const v = vars.find((x) => x.name === name);
    assert.ok(v, `${name} among ${vars.map((x) => `${x.name} = ${x.value}`).join('; ')}`);
    return v;
  };
  const children = async (v: DebugProtocol.Variable) => (await dc.variablesRequest({ variablesReference: v.variablesReference })).body.variables;
  const document = async (f: DebugProtocol.StackFrame): Promise<string[]> =>
    (await dc.sourceRequest({ source: f.source, sourceReference: f.source!.sourceReference! })).body.content.split('\n');
  const row = (doc: string[], name: string): string => {
    const l = doc.find((x) => x.startsWith(name.padEnd(10)));
    assert.ok(l, `row ${name} in\n${doc.join('\n')}`);
    return l.slice(10);
  };
  const hex = (v: number) => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

  describe('runs guests to their end as QEMU does', () => {
    let tmp: string, flash: string;
    const qemu = new Map<string, string>();
    before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-dap-shadow-')); flash = buildShimFlash(tmp); });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const onQemu = (file: string, harts: number): string => {
      if (!qemu.has(file)) qemu.set(file, runGuestOnQemu(gnuLink(file, fs.mkdtempSync(path.join(tmp, 'g-')), 0x80000000), flash, harts).stdout);
      return qemu.get(file)!;
    };
    const guests: [string, number][] = [['hello/hello.s', 1], ['paging/paging.s', 1], ['timer/timer.s', 1], ['smp/smp.s', 2], [USER, 1]];
    for (const [file, vcpus] of guests) {
      for (const mode of [{ paging: 'shadow' }, { paging: 'paravirt' }, { paging: 'paravirt', previrtualize: true }]) {
        it(`${path.basename(file)} under ${mode.paging}${mode.previrtualize ? ', previrtualized' : ''}`, async () => {
          const src = path.isAbsolute(file) ? file : path.join(GUESTS, file);
          const out = collectOutput(dc, 'stdout');
          await launchAndStop(dc, { vms: [{ name: 'vm1', program: src, vcpus, ...mode }], stopOnEntry: true });
          const exited = dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
          await dc.continueRequest({ threadId: 1 });
          assert.strictEqual((await exited).body.exitCode, 0);
          assert.strictEqual(out.text(), onQemu(src, vcpus));
        });
      }
    }
  });

  // Two deprivileged VMs share the host breakpoint set (V=0); a nested one has the guest set.
  for (const second of ['shadow', 'paravirt', 'nested']) {
    it(`binds a guest breakpoint to its VM: a shadow VM and a ${second} one run the same addresses`, async () => {
      const store = lineOf(GUEST, '# MMIO: VM exit'), done = lineOf(OTHER, 'li a0, 0');
      const out = collectOutput(dc, 'stdout');
      let bps: DebugProtocol.SetBreakpointsResponse | undefined;
      let ev = await launchAndStop(dc, { vms: [{ name: 'vm1', program: GUEST, memory: '16M', paging: 'shadow' }, { name: 'vm2', program: OTHER, memory: '8M', paging: second }] }, {
        configure: async () => {
          bps = await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: store }] });
          await dc.setBreakpointsRequest({ source: { path: OTHER }, breakpoints: [{ line: done }] });
        },
      });
      // la (auipc + addi), li s0 (lui), li a0 (addi): the store is the fifth 32-bit instruction.
      assert.strictEqual(bps!.body.breakpoints[0].instructionReference, 'gva:vm1:0x80000010');
      assert.deepStrictEqual([ev.body.threadId, ev.body.reason, (await frames(1))[0].line], [1, 'breakpoint', store]);
      // vm2's code at the same address: `lbu a0, 0(s0)` of its print loop (other.s, two la before it).
      assert.strictEqual(lines(OTHER)[lineOf(OTHER, 'print:')], '  lbu a0, 0(s0)');
      ev = await cont();
      assert.deepStrictEqual([ev.body.threadId, (await frames(2))[0].line], [2, done], 'vm2 passed 0x80000010 five times');
      await eventually('both consoles', () => out.text().split('\n').length >= 4);
      assert.deepStrictEqual(out.text().split('\n'), ['[vm1] Hi!', '[vm1] 3', '[vm2] two', '']);
    });
  }

  it('keeps conditions, logpoints, labels, instruction and data breakpoints working in a shadow guest', async () => {
    const log = collectOutput(dc, 'console');
    const counterStore = lineOf(GUEST, 'counter += 1');
    const ev0 = await launchAndStop(dc, vm(GUEST, 'shadow'), {
      configure: async () => {
        await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: counterStore, logMessage: 'counter {*(u32*)counter} s1 {s1}' }] });
        await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'vm1:putc', condition: 'a0 == \'3\'' }] });
      },
    });
    assert.deepStrictEqual([ev0.body.reason, (await frames())[0].name], ['function breakpoint', 'putc']);
    assert.strictEqual(await value(dc, 'a0'), '3'.charCodeAt(0));
    assert.deepStrictEqual(log.text().split('\n').filter((l) => l.startsWith('counter')), ['counter 0 s1 3', 'counter 1 s1 2', 'counter 2 s1 1']);
    const info = await dc.dataBreakpointInfoRequest({ name: 'counter' });
    assert.match(info.body.dataId!, /^gva:vm1:0x800000[0-9a-f]{2}\/4$/);
    await dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [] });
    const loop = await value(dc, 'loop');
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: `gva:vm1:0x${loop.toString(16)}`, hitCondition: '3' }] });
    let ev = await resumeAndStop(dc, () => dc.restartRequest({}));
    assert.strictEqual(ev.body.reason, 'data breakpoint');
    assert.match(ev.body.description!, /write of 0x1 \(4 bytes\) at gva:vm1:0x/);
    ev = await cont();
    assert.match(ev.body.description!, /write of 0x2 /);
    ev = await cont();
    assert.strictEqual(ev.body.reason, 'instruction breakpoint', 'the third time at loop');
    assert.strictEqual(await value(dc, 's1'), 1);
  });

  for (const paging of ['nested', 'shadow', 'paravirt']) {
    it(`steps in kernel and user mode and takes the guest's system call as a trap frame (${paging})`, async () => {
      const deprivileged = paging !== 'nested';
      const out = collectOutput(dc, 'stdout');
      const first = lineOf(USER, 'li a7, 64'), afterFirst = lineOf(USER, "li a0, '\\n'"), second = lineOf(USER, 'system call: print a newline');
      await launchAndStop(dc, vm(USER, paging), { configure: () => dc.setBreakpointsRequest({ source: { path: USER }, breakpoints: [{ line: first }] }) });
      assert.strictEqual(get(await scope('Guest vCPU'), 'mode').value, deprivileged ? 'U (U-mode, V=0)' : 'VU (V=1)');
      await step('next');
      let ev = await step('next');
      assert.deepStrictEqual([ev.body.reason, (await frames())[0].line], ['step', afterFirst], 'over the system call, like over a call');
      await eventually('the system call\'s output', () => out.text() !== '');
      assert.strictEqual(out.text(), 'u');
      // The "ecall from U-mode" exception filter: the guest's own trap, at its handler.
      await dc.setExceptionBreakpointsRequest({ filters: ['ecall-u'] });
      ev = await cont();
      assert.deepStrictEqual([ev.body.reason, ev.body.description], ['exception', `Exception: ecall from U-mode (from ${deprivileged ? 'U' : 'VU'})`]);
      const [handler, caller] = await frames();
      assert.deepStrictEqual([handler.name, handler.line], [`trap [trap: ecall from U-mode (from ${deprivileged ? 'U' : 'VU'})]`, lineOf(USER, 'csrr t0, scause')]);
      assert.strictEqual(caller.line, second);
      assert.strictEqual(get(await scope('Guest vCPU'), 'mode').value, deprivileged ? 'S (deprivileged: U-mode, V=0)' : 'VS (V=1)');
      const trap = await scope('Trap');
      assert.deepStrictEqual(['cause', 'from', 'to'].map((n) => get(trap, n).value), ['8 ecall from U-mode', deprivileged ? 'U' : 'VU', deprivileged ? 'S' : 'VS']);
      const info = await dc.customRequest('exceptionInfo', { threadId: 1 }) as DebugProtocol.ExceptionInfoResponse;
      assert.strictEqual(info.body.exceptionId, 'ecall-u');
      assert.match(info.body.details!.stackTrace!, /epc 0x8\w+, tval 0x0, cause 8$/);
      await dc.setExceptionBreakpointsRequest({ filters: [] });
      ev = await step('stepOut');
      assert.deepStrictEqual([ev.body.reason, (await frames())[0].line], ['step', second + 1], 'the handler\'s sret returns after the ecall');
      assert.strictEqual(get(await scope('Guest vCPU'), 'mode').value, deprivileged ? 'U (U-mode, V=0)' : 'VU (V=1)');
    });
  }

  it('stops at a privileged instruction of the guest kernel and steps through its emulation', async () => {
    const csrw = lineOf(USER, 'csrw stvec, t0');
    const ev = await launchAndStop(dc, vm(USER, 'shadow'), { exceptionFilters: ['vm-exit-privileged-instruction'] });
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['exception', 'VM exit: privileged instruction']);
    const [hyp, guest] = await frames();
    assert.match(hyp.name, /^emulate\.csr \[VM exit #\d+: privileged instruction\]$/);
    assert.strictEqual(guest.line, csrw);
    const doc = await document(hyp);
    // csrrw x0, stvec (0x105), t0 (x5): 0x105 << 20 | 5 << 15 | 1 << 12 | 0x73. In U-mode it is an
    // illegal instruction (cause 2) whose stval is the instruction (privileged spec, stval).
    assert.strictEqual(row(doc, 'insn'), '0x10529073  csrw\tstvec,t0');
    assert.match(row(doc, 'scause'), /^0x00000002 {2}illegal instruction$/);
    assert.strictEqual(row(doc, 'stval'), '0x10529073');
    assert.match(row(doc, 'guest pc'), /<_start\+0x\w+> in S-mode \(deprivileged: U-mode on the hart, V=0\)$/);
    assert.ok(!doc.some((l) => /^(htval|htinst) /.test(l)), 'a V=0 trap has no htval/htinst to show');
    const exitVars = await children(get(await scope('VMM'), 'exit in progress'));
    assert.strictEqual(get(exitVars, 'insn').value, '0x10529073  csrw\tstvec,t0');
    const phaseAt = async () => doc[(await frames())[0].line - 1].trim().split(/\s+/)[0];
    assert.strictEqual(await phaseAt(), 'decode');
    await step('next');
    assert.strictEqual(await phaseAt(), 'emulate');
    await step('next');
    assert.strictEqual(await phaseAt(), 'update');
    const changed = await scope('Changed by the last phase');
    assert.strictEqual(get(changed, 'vstvec').value, `0 → ${`0x${(await value(dc, 'trap')).toString(16)}`}`, 'the guest\'s stvec is its virtual supervisor\'s');
    await step('next');
    const entry = await step('next');
    assert.deepStrictEqual([entry.body.description, (await frames())[0].line], ['VM entry', csrw + 1]);
    assert.match(entry.body.text!, /^VM entry: S-mode \(deprivileged: U-mode, V=0\) at 0x8\w+ <_start\+0x\w+>$/);
  });

  it('stops before emulate.sret and enters user mode through it', async () => {
    await launchAndStop(dc, vm(USER, 'shadow'), { configure: () => dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'emulate.sret' }] }) });
    const [hyp, guest] = await frames();
    assert.match(hyp.name, /^emulate\.sret \[VM exit #\d+: privileged instruction\]$/);
    assert.strictEqual(guest.line, lineOf(USER, 'sret                              # into the user program'));
    await step('next');
    const changed = await scope('Changed by the last phase');
    assert.strictEqual(get(changed, 'vm1/vcpu0.mode').value, 'S → U', 'sstatus.SPP was U');
    const ev = await step('stepOut');
    assert.match(ev.body.text!, /^VM entry: U-mode \(deprivileged: U-mode, V=0\) at 0x\w+ <user_code>$/);
    assert.strictEqual((await frames())[0].line, lineOf(USER, "li a0, 'u'"));
  });

  for (const paging of ['nested', 'shadow']) {
    it(`stops on a data breakpoint on a guest PTE after each store to it (${paging})`, async () => {
      // paging.s: take_frame zeroes the page that becomes the level-0 table (a plain store), the
      // fault handler writes the PTE of 0x40002000 (LEAF_RW), then adds X to it. Under shadow
      // paging the last two are page-table stores the VMM does for the guest.
      await launchAndStop(dc, { ...vm(PAGING, paging), stopOnEntry: true });
      const table = await value(dc, 'pool'), pte = table + 2 * 4;
      await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: `gva:vm1:0x${pte.toString(16)}/4`, accessType: 'write' }] });
      const stops: [number, number][] = [];
      for (let i = 0; i < 3; i++) {
        const ev = await cont();
        assert.strictEqual(ev.body.reason, 'data breakpoint');
        stops.push([(await frames())[0].line, await value(dc, `*gva:vm1:0x${pte.toString(16)}`)]);
      }
      const leaf = stops[1][1];
      assert.deepStrictEqual(stops, [
        [lineOf(PAGING, 'sw zero, 0(t2)') + 1, 0],
        [lineOf(PAGING, 'sw t1, 0(s3)') + 1, leaf],
        [lineOf(PAGING, 'sw t0, 0(s3)', lineOf(PAGING, 'ori t0, t0, PTE_X')) + 1, leaf | 8],
      ]);
      assert.strictEqual(leaf & 0xff, 0xc7, 'LEAF_RW');
    });
  }

  it('stops before emulate.csr and shadow.fill, with conditions over the exit', async () => {
    const satp = lineOf(USER, 'csrw satp, t0'), user = lineOf(USER, "li a0, 'u'");
    // csrw satp, t0 = csrrw x0, satp (0x180), t0: 0x180 << 20 | 5 << 15 | 1 << 12 | 0x73.
    let ev = await launchAndStop(dc, vm(USER, 'shadow'), {
      configure: () => dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'emulate.csr', condition: 'insn == 0x18029073' }, { name: 'shadow.fill', condition: 'access == "fetch" && gva == user_code' }] }),
    });
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['function breakpoint', 'VMM handler emulate.csr']);
    assert.strictEqual((await frames())[1].line, satp);
    ev = await cont();
    assert.strictEqual(ev.body.description, 'VMM handler shadow.fill');
    assert.strictEqual((await frames())[1].line, user, 'the user program\'s first fetch: the U view\'s shadow has no entry yet');
    await step('next');
    const fill = (await scope('Changed by the last phase')).filter((v) => v.name.startsWith('shadow ASID'));
    assert.strictEqual(fill.length, 1);
    // The guest maps user_code R-X for U (user.s): the shadow entry may be read and executed in U-mode, not written.
    assert.match(fill[0].value, /^\(none\) → HPA 0x\w+ DA-UX-RV$/);
  });

  it('stops at a hidden fault and shows the shadow entry its fill writes', async () => {
    const store = lineOf(GUEST, 'sw s1, 0(t2)');
    const ev = await launchAndStop(dc, vm(GUEST, 'shadow'), { configure: () => dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'vm-exit-hidden-fault', condition: 'access == "write" && gva == 0x80200000' }] }) });
    assert.strictEqual(ev.body.description, 'VM exit: hidden fault (shadow fill)');
    const [hyp, guest] = await frames();
    assert.deepStrictEqual([hyp.name.split(' ')[0], guest.line], ['shadow.fill', store]);
    const doc = await document(hyp);
    assert.deepStrictEqual([row(doc, 'access'), row(doc, 'gva')], ['write', '0x80200000']);
    assert.match(row(doc, 'gpa'), /^0x80200000 /, 'satp is Bare: GVA = GPA');
    await step('next');
    await step('next');
    const changed = await scope('Changed by the last phase');
    const entry = changed.filter((v) => v.name.startsWith('shadow ASID '));
    assert.strictEqual(entry.length, 1, JSON.stringify(changed));
    assert.match(entry[0].name, /^shadow ASID \d+ GVA 0x80200000$/);
    // The guest's store may now go through the hart's table: a U-mode (U), writable (W) entry for
    // the host frame the VM's P2M gives the page.
    const hpa = /= hpa:(0x[0-9a-f]+)$/.exec((await dc.evaluateRequest({ expression: 'gva:vm1:0x80200000', context: 'watch' })).body.result)![1];
    assert.match(entry[0].value, new RegExp(`^\\(none\\) → HPA ${hpa} [-D][-A][-G]U[-X]WRV$`));
    assert.match(get(changed, 'vm1.shadow.fills').value, /^\d+ → \d+$/);
  });

  it('steps through a shadow sync after a guest PTE write: the PTE written, then the shadow entry dropped', async () => {
    const xStore = lineOf(PAGING, 'sw t0, 0(s3)', lineOf(PAGING, 'ori t0, t0, PTE_X'));
    // paging.s's fetch fault handler adds X to a present page's PTE (value & PTE_X).
    const ev = await launchAndStop(dc, vm(PAGING, 'shadow'), { configure: () => dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'vm-exit-pt-write', condition: '(value & 8) != 0' }] }) });
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['exception', 'VM exit: page-table write']);
    const [hyp, guest] = await frames();
    assert.match(hyp.name, /^shadow\.pt_write \[VM exit #\d+: page-table write\]$/);
    assert.strictEqual(guest.line, xStore);
    const doc = await document(hyp);
    const m = /^(0x[0-9a-f]+): entry (\d+) of the guest's page-table page at (0x[0-9a-f]+)$/.exec(row(doc, 'gpa'))!;
    assert.ok(m, row(doc, 'gpa'));
    const pteGpa = Number(m[1]);
    assert.strictEqual(Number(m[2]), 2, 'the PTE of 0x40002000: VPN[0] = 2');
    const newPte = Number(/^4-byte store of (0x[0-9a-f]+)$/.exec(row(doc, 'store'))![1]);
    const oldPte = newPte & ~8;
    assert.strictEqual(await value(dc, `*gpa:vm1:${m[1]}`), oldPte, 'before the store: the page without X');
    assert.strictEqual(oldPte & 0xff, 0xc7, 'LEAF_RW: V R W A D');
    const walk = await evaluate(dc, 'translate vm1 0x40002000');
    const shadowHpa = /GVA 0x40002000 -> HPA (0x[0-9a-f]+): 2 memory references, one dimension/.exec(walk)?.[1];
    assert.ok(shadowHpa, `the copy loop's stores filled the shadow entry:\n${walk}`);
    const lineOfPhase = async () => (await frames())[0].line;
    const phases: string[] = [];
    for (let i = 0; i < 4; i++) {
      phases.push(doc[(await lineOfPhase()) - 1].trim().split(/\s+/)[0]);
      const s = await step('next');
      const changed = await scope('Changed by the last phase', 0);
      if (phases[i] === 'emulate') {
        const pte = changed.filter((v) => v.name.startsWith('gpa:'));
        assert.deepStrictEqual(pte.map((v) => [v.name, v.value]), [[`gpa:vm1:0x${pteGpa.toString(16)}`, `${hex(oldPte)} (DA---WRV) → ${hex(newPte)} (DA--XWRV)`]]);
        assert.ok(!changed.some((v) => v.name.startsWith('shadow ASID')), 'emulate stores for the guest; the shadow is not synced yet');
      }
      if (phases[i] === 'update') {
        const dropped = changed.filter((v) => v.name.startsWith('shadow ASID'));
        assert.strictEqual(dropped.length, 1, JSON.stringify(changed));
        assert.match(dropped[0].name, /^shadow ASID \d+ GVA 0x40002000$/);
        assert.match(dropped[0].value, new RegExp(`^HPA ${shadowHpa} DA-U-WRV → \\(none\\)$`));
        assert.match(get(changed, 'vm1.shadow.ptWrites').value, /^(\d+) → \d+$/);
      }
      if (i === 3) assert.deepStrictEqual([s.body.description, (await frames())[0].line], ['VM entry', xStore + 1]);
    }
    assert.deepStrictEqual(phases, ['decode', 'emulate', 'update', 'resume']);
    assert.match(await evaluate(dc, 'translate vm1 0x40002000'), /no shadow entry/);
    assert.strictEqual(await value(dc, `*gpa:vm1:${m[1]}`), newPte);
  });

  it('steps back across a shadow sync and forward through it again', async () => {
    const xStore = lineOf(PAGING, 'sw t0, 0(s3)', lineOf(PAGING, 'ori t0, t0, PTE_X'));
    await launchAndStop(dc, vm(PAGING, 'shadow'), { configure: () => dc.setBreakpointsRequest({ source: { path: PAGING }, breakpoints: [{ line: xStore + 1 }] }) });
    const pte = await value(dc, 's3'), after = await value(dc, `*gpa:vm1:0x${pte.toString(16)}`);
    assert.strictEqual(after & 8, 8);
    const stats = async () => Number((await children(get(await scope('VM statistics'), 'shadow paging'))).find((v) => v.name === 'ptWrites')!.value);
    const writes = await stats();
    assert.match(await evaluate(dc, 'translate vm1 0x40002000'), /no shadow entry/);
    const ev = await step('stepBack');
    assert.deepStrictEqual([ev.body.reason, (await frames())[0].line], ['step', xStore]);
    assert.strictEqual(await value(dc, `*gpa:vm1:0x${pte.toString(16)}`), after & ~8, 'the guest PTE before the store');
    assert.match(await evaluate(dc, 'translate vm1 0x40002000'), /GVA 0x40002000 -> HPA 0x\w+: 2 memory references/, 'the shadow entry the sync dropped is back');
    assert.strictEqual(await stats(), writes - 1);
    let fwd = await step('stepIn');
    assert.strictEqual(fwd.body.description, 'VM exit: page-table write', 'forward again: the same exit');
    fwd = await step('stepOut');
    assert.deepStrictEqual([fwd.body.description, (await frames())[0].line], ['VM entry', xStore + 1]);
    assert.strictEqual(await value(dc, `*gpa:vm1:0x${pte.toString(16)}`), after);
    assert.strictEqual(await stats(), writes);
  });

  it('reads guest memory through the guest\'s table and the P2M, and translates with the shadow beside the 2-D cost', async () => {
    const fresh = lineOf(PAGING, 'la a0, msg_fresh');
    await launchAndStop(dc, vm(PAGING, 'shadow'), { configure: () => dc.setBreakpointsRequest({ source: { path: PAGING }, breakpoints: [{ line: fresh }] }) });
    // paging.s stored 0x11111111 at 0x40000000 (a demand page) before this line.
    assert.strictEqual(await value(dc, '*gva:vm1:0x40000000'), 0x11111111);
    const walk = await evaluate(dc, 'translate vm1 0x40000000');
    assert.match(walk, /^vm1\/vcpu0, guest-virtual 0x40000000:\n/);
    const m = /GVA 0x40000000 -> GPA (0x[0-9a-f]+) -> HPA (0x[0-9a-f]+) \(P2M\)/.exec(walk)!;
    assert.ok(m, walk);
    assert.match(walk, /^ +1\. level 1 +PTE at GPA 0x\w+ \(HPA 0x\w+\) = 0x\w+ +-------V +next table at GPA/m);
    assert.match(walk, /^ +2\. level 0 +PTE at GPA 0x\w+ \(HPA 0x\w+\) = 0x\w+ +DA---WRV +leaf/m);
    assert.match(walk, new RegExp(`GVA 0x40000000 -> HPA ${m[2]}: 2 memory references, one dimension`), 'the shadow maps the same host frame');
    // Sv32 over Sv32x4 with 4 KiB pages: 2 VS-stage reads, each and the data through a 2-level G stage.
    assert.match(walk, /Nested paging would walk this in two dimensions: 8 memory references \(VS stage 2, G stage 6\); the shadow takes 2/);
    assert.strictEqual(await value(dc, `*gpa:vm1:${m[1]}`), 0x11111111);
    assert.strictEqual(await value(dc, `*(u32*)hpa:${m[2]}`), 0x11111111);
    await dc.customRequest('writeMemory', { memoryReference: 'gva:vm1:0x40000000', data: Buffer.from([0x78, 0x56, 0x34, 0x12]).toString('base64') });
    assert.strictEqual(await value(dc, `*(u32*)hpa:${m[2]}`), 0x12345678);
    assert.match(await evaluate(dc, 'x/1wx gva:vm1:0x40000000'), /0x12345678/);
    assert.match(await evaluate(dc, `translate vm1 gpa ${m[1]}`), new RegExp(`GPA ${m[1].replace('0x', '0x0*')}: -> HPA ${m[2]}`));
    assert.match(await evaluate(dc, 'translate vm1 gpa 0x10000000'), /vm1\.uart0, a device model/);
    const e = await dc.evaluateRequest({ expression: 'gva:vm1:0x40004000', context: 'watch' }).then((r) => r.body.result, (err: Error) => err.message);
    assert.match(e, /does not map 0x40004000: page fault: level-0 PTE is not valid/, 'a page the guest never mapped');
  });

  it('shows the shadow root in the VMM scope and the shadow counters in VM statistics', async () => {
    await launchAndStop(dc, vm(USER, 'shadow'), { configure: () => dc.setBreakpointsRequest({ source: { path: USER }, breakpoints: [{ line: lineOf(USER, "li a0, 'u'") }] }) });
    const vmm = await scope('VMM');
    assert.ok(!vmm.some((v) => v.name === 'hgatp'), 'no G stage');
    assert.match(get(vmm, 'vCPU').value, /^vm1\/vcpu0: hart 0, running the guest deprivileged \(U-mode, V=0\)$/);
    const guestSatp = ((await value(dc, 'root')) >>> 12 | 0x80000000) >>> 0;
    assert.strictEqual(await value(dc, 'satp'), guestSatp, 'the guest reads its own satp');
    assert.match(get(vmm, 'satp (hart)').value, new RegExp(`^0x[0-9a-f]{8} Sv32 ASID=\\d+ root=0x[0-9a-f]+: the shadow of the guest's satp ${hex(guestSatp)} \\(U view\\)$`));
    assert.match(get(vmm, 'paging').value, /^shadow: /);
    const stats = await scope('VM statistics');
    assert.ok(!stats.some((v) => v.name === 'G-stage table pages'));
    const counters = await children(get(stats, 'shadow paging'));
    assert.strictEqual(get(counters, 'syncs').value, '1', 'one sfence.vma before the sret');
    assert.strictEqual(get(counters, 'ptWrites').value, '0', 'the tables were written before paging was on');
    const byReason = await children(get(stats, 'exits of vm1'));
    // csrw stvec, csrw satp, sfence.vma, csrw sepc, csrc sstatus, sret.
    assert.strictEqual(get(byReason, 'privileged-instruction').value, '6 (privileged instruction)');
    assert.strictEqual(get(byReason, 'sbi').value, '0 (SBI call)');
    // The debugger changes the guest's satp: the hart gets the shadow of the new one at once.
    const regs = (await dc.scopesRequest({ frameId: (await frames())[0].id })).body.scopes.find((x) => x.name === 'Guest vCPU')!;
    await dc.setVariableRequest({ variablesReference: regs.variablesReference, name: 'satp', value: '0' });
    assert.match(get(await scope('VMM'), 'satp (hart)').value, /the shadow of the guest's satp 0x00000000 \(U view\)$/);
  });

  it('steps to the next exit and over the exit an instruction causes, under shadow paging', async () => {
    await launchAndStop(dc, { ...vm(GUEST, 'shadow'), stopOnEntry: true });
    // The shadow starts empty: fetching the first instruction is the first exit.
    let ev = await step('hyperstep/stepToNextExit');
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['step', 'VM exit: hidden fault (shadow fill)']);
    assert.match(ev.body.text!, /^shadow\.fill: fetch at guest-virtual 0x80000000 .* <_start>$/);
    ev = await step('hyperstep/stepOverExit');
    assert.strictEqual(ev.body.description, 'VM entry');
    assert.strictEqual((await frames())[0].name, '_start');
    const store = lineOf(GUEST, '# MMIO: VM exit');
    await dc.setBreakpointsRequest({ source: { path: GUEST }, breakpoints: [{ line: store }] });
    await cont();
    ev = await step('hyperstep/stepOverExit');
    assert.deepStrictEqual([ev.body.description, (await frames())[0].line], ['VM entry', store + 1]);
  });
});
