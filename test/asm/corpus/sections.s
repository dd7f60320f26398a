# .section with and without flags, subsections of .text, push/pop/previous, custom sections.
    .text
    .globl _start
_start:
    la    a0, ro_value
    la    a1, rw_value
    call  init_code
    ret
    .section .rodata
ro_value: .word 0x1234
    .section .data
rw_value: .word 0x5678
    .section .text.init, "ax", @progbits
init_code:
    li    a0, 1
    ret
    .section .rodata.str1.1, "a", @progbits
    .asciz "str"
    .pushsection .data.extra, "aw"
    .word 0xaaaa
    .popsection
    .word 0xbbbb
    .data
    .byte 1
    .previous
    .byte 2
    .section .mytext, "ax"
    nop
    .section .myro, "a"
    .byte 3
    .section .mydata, "aw", @progbits
    .byte 4
    .section .mybss, "aw", @nobits
    .zero 16
    .section .sdata, "aw"
    .word 5
    .section .sbss, "aw", @nobits
    .zero 4
    .section .srodata, "a"
    .word 6
