/* RV32I immediate ALU and upper-immediate forms: addi slti sltiu xori ori andi slli srli srai
   lui auipc, with 12-bit sign extension (-2048, 2047), sltiu's sign-extended immediate and
   auipc relative to its own pc. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  li s0, 0x80000000
  li s1, 0x7fffffff
  li s3, 0x12345678

  addi a0, zero, 2047;  CHECK addi_max, a0, 0x000007ff
  addi a0, zero, -2048; CHECK addi_min, a0, 0xfffff800
  addi a0, s1, 1;       CHECK addi_overflow, a0, 0x80000000
  addi a0, s0, -1;      CHECK addi_underflow, a0, 0x7fffffff
  addi zero, s3, 1;     CHECK addi_x0_rd, zero, 0

  slti a0, s0, 0;       CHECK slti_min_0, a0, 1
  slti a0, s3, -1;      CHECK slti_pos_m1, a0, 0
  slti a0, zero, 1;     CHECK slti_0_1, a0, 1
  li a1, -2049
  slti a0, a1, -2048;   CHECK slti_below_min, a0, 1
  sltiu a0, s3, -1;     CHECK sltiu_m1_is_max, a0, 1
  li a1, -1
  sltiu a0, a1, -1;     CHECK sltiu_equal, a0, 0
  sltiu a0, zero, 1;    CHECK seqz_0, a0, 1
  sltiu a0, s3, 1;      CHECK seqz_nonzero, a0, 0

  xori a0, s3, -1;      CHECK xori_not, a0, 0xedcba987
  xori a0, s3, 0x0ff;   CHECK xori, a0, 0x12345687
  xori a0, s3, -2048;   CHECK xori_sext, a0, 0xedcbae78
  ori a0, s3, 0x700;    CHECK ori, a0, 0x12345778
  ori a0, zero, -2048;  CHECK ori_sext, a0, 0xfffff800
  andi a0, s3, 0x0f0;   CHECK andi, a0, 0x00000070
  andi a0, s3, -16;     CHECK andi_sext, a0, 0x12345670

  slli a0, s3, 0;       CHECK slli_0, a0, 0x12345678
  slli a0, s3, 1;       CHECK slli_1, a0, 0x2468acf0
  slli a0, s3, 31;      CHECK slli_31, a0, 0
  srli a0, s0, 31;      CHECK srli_31, a0, 1
  srli a0, s3, 8;       CHECK srli_8, a0, 0x00123456
  srai a0, s0, 31;      CHECK srai_31, a0, 0xffffffff
  srai a0, s0, 1;       CHECK srai_1, a0, 0xc0000000
  srai a0, s1, 30;      CHECK srai_pos, a0, 1

  lui a0, 0xfffff;      CHECK lui_max, a0, 0xfffff000
  lui a0, 0x80000;      CHECK lui_sign, a0, 0x80000000
  lui a0, 0;            CHECK lui_0, a0, 0
  lui a0, 0x12345
  addi a0, a0, 0x678;   CHECK lui_addi, a0, 0x12345678
  lui a0, 0x12346
  addi a0, a0, -0x788;  CHECK lui_addi_neg, a0, 0x12345878

  /* auipc: results relative to the instruction's own address */
1: auipc a0, 0
  la a1, 1b
  sub a0, a0, a1;       CHECK auipc_0, a0, 0
2: auipc a0, 0x1
  la a1, 2b
  sub a0, a0, a1;       CHECK auipc_4096, a0, 0x1000
3: auipc a0, 0xfffff
  la a1, 3b
  sub a0, a0, a1;       CHECK auipc_minus4096, a0, 0xfffff000
4: auipc a0, 0x80000
  la a1, 4b
  sub a0, a0, a1;       CHECK auipc_wraps, a0, 0x80000000
  FINISH
