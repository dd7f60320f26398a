/**
 * Debugging guests under paravirtual paging (docs/PARAVIRT.md): the hypercalls of a
 * hand-paravirtualized kernel (programs/vmm/pv.s) under the "paravirtual hypercall" filter and
 * the pv.* handler breakpoints, each phase's changes (the PTEs an mmu_update writes, the hardware
 * entries kept in step eagerly), the paravirtual counters; a previrtualized guest (launch.json
 * "previrtualize": true) whose disassembly shows each original instruction beside its sequence,
 * whose `priv` hypercalls stop and emulate as the instruction would; and an unmodified guest's
 * trapped page-table store, validated and synced.
 *
 * Expected values come from the guests' sources and docs/PARAVIRT.md: the function numbers
 * (a6), what each returns (sbiret: a0 = 0, a1 = requests applied), what pinning pins (the root
 * and the leaf tables it points to), the PTEs pv.s asks for (page | V R W A D).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { collectOutput, launchAndStop, program, resumeAndStop, startClient, value } from './support';

const PAGING = path.resolve(__dirname, '../../../examples/guests/paging/paging.s');
const PV = program('vmm/pv.s');

function lineOf(file: string, text: string, after = 0): number {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l, k) => k >= after && l.includes(text));
  assert.ok(i >= 0, `${text} in ${file}`);
  return i + 1;
}
const vm = (programFile: string, more: Record<string, unknown> = {}) => ({ vms: [{ name: 'vm1', program: programFile, memory: '16M', paging: 'paravirt', ...more }] });
/** V R W A D: the leaf flags pv.s writes. */
const LEAF = 0xc7;

