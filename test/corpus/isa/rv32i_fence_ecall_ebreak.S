/* RV32I fences and environment instructions: every fence form (pred/succ sets, fence.tso,
   pause, a reserved fm, non-zero rs1/rd fields) executes as a no-op; ecall and ebreak
   (32-bit) from M-mode trap with cause 11 and 3, mepc at the instruction, and the handler's
   mret resumes after it; ecall with non-zero rd or rs1 fields is an illegal instruction. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  li a0, 0x5a
  fence
  fence rw, rw
  fence iorw, iorw
  fence r, w
  fence w, r
  fence i, o
  fence.tso
  .word 0x0100000f          /* pause (fence w,0) */
  .word 0x0000000f          /* fence with empty predecessor and successor sets */
  .word 0x8330000f          /* fence.tso: fm=1000 pred=rw succ=rw */
  .word 0x5ff0000f          /* fence with reserved fm=0101: executes as a plain fence */
  .word 0x0ff5000f          /* fence rs1=a0 (reserved field, must be ignored) */
  .word 0x0ff0058f          /* fence rd=a1 (reserved field, must be ignored) */
  CHECK after_fences, a0, 0x5a
  CHECK traps_after_fences, s9, 0

  .option push
  .option norvc
  EXPECT_AT 1f
  li a0, 0x1234
1: ecall
  CHECK ecall_preserves_a0, a0, 0x1234
  CHECK traps_after_ecall, s9, 1
  EXPECT_AT 2f
2: ebreak
  CHECK traps_after_ebreak, s9, 2
  csrr a0, mepc
  la a1, 2b
  sub a0, a0, a1
  CHECK mepc_as_set_by_handler, a0, 4
  csrr a0, mcause
  CHECK mcause_kept, a0, 3
  /* ecall via a raw word and with non-zero reserved fields is not ecall */
  EXPECT_AT 3f
3: .word 0x00000073         /* ecall */
  EXPECT_AT 4f
4: .word 0x00100073         /* ebreak */
  EXPECT_AT 5f
5: .word 0x00000873         /* ecall with rd=16: reserved encoding */
  EXPECT_AT 6f
6: .word 0x00008073         /* ecall with rs1=1: reserved encoding */
  .option pop
  CHECK traps_total, s9, 6
  FINISH
