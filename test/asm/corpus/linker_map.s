# asm-test: map=.data=0x80100000,.bss=0x80200000
# Section addresses from a linker map: .data and .bss far from .text; pc-relative reach across them.
    .text
    .globl _start
_start:
    la    a0, value
    lw    a1, value
    la    a2, buffer
    ret
    .section .rodata
    .word 7
    .data
value: .word 0x1234
    .bss
buffer: .zero 64
