# A small program for the debug adapter tests: calls, a loop, memory, UART output, exit.
    .equ UART, 0x10000000
    .equ FINISHER, 0x100000
    .text
    .globl _start
_start:
    la    sp, stack_top
    li    s0, 0
    li    s1, 5
loop:
    addi  s0, s0, 1
    mv    a0, s0
    call  square
    la    t0, result
    sw    a0, 0(t0)
    blt   s0, s1, loop
    la    a0, msg
    call  puts
    li    t0, FINISHER
    li    t1, 0x5555
    sw    t1, 0(t0)
1:  j     1b

# a0 = a0 * a0
square:
    mul   a0, a0, a0
    ret

# Writes the NUL-terminated string at a0 to the UART.
puts:
    li    t1, UART
2:  lbu   t2, 0(a0)
    beqz  t2, 3f
    sb    t2, 0(t1)
    addi  a0, a0, 1
    j     2b
3:  ret

    .data
result: .word 0
msg:    .asciz "hello\n"
    .bss
    .align 4
stack:  .space 1024
stack_top:
