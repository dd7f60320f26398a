    .text
    .p2align 4
    .globl second_entry
second_entry:
    nop
    ret
    .data
    .p2align 3
    .word 0x12345678
    .section .rodata
    .p2align 2
    .half 3
    .bss
    .p2align 5
    .zero 8
