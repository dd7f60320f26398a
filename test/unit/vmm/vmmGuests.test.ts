import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSbiProgram } from '../../support/sbiProgram';
import { guestImage, runGuests } from '../../support/vmmGuest';
import { FRAME_FREE, FRAME_VMM } from '../../../src/engine/vmm/hostFrames';

/**
 * The built-in VMM running guests: what a guest sees must be what an S-mode program sees on the
 * board with the built-in SBI (itself checked against OpenSBI's behaviour), and the VMM's own
 * bookkeeping (exits, host frames) must follow from what the guest did.
 */

/** An S-mode program that exercises the SBI and the UART, printing only deterministic values. */
const SBI_TOUR = `
  .globl _start
_start:
  la sp, stack_top
  la a0, hello
  call puts
  SBI EID_BASE, 0            # spec version
  mv a0, a1
  call puthex
  li a0, ' '
  call putc
  SBI EID_BASE, 1            # implementation id
  mv a0, a1
  call puthex
  li a0, ' '
  call putc
  li a0, EID_HSM
  SBI EID_BASE, 3            # probe HSM
  mv a0, a1
  call putdec
  li a0, ' '
  call putc
  li a0, 0x0A000000
  SBI EID_BASE, 3            # probe an unknown extension
  mv a0, a1
  call putdec
  li a0, ' '
  call putc
  SBI 0x0A000000, 0          # call it
  call putdec
  li a0, ' '
  call putc
  li a0, 1                   # hart_get_status(1): no such hart
  SBI EID_HSM, 2
  call putdec
  li a0, 10
  call putc
  li s0, 0x10000000          # the UART directly: LSR, then three bytes to THR
  lbu a0, 5(s0)
  andi a0, a0, 0x60
  call puthex
  li t0, 'u'
  sb t0, 0(s0)
  li t0, 'a'
  sb t0, 0(s0)
  li t0, 10
  sb t0, 0(s0)
  la a1, buf                 # DBCN console_write(6 bytes, buf, high bits 0)
  li a2, 0
  li a0, 6
  SBI EID_DBCN, 0
  call putdec
  li a0, 10
  call putc
  call shutdown
hello: .asciz "tour\\n"
buf: .ascii "dbcn!\\n"
`;

describe('VMM: guests see the SBI and devices of the board', function () {
  this.timeout(60_000);

  it('an S-mode program prints the same as a guest as on the board with the built-in SBI', () => {
    const image = guestImage(SBI_TOUR);
    const bare = runSbiProgram(SBI_TOUR);
    const vm = runGuests([{ image }]);
    assert.deepStrictEqual(vm.stop, { kind: 'exit', code: 0 });
    assert.strictEqual(bare.stop.kind, 'exit');
    assert.ok(bare.out.includes('tour') && bare.out.includes('dbcn!'), bare.out);
    assert.strictEqual(vm.out.vm1, bare.out);
  });

  it('every UART register access is an MMIO exit, every ecall an SBI exit', () => {
    const run = runGuests([{ image: guestImage(SBI_TOUR) }]);
    const c = run.vmm.log.countsFor('vm1');
    // From the source: one LSR read and three THR writes.
    assert.strictEqual(c.mmio, 4);
    const records = run.vmm.log.recent().filter((r) => r.reason === 'mmio');
    assert.deepStrictEqual(records.map((r) => r.handler), ['mmio.uart.read', 'mmio.uart.write', 'mmio.uart.write', 'mmio.uart.write']);
    // Every character of puts/putc/puthex/putdec is one ecall; count them from the output the
    // SBI console carried: all output but the 3 UART bytes, minus the DBCN buffer (one call),
    // plus the 7 calls that print nothing (base x4, unknown, hsm status, dbcn write) and shutdown.
    const sbiChars = run.out.vm1.length - 3 - 6;
    assert.strictEqual(c.sbi, sbiChars + 1 + 6 + 1);
  });
});

