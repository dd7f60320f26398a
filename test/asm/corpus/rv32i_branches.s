# Conditional branches and their pseudo-instructions, forward and backward.
    .text
    .globl _start
_start:
back:
    beq   a0, a1, back
    bne   a0, a1, fwd
    blt   s2, s3, back
    bge   s2, s3, fwd
    bltu  t0, t1, back
    bgeu  t0, t1, fwd
    beqz  a0, back
    bnez  a0, fwd
    beqz  s2, back
    bnez  t3, fwd
    blez  a0, back
    bgez  a0, fwd
    bltz  a0, back
    bgtz  a0, fwd
    bgt   a0, a1, back
    ble   a0, a1, fwd
    bgtu  a0, a1, back
    bleu  a0, a1, fwd
    beq   a0, zero, back
    beq   zero, a0, back
    bne   a5, x0, fwd
    bne   x0, a5, fwd
    beq   a0, a1, back + 4
    nop
fwd:
    beq   a0, a0, .
    bne   a0, a1, . + 8
    nop
    nop
    ret
