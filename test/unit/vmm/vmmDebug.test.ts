import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { guestImage, runGuests } from '../../support/vmmGuest';
import { assemble } from '../../../src/engine/asm';
import type { ElfImage } from '../../../src/engine/loader/elf';

/**
 * What the debugger builds on: stopping at a VM exit, walking its handler's phases one by one,
 * stopping before a named handler, and exact time travel across exits and vCPU switches.
 */
const TWO_VCPUS = `
  .globl _start
_start:
  bnez a0, secondary
  la sp, stack_top
  li a0, 1
  la a1, secondary
  li a2, 0
  SBI EID_HSM, 0             # start vCPU 1
  li s0, 4
1:li a0, 'A'
  call putc
  li t0, 30000
2:addi t0, t0, -1
  bnez t0, 2b
  addi s0, s0, -1
  bnez s0, 1b
  la t0, done
3:lw t1, 0(t0)
  beqz t1, 3b
  call shutdown
secondary:
  la sp, stack1_top
  li s0, 4
1:li a0, 'B'
  call putc
  li t0, 30000
2:addi t0, t0, -1
  bnez t0, 2b
  addi s0, s0, -1
  bnez s0, 1b
  la t0, done
  li t1, 1
  sw t1, 0(t0)
  SBI EID_HSM, 1             # stop
  .data
done: .word 0
`;

describe('VMM: debugging across exits', function () {
  this.timeout(60_000);

  it('stops at an exit, then runs its phases one at a time: decode, emulate, update, resume', () => {
    const run = runGuests([{ image: guestImage(TWO_VCPUS), vcpus: 2 }], { setup: (vmm) => { vmm.stopAtExit = (e) => e.reason === 'sbi' && e.detail.reason === 'sbi' && e.detail.call.eid === 1; } });
    assert.strictEqual(run.stop.kind, 'vm-exit');
    const h = run.machine.harts[0];
    const inProgress = run.vmm.exitInProgress(0)!;
    assert.deepStrictEqual(inProgress.plan.phases.map((p) => p.name), ['decode', 'emulate', 'update', 'resume']);
    assert.strictEqual(inProgress.plan.handler, 'sbi.console_putchar');
    assert.strictEqual(h.virt, false, 'the hart is in HS-mode handling the exit');
    assert.strictEqual(h.scause, 10, 'ecall from VS-mode');
    const ecallPc = inProgress.exit.pc;
    assert.strictEqual(run.out.vm1, '');
    assert.strictEqual(run.vmm.stepPhase(0), false); // decode
    assert.strictEqual(run.vmm.stepPhase(0), false); // emulate: the character goes out
    assert.strictEqual(run.out.vm1, 'A');
    assert.strictEqual(run.vmm.stepPhase(0), false); // update
    assert.strictEqual(h.virt, false);
    assert.strictEqual(run.vmm.stepPhase(0), true); // resume: back in the guest after the ecall
    assert.strictEqual(h.virt, true);
    assert.strictEqual(h.pc >>> 0, (ecallPc + 4) >>> 0);
    assert.strictEqual(run.vmm.exitInProgress(0), undefined);
    assert.strictEqual(run.vmm.log.recent().at(-1)!.handler, 'sbi.console_putchar');
  });

  it('stops before a named handler runs, and carries on from there when run again', () => {
    const run = runGuests([{ image: guestImage(TWO_VCPUS), vcpus: 2 }], { setup: (vmm) => { vmm.stopAtHandler = (name) => name === 'sbi.hsm.hart_start'; } });
    assert.strictEqual(run.stop.kind, 'vm-exit');
    if (run.stop.kind === 'vm-exit') assert.strictEqual(run.stop.why, 'handler');
    const hd = run.vmm.exitInProgress(0)!;
    assert.strictEqual(hd.plan.phases[hd.next].name, 'emulate');
    assert.strictEqual(run.vmm.vcpus[1].state, 'stopped', 'not started yet');
    run.vmm.stopAtHandler = undefined;
    const end = run.machine.run(10_000_000);
    assert.deepStrictEqual(end, { kind: 'exit', code: 0 });
    assert.strictEqual([...run.out.vm1].sort().join(''), 'AAAABBBB');
  });

  /** Runs `image` to its end in chunks, noting the state at each; then seeks to each mark both ways. */
  function checkTimeTravel(image: ElfImage, vcpus: number, paging: 'nested' | 'shadow'): void {
    const run = runGuests([{ image, vcpus, paging }], { maxInsns: 0 });
    const { machine, vmm } = run;
    const history = machine.enableHistory({ interval: 5_000 });
    const state = (): string => JSON.stringify({
      regs: machine.harts.map((h) => [Array.from(h.x.subarray(0, 32)), h.pc, h.priv, h.virt, h.satp]), vcpus: vmm.vcpus.map((v) => [v.state, v.hart, v.register(vmm.hartOf(v), 32)]),
      exits: vmm.log.lastSeq, time: machine.mtime(), shadow: vmm.shadow.stats(vmm.vms[0]),
    });
    const marks: [number, string][] = [];
    for (let i = 0; i < 5000; i++) {
      const s = machine.run(4_000);
      marks.push([machine.executed, state()]);
      if (s.kind !== 'budget') break;
    }
    assert.strictEqual(vmm.vms[0].state, 'shutdown', 'the guests ran to their end');
    assert.ok(vmm.log.lastSeq > 10 && marks.length > 3, `the run had exits (${vmm.log.lastSeq}) and several marks (${marks.length})`);
    for (const [t, s] of [...marks].reverse()) {
      history.seek(t);
      assert.deepStrictEqual(JSON.parse(state()), JSON.parse(s), `state at ${t}`);
    }
    for (const [t, s] of marks) {
      history.seek(t);
      assert.deepStrictEqual(JSON.parse(state()), JSON.parse(s), `state at ${t}, forwards`);
    }
  }

  it('time travel is exact across exits and vCPU switches', () => {
    checkTimeTravel(guestImage(TWO_VCPUS), 2, 'nested');
  });

  it('time travel is exact under shadow paging too: its fills, page-table writes and shadow roots come back', () => {
    const file = path.join(__dirname, '..', '..', '..', '..', 'examples', 'guests', 'paging', 'paging.s');
    const r = assemble([{ path: file, text: fs.readFileSync(file, 'utf8') }]);
    assert.ok(r.image, r.diagnostics.map((d) => d.message).join('\n'));
    checkTimeTravel(r.image!, 1, 'shadow');
    checkTimeTravel(guestImage(TWO_VCPUS), 2, 'shadow');
  });
});

describe('VMM: runVcpu, the KVM_RUN of the library', function () {
  this.timeout(60_000);

  it('returns each exit of the vCPU typed and decoded, in order, before handling it', () => {
    const run = runGuests([{ image: guestImage(`
  .globl _start
_start:
  li s0, 0x10000000
  li t0, 'x'
  sb t0, 0(s0)               # MMIO exit: a 1-byte store of 'x' to the UART
  li a0, 'y'
  call putc                  # SBI exit: legacy putchar
  wfi                        # WFI exit
  call shutdown
`) }], { maxInsns: 0 });
    const vcpu = run.vmm.vcpus[0];
    const first = run.vmm.runVcpu(vcpu)!;
    assert.strictEqual(first.reason, 'mmio');
    assert.ok(first.detail.reason === 'mmio' && first.detail.write && first.detail.width === 1 && first.detail.value === 0x78 && first.detail.offset === 0);
    assert.strictEqual(run.out.vm1, '', 'not handled yet');
    const second = run.vmm.runVcpu(vcpu)!;
    assert.strictEqual(run.out.vm1, 'x', 'running on handled the first');
    assert.strictEqual(second.reason, 'sbi');
    assert.ok(second.detail.reason === 'sbi' && second.detail.call.eid === 1 && second.detail.call.args[0] === 0x79);
    assert.strictEqual(run.vmm.runVcpu(vcpu)!.reason, 'wfi');
    assert.strictEqual(second.seq + 1, run.vmm.exitInProgress(0)!.exit.seq);
  });
});
