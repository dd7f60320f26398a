# guest.s: a tiny S-mode kernel, run by hyp.s in VS-mode. It is written like any kernel that
# boots on an SBI firmware and does not know it is a guest: entered at _start (0x80000000) with
# a0 = hart id, a1 = device tree (0: none) and paging off. Its sstatus, stvec, satp, scause...
# are really vsstatus, vstvec, vsatp, vscause: the hardware swaps them in while V=1.
# It turns on Sv32 paging, prints through the SBI console and through the UART, takes one timer
# interrupt set with SBI set_timer and shuts down with SBI SRST.

  .equ UART, 0x10000000
  .equ ALIAS, 0x40000000             # a virtual page mapped onto `alias_page`
  .equ TICK, 10000                   # 1 ms at the 10 MHz timebase
  .equ SBI_EXT_PUTCHAR, 0x01
  .equ SBI_EXT_TIME, 0x54494d45
  .equ SBI_EXT_SRST, 0x53525354
  .equ SBI_EXT_DBCN, 0x4442434e

  .option norelax                    # keep la/call as written (gp is not set up)

  .text
  .globl _start
_start:
  la sp, stack_top
  mv s0, a0                          # hart id
  la t0, bss_start                   # the loader copied the file only: clear .bss
  la t1, bss_end
1:sw zero, 0(t0)
  addi t0, t0, 4
  bltu t0, t1, 1b
  la t0, trap
  csrw stvec, t0

  # Sv32 page table: kernel RAM (4 MiB megapage at 0x80000000) and the UART's 4 MiB (at
  # 0x10000000) map to themselves; the 4 KiB page at ALIAS maps to alias_page.
  la t0, root
  li t1, (0x80000000 >> 2) | 0xcf    # V R W X A D, identity
  li t2, (0x80000000 >> 22) * 4
  add t2, t0, t2
  sw t1, 0(t2)
  li t1, (UART >> 2) | 0xc7          # V R W A D, identity
  sw t1, (UART >> 22) * 4(t0)
  la t1, l2
  srli t2, t1, 2                     # PTE.PPN = address >> 12, at bit 10: address >> 2
  ori t2, t2, 0x01                   # a pointer to the next level
  sw t2, (ALIAS >> 22) * 4(t0)
  la t2, alias_page
  srli t2, t2, 2
  ori t2, t2, 0xc3                   # V R A D: read-only
  sw t2, ((ALIAS >> 12) & 0x3ff) * 4(t1)
  srli t0, t0, 12
  li t1, 0x80000000                  # satp.MODE = Sv32
  or t0, t0, t1
  csrw satp, t0
  sfence.vma

  la a0, msg_sbi                     # 1. the SBI debug console (DBCN) and legacy putchar
  call sbi_puts
  mv a0, s0
  call sbi_puthex
  li a0, '\n'
  call sbi_putchar

  la a0, msg_uart                    # 2. the UART (each access: an exit to the hypervisor)
  call uart_puts

  la a0, msg_alias                   # 3. what the page table maps at ALIAS
  call sbi_puts
  la a0, alias_page
  call sbi_puthex
  la a0, msg_colon
  call sbi_puts
  li a0, ALIAS
  call uart_puts

  call rdtime64                      # 4. a timer interrupt 1 ms from now
  li t0, TICK
  add t0, a0, t0
  sltu t1, t0, a0
  add a1, a1, t1
  mv a0, t0
  call sbi_set_timer
  li t0, 0x20                        # sie.STIE: the timer interrupt is enabled (and wakes wfi)
  csrs sie, t0
2:lw t0, timer_cause                 # sstatus.SIE = 0: the interrupt cannot come between the
  bnez t0, 3f                        # test and the wfi, and be missed (wfi would sleep forever)
  wfi                                # returns once STIP is pending, even with SIE = 0
  csrsi sstatus, 0x2                 # take it: sstatus.SIE on for one instruction
  csrci sstatus, 0x2
  j 2b
3:la a0, msg_timer
  call sbi_puts
  lw a0, timer_cause
  call sbi_puthex
  li a0, '\n'
  call sbi_putchar

  la a0, msg_bye                     # 5. power off
  call sbi_puts
  li a0, 0                           # shutdown,
  li a1, 0                           # no reason
  li a6, 0
  li a7, SBI_EXT_SRST
  ecall
5:j 5b

# Traps: the timer interrupt (scause 0x80000005, injected by the hypervisor); anything else
# is a bug.
  .align 2
trap:
  addi sp, sp, -32
  sw ra, 0(sp)
  sw a0, 4(sp)
  sw a1, 8(sp)
  sw a6, 12(sp)
  sw a7, 16(sp)
  sw t0, 20(sp)
  sw t1, 24(sp)
  csrr t0, scause
  li t1, 0x80000005
  bne t0, t1, panic
  la t1, timer_cause
  sw t0, 0(t1)
  li a0, -1                          # no next deadline: this also clears the pending STIP
  li a1, -1
  call sbi_set_timer
  lw ra, 0(sp)
  lw a0, 4(sp)
  lw a1, 8(sp)
  lw a6, 12(sp)
  lw a7, 16(sp)
  lw t0, 20(sp)
  lw t1, 24(sp)
  addi sp, sp, 32
  sret
panic:
  la a0, msg_panic
  call sbi_puts
  csrr a0, scause
  call sbi_puthex
  li a0, '\n'
  call sbi_putchar
  li a0, 0
  li a1, 1                           # system failure
  li a6, 0
  li a7, SBI_EXT_SRST
  ecall
4:j 4b

# rdtime64: a1:a0 = time, read consistently (the high word must not change in between).
rdtime64:
  rdtimeh a1
  rdtime a0
  rdtimeh t0
  bne a1, t0, rdtime64
  ret

# sbi_set_timer(a1:a0 = deadline)
sbi_set_timer:
  li a6, 0
  li a7, SBI_EXT_TIME
  ecall
  ret

# sbi_putchar(a0): legacy console putchar
sbi_putchar:
  li a7, SBI_EXT_PUTCHAR
  ecall
  ret

# sbi_puts(a0 = string): one DBCN console_write of the whole string. It takes a physical
# address: the string's virtual address is one, since RAM is identity-mapped.
sbi_puts:
  mv a1, a0
  li a0, 0
1:add t0, a1, a0
  lbu t0, 0(t0)
  beqz t0, 2f
  addi a0, a0, 1
  j 1b
2:li a2, 0
  li a6, 0                           # console_write(length, address low, address high)
  li a7, SBI_EXT_DBCN
  ecall
  ret

# sbi_puthex(a0): 0x and eight hex digits, through legacy putchar.
sbi_puthex:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw s1, 4(sp)
  sw s2, 8(sp)
  mv s1, a0
  li a0, '0'
  call sbi_putchar
  li a0, 'x'
  call sbi_putchar
  li s2, 28
1:srl a0, s1, s2
  andi a0, a0, 15
  addi a0, a0, '0'
  li t0, '9'
  ble a0, t0, 2f
  addi a0, a0, 'a' - '9' - 1
2:call sbi_putchar
  addi s2, s2, -4
  bgez s2, 1b
  lw ra, 0(sp)
  lw s1, 4(sp)
  lw s2, 8(sp)
  addi sp, sp, 16
  ret

# uart_puts(a0 = string): the 16550 UART, polled: wait for LSR.THRE, write THR.
uart_puts:
  li t1, UART
1:lbu t0, 0(a0)
  beqz t0, 3f
2:lbu t2, 5(t1)                      # LSR (a load guest-page fault: the hypervisor answers)
  andi t2, t2, 0x20
  beqz t2, 2b
  sb t0, 0(t1)                       # THR (a store guest-page fault)
  addi a0, a0, 1
  j 1b
3:ret

  .section .rodata
msg_sbi:   .string "guest: hello through the SBI debug console, from hart "
msg_uart:  .string "guest: hello through the UART at 0x10000000 (every access is an exit)\n"
msg_alias: .string "guest: Sv32 maps virtual 0x40000000 to guest-physical "
msg_colon: .string ", which reads: "
msg_timer: .string "guest: timer interrupt, scause = "
msg_bye:   .string "guest: shutting down through SBI SRST\n"
msg_panic: .string "guest: unexpected trap, scause = "

  .data
  .align 12
alias_page:
  .string "hello from the remapped page\n"
  .align 12

  .bss
bss_start:
  .align 12
root:        .space 4096             # the Sv32 root table
l2:          .space 4096             # the second-level table for ALIAS
timer_cause: .space 4
  .align 4
  .space 2048
stack_top:
bss_end:
