# timer: supervisor timer interrupts through the SBI, sleeping in wfi between ticks.
#
# A guest kernel has no CLINT: it reads the clock through the `time` CSR and asks the SBI for a
# timer interrupt at an absolute time (TIME extension, set_timer(stime_value), a 64-bit value in
# a0 = low and a1 = high word). When time reaches it, the supervisor timer interrupt becomes
# pending (sip.STIP; scause 0x80000005). It is taken when sie.STIE and sstatus.SIE are both set;
# the next set_timer clears it.
#   - Under Hyperstep's VMM: set_timer is an SBI exit; when the deadline passes the VMM injects
#     the interrupt (hvip.VSTIP) and the guest takes it in VS-mode. wfi is an exit too (hstatus.VTW):
#     the vCPU halts until its interrupt is due, so the host runs something else meanwhile.
#   - On QEMU: the sbi-shim writes the CLINT's mtimecmp; the machine timer interrupt comes to
#     M-mode, which passes it on as sip.STIP (as OpenSBI does without the Sstc extension).
#
# The times themselves differ between runs (QEMU's clock is the host's), so what is printed is
# checked, not raw: each tick came at or after its deadline and time never went backwards.
#
# Hyperstep:  hyperstep run --vmm nested timer.s
# QEMU:       see ../README.md

  .equ EID_TIME, 0x54494D45    # "TIME"
  .equ EID_SRST, 0x53525354    # "SRST"
  .equ INTERVAL, 10000         # time units between ticks: 1 ms at the 10 MHz timebase of QEMU virt
  .equ TICKS, 5
  .equ STIE, 1 << 5            # sie.STIE
  .equ SIE, 1 << 1             # sstatus.SIE

  .option norelax

  .text
  .globl _start
_start:                        # must stay the first instruction of the image (QEMU enters the lowest address)
  la sp, stack_top
  la a0, msg_hello
  call puts

  la t0, trap_entry            # stvec, direct mode: every trap enters trap_entry
  csrw stvec, t0
  call read_time               # start = time, 64 bits
  la t0, start
  sw a0, 0(t0)
  sw a1, 4(t0)
  mv s2, a0                    # the latest time seen (low word), for the monotonic check
  li s0, 0                     # ticks taken (the handler counts)
  li s1, 1                     # stays 1 while every check holds

  li a0, 1
  call arm_timer               # the first tick at start + INTERVAL
  li t0, STIE
  csrs sie, t0                 # the supervisor timer interrupt may be taken...
  csrsi sstatus, SIE           # ...and interrupts are on in S-mode

sleep:
  wfi                          # sleep until an interrupt is pending; the handler runs, then we go on here
  li t0, TICKS
  bltu s0, t0, sleep
  csrci sstatus, SIE

  la a0, msg_monotonic
  call puts
  mv a0, s1
  call put_yes_no
  la a0, msg_done
  call puts
  li a0, 0                     # SRST system_reset(shutdown, no reason)
  li a1, 0
  li a7, EID_SRST
  li a6, 0
  ecall
1:j 1b

# ---- the trap handler: only the timer interrupt is expected ----
  .align 2
trap_entry:
  addi sp, sp, -64             # the interrupted code's caller-saved registers must survive
  sw ra, 60(sp)
  sw t0, 56(sp)
  sw t1, 52(sp)
  sw t2, 48(sp)
  sw a0, 44(sp)
  sw a1, 40(sp)
  sw a6, 36(sp)
  sw a7, 32(sp)
  sw t3, 28(sp)
  sw t4, 24(sp)
  sw t5, 20(sp)
  sw t6, 16(sp)
  sw s3, 12(sp)                # s0..s2 are shared with the main loop on purpose; s3, s4 are ours
  sw s4, 8(sp)
  csrr t0, scause
  li t1, 0x80000005            # interrupt, cause 5: supervisor timer
  bne t0, t1, unexpected
  addi s0, s0, 1

  call read_time               # now (64 bits) - start, in a0 (low word; a tick is far below 2^32)
  la t0, start
  lw t1, 0(t0)
  bltu a0, s2, 1f              # time went backwards?
  j 2f
