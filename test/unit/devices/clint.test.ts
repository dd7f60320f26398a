import * as assert from 'assert';
import { Clint } from '../../../src/engine/devices/clint';

/*
 * Expected values come from bare-metal probes on Debian's qemu-system-riscv32 7.2
 * (-M virt -bios none) reading mip and the CLINT at 0x02000000, and from QEMU's
 * hw/intc/riscv_aclint.c (mtime = clock + delta; a half write keeps the other half).
 */

class FakeClock { t = 0; mtime(): number { return this.t; } }

function makeClint(harts = 1, t0 = 0) {
  const clock = new FakeClock();
  clock.t = t0;
  const calls: [number, number, boolean][] = [];
  const mip = new Map<string, boolean>();
  const lines = { setHartIrq(h: number, bit: number, level: boolean) { calls.push([h, bit, level]); mip.set(`${h}:${bit}`, level); } };
  const clint = new Clint(0x0200_0000, harts, clock, lines);
  const r = (off: number) => clint.read(off, 4);
  const w = (off: number, v: number) => clint.write(off, 4, v);
  const bit = (h: number, b: number) => mip.get(`${h}:${b}`) ?? false;
  return { clint, clock, calls, r, w, bit };
}

describe('Clint (QEMU 7.2 ACLINT on virt)', () => {
  it('resets mtimecmp to 0, so MTIP is set from the start', () => {
    // probe: mip = 0x80 at the first instruction; mtimecmp reads 0/0
    const { r, bit, calls } = makeClint();
    assert.deepStrictEqual([r(0x4000), r(0x4004)], [0, 0]);
    assert.strictEqual(bit(0, 7), true);
    assert.deepStrictEqual(calls, [[0, 7, true]]);
  });

  it('implements msip bit 0 only, driving mip.MSIP', () => {
    const { r, w, bit } = makeClint();
    w(0, 0xffffffff);
    assert.strictEqual(r(0), 1); // probe: reads 1, mip = 0x88
    assert.strictEqual(bit(0, 3), true);
    w(0, 2);
    assert.strictEqual(r(0), 0); // probe: bit 0 clear -> 0, mip = 0x80
    assert.strictEqual(bit(0, 3), false);
  });

  it('updates MTIP at once when mtimecmp is written', () => {
    const { w, bit } = makeClint(1, 0xc53);
    w(0x4004, 0xffffffff);
    assert.strictEqual(bit(0, 7), false); // probe: mip.MTIP clears
    w(0x4000, 0);
    assert.strictEqual(bit(0, 7), false); // still 0xffffffff_00000000 in the future
  });

  it('makes mtime writable through an offset, each half write keeping the other half', () => {
    const { clint, clock, r, w, bit } = makeClint(1, 1000);
    w(0x4004, 0xffffffff);
    w(0xbffc, 0x12345678);
    assert.deepStrictEqual([r(0xbffc), r(0xbff8)], [0x12345678, 1000]);
    clock.t += 2;
    assert.strictEqual(r(0xbff8), 1002);
    w(0xbff8, 0xfffffff0);
    clock.t += 2;
    assert.deepStrictEqual([r(0xbff8), r(0xbffc)], [0xfffffff2, 0x12345678]); // probe: fffffff2, 12345678
    clock.t += 0x20;
    assert.deepStrictEqual([r(0xbff8), r(0xbffc)], [0x12, 0x12345679]); // carry into the high word
    // probe: mtimecmp 0x12345678_00000000 below mtime sets MTIP; writing mtime_hi = 0 clears it
    w(0x4004, 0x12345678); w(0x4000, 0);
    assert.strictEqual(bit(0, 7), true);
    w(0xbffc, 0);
    assert.strictEqual(bit(0, 7), false);
    assert.strictEqual(clint.mtime(), 0x12);
  });

  it('re-evaluates MTIP in updateTimers and reports the next deadline in clock ticks', () => {
    const { clint, clock, w, calls, bit } = makeClint(1, 5000);
    w(0x4004, 0); w(0x4000, 5100);
    assert.strictEqual(bit(0, 7), false);
    assert.strictEqual(clint.nextTimerDeadline(), 5100);
    clock.t = 5099; clint.updateTimers();
    assert.strictEqual(bit(0, 7), false);
    const before = calls.length;
    clock.t = 5100; clint.updateTimers();
    assert.strictEqual(bit(0, 7), true);
    clint.updateTimers(); // no change: no call
    assert.strictEqual(calls.length, before + 1);
    assert.strictEqual(clint.nextTimerDeadline(), Infinity); // MTIP already set
    // With mtime moved ahead by 1000, the deadline in clock ticks comes 1000 earlier.
    w(0x4000, 20000);
    w(0xbff8, 6100); // mtime = clock + 1000
    assert.strictEqual(clint.nextTimerDeadline(), 19000);
  });

  it('never reports a deadline for an mtimecmp beyond 2^53 ticks away', () => {
    const { clint, w } = makeClint();
    w(0x4004, 0xffffffff); w(0x4000, 0xffffffff);
    assert.strictEqual(clint.nextTimerDeadline(), Infinity);
  });

  it('lays out msip and mtimecmp per hart', () => {
    const { r, w, bit } = makeClint(2, 10);
    w(4, 1);
    assert.strictEqual(bit(1, 3), true);
    assert.strictEqual(bit(0, 3), false);
    w(0x400c, 1);
    assert.strictEqual(bit(1, 7), false);
    assert.strictEqual(bit(0, 7), true);
    assert.deepStrictEqual([r(0x4008), r(0x400c)], [0, 1]);
  });

  it('reads 0 at unimplemented offsets and ignores narrow accesses', () => {
    const { clint, r, w } = makeClint();
    // probe: msip and mtimecmp of a missing hart and the gap at 0x8000 read 0 without a fault
    assert.deepStrictEqual([r(4), r(0x4008), r(0x8000)], [0, 0, 0]);
    w(4, 1); w(0x4008, 5);
    assert.strictEqual(r(4), 0);
    // QEMU faults byte/halfword accesses; here they read 0 and do nothing
    clint.write(0, 1, 1);
    assert.strictEqual(r(0), 0);
    w(0, 1);
    assert.strictEqual(clint.read(0, 1), 0);
  });

  it('snapshots and restores its full state', () => {
    const a = makeClint(2, 777);
    a.w(0, 1); a.w(0x4000, 1234); a.w(0x400c, 9); a.w(0xbffc, 3);
    const snap = JSON.parse(JSON.stringify(a.clint.snapshot()));
    const b = makeClint(2, 777);
    b.clint.restore(snap);
    const regs = [0, 4, 0x4000, 0x4004, 0x4008, 0x400c, 0xbff8, 0xbffc];
    assert.deepStrictEqual(regs.map(b.r), regs.map(a.r));
    assert.deepStrictEqual(b.clint.snapshot(), a.clint.snapshot());
    assert.strictEqual(b.clint.nextTimerDeadline(), a.clint.nextTimerDeadline());
  });
});
