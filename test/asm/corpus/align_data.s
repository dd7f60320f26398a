# Alignment in data sections: zero padding, explicit fills, .balignw/.balignl, max-skip.
    .text
    .globl _start
_start:
    ret
    .data
    .byte 1
    .align 2
    .byte 2
    .balign 8, 0xee
    .byte 3
    .p2align 4, 0x5a, 3
    .byte 4
    .p2align 4, 0x5a, 15
    .byte 5
    .byte 0
    .balignw 8, 0xabcd
    .balignl 16, 0x11223344
    .word 7
    .align 5
    .byte 8
    .section .rodata
    .byte 9
    .balign 64
    .byte 10
