# Sections from several files with different alignments: padding between input sections.
    .text
    .globl _start
_start:
    nop
    call  second_entry
    ret
    .data
    .byte 1
    .section .rodata
    .byte 2
