/* RV32A atomic memory operations: every amo*.w (swap add xor and or min max minu maxu) on
   negative/positive operand pairs (signed vs unsigned ordering), with and without aq/rl;
   rd gets the old value, memory the result; rd = x0, rd = rs2 and the address register
   unchanged. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  la s0, cell
  li t0, 0xfffffff0; sw t0, 0(s0); li a2, 0x00000010
  amoswap.w a0, a2, (s0)
  CHECK amoswap_fffffff0_00000010_old, a0, 0xfffffff0
  lw a1, 0(s0); CHECK amoswap_fffffff0_00000010_new, a1, 0x00000010
  li t0, 0x00000010; sw t0, 0(s0); li a2, 0xfffffff0
  amoswap.w.aq a0, a2, (s0)
  CHECK amoswap_aq_00000010_fffffff0_old, a0, 0x00000010
  lw a1, 0(s0); CHECK amoswap_00000010_fffffff0_new, a1, 0xfffffff0
  li t0, 0x80000000; sw t0, 0(s0); li a2, 0x7fffffff
  amoswap.w.rl a0, a2, (s0)
  CHECK amoswap_rl_80000000_7fffffff_old, a0, 0x80000000
  lw a1, 0(s0); CHECK amoswap_80000000_7fffffff_new, a1, 0x7fffffff
  li t0, 0x7fffffff; sw t0, 0(s0); li a2, 0x80000000
  amoswap.w.aqrl a0, a2, (s0)
  CHECK amoswap_aqrl_7fffffff_80000000_old, a0, 0x7fffffff
  lw a1, 0(s0); CHECK amoswap_7fffffff_80000000_new, a1, 0x80000000
  li t0, 0xfffffff0; sw t0, 0(s0); li a2, 0x00000010
  amoadd.w a0, a2, (s0)
  CHECK amoadd_fffffff0_00000010_old, a0, 0xfffffff0
  lw a1, 0(s0); CHECK amoadd_fffffff0_00000010_new, a1, 0x00000000
  li t0, 0x00000010; sw t0, 0(s0); li a2, 0xfffffff0
  amoadd.w.aq a0, a2, (s0)
  CHECK amoadd_aq_00000010_fffffff0_old, a0, 0x00000010
  lw a1, 0(s0); CHECK amoadd_00000010_fffffff0_new, a1, 0x00000000
  li t0, 0x80000000; sw t0, 0(s0); li a2, 0x7fffffff
  amoadd.w.rl a0, a2, (s0)
  CHECK amoadd_rl_80000000_7fffffff_old, a0, 0x80000000
  lw a1, 0(s0); CHECK amoadd_80000000_7fffffff_new, a1, 0xffffffff
  li t0, 0x7fffffff; sw t0, 0(s0); li a2, 0x80000000
  amoadd.w.aqrl a0, a2, (s0)
  CHECK amoadd_aqrl_7fffffff_80000000_old, a0, 0x7fffffff
  lw a1, 0(s0); CHECK amoadd_7fffffff_80000000_new, a1, 0xffffffff
  li t0, 0xfffffff0; sw t0, 0(s0); li a2, 0x00000010
  amoxor.w a0, a2, (s0)
  CHECK amoxor_fffffff0_00000010_old, a0, 0xfffffff0
  lw a1, 0(s0); CHECK amoxor_fffffff0_00000010_new, a1, 0xffffffe0
  li t0, 0x00000010; sw t0, 0(s0); li a2, 0xfffffff0
  amoxor.w.aq a0, a2, (s0)
  CHECK amoxor_aq_00000010_fffffff0_old, a0, 0x00000010
  lw a1, 0(s0); CHECK amoxor_00000010_fffffff0_new, a1, 0xffffffe0
  li t0, 0x80000000; sw t0, 0(s0); li a2, 0x7fffffff
  amoxor.w.rl a0, a2, (s0)
  CHECK amoxor_rl_80000000_7fffffff_old, a0, 0x80000000
  lw a1, 0(s0); CHECK amoxor_80000000_7fffffff_new, a1, 0xffffffff
  li t0, 0x7fffffff; sw t0, 0(s0); li a2, 0x80000000
  amoxor.w.aqrl a0, a2, (s0)
  CHECK amoxor_aqrl_7fffffff_80000000_old, a0, 0x7fffffff
  lw a1, 0(s0); CHECK amoxor_7fffffff_80000000_new, a1, 0xffffffff
  li t0, 0xfffffff0; sw t0, 0(s0); li a2, 0x00000010
  amoand.w a0, a2, (s0)
  CHECK amoand_fffffff0_00000010_old, a0, 0xfffffff0
  lw a1, 0(s0); CHECK amoand_fffffff0_00000010_new, a1, 0x00000010
  li t0, 0x00000010; sw t0, 0(s0); li a2, 0xfffffff0
  amoand.w.aq a0, a2, (s0)
  CHECK amoand_aq_00000010_fffffff0_old, a0, 0x00000010
  lw a1, 0(s0); CHECK amoand_00000010_fffffff0_new, a1, 0x00000010
  li t0, 0x80000000; sw t0, 0(s0); li a2, 0x7fffffff
  amoand.w.rl a0, a2, (s0)
  CHECK amoand_rl_80000000_7fffffff_old, a0, 0x80000000
  lw a1, 0(s0); CHECK amoand_80000000_7fffffff_new, a1, 0x00000000
  li t0, 0x7fffffff; sw t0, 0(s0); li a2, 0x80000000
  amoand.w.aqrl a0, a2, (s0)
  CHECK amoand_aqrl_7fffffff_80000000_old, a0, 0x7fffffff
  lw a1, 0(s0); CHECK amoand_7fffffff_80000000_new, a1, 0x00000000
  li t0, 0xfffffff0; sw t0, 0(s0); li a2, 0x00000010
  amoor.w a0, a2, (s0)
  CHECK amoor_fffffff0_00000010_old, a0, 0xfffffff0
  lw a1, 0(s0); CHECK amoor_fffffff0_00000010_new, a1, 0xfffffff0
  li t0, 0x00000010; sw t0, 0(s0); li a2, 0xfffffff0
  amoor.w.aq a0, a2, (s0)
  CHECK amoor_aq_00000010_fffffff0_old, a0, 0x00000010
  lw a1, 0(s0); CHECK amoor_00000010_fffffff0_new, a1, 0xfffffff0
  li t0, 0x80000000; sw t0, 0(s0); li a2, 0x7fffffff
  amoor.w.rl a0, a2, (s0)
  CHECK amoor_rl_80000000_7fffffff_old, a0, 0x80000000
  lw a1, 0(s0); CHECK amoor_80000000_7fffffff_new, a1, 0xffffffff
  li t0, 0x7fffffff; sw t0, 0(s0); li a2, 0x80000000
  amoor.w.aqrl a0, a2, (s0)
  CHECK amoor_aqrl_7fffffff_80000000_old, a0, 0x7fffffff
  lw a1, 0(s0); CHECK amoor_7fffffff_80000000_new, a1, 0xffffffff
  li t0, 0xfffffff0; sw t0, 0(s0); li a2, 0x00000010
  amomin.w a0, a2, (s0)
  CHECK amomin_fffffff0_00000010_old, a0, 0xfffffff0
  lw a1, 0(s0); CHECK amomin_fffffff0_00000010_new, a1, 0xfffffff0
  li t0, 0x00000010; sw t0, 0(s0); li a2, 0xfffffff0
  amomin.w.aq a0, a2, (s0)
  CHECK amomin_aq_00000010_fffffff0_old, a0, 0x00000010
  lw a1, 0(s0); CHECK amomin_00000010_fffffff0_new, a1, 0xfffffff0
  li t0, 0x80000000; sw t0, 0(s0); li a2, 0x7fffffff
  amomin.w.rl a0, a2, (s0)
  CHECK amomin_rl_80000000_7fffffff_old, a0, 0x80000000
  lw a1, 0(s0); CHECK amomin_80000000_7fffffff_new, a1, 0x80000000
  li t0, 0x7fffffff; sw t0, 0(s0); li a2, 0x80000000
  amomin.w.aqrl a0, a2, (s0)
  CHECK amomin_aqrl_7fffffff_80000000_old, a0, 0x7fffffff
  lw a1, 0(s0); CHECK amomin_7fffffff_80000000_new, a1, 0x80000000
  li t0, 0xfffffff0; sw t0, 0(s0); li a2, 0x00000010
  amomax.w a0, a2, (s0)
  CHECK amomax_fffffff0_00000010_old, a0, 0xfffffff0
  lw a1, 0(s0); CHECK amomax_fffffff0_00000010_new, a1, 0x00000010
  li t0, 0x00000010; sw t0, 0(s0); li a2, 0xfffffff0
  amomax.w.aq a0, a2, (s0)
  CHECK amomax_aq_00000010_fffffff0_old, a0, 0x00000010
  lw a1, 0(s0); CHECK amomax_00000010_fffffff0_new, a1, 0x00000010
  li t0, 0x80000000; sw t0, 0(s0); li a2, 0x7fffffff
  amomax.w.rl a0, a2, (s0)
  CHECK amomax_rl_80000000_7fffffff_old, a0, 0x80000000
  lw a1, 0(s0); CHECK amomax_80000000_7fffffff_new, a1, 0x7fffffff
  li t0, 0x7fffffff; sw t0, 0(s0); li a2, 0x80000000
  amomax.w.aqrl a0, a2, (s0)
  CHECK amomax_aqrl_7fffffff_80000000_old, a0, 0x7fffffff
  lw a1, 0(s0); CHECK amomax_7fffffff_80000000_new, a1, 0x7fffffff
  li t0, 0xfffffff0; sw t0, 0(s0); li a2, 0x00000010
  amominu.w a0, a2, (s0)
  CHECK amominu_fffffff0_00000010_old, a0, 0xfffffff0
  lw a1, 0(s0); CHECK amominu_fffffff0_00000010_new, a1, 0x00000010
  li t0, 0x00000010; sw t0, 0(s0); li a2, 0xfffffff0
  amominu.w.aq a0, a2, (s0)
  CHECK amominu_aq_00000010_fffffff0_old, a0, 0x00000010
  lw a1, 0(s0); CHECK amominu_00000010_fffffff0_new, a1, 0x00000010
  li t0, 0x80000000; sw t0, 0(s0); li a2, 0x7fffffff
  amominu.w.rl a0, a2, (s0)
  CHECK amominu_rl_80000000_7fffffff_old, a0, 0x80000000
  lw a1, 0(s0); CHECK amominu_80000000_7fffffff_new, a1, 0x7fffffff
  li t0, 0x7fffffff; sw t0, 0(s0); li a2, 0x80000000
  amominu.w.aqrl a0, a2, (s0)
  CHECK amominu_aqrl_7fffffff_80000000_old, a0, 0x7fffffff
  lw a1, 0(s0); CHECK amominu_7fffffff_80000000_new, a1, 0x7fffffff
  li t0, 0xfffffff0; sw t0, 0(s0); li a2, 0x00000010
  amomaxu.w a0, a2, (s0)
  CHECK amomaxu_fffffff0_00000010_old, a0, 0xfffffff0
  lw a1, 0(s0); CHECK amomaxu_fffffff0_00000010_new, a1, 0xfffffff0
  li t0, 0x00000010; sw t0, 0(s0); li a2, 0xfffffff0
  amomaxu.w.aq a0, a2, (s0)
  CHECK amomaxu_aq_00000010_fffffff0_old, a0, 0x00000010
  lw a1, 0(s0); CHECK amomaxu_00000010_fffffff0_new, a1, 0xfffffff0
  li t0, 0x80000000; sw t0, 0(s0); li a2, 0x7fffffff
  amomaxu.w.rl a0, a2, (s0)
  CHECK amomaxu_rl_80000000_7fffffff_old, a0, 0x80000000
  lw a1, 0(s0); CHECK amomaxu_80000000_7fffffff_new, a1, 0x80000000
  li t0, 0x7fffffff; sw t0, 0(s0); li a2, 0x80000000
  amomaxu.w.aqrl a0, a2, (s0)
  CHECK amomaxu_aqrl_7fffffff_80000000_old, a0, 0x7fffffff
  lw a1, 0(s0); CHECK amomaxu_7fffffff_80000000_new, a1, 0x80000000
  /* rd = x0: memory is still updated */
  li t0, 5; sw t0, 0(s0); li a2, 7
  amoadd.w zero, a2, (s0)
  lw a1, 0(s0); CHECK amoadd_rd_x0, a1, 12
  /* rd = rs2: the old value lands in rd, the store uses the old rs2 */
  li t0, 0x100; sw t0, 0(s0); li a2, 0x23
  amoswap.w a2, a2, (s0)
  CHECK amoswap_rd_is_rs2_old, a2, 0x100
  lw a1, 0(s0); CHECK amoswap_rd_is_rs2_mem, a1, 0x23
  /* rd = rs1: the address register receives the old value */
  la a3, cell
  li t0, 0x77; sw t0, 0(s0); li a2, 1
  amoor.w a3, a2, (a3)
  CHECK amoor_rd_is_rs1, a3, 0x77
  lw a1, 0(s0); CHECK amoor_rd_is_rs1_mem, a1, 0x77
  /* neighbouring words are untouched */
  lw a1, -4(s0); CHECK guard_before, a1, 0xdeadbeef
  lw a1, 4(s0);  CHECK guard_after, a1, 0xfeedf00d
  CHECK traps, s9, 0
  FINISH

  .data
  .align 4
  .word 0xdeadbeef
cell: .word 0
  .word 0xfeedf00d
