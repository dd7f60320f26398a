# A guest for examples/mini-hypervisor whose UART accesses are compressed (C.SW, C.LW): the
# hypervisor must decode them from 16 bits, write the load's rd and step sepc by 2. A wrong
# step skips or repeats the 2-byte instruction after the access; an unwritten rd prints 'e'.
# Expected: the hypervisor's banner, "AB0", and its exit line (1 SBI call, 5 UART accesses).
  .equ UART, 0x10000000
  .equ SBI_EXT_SRST, 0x53525354

  .text
  .globl _start
_start:
  li a1, UART
  li a0, 'A'
  c.sw a0, 0(a1)                     # THR: 'A'
  c.addi a0, 1
  c.sw a0, 0(a1)                     # THR: 'B'
  li a2, 0x35
  c.lw a2, 4(a1)                     # MCR: the hypervisor's model reads 0
  addi a2, a2, '0'
  c.sw a2, 0(a1)                     # THR: '0'
  li a0, '\n'
  c.sw a0, 0(a1)
  li a0, 0                           # SRST: shutdown, no reason
  li a1, 0
  li a6, 0
  li a7, SBI_EXT_SRST
  ecall
1:j 1b
