/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* wfi in VS-mode (hstatus.VTW = 0, mstatus.TW = 0) with vsstatus.SIE = 0:
   1. a VS interrupt pending and enabled in vsie does not let it wait; it is taken once VS sets SIE;
   2. a VS interrupt pending but not enabled in vsie does not wake it (the spec lets wfi return
      early; QEMU 7.2 waits): it waits for the machine timer, whose M-mode handler forwards it
      to the guest as hvip.VSTIP (what a hypervisor does), and the guest takes VSTI (cause 5)
      once it sets SIE;
   3. the same with hideleg clear: the forwarded VSTIP is HS-level and is taken in HS (cause 6)
      as soon as the guest resumes.
   The forwarding handler prints nothing and s1 says whether it ran before wfi returned, so the
   output does not depend on when QEMU's timer (host time) fires. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#define CLINT_MTIMECMP 0x2004000
#define CLINT_MTIME 0x200bff8
#define WAKE_TICKS 100000       /* 10 ms at 10 MHz */

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  li t0, -1
  li t1, CLINT_MTIMECMP         /* no timer interrupt until armed */
  sw t0, 4(t1)
  csrw mideleg, zero
  li t0, 0x444
  csrw hideleg, t0
  .option norvc
  /* 1 */
  li s1, 0
  li t0, 0x004
  csrw hvip, t0
  csrw hie, t0
  ENTER_V MODE_S, vs1
vs1:
  wfi
  PRINT vs1_timer_forwarded, s1
  EXPECT_AT vs1_sie
  csrsi sstatus, 2
vs1_sie:
  nop
  RETURN_TO_M m2
  /* 2 */
m2:
  csrw hvip, zero
  csrw hie, zero
  li t0, 0x004
  csrw hvip, t0                 /* VSSIP pending but not enabled; VSTIE enabled */
  li t0, 0x040
  csrw hie, t0
  call arm_timer
  csrci vsstatus, 2
  ENTER_V MODE_S, vs2
vs2:
  wfi
  PRINT vs2_timer_forwarded, s1
  EXPECT_AT vs2_sie
  csrsi sstatus, 2
vs2_sie:
  nop
  RETURN_TO_M m3
  /* 3 */
m3:
  csrw hvip, zero
  csrw hideleg, zero
  li t0, 0x040
  csrw hie, t0
  call arm_timer
  csrci vsstatus, 2
  EXPECT_AT vs3_after_wfi
  ENTER_V MODE_S, vs3
vs3:
  wfi
vs3_after_wfi:
  PRINT vs3_timer_forwarded, s1
  RETURN_TO_M done
done:
  .option rvc
  csrw hvip, zero
  csrw hie, zero
  PRINT traps, s9
  FINISH

/* mtimecmp = mtime + WAKE_TICKS, MTIE on, mtvec = forward_timer; s1 = 0 */
arm_timer:
  li s1, 0
  la t0, forward_timer
  csrw mtvec, t0
  li t0, CLINT_MTIME
  lw t1, 0(t0)
  lw t2, 4(t0)
  li t0, WAKE_TICKS
  add t0, t1, t0
  sltu t1, t0, t1
  add t2, t2, t1
  li t1, CLINT_MTIMECMP
  li t3, -1
  sw t3, 4(t1)
  sw t0, 0(t1)
  sw t2, 4(t1)
  li t0, 0x80
  csrs mie, t0
  ret

/* M-mode: the timer fired. Disarm it, pend VSTIP, put the corpus handler back, s1 = 1. */
  .align 2
forward_timer:
  li s1, 1
  li t0, 0x80
  csrc mie, t0
  li t0, 0x40
  csrs hvip, t0
  la t0, corpus_hyp_mtrap
  csrw mtvec, t0
  mret
