import * as assert from 'assert';
import { Machine } from '../../../src/engine/machine/machine';
import { rawImage } from '../../../src/engine/loader/rawImage';
import { gnuAssemble } from '../../support/gnuAs';
import { DRAM } from '../../support/machineFixture';
import { PRV_M, PRV_S } from '../../../src/engine/cpu/hart';

/**
 * Where QEMU 7.2 contradicts the privileged spec, the default machine follows the spec and
 * `compat: 'qemu-7.2'` follows QEMU (the differential corpus pins the QEMU side). Each case
 * below runs both ways.
 */
function boot(source: string, compat: 'spec' | 'qemu-7.2'): Machine {
  const m = new Machine({ memory: 1 << 20, compat });
  m.load(rawImage(gnuAssemble(source), DRAM));
  const h = m.harts[0];
  while ((h.pc >>> 0) !== DRAM) m.step(0, 1);
  return m;
}

const TRAP_AT_0x100 = `
      .option norvc
      j start
      .org 0x100
      j .
    start:`;

describe('spec vs QEMU 7.2 divergences', () => {
  it('misaligned AMO: store/AMO misaligned (6) by the spec, load misaligned (4) in QEMU', () => {
    for (const [compat, cause] of [['spec', 6], ['qemu-7.2', 4]] as const) {
      const m = boot(`${TRAP_AT_0x100}
      li a0, 0x80000401
      amoadd.w a1, a2, (a0)`, compat);
      const h = m.harts[0];
      h.mtvec = DRAM + 0x100;
      m.step(0, 4);
      assert.strictEqual(h.mcause, cause, compat);
    }
  });

  it('AMO on an execute-only page: store page fault (15) by the spec, load page fault (13) in QEMU', () => {
    for (const [compat, cause] of [['spec', 15], ['qemu-7.2', 13]] as const) {
      const m = boot(`${TRAP_AT_0x100}
      amoadd.w a1, a2, (a0)`, compat);
      const h = m.harts[0];
      // Sv32: a 4 MiB superpage at VA 0x40000000 -> PA 0x80000000, X only (+A/D), S-mode.
      const root = DRAM + 0x8000;
      new DataView(m.bus.ram.buffer).setUint32(root - DRAM + (0x40000000 >>> 22) * 4, ((DRAM >>> 12) << 10) | 0xc9, true);
      h.satp = (1 << 31) | (root >>> 12);
      h.pmp.writeAddr(0, 0xffffffff); h.pmp.writeCfg(0, 0x1f);
      h.mtvec = DRAM + 0x100;
      h.x[10] = 0x40000400;
      h.pc = 0x40000104; // the amoadd, fetched through the X-only mapping
      h.priv = PRV_S; h.contextChanged();
      m.step(0, 1);
      assert.strictEqual(h.priv, PRV_M);
      assert.strictEqual(h.mcause, cause, compat);
    }
  });

  it('mret to S clears MPRV by the spec (1.12); QEMU 7.2 keeps it', () => {
    for (const [compat, mprv] of [['spec', 0], ['qemu-7.2', 1]] as const) {
      const m = boot(`
      li t0, 0x00020800     # MPRV | MPP=S
      csrs mstatus, t0
      li t0, -1
      csrw pmpaddr0, t0
      li t0, 0x1f
      csrw pmpcfg0, t0
      la t0, 1f
      csrw mepc, t0
      mret
    1: j 1b`, compat);
      const h = m.harts[0];
      for (let i = 0; i < 20 && h.priv === PRV_M; i++) m.step(0, 1);
      assert.strictEqual(h.priv, PRV_S);
      assert.strictEqual((h.mstatus >>> 17) & 1, mprv, compat);
    }
  });

  it('csrrs with a zero-valued rs1 (not x0) on a read-only CSR: illegal by the spec, allowed in QEMU', () => {
    for (const [compat, traps] of [['spec', true], ['qemu-7.2', false]] as const) {
      const m = boot(`${TRAP_AT_0x100}
      li t1, 0
      csrrs a0, mhartid, t1`, compat);
      const h = m.harts[0];
      h.mtvec = DRAM + 0x100;
      m.step(0, 3); // j start, li, csrrs
      assert.strictEqual(h.mcause === 2 && (h.pc >>> 0) === DRAM + 0x100, traps, compat);
    }
  });

  it('several pending M interrupts: MEI first by the spec, the lowest number (SSI... MSI) in QEMU', () => {
    for (const [compat, first] of [['spec', 11], ['qemu-7.2', 3]] as const) {
      const m = boot(`${TRAP_AT_0x100}
      nop`, compat);
      const h = m.harts[0];
      h.mtvec = DRAM + 0x100; h.mstatus = 1 << 3; h.mie = 0x888; h.mip = 0x888;
      m.step(0, 2);
      assert.strictEqual(h.mcause & 0xff, first, compat);
    }
  });
});
