import * as assert from 'assert';
import { machineWith, DRAM } from '../../support/machineFixture';
import { PRV_M, PRV_S, PRV_U } from '../../../src/engine/cpu/hart';
import { readCsr, csrValue, writeCsr } from '../../../src/engine/cpu/csrFile';

/**
 * Traps and interrupts by the privileged spec (1.12): causes, tval, epc, delegation, the
 * interrupt priority order and enables. Program-level behaviour is also checked against QEMU in
 * the differential corpus; these tests pin the mechanisms one at a time.
 */
/** S/U-mode may only access memory a PMP entry allows: open everything, as firmware does. */
function openPmp(h: Parameters<typeof writeCsr>[0]): void {
  writeCsr(h, 0x3b0, 0xffffffff); // pmpaddr0: NAPOT over the whole address space
  writeCsr(h, 0x3a0, 0x1f);       // pmpcfg0: NAPOT, R W X
}

/** Two instructions at 0, then spinning handlers at +0x40 and +0x100..+0x12c (vector slots). */
const HANDLERS = `
      nop
      nop
      .org 0x40
      j .
      .org 0x100
      .rept 12
      j .
      .endr`;

describe('traps', () => {
  it('illegal instruction: mcause 2, mtval = instruction bits, mepc = its pc, not retired', () => {
    const m = machineWith(`
      la t0, handler
      csrw mtvec, t0
      nop
      .4byte 0xffffffff
    handler:
      j handler`);
    m.stopOnTraps([2], []);
    const before = m.harts[0].retired;
    const r = m.run(100);
    const h = m.harts[0];
    assert.strictEqual(r.kind, 'trap');
    assert.strictEqual(h.mcause, 2);
    assert.strictEqual(h.mtval >>> 0, 0xffffffff);
    assert.strictEqual(h.mepc >>> 0, DRAM + 14, 'la (8 bytes) + csrw (4) + c.nop (2)');
    assert.strictEqual(h.retired - before, 4, 'la (2) + csrw + nop retire; the illegal one does not');
  });

  it('ecall cause depends on the mode; delegation sends S/U traps to stvec', () => {
    const m = machineWith(`
      ecall
      nop`);
    const h = m.harts[0];
    h.mtvec = DRAM + 0x100; h.stvec = DRAM + 0x200;
    openPmp(h);
    h.priv = PRV_U;
    m.step(0, 1);
    assert.strictEqual(h.mcause, 8);
    assert.strictEqual(h.priv, PRV_M);
    assert.strictEqual((h.mstatus >>> 11) & 3, PRV_U, 'MPP records U');
    // Delegate ecall-from-U: now it lands in S-mode with scause = 8 and SPP = 0.
    h.pc = DRAM; h.priv = PRV_U; h.medeleg = 1 << 8;
    m.step(0, 1);
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(h.scause, 8);
    assert.strictEqual(h.pc >>> 0, DRAM + 0x200);
    assert.strictEqual(h.mstatus & (1 << 8), 0, 'SPP = U');
    // ecall from M is never delegated.
    h.pc = DRAM; h.priv = PRV_M;
    m.step(0, 1);
    assert.strictEqual(h.mcause, 11);
    assert.strictEqual(h.pc >>> 0, DRAM + 0x100);
  });

  it('takes pending interrupts in priority order MEI > MSI > MTI > SEI > SSI > STI', () => {
    const m = machineWith(HANDLERS);
    const h = m.harts[0];
    const order: number[] = [];
    for (const pending of [0xaaa, 0x2aa, 0x2a2, 0x222, 0x022, 0x020]) { // drop the winner each time
      h.pc = DRAM; h.priv = PRV_M; h.mstatus = 1 << 3; h.mie = 0xaaa; h.mtvec = DRAM + 0x40; h.mideleg = 0;
      h.mip = pending;
      m.step(0, 1);
      order.push(h.mcause & 0xff);
    }
    assert.deepStrictEqual(order, [11, 3, 7, 9, 1, 5]);
  });

  it('masks M interrupts in M-mode with MIE = 0 but always takes them from S-mode', () => {
    const m = machineWith(HANDLERS);
    const h = m.harts[0];
    h.mtvec = DRAM + 0x40; h.mie = 1 << 7; h.mip = 1 << 7; h.mstatus = 0;
    openPmp(h);
    m.step(0, 1);
    assert.strictEqual(h.pc >>> 0, DRAM + 2, 'not taken in M with MIE=0');
    h.pc = DRAM; h.priv = PRV_S;
    m.step(0, 1);
    assert.strictEqual(h.mcause >>> 0, 0x80000007);
    assert.strictEqual(h.mepc >>> 0, DRAM, 'epc is the instruction that did not run');
  });

  it('vectored mtvec sends interrupt n to base + 4n, exceptions to base', () => {
    const m = machineWith(HANDLERS.replace('nop\n      nop', 'ebreak'));
    const h = m.harts[0];
    h.mtvec = (DRAM + 0x100) | 1; h.mstatus = 1 << 3; h.mie = 1 << 3; h.mip = 1 << 3;
    m.step(0, 1);
    assert.strictEqual(h.pc >>> 0, DRAM + 0x100 + 4 * 3);
    h.mip = 0; h.pc = DRAM;
    m.step(0, 1);
    assert.strictEqual(h.pc >>> 0, DRAM + 0x100);
    assert.strictEqual(h.mcause, 3);
  });
});

