import * as assert from 'assert';
import { machineWith, DRAM } from '../../support/machineFixture';
import { Hart, PRV_M, PRV_S, PRV_U } from '../../../src/engine/cpu/hart';
import { csrValue, readCsr, writeCsr } from '../../../src/engine/cpu/csrFile';
import { Machine } from '../../../src/engine/machine/machine';
import { doMret, doSret } from '../../../src/engine/cpu/traps';

/**
 * The hypervisor extension (priv spec, "Hypervisor Extension", v1.0) in the hart: gated by
 * MachineConfig.hypervisor, V mode, the H/VS CSRs and their WARL rules, S-CSR redirection when V=1,
 * trap routing to VS/HS/M with SPV/SPVP/MPV/GVA, VS interrupts, xRET into V=1, and two-stage
 * translation with guest-page faults.
 */

const MARCH = 'rv32imac_zicsr_zifencei_h';
const H = { hypervisor: true, march: MARCH };

function openPmp(h: Hart): void {
  writeCsr(h, 0x3b0, 0xffffffff);
  writeCsr(h, 0x3a0, 0x1f);
}

function rd(h: Hart, num: number): number {
  assert.ok(readCsr(h, num), `read of 0x${num.toString(16)} failed`);
  return csrValue[0] >>> 0;
}

function wr(h: Hart, num: number, v: number): void {
  assert.ok(writeCsr(h, num, v), `write of 0x${num.toString(16)} failed`);
}

/** Handlers: spin at +0x100 (M), +0x200 (HS), +0x300 (VS). */
const LAYOUT = `
      nop
      nop
      .org 0x100
      j .
      .org 0x200
      j .
      .org 0x300
      j .`;

function setVectors(h: Hart): void {
  h.mtvec = DRAM + 0x100; h.stvec = DRAM + 0x200; h.vstvec = DRAM + 0x300;
}

