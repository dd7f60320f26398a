# hyp.s: a minimal hypervisor for the RISC-V H extension. firmware.s enters it in HS-mode; it
# runs one guest (guest.s) in VS-mode and handles everything the guest cannot do alone:
#   - memory: guest RAM at guest-physical 0x80000000..0x803fffff is host 0x80200000..0x805fffff,
#     through a two-level Sv32x4 G-stage table (hgatp). Nothing else is mapped.
#   - SBI calls (ecall from VS-mode, cause 10): legacy putchar, DBCN console, TIME set_timer,
#     SRST. a7 = extension, a6 = function, a0..a5 = arguments; a0 = error, a1 = value back.
#   - one emulated device: the guest's UART at guest-physical 0x10000000 is not in the G stage,
#     so every access to it is a load/store guest-page fault (cause 21/23); the hypervisor
#     decodes the instruction, does the access on the real UART and steps over it.
#   - the guest's timer: set_timer goes on to the firmware; the supervisor timer interrupt it
#     sends back is injected into the guest by setting hvip.VSTIP.
# While the guest runs, sscratch holds `frame`: the trap entry saves the guest's x1..x31 there,
# the handlers read and write the guest's registers in it, and `resume` reloads them and srets.

  .equ UART, 0x10000000
  .equ GUEST_GPA, 0x80000000         # guest RAM as the guest sees it
  .equ GUEST_HPA, 0x80200000         # ... and where it is (the guest image is loaded here)
  .equ GUEST_SIZE, 0x400000          # 4 MiB: one second-level G-stage table of 4 KiB pages
  .equ SBI_EXT_PUTCHAR, 0x01         # legacy console putchar
  .equ SBI_EXT_TIME, 0x54494d45
  .equ SBI_EXT_SRST, 0x53525354
  .equ SBI_EXT_DBCN, 0x4442434e
  .equ SBI_ERR_NOT_SUPPORTED, -2
  .equ SBI_ERR_INVALID_PARAM, -3

  .option norelax                    # keep la/call as written (gp is not set up)

  .text
  .globl hyp_start
hyp_start:                           # HS-mode, a0 = hart id, a1 = the host's device tree
  la sp, frame                       # the hypervisor's stack grows down from the frame
  mv s0, a0
  la t0, hyp_trap
  csrw stvec, t0
  la a0, msg_hello
  call puts

  # The G stage (Sv32x4): a 16 KiB root indexed by gpa[33:22]; entry 0x200 (gpa 0x80000000)
  # points to a 4 KiB table whose 1024 leaves map guest RAM page by page. (A 4 MiB superpage
  # would need a 4 MiB-aligned host address; 0x80200000 is not.)
  la t0, groot
  la t1, gtable
  srli t2, t1, 2                     # PTE.PPN = address >> 12, at bit 10: address >> 2
  ori t2, t2, 0x01                   # V only: a pointer to the next level
  li t3, (GUEST_GPA >> 22) * 4
  add t3, t0, t3
  sw t2, 0(t3)
  li t2, (GUEST_HPA >> 2) | 0xdf     # leaf: V R W X U A D (G-stage leaves must have U)
  li t3, GUEST_SIZE >> 12
