    .text
    .p2align 5
    .data
    .byte 9
    .section .text.init, "ax"
    nop
