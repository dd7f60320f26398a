# Zero-initialised data: .bss with .zero/.space/.skip, alignment, labels.
    .text
    .globl _start
_start:
    la    a0, buffer
    la    a1, stack_top
    lw    a2, counter
    ret
    .bss
    .align 2
counter: .zero 4
flag:    .byte 0
    .align 3
buffer:  .space 100
    .balign 16
stack:   .skip 4096
stack_top:
    .section .bss.more
    .zero 3
