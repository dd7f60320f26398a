/* RV32C loads and stores: c.lw/c.sw with offsets 0, 4 and the maximum 124 on every
   compressed register (x8..x15), c.lwsp/c.swsp with offsets 0 and the maximum 252, loads of
   negative words, and a c.lw that overwrites its own base register. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  .option push
  .option rvc
  la a0, table
  c.lw a1, 0(a0);       CHECK c_lw_0, a1, 0x80000001
  c.lw a1, 4(a0);       CHECK c_lw_4, a1, 0xfffffffe
  c.lw a1, 124(a0);     CHECK c_lw_124, a1, 0x7c7c7c7c
  li a2, 0x11223344
  c.sw a2, 8(a0)
  lw a3, 8(a0);         CHECK c_sw_8, a3, 0x11223344
  li a2, 0xcafef00d
  c.sw a2, 124(a0)
  lw a3, 124(a0);       CHECK c_sw_124, a3, 0xcafef00d
  /* every compressed register as base and as data */
  la s0, table
  c.lw s1, 0(s0);       CHECK c_lw_s0_s1, s1, 0x80000001
  mv a4, s0
  c.lw a5, 4(a4);       CHECK c_lw_a4_a5, a5, 0xfffffffe
  mv a3, s0
  c.sw s1, 12(a3)
  lw t0, 12(s0);        CHECK c_sw_a3_s1, t0, 0x80000001
  mv a5, s0
  c.lw a5, 0(a5);       CHECK c_lw_base_overwritten, a5, 0x80000001

  /* stack-pointer relative */
  mv s2, sp
  addi sp, sp, -256
  li a0, 0x0badcafe
  c.swsp a0, 0(sp)
  li a0, 0x600dd00d
  c.swsp a0, 252(sp)
  c.lwsp a1, 0(sp);     CHECK c_lwsp_0, a1, 0x0badcafe
  c.lwsp t1, 252(sp);   CHECK c_lwsp_252_t1, t1, 0x600dd00d
  li t2, -5
  c.swsp t2, 128(sp)
  c.lwsp ra, 128(sp);   CHECK c_lwsp_ra, ra, 0xfffffffb
  lw a2, 252(sp);       CHECK c_swsp_252_via_lw, a2, 0x600dd00d
  mv sp, s2
  .option pop
  CHECK traps, s9, 0
  FINISH

  .data
  .align 4
table:
  .word 0x80000001, 0xfffffffe
  .fill 29, 4, 0
  .word 0x7c7c7c7c
