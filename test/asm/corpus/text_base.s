# asm-test: text-base=0x80200000
# A different text base (a payload loaded above firmware).
    .text
    .globl _start
_start:
    auipc a0, 0
    la    a1, message
    j     _start
    .section .rodata
message: .asciz "at 0x80200000"
