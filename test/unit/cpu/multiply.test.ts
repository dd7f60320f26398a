import * as assert from 'assert';
import fc from 'fast-check';
import { mulh, mulhsu, mulhu } from '../../../src/engine/cpu/interpreter';
import { machineWith } from '../../support/machineFixture';

/** The M extension's high products against exact BigInt arithmetic (the spec's definition). */
const s64 = (v: number): bigint => BigInt(v | 0);
const u64 = (v: number): bigint => BigInt(v >>> 0);
const hi = (p: bigint): number => Number(BigInt.asIntN(32, p >> 32n));

describe('M extension: high products and division corner cases', () => {
  it('mulh, mulhsu, mulhu equal the high word of the exact 64-bit product', () => {
    const int32 = fc.oneof(fc.integer({ min: -0x80000000, max: 0x7fffffff }), fc.constantFrom(0, 1, -1, 0x7fffffff, -0x80000000, 0xffff, -0x10000));
    fc.assert(fc.property(int32, int32, (a, b) => {
      assert.strictEqual(mulh(a, b), hi(s64(a) * s64(b)));
      assert.strictEqual(mulhsu(a, b), hi(s64(a) * u64(b)));
      assert.strictEqual(mulhu(a, b), hi(u64(a) * u64(b)));
    }), { numRuns: 20000 });
  });

  it('divides by zero and overflows as the spec table says', () => {
    const m = machineWith(`
      li a0, 7
      li a1, 0
      div a2, a0, a1      # -1
      divu a3, a0, a1     # 0xffffffff
      rem a4, a0, a1      # 7
      remu a5, a0, a1     # 7
      li a0, 0x80000000
      li a1, -1
      div a6, a0, a1      # 0x80000000
      rem a7, a0, a1      # 0
      li a0, -7
      li a1, 2
      div s2, a0, a1      # -3 (rounds toward zero)
      rem s3, a0, a1      # -1 (sign of the dividend)
      divu s4, a0, a1     # 0x7ffffffc
      remu s5, a0, a1     # 1
      ebreak`);
    m.stopOnTraps([3], []);
    m.run(1000);
    const x = m.harts[0].x;
    assert.deepStrictEqual([x[12], x[13] >>> 0, x[14], x[15], x[16] >>> 0, x[17]], [-1, 0xffffffff, 7, 7, 0x80000000, 0]);
    assert.deepStrictEqual([x[18], x[19], x[20] >>> 0, x[21]], [-3, -1, 0x7ffffffc, 1]);
  });
});
