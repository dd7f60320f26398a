# Counters (Zicntr) and privileged instructions.
    .text
    .globl _start
_start:
    rdcycle     a0
    rdcycleh    a1
    rdtime      a2
    rdtimeh     a3
    rdinstret   a4
    rdinstreth  a5
    csrr        t0, cycle
    csrr        t1, instreth
    ecall
    scall
    ebreak
    sbreak
    mret
    sret
    wfi
    sfence.vma
    sfence.vma  a0
    sfence.vma  a0, a1
    sfence.vma  zero, t0
    fence.i
    unimp
    ret
