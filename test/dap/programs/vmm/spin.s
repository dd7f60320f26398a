# A guest that arms its SBI timer and spins (no wfi) until the supervisor timer interrupt is
# pending: the timer comes due while the vCPU runs, so the VMM takes a host timer interrupt exit
# (timer.inject) and injects VSTI; then it shuts down.
  .equ EID_TIME, 0x54494D45
  .equ EID_SRST, 0x53525354
  .equ STIP, 1 << 5
  .option norelax

  .text
  .globl _start
_start:
  rdtime a0
  addi a0, a0, 100             # 100 ticks of guest time from now
  li a1, 0
  li a7, EID_TIME
  li a6, 0
  ecall                        # set_timer
spin:
  csrr t0, sip
  andi t0, t0, STIP
  beqz t0, spin                # runs until the VMM injects the timer interrupt
  li a0, 0
  li a1, 0
  li a7, EID_SRST
  li a6, 0
  ecall
1:j 1b