1:sw t2, 0(t1)
  addi t1, t1, 4
  addi t2, t2, 1 << 10               # the next host page
  addi t3, t3, -1
  bnez t3, 1b
  srli t0, t0, 12
  li t1, 0x80000000                  # hgatp.MODE = Sv32x4, VMID 0, root PPN
  or t0, t0, t1
  csrw hgatp, t0
  hfence.gvma zero, zero             # forget any G-stage translation cached before this table

  # Traps from the guest that go straight to the guest (hedeleg), as KVM delegates them:
  # misaligned fetch (0), breakpoint (3), ecall from VU (8), its own page faults (12, 13, 15).
  li t0, 0xb109
  csrw hedeleg, t0
  li t0, 0x444                       # VS software, timer, external interrupts: the guest's
  csrw hideleg, t0
  li t0, 2                           # hcounteren.TM: the guest may read `time`
  csrw hcounteren, t0
  csrw htimedelta, zero              # guest time = host time
  csrw htimedeltah, zero
  csrw vsatp, zero                   # the guest starts with paging off,
  csrw vsstatus, zero                # interrupts off,
  csrw hvip, zero                    # and nothing pending
  li t0, 0x180                       # hstatus.SPV = 1 (sret enters V=1), SPVP = 1 (VS-mode)
  csrs hstatus, t0
  li t0, 0x100                       # sstatus.SPP = S: VS-mode rather than VU-mode
  csrs sstatus, t0
  li t0, GUEST_GPA                   # the guest's entry point
  csrw sepc, t0
  sw s0, 10*4(sp)                    # SBI boot protocol: a0 = hart id,
  sw zero, 11*4(sp)                  # a1 = device tree (none)
  j resume

# The trap entry: every exit from the guest (and nothing else: HS-mode runs with SIE = 0).
  .align 2
hyp_trap:
  csrrw sp, sscratch, sp             # sp = frame, sscratch = the guest's sp
  .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sw x\n, \n*4(sp)
  .endr
  csrr t0, sscratch
  sw t0, 2*4(sp)
  csrr t0, scause
  bltz t0, interrupt
  li t1, 10                          # ecall from VS-mode
  beq t0, t1, sbi_call
  li t1, 21                          # load guest-page fault
  beq t0, t1, mmio
  li t1, 23                          # store/AMO guest-page fault
  beq t0, t1, mmio
  j unexpected

resume:                              # back into the guest, with its registers from `frame`
  csrw sscratch, sp
  .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  lw x\n, \n*4(sp)
  .endr
  lw sp, 2*4(sp)
  sret                               # hstatus.SPV = 1: back to V=1, at sepc

# Supervisor timer interrupt: the firmware forwarded the machine timer, which only the guest
# uses. Inject it (hvip.VSTIP) and mask it here until the guest sets its next deadline.
interrupt:
  slli t0, t0, 1
  li t1, 5 << 1
  bne t0, t1, unexpected
  li t0, 0x40                        # hvip.VSTIP: the guest sees STIP
  csrs hvip, t0
  li t0, 0x20                        # sie.STIE off: STIP stays high until the next set_timer
  csrc sie, t0
  la a0, n_timer
  call count
  j resume

# SBI calls: the guest's ecall, a7 = extension, a6 = function.
sbi_call:
  csrr t0, sepc                      # return after the ecall
  addi t0, t0, 4
  csrw sepc, t0
  la a0, n_sbi
  call count
  lw a0, 10*4(sp)                    # the guest's a0 (x10) in the frame
  lw a1, 11*4(sp)
  lw a2, 12*4(sp)
  lw a6, 16*4(sp)
  lw a7, 17*4(sp)
  li t0, SBI_EXT_PUTCHAR
  beq a7, t0, sbi_putchar
  li t0, SBI_EXT_DBCN
  beq a7, t0, sbi_dbcn
  li t0, SBI_EXT_TIME
  beq a7, t0, sbi_time
  li t0, SBI_EXT_SRST
  beq a7, t0, sbi_srst
sbi_not_supported:
  li a0, SBI_ERR_NOT_SUPPORTED
sbi_return:                          # a0 = error, a1 = value: into the guest's a0, a1
  sw a0, 10*4(sp)
  sw a1, 11*4(sp)
  j resume

sbi_putchar:                         # legacy: a0 = the character; returns 0 in a0 only
  call putc
  li a0, 0
  j sbi_return

