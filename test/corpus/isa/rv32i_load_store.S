/* RV32I loads and stores: lb lh lw lbu lhu (sign and zero extension), sb sh sw (partial
   writes, little-endian byte order), positive/negative offsets and a load into x0. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  la s0, data
  lw a0, 0(s0);    CHECK lw, a0, 0x8192a3b4
  lb a0, 0(s0);    CHECK lb_b4, a0, 0xffffffb4
  lb a0, 1(s0);    CHECK lb_a3, a0, 0xffffffa3
  lb a0, 4(s0);    CHECK lb_7f, a0, 0x0000007f
  lbu a0, 3(s0);   CHECK lbu_81, a0, 0x00000081
  lh a0, 0(s0);    CHECK lh_a3b4, a0, 0xffffa3b4
  lh a0, 2(s0);    CHECK lh_8192, a0, 0xffff8192
  lh a0, 4(s0);    CHECK lh_pos, a0, 0x0000007f
  lhu a0, 2(s0);   CHECK lhu_8192, a0, 0x00008192
  addi s1, s0, 8
  lw a0, -4(s1);   CHECK lw_negative_offset, a0, 0x0000007f
  lw a0, -8(s1);   CHECK lw_negative_offset8, a0, 0x8192a3b4
  lw zero, 0(s0);  CHECK load_x0, zero, 0

  la s1, scratch
  li t0, 0x11223344
  sw t0, 0(s1)
  li t1, 0xaabbccee
  sb t1, 1(s1);    lw a0, 0(s1); CHECK sb_offset1, a0, 0x1122ee44
  sh t1, 2(s1);    lw a0, 0(s1); CHECK sh_offset2, a0, 0xcceeee44
  li t1, -1
  sb t1, 0(s1);    lw a0, 0(s1); CHECK sb_byte0, a0, 0xcceeeeff
  sw zero, 4(s1)
  sh t1, 4(s1);    lw a0, 4(s1); CHECK sh_halfword0, a0, 0x0000ffff
  sw t0, -4(s1);   lw a0, -4(s1); CHECK sw_negative_offset, a0, 0x11223344
  /* store data reads back through every width */
  li t0, 0x80ff7f01
  sw t0, 8(s1)
  lbu a0, 8(s1);   CHECK lbu0, a0, 0x01
  lbu a0, 9(s1);   CHECK lbu1, a0, 0x7f
  lb a0, 10(s1);   CHECK lb2, a0, 0xffffffff
  lb a0, 11(s1);   CHECK lb3, a0, 0xffffff80
  lhu a0, 10(s1);  CHECK lhu_hi, a0, 0x80ff
  /* a load that overwrites its own base register */
  mv a0, s0
  lw a0, 0(a0);    CHECK lw_base_overwrite, a0, 0x8192a3b4
  CHECK traps, s9, 0
  FINISH

  .data
  .align 4
data: .word 0x8192a3b4, 0x0000007f
  .word 0
scratch_before: .word 0
scratch: .space 16
