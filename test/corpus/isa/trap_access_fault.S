/* Access faults at physical addresses nothing answers on the virt board (0x0, 0x00200000,
   the first byte after 128 MiB of RAM, 0xfffffffc): instruction fetch (cause 1; mepc = tval
   = the target), loads of every width (5), stores of every width (7), lr.w and amo*.w (QEMU
   reports 5, load access fault, for AMOs), sc.w with no reservation (just fails), and the
   same from U-mode. (Not covered: a 32-bit instruction
   straddling the end of RAM, which makes QEMU 7.2 abort on an assertion.) */
#include "corpus.S"
#include "corpus_trap.S"
#define RAM_END 0x88000000

/* jump to \addr; the fault resumes at the next line (epc printed as an absolute address) */
.macro FETCH addr
  li s10, 0
  la s11, .Lfetch\@
  li t1, \addr
  jalr ra, 0(t1)
.Lfetch\@:
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  FETCH 0x00000000
  FETCH 0x00200000
  FETCH RAM_END
  FETCH 0xfffffffc
  FETCH 0x00000002
  /* jalr wrote its link before the fetch at the target faulted */
  la t2, 19f
  li s10, 0
  la s11, 19f
  li t1, 0x100
  jalr ra, 0(t1)
19: sub t2, ra, t2
  PRINT jalr_link_minus_return_point, t2

  /* loads and stores: each faulting access is skipped, rd keeps its value */
  li s1, 0
  li s2, RAM_END
  li s3, 0xfffffffc
  li a0, 0x5a5a
  EXPECT_AT 1f
1: lw a0, 0(s1)
  EXPECT_AT 2f
2: lh a0, 2(s1)
  EXPECT_AT 3f
3: lbu a0, 1(s2)
  EXPECT_AT 4f
4: lb a0, 3(s3)
  EXPECT_AT 5f
5: lhu a0, 0(s2)
  PRINT rd_after_load_faults, a0
  li t0, 0x77
  EXPECT_AT 6f
6: sw t0, 0(s1)
  EXPECT_AT 7f
7: sh t0, 0(s2)
  EXPECT_AT 8f
8: sb t0, 2(s3)
  EXPECT_AT 9f
9: sw t0, -4(s2)        /* the last word of RAM: fine */
  lw a1, -4(s2)
  PRINT last_ram_word, a1

  EXPECT_AT 10f
10: lr.w a0, (s1)
  EXPECT_AT 11f
11: amoadd.w a0, t0, (s2)
  EXPECT_AT 12f
12: amoswap.w a0, t0, (s3)
  EXPECT_AT 13f
13: sc.w a0, t0, (s1)
  PRINT sc_w_unmapped_rd, a0

  /* from U-mode */
  PMP_OPEN
  ENTER_MODE MODE_U, user
user:
  EXPECT_AT 14f
14: lw a0, 0(s2)
  EXPECT_AT 15f
15: sb t0, 0(s1)
  BACK_TO_M 20f
20:
  PRINT traps_total, s9
  FINISH
