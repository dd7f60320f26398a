# .include of a file with constants and a macro.
    .include "include/platform.inc"
    .text
    .globl _start
_start:
    li    a0, UART0
    li    a1, 'H'
    sb    a1, 0(a0)
    exit_pass
1:  j     1b
