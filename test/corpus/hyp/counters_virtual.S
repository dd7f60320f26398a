/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* Counter CSRs read from VS and VU: a bit clear in mcounteren is illegal instruction (2) from
   both; set in mcounteren but clear in hcounteren, virtual instruction (22); from VU also clear
   in scounteren, virtual instruction. hpmcounter19 does not exist (QEMU 7.2 has 16 programmable
   counters): illegal whatever the enables. Values are not printed; the trap lines (epc relative
   to the first read of the round) show which reads trapped. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"

.macro READS
  csrr t1, cycle
  csrr t1, time
  csrr t1, instret
  csrr t1, hpmcounter3
  csrr t1, timeh
  csrr t1, hpmcounter3h
  csrr t1, hpmcounter19
.endm

.macro ROUND m, h, s, tag
  li t0, \m
  csrw mcounteren, t0
  li t0, \h
  csrw hcounteren, t0
  li t0, \s
  csrw scounteren, t0
  PUTS "\tag VS\n"
  EXPECT_AT .Lvs\@
  ENTER_V MODE_S, .Lvs\@
.Lvs\@:
  READS
  RETURN_TO_M .Lm\@
.Lm\@:
  PUTS "\tag VU\n"
  EXPECT_AT .Lvu\@
  ENTER_V MODE_U, .Lvu\@
.Lvu\@:
  READS
  RETURN_TO_M .Ldone\@
.Ldone\@:
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  .option norvc
  /* CY, IR, HPM3 in mcounteren; TM, IR in hcounteren */
  ROUND 0x0d, 0x06, -1, mixed
  /* everything in mcounteren and hcounteren, only CY in scounteren */
  ROUND -1, -1, 0x01, scounteren_cy
  .option rvc
  csrw mcounteren, zero
  csrw hcounteren, zero
  csrw scounteren, zero
  PRINT traps, s9
  FINISH
