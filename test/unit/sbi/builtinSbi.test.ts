import * as assert from 'assert';
import { PRV_M, PRV_S } from '../../../src/engine/cpu/hart';
import { CSR } from '../../../src/engine/isa/csrs';
import { HYPERSTEP_SBI_IMPL_ID, OPENSBI_MEDELEG, OPENSBI_MIDELEG } from '../../../src/engine/sbi';
import { SBI_BASE_ADDRESS, runSbiProgram } from '../../support/sbiProgram';

/*
 * The built-in SBI (boot, console, base, timer, reset; harts, IPIs, fences and traps are in
 * builtinSbiHarts.test.ts) against OpenSBI's behaviour and the SBI v2.0 specification, with small S-mode
 * programs built by GNU as/ld. Each program prints what it observed; the expected text is what
 * OpenSBI on QEMU virt gives (see sbiVsOpenSbi.test.ts for the run against the real thing).
 */

describe('built-in SBI: boot hand-off', function () {
  this.timeout(30000);

  it('starts hart 0 in S-mode at the entry with a0 = hartid, a1 = device tree, as OpenSBI leaves it', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      j _start`, { maxInsns: 0 });
    const m = r.machine, h = m.harts[0];
    const entry = m.image!.entry;
    assert.strictEqual(entry, m.image!.symbols.find((s) => s.name === '_start')!.value);
    assert.ok(entry >= SBI_BASE_ADDRESS);
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(h.pc >>> 0, entry);
    assert.strictEqual(h.x[10], 0);
    assert.strictEqual(h.x[11] >>> 0, m.fdtAddress());
    assert.strictEqual(m.readCsr(0, CSR.medeleg), OPENSBI_MEDELEG);
    assert.strictEqual(m.readCsr(0, CSR.medeleg), 0xb109);
    assert.strictEqual(m.readCsr(0, CSR.mideleg), OPENSBI_MIDELEG);
    assert.strictEqual(m.readCsr(0, CSR.mideleg), 0x222);
    assert.strictEqual(m.readCsr(0, CSR.mie), 0x8, 'only MSIE (IPIs) until a timer is armed');
    assert.strictEqual(m.readCsr(0, CSR.satp), 0);
    assert.strictEqual(m.readCsr(0, CSR.stvec), entry);
    assert.strictEqual(m.readCsr(0, CSR.mstatus)! & 0x1aa, 0x80, 'SIE=0, SPIE=0, SPP=U, MPIE=1 after the mret');
    assert.strictEqual(m.readCsr(0, CSR.scounteren), 7);
    assert.strictEqual(m.readCsr(0, CSR.pmpcfg0)! & 0xff, 0x1f, 'pmp0: NAPOT RWX');
    assert.strictEqual(m.readCsr(0, CSR.pmpaddr0), 0xffffffff);
  });

  it('leaves the UART and PLIC as OpenSBI initialises them (8N1 at divisor 2, FIFO on; PLIC thresholds 7)', () => {
    const r = runSbiProgram('.globl _start\n_start: j _start', { harts: 2, maxInsns: 0 });
    const bus = r.machine.bus;
    assert.strictEqual(bus.read(0x10000003, 1), 0x03, 'LCR: 8N1, DLAB off');
    assert.strictEqual(bus.read(0x10000004, 1), 0x00, 'MCR');
    assert.strictEqual(bus.read(0x10000002, 1) & 0xc0, 0xc0, 'IIR: FIFOs enabled');
    bus.write(0x10000003, 1, 0x83);
    assert.strictEqual(bus.read(0x10000000, 1), 2, 'DLL: 3.6864 MHz / (16 * 115200) rounded');
    bus.write(0x10000003, 1, 0x03);
    for (const ctx of [0, 1]) assert.strictEqual(bus.read(0x0c200000 + ctx * 0x1000, 4), 7, `PLIC context ${ctx} threshold`);
    assert.strictEqual(r.machine.clint.read(0x4004, 4), 0xffffffff, 'mtimecmp = -1');
  });

  it('keeps secondary harts STOPPED until sbi_hart_start', () => {
    const r = runSbiProgram('.globl _start\n_start: j _start', { harts: 2, maxInsns: 1000 });
    const h1 = r.machine.harts[1];
    assert.strictEqual(h1.priv, PRV_M);
    assert.strictEqual(h1.waiting, true);
    assert.strictEqual(h1.retired, 0);
  });

  it('lets S-mode read cycle, time and instret (mcounteren) and keeps PMP open', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      rdtime s0
      rdcycle s1
      rdinstret s2
      li a0, 'o'
      call putc
      li t0, 0x80000000       # below the program: plain RAM, writable from S through PMP
      sw s0, 0(t0)
      li a0, 'k'
      call putc
      call shutdown`);
    assert.strictEqual(r.out, 'ok');
    assert.deepStrictEqual(r.stop, { kind: 'exit', code: 0 });
  });
});

