/* RV32C control transfer: c.j (forward and backward), c.jal (RV32 only; link = pc + 2),
   c.jr, c.jalr (link = pc + 2, target register read before the link is written when rs1 =
   ra), c.beqz/c.bnez taken and not taken (negative values are non-zero), plus 32-bit
   instructions, auipc and jal at 2-mod-4 addresses. */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  .option push
  .option rvc
  li a0, 0
  c.j 1f
  li a0, 0xbad
1: CHECK c_j_forward, a0, 0
  li a1, 3
  li a0, 0
2: c.addi a0, 1
  c.addi a1, -1
  c.bnez a1, 2b
  CHECK c_bnez_backward_loop, a0, 3
  li a1, -1
  li a0, 0
  c.beqz a1, 3f
  c.li a0, 1
3: CHECK c_beqz_negative_not_taken, a0, 1
  li a1, 0
  li a0, 0
  c.beqz a1, 4f
  c.li a0, 1
4: CHECK c_beqz_zero_taken, a0, 0
  li a0, 0
  c.bnez a1, 5f
  c.li a0, 1
5: CHECK c_bnez_zero_not_taken, a0, 1

  /* c.jal: link = address of c.jal + 2 */
  c.jal 6f
7: c.j 8f
6: la a2, 7b
  sub a2, ra, a2;       CHECK c_jal_link, a2, 0
  c.jr ra
8:
  /* c.jalr and c.jr */
  la a3, 9f
  c.jalr a3
10: c.j 11f
9: la a2, 10b
  sub a2, ra, a2;       CHECK c_jalr_link, a2, 0
  c.jr ra
11:
  /* c.jalr ra: jump to the old ra, then link */
  la ra, 12f
  c.jalr ra
13: c.j 14f
12: la a2, 13b
  sub a2, ra, a2;       CHECK c_jalr_ra_link, a2, 0
  c.jr ra
14:
  /* c.j backward over a 32-bit instruction */
  li a0, 0
  c.j 16f
15: c.addi a0, 2
  c.j 17f
16: .option norvc
  addi a0, a0, 1
  .option rvc
  c.j 15b
17: CHECK c_j_backward, a0, 3

  /* a 32-bit auipc/jal at an address that is 2 mod 4 */
  .balign 4
  c.nop
18: auipc a4, 0
  la a5, 18b
  sub a4, a4, a5;       CHECK auipc_at_2_mod_4, a4, 0
  andi a5, a5, 3;       CHECK auipc_address_mod_4, a5, 2
  .option norvc
  .balign 4
  .half 0x0001          /* c.nop */
19: jal ra, 20f
  .option rvc
  c.j 21f
20: la a5, 19b
  sub a5, ra, a5;       CHECK jal_link_at_2_mod_4, a5, 4
  ret
21:
  .option pop
  CHECK traps, s9, 0
  FINISH
