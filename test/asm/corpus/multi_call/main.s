# Two files: calls and tail calls across files, a global in each direction.
    .text
    .globl _start
_start:
    la    sp, stack_top
    li    a0, 5
    call  square
    mv    s0, a0
    call  print_number
    beqz  a0, done
    j     helper_loop
done:
    tail  finish
    .globl finish
finish:
    j     finish
    .bss
    .balign 16
    .space 1024
stack_top:
