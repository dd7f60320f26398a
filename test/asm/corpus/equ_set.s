# .equ/.set/= symbols: constants, forward references, redefinition, labels.
    .equ  UART_BASE, 0x10000000
    .set  COUNT, 4
    SIZE = COUNT * 4
    .equiv LIMIT, 100
    .eqv  ALIAS, LIMIT + 1
    .text
    .globl _start
_start:
    li    a0, UART_BASE
    li    a1, COUNT
    li    a2, SIZE
    li    a3, LIMIT
    .word ALIAS
    .set  COUNT, COUNT + 1
    li    a1, COUNT
    .set  COUNT, COUNT + 1
    li    a1, COUNT
    la    a5, AFTER_END
    .word LATER, LATER2
    .equ  LATER, 7
    .set  LATER2, LATER * 2
    .equ  AFTER_END, table + 8
    .equ  TABLE_BYTES, table_end - table
    .word TABLE_BYTES
    ret
    .data
table: .word 1, 2, 3
table_end:
