import * as assert from 'assert';
import fc from 'fast-check';
import { guestImage, runGuests } from '../../support/vmmGuest';
import { walkGuest } from '../../../src/engine/vmm/guestPageWalk';
import { walkTwoStage } from '../../../src/engine/mmu/twoStageWalk';
import { Access } from '../../../src/engine/mmu/pmp';
import type { Machine } from '../../../src/engine/machine/machine';
import type { Vm } from '../../../src/engine/vmm';

/**
 * Shadow paging against the guest's own tables: a guest kernel runs a random script of page-table
 * edits, sfence.vma, satp switches and loads through the edited region. At every synchronization
 * point (after each fence and satp write) every shadow entry the hart could use must be exactly
 * the composition of the guest's table and the P2M, with no more permission than the guest's
 * leaf gives, and the guest-physical side must agree with the walk nested paging's hardware does
 * on the same tables (the engine's two-stage walker with the G stage Bare).
 */

const R1 = 0x80200000, R2 = 0x80201000, T1 = 0x80202000, T2 = 0x80203000, SCRIPT = 0x80300000;
const TEST_VA = 0x40000000, PAGES = 8, DATA = 0x80800000;
const V = 1, R = 2, W = 4, X = 8, U = 16, A = 64, D = 128;
const SYNC_EID = 0x0a000000;

const KERNEL = `
  .option norvc
  .globl _start
_start:
  la sp, stack_top
  la t0, handler
  csrw stvec, t0
  li t0, 1 << 18             # SUM: the kernel reads user pages too
  csrs sstatus, t0
  li t0, 0x80000000 | (${R1} >> 12)
  csrw satp, t0
  sfence.vma
  li s0, ${SCRIPT}
next:
  lw t0, 0(s0)               # op
  lw a0, 4(s0)
  lw a1, 8(s0)
  addi s0, s0, 12
  beqz t0, done
  li t1, 1
  beq t0, t1, op_store
  li t1, 2
  beq t0, t1, op_fence
  li t1, 3
  beq t0, t1, op_satp
  li t1, 4
  beq t0, t1, op_load
  li a7, ${SYNC_EID}         # 5: a synchronization point the test checks at
  li a6, 0
  ecall
  j next
op_store:
  sw a1, 0(a0)
  j next
op_fence:
  beqz a0, 1f
  sfence.vma a0, zero
  j next
1:sfence.vma
  j next
op_satp:
  csrw satp, a1
  j next
op_load:
  lw t2, 0(a0)               # may fault: the handler skips it
  j next
done:
  call shutdown
  .align 2
handler:
  csrr t3, sepc
  addi t3, t3, 4
  csrw sepc, t3
  sret
`;

type Op = { op: 1; at: number; value: number } | { op: 2; va: number } | { op: 3; root: number } | { op: 4; va: number };

/** Words of the kernel's own tables: an identity 4 MiB superpage over its code, data and tables. */
function initialTables(vm: Vm): void {
  const w = (gpa: number, v: number): void => { vm.memory.write(gpa, Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24)); };
  const leaf = (pa: number, f: number): number => (((pa >>> 12) << 10) | f) >>> 0;
  for (const root of [R1, R2]) {
    // 0x80000000 (tables, script) and 0x80400000 (the kernel image, linked there) identity-mapped.
    w(root + (0x80000000 >>> 22) * 4, leaf(0x80000000, V | R | W | X | A | D));
    w(root + (0x80400000 >>> 22) * 4, leaf(0x80400000, V | R | W | X | A | D));
    w(root + (TEST_VA >>> 22) * 4, ((((root === R1 ? T1 : T2) >>> 12) << 10) | V) >>> 0);
  }
}

const pteValue = fc.record({
  page: fc.integer({ min: 0, max: 15 }),
  flags: fc.constantFrom(V | R | A, V | R | W | A, V | R | W | A | D, V | R | U | A | D, V | X | A, V | R | W | X | A | D, 0, V | W, V | R | A | D),
}).map(({ page, flags }) => ((((DATA + page * 4096) >>> 12) << 10) | flags) >>> 0);

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant(1 as const), at: fc.constantFrom(T1, T2).chain((t) => fc.integer({ min: 0, max: PAGES - 1 }).map((i) => t + i * 4)), value: pteValue }),
  // the second root's pointer to its test table: a table, a superpage, or nothing
  fc.record({ op: fc.constant(1 as const), at: fc.constant(R2 + (TEST_VA >>> 22) * 4), value: fc.constantFrom(((T2 >>> 12) << 10) | V, ((DATA >>> 12) << 10) | V | R | W | A | D, 0) }),
  fc.record({ op: fc.constant(2 as const), va: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: PAGES - 1 }).map((i) => TEST_VA + i * 4096)) }),
  fc.record({ op: fc.constant(3 as const), root: fc.constantFrom(R1, R2) }),
  fc.record({ op: fc.constant(4 as const), va: fc.integer({ min: 0, max: PAGES - 1 }).map((i) => TEST_VA + i * 4096 + 8) }),
);

