import * as assert from 'assert';
import * as fc from 'fast-check';
import { RealAsidSpace } from '../../../src/engine/vmm/realAsidSpace';

/**
 * The hart's real ASIDs, shared by every deprivileged VM of a VMM: an ASID is never handed out
 * while any holder uses it, 0 (the VMM's own) never, and the space says when it is exhausted.
 */
describe('RealAsidSpace: the real ASIDs shadow and paravirtual VMs share', () => {
  it('never hands out an ASID any holder still uses, nor 0, nor one past Sv32\'s 9 bits', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 600 }), (ops) => {
      const a = new Set<number>(), b = new Set<number>();
      const space = new RealAsidSpace();
      space.join({ asidsInUse: () => a });
      space.join({ asidsInUse: () => b });
      ops.forEach((toA, i) => {
        const held = a.size + b.size;
        const asid = space.take();
        if (held === 511) { assert.strictEqual(asid, undefined); return; }
        assert.ok(asid !== undefined && asid >= 1 && asid <= 511, `step ${i}: ${asid}`);
        assert.ok(!a.has(asid) && !b.has(asid), `step ${i}: ${asid} is in use`);
        (toA ? a : b).add(asid);
        if (i % 7 === 6) a.delete([...a][0]); // a root evicted: its ASID is free again
      });
    }), { numRuns: 50 });
  });

  it('when all 511 are taken it says so, and a freed ASID is handed out again', () => {
    const used = new Set<number>();
    const space = new RealAsidSpace();
    space.join({ asidsInUse: () => used });
    for (let k = 0; k < 511; k++) used.add(space.take()!);
    assert.strictEqual(used.size, 511);
    assert.strictEqual(space.take(), undefined);
    used.delete(200);
    assert.strictEqual(space.take(), 200);
  });
});
