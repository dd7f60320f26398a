import * as assert from 'assert';
import { Bus } from '../../../src/engine/machine/bus';
import { Access, Pmp } from '../../../src/engine/mmu/pmp';
import { TwoStageFault, TwoStageMmu } from '../../../src/engine/mmu/twoStage';

/**
 * Implicit VS-stage page-table accesses and the G stage (priv spec, H chapter, "Guest Physical
 * Address Translation" and "Transformed Instruction or Pseudoinstruction"): reads of VS PTEs are
 * checked as implicit loads, A/D updates as implicit stores, and the fault says which it was, so
 * the trap can carry 0x2000 or 0x2020. The report must describe the last translation only.
 */
const RAM = 0x80000000;
const V = 1, R = 2, W = 4, U = 16, A = 64, D = 128;

describe('two-stage translation: implicit accesses', () => {
  function setup() {
    const bus = new Bus(RAM, 16 << 20);
    const pmp = new Pmp();
    pmp.writeAddr(0, 0xffffffff); pmp.writeCfg(0, 0x1f);
    const dv = new DataView(bus.ram.buffer);
    const put = (pa: number, v: number): void => dv.setUint32(pa - RAM, v >>> 0, true);
    const get = (pa: number): number => dv.getUint32(pa - RAM, true);
    const pte = (pa: number, flags: number): number => ((Math.floor(pa / 4096) << 10) | flags) >>> 0;
    const groot = RAM + 0x10000, gl0 = RAM + 0x14000;
    const hgatp = (1 << 31) | (1 << 22) | (groot >>> 12);
    // G stage: guest 0x80000000.. through gl0: page 0 (VS root) RW, page 1 (VS L0) read-only,
    // page 2 (data) RW, page 3 absent (a second VS L0 table nobody can read).
    put(groot + 512 * 4, pte(gl0, V));
    put(gl0 + 0, pte(RAM + 0x20000, V | R | W | U | A | D));
    put(gl0 + 4, pte(RAM + 0x21000, V | R | U | A));
    put(gl0 + 8, pte(RAM + 0x22000, V | R | W | U | A | D));
    // VS: root at GPA 0x80000000; VA 0x40000000 -> L0 at GPA 0x80001000 (entry 0: GPA 0x80002000,
    // A clear); VA 0x40400000 -> L0 at GPA 0x80003000 (no G-stage mapping).
    put(RAM + 0x20000 + 0x100 * 4, pte(0x80001000, V));
    put(RAM + 0x20000 + 0x101 * 4, pte(0x80003000, V));
    put(RAM + 0x21000, pte(0x80002000, V | R | W));
    const vsatp = (1 << 31) | (0x80000000 >>> 12);
    return { mmu: new TwoStageMmu(bus, pmp), get, hgatp, vsatp };
  }

  it('an A update whose PTE page is G-stage read-only is an implicit-write guest-page fault at the PTE address', () => {
    const t = setup();
    assert.strictEqual(t.mmu.translate(0x40000010, Access.Read, 1, t.vsatp, t.hgatp, false, false, false), -1);
    assert.strictEqual(t.mmu.fault, TwoStageFault.GuestPage);
    assert.strictEqual(t.mmu.faultGpa, 0x80001000);
    assert.ok(t.mmu.faultImplicit && t.mmu.faultImplicitWrite);
    assert.strictEqual(t.get(RAM + 0x21000) & A, 0, 'the PTE was not written');
  });

  it('a later implicit read fault is not reported as a write', () => {
    const t = setup();
    t.mmu.translate(0x40000010, Access.Read, 1, t.vsatp, t.hgatp, false, false, false);
    assert.strictEqual(t.mmu.translate(0x40400010, Access.Read, 1, t.vsatp, t.hgatp, false, false, false), -1);
    assert.strictEqual(t.mmu.faultGpa, 0x80003000);
    assert.ok(t.mmu.faultImplicit);
    assert.strictEqual(t.mmu.faultImplicitWrite, false);
  });

  it('gStageChecksPteWrites = false (QEMU 7.2) writes A through the read translation instead', () => {
    const t = setup();
    t.mmu.gStageChecksPteWrites = false;
    assert.strictEqual(t.mmu.translate(0x40000010, Access.Read, 1, t.vsatp, t.hgatp, false, false, false), RAM + 0x22010);
    assert.strictEqual(t.get(RAM + 0x21000) & A, A);
  });
});
