import * as assert from 'assert';
import { machineWith, DRAM } from '../../support/machineFixture';
import { PRV_M, PRV_S } from '../../../src/engine/cpu/hart';
import { writeCsr } from '../../../src/engine/cpu/csrFile';
import { doMret, doSret } from '../../../src/engine/cpu/traps';

/**
 * Interrupts injected through hvip (priv spec, H chapter, "Hypervisor Interrupt Registers" and
 * "Trap Entry"). Expected values from the spec's text:
 * - an interrupt goes to M unless delegated by mideleg, then to HS unless delegated by hideleg,
 *   then to VS; M-level interrupts come before HS-level ones, which come before VS-level ones
 *   (with V=1, HS-level interrupts are enabled whatever sstatus.SIE, VS ones need vsstatus.SIE);
 * - for HS, "SEI, SSI, STI, SGEI, VSEI, VSSI, VSTI, LCOFI" in decreasing priority;
 * - a VS-level interrupt taken in VS-mode is reported as its supervisor counterpart
 *   (VSEI 10 -> 9, VSTI 6 -> 5, VSSI 2 -> 1).
 */

const MARCH = 'rv32imac_zicsr_zifencei_h';
const PROGRAM = `
      nop
      nop
      nop
      nop
      .org 0x100
      j .
      .org 0x200
      j .
      .org 0x300
      j .`;

function setup(): ReturnType<typeof machineWith> {
  const m = machineWith(PROGRAM, { hypervisor: true, march: MARCH });
  const h = m.harts[0];
  h.mtvec = DRAM + 0x100; h.stvec = DRAM + 0x200; h.vstvec = DRAM + 0x300;
  h.pmp.writeAddr(0, 0xffffffff); h.pmp.writeCfg(0, 0x1f);
  return m;
}

describe('hypervisor interrupts through hvip', () => {
  it('M-level before HS-level before VS-level; VSSI reaches VS-mode as SSI', () => {
    const m = setup();
    const h = m.harts[0];
    assert.ok(writeCsr(h, 0x303, 0x2));     // mideleg: SSI to HS (VS bits are read-only one)
    assert.ok(writeCsr(h, 0x603, 0x4));     // hideleg: VSSI to VS
    h.mie = (1 << 3) | (1 << 1) | (1 << 2); // MSIE, SSIE, VSSIE
    h.mstatus = 1 << 3;                     // MIE (does not matter below M)
    h.vsstatus = 1 << 1;                    // SIE for VS
    h.mip |= (1 << 3) | (1 << 1);           // MSIP, SSIP
    assert.ok(writeCsr(h, 0x645, 0x4));     // hvip.VSSIP
    h.priv = PRV_S; h.virt = true;
    m.step(0, 1);
    assert.strictEqual(h.mcause >>> 0, 0x80000003, 'MSI first');
    assert.strictEqual(h.mstatush & 0x80, 0x80, 'MPV');
    assert.strictEqual(h.pc >>> 0, DRAM + 0x100);
    h.mip &= ~(1 << 3);
    h.mepc = DRAM;
    assert.ok(doMret(h));
    assert.strictEqual(h.virt, true);
    m.step(0, 1);
    assert.strictEqual(h.scause >>> 0, 0x80000001, 'then SSI in HS');
    assert.strictEqual(h.virt, false);
    assert.strictEqual(h.hstatus & 0x80, 0x80, 'SPV');
    h.mip &= ~(1 << 1);
    h.sepc = DRAM;
    assert.ok(doSret(h));
    assert.strictEqual(h.virt, true);
    m.step(0, 1);
    assert.strictEqual(h.vscause >>> 0, 0x80000001, 'then VSSI, as SSI (code 1) in vscause');
    assert.strictEqual(h.virt, true);
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(h.pc >>> 0, DRAM + 0x300);
    assert.strictEqual(h.scause >>> 0, 0x80000001, 'HS untouched');
  });

  it('within VS-level: VSEI, then VSSI, then VSTI, delivered as 9, 1 and 5', () => {
    const m = setup();
    const h = m.harts[0];
    assert.ok(writeCsr(h, 0x603, 0x444));
    assert.ok(writeCsr(h, 0x604, 0x444));   // hie
    assert.ok(writeCsr(h, 0x645, 0x444));   // hvip: all three
    const seen: number[] = [];
    for (const clear of [0x400, 0x004, 0x040]) {
      h.priv = PRV_S; h.virt = true; h.vsstatus = 1 << 1; h.pc = DRAM;
      m.step(0, 1);
      assert.strictEqual(h.virt, true);
      seen.push(h.vscause & 0xff);
      h.priv = PRV_M; h.virt = false; // M-mode software clears the pending bit
      assert.ok(writeCsr(h, 0x645, h.hvip & ~clear));
    }
    assert.deepStrictEqual(seen, [9, 1, 5]);
  });

  it('a VS-level interrupt not delegated by hideleg goes to HS with its own code, before any VS one', () => {
    const m = setup();
    const h = m.harts[0];
    assert.ok(writeCsr(h, 0x603, 0x004));   // only VSSI to VS
    assert.ok(writeCsr(h, 0x604, 0x444));
    assert.ok(writeCsr(h, 0x645, 0x044));   // VSTIP (HS-level now) and VSSIP (VS-level)
    h.priv = PRV_S; h.virt = true; h.vsstatus = 1 << 1;
    m.step(0, 1);
    assert.strictEqual(h.scause >>> 0, 0x80000006, 'VSTI in HS, code 6');
    assert.strictEqual(h.virt, false);
  });

  it('VS-level interrupts wait while V=0, and in VS-mode while vsstatus.SIE = 0; HS ones do not wait for sstatus.SIE when V=1', () => {
    const m = setup();
    const h = m.harts[0];
    assert.ok(writeCsr(h, 0x603, 0x444));
    assert.ok(writeCsr(h, 0x604, 0x444));
    assert.ok(writeCsr(h, 0x645, 0x400));   // VSEIP
    h.priv = PRV_S; h.virt = false; h.mstatus = 1 << 1; // HS with sstatus.SIE
    m.step(0, 1);
    assert.strictEqual(h.pc >>> 0, DRAM + 2, 'not taken in HS');
    h.priv = PRV_M;
    m.step(0, 1);
    assert.strictEqual(h.pc >>> 0, DRAM + 4, 'not taken in M');
    h.priv = PRV_S; h.virt = true; h.vsstatus = 0;
    m.step(0, 1);
    assert.strictEqual(h.pc >>> 0, DRAM + 6, 'VS-mode with vsstatus.SIE = 0');
    h.priv = PRV_M; h.virt = false;
    assert.ok(writeCsr(h, 0x603, 0));       // now VSEI is HS-level: taken from V=1 with sstatus.SIE = 0
    h.priv = PRV_S; h.virt = true; h.mstatus = 0;
    m.step(0, 1);
    assert.strictEqual(h.scause >>> 0, 0x8000000a);
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(h.virt, false);
  });
});
