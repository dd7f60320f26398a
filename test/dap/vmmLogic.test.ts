/**
 * The vscode-free pieces of VMM debugging, without the adapter process: the hypervisor frame's
 * document and an exit's condition variables (on exits the engine's VMM really takes), what a
 * phase changed, the VM console prefixes, VM-qualified memory references, data ids, expressions
 * (strings, gva:vm1:), and handler name prefixes.
 */
import * as assert from 'assert';
import { assemble } from '../../src/engine/asm';
import { createVmmMachine, EXIT_REASONS, EXIT_REASON_LABELS } from '../../src/engine/vmm';
import { contextPrefix, dataId, handlerMatches, parseDataId } from '../../src/debugAdapter/breakpointBook';
import { evaluateExpression, EvalContext, spacePrefix } from '../../src/debugAdapter/expressions';
import { formatMemoryRef, parseMemoryRef, parseVcpuName } from '../../src/debugAdapter/memoryReference';
import { captureExitState, diffStates, flatten, formatStateValue } from '../../src/debugAdapter/phaseChanges';
import { exitDocument, exitFilterId, exitSummary, exitVariables, reasonOfFilter, vmExitFilters } from '../../src/debugAdapter/vmExits';
import { VmConsoleLines } from '../../src/debugAdapter/vmConsoleLines';

/** A guest whose first instructions are a 2-byte UART store (c.sw, compressed) and an SBI call. */
const GUEST = `
  .globl _start
_start:
  li s0, 0x10000000
  li a0, 0x41
  c.sw a0, 0(s0)
  li a0, 0x42
  li a7, 1
  ecall
1:j 1b
`;

function machineStoppedAtExits() {
  const r = assemble([{ path: 'guest.s', text: GUEST }]);
  assert.ok(r.image, r.diagnostics.map((d) => d.message).join('\n'));
  const { machine, vmm } = createVmmMachine([{ name: 'vmA', image: r.image, memory: 1 << 20, vcpus: 1, paging: 'nested', mapping: 'lazy' }]);
  vmm.stopAtExit = () => true;
  return { machine, vmm };
}

