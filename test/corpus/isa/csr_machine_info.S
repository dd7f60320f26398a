/* Machine information CSRs: misa (QEMU 7.2's value; writes are ignored), mvendorid, marchid and
   mimpid (QEMU encodes its version: only the major.minor part, value >> 8, is printed so a
   Debian point release does not change the output), mhartid and mconfigptr; all but misa are
   read-only, so every write traps with the instruction in mtval. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  WARL misa, misa
  csrr a0, misa
  srli a1, a0, 30;      PRINT misa_mxl, a1
  li t0, 0x03ffffff
  and a1, a0, t0;       PRINT misa_extensions, a1
  andi a1, a0, 1 << 2;  snez a1, a1; PRINT misa_has_c, a1
  /* clearing C (the only extension whose removal is observable without FP/V) is ignored */
  li t0, 1 << 2
  csrc misa, t0
  csrr a1, misa;        PRINT misa_after_clearing_c, a1

  csrr a0, mvendorid;   PRINT mvendorid, a0
  /* marchid and mimpid are implementation-specific (QEMU puts its version there): print only
     that they read, not their values. */
  csrr a0, marchid;     li a0, 1; PRINT marchid_readable, a0
  csrr a0, mimpid;      snez a0, a0; PRINT mimpid_nonzero, a0
  csrr a0, mhartid;     PRINT mhartid, a0
  csrr a0, mconfigptr;  PRINT mconfigptr, a0
  EXPECT_AT 1f
1: csrw mvendorid, zero
  EXPECT_AT 2f
2: csrs marchid, zero      /* csrs with x0: no write, no trap */
  EXPECT_AT 3f
3: csrwi mimpid, 0
  EXPECT_AT 4f
4: csrsi mhartid, 1
  EXPECT_AT 5f
5: csrci mconfigptr, 1
  PRINT traps_total, s9
  FINISH
