import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Machine } from '../../../src/engine/machine/machine';
import { EID, handleSbiCall } from '../../../src/engine/sbi';
import { buildSbiElf, runSbiProgram } from '../../support/sbiProgram';

const CLI = path.resolve(__dirname, '../../../../out/src/cli/main.js');

/*
 * Harts (HSM), IPIs, remote fences, trap redirection and machine integration of the built-in
 * SBI, with small S-mode programs built by GNU as/ld that print what they observed; the expected
 * text is what OpenSBI on QEMU virt gives. Boot, console, base, timer and reset are in
 * builtinSbi.test.ts.
 */

describe('built-in SBI: hart state management', function () {
  this.timeout(30000);

  it('starts hart 1 with a0 = hartid and a1 = opaque; status, errors and hart_stop', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      li a0, 1
      SBI EID_HSM, 2             # get_status(1): STOPPED
      mv a0, a1
      call putdec
      li a0, 1
      la a1, second
      li a2, 0x1234
      SBI EID_HSM, 0             # hart_start(1, second, 0x1234)
      call putdec
      li a0, 1
      la a1, second
      li a2, 0
      SBI EID_HSM, 0             # again: ALREADY_AVAILABLE
      call putdec
      li a0, 7
      la a1, second
      SBI EID_HSM, 0             # no such hart
      call putdec
      li a0, 7
      SBI EID_HSM, 2
      call putdec
      la t0, flag
    1:lw t1, 0(t0)               # wait for hart 1 to report and stop
      beqz t1, 1b
    2:li a0, 1
      SBI EID_HSM, 2
      beqz a1, 2b                # STARTED until its hart_stop
      mv a0, a1
      call putdec
      li a0, 1                   # a stopped hart can be started again; a bad address is refused
      li a1, 0x1000
      SBI EID_HSM, 0
      call putdec
      li a0, '\\n'
      call putc
      call shutdown

    second:                      # hart 1: a0 = 1, a1 = opaque
      la sp, stack1_top
      mv s0, a0
      mv s1, a1
      li a0, '['
      call putc
      mv a0, s0
      call putdec
      li a0, ' '
      call putc
      mv a0, s1
      call puthex
      li a0, ' '
      call putc
      mv a0, s0                  # get_status(own id): STARTED
      SBI EID_HSM, 2
      mv a0, a1
      call putdec
      li a0, ']'
      call putc
      la t0, flag
      li t1, 1
      sw t1, 0(t0)
      SBI EID_HSM, 1             # hart_stop: does not return
      li a0, 'X'
      call putc
      .data
    flag: .word 0`, { harts: 2 });
    assert.strictEqual(r.out, '10-6-3-3[1 0x1234 0]1-5\n');
    assert.deepStrictEqual(r.stop, { kind: 'exit', code: 0 });
  });

  it('suspends retentively until an interrupt, and non-retentively resuming at resume_addr with a1 = opaque', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      li t0, 0x20                # sie.STIE, sstatus.SIE stays 0: the interrupt only wakes
      csrw sie, t0
      rdtime a0
      addi a0, a0, 500
      li a1, 0
      SBI EID_TIME, 0
      li a0, 0                   # default retentive suspend
      SBI EID_HSM, 3
      call putdec
      csrr a0, sip
      srli a0, a0, 5
      andi a0, a0, 1
      call putdec                # woken by the pending S timer interrupt
      li a0, 0x30000000          # reserved type
      SBI EID_HSM, 3
      call putdec
      li a0, 0x80000000          # non-retentive, bad resume address
      li a1, 0x10000000
      SBI EID_HSM, 3
      call putdec
      rdtime a0
      addi a0, a0, 500
      li a1, 0
      SBI EID_TIME, 0
      li a0, 0x80000000          # default non-retentive suspend
      la a1, resumed
      li a2, 0xabc
      SBI EID_HSM, 3
      li a0, 'X'                 # never returns here
      call putc
    resumed:
      la sp, stack_top
      mv s0, a0
      mv s1, a1
      li a0, ' '
      call putc
      mv a0, s0
      call putdec
      li a0, ' '
      call putc
      mv a0, s1
      call puthex
      csrr a0, sie               # sie = 0 after a non-retentive resume
      call putdec
      call shutdown`);
    assert.strictEqual(r.out, '01-3-5 0 0xabc0');
  });
});

