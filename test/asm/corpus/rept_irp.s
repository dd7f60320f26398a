# .rept, .irp and .irpc, nested, with a counter built from .set.
    .text
    .globl _start
_start:
    .rept 3
    nop
    .endr
    .set i, 0
    .rept 4
    addi  a0, a0, i
    .set i, i + 1
    .endr
    .irp reg, a0, a1, s2, t6
    mv    \reg, zero
    .endr
    .irpc c, 0123
    li    a\c, \c
    .endr
    .rept 2
    .irp n, 1, 2
    addi  t0, t0, \n
    .endr
    .endr
    .rept 0
    ebreak
    .endr
    ret
    .data
    .irp v, 10, 20, 30
    .byte \v
    .endr
