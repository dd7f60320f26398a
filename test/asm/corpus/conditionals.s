# .if family: expressions, .else/.elseif, .ifdef/.ifndef, .ifc/.ifnc, .ifb/.ifnb, comparisons, nesting.
    .equ DEBUG, 1
    .equ LEVEL, 3
    .text
    .globl _start
_start:
    .if DEBUG
    li    a0, 1
    .else
    li    a0, 2
    .endif
    .if LEVEL == 1
    li    a1, 1
    .elseif LEVEL == 3
    li    a1, 3
    .else
    li    a1, 9
    .endif
    .ifdef DEBUG
    nop
    .endif
    .ifndef UNDEFINED_THING
    li    a2, 5
    .endif
    .ifdef UNDEFINED_THING
    ebreak
    .endif
    .ifc abc, abc
    li    a3, 1
    .endif
    .ifnc abc, abd
    li    a3, 2
    .endif
    .ifb
    li    a4, 1
    .endif
    .ifnb x
    li    a4, 2
    .endif
    .ifeq LEVEL - 3
    li    a5, 1
    .endif
    .ifne LEVEL
    li    a5, 2
    .endif
    .ifgt LEVEL - 5
    ebreak
    .endif
    .ifge LEVEL
    li    a6, 1
    .endif
    .iflt -1
    li    a6, 2
    .endif
    .ifle 0
    li    a6, 3
    .endif
    .if 0
    .if 1
    ebreak
    .else
    ebreak
    .endif
    this is not even an instruction
    .endif
    ret