describe('VMM: memory', function () {
  this.timeout(60_000);
  const TOUCH = `
  .globl _start
_start:
  la sp, stack_top
  li s0, 0x80800000          # touch 8 fresh pages, one word each
  li s1, 8
1:sw s1, 0(s0)
  li t0, 4096
  add s0, s0, t0
  addi s1, s1, -1
  bnez s1, 1b
  li s0, 0x80800000          # read the first back
  lw a0, 0(s0)
  call putdec
  li a0, 10
  call putc
  call shutdown
`;

  it('lazy mapping backs a page on its first touch (one guest-page-fault exit each); eager has none', () => {
    const lazy = runGuests([{ image: guestImage(TOUCH) }]);
    const eager = runGuests([{ image: guestImage(TOUCH), mapping: 'eager' }]);
    assert.strictEqual(lazy.out.vm1, '8\n');
    assert.strictEqual(eager.out.vm1, '8\n');
    const lazyFaults = lazy.vmm.log.recent().filter((r) => r.reason === 'guest-page-fault').map((r) => (r.gpa! & ~0xfff) >>> 0);
    for (let i = 0; i < 8; i++) assert.ok(lazyFaults.includes(0x80800000 + i * 4096), `page ${i} faulted in`);
    assert.strictEqual(eager.vmm.log.countsFor()['guest-page-fault'], 0);
    assert.strictEqual(eager.vmm.vms[0].memory.backedPages, (16 << 20) / 4096);
  });

  it('two VMs never share a host frame, and a VM reads zeros where the other wrote', () => {
    const writer = guestImage(`
  .globl _start
_start:
  la sp, stack_top
  li s0, 0x80900000
  li t0, 0x5a5a5a5a
  sw t0, 0(s0)
  lw a0, 0(s0)
  call puthex
  li a0, 10
  call putc
  call shutdown
`);
    const reader = guestImage(`
  .globl _start
_start:
  la sp, stack_top
  li t0, 200000              # let the writer go first
1:addi t0, t0, -1
  bnez t0, 1b
  li s0, 0x80900000
  lw a0, 0(s0)
  call puthex
  li a0, 10
  call putc
  call shutdown
`);
    const run = runGuests([{ image: writer, name: 'writer' }, { image: reader, name: 'reader' }]);
    assert.deepStrictEqual(run.stop, { kind: 'exit', code: 0 });
    assert.strictEqual(run.out.writer, '0x5a5a5a5a\n');
    assert.strictEqual(run.out.reader, '0x0\n');
    const [a, b] = run.vmm.vms;
    const framesA = new Set<number>(), framesB = new Set<number>();
    a.memory.p2m.forEach((f) => { if (f >= 0) framesA.add(f); });
    b.memory.p2m.forEach((f) => { if (f >= 0) framesB.add(f); });
    assert.ok(framesA.size > 0 && framesB.size > 0);
    for (const f of framesA) assert.ok(!framesB.has(f), `frame 0x${f.toString(16)} is in both VMs`);
    for (const f of framesA) assert.strictEqual(run.vmm.pool.ownerOf(f), a.id);
    for (const f of framesB) assert.strictEqual(run.vmm.pool.ownerOf(f), b.id);
    const tableRoot = run.vmm.nested.describe(a).root;
    assert.strictEqual(run.vmm.pool.ownerOf(tableRoot), FRAME_VMM, 'the G-stage tables belong to the VMM');
    assert.notStrictEqual(run.vmm.pool.ownerOf(tableRoot), FRAME_FREE);
  });
});

