/* RV32C integer computational instructions, each executed and checked: c.li c.lui c.addi
   c.addi16sp c.addi4spn c.slli c.srli c.srai c.andi c.mv c.add c.sub c.xor c.or c.and c.nop,
   with immediate extremes (sign extension of 6-bit immediates, c.lui's upper range, the
   scaled c.addi4spn/c.addi16sp ranges), and the HINT encodings (rd = x0, shamt = 0, imm = 0)
   that must execute as no-ops. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  .option push
  .option rvc
  c.li a0, 31;          CHECK c_li_max, a0, 31
  c.li a0, -32;         CHECK c_li_min, a0, 0xffffffe0
  c.li a0, 0;           CHECK c_li_zero, a0, 0
  c.lui a1, 1;          CHECK c_lui_1, a1, 0x00001000
  c.lui a1, 0x1f;       CHECK c_lui_max_positive, a1, 0x0001f000
  c.lui a1, 0xfffe0;    CHECK c_lui_min_negative, a1, 0xfffe0000
  c.lui a1, 0xfffff;    CHECK c_lui_minus1, a1, 0xfffff000
  li a2, 100
  c.addi a2, 31;        CHECK c_addi_max, a2, 131
  c.addi a2, -32;       CHECK c_addi_min, a2, 99
  li a2, -1
  c.addi a2, 1;         CHECK c_addi_wrap, a2, 0

  /* sp-relative forms */
  mv s2, sp
  c.addi16sp sp, 496;   sub a0, sp, s2; CHECK c_addi16sp_max, a0, 496
  c.addi16sp sp, -512;  sub a0, sp, s2; CHECK c_addi16sp_min_net, a0, 0xfffffff0
  c.addi16sp sp, 16;    sub a0, sp, s2; CHECK c_addi16sp_back, a0, 0
  c.addi4spn a3, sp, 4;    sub a0, a3, sp; CHECK c_addi4spn_min, a0, 4
  c.addi4spn a3, sp, 1020; sub a0, a3, sp; CHECK c_addi4spn_max, a0, 1020
  c.addi4spn s0, sp, 512;  sub a0, s0, sp; CHECK c_addi4spn_s0, a0, 512

  /* shifts */
  li a4, 0x80000001
  mv a5, a4
  c.slli a5, 1;         CHECK c_slli_1, a5, 0x00000002
  mv a5, a4
  c.slli a5, 31;        CHECK c_slli_31, a5, 0x80000000
  mv a5, a4
  c.srli a5, 1;         CHECK c_srli_1, a5, 0x40000000
  mv a5, a4
  c.srli a5, 31;        CHECK c_srli_31, a5, 0x00000001
  mv a5, a4
  c.srai a5, 1;         CHECK c_srai_1, a5, 0xc0000000
  mv a5, a4
  c.srai a5, 31;        CHECK c_srai_31, a5, 0xffffffff
  li s1, 0x7ffffff0
  c.srai s1, 4;         CHECK c_srai_positive, s1, 0x07ffffff
  /* c.andi sign-extends */
  li a5, 0x12345678
  c.andi a5, -8;        CHECK c_andi_neg, a5, 0x12345678
  li a5, 0x12345678
  c.andi a5, 0x1f;      CHECK c_andi_pos, a5, 0x00000018
  li a5, 0x12345678
  c.andi a5, -32;       CHECK c_andi_min, a5, 0x12345660

  /* register-register */
  li a0, 0x0ff00ff0
  li a1, 0x00ffff00
  c.mv a2, a0;          CHECK c_mv, a2, 0x0ff00ff0
  mv a2, a0
  c.add a2, a1;         CHECK c_add, a2, 0x10f00ef0
  mv a3, a0
  c.sub a3, a1;         CHECK c_sub, a3, 0x0ef010f0
  mv a3, a0
  c.xor a3, a1;         CHECK c_xor, a3, 0x0f0ff0f0
  mv a3, a0
  c.or a3, a1;          CHECK c_or, a3, 0x0ffffff0
  mv a3, a0
  c.and a3, a1;         CHECK c_and, a3, 0x00f00f00
  li s0, 5
  li s1, 7
  c.sub s0, s1;         CHECK c_sub_negative, s0, 0xfffffffe
  c.add s1, s1;         CHECK c_add_same, s1, 14
  c.nop

  /* HINTs: architecturally no-ops */
  li a0, 0x5a
  .half 0x0005          /* c.nop with imm = 1 */
  .half 0x4015          /* c.li x0, 5 */
  .half 0x6005          /* c.lui x0, 1 */
  .half 0x802a          /* c.mv x0, a0 */
  .half 0x902a          /* c.add x0, a0 */
  .half 0x0006          /* c.slli x0, 1 */
  .half 0x0502          /* c.slli a0, 0 */
  .half 0x0501          /* c.addi a0, 0 */
  .half 0x8101          /* c.srli a0, 0 */
  .half 0x8501          /* c.srai a0, 0 */
  CHECK after_hints, a0, 0x5a
  .option pop
  CHECK traps, s9, 0
  FINISH
