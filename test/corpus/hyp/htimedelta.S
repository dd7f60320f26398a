/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* The time CSR with V=1 is the host's time plus htimedelta (htimedeltah:htimedelta, 64 bits):
   M reads time before and after entering VS/VU, and the guest's reading minus the delta must
   lie between them. Deltas: 0, 2^32, a low half that carries into the high half, -1, and minus
   the current time (the guest's clock starts near zero). Raw times are never printed (QEMU's
   clock follows the host): only whether each reading is in its window. HS and M reads ignore
   htimedelta. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  li t0, 2                      /* TM for VS and VU */
  csrw mcounteren, t0
  csrw hcounteren, t0
  csrw scounteren, t0
  la s0, cases
next_case:
  lw t0, 0(s0)                  /* kind: 0 end, 1 delta as given, 2 minus now, 3 carry */
  beqz t0, finished
  lw a6, 4(s0)
  lw a7, 8(s0)
  li t1, 2
  bne t0, t1, 1f
  call read_time                /* delta = -now */
  sub a6, zero, a0
  snez t2, a0
  sub a7, zero, a1
  sub a7, a7, t2
1: li t1, 3
  bne t0, t1, 2f
  call read_time                /* delta_lo = 0x1000 - now_lo: the guest's low half has wrapped */
  li a6, 0x1000
  sub a6, a6, a0
  li a7, 7
2: csrw htimedelta, a6
  csrw htimedeltah, a7
  la t0, delta
  sw a6, 0(t0)
  sw a7, 4(t0)
  lw t0, 12(s0)                 /* mode: 1 VS, 0 VU, 2 HS */
  call read_time
  la t1, before
  sw a0, 0(t1)
  sw a1, 4(t1)
  li t1, 2
  beq t0, t1, in_hs
  beqz t0, in_vu
  ENTER_V MODE_S, guest
in_vu:
  ENTER_V MODE_U, guest
in_hs:
  ENTER_HS MODE_S, host
guest:
  call read_time
  la t1, seen
  sw a0, 0(t1)
  sw a1, 4(t1)
  RETURN_TO_M check
host:
  call read_time
  la t1, seen
  sw a0, 0(t1)
  sw a1, 4(t1)
  la t1, delta                  /* HS does not see htimedelta */
  sw zero, 0(t1)
  sw zero, 4(t1)
  RETURN_TO_M check
check:
  call read_time                /* after */
  la t1, before
  lw a2, 0(t1)
  lw a3, 4(t1)
  la t1, seen
  lw a4, 0(t1)
  lw a5, 4(t1)
  la t1, delta
  lw t2, 0(t1)
  lw t3, 4(t1)
  /* x = seen - delta - before (64-bit); y = after - before; in window: x.hi == 0, x.lo <= y.lo */
  sltu t4, a4, t2
  sub a4, a4, t2
  sub a5, a5, t3
  sub a5, a5, t4
  sltu t4, a4, a2
  sub a4, a4, a2
  sub a5, a5, a3
  sub a5, a5, t4
  sltu t4, a0, a2
  sub a0, a0, a2
  sub a1, a1, a3
  sub a1, a1, t4
  li t1, 0
  bnez a5, 3f
  bnez a1, 3f
  bltu a0, a4, 3f
  li t1, 1
3: lw t2, 12(s0)
  PRINT mode, t2
  CHECK in_window, t1, 1
  addi s0, s0, 16
  j next_case
finished:
  csrw htimedelta, zero
  csrw htimedeltah, zero
  PRINT traps, s9
  FINISH

/* a1:a0 = time (a consistent 64-bit read in any mode); clobbers t5, t6 */
read_time:
1: csrr a1, timeh
  csrr a0, time
  csrr t5, timeh
  bne a1, t5, 1b
  ret

  .section .data
  .align 2
/* kind, delta lo, delta hi, mode */
cases:
  .word 1, 0, 0, 1
  .word 1, 0, 1, 1
  .word 1, 0x80000000, 0x7fffffff, 1
  .word 1, -1, -1, 1
  .word 2, 0, 0, 1
  .word 3, 0, 0, 1
  .word 1, 0, 1, 0
  .word 2, 0, 0, 0
  .word 1, 0x12345678, 0x9abcdef0, 2
  .word 0
before: .word 0, 0
seen: .word 0, 0
delta: .word 0, 0