describe('hypervisor extension', () => {
  it('is off by default: misa has no H and the H CSRs are illegal', () => {
    const m = new Machine({ memory: 1 << 20 });
    const h = m.harts[0];
    assert.strictEqual(h.hasH, false);
    assert.strictEqual((h.misa >>> 7) & 1, 0);
    assert.strictEqual(readCsr(h, 0x600), false, 'hstatus');
    assert.strictEqual(readCsr(h, 0x34b), false, 'mtval2');
    assert.strictEqual(writeCsr(h, 0x280, 1), false, 'vsatp');
    assert.strictEqual(m.snapshot().harts[0].hyp, undefined, 'no H state in snapshots');
  });

  it('with { hypervisor: true } misa gains H and mideleg has VSSIP/VSTIP/VSEIP read-only one', () => {
    const m = new Machine({ memory: 1 << 20, hypervisor: true });
    const h = m.harts[0];
    assert.strictEqual((rd(h, 0x301) >>> 7) & 1, 1);
    assert.strictEqual(rd(h, 0x301), m.harts[0].misa >>> 0);
    assert.strictEqual(rd(h, 0x303) & 0x444, 0x444);
    wr(h, 0x303, 0);
    assert.strictEqual(rd(h, 0x303), 0x444);
    wr(h, 0x303, 0x222);
    assert.strictEqual(rd(h, 0x303), 0x666);
  });

  it('H and VS CSRs follow their WARL rules', () => {
    const h = new Machine({ memory: 1 << 20, hypervisor: true }).harts[0];
    wr(h, 0x600, 0xffffffff);
    assert.strictEqual(rd(h, 0x600), 0x007003c0, 'hstatus: GVA SPV SPVP HU VTVM VTW VTSR; VGEIN (GEILEN 0), VSBE zero');
    wr(h, 0x602, 0xffffffff);
    assert.strictEqual(rd(h, 0x602), 0x0000b1ff, 'hedeleg: no ecall from HS/VS/M, no guest-page faults or virtual instruction');
    wr(h, 0x603, 0xffffffff);
    assert.strictEqual(rd(h, 0x603), 0x444, 'hideleg: VS interrupts only');
    wr(h, 0x645, 0xffffffff);
    assert.strictEqual(rd(h, 0x645), 0x444, 'hvip');
    assert.strictEqual(rd(h, 0x644), 0x444, 'hip shows hvip');
    assert.strictEqual(rd(h, 0x344) & 0x444, 0x444, 'mip shows hvip');
    wr(h, 0x644, 0);
    assert.strictEqual(rd(h, 0x645), 0x440, 'hip: only VSSIP is writable (clears hvip.VSSIP)');
    wr(h, 0x344, 0);
    assert.strictEqual(rd(h, 0x344) & 0x444, 0x440, 'mip: VSTIP/VSEIP read-only (hvip drives them)');
    wr(h, 0x344, 4);
    assert.strictEqual(rd(h, 0x645), 0x444, 'mip.VSSIP aliases hvip.VSSIP');
    wr(h, 0x604, 0xffffffff);
    assert.strictEqual(rd(h, 0x604), 0x444, 'hie: VS bits (SGEIE zero with GEILEN 0)');
    assert.strictEqual(rd(h, 0x304) & 0x444, 0x444, 'mie shows hie');
    wr(h, 0x607, 0xffffffff);
    assert.strictEqual(rd(h, 0x607), 0, 'hgeie');
    assert.strictEqual(rd(h, 0xe12), 0, 'hgeip');
    assert.strictEqual(writeCsr(h, 0xe12, 0), false, 'hgeip is read-only');
    wr(h, 0x680, 0xffffffff);
    assert.strictEqual(rd(h, 0x680), 0xfffffffc, 'hgatp: Sv32x4 root PPN bits 1:0 zero, VMID 7 bits');
    wr(h, 0x205, 0x80000002);
    assert.strictEqual(rd(h, 0x205), 0, 'vstvec mode 2 is reserved: write ignored');
    wr(h, 0x205, 0x80000101);
    assert.strictEqual(rd(h, 0x205), 0x80000101);
    wr(h, 0x200, 0xffffffff);
    assert.strictEqual(rd(h, 0x200), 0x800c0722, 'vsstatus: SIE SPIE SPP VS SUM MXR, SD');
    wr(h, 0x603, 0x444);
    wr(h, 0x204, 0xffffffff);
    assert.strictEqual(rd(h, 0x204), 0x222, 'vsie: hie bits delegated by hideleg, shifted');
    wr(h, 0x603, 0x004);
    assert.strictEqual(rd(h, 0x204), 0x002);
    wr(h, 0x31a, 0xffffffff);
    wr(h, 0x61a, 0xffffffff);
    assert.strictEqual(rd(h, 0x61a), 0xc0000000, 'henvcfgh follows menvcfgh');
    wr(h, 0x60a, 0xffffffff);
    assert.strictEqual(rd(h, 0x60a), 0xf1);
    for (const num of [0x605, 0x615, 0x606, 0x643, 0x64a, 0x240, 0x241, 0x242, 0x243, 0x280, 0x34a, 0x34b]) {
      wr(h, num, 0x12345678);
      assert.strictEqual(rd(h, num), 0x12345678, `0x${num.toString(16)}`);
    }
    wr(h, 0x310, 0xffffffff);
    assert.strictEqual(rd(h, 0x310), 0xc0, 'mstatush: MPV, GVA');
  });

  it('privilege: H CSRs from HS ok, from U illegal, from VS/VU virtual instruction; mtval2 needs M', () => {
    const m = machineWith(`
      csrr a0, hstatus
      csrr a0, hstatus
      csrr a0, hstatus
      nop`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    h.priv = PRV_S;
    assert.strictEqual(readCsr(h, 0x34b), false, 'mtval2 from HS');
    m.step(0, 1);
    assert.strictEqual(h.pc >>> 0, DRAM + 4, 'HS reads hstatus');
    h.priv = PRV_U; m.step(0, 1);
    assert.strictEqual(h.mcause, 2, 'U: illegal');
    assert.strictEqual(h.mtval >>> 0, 0x60002573, 'tval = instruction bits');
    h.pc = DRAM; h.priv = PRV_S; h.virt = true; m.step(0, 1);
    assert.strictEqual(h.mcause, 22, 'VS: virtual instruction');
    assert.strictEqual(h.mtval >>> 0, 0x60002573);
    assert.strictEqual(h.mstatush & 0x80, 0x80, 'MPV');
    assert.strictEqual(h.virt, false);
    h.pc = DRAM; h.priv = PRV_U; h.virt = true; m.step(0, 1);
    assert.strictEqual(h.mcause, 22, 'VU: virtual instruction');
  });

  it('V=1: the S CSRs are the VS CSRs; VU access to S CSRs and satp under VTVM are virtual instruction', () => {
    const m = machineWith(`
      csrw sscratch, a0
      csrr a1, sepc
      csrw satp, a0
      csrr a1, sstatus
      nop`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    h.sscratch = 1; h.sepc = 2; h.vsepc = 0x1234; h.vsstatus = 0x100;
    h.priv = PRV_S; h.virt = true; h.x[10] = 0x55;
    m.step(0, 2);
    assert.strictEqual(h.vsscratch, 0x55);
    assert.strictEqual(h.sscratch, 1);
    assert.strictEqual(h.x[11], 0x1234);
    h.hstatus = 1 << 20; // VTVM
    m.step(0, 1);
    assert.strictEqual(h.mcause, 22);
    assert.strictEqual(h.vsatp, 0);
    h.pc = DRAM + 8; h.priv = PRV_S; h.virt = true; h.hstatus = 0;
    m.step(0, 2);
    assert.strictEqual(h.vsatp, 0x55);
    assert.strictEqual(h.satp, 0);
    assert.strictEqual(h.x[11], 0x100, 'sstatus reads vsstatus');
    h.pc = DRAM; h.priv = PRV_U; h.virt = true;
    m.step(0, 1);
    assert.strictEqual(h.mcause, 22, 'VU sscratch');
  });

  it('exceptions from V=1: medeleg+hedeleg to VS, medeleg alone to HS with SPV/SPVP, else M with MPV', () => {
    const m = machineWith(`ecall\n${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    // VU ecall (cause 8) delegated twice: VS-mode handler, V stays 1.
    h.medeleg = 1 << 8; h.hedeleg = 1 << 8; h.vsstatus = 0x2; // SIE
    h.priv = PRV_U; h.virt = true;
    m.step(0, 1);
    assert.strictEqual(h.virt, true);
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(h.pc >>> 0, DRAM + 0x300);
    assert.strictEqual(h.vscause, 8);
    assert.strictEqual(h.vsepc >>> 0, DRAM);
    assert.strictEqual(h.vsstatus & 0x122, 0x20, 'SPP = U, SPIE = old SIE, SIE = 0');
    assert.strictEqual(h.scause, 0, 'HS untouched');
    // VS ecall (cause 10) delegated by medeleg only: HS-mode, SPV = 1, SPVP = 1, V cleared.
    h.pc = DRAM; h.priv = PRV_S; h.virt = true; h.medeleg = 1 << 10;
    m.step(0, 1);
    assert.strictEqual(h.virt, false);
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(h.pc >>> 0, DRAM + 0x200);
    assert.strictEqual(h.scause, 10);
    assert.strictEqual(h.hstatus & 0x1c0, 0x180, 'SPV, SPVP, GVA = 0');
    assert.strictEqual(h.mstatus & 0x100, 0x100, 'SPP = S');
    // sret in HS with SPV = 1 returns to VS.
    h.sepc = DRAM + 2;
    assert.ok(doSret(h));
    assert.strictEqual(h.virt, true);
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(h.hstatus & 0x80, 0, 'SPV cleared');
    // Not delegated: M-mode, MPV = 1, MPP = S.
    h.pc = DRAM; h.priv = PRV_S; h.virt = true; h.medeleg = 0;
    m.step(0, 1);
    assert.strictEqual(h.priv, PRV_M);
    assert.strictEqual(h.mcause, 10);
    assert.strictEqual(h.mstatush & 0xc0, 0x80, 'MPV, no GVA');
    assert.strictEqual((h.mstatus >>> 11) & 3, PRV_S);
    // mret with MPV = 1 returns to V=1 and clears MPV.
    h.mepc = DRAM + 2;
    assert.ok(doMret(h));
    assert.strictEqual(h.virt, true);
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(h.mstatush & 0x80, 0);
    // A trap from V=0 clears SPV and MPV.
    h.pc = DRAM; h.priv = PRV_S; h.virt = false; h.hstatus = 0x180; h.medeleg = 1 << 9;
    m.step(0, 1);
    assert.strictEqual(h.scause, 9);
    assert.strictEqual(h.hstatus & 0x80, 0, 'SPV = V = 0');
    assert.strictEqual(h.hstatus & 0x100, 0x100, 'SPVP kept when V was 0');
  });

  it('VS interrupt delivery and masking', () => {
    const m = machineWith(`nop\nnop\nnop\n${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    wr(h, 0x603, 0x444); wr(h, 0x604, 0x444); wr(h, 0x645, 0x4);
    h.priv = PRV_S; h.virt = true; h.vsstatus = 0;
    m.step(0, 1);
    assert.strictEqual(h.pc >>> 0, DRAM + 2, 'masked by vsstatus.SIE = 0');
    h.vsstatus = 0x2;
    m.step(0, 1);
    assert.strictEqual(h.vscause >>> 0, 0x80000001, 'VSSIP arrives as SSI');
    assert.strictEqual(h.virt, true);
    assert.strictEqual(h.vsepc >>> 0, DRAM + 2);
    // Not delegated through hideleg: HS takes cause 2, V cleared, even with sstatus.SIE = 0 from V=1.
    h.priv = PRV_S; h.virt = true; h.pc = DRAM; h.vsstatus = 0x2; h.hideleg = 0; h.mstatus = 0;
    m.step(0, 1);
    assert.strictEqual(h.scause >>> 0, 0x80000002);
    assert.strictEqual(h.virt, false);
    assert.strictEqual(h.hstatus & 0x80, 0x80, 'SPV');
  });

  it('V=1 memory goes through the G stage; guest-page faults set htval = gpa >> 2, stval = gva, GVA', () => {
    const m = machineWith(`
      lw a0, 0(a1)
      lw a0, 0(a2)
      ${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    // Sv32x4 root at DRAM + 0x10000 (16 KiB aligned): guest 0x80000000 -> host 0x80000000 (4 MiB, U R W X A D).
    const root = DRAM + 0x10000;
    m.bus.write(root + (0x80000000 >>> 22) * 4, 4, ((0x80000 << 10) | 0xdf) >>> 0);
    h.hgatp = (0x80000000 | (1 << 22) | (root >>> 12)) | 0;
    m.bus.write(DRAM + 0x800, 4, 0xcafe);
    h.x[11] = DRAM + 0x800; h.x[12] = 0x80400010;
    h.priv = PRV_S; h.virt = true; h.vsatp = 0;
    m.step(0, 1);
    assert.strictEqual(h.x[10], 0xcafe, 'the load went through the G stage');
    assert.strictEqual(h.pc >>> 0, DRAM + 2, 'c.lw');
    h.medeleg = 1 << 21;
    m.step(0, 1);
    assert.strictEqual(h.scause, 21, 'load guest-page fault to HS');
    assert.strictEqual(h.stval >>> 0, 0x80400010);
    assert.strictEqual(h.htval >>> 0, 0x80400010 >>> 2);
    assert.strictEqual(h.htinst, 0x2501, 'transformed c.lw a0,0(a2): lw a0 with offset fields zero, bit 1 clear (priv spec H, transformed instruction)');
    assert.strictEqual(h.hstatus & 0x1c0, 0x1c0, 'GVA, SPV, SPVP');
    assert.strictEqual(h.sepc >>> 0, DRAM + 2);
    // The same fault into M: mtval2 and mstatush.GVA.
    h.pc = DRAM + 2; h.priv = PRV_S; h.virt = true; h.medeleg = 0;
    m.step(0, 1);
    assert.strictEqual(h.mcause, 21);
    assert.strictEqual(h.mtval >>> 0, 0x80400010);
    assert.strictEqual(h.mtval2 >>> 0, 0x80400010 >>> 2);
    assert.strictEqual(h.mstatush & 0xc0, 0xc0);
    // A fetch outside the G-stage mapping: instruction guest-page fault.
    h.pc = 0x80400000; h.priv = PRV_S; h.virt = true; h.contextChanged();
    m.step(0, 1);
    assert.strictEqual(h.mcause, 20);
    assert.strictEqual(h.mtval >>> 0, 0x80400000);
  });

  it('V=1 with vsatp Sv32: VS-stage page faults delegated through hedeleg go to the guest', () => {
    const m = machineWith(`
      lw a0, 0(a1)
      lw a0, 0(a2)
      ${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    // VS root at DRAM + 0x20000: 0x80000000 -> 0x80000000 (4 MiB, V R W X A D, supervisor); hgatp Bare.
    const root = DRAM + 0x20000;
    m.bus.write(root + (0x80000000 >>> 22) * 4, 4, ((0x80000 << 10) | 0xcf) >>> 0);
    m.bus.write(DRAM + 0x800, 4, 0xbeef);
    h.x[11] = DRAM + 0x800; h.x[12] = 0x40000008;
    h.medeleg = 1 << 13; h.hedeleg = 1 << 13;
    h.priv = PRV_S; h.virt = true; h.vsatp = (0x80000000 | (root >>> 12)) | 0; h.hgatp = 0;
    m.step(0, 1);
    assert.strictEqual(h.x[10], 0xbeef);
    m.step(0, 1);
    assert.strictEqual(h.virt, true);
    assert.strictEqual(h.vscause, 13);
    assert.strictEqual(h.vstval >>> 0, 0x40000008);
    assert.strictEqual(h.pc >>> 0, DRAM + 0x300);
    assert.strictEqual(h.scause, 0, 'HS untouched');
    assert.strictEqual(h.satp, 0, 'HS satp untouched');
  });

  it('sret/sfence.vma/wfi from V=1: virtual instruction under VTSR/VTVM/VTW and from VU; TSR/TVM do not apply to VS', () => {
    const m = machineWith(`
      sret
      sfence.vma
      wfi
      ${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    const run = (pc: number, priv: number, hstatus: number, mstatus: number): void => {
      h.pc = DRAM + pc; h.priv = priv; h.virt = true; h.hstatus = hstatus; h.mstatus = mstatus; h.mcause = -1;
      m.step(0, 1);
    };
    run(0, PRV_S, 1 << 22, 0); assert.strictEqual(h.mcause, 22, 'sret VTSR');
    run(0, PRV_U, 0, 0); assert.strictEqual(h.mcause, 22, 'sret from VU');
    h.vsepc = DRAM + 4; h.vsstatus = 0x100;
    run(0, PRV_S, 0, 1 << 22);
    assert.strictEqual(h.pc >>> 0, DRAM + 4, 'sret in VS with mstatus.TSR returns via vsepc');
    assert.strictEqual(h.virt, true);
    assert.strictEqual(h.priv, PRV_S);
    run(4, PRV_S, 1 << 20, 0); assert.strictEqual(h.mcause, 22, 'sfence.vma VTVM');
    run(4, PRV_S, 0, 1 << 20); assert.strictEqual(h.pc >>> 0, DRAM + 8, 'mstatus.TVM does not trap VS sfence.vma');
    run(8, PRV_S, 1 << 21, 0); assert.strictEqual(h.mcause, 22, 'wfi VTW');
    run(8, PRV_U, 0, 0); assert.strictEqual(h.mcause, 22, 'wfi from VU');
    run(8, PRV_S, 1 << 21, 1 << 21); assert.strictEqual(h.mcause, 2, 'mstatus.TW wins: illegal');
  });

  it('the time CSR in V=1 adds htimedelta; hcounteren gates it with virtual instruction', () => {
    const m = machineWith(`
      csrr a0, time
      csrr a0, time
      ${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    h.mcounteren = 2; h.hcounteren = 2; h.htimedelta = 1000;
    h.priv = PRV_S; h.virt = true;
    const before = h.readTime();
    m.step(0, 1);
    assert.ok(h.x[10] >= before + 1000 && h.x[10] <= before + 1001, `time ${h.x[10]} vs ${before}`);
    h.hcounteren = 0;
    m.step(0, 1);
    assert.strictEqual(h.mcause, 22);
    h.pc = DRAM; h.priv = PRV_S; h.virt = true; h.mcounteren = 0;
    m.step(0, 1);
    assert.strictEqual(h.mcause, 2, 'mcounteren clear: illegal');
  });

  it('a program: mret with MPV=1 enters VS; the fast TLB does not leak host translations into the guest', () => {
    const m = machineWith(`
      li t0, -1
      csrw pmpaddr0, t0
      li t0, 0x1f
      csrw pmpcfg0, t0
      la t0, trap
      csrw mtvec, t0
      la t0, guest
      csrw mepc, t0
      li t0, 0x80
      csrw mstatush, t0
      li t0, 0x800
      csrw mstatus, t0
      li a1, 0x80001000
      lw a0, 0(a1)
      lw a0, 0(a1)
      mv s0, a0
      mret
    guest:
      lw a0, 0(a1)
      ecall
    trap:
      j trap`, H);
    const h = m.harts[0];
    // G stage: guest page 0x80000 -> host 0x80000 (code), guest 0x80001 -> host 0x80002.
    const root = DRAM + 0x10000, l0 = DRAM + 0x14000;
    m.bus.write(root + 0x200 * 4, 4, (((l0 >>> 12) << 10) | 1) >>> 0);
    m.bus.write(l0 + 0, 4, ((0x80000 << 10) | 0xdf) >>> 0);
    m.bus.write(l0 + 4, 4, ((0x80002 << 10) | 0xdf) >>> 0);
    h.hgatp = (0x80000000 | (root >>> 12)) | 0;
    m.bus.write(DRAM + 0x1000, 4, 0x1111);
    m.bus.write(DRAM + 0x2000, 4, 0x2222);
    m.stopOnTraps([10], []);
    const r = m.run(200);
    assert.strictEqual(r.kind, 'trap');
    assert.strictEqual(h.mcause, 10, 'ecall from VS');
    assert.strictEqual(h.x[8], 0x1111, 'host load');
    assert.strictEqual(h.x[10], 0x2222, 'guest load went through the G stage');
    assert.strictEqual(h.mstatush & 0x80, 0x80, 'MPV');
    assert.strictEqual(h.virt, false);
  });

  it('M-mode MPRV with MPV=1 loads through the two stages; its faults set GVA', () => {
    const m = machineWith(`
      lw a0, 0(a1)
      lw a0, 0(a2)
      ${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    const root = DRAM + 0x10000, l0 = DRAM + 0x14000;
    m.bus.write(root + 0x200 * 4, 4, (((l0 >>> 12) << 10) | 1) >>> 0);
    m.bus.write(l0 + 0, 4, ((0x80000 << 10) | 0xdf) >>> 0);
    m.bus.write(l0 + 4, 4, ((0x80002 << 10) | 0xdf) >>> 0);
    m.bus.write(DRAM + 0x1000, 4, 0x1111);
    m.bus.write(DRAM + 0x2000, 4, 0x2222);
    wr(h, 0x680, (0x80000000 | (root >>> 12)) | 0);
    wr(h, 0x300, (1 << 17) | (1 << 11)); // MPRV, MPP = S
    wr(h, 0x310, 0x80);                  // MPV
    h.x[11] = DRAM + 0x1000; h.x[12] = DRAM + 0x5000;
    m.step(0, 1);
    assert.strictEqual(h.x[10], 0x2222, 'guest-physical 0x80001000 is host 0x80002000');
    m.step(0, 1);
    assert.strictEqual(h.mcause, 21);
    assert.strictEqual(h.mtval >>> 0, DRAM + 0x5000);
    assert.strictEqual(h.mtval2 >>> 0, (DRAM + 0x5000) >>> 2);
    assert.strictEqual(h.mstatush & 0xc0, 0x40, 'GVA set, MPV = V = 0');
    // MPV cleared: the same load is a host access again.
    h.pc = DRAM; wr(h, 0x300, 0);
    m.step(0, 1);
    assert.strictEqual(h.x[10], 0x1111);
  });

  it('a guest-page fault on the VS stage\'s own page-table read reports the PTE address and the htinst pseudo-instruction', () => {
    const m = machineWith(`nop\n${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    const root = DRAM + 0x10000;
    m.bus.write(root + 0x200 * 4, 4, ((0x80000 << 10) | 0xdf) >>> 0); // guest 0x80000000 (4 MiB) only
    h.hgatp = (0x80000000 | (root >>> 12)) | 0;
    h.vsatp = (0x80000000 | (0x90000000 >>> 12)) | 0; // VS root at a guest-physical page the G stage lacks
    h.medeleg = 1 << 20;
    h.priv = PRV_S; h.virt = true;
    m.step(0, 1);
    assert.strictEqual(h.scause, 20, 'instruction guest-page fault');
    assert.strictEqual(h.stval >>> 0, DRAM, 'stval = the guest-virtual pc');
    assert.strictEqual(h.htval >>> 0, (0x90000000 + (DRAM >>> 22) * 4) >>> 2, 'htval = PTE gpa >> 2');
    assert.strictEqual(h.htinst, 0x2000, 'implicit VS-stage read pseudo-instruction');
    assert.strictEqual(h.sepc >>> 0, DRAM);
  });

  it('VS interrupts are always enabled in VU; HS interrupts preempt V=1 whatever sstatus.SIE says', () => {
    const m = machineWith(`nop\nnop\n${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    wr(h, 0x603, 0x40); wr(h, 0x604, 0x40); wr(h, 0x645, 0x40); // VSTIP delegated to VS
    h.priv = PRV_U; h.virt = true; h.vsstatus = 0;
    m.step(0, 1);
    assert.strictEqual(h.vscause >>> 0, 0x80000005, 'VSTI arrives as STI');
    assert.strictEqual(h.priv, PRV_S);
    assert.strictEqual(h.virt, true);
    h.priv = PRV_M; h.virt = false;
    wr(h, 0x645, 0);
    h.mideleg |= 1 << 1; h.mie |= 1 << 1; h.mip |= 1 << 1; h.mstatus = 0; // SSIP for HS, sstatus.SIE = 0
    h.pc = DRAM; h.priv = PRV_S; h.virt = true;
    m.step(0, 1);
    assert.strictEqual(h.scause >>> 0, 0x80000001);
    assert.strictEqual(h.virt, false);
    assert.strictEqual(h.pc >>> 0, DRAM + 0x200);
  });

  it('hgatp from HS is illegal under mstatus.TVM', () => {
    const h = new Machine({ memory: 1 << 20, hypervisor: true }).harts[0];
    h.priv = PRV_S;
    assert.ok(readCsr(h, 0x680));
    h.mstatus = 1 << 20;
    assert.strictEqual(readCsr(h, 0x680), false);
    assert.strictEqual(writeCsr(h, 0x680, 0), false);
  });

  it('hypervisor instructions from VS/VU raise virtual instruction', () => {
    const m = machineWith(`
      hfence.gvma
      hfence.vvma
      hlv.w a0, (a1)
      hsv.w a0, (a1)
      ${LAYOUT}`, H);
    const h = m.harts[0];
    setVectors(h); openPmp(h);
    for (const [pc, priv] of [[0, PRV_S], [4, PRV_S], [8, PRV_U], [12, PRV_S]]) {
      h.pc = DRAM + pc; h.priv = priv; h.virt = true; h.mcause = -1;
      m.step(0, 1);
      assert.strictEqual(h.mcause, 22, `pc +${pc}`);
      assert.strictEqual(h.mepc >>> 0, DRAM + pc);
    }
  });

  it('snapshots carry V and the H CSRs', () => {
    const m = new Machine({ memory: 1 << 20, hypervisor: true });
    const h = m.harts[0];
    h.virt = true; h.vsatp = 0x123; h.hstatus = 0x80; h.hgatp = 0x8000_0004 | 0;
    const s = m.snapshot();
    assert.deepStrictEqual(JSON.parse(JSON.stringify(s.harts[0].hyp)).virt, true, 'plain data');
    h.virt = false; h.vsatp = 0; h.hstatus = 0; h.hgatp = 0;
    m.restore(s);
    assert.strictEqual(h.virt, true);
    assert.strictEqual(h.vsatp, 0x123);
    assert.strictEqual(h.hstatus, 0x80);
    assert.strictEqual(h.hgatp >>> 0, 0x80000004);
  });
});