describe('dap: guests under paravirtual paging', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const frames = async () => (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
  const step = (command: string) => resumeAndStop(dc, () => dc.customRequest(command, { threadId: 1 }));
  async function scope(name: string): Promise<DebugProtocol.Variable[]> {
    const f = (await frames())[0];
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
  const hpaOf = async (ref: string) => /= hpa:(0x[0-9a-f]+)$/.exec((await dc.evaluateRequest({ expression: ref, context: 'watch' })).body.result)![1];

  it('stops before pv.mmu_update and shows the PTEs it writes and the hardware entries it keeps in step', async () => {
    const out = collectOutput(dc, 'stdout');
    await launchAndStop(dc, vm(PV), { configure: () => dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'pv.mmu_update' }] }) });
    const [hyp, guest] = await frames();
    assert.match(hyp.name, /^pv\.mmu_update \[VM exit #\d+: paravirtual hypercall\]$/);
    assert.strictEqual(guest.line, lineOf(PV, 'mmu_update(requests, 2)'));
    const doc = await document(hyp);
    assert.strictEqual(row(doc, 'function'), 'mmu_update (a6 = 1; a7 = 0x09485056, the PV extension)');
    const requests = await value(dc, 'requests');
    assert.strictEqual(row(doc, 'requests'), `2 PTE updates at guest-physical ${hex(requests)}`);
    assert.match(row(doc, 'scause'), /^0x00000008 {2}ecall from U-mode$/, 'the deprivileged kernel\'s ecall is one from U-mode on the hart');
    const table = await value(dc, 'table'), page0 = await value(dc, 'page0'), page1 = await value(dc, 'page1');
    const pte0 = ((page0 >>> 12) << 10 | LEAF) >>> 0, pte1 = ((page1 >>> 12) << 10 | LEAF) >>> 0;
    // decode: nothing; emulate: validate and apply both, then populate the hardware's entries.
    assert.strictEqual(doc[hyp.line - 1].trim().split(/\s+/)[0], 'emulate', 'a handler breakpoint stops before emulate');
    await step('next');
    const changed = await scope('Changed by the last phase');
    assert.strictEqual(get(changed, `gpa:vm1:0x${table.toString(16)}`).value, `0x00000000 (--------) → ${hex(pte0)} (DA---WRV)`);
    assert.strictEqual(get(changed, `gpa:vm1:0x${(table + 4).toString(16)}`).value, `0x00000000 (--------) → ${hex(pte1)} (DA---WRV)`);
    assert.strictEqual(get(changed, 'vm1.pv.updates').value, '0 → 2');
    const entries = changed.filter((v) => v.name.startsWith('shadow ASID'));
    assert.deepStrictEqual(entries.map((v) => v.name.replace(/ASID \d+/, 'ASID n')), ['shadow ASID n GVA 0x40000000', 'shadow ASID n GVA 0x40001000'], 'mapped eagerly: no hidden faults to come');
    assert.match(entries[0].value, new RegExp(`^\\(none\\) → HPA ${await hpaOf(`gpa:vm1:0x${page0.toString(16)}`)} DA-U-WRV$`));
    assert.match(entries[1].value, new RegExp(`^\\(none\\) → HPA ${await hpaOf(`gpa:vm1:0x${page1.toString(16)}`)} DA-U-WRV$`));
    // update: sbiret, a0 = SBI_SUCCESS, a1 = the requests applied.
    await step('next');
    const sbiret = await scope('Changed by the last phase');
    assert.strictEqual(get(sbiret, 'x10 (a0)').value, `${hex(requests).replace(/^0x0*/, '0x')} → 0`);
    assert.strictEqual(await value(dc, 'a1'), 2, 'a1 held the count, and now the requests applied: both 2');
    const ev = await step('stepOut');
    assert.deepStrictEqual([ev.body.description, (await frames())[0].line], ['VM entry', lineOf(PV, 'mmu_update(requests, 2)') + 1]);
    const regs = (await dc.scopesRequest({ frameId: (await frames())[0].id })).body.scopes.find((x) => x.name === 'Guest vCPU')!;
    const refused = await dc.setVariableRequest({ variablesReference: regs.variablesReference, name: 'satp', value: '0' }).then(() => '', (e: Error) => e.message);
    assert.match(refused, /validates and pins a new root first: change satp from the guest/);
    const stats = await children(get(await scope('VM statistics'), 'paravirtual paging'));
    assert.deepStrictEqual(['pinned', 'updates', 'denied'].map((n) => get(stats, n).value), ['3', '2', '0'], 'the root and the two leaf tables it points to are pinned');
    const exited = dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    await dc.continueRequest({ threadId: 1 });
    assert.strictEqual((await exited).body.exitCode, 0, 'every hypercall succeeded');
    assert.strictEqual(out.text(), 'pv: two pages mapped by one mmu_update\n');
  });

  it('stops at the hypercall filter with a condition on the function, and pins as the phases run', async () => {
    const ev = await launchAndStop(dc, vm(PV), { configure: () => dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'vm-exit-hypercall', condition: 'fid == 3' }] }) });
    assert.deepStrictEqual([ev.body.reason, ev.body.description], ['exception', 'VM exit: paravirtual hypercall']);
    assert.match(ev.body.text!, /^pv\.pin_table: PV pin_table \(a0 0x8\w+, a1 0x00000001\) at 0x8\w+ <_start\+0x\w+>$/);
    const [hyp, guest] = await frames();
    assert.strictEqual(guest.line, lineOf(PV, 'pin_table(root, 1)'));
    assert.strictEqual(row(await document(hyp), 'function'), 'pin_table (a6 = 3; a7 = 0x09485056, the PV extension)');
    await step('next');
    await step('next');
    assert.strictEqual(get(await scope('Changed by the last phase'), 'vm1.pv.pinned').value, '0 → 3', 'the root and the leaf tables it points to');
  });

  it('shows a previrtualized guest\'s original instructions and stops at its priv hypercalls', async () => {
    const csrw = lineOf(PAGING, 'csrw stvec, t0');
    const ev = await launchAndStop(dc, vm(PAGING, { previrtualize: true }), {
      configure: () => dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'vm-exit-hypercall', condition: 'fid == 8' }] }),
    });
    assert.strictEqual(ev.body.description, 'VM exit: paravirtual hypercall');
    const [hyp, guest] = await frames();
    assert.match(hyp.name, /^pv\.priv \[VM exit #\d+: paravirtual hypercall\]$/);
    assert.strictEqual(guest.line, csrw, 'the whole sequence has the statement\'s line');
    const doc = await document(hyp);
    assert.strictEqual(row(doc, 'priv'), 'csrw\tstvec,t0 (the instruction the previrtualized sequence stands for)');
    // The disassembly around the guest frame: the sequence's ecall, annotated with the original.
    const dis = await dc.disassembleRequest({ memoryReference: guest.instructionPointerReference!, instructionCount: 1 });
    assert.strictEqual(dis.body!.instructions[0].instruction, 'ecall  ⟵ csrw stvec,t0');
    const around = (await dc.disassembleRequest({ memoryReference: guest.instructionPointerReference!, instructionOffset: -10, instructionCount: 11 })).body!.instructions;
    const first = around.findIndex((i) => i.instruction.endsWith('  ⟵ previrtualized: csrw stvec,t0'));
    assert.ok(first >= 0, around.map((i) => i.instruction).join('\n'));
    assert.match(around[first].instruction, /^add\tsp,sp,-16 /, 'the sequence begins by making room for its three slots');
    assert.ok(around.slice(first + 1).every((i) => i.instruction.endsWith('  ⟵ csrw stvec,t0')), around.map((i) => i.instruction).join('\n'));
    await step('next');
    await step('next');
    const changed = await scope('Changed by the last phase');
    assert.strictEqual(get(changed, 'vstvec').value, `0 → 0x${(await value(dc, 'on_fault')).toString(16)}`);
    const entry = await step('stepOut');
    assert.strictEqual(entry.body.description, 'VM entry');
    assert.strictEqual((await frames())[0].line, csrw, 'back in the sequence, after its ecall');
    await dc.setExceptionBreakpointsRequest({ filters: [] });
    await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'pv.priv', condition: 'a0 == 8' }] });
    const sret = await resumeAndStop(dc, () => dc.continueRequest({ threadId: 1 }));
    // priv's encoding: op 8 = sret (docs/PARAVIRT.md), the rest zero.
    assert.strictEqual(sret.body.description, 'VMM handler pv.priv');
    assert.strictEqual(row(await document((await frames())[0]), 'priv'), 'sret (the instruction the previrtualized sequence stands for)');
  });

  it('validates and syncs an unmodified guest\'s page-table store: the hardware entry rewritten, not dropped', async () => {
    const xStore = lineOf(PAGING, 'sw t0, 0(s3)', lineOf(PAGING, 'ori t0, t0, PTE_X'));
    await launchAndStop(dc, vm(PAGING), { configure: () => dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'shadow.pt_write', condition: '(value & 8) != 0' }] }) });
    assert.strictEqual((await frames())[1].line, xStore);
    await step('next');
    const written = await scope('Changed by the last phase');
    assert.ok(written.some((v) => v.name.startsWith('gpa:vm1:') && / \(DA---WRV\) → 0x\w+ \(DA--XWRV\)$/.test(v.value)), JSON.stringify(written));
    await step('next');
    const synced = (await scope('Changed by the last phase')).filter((v) => v.name.startsWith('shadow ASID'));
    assert.strictEqual(synced.length, 1);
    assert.match(synced[0].name, /GVA 0x40002000$/);
    const hpa = await hpaOf('gva:vm1:0x40002000');
    assert.strictEqual(synced[0].value, `HPA ${hpa} DA-U-WRV → HPA ${hpa} DA-UXWRV`);
  });
});