describe('dap: VMM debugging logic', () => {
  it('documents an MMIO exit of a compressed store: its fields, and its four phases by line', () => {
    const { machine, vmm } = machineStoppedAtExits();
    const stop = machine.run(1000);
    assert.strictEqual(stop.kind, 'vm-exit');
    const hd = vmm.exitInProgress(0)!;
    // A store guest-page fault (23) on an unmapped G stage; htinst is the transformed c.sw: the
    // 32-bit sw with bits 1:0 = 01 (priv spec, "Transformed Instruction or Pseudoinstruction").
    assert.strictEqual(hd.exit.scause, 23);
    assert.strictEqual(hd.exit.htinst & 3, 1);
    const doc = exitDocument(hd, (a) => (a === hd.exit.pc ? '_start+0x8' : undefined));
    const lines = doc.text.split('\n');
    assert.strictEqual(lines[0], 'VM exit #1 of vmA/vcpu0: MMIO access (mmio)');
    assert.ok(lines.includes('handler   mmio.uart.write'));
    assert.ok(lines.some((l) => /^guest pc\s+0x80000008 <_start\+0x8> in VS-mode$/.test(l)), doc.text);
    assert.ok(lines.some((l) => /^access\s+4-byte write of 0x00000041 from x10 \(a0\)$/.test(l)), doc.text);
    assert.ok(lines.some((l) => /^insn\s+0x\w+\s+sw\s+a0,0\(\w+\) \(compressed\)$/.test(l)), doc.text);
    assert.deepStrictEqual(doc.phaseLines.map((n) => lines[n - 1].trim().split(/\s+/)[0]), ['decode', 'emulate', 'update', 'resume']);
    assert.match(lines[doc.phaseLines[3] - 1], /sepc \+ 2/, 'a compressed store resumes 2 bytes on');
    assert.strictEqual(exitSummary(hd.exit), '4-byte write of 0x00000041 to vmA.uart0+0x0 (gpa 0x10000000)');
    const v = exitVariables(hd.exit, hd.plan.handler);
    assert.deepStrictEqual({ ...v.numbers }, { ...v.numbers, gpa: 0x10000000, width: 4, write: 1, value: 0x41, offset: 0, cause: 23, vcpu: 0, seq: 1, eid: 0 });
    assert.deepStrictEqual(v.texts, { vm: 'vmA', reason: 'mmio', handler: 'mmio.uart.write', device: 'vmA.uart0', access: 'write', why: '' });
  });

  it('compares the state around each phase of a putchar: the UART is written in emulate, a0 in update, pc and V in resume', () => {
    const { machine, vmm } = machineStoppedAtExits();
    let out = '';
    machine.on((e) => { if (e.kind === 'uart-tx') out += String.fromCharCode(e.byte); });
    machine.run(1000);
    while (vmm.exitInProgress(0)) vmm.stepPhase(0);
    assert.strictEqual(machine.run(1000).kind, 'vm-exit');
    const hd = vmm.exitInProgress(0)!, h = machine.harts[0], v = vmm.vcpuOn(0)!;
    assert.strictEqual(hd.plan.handler, 'sbi.console_putchar');
    const seen: string[][] = [], printed: string[] = [];
    while (vmm.exitInProgress(0)) {
      const before = captureExitState(machine, h, v);
      vmm.stepPhase(0);
      seen.push(diffStates(before, captureExitState(machine, h, v)).map((c) => c.name));
      printed.push(out);
    }
    assert.deepStrictEqual(seen[0], [], 'decode changes nothing');
    assert.deepStrictEqual(printed, ['A', 'AB', 'AB', 'AB'], 'the byte goes out in emulate');
    assert.ok(seen[1].every((n) => n.startsWith('vmA.uart0.')), seen[1].join());
    assert.deepStrictEqual(seen[2], ['x10 (a0)'], 'update: a legacy call returns in a0 only');
    assert.ok(seen[3].includes('pc') && seen[3].includes('V'), 'resume: sret');
  });

  it('flattens device state and diffs it, and shows values', () => {
    const s = flatten('u', { a: 1, b: [2, 3], c: { d: 'x', e: null }, f: new Uint8Array([9]) });
    assert.deepStrictEqual([...s], [['u.a', 1], ['u.b[0]', 2], ['u.b[1]', 3], ['u.c.d', 'x'], ['u.c.e', null], ['u.f[0]', 9]]);
    const t = new Map(s); t.set('u.a', 5); t.delete('u.c.d'); t.set('u.g', true);
    assert.deepStrictEqual(diffStates(s, t), [{ name: 'u.a', before: 1, after: 5 }, { name: 'u.g', before: undefined, after: true }, { name: 'u.c.d', before: 'x', after: undefined }]);
    assert.deepStrictEqual([formatStateValue(3), formatStateValue(0x40), formatStateValue(0x80000000), formatStateValue(undefined), formatStateValue('halted')],
      ['3', '0x40 (64)', '0x80000000', '(none)', 'halted']);
  });

  it('prefixes each VM\'s console lines with its name, ending a line another VM interrupts', () => {
    const out: number[] = [];
    const c = new VmConsoleLines(true);
    for (const [vm, text] of [['vm1', 'ab'], ['vm2', 'x\n'], ['vm1', 'c\n'], ['vm1', 'd']] as const) for (const ch of text) c.push(vm, ch.charCodeAt(0), out);
    assert.strictEqual(Buffer.from(out).toString(), '[vm1] ab\n[vm2] x\n[vm1] c\n[vm1] d');
    const one: number[] = [];
    new VmConsoleLines(false).push('vm1', 65, one);
    assert.deepStrictEqual(one, [65]);
  });

  it('names VMs in memory references, data ids, expressions and spaces', () => {
    assert.strictEqual(formatMemoryRef(0x80001000, 'gva', { vm: 'vm1', vcpu: 0 }), 'gva:vm1:0x80001000');
    assert.strictEqual(formatMemoryRef(0x80001000, 'gpa', { vm: 'vm2', vcpu: 1 }), 'gpa:vm2/vcpu1:0x80001000');
    assert.strictEqual(formatMemoryRef(0x80001000, 'physical', { vm: 'vm2', vcpu: 1 }), '0x80001000');
    assert.deepStrictEqual(parseMemoryRef('gva:vm1/vcpu2:0x10'), { address: 16, space: 'gva', hart: undefined, vm: { name: 'vm1', vcpu: 2 } });
    assert.deepStrictEqual(parseMemoryRef('gpa:vm-2:16'), { address: 16, space: 'gpa', hart: undefined, vm: { name: 'vm-2', vcpu: 0 } });
    for (const bad of ['hpa:vm1:0x10', 'va:vm1:0x10', 'gva:vm1/cpu1:0x10', 'gva:1vm:0x10']) assert.strictEqual(parseMemoryRef(bad), undefined, bad);
    assert.deepStrictEqual(parseVcpuName('vm3/vcpu1'), { name: 'vm3', vcpu: 1 });
    assert.strictEqual(dataId(0x80000010, 4, 'vm:vm2'), 'gva:vm2:0x80000010/4');
    assert.deepStrictEqual(parseDataId('gva:vm2:0x80000010/4'), { address: 0x80000010, size: 4, context: 'vm:vm2' });
    assert.strictEqual(parseDataId('hpa:vm2:0x80000010/4'), undefined);
    assert.deepStrictEqual([contextPrefix('vm:a'), contextPrefix('guest'), contextPrefix('hypervisor')], ['gva:a:', 'gva:', '']);
    assert.strictEqual(spacePrefix('gpa', 'vm1/vcpu1'), 'gpa:vm1/vcpu1:');
    const seen: unknown[] = [];
    const ctx: EvalContext = {
      register: () => undefined, csr: () => undefined, symbol: (n) => (n === 'x' ? 0x80000100 : undefined),
      text: (n) => ({ vm: 'vm1', reason: 'mmio' } as Record<string, string>)[n],
      readMemory: (a, size, space, owner) => { seen.push([a, size, space, owner]); return 7; },
    };
    assert.strictEqual(evaluateExpression('vm == "vm1" && reason != "sbi"', ctx).bits, 1);
    assert.strictEqual(evaluateExpression('vm == "vm2"', ctx).bits, 0);
    assert.strictEqual(evaluateExpression('"a\\"b" == "a\\"b"', ctx).bits, 1);
    assert.throws(() => evaluateExpression('vm + 1', ctx), /text can only be compared/);
    assert.throws(() => evaluateExpression('vm == 1', ctx), /one side is a number/);
    assert.throws(() => evaluateExpression('!vm', ctx), /is text/);
    assert.throws(() => evaluateExpression('"open', ctx), /unterminated string/);
    assert.strictEqual(evaluateExpression('*(u8*)gpa:vm2/vcpu1:(x + 4)', ctx).bits, 7);
    assert.deepStrictEqual(seen, [[0x80000104, 1, 'gpa', 'vm2/vcpu1']]);
    assert.strictEqual(evaluateExpression('1 ? 2 : 3', ctx).bits, 2, 'the ternary still parses');
  });

  it('has a filter per exit reason and matches handler names by dotted prefix', () => {
    const f = vmExitFilters();
    assert.deepStrictEqual(f.map((x) => [x.filter, x.label]).slice(0, 3), [['vm-exit-sbi', 'SBI call'], ['vm-exit-guest-page-fault', 'guest page fault'], ['vm-exit-mmio', 'MMIO access']]);
    assert.deepStrictEqual(f.map((x) => x.label), EXIT_REASONS.map((r) => EXIT_REASON_LABELS[r]), 'one per reason, labelled as the VMM names it');
    assert.strictEqual(reasonOfFilter(exitFilterId('wfi')), 'wfi');
    assert.strictEqual(reasonOfFilter('vm-exit-nothing'), undefined);
    assert.ok(handlerMatches('sbi', 'sbi.hsm.hart_start'));
    assert.ok(handlerMatches('sbi.hsm', 'sbi.hsm.hart_start'));
    assert.ok(handlerMatches('mmio.uart.write', 'mmio.uart.write'));
    assert.ok(!handlerMatches('sb', 'sbi.set_timer'));
    assert.ok(!handlerMatches('sbi.hsm.hart_start', 'sbi.hsm'));
  });
});
