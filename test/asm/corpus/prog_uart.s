# Print a string on QEMU virt's 16550 UART, polling the line status register.
    .equ UART, 0x10000000
    .equ LSR, 5
    .text
    .globl _start
_start:
    la    a0, hello
    call  puts
    li    t0, 0x100000
    li    t1, 0x5555
    sw    t1, 0(t0)
    j     .
puts:
    li    t0, UART
1:  lbu   t1, 0(a0)
    beqz  t1, 3f
2:  lbu   t2, LSR(t0)
    andi  t2, t2, 0x20
    beqz  t2, 2b
    sb    t1, 0(t0)
    addi  a0, a0, 1
    j     1b
3:  ret
    .section .rodata
hello: .asciz "Hello from Hyperstep!\n"
