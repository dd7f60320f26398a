# Sv32 in S-mode: a 4 MiB identity superpage for the program, VA 0x40000000 -> data_page,
# then a load from an unmapped address (a load page fault the M-mode handler skips).
    .equ FINISHER, 0x100000
    .text
    .globl _start
_start:
    la    t0, mhandler
    csrw  mtvec, t0
    li    t0, -1
    csrw  pmpaddr0, t0
    li    t0, 0x1f
    csrw  pmpcfg0, t0
    # root[512] (VA 0x80000000): superpage leaf, PPN = 0x80000, D A X W R V
    la    t0, pt_root
    li    t1, (0x80000 << 10) | 0xcf
    li    t2, 512 * 4
    add   t2, t0, t2
    sw    t1, 0(t2)
    # root[256] (VA 0x40000000): pointer to pt_leaf
    la    t1, pt_leaf
    srli  t1, t1, 12
    slli  t1, t1, 10
    ori   t1, t1, 1
    sw    t1, 256 * 4(t0)
    # pt_leaf[0]: data_page, D A W R V
    la    t1, data_page
    srli  t1, t1, 12
    slli  t1, t1, 10
    ori   t1, t1, 0xc7
    la    t2, pt_leaf
    sw    t1, 0(t2)
    # satp = Sv32 | ASID 1 | root PPN
    la    t0, pt_root
    srli  t0, t0, 12
    li    t1, 0x80400000
    or    t0, t0, t1
    csrw  satp, t0
    # mret to S-mode at supervisor
    la    t0, supervisor
    csrw  mepc, t0
    li    t0, 0x1800
    csrc  mstatus, t0
    li    t0, 0x0800
    csrs  mstatus, t0
    mret

supervisor:
    li    a0, 0x40000000
    li    t0, 42
    sw    t0, 0(a0)
    lw    a1, 0(a0)
mapped:
    li    a2, 0x50000000
unmapped:
    lw    a3, 0(a2)
    ecall

    .align 2
mhandler:
    csrr  t0, mcause
    li    t1, 9                # ecall from S: done
    beq   t0, t1, finish
    csrr  t1, mepc             # skip the faulting instruction (2 or 4 bytes)
    lhu   t2, 0(t1)
    andi  t2, t2, 3
    li    t3, 3
    addi  t1, t1, 2
    bne   t2, t3, 2f
    addi  t1, t1, 2
2:  csrw  mepc, t1
    mret
finish:
    li    t0, FINISHER
    li    t1, 0x5555
    sw    t1, 0(t0)
1:  j     1b

    .data
    .align 12
pt_root:   .space 4096
pt_leaf:   .space 4096
data_page: .space 4096
