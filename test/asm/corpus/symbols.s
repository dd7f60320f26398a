# Symbol directives: .globl/.global/.local/.weak/.type/.size/.hidden, and labels of every kind.
    .text
    .globl _start
    .global main
    .type  main, @function
    .type  table, %object
    .weak  maybe_hook
    .hidden helper
    .local private_label
_start:
    call  main
    j     .
main:
    addi  sp, sp, -16
    call  helper
    addi  sp, sp, 16
    ret
    .size main, . - main
helper:
    ret
private_label:
    nop
maybe_hook:
    ret
    .data
    .type counter, @object
    .size counter, 4
counter: .word 0
    .section .rodata
table: .word 1, 2, 3
    .size table, . - table
    .extern never_used
label.with.dots: .byte 1
$dollar$: .byte 2
_under_score_: .byte 3
