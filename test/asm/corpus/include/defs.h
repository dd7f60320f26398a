/* C-preprocessor definitions shared by the .S tests. */
#ifndef DEFS_H
#define DEFS_H
#define UART_BASE   0x10000000
#define UART_THR    0
#define UART_LSR    5
#define LSR_THRE    (1 << 5)
#define REG_SIZE    4
#define STACK_SIZE  (1024 * REG_SIZE)
#define SAVE(r, slot)  sw r, ((slot) * REG_SIZE)(sp)
#define LOAD(r, slot)  lw r, ((slot) * REG_SIZE)(sp)
#endif
