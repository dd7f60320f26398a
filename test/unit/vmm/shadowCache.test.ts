import * as assert from 'assert';
import { guestImage, runGuests } from '../../support/vmmGuest';

/**
 * The shadow cache: one shadow per guest root (and ASID and view) that survives guest context
 * switches, so switching back to an address space costs no refills; past its size, the least
 * recently used shadow is evicted and rebuilt when needed, with the same translations.
 */

/** N address spaces: each maps the kernel (identity superpages) and 0x40000000 to its own page holding its number. */
function kernel(spaces: number, rounds: number): string {
  return `
  .globl _start
_start:
  la sp, stack_top
  li s0, 0                     # build the tables: root k at 0x80200000 + k * 0x2000, its leaf table 0x1000 above
1:li t0, 0x80200000
  slli t1, s0, 13
  add s1, t0, t1               # root
  li t0, 0x1000
  add s2, s1, t0               # leaf table
  li t0, ((0x80000000 >> 12) << 10) | 0xcf
  li t1, (0x80000000 >> 22) * 4
  add t1, s1, t1
  sw t0, 0(t1)
  li t0, ((0x80400000 >> 12) << 10) | 0xcf
  sw t0, 4(t1)
  srli t0, s2, 12
  slli t0, t0, 10
  ori t0, t0, 1
  li t1, (0x40000000 >> 22) * 4
  add t1, s1, t1
  sw t0, 0(t1)                 # root[0x100] -> leaf table
  li t0, 0x80800000
  slli t1, s0, 12
  add t2, t0, t1               # the space's data page
  sw s0, 0(t2)
  srli t0, t2, 12
  slli t0, t0, 10
  ori t0, t0, 0xc7             # V R W A D
  sw t0, 0(s2)                 # leaf[0] -> data page
  addi s0, s0, 1
  li t0, ${spaces}
  blt s0, t0, 1b
  li s3, 0                     # sum of what each space reads at 0x40000000
  li s4, ${rounds}
2:li s0, 0
3:li t0, 0x80200000
  slli t1, s0, 13
  add s1, t0, t1
  srli t0, s1, 12
  li t1, 1 << 31
  or t0, t0, t1
  csrw satp, t0                # switch address space (ASID 0: a kernel must fence)
  sfence.vma
  li t0, 0x40000000
  lw t1, 0(t0)
  add s3, s3, t1
  addi s0, s0, 1
  li t0, ${spaces}
  blt s0, t0, 3b
  addi s4, s4, -1
  bnez s4, 2b
  mv a0, s3
  call putdec
  li a0, 10
  call putc
  call shutdown
`;
}

describe('shadow paging: the shadow cache', function () {
  this.timeout(60_000);

  it("keeps each address space's shadow across switches, or rebuilds it correctly after eviction", () => {
    for (const spaces of [8, 24]) {
      const rounds = 3;
      const r = runGuests([{ image: guestImage(kernel(spaces, rounds)), paging: 'shadow' }], { maxInsns: 20_000_000 });
      assert.deepStrictEqual(r.stop, { kind: 'exit', code: 0 }, r.vmm.vms[0].message);
      assert.strictEqual(r.out.vm1, `${rounds * (spaces * (spaces - 1)) / 2}\n`, `${spaces} spaces: every space read its own page`);
      const s = r.vmm.shadow.stats(r.vmm.vms[0]);
      if (spaces <= 16) {
        assert.strictEqual(s.evictions, 0);
        // sfence.vma with no address drops every shadow entry, so each switch refills what it reads;
        // the shadows themselves (roots) are kept: one per space, plus the Bare one.
        assert.strictEqual(s.roots, spaces + 1);
      } else {
        assert.ok(s.evictions > 0, `${spaces} spaces: the cache of 16 evicted (${s.evictions})`);
        assert.ok(s.roots <= 17, `at most 16 roots kept plus one in use (${s.roots})`);
      }
    }
  });
});
