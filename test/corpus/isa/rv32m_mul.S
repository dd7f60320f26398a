/* RV32M multiplication: mul mulh mulhsu mulhu over signed/unsigned corner operands (INT_MIN, -1,
   INT_MAX, mixed signs), checking that mulhsu treats rs1 as signed and rs2 as unsigned, plus
   rd aliasing a source. */
#include "corpus.S"
#include "corpus_trap.S"
#define s_zero zero
#define s_one s1
#define s_m1 s2
#define s_min s3
#define s_max s4
#define s_a s5
#define s_b s6
#define s_c s7
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  li s1, 1
  li s2, -1
  li s3, 0x80000000
  li s4, 0x7fffffff
  li s5, 0x12345678
  li s6, 0x9abcdef0
  li s7, 0xfffe0003
  mv a1, s_m1; mv a2, s_m1
  mul a0, a1, a2;    CHECK mul_m1_m1, a0, 0x00000001
  mulh a0, a1, a2;   CHECK mulh_m1_m1, a0, 0x00000000
  mulhsu a0, a1, a2; CHECK mulhsu_m1_m1, a0, 0xffffffff
  mulhu a0, a1, a2;  CHECK mulhu_m1_m1, a0, 0xfffffffe
  mv a1, s_min; mv a2, s_min
  mul a0, a1, a2;    CHECK mul_min_min, a0, 0x00000000
  mulh a0, a1, a2;   CHECK mulh_min_min, a0, 0x40000000
  mulhsu a0, a1, a2; CHECK mulhsu_min_min, a0, 0xc0000000
  mulhu a0, a1, a2;  CHECK mulhu_min_min, a0, 0x40000000
  mv a1, s_min; mv a2, s_m1
  mul a0, a1, a2;    CHECK mul_min_m1, a0, 0x80000000
  mulh a0, a1, a2;   CHECK mulh_min_m1, a0, 0x00000000
  mulhsu a0, a1, a2; CHECK mulhsu_min_m1, a0, 0x80000000
  mulhu a0, a1, a2;  CHECK mulhu_min_m1, a0, 0x7fffffff
  mv a1, s_m1; mv a2, s_one
  mul a0, a1, a2;    CHECK mul_m1_one, a0, 0xffffffff
  mulh a0, a1, a2;   CHECK mulh_m1_one, a0, 0xffffffff
  mulhsu a0, a1, a2; CHECK mulhsu_m1_one, a0, 0xffffffff
  mulhu a0, a1, a2;  CHECK mulhu_m1_one, a0, 0x00000000
  mv a1, s_max; mv a2, s_max
  mul a0, a1, a2;    CHECK mul_max_max, a0, 0x00000001
  mulh a0, a1, a2;   CHECK mulh_max_max, a0, 0x3fffffff
  mulhsu a0, a1, a2; CHECK mulhsu_max_max, a0, 0x3fffffff
  mulhu a0, a1, a2;  CHECK mulhu_max_max, a0, 0x3fffffff
  mv a1, s_a; mv a2, s_b
  mul a0, a1, a2;    CHECK mul_a_b, a0, 0x242d2080
  mulh a0, a1, a2;   CHECK mulh_a_b, a0, 0xf8cc93d6
  mulhsu a0, a1, a2; CHECK mulhsu_a_b, a0, 0x0b00ea4e
  mulhu a0, a1, a2;  CHECK mulhu_a_b, a0, 0x0b00ea4e
  mv a1, s_b; mv a2, s_c
  mul a0, a1, a2;    CHECK mul_b_c, a0, 0x12569cd0
  mulh a0, a1, a2;   CHECK mulh_b_c, a0, 0x0000ca85
  mulhsu a0, a1, a2; CHECK mulhsu_b_c, a0, 0x9abda975
  mulhu a0, a1, a2;  CHECK mulhu_b_c, a0, 0x9abba978
  mv a1, s_min; mv a2, s_max
  mul a0, a1, a2;    CHECK mul_min_max, a0, 0x80000000
  mulh a0, a1, a2;   CHECK mulh_min_max, a0, 0xc0000000
  mulhsu a0, a1, a2; CHECK mulhsu_min_max, a0, 0xc0000000
  mulhu a0, a1, a2;  CHECK mulhu_min_max, a0, 0x3fffffff
  mv a1, s_zero; mv a2, s_m1
  mul a0, a1, a2;    CHECK mul_zero_m1, a0, 0x00000000
  mulh a0, a1, a2;   CHECK mulh_zero_m1, a0, 0x00000000
  mulhsu a0, a1, a2; CHECK mulhsu_zero_m1, a0, 0x00000000
  mulhu a0, a1, a2;  CHECK mulhu_zero_m1, a0, 0x00000000
  mv a1, s_c; mv a2, s_c
  mul a0, a1, a2;    CHECK mul_c_c, a0, 0xfff40009
  mulh a0, a1, a2;   CHECK mulh_c_c, a0, 0x00000003
  mulhsu a0, a1, a2; CHECK mulhsu_c_c, a0, 0xfffe0006
  mulhu a0, a1, a2;  CHECK mulhu_c_c, a0, 0xfffc0009
  mv a1, s_max; mv a2, s_m1
  mul a0, a1, a2;    CHECK mul_max_m1, a0, 0x80000001
  mulh a0, a1, a2;   CHECK mulh_max_m1, a0, 0xffffffff
  mulhsu a0, a1, a2; CHECK mulhsu_max_m1, a0, 0x7ffffffe
  mulhu a0, a1, a2;  CHECK mulhu_max_m1, a0, 0x7ffffffe
  /* rd aliasing a source register */
  li a1, -7
  li a2, 3
  mulh a1, a1, a2;  CHECK mulh_rd_is_rs1, a1, 0xffffffff
  li a1, 6
  mul a1, a1, a1;   CHECK mul_rd_rs1_rs2_same, a1, 36
  mul zero, s5, s6; CHECK mul_to_x0, zero, 0
  FINISH
