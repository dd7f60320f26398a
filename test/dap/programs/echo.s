# Echoes UART input back (polling the receiver); 'q' exits with code 0.
    .equ UART, 0x10000000
    .equ FINISHER, 0x100000
    .text
    .globl _start
_start:
    li    s0, UART
poll:
    lbu   t0, 5(s0)            # LSR
    andi  t0, t0, 1            # DR: a byte is waiting
    beqz  t0, poll
    lbu   a0, 0(s0)
    li    t1, 'q'
    beq   a0, t1, done
    sb    a0, 0(s0)
    j     poll
done:
    li    t0, FINISHER
    li    t1, 0x5555
    sw    t1, 0(t0)
1:  j     1b
