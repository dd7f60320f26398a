import * as assert from 'assert';
import { guestImage, runGuests } from '../../support/vmmGuest';

/**
 * Paravirtual paging's validation rules (docs/PARAVIRT.md, after Xen's): a guest may only map
 * frames it owns, may map its page-table pages only read-only, may only point to pinned tables,
 * and may only update entries inside pinned tables; a refused request applies nothing. Each case
 * is a guest trying to break a rule through the hypercalls (or, unmodified, through a store).
 */

/** Guest layout: its kernel at 0x80400000 (the SBI test library's link address), tables below. */
const ROOT = 0x80200000, TABLE = 0x80201000, REQ = 0x80300000, TARGET = 0x80500000;

const PV = `
  .equ PV, 0x09485056
  .equ V, 1
  .equ R, 2
  .equ W, 4
  .equ X, 8
  .equ A, 64
  .equ D, 128
  .equ LEAF, V | R | W | A | D
  .macro HCALL fid
    li a7, PV
    li a6, \\fid
    ecall
  .endm
  .macro REPORT                # prints "a0 a1"
    mv s10, a1
    call putdec
    li a0, ' '
    call putc
    mv a0, s10
    call putdec
    li a0, 10
    call putc
  .endm
  .macro PUT addr, value       # a plain store (before the table is pinned)
    li t0, \\addr
    li t1, \\value
    sw t1, 0(t0)
  .endm
  .macro REQUEST i, pte_addr, value
    li t0, ${REQ} + \\i * 8
    li t1, \\pte_addr
    sw t1, 0(t0)
    li t1, \\value
    sw t1, 4(t0)
  .endm
`;

/** Identity superpages for the kernel (0x80000000 and 0x80400000) and a leaf table for 0x40000000. */
const TABLES = `
  PUT ${ROOT} + (0x80000000 >> 22) * 4, (0x80000000 >> 12) << 10 | LEAF | X
  PUT ${ROOT} + (0x80400000 >> 22) * 4, (0x80400000 >> 12) << 10 | LEAF | X
  PUT ${ROOT} + (0x40000000 >> 22) * 4, (${TABLE} >> 12) << 10 | V
`;

function run(body: string): { out: string; exits: Record<string, number>; state: string; message: string; hiddenAt: (gva: number) => number } {
  const r = runGuests([{ image: guestImage(`${PV}
  .globl _start
_start:
  la sp, stack_top
  la t0, trap
  csrw stvec, t0
${TABLES}
${body}
  call shutdown
  .align 2
trap:                          # a refused store arrives here: print the cause, skip the store
  csrr a0, scause
  call putdec
  li a0, 10
  call putc
  csrr t0, sepc
  addi t0, t0, 4
  csrw sepc, t0
  sret
`), paging: 'paravirt' }]);
  const vm = r.vmm.vms[0];
  const hidden = r.vmm.log.recent().filter((x) => x.reason === 'hidden-fault');
  return {
    out: r.out.vm1, exits: r.vmm.log.countsFor(), state: vm.state, message: vm.message,
    hiddenAt: (gva) => hidden.filter((x) => x.summary.includes(`at 0x${gva.toString(16)}`)).length,
  };
}

describe('paravirtual paging: validation', function () {
  this.timeout(60_000);

  it('probes as an SBI extension, and get_version answers 1', () => {
    const r = run(`
  li a0, PV
  SBI EID_BASE, 3
  REPORT
  HCALL 0
  REPORT`);
    assert.strictEqual(r.out, '0 1\n0 1\n');
    assert.strictEqual(r.exits.hypercall, 1);
  });

  it("set_satp pins a valid root; mappings beyond the VM's RAM, of its own tables writable, or outside pinned tables are refused", () => {
    const r = run(`
  li a0, 0x80000000 | (${ROOT} >> 12)
  HCALL 2                      # set_satp: pins the root and its leaf table
  REPORT
  li a0, ${ROOT}
  HCALL 4                      # unpin the root in use: refused
  REPORT
  REQUEST 0, ${TABLE}, (0x84000000 >> 12) << 10 | LEAF     # beyond 16 MiB of RAM: not its frame
  li a0, ${REQ}
  li a1, 1
  HCALL 1
  REPORT
  REQUEST 0, ${TABLE}, (${ROOT} >> 12) << 10 | LEAF        # its own root, writable
  li a0, ${REQ}
  li a1, 1
  HCALL 1
  REPORT
  REQUEST 0, ${TABLE}, (${TARGET} >> 12) << 10 | LEAF      # fine on its own ...
  REQUEST 1, 0x80400000, (${TARGET} >> 12) << 10 | LEAF    # ... but this one is not in a pinned table
  li a0, ${REQ}
  li a1, 2
  HCALL 1
  REPORT
  li t0, ${TABLE}
  lw a0, 0(t0)                 # the first request was not applied either
  call putdec
  li a0, 10
  call putc`);
    assert.strictEqual(r.state, 'shutdown', r.message);
    assert.strictEqual(r.out, ['0 0', '-4 0', '-4 0', '-4 0', '-4 0', '0'].join('\n') + '\n');
  });

  it('a valid batch is applied at once, and the new mapping works without a hidden fault', () => {
    const r = run(`
  li a0, 0x80000000 | (${ROOT} >> 12)
  HCALL 2
  li t0, ${TARGET}
  li t1, 0x1234
  sw t1, 0(t0)                 # through the kernel's identity map
  REQUEST 0, ${TABLE}, (${TARGET} >> 12) << 10 | LEAF
  REQUEST 1, ${TABLE} + 4, (${TARGET} >> 12) << 10 | V | R | A
  li a0, ${REQ}
  li a1, 2
  HCALL 1
  REPORT
  li t0, 0x40000000
  lw a0, 0(t0)
  call putdec
  li a0, ' '
  call putc
  li t0, 0x40001000
  lw a0, 0(t0)
  call putdec
  li a0, 10
  call putc
  li t0, 0x40001000
  sw zero, 0(t0)               # read-only mapping: a store page fault (15), the guest's own
`);
    assert.strictEqual(r.out, '0 2\n4660 4660\n15\n');
    assert.strictEqual(r.hiddenAt(0x40000000) + r.hiddenAt(0x40001000), 0, 'paravirtual paging populates eagerly: no hidden fault on the new mappings');
  });

  it("an unmodified guest's store into a pinned table is validated: a bad PTE is a store access fault", () => {
    const r = run(`
  li a0, 0x80000000 | (${ROOT} >> 12)
  HCALL 2
  li t0, ${TABLE}
  li t1, (${TARGET} >> 12) << 10 | LEAF
  sw t1, 0(t0)                 # a valid PTE: trapped, validated, applied
  li t1, (0x84000000 >> 12) << 10 | LEAF
  sw t1, 4(t0)                 # beyond RAM: refused, the guest sees a store access fault (7)
  li t0, ${TABLE}              # (the trap handler used t0)
  lw a0, 4(t0)
  call putdec
  li a0, 10
  call putc
  li t0, 0x40000000
  lw a0, 0(t0)
  call putdec
  li a0, 10
  call putc`);
    assert.strictEqual(r.out, '7\n0\n0\n');
    assert.strictEqual(r.exits['pt-write'], 2);
  });
});