describe('built-in SBI: IPIs and remote fences', function () {
  this.timeout(30000);

  it('send_ipi raises SSIP on the target harts (hart mask and base), errors for stopped or missing harts', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      li a0, 2
      li a1, 0
      SBI EID_IPI, 0             # hart 1 is stopped: INVALID_PARAM
      call putdec
      li a0, 1
      li a1, 4
      SBI EID_IPI, 0             # base beyond the harts
      call putdec
      li a0, 0
      li a1, 0
      SBI EID_IPI, 0             # empty mask: nothing to do
      call putdec
      li a0, 1
      la a1, second
      li a2, 0
      SBI EID_HSM, 0
      la t0, ready
    1:lw t1, 0(t0)
      beqz t1, 1b
      li a0, 1
      li a1, 1                   # mask 1 << 0 from base 1: hart 1
      SBI EID_IPI, 0
      mv s0, a0
      la t0, got
    2:lw t1, 0(t0)
      beqz t1, 2b
      mv a0, s0
      call putdec
      csrw sie, zero
      li a0, 0                   # base -1: every started hart, this one too
      li a1, -1
      SBI EID_IPI, 0
      mv s0, a0
      csrr s1, sip
      la t0, got
    5:lw t1, 0(t0)
      li t2, 2
      bne t1, t2, 5b
      mv a0, s0
      call putdec
      andi a0, s1, 2
      call putdec
      call shutdown

    second:
      la sp, stack1_top
      la t0, on_ipi
      csrw stvec, t0
      li t0, 2                   # sie.SSIE
      csrw sie, t0
      csrsi sstatus, 2
      la t0, ready
      li t1, 1
      sw t1, 0(t0)
    3:wfi
      j 3b
      .align 2
    on_ipi:
      csrr t0, scause
      li t1, 0x80000001
      bne t0, t1, 4f
      csrci sip, 2
      li a0, 'I'
      call putc
      la t0, got
      lw t1, 0(t0)
      addi t1, t1, 1
      sw t1, 0(t0)
    4:sret
      .data
    ready: .word 0
    got: .word 0`, { harts: 2 });
    assert.strictEqual(r.out, '-3-30I0I02');
  });

  it('remote sfence.vma flushes the pages of the range (above 2 GiB too) or everything, per the range rules', () => {
    const m = new Machine({ memory: 1 << 20, harts: 2, sbi: 'builtin' });
    const calls: string[] = [];
    m.harts[1].mmu.flush = (va, asid) => { calls.push(`${va === undefined ? 'all' : (va >>> 0).toString(16)}/${asid}`); };
    m.sbi!.startHart(1, 0x80000000, 0);
    calls.length = 0;
    const rfence = (start: number, size: number, asid?: number): string[] => {
      calls.length = 0;
      const out = handleSbiCall(m.sbi!, 0, { eid: EID.RFENCE, fid: asid === undefined ? 1 : 2, args: [2, 0, start, size, asid ?? 0, 0] });
      assert.deepStrictEqual(out, { kind: 'return', error: 0, value: 0 });
      return [...calls];
    };
    assert.deepStrictEqual(rfence(0x80001800, 0x2000, 5), ['80001000/5', '80002000/5', '80003000/5']);
    assert.deepStrictEqual(rfence(0xfffff000, 0x1000), ['fffff000/undefined']);
    assert.deepStrictEqual(rfence(0, 0), ['all/undefined'], 'start = size = 0: the whole address space');
    assert.deepStrictEqual(rfence(0x1000, 0xffffffff, 3), ['all/3'], 'size = 2^XLEN - 1: the whole address space');
    assert.deepStrictEqual(rfence(0x40000000, 65 * 4096), ['all/undefined'], 'a large range: everything');
  });

  it('remote_sfence_vma flushes stale translations on the target harts', () => {
    // Sv32: one 4 MiB megapage identity-maps the program; page table 2 maps VA 0x40000000 to one
    // of two data pages. After changing the PTE the old translation is still cached until the
    // remote fence (the TLB keeps it).
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      la s0, root
      la s1, l2
      # root[0x201] (VA 0x80400000): megapage, RWX+A+D+V
      li t0, 0x80400000
      srli t0, t0, 12
      slli t0, t0, 10
      ori t0, t0, 0xcf
      li t1, 0x804
      add t1, s0, t1
      sw t0, 0(t1)
      # root[0x100] (VA 0x40000000) -> l2
      srli t0, s1, 12
      slli t0, t0, 10
      ori t0, t0, 1
      sw t0, 0x400(s0)
      la a0, page_a
      call map
      srli t0, s0, 12
      li t1, 0x80000000
      or t0, t0, t1
      csrw satp, t0
      sfence.vma
      li s2, 0x40000000
      lw a0, 0(s2)               # 'A' through page_a
      call putc
      la a0, page_b              # remap without a fence: still 'A'
      call map
      lw a0, 0(s2)
      call putc
      li a0, 1                   # remote_sfence_vma(hart 0, 0x40000000, 4096)
      li a1, 0
      li a2, 0x40000000
      li a3, 4096
      SBI EID_RFENCE, 1
      call putdec
      lw a0, 0(s2)               # 'B' now
      call putc
      call shutdown
    map:                         # l2[0] = leaf for page a0, RW+A+D+V
      srli t0, a0, 12
      slli t0, t0, 10
      ori t0, t0, 0xc7
      sw t0, 0(s1)
      ret
      .data
      .align 12
    root: .space 4096
    l2: .space 4096
    page_a: .word 'A'
      .align 12
    page_b: .word 'B'`);
    assert.strictEqual(r.out, 'AA0B');
  });
});

