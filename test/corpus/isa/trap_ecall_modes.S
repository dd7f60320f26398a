/* ecall from M, S and U: mcause 11 / 9 / 8, mtval 0, mepc at the ecall, mstatus.MPP = the
   calling mode; after mret (pc + 4) the hart is back in the calling mode (shown by which of
   sscratch / mscratch accesses trap there). */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  PMP_OPEN
  li a0, 0xa0
  li a7, 0xa7
  EXPECT_AT 1f
1: ecall
  CHECK m_a0_kept, a0, 0xa0
  CHECK m_a7_kept, a7, 0xa7

  ENTER_MODE MODE_S, supervisor
supervisor:
  EXPECT_AT 2f
2: ecall
  csrr a1, sscratch            /* legal in S */
  EXPECT_AT 3f
3: csrr a1, mscratch           /* traps: still in S after the ecall returned */
  BACK_TO_M m_from_s
m_from_s:
  ENTER_MODE MODE_U, user
user:
  EXPECT_AT 4f
4: ecall
  EXPECT_AT 5f
5: csrr a1, sscratch           /* traps: still in U */
  .option push
  .option norvc
  EXPECT_AT 6f
6: ecall                       /* a 32-bit ecall at a 2-mod-4 address, if rvc shifted it */
  .option pop
  BACK_TO_M done
done:
  csrr a0, mcause;  CHECK last_mcause, a0, 8
  csrr a0, mtval;   CHECK last_mtval, a0, 0
  PRINT traps_total, s9
  FINISH
