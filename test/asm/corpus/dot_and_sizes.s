# The location counter '.': in expressions, branches, data and .size.
    .text
    .globl _start
_start:
    j     .
    beqz  a0, . + 6
    nop
    nop
here:
    .word . - here, . - _start
    la    a0, .
    ret
    .size _start, . - _start
    .data
start_of_data:
    .word .
    .word . - start_of_data
    .fill 3, 1, . - start_of_data
    .byte . - start_of_data
