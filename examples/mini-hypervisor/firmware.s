# firmware.s: the M-mode part. With `-bios none` there is no OpenSBI, so this file does the
# least of its job that a hypervisor depends on, the way OpenSBI does it:
#   - open PMP, so HS-mode (and the guest) may reach memory at all;
#   - delegate to HS-mode the traps a hypervisor handles (medeleg, mideleg);
#   - SBI TIME set_timer: program the CLINT's mtimecmp, and turn the machine timer interrupt
#     into a supervisor timer interrupt (mip.STIP) for HS-mode;
#   - SBI SRST: power off through the sifive_test finisher.
# Then it enters hyp.s in HS-mode (mret with MPP = S, MPV = 0), a0 = hart id, a1 = device tree.

  .equ MTIMECMP, 0x2004000           # hart 0's mtimecmp in the CLINT (high word at +4)
  .equ FINISHER, 0x100000
  .equ SBI_EXT_TIME, 0x54494d45
  .equ SBI_EXT_SRST, 0x53525354
  .equ SBI_ERR_NOT_SUPPORTED, -2

  .option norelax

  .section .text.init                # first in the image: the boot ROM jumps to 0x80000000
  .globl _start
_start:
  csrr t0, mhartid
  bnez t0, park                      # one hart is enough; any others sleep
  li t0, -1                          # PMP entry 0: NAPOT over all of memory, R W X
  csrw pmpaddr0, t0
  li t0, 0x1f
  csrw pmpcfg0, t0
  la t0, fw_trap
  csrw mtvec, t0
  la t0, fw_stack_top
  csrw mscratch, t0
  # As OpenSBI with H: misaligned fetch (0), breakpoint (3), ecall from U/VU (8), page faults
  # (12, 13, 15), ecall from VS (10), guest-page faults (20, 21, 23), virtual instruction (22).
  li t0, 0xf0b509
  csrw medeleg, t0
  li t0, 0x222                       # supervisor software, timer, external (VS ones: always)
  csrw mideleg, t0
  li t0, 7                           # S-mode may read cycle, time, instret
  csrw mcounteren, t0
  la t0, hyp_start
  csrw mepc, t0
  li t0, 0x1800                      # mstatus.MPP = S: mret enters HS-mode
  csrc mstatus, t0
  li t0, 0x0800
  csrs mstatus, t0
  mret
park:
  wfi
  j park

# Traps that stay in M-mode: SBI calls from HS-mode and the machine timer interrupt.
  .align 2
fw_trap:
  csrrw sp, mscratch, sp             # sp = the firmware's stack, mscratch = the caller's sp
  addi sp, sp, -16
  sw t0, 0(sp)
  sw t1, 4(sp)
  csrr t0, mcause
  bltz t0, fw_interrupt
  li t1, 9                           # ecall from HS-mode: an SBI call (a7 = EID, a6 = FID)
  bne t0, t1, fw_fail
  csrr t1, mepc
  addi t1, t1, 4
  csrw mepc, t1
  li t1, SBI_EXT_TIME
  beq a7, t1, fw_set_timer
  li t1, SBI_EXT_SRST
  beq a7, t1, fw_system_reset
  li a0, SBI_ERR_NOT_SUPPORTED
  j fw_return

fw_set_timer:                       # a1:a0 = the deadline in `time` ticks
  li t0, MTIMECMP
  li t1, -1
  sw t1, 4(t0)                       # high word first: no early interrupt while it changes
  sw a0, 0(t0)
  sw a1, 4(t0)
  li t0, 0x20
  csrc mip, t0                       # the last deadline's STIP is consumed
  li t0, 0x80
  csrs mie, t0                       # MTIE: the next deadline comes here first
  li a0, 0                           # SBI_SUCCESS
  j fw_return

fw_interrupt:
  slli t0, t0, 1
  li t1, 7 << 1                      # machine timer interrupt (cause 7, interrupt bit shifted out)
  bne t0, t1, fw_fail
  li t0, 0x80
  csrc mie, t0                       # MTIE off: mtip stays high until the next set_timer
  li t0, 0x20
  csrs mip, t0                       # STIP on: HS-mode sees a supervisor timer interrupt
fw_return:
  lw t0, 0(sp)
  lw t1, 4(sp)
  addi sp, sp, 16
  csrrw sp, mscratch, sp
  mret

fw_system_reset:                    # a0 = type (every type powers off here), a1 = reason
  li t0, 0x5555                      # no reason: pass
  beqz a1, 1f
  li t0, 0x13333                     # a system failure: exit code 1
1:li t1, FINISHER
  sw t0, 0(t1)
  j park

fw_fail:                             # anything else is a bug: exit code mcause + 0x10
  csrr t0, mcause
  addi t0, t0, 0x10
  slli t0, t0, 16
  li t1, 0x3333
  or t0, t0, t1
  li t1, FINISHER
  sw t0, 0(t1)
  j park

  .bss
  .align 4
  .space 256
fw_stack_top:
