// #include of a header with constants and function-like macros; #include guards.
#include "include/defs.h"
#include "include/defs.h"
    .text
    .globl _start
_start:
    addi  sp, sp, -16
    SAVE(ra, 0)
    SAVE(s0, 1)
    li    t0, UART_BASE
1:  lbu   t1, UART_LSR(t0)
    andi  t1, t1, LSR_THRE
    beqz  t1, 1b
    li    t1, 'x'
    sb    t1, UART_THR(t0)
    LOAD(s0, 1)
    LOAD(ra, 0)
    addi  sp, sp, 16
    ret
    .bss
    .balign 16
    .space STACK_SIZE
