# Alignment in code: nop padding (an odd zero byte, at most one c.nop, then nops), max-skip, fills.
    .text
    .globl _start
_start:
    nop
    .align 2
    nop
    .align 3
    addi  a0, a0, 1
    .p2align 4
    li    a0, 1
    .balign 16
    .byte 1
    .align 3
    .byte 1, 2, 3
    .balign 8
    nop
    .p2align 5, , 4
    nop
    .p2align 5, , 30
    nop
    .balign 8, 0xcd
    nop
    .p2align 3, 0
    .half 0x1234
    .balign 32
    ret
    .align 6
