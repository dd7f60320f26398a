/* Zicntr: cycle/time/instret and their ...h halves. Values differ between emulators, so only
   properties are printed: readable in M; instret and cycle advance by at least the number of
   instructions of a loop; a stopped (mcountinhibit) counter does not move; a written
   mcycle/minstret reads back close to the written value; time never goes backwards; the
   user CSRs are read-only (writes trap); and access from S/U is governed by mcounteren and
   scounteren bit by bit (a trap line shows each denied read). */
#include "corpus.S"
#include "corpus_trap.S"

/* a0 = 1 if \csr advanced by at least \least between two reads around a 1000-iteration loop:
   li + 1000 x (addi, bnez) = 2001 instructions, plus the first csrr itself */
.macro ADVANCES csr, least
  csrr t1, \csr
  li t0, 1000
.Lloop\@: addi t0, t0, -1
  bnez t0, .Lloop\@
  csrr t2, \csr
  sub t2, t2, t1
  li t0, \least
  sltu a0, t2, t0
  xori a0, a0, 1
.endm

/* print 1 if reading \csr did not trap */
.macro READABLE csr, name
  mv t2, s9
  EXPECT_AT .Lread\@
.Lread\@: csrr t1, \csr
  sub t2, s9, t2
  seqz t2, t2
  PRINT \name, t2
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  PMP_OPEN
  ADVANCES instret, 2001;  CHECK instret_advances_2001, a0, 1
  ADVANCES minstret, 2001; CHECK minstret_advances_2001, a0, 1
  ADVANCES cycle, 1;       CHECK cycle_advances, a0, 1
  ADVANCES mcycle, 1;      CHECK mcycle_advances, a0, 1
  /* time is monotonic (the signed difference of two reads is not negative) */
  csrr t1, time
  csrr t2, time
  sub t2, t2, t1
  slt a0, t2, zero;        CHECK time_went_backwards, a0, 0
  /* 64-bit reads: the high half is stable across a low read */
  csrr a1, cycleh
  csrr a2, cycle
  csrr a3, cycleh
  sltu a0, a3, a1
  CHECK cycleh_went_backwards, a0, 0
  csrr a1, instreth
  csrr a2, timeh
  csrr a3, minstreth
  csrr a2, mcycleh

  /* inhibit */
  csrwi mcountinhibit, 5
  ADVANCES mcycle, 1;      CHECK mcycle_inhibited_stands_still, a0, 0
  ADVANCES minstret, 1;    CHECK minstret_inhibited_stands_still, a0, 0
  csrwi mcountinhibit, 0
  ADVANCES minstret, 2001; CHECK minstret_runs_again, a0, 1

  /* writes: the counter continues from the written value */
  li t1, 0x40000000
  csrw minstret, t1
  csrw minstreth, zero
  csrr a0, minstret
  sub a0, a0, t1
  li t0, 0x10000000           /* QEMU counts host ticks: allow ~0.1 s of preemption */
  sltu a0, a0, t0;         CHECK minstret_near_written_value, a0, 1
  csrr a0, minstreth;      CHECK minstreth_written, a0, 0
  csrw mcycle, t1
  csrr a0, mcycle
  sub a0, a0, t1
  sltu a0, a0, t0;         CHECK mcycle_near_written_value, a0, 1
  li t1, 0x12
  csrw mcycleh, t1
  csrr a0, mcycleh;        CHECK mcycleh_written, a0, 0x12
  csrr a0, cycleh;         CHECK cycleh_mirrors_mcycleh, a0, 0x12
  csrw mcycleh, zero

  /* the user-level counters are read-only */
  EXPECT_AT 1f
1: csrw cycle, zero
  EXPECT_AT 2f
2: csrw instret, zero
  EXPECT_AT 3f
3: csrw time, zero
  EXPECT_AT 4f
4: csrwi timeh, 1

  /* S-mode access through mcounteren */
  csrw mcounteren, zero
  csrw scounteren, zero
  ENTER_MODE MODE_S, s_none
s_none:
  READABLE cycle, s_cycle_mcounteren_0
  READABLE time, s_time_mcounteren_0
  READABLE instret, s_instret_mcounteren_0
  READABLE hpmcounter3, s_hpmcounter3_mcounteren_0
  BACK_TO_M m1
m1:
  csrwi mcounteren, 0x5          /* CY and IR, not TM */
  ENTER_MODE MODE_S, s_cy_ir
s_cy_ir:
  READABLE cycle, s_cycle_mcounteren_5
  READABLE cycleh, s_cycleh_mcounteren_5
  READABLE time, s_time_mcounteren_5
  READABLE instret, s_instret_mcounteren_5
  BACK_TO_M m2
m2:
  li t0, -1
  csrw mcounteren, t0
  ENTER_MODE MODE_S, s_all
s_all:
  READABLE time, s_time_mcounteren_all
  READABLE timeh, s_timeh_mcounteren_all
  READABLE hpmcounter3, s_hpmcounter3_mcounteren_all
  /* S cannot reach the machine counters */
  READABLE mcycle, s_mcycle
  BACK_TO_M m3
m3:
  /* U-mode: needs both mcounteren and scounteren */
  ENTER_MODE MODE_U, u_scounteren_0
u_scounteren_0:
  READABLE cycle, u_cycle_scounteren_0
  BACK_TO_M m4
m4:
  csrwi scounteren, 0x2          /* TM only */
  ENTER_MODE MODE_U, u_tm
u_tm:
  READABLE time, u_time_scounteren_tm
  READABLE cycle, u_cycle_scounteren_tm
  BACK_TO_M m5
m5:
  csrwi mcounteren, 0x1          /* scounteren allows TM, mcounteren does not */
  ENTER_MODE MODE_U, u_tm_no_m
u_tm_no_m:
  READABLE time, u_time_scounteren_tm_mcounteren_cy
  BACK_TO_M m6
m6:
  li t0, -1
  csrw mcounteren, t0
  csrw scounteren, t0
  ENTER_MODE MODE_U, u_all
u_all:
  READABLE cycle, u_cycle_all
  READABLE instreth, u_instreth_all
  READABLE hpmcounter18, u_hpmcounter18_all
  BACK_TO_M m7
m7:
  csrw mcounteren, zero
  csrw scounteren, zero
  PRINT traps_total, s9
  FINISH