describe('built-in SBI: console', function () {
  this.timeout(30000);

  it('writes through DBCN write, write_byte and legacy putchar, in order with direct UART writes', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      la a1, msg                 # console_write(6, msg, 0)
      li a0, 6
      li a2, 0
      SBI EID_DBCN, 0
      mv s0, a0
      mv s1, a1
      li t0, 0x10000000          # a byte straight into the UART's THR
      li t1, '|'
      sb t1, 0(t0)
      li a0, '!'                 # console_write_byte
      SBI EID_DBCN, 2
      li a0, '?'                 # legacy console_putchar
      li a7, 1
      ecall
      li a0, '\\n'
      call putc
      mv a0, s0
      call putdec
      li a0, ' '
      call putc
      mv a0, s1
      call putdec
      call shutdown
    msg: .ascii "hello\\n"`);
    assert.strictEqual(r.out, 'hello\n|!?\n0 6');
  });

  it('rejects buffers it may not use: high address bits (FAILED) and non-memory (INVALID_PARAM)', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      la a1, msg
      li a0, 4
      li a2, 1                   # base_addr_hi != 0 on RV32
      SBI EID_DBCN, 0
      call putdec
      li a0, ' '
      call putc
      li a0, 4
      li a1, 0x10000000          # the UART: not memory
      li a2, 0
      SBI EID_DBCN, 0
      call putdec
      li a0, ' '
      call putc
      li a0, 16
      li a1, 0x1000              # the boot ROM: not writable memory
      li a2, 0
      SBI EID_DBCN, 1
      call putdec
      call shutdown
    msg: .ascii "nope"`);
    assert.strictEqual(r.out, '-1 -3 -3');
  });

  it('reads input through DBCN console_read and legacy getchar (-1 when nothing waits)', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      li a7, 2                   # legacy getchar
      ecall
      mv s0, a0
      li a0, 8                   # console_read(8, buf, 0)
      la a1, buf
      li a2, 0
      SBI EID_DBCN, 1
      mv s1, a1
      mv a0, s0
      call putc
      li a0, ' '
      call putc
      mv a0, s1
      call putdec
      li a0, ' '
      call putc
      la a1, buf                 # echo what was read
      mv a0, s1
      li a2, 0
      SBI EID_DBCN, 0
      li a0, ' '
      call putc
      li a7, 2                   # nothing left
      ecall
      call putdec
      call shutdown
      .data
    buf: .space 8`, { input: 'Zabc' });
    assert.strictEqual(r.out, 'Z 3 abc -1');
  });
});

describe('built-in SBI: base extension and unknown calls', function () {
  this.timeout(30000);

  it('reports spec 2.0, its implementation id and probes known and unknown extensions', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      SBI EID_BASE, 0            # spec version
      mv a0, a1
      call puthex
      li a0, ' '
      call putc
      SBI EID_BASE, 1            # impl id
      mv a0, a1
      call puthex
      la s0, eids
    1:lw a0, 0(s0)
      beqz a0, 2f
      li a0, ' '
      call putc
      lw a0, 0(s0)
      SBI EID_BASE, 3            # probe_extension(eid)
      mv a0, a1
      call putdec
      addi s0, s0, 4
      j 1b
    2:SBI EID_BASE, 4            # mvendorid, marchid, mimpid: the CSR values
      mv s1, a1
      SBI EID_BASE, 5
      mv s2, a1
      SBI EID_BASE, 6
      mv s3, a1
      li a0, ' '
      call putc
      mv a0, s1
      call puthex
      li a0, ' '
      call putc
      mv a0, s2
      call puthex
      li a0, ' '
      call putc
      mv a0, s3
      call puthex
      call shutdown
      .data
    eids: .word 0x54494D45, 0x735049, 0x52464E43, 0x48534D, 0x53525354, 0x4442434E, 0x10, 1, 8, 9, 0x504D55, 0x12345678, 0`);
    // TIME IPI RFNC HSM SRST DBCN BASE putchar shutdown | 0x09 (unassigned legacy), PMU, nonsense
    assert.strictEqual(r.out, `0x2000000 0x${HYPERSTEP_SBI_IMPL_ID.toString(16)} 1 1 1 1 1 1 1 1 1 0 0 0 0x0 0x0 0x100`);
  });

  it('returns SBI_ERR_NOT_SUPPORTED for unknown extensions and functions (legacy form for 0x09..0x0F)', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      li a1, 77
      SBI 0x12345678, 0          # unknown extension: a0 = -2, a1 = 0
      mv s0, a1
      call putdec
      li a0, ' '
      call putc
      mv a0, s0
      call putdec
      li a0, ' '
      call putc
      SBI EID_BASE, 99           # unknown function of a known extension
      call putdec
      li a0, ' '
      call putc
      SBI EID_TIME, 1
      call putdec
      li a0, ' '
      call putc
      li a1, 77
      SBI 0x0a, 0                # unassigned legacy EID: a0 = -2, a1 preserved
      mv s0, a1
      call putdec
      li a0, ' '
      call putc
      mv a0, s0
      call putdec
      li a0, ' '
      call putc
      li a0, 0                   # hfence on a hart without H
      li a1, -1
      SBI EID_RFENCE, 4
      call putdec
      call shutdown`);
    assert.strictEqual(r.out, '-2 0 -2 -2 -2 77 -2');
  });
});

describe('built-in SBI: timer', function () {
  this.timeout(30000);

  it('set_timer delivers an S timer interrupt at the deadline; set_timer(-1) clears it', () => {
    const r = runSbiProgram(`
      .globl _start
    _start:
      la sp, stack_top
      la t0, on_trap
      csrw stvec, t0
      li t0, 0x20                # sie.STIE
      csrw sie, t0
      rdtime s0
      addi a0, s0, 1000          # 100 us from now
      li a1, 0
      SBI EID_TIME, 0
      csrsi sstatus, 2           # SIE
    1:wfi
      beqz s1, 1b
      csrci sstatus, 2
      li a0, 'T'
      call putc
      sub a0, s2, s0             # time waited, in ticks
      li t0, 1000
      sltu a0, a0, t0            # 0: not before the deadline
      call putdec
      csrr a0, sip               # STIP stays clear after set_timer(-1)
      andi a0, a0, 0x20
      call putdec
      li a0, 0                   # the legacy call does the same
      li a1, 0
      li a7, 0
      ecall
      csrr a0, sip               # a deadline in the past: pending at once
      andi a0, a0, 0x20
      srli a0, a0, 5
      call putdec
      call shutdown

      .align 2
    on_trap:
      csrr t0, scause
      li t1, 0x80000005
      bne t0, t1, 2f
      rdtime s2
      li s1, 1
      li a0, -1                  # stop the timer: also clears sip.STIP
      li a1, -1
      SBI EID_TIME, 0
      sret
    2:li a0, 'X'
      call putc
      call shutdown`);
    assert.strictEqual(r.out, 'T001');
    assert.deepStrictEqual(r.stop, { kind: 'exit', code: 0 });
  });
});

describe('built-in SBI: system reset', function () {
  this.timeout(30000);

  const srst = (type: number, reason: number): string => `
      .globl _start
    _start:
      la sp, stack_top
      li a0, 'B'
      call putc
      li a0, ${type}
      li a1, ${reason}
      SBI EID_SRST, 0
      call putdec                # only reached when the call failed
      li a0, 5
      li a1, 0
      SBI EID_SRST, 0
      call putdec
      li a0, 0
      li a1, 2
      SBI EID_SRST, 0
      call putdec
      li a0, 0
      li a1, 0
      li a7, 8                   # legacy shutdown
      ecall`;

  it('shutdown exits with code 0, and with code 1 for reason SYSTEM_FAILURE', () => {
    assert.deepStrictEqual(runSbiProgram(srst(0, 0)).stop, { kind: 'exit', code: 0 });
    const fail = runSbiProgram(srst(0, 1));
    assert.deepStrictEqual(fail.stop, { kind: 'exit', code: 1 });
    assert.strictEqual(fail.out, 'B');
  });

  it('cold and warm reboot reset the machine (the program boots again)', () => {
    for (const type of [1, 2]) {
      const r = runSbiProgram(srst(type, 0), { maxInsns: 5000 });
      assert.ok(r.out.startsWith('BBB'), r.out);
      assert.strictEqual(r.stop.kind, 'budget');
    }
  });

  it('rejects reserved types and reasons with SBI_ERR_INVALID_PARAM; legacy shutdown exits 0', () => {
    const r = runSbiProgram(srst(0x10, 0));
    assert.strictEqual(r.out, 'B-3-3-3');
    assert.deepStrictEqual(r.stop, { kind: 'exit', code: 0 });
  });
});