1:li s1, 0
2:mv s2, a0
  sub s3, a0, t1               # time since start
  li t0, INTERVAL
  mul t0, t0, s0               # this tick's deadline, relative to start
  sltu t1, s3, t0
  xori s4, t1, 1               # 1 when time - start >= deadline
  and s1, s1, s4

  la a0, msg_tick
  call puts
  mv a0, s0
  call putdec
  la a0, msg_scause
  call puts
  csrr a0, scause
  call puthex
  la a0, msg_deadline
  call puts
  li a0, INTERVAL
  mul a0, a0, s0
  call putdec
  la a0, msg_reached
  call puts
  mv a0, s4
  call put_yes_no

  addi a0, s0, 1
  li t0, TICKS
  bleu a0, t0, 3f
  li a0, -1                    # last tick: no more timer (all ones: never), which also clears STIP
  li a1, -1
  li a7, EID_TIME
  li a6, 0
  ecall
  j 4f
3:call arm_timer               # the next tick; this also clears the pending interrupt
4:lw ra, 60(sp)
  lw t0, 56(sp)
  lw t1, 52(sp)
  lw t2, 48(sp)
  lw a0, 44(sp)
  lw a1, 40(sp)
  lw a6, 36(sp)
  lw a7, 32(sp)
  lw t3, 28(sp)
  lw t4, 24(sp)
  lw t5, 20(sp)
  lw t6, 16(sp)
  lw s3, 12(sp)
  lw s4, 8(sp)
  addi sp, sp, 64
  sret                         # back after the wfi that slept

unexpected:
  la a0, msg_unexpected
  call puts
  csrr a0, scause
  call puthex
  li a0, '\n'
  call putc
  li a0, 0                     # SRST shutdown with reason "system failure": exit code 1
  li a1, 1
  li a7, EID_SRST
  li a6, 0
  ecall
1:j 1b

# arm_timer(n): SBI set_timer(start + n * INTERVAL), a 64-bit sum.
arm_timer:
  li t0, INTERVAL
  mul t0, t0, a0
  la t1, start
  lw a0, 0(t1)
  lw a1, 4(t1)
  add t2, a0, t0
  sltu t3, t2, a0              # carry into the high word
  add a1, a1, t3
  mv a0, t2
  li a7, EID_TIME
  li a6, 0                     # set_timer
  ecall
  ret

# read_time: a0/a1 = the 64-bit time CSR (timeh read twice: the low word may carry in between).
read_time:
1:rdtimeh a1
  rdtime a0
  rdtimeh t0
  bne a1, t0, 1b
  ret

# ---- output through the legacy SBI console_putchar ----

put_yes_no:                    # a0 = 1: "yes\n", else "NO\n"
  mv t0, a0
  la a0, msg_yes
  bnez t0, puts
  la a0, msg_no
  j puts

putc:                          # a0 = byte (only a0 and a7 change)
  li a7, 1
  ecall
  ret

puts:                          # a0 = NUL-terminated string
  mv t0, a0
1:lbu a0, 0(t0)
  beqz a0, 2f
  li a7, 1
  ecall
  addi t0, t0, 1
  j 1b
2:ret

puthex:                        # a0 as 0x... without leading zeros
  mv t0, a0
  li a0, '0'
  li a7, 1
  ecall
  li a0, 'x'
  ecall
  li t1, 28
1:srl t2, t0, t1
  bnez t2, 2f
  beqz t1, 2f
  addi t1, t1, -4
  j 1b
2:srl a0, t0, t1
  andi a0, a0, 15
  addi a0, a0, '0'
  li t2, '9'
  ble a0, t2, 3f
  addi a0, a0, 'a' - '9' - 1
3:ecall
  addi t1, t1, -4
  bgez t1, 2b
  ret

putdec:                        # a0 as an unsigned decimal
  addi sp, sp, -16
  mv t0, a0
  mv t1, sp                    # digits on the stack, least significant first
  li t2, 10
1:remu t3, t0, t2
  divu t0, t0, t2
  addi t3, t3, '0'
  sb t3, 0(t1)
  addi t1, t1, 1
  bnez t0, 1b
  li a7, 1
2:addi t1, t1, -1
  lbu a0, 0(t1)
  ecall
  bne t1, sp, 2b
  addi sp, sp, 16
  ret

  .section .rodata
msg_hello:      .asciz "Supervisor timer through SBI TIME: 5 ticks, 10000 time units (1 ms) apart, wfi in between\n"
msg_tick:       .asciz "tick "
msg_scause:     .asciz ": scause "
msg_deadline:   .asciz ", time - start >= "
msg_reached:    .asciz ": "
msg_monotonic:  .asciz "time never went backwards: "
msg_done:       .asciz "done\n"
msg_yes:        .asciz "yes\n"
msg_no:         .asciz "NO\n"
msg_unexpected: .asciz "unexpected trap, scause "

  .data
  .align 3
start:          .word 0, 0     # time when the guest started counting (64 bits)

  .bss
  .align 4
stack:
  .space 1024
stack_top:
