import * as assert from 'assert';
import { Plic } from '../../../src/engine/devices/plic';

/*
 * Expected values come from bare-metal probes on Debian's qemu-system-riscv32 7.2
 * (-M virt -bios none) driving the PLIC at 0x0c000000 with the UART's THRE interrupt (source 10),
 * and from QEMU 7.2's hw/intc/sifive_plic.c and include/hw/riscv/virt.h
 * (96 sources including 0, 3 priority bits, priority base 0x04, "MS" contexts per hart).
 */

const PENDING = 0x1000, ENABLE = 0x2000, CONTEXT = 0x200000;
const MEI = 11, SEI = 9;

function makePlic(harts = 1) {
  const mip = new Map<string, boolean>();
  const calls: [number, number, boolean][] = [];
  const lines = { setHartIrq(h: number, bit: number, level: boolean) { calls.push([h, bit, level]); mip.set(`${h}:${bit}`, level); } };
  const plic = new Plic(0x0c00_0000, harts, lines);
  const r = (off: number) => plic.read(off, 4);
  const w = (off: number, v: number) => plic.write(off, 4, v);
  const bit = (h: number, b: number) => mip.get(`${h}:${b}`) ?? false;
  const claim = (ctx: number) => r(CONTEXT + ctx * 0x1000 + 4);
  const complete = (ctx: number, id: number) => w(CONTEXT + ctx * 0x1000 + 4, id);
  return { plic, r, w, bit, calls, claim, complete };
}

describe('Plic (QEMU 7.2 virt SiFive PLIC)', () => {
  it('has priority registers at 4*n for n = 1..96, WARL modulo 8; source 0 has none', () => {
    const { r, w } = makePlic();
    w(0, 7); assert.strictEqual(r(0), 0);                  // probe: write 7, read 0
    w(4 * 10, 0xffffffff); assert.strictEqual(r(4 * 10), 7); // probe: 7
    w(4 * 10, 9); assert.strictEqual(r(4 * 10), 1);          // probe: 9 % 8 = 1
    w(4 * 95, 5); assert.strictEqual(r(4 * 95), 5);
    w(4 * 96, 5); assert.strictEqual(r(4 * 96), 5);          // probe: 0x180 stores and reads back 5
    w(4 * 97, 5); assert.strictEqual(r(4 * 97), 0);
  });

  it('makes thresholds WARL modulo 8 and stores whole enable words', () => {
    const { r, w } = makePlic();
    w(CONTEXT, 0xffffffff); assert.strictEqual(r(CONTEXT), 7);          // probe: 7
    w(ENABLE, 0xffffffff); assert.strictEqual(r(ENABLE), 0xffffffff);   // probe: bit 0 included
    w(ENABLE + 8, 0xffffffff); assert.strictEqual(r(ENABLE + 8), 0xffffffff);
    w(ENABLE + 12, 0xffffffff); assert.strictEqual(r(ENABLE + 12), 0);  // probe: no 4th word
    w(PENDING, 0xffffffff); assert.strictEqual(r(PENDING), 0);          // probe: pending is read-only
    assert.strictEqual(r(CONTEXT + 0x2000), 0);                         // probe: missing context reads 0
  });

  it('claims 0 when nothing is pending', () => {
    const { claim } = makePlic();
    assert.strictEqual(claim(0), 0);
  });

  it('latches pending on a raise and clears it only by a claim', () => {
    const { plic, r, w, bit, claim, complete } = makePlic();
    w(4 * 10, 1); w(ENABLE, 1 << 10); w(CONTEXT, 0);
    plic.setIrq(10, true);
    assert.strictEqual(r(PENDING), 0x400);
    assert.strictEqual(bit(0, MEI), true);
    assert.strictEqual(claim(0), 10);
    assert.strictEqual(r(PENDING), 0);
    assert.strictEqual(bit(0, MEI), false);
    assert.strictEqual(claim(0), 0);
    // probe: completing while the UART line is still high does not re-pend (QEMU 7.2)
    complete(0, 10);
    assert.strictEqual(r(PENDING), 0);
    assert.strictEqual(claim(0), 0);
    // a new raise (the device re-evaluating its interrupt) pends it again
    plic.setIrq(10, true);
    assert.strictEqual(claim(0), 10);
    complete(0, 10);
    // probe: raise then lower before the claim leaves it pending; the claim still returns 10
    plic.setIrq(10, true); plic.setIrq(10, false);
    assert.strictEqual(r(PENDING), 0x400);
    assert.strictEqual(claim(0), 10);
  });

  it('keeps a claimed source from being claimed again until completion', () => {
    const { plic, w, claim, complete } = makePlic();
    w(4 * 10, 1); w(ENABLE, 1 << 10);
    plic.setIrq(10, true);
    assert.strictEqual(claim(0), 10);
    plic.setIrq(10, true); // pending again, but still claimed
    assert.strictEqual(claim(0), 0);
    complete(0, 10);
    assert.strictEqual(claim(0), 10);
  });

  it('needs priority strictly above the threshold', () => {
    const { plic, w, claim } = makePlic();
    w(4 * 10, 1); w(ENABLE, 1 << 10); w(CONTEXT, 1);
    plic.setIrq(10, true);
    assert.strictEqual(claim(0), 0); // probe: priority 1, threshold 1 -> 0
    w(CONTEXT, 0);
    assert.strictEqual(claim(0), 10);
  });

  it('does not re-evaluate hart lines on an enable write (probe: MEIP rose only at the next threshold write)', () => {
    const { plic, w, bit } = makePlic();
    w(4 * 10, 1); w(CONTEXT, 0);
    plic.setIrq(10, true);
    assert.strictEqual(bit(0, MEI), false);
    w(ENABLE, 1 << 10);
    assert.strictEqual(bit(0, MEI), false);
    w(CONTEXT, 0);
    assert.strictEqual(bit(0, MEI), true);
    w(ENABLE, 0);
    assert.strictEqual(bit(0, MEI), true);
    w(CONTEXT, 0);
    assert.strictEqual(bit(0, MEI), false);
  });

  it('routes context 2h to MEIP and 2h+1 to SEIP of hart h', () => {
    const { plic, w, bit, claim, complete } = makePlic(2);
    w(4 * 10, 1);
    w(ENABLE + 0x80, 1 << 10); w(CONTEXT + 0x1000, 0);   // context 1: hart 0 S
    plic.setIrq(10, true);
    assert.strictEqual(bit(0, SEI), true);               // probe: mip.SEIP (0x200)
    assert.strictEqual(bit(0, MEI), false);
    assert.strictEqual(claim(1), 10);
    assert.strictEqual(bit(0, SEI), false);
    complete(0, 10); // completion from another context is accepted, as QEMU does
    w(ENABLE + 2 * 0x80, 1 << 10);                       // context 2: hart 1 M
    plic.setIrq(10, true);
    assert.strictEqual(bit(1, MEI), true);
    assert.strictEqual(bit(0, SEI), true);
  });

  it('picks the highest priority, then the lowest source number', () => {
    const { plic, w, claim } = makePlic();
    w(ENABLE, 0xfffffffe); w(ENABLE + 4, 0xffffffff); w(ENABLE + 8, 0xffffffff);
    w(4 * 3, 2); w(4 * 5, 2); w(4 * 40, 6); w(4 * 95, 6);
    for (const s of [3, 5, 40, 95]) plic.setIrq(s, true);
    assert.deepStrictEqual([claim(0), claim(0), claim(0), claim(0), claim(0)], [40, 95, 3, 5, 0]);
  });

  it('ignores completions of ids >= 96 and narrow accesses, and rejects bad lines', () => {
    const { plic, r, w, claim, complete } = makePlic();
    w(4 * 10, 1); w(ENABLE, 1 << 10);
    plic.setIrq(10, true);
    assert.strictEqual(plic.read(CONTEXT + 4, 1), 0); // no claim through a byte read
    assert.strictEqual(plic.isPending(10), true);
    assert.strictEqual(claim(0), 10);
    complete(0, 96 + 10);
    plic.setIrq(10, true);
    assert.strictEqual(claim(0), 0);
    plic.write(4 * 10, 1, 5);
    assert.strictEqual(r(4 * 10), 1);
    assert.throws(() => plic.setIrq(0, true), /outside 1\.\.95/);
    assert.throws(() => plic.setIrq(96, true), /outside 1\.\.95/);
  });

  it('snapshots and restores its full state', () => {
    const a = makePlic(2);
    a.w(4 * 10, 3); a.w(4 * 7, 1); a.w(ENABLE, 0x480); a.w(ENABLE + 0x80 + 4, 5); a.w(CONTEXT + 0x3000, 2);
    a.plic.setIrq(10, true); a.plic.setIrq(7, true);
    a.claim(0);
    const snap = JSON.parse(JSON.stringify(a.plic.snapshot()));
    const b = makePlic(2);
    b.plic.restore(snap);
    assert.deepStrictEqual(b.plic.snapshot(), a.plic.snapshot());
    assert.strictEqual(b.claim(0), a.claim(0));
    assert.throws(() => makePlic(1).plic.restore(snap), /contexts/);
  });
});