sbi_dbcn:
  bnez a6, sbi_not_supported         # (console_read and console_write_byte are left out)
  # console_write(a0 = length, a2:a1 = guest-physical address). The hypervisor reads guest
  # memory the way the G stage maps it: RAM only, whole range, else SBI_ERR_INVALID_PARAM.
  mv s1, a0
  bnez a2, sbi_invalid
  li t0, GUEST_GPA
  sub s2, a1, t0                     # offset in guest RAM
  li t0, GUEST_SIZE
  bgeu s2, t0, sbi_invalid
  sub t0, t0, s2
  bltu t0, s1, sbi_invalid
  li t0, GUEST_HPA
  add s2, s2, t0                     # the host address
  add s3, s2, s1
1:beq s2, s3, 2f
  lbu a0, 0(s2)
  call putc
  addi s2, s2, 1
  j 1b
2:li a0, 0
  mv a1, s1                          # bytes written
  j sbi_return
sbi_invalid:
  li a0, SBI_ERR_INVALID_PARAM
  li a1, 0
  j sbi_return

sbi_time:                            # set_timer(a1:a0 = deadline); guest time = host time
  bnez a6, sbi_not_supported
  li t0, 0x40
  csrc hvip, t0                      # the guest's last timer interrupt is consumed
  ecall                              # the firmware's set_timer: a7, a6, a1:a0 as the guest's
  li t0, 0x20
  csrs sie, t0                       # STIE: the forwarded interrupt may come here again
  li a0, 0
  li a1, 0
  j sbi_return

sbi_srst:                            # system_reset(a0 = type, a1 = reason): the guest is done
  bnez a6, sbi_not_supported
  la a0, msg_exits
  call puts
  lw a0, n_sbi
  call puthex
  la a0, msg_sbi
  call puts
  lw a0, n_mmio
  call puthex
  la a0, msg_mmio
  call puts
  lw a0, n_timer
  call puthex
  la a0, msg_timer
  call puts
  lw a0, 10*4(sp)
  lw a1, 11*4(sp)
  li a6, 0
  li a7, SBI_EXT_SRST
  ecall                              # the firmware powers the machine off
  j unexpected

# A guest load or store that missed the G stage: emulate it if it is the UART.
mmio:
  la a0, n_mmio
  call count
  csrr t0, htval                     # guest-physical address >> 2
  slli t0, t0, 2
  csrr t1, stval                     # guest virtual address: its low 2 bits complete the gpa
  andi t1, t1, 3
  or t0, t0, t1
  li t1, UART
  sub s1, t0, t1                     # s1 = UART register (offset)
  li t1, 8
  bgeu s1, t1, unexpected            # nothing else is emulated
  # The instruction: htinst holds it (transformed: bit 1 clear if it was compressed) or 0.
  csrr s2, htinst
  beqz s2, fetch
  li s3, 4
  andi t0, s2, 2
  bnez t0, decode
  li s3, 2
  ori s2, s2, 3                      # read it as the 32-bit instruction it stands for
  j decode
fetch:
  # htinst = 0: read the instruction at sepc, a guest virtual address. HLVX translates it
  # through both stages (vsatp, then hgatp) as the guest would fetch it (hstatus.SPVP = 1).
  csrr t0, sepc
  hlvx.hu s2, (t0)
  li s3, 4
  andi t1, s2, 3
  li t2, 3
  bne t1, t2, compressed
  addi t0, t0, 2
  hlvx.hu t1, (t0)                   # the upper half (it may be on the next page)
  slli t1, t1, 16
  or s2, s2, t1
  j decode
compressed:                          # C.LW and C.SW: rd'/rs2' in bits 4:2 name x8..x15
  li s3, 2
  srli t0, s2, 2
  andi t0, t0, 7
  addi t0, t0, 8
  li t1, 0xe003
  and t1, s2, t1
  li t2, 0x4000                      # c.lw: as lw rd', 0(rs1')
  beq t1, t2, 1f
  li t2, 0xc000                      # c.sw: as sw rs2', 0(rs1')
  bne t1, t2, unexpected
  slli s2, t0, 20
  li t1, 0x2023                      # funct3 2 (word), STORE
  or s2, s2, t1
  j decode
1:slli s2, t0, 7
  li t1, 0x2003                      # funct3 2 (word), LOAD
  or s2, s2, t1
