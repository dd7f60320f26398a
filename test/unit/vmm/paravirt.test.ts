import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { guestImage, runGuests } from '../../support/vmmGuest';
import { assemble } from '../../../src/engine/asm';

/**
 * Paravirtual paging's validation rules (docs/PARAVIRT.md, after Xen's): a guest may only map
 * frames it owns, may map its page-table pages only read-only, may only point to pinned tables,
 * and may only update entries inside pinned tables; a refused request applies nothing. Each case
 * is a guest trying to break a rule through the hypercalls (or, unmodified, through a store).
 */

/**
 * Guest layout: its kernel at 0x80400000 (the SBI test library's link address), identity-mapped
 * writable with 0x80000000 (requests) by two megapages; the page tables at 0x80800000, outside
 * them, since a PV guest may not map its own page tables writable.
 */
const ROOT = 0x80800000, TABLE = 0x80801000, REQ = 0x80300000, TARGET = 0x80500000;

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

/** Identity superpages for the kernel (0x80000000 and 0x80400000), a leaf table for 0x40000000, the tables read-only. */
const TABLES = `
  PUT ${ROOT} + (0x80000000 >> 22) * 4, (0x80000000 >> 12) << 10 | LEAF | X
  PUT ${ROOT} + (0x80400000 >> 22) * 4, (0x80400000 >> 12) << 10 | LEAF | X
  PUT ${ROOT} + (0x40000000 >> 22) * 4, (${TABLE} >> 12) << 10 | V
  PUT ${ROOT} + (0x80800000 >> 22) * 4, (0x80800000 >> 12) << 10 | V | R | A   # its tables, read-only
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

  it('set_satp refuses a root that maps its own page tables writable (the check counts the tables being pinned)', () => {
    const r = run(`
  PUT ${ROOT} + (0x80800000 >> 22) * 4, (0x80800000 >> 12) << 10 | LEAF   # its tables' megapage, writable
  li a0, 0x80000000 | (${ROOT} >> 12)
  HCALL 2
  REPORT`);
    assert.strictEqual(r.out, '-4 0\n');
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
    // No hypercalls: csrw satp traps and pins the tables; its megapage over them stays writable
    // in its own table (tolerated, as Xen's writable page tables), read-only in the hardware's.
    const r = run(`
  PUT ${ROOT} + (0x80800000 >> 22) * 4, (0x80800000 >> 12) << 10 | LEAF
  li t0, 0x80000000 | (${ROOT} >> 12)
  csrw satp, t0
  sfence.vma
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
    assert.strictEqual(r.exits.hypercall, 0);
  });
});

describe('paravirtual guests: fewer and cheaper exits', function () {
  this.timeout(60_000);
  const SHARED = 0x80301000;
  const enc = (op: number, csr: number, rd: number, rs: number): number => (op | (csr << 8) | (rd << 20) | (rs << 25)) >>> 0;

  it('priv does what the privileged instruction would; the shared page masks interrupts and reports the trap without exits', () => {
    const r = runGuests([{ paging: 'paravirt', image: guestImage(`${PV}
  .macro PRIV e                # the register-preserving sequence of docs/PARAVIRT.md
    addi sp, sp, -16
    sw a0, 0(sp)
    sw a6, 4(sp)
    sw a7, 8(sp)
    li a7, PV
    li a6, 8
    li a0, \\e
    ecall
    lw a0, 0(sp)
    lw a6, 4(sp)
    lw a7, 8(sp)
    addi sp, sp, 16
  .endm
  .globl _start
_start:
  la sp, stack_top
  li a0, ${SHARED}
  HCALL 6                      # set_shared
  la t0, handler
  PRIV ${enc(1, 0x105, 0, 5)}  # csrw stvec, t0
  li t2, 0x5a
  PRIV ${enc(1, 0x140, 0, 7)}  # csrw sscratch, t2
  PRIV ${enc(2, 0x140, 10, 0)} # csrr a0, sscratch: rd is a0, so the VMM writes its slot
  call putdec
  li a0, 10
  call putc
  li t1, 0x20
  PRIV ${enc(2, 0x104, 0, 6)}  # csrs sie, t1 (STIE)
  li s2, 0
  rdtime a0
  li t0, 20000
  add a0, a0, t0
  li a1, 0
  SBI EID_TIME, 0              # a timer in 2 ms
  li t0, ${SHARED}
  li t1, 1
  sw t1, 0(t0)                 # enable interrupts through the shared page: no exit
1:beqz s2, 1b                  # the timer interrupts this loop (a host interrupt exit, then delivery)
  li t0, ${SHARED}
  sw zero, 0(t0)               # mask again: no exit
  call shutdown
  .align 2
handler:
  li t0, ${SHARED}
  lw a0, 12(t0)                # scause from the shared page: no exit
  mv s3, a0
  li a0, -1
  li a1, -1
  SBI EID_TIME, 0              # no further timer: clears the pending interrupt
  mv a0, s3
  srli a0, a0, 31
  call putdec
  li a0, ' '
  call putc
  slli a0, s3, 1
  srli a0, a0, 1
  call putdec
  li a0, 10
  call putc
  li s2, 1
  PRIV ${enc(8, 0, 0, 0)}      # sret
`) }], { maxInsns: 20_000_000 });
    assert.deepStrictEqual(r.stop, { kind: 'exit', code: 0 }, r.vmm.vms[0].message);
    assert.strictEqual(r.out.vm1, '90\n1 5\n', 'sscratch round trip; a supervisor timer interrupt (cause 5)');
    const c = r.vmm.log.countsFor();
    assert.strictEqual(c['privileged-instruction'], 0, 'no privileged instruction trapped: each went through priv');
    assert.strictEqual(c.hypercall, 6, 'set_shared and five priv calls');
    assert.strictEqual(r.vmm.paravirt.pvStats(r.vmm.vms[0]).pins, 0);
  });
});

describe('paravirtual paging: pins an unmodified guest no longer uses', function () {
  this.timeout(60_000);

  it('a page-table frame reused as data after its address space is gone takes ordinary stores (as bare, nested, shadow)', () => {
    const file = path.join(__dirname, '..', '..', '..', '..', 'examples', 'compare', 'findings', 'pv-reused-table.s');
    const r = assemble([{ path: file, text: fs.readFileSync(file, 'utf8') }]);
    assert.ok(r.image);
    for (const paging of ['nested', 'shadow', 'paravirt'] as const) {
      const run = runGuests([{ image: r.image!, paging }]);
      assert.strictEqual(run.out.vm1, 'ok\n', paging);
    }
  });
});
