# la/lla to labels in every section, with offsets, and to constants.
    .text
    .globl _start
_start:
    la    a0, message
    lla   a1, message
    la    t0, message + 5
    la    s2, counter
    la    sp, stack_top
    la    a0, _start
    la    a0, here
    la    a0, 0x12345678
    la    a0, 100
    lla   a0, -1
    la    a0, zeros + 1024
here:
    ret
    .section .rodata
message: .asciz "hello"
    .data
    .align 2
counter: .word 0
    .bss
    .align 4
zeros: .zero 4096
stack: .zero 256
stack_top:
