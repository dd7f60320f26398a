/* Privileged instructions executed below their level raise illegal instruction with mtval =
   the instruction: mret from S and U, sret from U, sfence.vma / wfi / hfence.* from U,
   and the ones that are legal in S (sfence.vma and hfence.* in HS with TVM = 0). hlv.* from U
   is left out: QEMU 7.2 reports a stale mtval (the previous illegal instruction's bits). */
#include "corpus.S"
#include "corpus_trap.S"

/* execute the raw instruction \word, printing how many traps it took */
.macro TRY word, name
  mv t2, s9
  EXPECT_AT .Ltry\@
.Ltry\@: .word \word
  sub t2, s9, t2
  PRINT \name\()_trapped, t2
.endm

#define MRET        0x30200073
#define SRET        0x10200073
#define WFI         0x10500073
#define SFENCE_VMA  0x12000073
#define HFENCE_VVMA 0x22000073
#define HFENCE_GVMA 0x62000073

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  PMP_OPEN
  la a0, scratch
  ENTER_MODE MODE_S, supervisor
supervisor:
  TRY MRET, s_mret
  TRY SFENCE_VMA, s_sfence_vma
  TRY HFENCE_VVMA, s_hfence_vvma
  TRY HFENCE_GVMA, s_hfence_gvma
  BACK_TO_M to_user
to_user:
  la a0, scratch
  ENTER_MODE MODE_U, user
user:
  TRY MRET, u_mret
  TRY SRET, u_sret
  TRY WFI, u_wfi
  TRY SFENCE_VMA, u_sfence_vma
  TRY HFENCE_VVMA, u_hfence_vvma
  TRY HFENCE_GVMA, u_hfence_gvma
  BACK_TO_M done
done:
  PRINT traps_total, s9
  FINISH

  .data
scratch: .word 0x5a5a5a5a
