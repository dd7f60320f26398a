# Data inside .text and code after it (jump tables, literal pools), instructions in .data.
    .text
    .globl _start
_start:
    la    t0, jump_table
    slli  a0, a0, 2
    add   t0, t0, a0
    lw    t0, 0(t0)
    jr    t0
    .balign 4
jump_table:
    .word case0, case1, case2
literal: .word 0xdeadbeef
    .half 1
case0: li a0, 0
    ret
case1: li a0, 1
    ret
    .byte 7
    .balign 2
case2: li a0, 2
    ret
    .data
data_code:
    addi  a0, a0, 1
    ret