describe('built-in SBI: traps OpenSBI does not handle go back to S-mode', function () {
  this.timeout(30000);

  it('redirects illegal instructions and access faults to stvec with the original cause and tval', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      la t0, on_trap
      csrw stvec, t0
      csrr t0, mstatus           # M-mode CSR from S: illegal instruction
      li t0, 0x200000            # nothing there (on QEMU virt too): load access fault
      lw t1, 0(t0)
      call shutdown
      .align 2
    on_trap:
      csrr a0, scause
      call putdec
      li a0, ':'
      call putc
      csrr a0, stval
      call puthex
      li a0, ' '
      call putc
      csrr t0, sepc
      addi t0, t0, 4
      csrw sepc, t0
      sret`);
    assert.strictEqual(r.out, '2:0x300022f3 5:0x200000 ');
  });

  it('legacy send_ipi loads the hart mask as S-mode: NULL means every started hart, a bad pointer traps at the ecall', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      la t0, on_trap
      csrw stvec, t0
      la a0, mask                # *mask = 1: hart 0
      li a7, 4
      ecall
      call putdec
      csrr a0, sip
      andi a0, a0, 2
      call putdec
      csrci sip, 2
      li a0, 0                   # NULL: all started harts
      li a7, 4
      ecall
      csrr a0, sip
      andi a0, a0, 2
      call putdec
      li a7, 3                   # legacy clear_ipi: 1 (one was pending)
      ecall
      call putdec
      li a0, 0x200000            # no memory there: the access fault comes back with sepc at the ecall
      li a7, 4
    ecall_here:
      ecall
      call shutdown
      .align 2
    on_trap:
      csrr a0, scause
      call putdec
      csrr t0, sepc
      la t1, ecall_here
      sub a0, t0, t1
      call putdec
      call shutdown
      .data
    mask: .word 1`);
    assert.strictEqual(r.out, '022150');
  });
});

