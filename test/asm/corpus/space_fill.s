# .zero, .space, .skip and .fill in data and code.
    .text
    .globl _start
_start:
    nop
    .space 2
    nop
    .fill 2, 2, 0x0001
    ret
    .data
    .zero 3
    .space 4
    .space 3, 0xab
    .skip 2, 7
    .fill 3
    .fill 2, 2
    .fill 2, 3, 0x112233
    .fill 1, 4, 0xcafebabe
    .fill 1, 8, 0x11223344
    .fill 0, 4, 1
    .zero 0