/** The shadow leaf the hart would use for `va` (its PTE), or 0: walked in host memory under the real satp. */
function shadowLeaf(m: Machine, va: number): { pte: number; hpa: number } | undefined {
  const h = m.harts[0];
  let base = (h.satp & 0x3fffff) * 4096;
  for (let level = 1; level >= 0; level--) {
    const pte = m.bus.read(base + (level === 1 ? va >>> 22 : (va >>> 12) & 0x3ff) * 4, 4) >>> 0;
    if (!(pte & V)) return undefined;
    if (pte & (R | W | X)) return { pte, hpa: level === 1 ? (pte >>> 20) * 0x400000 + (va & 0x3fffff) : (pte >>> 10) * 4096 + (va & 0xfff) };
    base = (pte >>> 10) * 4096;
  }
  return undefined;
}

function checkSync(m: Machine, vm: Vm, where: string): void {
  const h = m.harts[0];
  const read = (gpa: number): number | undefined => {
    const b = vm.memory.read(gpa, 4);
    return b ? (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0 : undefined;
  };
  for (let i = 0; i < PAGES; i++) {
    const va = TEST_VA + i * 4096;
    const guest = walkGuest(vm.memory, h.vsatp, va, Access.Read, 1, true, false, false);
    const nested = walkTwoStage(read, h.vsatp, 0, va);
    // The guest-physical side is what nested paging's hardware would find in the same tables.
    if (guest.fault === undefined) assert.strictEqual(nested.gpa, guest.gpa, `${where}: va 0x${va.toString(16)}: nested walk finds the same gpa`);
    const s = shadowLeaf(m, va);
    if (!s) continue;
    // A shadow entry may only exist where the guest maps the page, and must point where it does.
    assert.ok(guest.gpa >= 0 || !(s.pte & R), `${where}: va 0x${va.toString(16)}: readable shadow entry but the guest does not map it readably`);
    const gw = walkGuest(vm.memory, h.vsatp, va, Access.Read, 1, true, false, false);
    const anyGuest = gw.gpa >= 0 ? gw : walkGuest(vm.memory, h.vsatp, va, Access.Exec, 1, true, false, false);
    assert.ok(anyGuest.gpa >= 0, `${where}: va 0x${va.toString(16)}: shadow entry ${s.pte.toString(16)} for a page the guest does not map`);
    assert.strictEqual(s.hpa, vm.memory.hostAddress(anyGuest.gpa), `${where}: va 0x${va.toString(16)}: shadow = P2M(guest)`);
    if (s.pte & W) {
      const ww = walkGuest(vm.memory, h.vsatp, va, Access.Write, 1, true, false, false);
      assert.ok(ww.gpa >= 0 && (anyGuest.leaf & D), `${where}: va 0x${va.toString(16)}: writable shadow entry needs a writable, dirty guest leaf`);
    }
  }
}

describe('shadow paging: shadow entries are the composition of the guest table and the P2M', function () {
  this.timeout(300_000);

  it('after every fence and satp switch of a random script of page-table edits', () => {
    const image = guestImage(KERNEL);
    fc.assert(fc.property(fc.array(op, { minLength: 4, maxLength: 40 }), (ops) => {
      // Every fence and satp write is followed by a synchronization point, then touches of the region.
      const words: number[] = [];
      for (const o of ops) {
        if (o.op === 1) words.push(1, o.at, o.value);
        else if (o.op === 2) words.push(2, o.va, 0);
        else if (o.op === 3) words.push(3, 0, (0x80000000 | (o.root >>> 12)) >>> 0);
        else words.push(4, o.va, 0);
        if (o.op === 2 || o.op === 3) {
          words.push(5, 0, 0);
          for (let i = 0; i < PAGES; i++) words.push(4, TEST_VA + i * 4096 + 4, 0);
          words.push(5, 0, 0);
        }
      }
      words.push(0, 0, 0);
      let checks = 0;
      const run = runGuests([{ image, paging: 'shadow' }], {
        maxInsns: 0, setup: (vmm) => {
          const vm = vmm.vms[0];
          initialTables(vm);
          vm.memory.write(SCRIPT, new Uint8Array(Uint32Array.from(words).buffer));
          vmm.stopAtExit = (e) => e.detail.reason === 'sbi' && e.detail.call.eid === SYNC_EID;
        },
      });
      const vm = run.vmm.vms[0];
      for (let guard = 0; guard < 10_000; guard++) {
        const stop = run.machine.run(5_000_000);
        if (stop.kind === 'exit') { assert.strictEqual(stop.code, 0, vm.message); break; }
        assert.strictEqual(stop.kind, 'vm-exit', JSON.stringify(stop));
        checkSync(run.machine, vm, `sync ${++checks}`);
      }
      assert.strictEqual(vm.state, 'shutdown');
    }), { numRuns: 60, seed: 0x5eed });
  });
});
