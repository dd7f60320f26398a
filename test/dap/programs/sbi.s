# An S-mode program under the built-in SBI: prints with the legacy console call, then shuts
# down with "system failure" (exit code 1).
    .text
    .globl _start
_start:
    la    s0, msg
print:
    lbu   a0, 0(s0)
    beqz  a0, done
    li    a7, 1                # legacy console_putchar
    ecall
    addi  s0, s0, 1
    j     print
done:
    li    a7, 0x53525354       # SRST
    li    a6, 0                # system_reset
    li    a0, 0                # shutdown
    li    a1, 1                # reason: system failure
    ecall
1:  j     1b

    .data
msg: .asciz "sbi\n"
