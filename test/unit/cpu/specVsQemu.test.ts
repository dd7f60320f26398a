import * as assert from 'assert';
import { Machine } from '../../../src/engine/machine/machine';
import { rawImage } from '../../../src/engine/loader/rawImage';
import { gnuAssemble } from '../../support/gnuAs';
import { DRAM } from '../../support/machineFixture';
import { Hart, MSTATUS, PRV_M, PRV_S, PRV_U } from '../../../src/engine/cpu/hart';
import { csrValue, readCsr, writeCsr } from '../../../src/engine/cpu/csrFile';
import { csrFault, HSTATUS } from '../../../src/engine/cpu/hypervisorCsrs';
import { doMret, raiseException, takePendingInterrupt } from '../../../src/engine/cpu/traps';
import { executeSystem } from '../../../src/engine/cpu/systemInstructions';
import { Op } from '../../../src/engine/isa/opcodes';

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

/**
 * The hypervisor extension (privileged spec, chapter "H" Extension v1.0): each case below is
 * run on the default machine (the spec) and with compat 'qemu-7.2' (test/corpus/hyp pins the
 * QEMU side against qemu-system-riscv32 itself).
 */
describe('spec vs QEMU 7.2 divergences: hypervisor extension', () => {
  type Compat = 'spec' | 'qemu-7.2';
  const hart = (compat: Compat): Hart => new Machine({ memory: 1 << 20, compat }).harts[0];
  const rd = (h: Hart, num: number): number => { assert.ok(readCsr(h, num), `read 0x${num.toString(16)}`); return csrValue[0] >>> 0; };
  const wr = (h: Hart, num: number, v: number): void => { assert.ok(writeCsr(h, num, v), `write 0x${num.toString(16)}`); };
  const both = (f: (h: Hart, compat: Compat) => void): void => { for (const c of ['spec', 'qemu-7.2'] as const) f(hart(c), c); };
  const pick = <T>(compat: Compat, spec: T, qemu: T): T => (compat === 'spec' ? spec : qemu);
  const inVs = (h: Hart, priv = PRV_S): void => { h.priv = priv; h.virt = true; };

  it('hstatus WPRI fields: read-only zero (2.3 WPRI; hstatus layout), QEMU keeps every bit but VSBE', () => {
    both((h, c) => { wr(h, 0x600, -1); assert.strictEqual(rd(h, 0x600), pick(c, 0x007003c0, 0xffffffdf)); });
  });

  it('mip.VSTIP/VSEIP: read-only (aliases of hip.VSTIP/VSEIP, read-only in hip), QEMU writes them into hvip', () => {
    both((h, c) => { wr(h, 0x344, 0x444); assert.strictEqual(rd(h, 0x645), pick(c, 0x004, 0x444)); });
  });

  it('vsstatus: WPRI fields read-only zero and SD summarises VS/FS/XS (vsstatus layout); QEMU keeps every bit, no SD', () => {
    both((h, c) => {
      wr(h, 0x200, -1);
      assert.strictEqual(rd(h, 0x200), pick(c, 0x800c0722, 0xffffffff));
      wr(h, 0x200, 0x600);
      assert.strictEqual(rd(h, 0x200), pick(c, 0x80000600, 0x00000600));
    });
  });

  it('vstvec MODE 2/3 are reserved (stvec MODE is WARL): a write is ignored; QEMU stores it', () => {
    both((h, c) => { wr(h, 0x205, 0x80000100); wr(h, 0x205, 0x80000003); assert.strictEqual(rd(h, 0x205), pick(c, 0x80000100, 0x80000003)); });
  });

  it('vsip.STIP/SEIP alias hip.VSTIP/VSEIP when hideleg delegates them (H: vsip); QEMU shows only SSIP', () => {
    both((h, c) => { wr(h, 0x603, 0x444); wr(h, 0x645, 0x444); assert.strictEqual(rd(h, 0x244), pick(c, 0x222, 0x002)); });
  });

  it('sie/sip read in VS-mode are vsie/vsip (H: V=1 makes sie/sip access vsie/vsip); QEMU 7.2 masks them with mideleg\'s S bits', () => {
    both((h, c) => {
      wr(h, 0x603, 0x444); wr(h, 0x604, 0x444); wr(h, 0x645, 0x004);
      wr(h, 0x303, 0x002);                  // mideleg: only SSI of the S-level interrupts
      inVs(h);
      assert.strictEqual(rd(h, 0x104), pick(c, 0x222, 0x002));
      assert.strictEqual(rd(h, 0x144), 0x002);
    });
  });

  it('a csrrc on VS-mode sie clears only the given bits (csrrc is a read-modify-write of vsie); so does QEMU 7.2 under its masked read', () => {
    both((h, c) => {
      wr(h, 0x303, 0); wr(h, 0x603, 0x444); wr(h, 0x604, 0x444);
      inVs(h);
      h.x[5] = 0x20; // csrc sie, t0 with t0 = STIE
      h.pc = 0x80000000;
      executeSystem(h, Op.CSRRC, 32, 5, 0, 0x104, 4);
      h.priv = PRV_M; h.virt = false;
      assert.strictEqual(rd(h, 0x604), 0x404, c);
    });
  });

  it('VS-level interrupts pending together: VSEI, VSSI, VSTI (H: interrupt priority); QEMU 7.2 takes the lowest number first', () => {
    both((h, c) => {
      wr(h, 0x303, 0); wr(h, 0x603, 0x444); wr(h, 0x604, 0x444); wr(h, 0x645, 0x444);
      inVs(h); h.vsstatus = MSTATUS.SIE;
      assert.ok(takePendingInterrupt(h));
      assert.strictEqual(h.vscause >>> 0, pick(c, 0x80000009, 0x80000001));
    });
  });

  it('mideleg VS bits read-only one from reset (mideleg, H chapter); QEMU sets them only on the first write', () => {
    both((h, c) => {
      assert.strictEqual(rd(h, 0x303), pick(c, 0x444, 0));
      wr(h, 0x303, 0);
      assert.strictEqual(rd(h, 0x303), 0x1444);
    });
  });

  it('a VS interrupt before mideleg is first written goes to VS (mideleg VS bits are read-only one); QEMU 7.2 takes it in M', () => {
    both((h, c) => {
      wr(h, 0x603, 0x004); wr(h, 0x604, 0x004); wr(h, 0x645, 0x004);
      inVs(h); h.vsstatus = MSTATUS.SIE;
      assert.ok(takePendingInterrupt(h));
      assert.strictEqual(h.priv, pick(c, PRV_S, PRV_M));
      assert.strictEqual((c === 'spec' ? h.vscause : h.mcause) >>> 0, pick(c, 0x80000001, 0x80000002));
    });
  });

  it('hgatp Sv32x4: PPN[1:0] always read as zero (hgatp, 16 KiB root); QEMU keeps them', () => {
    both((h, c) => { wr(h, 0x680, 0x80000003); assert.strictEqual(rd(h, 0x680), pick(c, 0x80000000, 0x80000003)); });
  });

  it('henvcfgh.STCE/PBMTE follow menvcfgh; QEMU keeps them whatever menvcfgh holds', () => {
    both((h, c) => { wr(h, 0x31a, 0); wr(h, 0x61a, -1); assert.strictEqual(rd(h, 0x61a), pick(c, 0, 0xc0000000)); });
  });

  it('htinst keeps a written value it can hold (WARL); QEMU 7.2 ignores CSR writes (traps still set it)', () => {
    both((h, c) => { wr(h, 0x64a, 0x2000); assert.strictEqual(rd(h, 0x64a), pick(c, 0x2000, 0)); });
  });

  it('satp from VS-mode with hstatus.VTVM=1 raises virtual instruction (hstatus VTVM); QEMU allows it', () => {
    both((h, c) => { wr(h, 0x600, HSTATUS.VTVM); inVs(h); assert.strictEqual(readCsr(h, 0x180), c === 'qemu-7.2'); });
  });

  it('an S CSR from VU-mode raises virtual instruction (22) (H chapter, virtual-instruction exceptions); QEMU illegal (2)', () => {
    both((h, c) => {
      inVs(h, PRV_U);
      assert.strictEqual(readCsr(h, 0x140), false);
      assert.strictEqual(csrFault.virtual, c === 'spec');
    });
  });

  it('exceptions delegated to VS keep their cause (only VS interrupts become cause-1, hideleg text); QEMU renumbers 2 to 1', () => {
    both((h, c) => {
      wr(h, 0x302, 1 << 2); wr(h, 0x602, 1 << 2);
      inVs(h);
      raiseException(h, 2, 0);
      assert.strictEqual(h.vscause, pick(c, 2, 1));
    });
  });

  it('mret with MPP=M leaves V=0 whatever MPV holds (mstatush.MPV); QEMU sets V=MPV', () => {
    both((h, c) => {
      h.mstatus |= MSTATUS.MPP; h.mstatush |= 0x80;
      assert.ok(doMret(h));
      assert.strictEqual(h.virt, c === 'qemu-7.2');
    });
  });

  it('setting A in a VS PTE is an implicit write through the G stage, which sets D in its G-stage leaf (H: two-stage address translation); QEMU 7.2 writes the PTE around the G stage', () => {
    for (const [compat, dirty] of [['spec', 0x80], ['qemu-7.2', 0]] as const) {
      const m = boot(`${TRAP_AT_0x100}
      lw a0, 0(a1)`, compat);
      const h = m.harts[0];
      const w = (a: number, v: number): void => m.bus.write(a, 4, v);
      const pte = (pa: number, flags: number): number => (((pa >>> 12) << 10) | flags) >>> 0;
      const gRoot = DRAM + 0x20000, gL0 = DRAM + 0x24000, vsRoot = DRAM + 0x30000, vsL0 = DRAM + 0x31000;
      w(gRoot + (DRAM >>> 22) * 4, pte(DRAM, 0xdf));          // GPA 0x80000000 4 MiB: identity, U RWX AD
      w(gRoot + (0x80400000 >>> 22) * 4, pte(gL0, 0x01));
      w(gL0, pte(vsL0, 0x57));                                 // GPA 0x80400000 -> the VS L0 table: U RW, A, no D
      w(vsRoot + (DRAM >>> 22) * 4, pte(DRAM, 0xcf));          // VA 0x80000000 4 MiB: the code
      w(vsRoot + (0x40000000 >>> 22) * 4, pte(0x80400000, 0x01));
      w(vsL0, pte(DRAM + 0x10000, 0x07));                      // VA 0x40000000: S RW, A = D = 0
      h.hgatp = (0x80000000 | (gRoot >>> 12)) | 0;
      h.vsatp = (0x80000000 | (vsRoot >>> 12)) | 0;
      h.pmp.writeAddr(0, 0xffffffff); h.pmp.writeCfg(0, 0x1f);
      h.mtvec = DRAM + 0x100;
      h.x[11] = 0x40000000;
      h.pc = DRAM + 0x104; // the lw
      h.priv = PRV_S; h.virt = true; h.contextChanged();
      m.step(0, 1);
      assert.strictEqual(h.virt, true, `${compat}: no trap`);
      assert.strictEqual(m.bus.read(vsL0, 4) & 0xc0, 0x40, `${compat}: VS PTE A`);
      assert.strictEqual(m.bus.read(gL0, 4) & 0x80, dirty, compat);
    }
  });

  it('a G-stage fault of an MPRV access with MPV=1 is a guest-page fault (21/23, MPRV table); QEMU reports 13/15', () => {
    both((h, c) => {
      h.mstatus |= MSTATUS.MPRV | (PRV_S << 11); h.mstatush |= 0x80;
      raiseException(h, 23, 0x90000000);
      assert.strictEqual(h.mcause, pick(c, 23, 15));
    });
  });
});
