import * as assert from 'assert';
import { machineWith, DRAM } from '../../support/machineFixture';
import { Hart, PRV_M } from '../../../src/engine/cpu/hart';
import { Machine } from '../../../src/engine/machine/machine';

/**
 * HFENCE.VVMA and HFENCE.GVMA (priv spec, H chapter, "Hypervisor Memory-Management Fence
 * Instructions"). Writing a page-table entry gives no guarantee that later translations see it
 * until the matching fence executes, so the address-translation caches may keep the old
 * translation: Hyperstep keeps it (the tests pin that, so a fence that flushes too little or too
 * much shows), and after a matching fence the new entry must be used.
 *
 * Setup: guest VA 0x40000000 (4 KiB, or a 4 MiB superpage) -> GPA 0x80400000 by the VS stage;
 * the G stage maps GPA 0x80400000 -> host 0x80010000 and 0x80401000 -> host 0x80011000. Each
 * host page holds its own address as its first word, so a load shows which mapping was used.
 */

const MARCH = 'rv32imac_zicsr_zifencei_h';
const G_ROOT = DRAM + 0x20000, G_L0 = DRAM + 0x24000, VS_ROOT = DRAM + 0x30000, VS_L0 = DRAM + 0x31000;
const GPA_A = 0x80400000, GPA_B = 0x80401000, HOST_A = DRAM + 0x10000, HOST_B = DRAM + 0x11000, HOST_C = DRAM + 0x12000;

function pte(ppnAddr: number, flags: number): number { return (((ppnAddr / 4096) << 10) | flags) >>> 0; }

interface Rig { m: Machine; h: Hart; setVsLeaf(gpa: number, flags?: number): void; setGLeaf(gpa: number, host: number): void; hlv(va: number): number }

/** hlv.w at +0, then the fences (FENCE below); run one instruction at a time from M-mode. */
function rig(opts: { asid?: number; vmid?: number; superpage?: boolean } = {}): Rig {
  const m = machineWith(`
      hlv.w a0, (a1)
      hfence.vvma a2, zero
      hfence.vvma zero, a3
      hfence.vvma a2, a3
      hfence.vvma
      hfence.gvma a2, zero
      hfence.gvma zero, a3
      hfence.gvma a2, a3
      hfence.gvma
      nop`, { hypervisor: true, march: MARCH });
  const h = m.harts[0];
  const w = (a: number, v: number): void => m.bus.write(a, 4, v);
  for (const host of [HOST_A, HOST_B, HOST_C]) w(host, host);
  // G stage: the first 4 MiB of guest DRAM identity (page tables live there), 0x80400000.. via L0.
  w(G_ROOT + (DRAM >>> 22) * 4, pte(DRAM, 0xdf));
  w(G_ROOT + (GPA_A >>> 22) * 4, pte(G_L0, 0x01));
  w(G_L0 + 0, pte(HOST_A, 0xd7)); // U R W A D
  w(G_L0 + 4, pte(HOST_B, 0xd7));
  const vsLeafAddr = opts.superpage ? VS_ROOT + (0x40000000 >>> 22) * 4 : VS_L0;
  if (!opts.superpage) w(VS_ROOT + (0x40000000 >>> 22) * 4, pte(VS_L0, 0x01));
  const r: Rig = {
    m, h,
    setVsLeaf: (gpa, flags = 0xc7) => w(vsLeafAddr, pte(gpa, flags)),
    setGLeaf: (gpa, host) => w(G_L0 + ((gpa >>> 12) & 0x3ff) * 4, pte(host, 0xd7)),
    hlv: (va) => { h.pc = DRAM; h.x[11] = va; m.step(0, 1); assert.strictEqual(h.priv, PRV_M, 'no trap'); return h.x[10] >>> 0; },
  };
  r.setVsLeaf(GPA_A);
  h.hgatp = (0x80000000 | ((opts.vmid ?? 1) << 22) | (G_ROOT >>> 12)) | 0;
  h.vsatp = (0x80000000 | ((opts.asid ?? 5) << 22) | (VS_ROOT >>> 12)) | 0;
  h.hstatus = 1 << 8; // SPVP: access as VS
  h.pmp.writeAddr(0, 0xffffffff); h.pmp.writeCfg(0, 0x1f);
  return r;
}

/**
 * Runs a fence: `addr`/`id` undefined means that operand is x0 (all addresses, all ASIDs/VMIDs),
 * otherwise a2/a3 hold it.
 */
function fence(r: Rig, kind: 'vvma' | 'gvma', addr?: number, id?: number): void {
  const offset = (kind === 'vvma' ? 4 : 20) + (addr === undefined ? (id === undefined ? 12 : 4) : (id === undefined ? 0 : 8));
  r.h.pc = DRAM + offset; r.h.x[12] = addr ?? 0; r.h.x[13] = id ?? 0;
  r.m.step(0, 1);
  assert.strictEqual(r.h.pc >>> 0, DRAM + offset + 4, 'the fence completed');
}

