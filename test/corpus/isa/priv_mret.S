/* mret semantics: MIE <- MPIE, MPIE <- 1, MPP <- U (the least-privileged mode), the new mode
   is the old MPP (shown by what traps there and by MPP in the next trap), and MPRV across an
   mret that stays in M and one that leaves it (priv 1.12 says the latter clears MPRV; QEMU 7.2
   keeps it, as the output shows). Printed: mstatus masked to SIE MIE SPIE MPIE SPP MPP MPRV
   (0x000219aa). */
#include "corpus.S"
#include "corpus_trap.S"
#define FIELDS 0x000219aa

/* mstatus = (mstatus & ~FIELDS) | \value; mepc = \target; mret */
.macro MRET_WITH value, target
  li t0, FIELDS
  csrc mstatus, t0
  li t0, \value
  csrs mstatus, t0
  la t0, \target
  csrw mepc, t0
  mret
.endm

.macro SHOW_MSTATUS name
  csrr t1, mstatus
  li t0, FIELDS
  and t1, t1, t0
  PRINT \name, t1
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  PMP_OPEN
  /* M -> M: MPIE=1 MIE=0 -> MIE=1, MPIE=1, MPP=U */
  MRET_WITH 0x00001880, 1f
1: SHOW_MSTATUS m_to_m_mpie1
  csrci mstatus, 8
  /* M -> M with MPIE=0: MIE=0, MPIE=1 */
  MRET_WITH 0x00001808, 2f
2: SHOW_MSTATUS m_to_m_mpie0_mie1
  csrci mstatus, 8
  /* M -> M keeps MPRV (MPP=M before, U after: so clear MPRV before touching memory) */
  MRET_WITH 0x00021800, 3f
3: csrr t1, mstatus
  li t0, 0x20000
  csrc mstatus, t0
  li t0, FIELDS
  and t1, t1, t0
  PRINT m_to_m_keeps_mprv, t1

  /* M -> S with MPRV set; the next trap shows where we were, MIE there, and MPRV */
  MRET_WITH 0x00020880, supervisor
supervisor:
  EXPECT_AT 4f
4: csrr t1, mstatus          /* traps: we are in S */
  csrr t1, sstatus           /* legal in S */
  BACK_TO_M back_from_s
back_from_s:
  LAST_TRAP_MSTATUS t1
  li t0, FIELDS
  and t1, t1, t0
  PRINT trap_from_s_mstatus, t1

  /* M -> U with MPIE=0 and MPRV set */
  MRET_WITH 0x00020000, user
user:
  EXPECT_AT 5f
5: csrr t1, sstatus          /* traps: we are in U */
  BACK_TO_M back_from_u
back_from_u:
  LAST_TRAP_MSTATUS t1
  li t0, FIELDS
  and t1, t1, t0
  PRINT trap_from_u_mstatus, t1
  SHOW_MSTATUS after_handler_mret_to_m
  csrci mstatus, 8
  li t0, 0x20000
  csrc mstatus, t0
  PRINT traps_total, s9
  FINISH