describe('VMM: bad guests', function () {
  this.timeout(60_000);

  it('an access outside RAM and devices is an access fault delivered to the guest; illegal instructions go straight to it', () => {
    const run = runGuests([{ image: guestImage(`
  .globl _start
_start:
  la sp, stack_top
  la t0, handler
  csrw stvec, t0
  li s0, 0x40000000
  lw t1, 0(s0)               # nothing there: load access fault (5), stval = the address
  sw t1, 0(s0)               # store access fault (7)
  csrr t1, mstatus           # M-mode CSR from VS: illegal instruction (2), handled by the guest without an exit
  call shutdown
  .align 2
handler:
  csrr a0, scause
  call putdec
  li a0, ' '
  call putc
  csrr a0, stval
  call puthex
  li a0, 10
  call putc
  csrr t0, sepc
  addi t0, t0, 4
  csrw sepc, t0
  sret
`) }]);
    assert.deepStrictEqual(run.stop, { kind: 'exit', code: 0 });
    assert.strictEqual(run.out.vm1, '5 0x40000000\n7 0x40000000\n2 0x30002373\n');
    const c = run.vmm.log.countsFor();
    assert.strictEqual(c['guest-page-fault'], 2, 'the two accesses exited; the illegal instruction did not');
  });

  it('a guest that cannot take a trap is stopped with a message; the other VM runs to its end', () => {
    const run = runGuests([
      { name: 'bad', image: guestImage(`
  .globl _start
_start:
  li s0, 0x40000000
  lw t1, 0(s0)               # access fault with stvec = 0: the trap vector itself cannot be fetched
  call shutdown
`) },
      { name: 'good', image: guestImage(`
  .globl _start
_start:
  la sp, stack_top
  la a0, msg
  call puts
  call shutdown
msg: .asciz "still here\\n"
`) },
    ]);
    const [bad, good] = run.vmm.vms;
    assert.strictEqual(bad.state, 'failed');
    assert.match(bad.message, /bad\/vcpu0: the guest's trap vector 0x0 cannot be fetched/);
    assert.strictEqual(good.state, 'shutdown');
    assert.strictEqual(run.out.good, 'still here\n');
    assert.deepStrictEqual(run.stop, { kind: 'exit', code: 1 }, 'the run reports the failure');
  });
});

describe('VMM: a guest that never stops', function () {
  this.timeout(60_000);

  it('loops forever on the same hart as another VM, which still gets its turns and finishes', () => {
    const run = runGuests([
      { name: 'spinner', image: guestImage(`
  .globl _start
_start:
1:j 1b
`) },
      { name: 'worker', image: guestImage(`
  .globl _start
_start:
  la sp, stack_top
  li s0, 3
1:li a0, 'w'
  call putc
  li t0, 400000              # longer than a time slice: the spinner runs in between
2:addi t0, t0, -1
  bnez t0, 2b
  addi s0, s0, -1
  bnez s0, 1b
  li a0, 10
  call putc
  call shutdown
`) },
    ], { maxInsns: 20_000_000 });
    assert.strictEqual(run.stop.kind, 'budget', 'the spinner never ends');
    const [spinner, worker] = run.vmm.vms;
    assert.strictEqual(worker.state, 'shutdown');
    assert.strictEqual(run.out.worker, 'www\n');
    assert.strictEqual(spinner.state, 'running');
    assert.ok(run.vmm.log.countsFor('spinner')['host-interrupt'] >= 2, 'the spinner was preempted for the worker');
  });
});

describe('VMM: the guest device tree', function () {
  this.timeout(60_000);

  it('is a valid blob that dtc reads: memory, vCPUs, UART, PLIC, virtio slots, no CLINT', () => {
    const image = guestImage(`
  .globl _start
_start:
  call shutdown
`);
    const run = runGuests([{ image, vcpus: 3, memory: 32 << 20 }]);
    const vm = run.vmm.vms[0];
    const header = vm.memory.read(vm.dtbAddress, 8)!;
    const size = (header[4] << 24) | (header[5] << 16) | (header[6] << 8) | header[7];
    const blob = vm.memory.read(vm.dtbAddress, size)!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-dtb-'));
    try {
      fs.writeFileSync(path.join(dir, 'vm.dtb'), blob);
      const dts = execFileSync('dtc', ['-I', 'dtb', '-O', 'dts', path.join(dir, 'vm.dtb')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      assert.match(dts, /memory@80000000 \{[^}]*reg = <0x00 0x80000000 0x00 0x2000000>/);
      assert.strictEqual((dts.match(/cpu@\d+ \{/g) ?? []).length, 3);
      assert.match(dts, /serial@10000000/);
      assert.match(dts, /plic@c000000/);
      assert.strictEqual((dts.match(/virtio_mmio@/g) ?? []).length, 8);
      assert.doesNotMatch(dts, /clint/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.strictEqual(vm.dtbAddress, 0x80000000 + (32 << 20) - 0x200000, 'at the end of RAM, 2 MiB aligned, as QEMU places it');
  });
});

describe('VMM: interrupts injected into guests', function () {
  this.timeout(60_000);

  it('UART receive interrupts reach the guest through its PLIC as VS external interrupts', () => {
    const image = guestImage(`
  .globl _start
_start:
  la sp, stack_top
  la t0, handler
  csrw stvec, t0
  li s0, 0x10000000
  li t0, 1
  sb t0, 1(s0)               # UART IER: received data available
  li s1, 0x0c000000
  li t0, 1
  sw t0, 40(s1)              # priority of source 10
  li t1, 0x0c002080          # enable bits of context 1 (hart 0, S-mode)
  li t0, 1 << 10
  sw t0, 0(t1)
  li t1, 0x0c201000          # threshold of context 1
  sw zero, 0(t1)
  li s2, 0                   # bytes received
  li t0, 0x200               # sie.SEIE
  csrs sie, t0
  csrsi sstatus, 2
1:li t0, 3                   # wfi wakes on a pending interrupt even with SIE clear, so no race
  bge s2, t0, 4f
  wfi
  j 1b
4:call shutdown
  .align 2                   # stvec's base is 4-byte aligned (low bits are the mode)
handler:
  li t1, 0x0c201004          # claim
  lw s3, 0(t1)
2:lbu t0, 5(s0)              # drain the receiver
  andi t0, t0, 1
  beqz t0, 3f
  lbu a0, 0(s0)
  addi a0, a0, 1             # echo the next letter
  call putc
  addi s2, s2, 1
  j 2b
3:sw s3, 0(t1)               # complete
  li a0, 10
  call putc
  sret
`);
    // Run until the guest waits in wfi, then type: the halted vCPU must wake on the interrupt.
    const run = runGuests([{ image }], { maxInsns: 50_000_000, setup: (vmm) => { vmm.stopAtExit = (e) => e.reason === 'wfi'; } });
    assert.strictEqual(run.stop.kind, 'vm-exit');
    run.vmm.stopAtExit = undefined;
    assert.strictEqual(run.machine.run(1_000_000).kind, 'idle', 'nothing to do until input arrives');
    assert.strictEqual(run.vmm.vcpus[0].state, 'halted');
    run.vmm.sendInput(run.vmm.vms[0], Buffer.from('abc'));
    assert.deepStrictEqual(run.machine.run(50_000_000), { kind: 'exit', code: 0 });
    assert.strictEqual(run.out.vm1.replace(/\n/g, ''), 'bcd');
    const injections = run.vmm.log.recent().filter((r) => r.reason === 'interrupt-injection');
    assert.ok(injections.some((r) => r.summary.startsWith('VSEI')), JSON.stringify(injections));
  });
});