decode:                              # s2 = instruction, s3 = its length
  andi t0, s2, 0x7f
  li t1, 0x23                        # STORE
  beq t0, t1, mmio_store
  li t1, 0x03                        # LOAD
  bne t0, t1, unexpected
  li a0, 0                           # registers other than LSR read 0
  li t0, 5
  bne s1, t0, 1f
  li t0, UART
  lbu a0, 5(t0)                      # LSR: the real UART's state (THRE, data ready)
1:srli t0, s2, 12
  andi t0, t0, 7
  bnez t0, 2f                        # funct3 0 is lb: sign-extend the byte
  slli a0, a0, 24
  srai a0, a0, 24
2:srli t0, s2, 7                     # rd
  andi t0, t0, 31
  beqz t0, mmio_done                 # x0 stays zero
  slli t0, t0, 2
  add t0, sp, t0
  sw a0, 0(t0)
  j mmio_done
mmio_store:
  srli t0, s2, 20                    # rs2: the value stored
  andi t0, t0, 31
  slli t0, t0, 2
  add t0, sp, t0
  lw a0, 0(t0)
  bnez s1, mmio_done                 # only THR is forwarded; other registers ignore stores
  call putc
mmio_done:
  csrr t0, sepc                      # step over the instruction
  add t0, t0, s3
  csrw sepc, t0
  j resume

# Anything else: report it and power off with a failure (exit code 1).
unexpected:
  la a0, msg_unexpected
  call puts
  csrr a0, scause
  call puthex
  la a0, msg_sepc
  call puts
  csrr a0, sepc
  call puthex
  li a0, '\n'
  call putc
  li a0, 0                           # shutdown,
  li a1, 1                           # reason: system failure
  li a6, 0
  li a7, SBI_EXT_SRST
  ecall
1:j 1b

# count(a0 = counter address): one more.
count:
  lw t0, 0(a0)
  addi t0, t0, 1
  sw t0, 0(a0)
  ret

# putc(a0): the real UART, when its transmit holding register is empty. Uses t0, t1.
putc:
  li t0, UART
1:lbu t1, 5(t0)
  andi t1, t1, 0x20
  beqz t1, 1b
  sb a0, 0(t0)
  ret

# puts(a0 = string). Uses t0..t3.
puts:
  mv t2, a0
  mv t3, ra
1:lbu a0, 0(t2)
  beqz a0, 2f
  call putc
  addi t2, t2, 1
  j 1b
2:mv ra, t3
  ret

# puthex(a0): 0x and eight hex digits. Uses t0..t4.
puthex:
  mv t2, a0
  mv t3, ra
  li a0, '0'
  call putc
  li a0, 'x'
  call putc
  li t4, 28                          # shift of the current digit
1:srl a0, t2, t4
  andi a0, a0, 15
  addi a0, a0, '0'
  li t0, '9'
  ble a0, t0, 2f
  addi a0, a0, 'a' - '9' - 1
2:call putc
  addi t4, t4, -4
  bgez t4, 1b
  mv ra, t3
  ret

  .section .rodata
msg_hello:      .string "hyp: HS-mode; guest RAM: guest-physical 0x80000000 -> host 0x80200000; entering the guest\n"
msg_exits:      .string "hyp: the guest shut down after "
msg_sbi:        .string " SBI calls, "
msg_mmio:       .string " UART accesses, "
msg_timer:      .string " timer interrupts\n"
msg_unexpected: .string "hyp: unexpected trap: scause "
msg_sepc:       .string " sepc "

  .bss
  .align 14                          # the Sv32x4 root must be 16 KiB aligned
groot:  .space 16384
gtable: .space 4096
n_sbi:   .space 4
n_mmio:  .space 4
n_timer: .space 4
  .align 4
  .space 4096                        # the hypervisor's stack (below the frame)
frame:  .space 32 * 4                # the guest's x0..x31 (x0 stays 0)
