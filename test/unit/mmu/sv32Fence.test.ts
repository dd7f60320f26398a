import * as assert from 'assert';
import { Bus } from '../../../src/engine/machine/bus';
import { Access, Pmp } from '../../../src/engine/mmu/pmp';
import { Sv32Mmu } from '../../../src/engine/mmu/sv32';

/**
 * sfence.vma by address on a superpage. Privileged spec, "Supervisor Memory-Management Fence
 * Instruction": with rs1 = va, the fence orders updates to the leaf PTE that translates va. A
 * 4 MiB leaf translates every page of its region, so fencing any address in it must drop the
 * cached translations of all its 4 KiB pieces, not only the piece containing va.
 */
const RAM = 0x80000000;
const V = 1, R = 2, W = 4, A = 64, D = 128;

describe('Sv32 TLB: sfence.vma on a superpage', () => {
  it('fencing one address of a 4 MiB page drops every cached piece of it', () => {
    const bus = new Bus(RAM, 16 << 20);
    const pmp = new Pmp();
    pmp.writeAddr(0, 0xffffffff); pmp.writeCfg(0, 0x1f);
    const dv = new DataView(bus.ram.buffer);
    const root = RAM + 0x1000;
    const satp = (1 << 31) | (root >>> 12);
    const leaf = (pa: number): number => (((pa >>> 12) << 10) | V | R | W | A | D) >>> 0;
    // VA 0x40000000..0x403fffff -> PA 0x80400000 (superpage).
    dv.setUint32(root - RAM + (0x40000000 >>> 22) * 4, leaf(RAM + 0x400000), true);
    const mmu = new Sv32Mmu(bus, pmp);
    assert.strictEqual(mmu.translate(0x40000010, Access.Read, 1, satp, false, false), RAM + 0x400010);
    assert.strictEqual(mmu.translate(0x40201010, Access.Read, 1, satp, false, false), RAM + 0x601010);
    // Remap the superpage to PA 0x80800000: without a fence the cached pieces may still be used.
    dv.setUint32(root - RAM + (0x40000000 >>> 22) * 4, leaf(RAM + 0x800000), true);
    assert.strictEqual(mmu.translate(0x40201010, Access.Read, 1, satp, false, false), RAM + 0x601010, 'cached before the fence');
    mmu.flush(0x40000010, undefined);
    assert.strictEqual(mmu.translate(0x40201010, Access.Read, 1, satp, false, false), RAM + 0xa01010, 'the other piece was dropped too');
    assert.strictEqual(mmu.translate(0x40000010, Access.Read, 1, satp, false, false), RAM + 0x800010);
  });
});
