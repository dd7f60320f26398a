/* mtvec/stvec WARL (QEMU 7.2 drops a write whose mode field is 2 or 3, keeps any base in
   direct and vectored mode) and vectored dispatch in M-mode: exceptions go to the base,
   interrupts to base + 4 * cause. Uses the software-writable mip.SSIP and mip.STIP (not
   delegated) so no timer or CLINT is involved; both pending at once also shows priority
   (SSI before STI). */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  csrr s1, mtvec
  csrr s2, stvec
  TRAP_INIT
  PRINT mtvec_at_reset, s1
  PRINT stvec_at_reset, s2
  WARL mtvec, mtvec
  WARL stvec, stvec
  .irp csr, mtvec, stvec
  WRITE_READ \csr, 0x80000100, \csr\()_direct
  WRITE_READ \csr, 0x80000101, \csr\()_vectored
  WRITE_READ \csr, 0x80000102, \csr\()_mode2
  WRITE_READ \csr, 0x80000103, \csr\()_mode3
  WRITE_READ \csr, 0x80000104, \csr\()_direct_base_4_aligned
  WRITE_READ \csr, 0x80000105, \csr\()_vectored_base_4_aligned
  WRITE_READ \csr, 0x80000181, \csr\()_vectored_base_128_aligned
  WRITE_READ \csr, 0xfffffffc, \csr\()_direct_top
  WRITE_READ \csr, 0xfffffffd, \csr\()_vectored_top
  .endr
  /* a write with a reserved mode leaves the previous value */
  li t0, 0x80000200
  csrw stvec, t0
  li t0, 0x80000302
  csrw stvec, t0
  csrr a0, stvec
  PRINT stvec_after_mode2_write, a0
  csrw stvec, zero

  /* vectored dispatch */
  la t0, vector_table
  ori t0, t0, 1
  csrw mtvec, t0
  li s3, 0                  /* trail of entries taken, one hex digit each */
  EXPECT_AT 1f
1: ecall
  li t0, (1 << 1) | (1 << 5)
  csrs mie, t0
  csrs mip, t0              /* SSIP and STIP pending, MIE still 0 */
  csrr a0, mip
  andi a0, a0, 0x22
  PRINT mip_pending_before_enable, a0
  csrsi mstatus, 8          /* both interrupts are taken here, SSI first */
  nop
  csrci mstatus, 8
  li t0, (1 << 1) | (1 << 5)
  csrc mie, t0
  PRINT dispatch_trail, s3
  csrr a0, mcause
  PRINT last_mcause, a0
  TRAP_INIT
  FINISH

/* each entry records its index in s3 and clears its pending bit */
  .balign 64
  .option push
  .option norvc             /* 4-byte entries */
vector_table:
  j vec_exception           /* 0: exceptions (and the unused user-software interrupt) */
  j vec_ssi                 /* 1 */
  j vec_bad                 /* 2 */
  j vec_bad                 /* 3 */
  j vec_bad                 /* 4 */
  j vec_sti                 /* 5 */
  j vec_bad                 /* 6 */
  j vec_bad                 /* 7 */
  j vec_bad
  j vec_bad
  j vec_bad
  j vec_bad
  .option pop
vec_exception:
  slli s3, s3, 4
  ori s3, s3, 0xe
  csrr t0, mepc
  addi t0, t0, 4
  csrw mepc, t0
  mret
vec_ssi:
  slli s3, s3, 4
  ori s3, s3, 1
  csrci mip, 2
  mret
vec_sti:
  slli s3, s3, 4
  ori s3, s3, 5
  li t0, 0x20
  csrc mip, t0
  mret
vec_bad:
  csrr a0, mcause
  PRINT unexpected_mcause, a0
  EXIT 3