describe('hypervisor fences', () => {
  it('hfence.vvma by guest-virtual address: another address keeps the stale VS translation, the right one drops it', () => {
    const r = rig();
    assert.strictEqual(r.hlv(0x40000000), HOST_A);
    r.setVsLeaf(GPA_B);
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'no fence yet: the cached translation may be used');
    fence(r, 'vvma', 0x40005000);
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'a fence for another page');
    fence(r, 'vvma', 0x40000abc);
    assert.strictEqual(r.hlv(0x40000000), HOST_B, 'after hfence.vvma of that address');
  });

  it('hfence.vvma by ASID: another ASID keeps it, the guest ASID drops it, global entries survive ASID fences', () => {
    const r = rig({ asid: 5 });
    assert.strictEqual(r.hlv(0x40000000), HOST_A);
    r.setVsLeaf(GPA_B);
    fence(r, 'vvma', undefined, 6);
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'ASID 6');
    fence(r, 'vvma', undefined, 5 | 0x200); // bits above ASIDMAX are ignored
    assert.strictEqual(r.hlv(0x40000000), HOST_B, 'ASID 5');
    r.setVsLeaf(GPA_A, 0xe7); // global
    fence(r, 'vvma');
    assert.strictEqual(r.hlv(0x40000000), HOST_A);
    r.setVsLeaf(GPA_B, 0xe7);
    fence(r, 'vvma', undefined, 5);
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'a global mapping is not flushed by an ASID fence');
    fence(r, 'vvma', 0x40000000);
    assert.strictEqual(r.hlv(0x40000000), HOST_B, 'an address fence flushes it');
  });

  it('hfence.vvma applies to the VM hgatp.VMID names when it executes', () => {
    const r = rig({ vmid: 1 });
    assert.strictEqual(r.hlv(0x40000000), HOST_A);
    r.setVsLeaf(GPA_B);
    r.h.hgatp = (r.h.hgatp & ~(0x7f << 22)) | (2 << 22);
    fence(r, 'vvma');
    r.h.hgatp = (r.h.hgatp & ~(0x7f << 22)) | (1 << 22);
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'a fence under VMID 2 leaves VMID 1');
    fence(r, 'vvma');
    assert.strictEqual(r.hlv(0x40000000), HOST_B);
  });

  it('hfence.vvma by address drops every cached piece of a VS superpage that contains it', () => {
    const r = rig({ superpage: true });
    // The 4 MiB VS superpage 0x40000000 -> GPA 0x80400000: pages 0 and 1 of it hit HOST_A, HOST_B.
    assert.strictEqual(r.hlv(0x40000000), HOST_A);
    assert.strictEqual(r.hlv(0x40001000), HOST_B);
    r.setVsLeaf(0x80000000); // now onto guest DRAM, where HOST_A/HOST_B are identity-mapped
    fence(r, 'vvma', 0x40000000);
    assert.strictEqual(r.hlv(0x40000000 + (HOST_A - DRAM)), HOST_A);
    assert.strictEqual(r.hlv(0x40001000), r.m.bus.read(DRAM + 0x1000, 4) >>> 0, 'the other piece was flushed too');
  });

  it('hfence.gvma by guest-physical address (rs1 = gpa >> 2) and VMID; it also drops combined GVA->HPA entries', () => {
    const r = rig({ vmid: 1 });
    assert.strictEqual(r.hlv(0x40000000), HOST_A);
    r.setGLeaf(GPA_A, HOST_C);
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'no fence yet');
    fence(r, 'vvma');
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'hfence.vvma does not flush G-stage translations');
    fence(r, 'gvma', GPA_B / 4, 1);
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'another guest-physical page');
    fence(r, 'gvma', GPA_A / 4, 2);
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'another VMID');
    fence(r, 'gvma', (GPA_A + 0x10) / 4, 1 | 0x80); // bits above VMIDLEN are ignored
    assert.strictEqual(r.hlv(0x40000000), HOST_C, 'the GVA -> HPA entry resting on it is gone too');
    r.setGLeaf(GPA_A, HOST_A);
    fence(r, 'gvma');
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'hfence.gvma x0, x0');
  });

  it('hfence.gvma flushes the G-stage translation of the VS page tables themselves', () => {
    const r = rig();
    assert.strictEqual(r.hlv(0x40000000), HOST_A);
    // Move the VS L0 table: a copy at host 0x80040000 that maps onto GPA_B, reached by re-pointing
    // the G-stage identity map of its guest-physical page... via a new G L0 for guest DRAM.
    const gDramL0 = DRAM + 0x28000;
    for (let i = 0; i < 1024; i++) r.m.bus.write(gDramL0 + i * 4, 4, pte(DRAM + i * 4096, 0xdf));
    r.m.bus.write(gDramL0 + ((VS_L0 - DRAM) >>> 12) * 4, 4, pte(DRAM + 0x40000, 0xdf));
    r.m.bus.write(DRAM + 0x40000, 4, pte(GPA_B, 0xc7));
    r.m.bus.write(G_ROOT + (DRAM >>> 22) * 4, 4, pte(gDramL0, 0x01));
    fence(r, 'vvma');
    assert.strictEqual(r.hlv(0x40000000), HOST_A, 'the walk still reads the old table through the cached G-stage entry');
    fence(r, 'gvma', VS_L0 / 4);
    assert.strictEqual(r.hlv(0x40000000), HOST_B, 'after hfence.gvma of the table\'s guest-physical page');
  });
});
