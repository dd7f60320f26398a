# smp: two vCPUs. vCPU 0 starts vCPU 1 through the SBI, they take turns through shared memory
# and inter-processor interrupts, and vCPU 0 waits for vCPU 1 to stop.
#
#   - HSM (hart state management): only hart 0 runs at boot; the others are STOPPED.
#     hart_start(hartid, start_addr, opaque) starts one at start_addr with a0 = its hart id and
#     a1 = opaque (a value passed through for it), in S-mode with paging and interrupts off.
#     hart_get_status(hartid) tells STARTED (0), STOPPED (1), START_PENDING (2), ...;
#     hart_stop() stops the calling hart.
#   - IPI: send_ipi(hart_mask, hart_mask_base) makes the supervisor software interrupt pending
#     (sip.SSIP) on each hart base + i for the bits i of the mask. Here each hart enables it in
#     sie (SSIE) but keeps sstatus.SIE off: it sleeps in wfi (which wakes on a pending enabled
#     interrupt, taken or not), sees sip.SSIP, and clears it.
#   - Shared memory: a counter both harts increment atomically, one with amoadd.w, the other
#     with an lr.w/sc.w loop.
# Only the hart holding the turn prints, and it hands the turn over with an IPI, so the output
# is the same on every run, whatever the harts' relative speed.
#
# Under Hyperstep's VMM the two vCPUs may share one host hart (the VMM's scheduler switches
# between them); every SBI call is a VM exit, and an IPI is an injected VS software interrupt.
#
# Hyperstep:  hyperstep run --vmm nested smp.s --vcpus 2
# QEMU:       see ../README.md (-smp 2)

  .equ EID_IPI, 0x735049       # "sPI"
  .equ EID_HSM, 0x48534D       # "HSM"
  .equ EID_SRST, 0x53525354
  .equ SSIP, 1 << 1            # sip/sie bit of the supervisor software interrupt
  .equ OPAQUE, 0x5eed0001
  .equ ROUNDS, 3

  .option norelax

  .text
  .globl _start
_start:                        # vCPU 0 (must stay the first instruction: QEMU enters the lowest address)
  la sp, stack0_top
  mv s0, a0                    # our hart id
  li t0, SSIP
  csrs sie, t0                 # IPIs wake us from wfi (sstatus.SIE stays 0: no trap is taken)
  la a0, msg_boot
  call puts
  mv a0, s0
  call putdec
  la a0, msg_boot2
  call puts

  la a0, msg_status1           # vCPU 1 has not been started
  call puts
  li a0, 1
  call hart_get_status
  call put_status
  la a0, msg_status2           # there is no hart 2: an error
  call puts
  li a0, 2
  call hart_get_status
  call put_status

  # Start vCPU 1 at `secondary` with a1 = OPAQUE. It runs at once, so we do not print again
  # until it hands us the turn.
  li a0, 1
  la a1, secondary
  li a2, OPAQUE
  li a7, EID_HSM
  li a6, 0                     # hart_start
  ecall
  mv s0, a0                    # its error code, printed later
  call wait_ipi

  la a0, msg_started
  call puts
  mv a0, s0
  call putdec
  li a0, '\n'
  call putc
  la a0, msg_status1
  call puts
  li a0, 1
  call hart_get_status
  call put_status
  la a0, msg_again             # starting a started hart is an error
  call puts
  li a0, 1
  la a1, secondary
  li a2, OPAQUE
  li a7, EID_HSM
  li a6, 0
  ecall
  call put_error

  li s1, ROUNDS
round:                         # our turn: increment with lr/sc, print, hand over
  la t0, counter
1:lr.w t1, (t0)
  addi t2, t1, 1
  sc.w t3, t2, (t0)            # t3 = 0 when the store happened (no other store in between)
  bnez t3, 1b
  mv s2, t1
  la a0, msg_v0_lrsc
  call puts
  mv a0, s2
  call putdec
  la a0, msg_arrow
  call puts
  addi a0, s2, 1
  call putdec
  li a0, '\n'
  call putc
  li a0, 1
  call send_ipi
  call wait_ipi
  addi s1, s1, -1
  bnez s1, round

  # Ask vCPU 1 to stop, then wait until the SBI says it has (as Linux does when it takes a CPU
  # offline): polling, without printing, since vCPU 1 prints its last line meanwhile.
  li t0, 1
  la t1, stop_request
  sw t0, 0(t1)
  fence rw, rw
  li a0, 1
  call send_ipi
1:li a0, 1
  call hart_get_status
  li t0, 1                     # STOPPED
  bne a1, t0, 1b

  la a0, msg_status1
  call puts
  li a0, 1
  call hart_get_status
  call put_status
  la a0, msg_counter
  call puts
  la t0, counter
  lw a0, 0(t0)
  call putdec
  la a0, msg_ipis
  call puts
  la t0, ipis_sent
  lw a0, 0(t0)
  call putdec
  li a0, '\n'
  call putc
  li a0, 0                     # SRST system_reset(shutdown, no reason)
  li a1, 0
  li a7, EID_SRST
  li a6, 0
  ecall
1:j 1b

# vCPU 1 starts here: a0 = 1 (its hart id), a1 = OPAQUE, sp undefined.
secondary:
  la sp, stack1_top
  mv s0, a0
  mv s1, a1
  li t0, SSIP
  csrs sie, t0
  la a0, msg_v1_hello
  call puts
  mv a0, s0
  call putdec
  la a0, msg_v1_opaque
  call puts
  mv a0, s1
  call puthex
  li a0, '\n'
  call putc
