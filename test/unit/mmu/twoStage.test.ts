import * as assert from 'assert';
import { Bus } from '../../../src/engine/machine/bus';
import { Access, Pmp } from '../../../src/engine/mmu/pmp';
import { TwoStageFault, TwoStageMmu } from '../../../src/engine/mmu/twoStage';

/**
 * The two-stage walk against hand-built tables, per the H extension (priv spec chapter 18):
 * Sv32 VS stage over Sv32x4 G stage, 16 KiB G root, U required on G leaves, A/D updates,
 * guest-page faults with the faulting GPA, and implicit page-table accesses through the G stage.
 */
const RAM = 0x80000000;
const V = 1, R = 2, W = 4, X = 8, U = 16, A = 64, D = 128;

function setup() {
  const bus = new Bus(RAM, 16 << 20);
  const pmp = new Pmp();
  pmp.writeAddr(0, 0xffffffff); pmp.writeCfg(0, 0x1f); // page tables are read as S-mode: open PMP
  const dv = new DataView(bus.ram.buffer);
  const put = (pa: number, v: number): void => dv.setUint32(pa - RAM, v >>> 0, true);
  const get = (pa: number): number => dv.getUint32(pa - RAM, true);
  const pte = (pa: number, flags: number): number => ((Math.floor(pa / 4096) << 10) | flags) >>> 0;
  return { bus, pmp, put, get, pte, mmu: new TwoStageMmu(bus, pmp) };
}

describe('two-stage translation (Sv32 over Sv32x4)', () => {
  it('maps GPA -> HPA through a 16 KiB G-stage root, and requires U on the leaf', () => {
    const t = setup();
    const groot = RAM + 0x10000; // 16 KiB aligned
    const hgatp = (1 << 31) | (5 << 22) | (groot >>> 12);
    // GPA 0x0 - 0x3fffff -> HPA 0x80400000 (a 4 MiB superpage), U+RWX.
    t.put(groot + 0 * 4, t.pte(RAM + 0x400000, V | R | W | X | U));
    assert.strictEqual(t.mmu.gTranslate(0x1234, Access.Read, hgatp, false, false, false), RAM + 0x401234);
    // GPA index above 1023 uses the wider Sv32x4 root: GPA 0x3_0000_0000 (index 3072).
    t.put(groot + 3072 * 4, t.pte(RAM + 0x800000, V | R | U));
    assert.strictEqual(t.mmu.gTranslate(0x3_0000_0010, Access.Read, hgatp, false, false, false), RAM + 0x800010);
    // A leaf without U faults even for reads.
    t.put(groot + 1 * 4, t.pte(RAM + 0xc00000, V | R | W));
    assert.strictEqual(t.mmu.gTranslate(0x400000, Access.Read, hgatp, false, false, false), -1);
    assert.strictEqual(t.mmu.fault, TwoStageFault.GuestPage);
    assert.strictEqual(t.mmu.faultGpa, 0x400000);
  });

  it('walks the VS stage through the G stage and sets A/D in both tables', () => {
    const t = setup();
    const groot = RAM + 0x10000;
    const hgatp = (1 << 31) | (1 << 22) | (groot >>> 12);
    // G stage: GPA 0x80000000.. (index 512) -> HPA 0x80400000 superpage, U RWX, A/D clear.
    t.put(groot + 512 * 4, t.pte(RAM + 0x400000, V | R | W | X | U));
    // VS stage root at GPA 0x80002000 (HPA 0x80402000); GVA 0x40000000 -> GPA 0x80003000 (leaf at level 0).
    const vroot = 0x80002000, l0 = 0x80001000;
    const vsatp = (1 << 31) | (vroot >>> 12);
    t.put(RAM + 0x400000 + (vroot - 0x80000000) + (0x40000000 >>> 22) * 4, t.pte(l0, V));
    t.put(RAM + 0x400000 + (l0 - 0x80000000) + 0, t.pte(0x80003000, V | R | W));
    const hpa = t.mmu.translate(0x40000abc, Access.Write, 1, vsatp, hgatp, false, false, false);
    assert.strictEqual(hpa, RAM + 0x403abc);
    assert.strictEqual(t.get(RAM + 0x400000 + (l0 - 0x80000000)) & (A | D), A | D, 'VS leaf A/D set');
    assert.strictEqual(t.get(groot + 512 * 4) & (A | D), A | D, 'G leaf A/D set (the store)');
    assert.ok(t.mmu.lastWalkRefs >= 4, `2-D walk memory references: ${t.mmu.lastWalkRefs}`);
  });

  it('reports a guest-page fault on an implicit page-table access with the PTE address', () => {
    const t = setup();
    const groot = RAM + 0x10000;
    const hgatp = (1 << 31) | (groot >>> 12);
    // Nothing mapped in the G stage: the VS root's first PTE read faults.
    const vsatp = (1 << 31) | (0x80002000 >>> 12);
    assert.strictEqual(t.mmu.translate(0x40000000, Access.Read, 1, vsatp, hgatp, false, false, false), -1);
    assert.strictEqual(t.mmu.fault, TwoStageFault.GuestPage);
    assert.ok(t.mmu.faultImplicit);
    assert.strictEqual(t.mmu.faultGpa, 0x80002000 + (0x40000000 >>> 22) * 4);
  });

  it('VS-stage permission failures are ordinary page faults; hfence.gvma drops cached results', () => {
    const t = setup();
    const groot = RAM + 0x10000;
    const hgatp = (1 << 31) | (2 << 22) | (groot >>> 12);
    t.put(groot + 512 * 4, t.pte(RAM + 0x400000, V | R | W | X | U | A | D));
    const vroot = 0x80002000;
    const vsatp = (1 << 31) | (vroot >>> 12);
    // A read-only 4 MiB VS superpage at GVA 0 -> GPA 0x80000000.
    t.put(RAM + 0x400000 + 0x2000, t.pte(0x80000000, V | R | A));
    assert.strictEqual(t.mmu.translate(0x10, Access.Read, 1, vsatp, hgatp, false, false, false), RAM + 0x400010);
    assert.strictEqual(t.mmu.translate(0x10, Access.Write, 1, vsatp, hgatp, false, false, false), -1);
    assert.strictEqual(t.mmu.fault, TwoStageFault.Page);
    // Remap the G stage elsewhere: the cached translation survives until hfence.gvma.
    t.put(groot + 512 * 4, t.pte(RAM + 0x800000, V | R | W | X | U | A | D));
    t.put(RAM + 0x800000 + 0x2000, t.pte(0x80000000, V | R | A)); // the VS table, at its new host place
    assert.strictEqual(t.mmu.translate(0x10, Access.Read, 1, vsatp, hgatp, false, false, false), RAM + 0x400010);
    t.mmu.flushGvma(undefined, 2);
    assert.strictEqual(t.mmu.translate(0x10, Access.Read, 1, vsatp, hgatp, false, false, false), RAM + 0x800010);
  });
});
