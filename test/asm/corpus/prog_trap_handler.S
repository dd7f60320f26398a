// A bare-metal M-mode program: trap vector, handler saving registers, ecall round trip, test finisher.
#define TEST_FINISHER 0x100000
#define FINISHER_PASS 0x5555
#define CAUSE_ECALL_M 11
#define FRAME 64

    .section .text.init, "ax", @progbits
    .globl _start
_start:
    la      sp, stack_top
    la      t0, trap_vector
    csrw    mtvec, t0
    csrwi   mstatus, 0
    li      a7, 42
    ecall
    li      t0, 43
    bne     a0, t0, fail
pass:
    li      t0, TEST_FINISHER
    li      t1, FINISHER_PASS
    sw      t1, 0(t0)
1:  wfi
    j       1b
fail:
    li      t0, TEST_FINISHER
    li      t1, (1 << 16) | 0x3333
    sw      t1, 0(t0)
    j       1b

    .text
    .balign 4
trap_vector:
    addi    sp, sp, -FRAME
    sw      ra, 0(sp)
    sw      t0, 4(sp)
    sw      t1, 8(sp)
    csrr    t0, mcause
    li      t1, CAUSE_ECALL_M
    bne     t0, t1, unexpected
    addi    a0, a7, 1
    csrr    t0, mepc
    addi    t0, t0, 4
    csrw    mepc, t0
    lw      t1, 8(sp)
    lw      t0, 4(sp)
    lw      ra, 0(sp)
    addi    sp, sp, FRAME
    mret
unexpected:
    j       fail

    .bss
    .balign 16
stack: .space 4096
stack_top:
