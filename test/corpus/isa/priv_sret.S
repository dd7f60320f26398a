/* sret semantics: SIE <- SPIE, SPIE <- 1, SPP <- U, new mode = old SPP; legal in M (returns
   to SPP's mode) and in S (mstatus.TSR = 0); MPRV across an sret from M. Printed: sstatus or
   mstatus masked to SIE SPIE SPP (0x122) and, from M, MPP/MPRV too. */
#include "corpus.S"
#include "corpus_trap.S"
#define SFIELDS 0x00000122

/* sstatus = (sstatus & ~SFIELDS) | \value; sepc = \target; sret */
.macro SRET_WITH value, target
  li t0, SFIELDS
  csrc sstatus, t0
  li t0, \value
  csrs sstatus, t0
  la t0, \target
  csrw sepc, t0
  sret
.endm

.macro SHOW_SSTATUS name
  csrr t1, sstatus
  andi t1, t1, SFIELDS
  PRINT \name, t1
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  PMP_OPEN
  /* from M: SPP=S, SPIE=1 -> S with SIE=1; MPRV set beforehand */
  li t0, 0x20000
  csrs mstatus, t0
  SRET_WITH 0x120, s1
s1:
  SHOW_SSTATUS m_sret_to_s
  EXPECT_AT 1f
1: csrr t1, mscratch         /* traps: we are in S */
  /* S -> S: SPP=S, SPIE=0, SIE=1 -> SIE=0 */
  SRET_WITH 0x102, s2
s2:
  SHOW_SSTATUS s_sret_to_s_spie0
  /* S -> U: SPP=U, SPIE=1 */
  SRET_WITH 0x020, u1
u1:
  EXPECT_AT 2f
2: csrr t1, sstatus          /* traps: we are in U */
  BACK_TO_M m1
m1:
  LAST_TRAP_MSTATUS t1
  li t0, 0x000219aa
  and t1, t1, t0
  PRINT trap_from_u_mstatus, t1
  csrr t1, mstatus
  srli t1, t1, 17
  andi t1, t1, 1
  PRINT mprv_after_sret_from_m, t1
  li t0, 0x20000
  csrc mstatus, t0
  /* from M with SPP=U */
  SRET_WITH 0x000, u2
u2:
  EXPECT_AT 3f
3: csrr t1, sstatus          /* traps: we are in U */
  BACK_TO_M done
done:
  PRINT traps_total, s9
  FINISH