describe('CSR access rules', () => {
  const m = machineWith('nop');
  const h = m.harts[0];
  afterEach(() => { h.priv = PRV_M; });

  it('denies M-level CSRs to S-mode and writes to read-only CSRs', () => {
    h.priv = PRV_S;
    assert.strictEqual(readCsr(h, 0x300), false, 'mstatus from S');
    assert.strictEqual(readCsr(h, 0x100), true, 'sstatus from S');
    h.priv = PRV_M;
    assert.strictEqual(writeCsr(h, 0xf14, 1), false, 'mhartid is read-only');
    assert.strictEqual(readCsr(h, 0xf14), true);
    assert.strictEqual(readCsr(h, 0x7c0), false, 'an unimplemented CSR is illegal');
  });

  it('gates counters from S/U through mcounteren and scounteren', () => {
    h.mcounteren = 0; h.scounteren = 0;
    h.priv = PRV_S;
    assert.strictEqual(readCsr(h, 0xc00), false);
    h.mcounteren = 1;
    assert.strictEqual(readCsr(h, 0xc00), true);
    h.priv = PRV_U;
    assert.strictEqual(readCsr(h, 0xc00), false);
    h.scounteren = 1;
    assert.strictEqual(readCsr(h, 0xc00), true);
  });

  it('sstatus is a view of mstatus; sie/sip show only delegated bits', () => {
    writeCsr(h, 0x300, 0);
    writeCsr(h, 0x100, 0xffffffff);
    readCsr(h, 0x300);
    const ms = csrValue[0];
    assert.strictEqual(ms & (1 << 3), 0, 'sstatus cannot set MIE');
    assert.notStrictEqual(ms & (1 << 1), 0, 'but sets SIE');
    h.mideleg = 0; h.mie = 0x222;
    readCsr(h, 0x104);
    assert.strictEqual(csrValue[0], 0);
    h.mideleg = 0x222;
    readCsr(h, 0x104);
    assert.strictEqual(csrValue[0], 0x222);
  });

  it('satp traps in S-mode when mstatus.TVM is set', () => {
    h.mstatus = 1 << 20;
    h.priv = PRV_S;
    assert.strictEqual(readCsr(h, 0x180), false);
    assert.strictEqual(writeCsr(h, 0x180, 0), false);
    h.mstatus = 0;
    assert.strictEqual(readCsr(h, 0x180), true);
  });
});