v1_turn:
  li t1, 1
  la t0, counter
  amoadd.w s2, t1, (t0)        # s2 = the old value
  la a0, msg_v1_amo
  call puts
  mv a0, s2
  call putdec
  la a0, msg_arrow
  call puts
  addi a0, s2, 1
  call putdec
  li a0, '\n'
  call putc
  li a0, 0
  call send_ipi
  call wait_ipi
  la t0, stop_request
  lw t0, 0(t0)
  beqz t0, v1_turn
  la a0, msg_v1_stop
  call puts
  li a7, EID_HSM
  li a6, 1                     # hart_stop: does not return
  ecall
1:j 1b

# ---- SBI wrappers ----

hart_get_status:               # a0 = hart id -> a0 = error, a1 = state
  li a7, EID_HSM
  li a6, 2
  ecall
  ret

send_ipi:                      # a0 = target hart: hart_mask = 1 << a0, hart_mask_base = 0
  fence rw, rw                 # our stores are visible before the other hart wakes
  li t0, 1
  sll a0, t0, a0
  li a1, 0
  li a7, EID_IPI
  li a6, 0
  ecall
  la t0, ipis_sent
  li t1, 1
  amoadd.w zero, t1, (t0)
  ret

wait_ipi:                      # sleep until sip.SSIP, then clear it
1:csrr t0, sip
  andi t0, t0, SSIP
  bnez t0, 2f
  wfi
  j 1b
2:csrci sip, SSIP
  fence rw, rw
  ret

# put_status: prints "= STATE\n" for a0 = 0, else the error. a1 = the state.
put_status:
  bnez a0, put_error
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s0, 8(sp)
  mv s0, a1
  la a0, msg_equals
  call puts
  mv a0, s0
  call putdec
  li a0, ' '
  call putc
  la a0, state_names
  slli t0, s0, 2
  add a0, a0, t0
  lw a0, 0(a0)
  call puts
  li a0, '\n'
  call putc
  lw s0, 8(sp)
  lw ra, 12(sp)
  addi sp, sp, 16
  ret

put_error:                     # a0 = SBI error code: ": error -N\n"
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s0, 8(sp)
  mv s0, a0
  la a0, msg_error
  call puts
  mv a0, s0
  call putdec
  la a0, msg_errname3
  li t0, -3
  beq s0, t0, 1f
  la a0, msg_errname6
  li t0, -6
  beq s0, t0, 1f
  la a0, msg_newline
1:call puts
  lw s0, 8(sp)
  lw ra, 12(sp)
  addi sp, sp, 16
  ret

# ---- output through the legacy SBI console_putchar ----

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

putdec:                        # a0 as a signed decimal
  addi sp, sp, -16
  mv t0, a0
  bgez t0, 1f
  li a0, '-'
  li a7, 1
  ecall
  neg t0, t0
1:mv t1, sp
  li t2, 10
2:remu t3, t0, t2
  divu t0, t0, t2
  addi t3, t3, '0'
  sb t3, 0(t1)
  addi t1, t1, 1
  bnez t0, 2b
  li a7, 1
3:addi t1, t1, -1
  lbu a0, 0(t1)
  ecall
  bne t1, sp, 3b
  addi sp, sp, 16
  ret

  .section .rodata
msg_boot:       .asciz "smp: vCPU 0 is up (a0 = "
msg_boot2:      .asciz "); vCPU 1 waits for hart_start\n"
msg_status1:    .asciz "vCPU 0: hart_get_status(1) "
msg_status2:    .asciz "vCPU 0: hart_get_status(2) "
msg_started:    .asciz "vCPU 0: got the turn back; hart_start(1) had returned "
msg_again:      .asciz "vCPU 0: hart_start(1) again "
msg_v0_lrsc:    .asciz "vCPU 0: lr/sc   counter "
msg_v1_amo:     .asciz "vCPU 1: amoadd  counter "
msg_arrow:      .asciz " -> "
msg_v1_hello:   .asciz "vCPU 1: started with a0 = "
msg_v1_opaque:  .asciz ", a1 (opaque) = "
msg_v1_stop:    .asciz "vCPU 1: asked to stop; hart_stop\n"
msg_counter:    .asciz "vCPU 0: counter = "
msg_ipis:       .asciz ", IPIs sent = "
msg_equals:     .asciz "= "
msg_error:      .asciz "-> error "
msg_errname3:   .asciz " (INVALID_PARAM)\n"
msg_errname6:   .asciz " (ALREADY_AVAILABLE)\n"
msg_newline:    .asciz "\n"
msg_s0:         .asciz "(STARTED)"
msg_s1:         .asciz "(STOPPED)"
msg_s2:         .asciz "(START_PENDING)"
msg_s3:         .asciz "(STOP_PENDING)"
msg_s4:         .asciz "(SUSPENDED)"
  .align 2
state_names:    .word msg_s0, msg_s1, msg_s2, msg_s3, msg_s4

  .data
  .align 2
counter:        .word 0        # shared: both vCPUs increment it atomically
stop_request:   .word 0        # set by vCPU 0 when vCPU 1 should stop
ipis_sent:      .word 0

  .bss
  .align 4
stack0:
  .space 1024
stack0_top:
stack1:
  .space 1024
stack1_top:
