/* Entering S/U while no PMP entry is active. QEMU 7.2 refuses an mret to S or U with an
   illegal-instruction trap on the mret itself (tval = 0x30200073) when no PMP entry has
   A != OFF; an entry with permissions but A = OFF does not count. mret to M is unaffected.
   sret from M to S is not refused the same way: the output shows what happens to S's first
   fetch then. With one active entry that does not cover the code, mret succeeds and the
   first fetch in U faults (cause 1, mepc = tval = the target). */
#include "corpus.S"
#include "corpus_trap.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  /* no entry at all */
  EXPECT_AT 1f
  li t0, 0x1800
  csrc mstatus, t0
  li t0, 0x0800
  csrs mstatus, t0
  la t0, lower
  csrw mepc, t0
1: mret                       /* to S: traps */
  li t0, 0x1800
  csrc mstatus, t0
  la t0, lower
  csrw mepc, t0
  EXPECT_AT 2f
2: mret                       /* to U: traps */
  li t0, 0x1800
  csrs mstatus, t0
  la t0, 3f
  csrw mepc, t0
  mret                        /* to M: fine */
3: PRINT traps_after_no_entry, s9

  /* an entry with RWX but A = OFF */
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x07
  csrw pmpcfg0, t0
  li t0, 0x1800
  csrc mstatus, t0
  la t0, lower
  csrw mepc, t0
  EXPECT_AT 4f
4: mret                       /* to U: still traps */
  PRINT traps_after_off_entry, s9

  /* sret from M to S with no active entry */
  csrw pmpcfg0, zero
  li t0, 0x100
  csrs mstatus, t0            /* SPP = S */
  la t0, lower
  csrw sepc, t0
  li s10, 0
  la s11, 5f                  /* if S's fetch faults, come back to M here */
  sret
5: PRINT traps_after_sret, s9
  li s11, 0

  /* one active entry (NA4 at address 0) that does not cover the code */
  li t0, 0
  csrw pmpaddr0, t0
  li t0, 0x17                 /* NA4, RWX */
  csrw pmpcfg0, t0
  li t0, 0x1800
  csrc mstatus, t0
  la t0, lower
  csrw mepc, t0
  li s10, 0
  la s11, 6f
  mret                        /* to U: succeeds; U's first fetch faults */
6: csrw pmpcfg0, zero
  PRINT traps_total, s9
  FINISH

lower:
  BACK_TO_M 7f
7: PRINT reached_lower_mode, s9
  FINISH
