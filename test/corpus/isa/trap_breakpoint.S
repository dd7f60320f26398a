/* Breakpoint exceptions: ebreak (32-bit) and c.ebreak (16-bit) from M, S and U: mcause 3,
   mepc at the instruction, mtval as QEMU sets it; the handler's skip must use the right
   instruction length (registers set right after each one prove it). */
#include "corpus.S"
#include "corpus_trap.S"

.macro BREAKS prefix
  .option push
  .option norvc
  li a0, 0
  EXPECT_AT .Lbrk32\@
.Lbrk32\@: ebreak
  addi a0, a0, 1
  .option rvc
  EXPECT_AT .Lbrk16\@
.Lbrk16\@: c.ebreak
  .option norvc
  addi a0, a0, 2
  EXPECT_AT .Lbrkraw\@
.Lbrkraw\@: .half 0x9002     /* c.ebreak, raw */
  addi a0, a0, 4
  .option pop
  PRINT \prefix\()_after_breaks, a0
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  PMP_OPEN
  BREAKS m
  ENTER_MODE MODE_S, supervisor
supervisor:
  BREAKS s
  BACK_TO_M to_user
to_user:
  ENTER_MODE MODE_U, user
user:
  BREAKS u
  BACK_TO_M done
done:
  PRINT traps_total, s9
  FINISH
