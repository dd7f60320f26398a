# Loads and stores addressed by a symbol: auipc + access (GNU's load/store macros).
    .text
    .globl _start
_start:
    lw    a0, word
    lh    a1, half
    lhu   a2, half
    lb    a3, byte
    lbu   a4, byte
    lw    s2, word + 4
    sw    a0, word, t0
    sh    a1, half, t1
    sb    a2, byte, t2
    sw    s2, word + 4, s3
    lw    ra, far_word
    ret
    .data
word: .word 1, 2
half: .half 3
byte: .byte 4
    .section .rodata
far_word: .word 5
