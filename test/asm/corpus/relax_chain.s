# Branch sizes that depend on each other: relaxing one moves the targets of others.
    .text
    .globl _start
_start:
top:
    .rept 40
    beqz  a0, bottom
    bnez  a1, top
    j     bottom
    .endr
    .fill 60, 2, 0x0001
bottom:
    .rept 40
    beqz  a2, top
    .endr
    ret
