# .macro with positional, default, keyword, required and vararg parameters, \@ and .exitm.
    .macro push reg
    addi  sp, sp, -4
    sw    \reg, 0(sp)
    .endm
    .macro pop reg
    lw    \reg, 0(sp)
    addi  sp, sp, 4
    .endm
    .macro li32 rd, value=0
    lui   \rd, %hi(\value)
    addi  \rd, \rd, %lo(\value)
    .endm
    .macro counted_loop reg, n:req
    li    \reg, \n
.Lloop\@:
    addi  \reg, \reg, -1
    bnez  \reg, .Lloop\@
    .endm
    .macro words first, rest:vararg
    .word \first
    .ifnb \rest
    words \rest
    .endif
    .endm
    .macro maybe_exit flag
    nop
    .if \flag
    .exitm
    .endif
    ebreak
    .endm
    .macro PAIR a b
    add   \a, \a, \b
    .endm
    .macro suffix name
    j     \name\()_end
\name\()_end:
    .endm
    .text
    .globl _start
_start:
    push  ra
    push  s0
    pop   s0
    pop   ra
    li32  a0, 0x12345678
    li32  a1
    li32  value=0x1000, rd=a2
    counted_loop t0, 10
    counted_loop t1, 3
    maybe_exit 1
    maybe_exit 0
    PAIR  a0 a1
    PAIR  a2, a3
    suffix loop
    ret
    .data
    words 1, 2, 3, 4