describe('built-in SBI: machine integration', function () {
  this.timeout(30000);

  it('snapshot/restore keeps the HSM state and the run replays identically', () => {
    const src = `
      .globl _start
    _start:
      la sp, stack_top
      li a0, 1
      la a1, second
      li a2, 7
      SBI EID_HSM, 0
    1:li a0, 1
      SBI EID_HSM, 2
      li t0, 1                   # until hart 1 stopped
      bne a1, t0, 1b
      li a0, 'd'
      call putc
      call shutdown
    second:
      la sp, stack1_top
      addi a0, a1, '0'
      call putc
      SBI EID_HSM, 1`;
    const r = runSbiProgram(src, { harts: 2, maxInsns: 40 });
    const m: Machine = r.machine;
    const snap = m.snapshot();
    let out = '';
    m.on((e) => { if (e.kind === 'uart-tx') out += String.fromCharCode(e.byte); });
    assert.deepStrictEqual(m.run(100000), { kind: 'exit', code: 0 });
    const first = out;
    out = '';
    m.restore(snap);
    assert.deepStrictEqual(m.run(100000), { kind: 'exit', code: 0 });
    assert.strictEqual(out, first);
    assert.strictEqual(r.out + first, '7d');
  });

  it('reports SBI calls as traps into M-mode: trap events and exception breakpoints (stop after the call)', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      li a0, 'a'
      li a7, 1
    the_ecall:
      ecall
      li a0, 'b'
      call putc
      call shutdown`, { setup: (m) => m.stopOnTraps([9], []) });
    const m = r.machine;
    const at = m.image!.symbols.find((s) => s.name === 'the_ecall')!.value;
    assert.deepStrictEqual(r.stop, { kind: 'trap', hart: 0, trap: { hart: 0, cause: 9, interrupt: false, tval: 0, epc: at, fromPriv: 1, toPriv: 3, fromVirt: false, toVirt: false } });
    assert.strictEqual(m.harts[0].pc >>> 0, at + 4, 'the call has been served');
    assert.strictEqual(r.out, 'a');
    const events: number[] = [];
    m.on((e) => { if (e.kind === 'trap') events.push(e.trap.cause); });
    m.stopOnTraps([], []);
    assert.deepStrictEqual(m.run(10000), { kind: 'exit', code: 0 });
    assert.deepStrictEqual(events, [9, 9]);
  });

  it('counts SBI calls as ecall-from-S traps', () => {
    const r = runSbiProgram('.globl _start\n_start:\n la sp, stack_top\n li a0, 65\n call putc\n call shutdown');
    assert.strictEqual(r.machine.trapCounts().exceptions[9], 2);
    assert.strictEqual(r.machine.sbi!.calls, 2);
  });

  it('hyperstep run --sbi builtin runs an S-mode program; a bad --sbi value is a usage error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-sbi-cli-'));
    try {
      const elf = buildSbiElf('.globl _start\n_start:\n la sp, stack_top\n li a0, 72\n call putc\n li a0, 0\n li a1, 1\n SBI EID_SRST, 0', dir);
      const ok = spawnSync(process.execPath, [CLI, 'run', elf, '--sbi', 'builtin'], { input: '', encoding: 'utf8' });
      assert.strictEqual(ok.stdout, 'H');
      assert.strictEqual(ok.status, 1, 'shutdown with reason SYSTEM_FAILURE');
      const bad = spawnSync(process.execPath, [CLI, 'run', elf, '--sbi', 'opensbi'], { input: '', encoding: 'utf8' });
      assert.strictEqual(bad.status, 2);
      assert.match(bad.stderr, /--sbi must be none or builtin/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves bare-metal machines alone (no firmware, M-mode at the boot ROM)', () => {
    const m = new Machine({ memory: 1 << 20 });
    assert.strictEqual(m.sbi, undefined);
    assert.strictEqual(m.harts[0].machineTrapHook, undefined);
  });
});
