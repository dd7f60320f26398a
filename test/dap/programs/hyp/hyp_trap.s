# The hypervisor's trap handler (HS-mode): every VM exit of the test guest comes here.
# ecall from VS: a7 = 1 prints a0 on the UART, a7 = 8 ends the run; a store guest-page fault
# is emulated MMIO (the GPA is remembered, the store skipped). Anything else fails the run.
    .equ UART, 0x10000000
    .equ FINISHER, 0x100000
    .text
    .align 2
    .globl hyp_trap
hyp_trap:
    csrrw t0, sscratch, t0      # t0 = save area, sscratch = the guest's t0
    sw    t1, 0(t0)
    sw    t2, 4(t0)
    csrr  t1, scause
    li    t2, 10
    beq   t1, t2, vs_ecall
    li    t2, 23
    beq   t1, t2, mmio_store
    j     hyp_fail
vs_ecall:
    li    t2, 8
    beq   a7, t2, shutdown
    li    t1, UART
    sb    a0, 0(t1)             # putchar
    j     resume
mmio_store:
    csrr  t1, htval             # GPA >> 2
    slli  t1, t1, 2
    la    t2, mmio_gpa
    sw    t1, 0(t2)
resume:
    csrr  t1, sepc
    addi  t1, t1, 4
    csrw  sepc, t1
    lw    t1, 0(t0)
    lw    t2, 4(t0)
    csrrw t0, sscratch, t0
    sret                        # VM entry: back to the guest
shutdown:
    li    t1, FINISHER
    li    t2, 0x5555
    sw    t2, 0(t1)
1:  j     1b
hyp_fail:
    slli  t1, t1, 16
    li    t2, 0x3333
    or    t1, t1, t2
    li    t2, FINISHER
    sw    t1, 0(t2)
2:  j     2b

    .data
    .globl mmio_gpa, hyp_save, h_groot, h_gl0
mmio_gpa:  .word 0
hyp_save:  .space 16
    .bss
    .align 14
h_groot:   .space 16384         # Sv32x4 root: 4096 entries
h_gl0:     .space 4096
