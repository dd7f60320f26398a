# .lcomm blocks: placed after all other .bss contents, aligned to their size (up to 8).
    .globl _start
_start:
    la    a0, buf
    la    a1, b5
    .bss
    .zero 1
    .lcomm buf, 13
    .lcomm b2, 4
    .lcomm b3, 1
    .lcomm b4, 8
    .zero 1
    .data
    .lcomm b5, 2
    .word 1
