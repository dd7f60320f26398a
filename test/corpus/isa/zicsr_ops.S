/* Zicsr semantics on mscratch and on read-only CSRs: csrrw csrrs csrrc csrrwi csrrsi csrrci
   return the old value and write the new one; rs1 = x0 / uimm = 0 in csrrs/csrrc(i) means no
   write (legal on read-only CSRs), while csrrw/csrrwi always write (trap on read-only CSRs,
   even with x0 / 0). QEMU 7.2 decides "writes" by the register's VALUE for csrrs/csrrc: a
   non-x0 register holding 0 does not trap on a read-only CSR (the spec says it should). */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  /* mscratch holds the trap handler's stack: keep it in s8 and restore before any trap */
  csrr s8, mscratch
  li t0, 0x12345678
  csrrw a0, mscratch, t0;  snez a0, a0; CHECK csrrw_old_nonzero, a0, 1
  csrr a0, mscratch;       CHECK csrrw_new, a0, 0x12345678
  li t0, 0x0000ff00
  csrrs a0, mscratch, t0;  CHECK csrrs_old, a0, 0x12345678
  csrr a0, mscratch;       CHECK csrrs_new, a0, 0x1234ff78
  li t0, 0x10300008
  csrrc a0, mscratch, t0;  CHECK csrrc_old, a0, 0x1234ff78
  csrr a0, mscratch;       CHECK csrrc_new, a0, 0x0204ff70
  csrrwi a0, mscratch, 31; CHECK csrrwi_old, a0, 0x0204ff70
  csrr a0, mscratch;       CHECK csrrwi_new, a0, 31
  csrrci a0, mscratch, 5;  CHECK csrrci_old, a0, 31
  csrr a0, mscratch;       CHECK csrrci_new, a0, 26
  csrrsi a0, mscratch, 1;  CHECK csrrsi_old, a0, 26
  csrr a0, mscratch;       CHECK csrrsi_new, a0, 27
  csrrs a0, mscratch, zero; CHECK csrrs_x0_reads, a0, 27
  csrrc a0, mscratch, zero; CHECK csrrc_x0_reads, a0, 27
  csrrsi a0, mscratch, 0;  CHECK csrrsi_0_reads, a0, 27
  csrrci a0, mscratch, 0;  CHECK csrrci_0_reads, a0, 27
  /* rd == rs1: the old value is read before the register is used as the source */
  li t1, 0x0f
  csrw mscratch, t1
  li t1, 0xf0
  csrrs t1, mscratch, t1;  CHECK csrrs_rd_eq_rs1_old, t1, 0x0f
  csrr a0, mscratch;       CHECK csrrs_rd_eq_rs1_new, a0, 0xff
  li t1, 0xabc
  csrrw t1, mscratch, t1;  CHECK csrrw_rd_eq_rs1_old, t1, 0xff
  csrr a0, mscratch;       CHECK csrrw_rd_eq_rs1_new, a0, 0xabc
  /* csrw (rd = x0) still writes */
  li t1, 0x55
  csrw mscratch, t1
  csrr a0, mscratch;       CHECK csrw_rd_x0, a0, 0x55
  csrw mscratch, s8        /* restore the handler stack */

  /* read-only CSRs: reads and no-write forms are legal */
  csrr a0, mhartid;        CHECK csrr_mhartid, a0, 0
  csrrs a0, mvendorid, zero; PRINT csrrs_x0_mvendorid, a0
  csrrc a0, mimpid, zero; snez a0, a0; PRINT csrrc_x0_mimpid_nonzero, a0
  csrrsi a0, mimpid, 0;    snez a0, a0; PRINT csrrsi_0_mimpid_nonzero, a0
  csrrci a0, mhartid, 0;   CHECK csrrci_0_mhartid, a0, 0
  CHECK traps_so_far, s9, 0
  li t1, 0
  csrrs a0, mimpid, t1;    snez a0, a0; PRINT csrrs_zero_valued_reg_mimpid, a0
  csrrc a0, mimpid, t1;   snez a0, a0; PRINT csrrc_zero_valued_reg_mimpid, a0
  PRINT traps_after_zero_valued_writes, s9
  /* ...while every writing form traps (illegal instruction, tval = the instruction) */
  li a0, 0x5a5a
  EXPECT_AT 1f
1: csrw mhartid, zero
  CHECK rd_untouched_after_trap, a0, 0x5a5a
  EXPECT_AT 2f
2: csrrwi a0, mvendorid, 0
  CHECK rd_untouched_after_csrrwi_trap, a0, 0x5a5a
  li t1, 1
  EXPECT_AT 3f
3: csrrs a0, mimpid, t1
  EXPECT_AT 4f
4: csrrc a0, marchid, t1
  EXPECT_AT 5f
5: csrrsi a0, mhartid, 1
  EXPECT_AT 6f
6: csrrci a0, mhartid, 1
  EXPECT_AT 7f
7: csrrw zero, mconfigptr, zero
  CHECK traps_total, s9, 7
  FINISH
