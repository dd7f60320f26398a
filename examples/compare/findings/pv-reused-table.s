# A page-table frame reused as data after its address space is gone. Under paravirt its data
# store used to be validated as a PTE and refused (store access fault); now, as natively, it is a store.
  .equ EID_DBCN, 0x4442434E
  .equ EID_SRST, 0x53525354
  .equ ROOT, 0x80400000
  .text
  .globl _start
_start:
  la t0, trap
  csrw stvec, t0
  li t0, ROOT + 0x200 * 4          # root[0x200]: this kernel's megapage, identity
  li t1, (0x80000000 >> 12) << 10 | 0xcf
  sw t1, 0(t0)
  li t0, (1 << 31) | (ROOT >> 12)
  csrw satp, t0                    # use the address space once
  sfence.vma
  csrw satp, zero                  # back to Bare: the table is garbage now; reuse its frame as data
  sfence.vma
  li t0, ROOT + 16
  li t1, 5                         # an ordinary data word (that happens to read as V|W)
  sw t1, 0(t0)
  la a1, ok
  li a0, 3
  j print
trap:
  la a1, bad
  li a0, 6
print:
  li a2, 0
  li a6, 0
  li a7, EID_DBCN
  ecall
  li a0, 0
  li a1, 0
  li a6, 0
  li a7, EID_SRST
  ecall
1:j 1b
ok:  .ascii "ok\n"
bad: .ascii "fault\n"
