# A minimal M-mode SBI firmware, so the guest kernels of examples/guests also boot on QEMU:
#
#   qemu-system-riscv32 -M virt -m 128M -smp N -bios none -nographic \
#     -drive if=pflash,unit=0,format=raw,readonly=on,file=shim.bin -kernel guest.elf
#
# It does, for the calls the guests make, what OpenSBI (fw_dynamic, generic platform) does, and
# nothing more: no console init, no domains, no PMU, no misaligned-access emulation.
#
# Where it lives. QEMU 7.2's reset vector (ROM at 0x1000) jumps to DRAM's base 0x80000000, or to
# the flash at 0x20000000 when a pflash drive is given. The guests are linked at 0x80000000, so
# the shim runs in place from the flash (linked at 0x20000000, padded to the flash's 32 MiB) and
# the guest is the -kernel. Its RAM (stacks and state) is the last 64 KiB of the 128 MiB, which
# PMP hides from S-mode as OpenSBI hides its own region.
#
# Boot (every hart): a0 = hart id, a1 = device tree, a2 = struct fw_dynamic_info, all from the
# reset ROM. The boot hart named there (boot_hart) enters the guest at next_addr in next_mode
# with a0 = hart id, a1 = device tree (the Linux/SBI boot protocol); the others wait, HSM
# STOPPED, until hart_start. QEMU 7.2 puts the ELF's lowest load address in next_addr, so a
# guest's _start must come first in its image.
#
# Calls: legacy console_putchar (1) and console_getchar (2); TIME set_timer; IPI send_ipi;
# HSM hart_start, hart_stop, hart_get_status; SRST system_reset; DBCN console_write and
# console_write_byte. Anything else answers SBI_ERR_NOT_SUPPORTED (-2) in a0.
#
# Build: riscv64-unknown-elf-as -march=rv32imac_zicsr -mabi=ilp32 shim.s -o shim.o
#        riscv64-unknown-elf-ld -m elf32lriscv -Ttext=0x20000000 shim.o -o shim.elf
#        riscv64-unknown-elf-objcopy -O binary shim.elf shim.bin && truncate -s 32M shim.bin

  .equ UART, 0x10000000        # 16550: THR/RBR at +0, LSR at +5 (DR bit 0, THRE bit 5)
  .equ FINISHER, 0x100000      # sifive_test: 0x5555 = pass, (code << 16) | 0x3333 = fail, 0x7777 = reset
  .equ MSIP, 0x2000000         # CLINT: one word per hart
  .equ MTIMECMP, 0x2004000     # CLINT: two words per hart
  .equ RAM_START, 0x80000000
  .equ SHIM_RAM, 0x87ff0000    # 64 KiB: globals, then one 256-byte area per hart
  .equ HART_AREAS, SHIM_RAM + 0x100
  .equ MAX_HARTS, 8
  # In a hart's area: the trapped registers x0..x31 (word i at 4*i), then its HSM state.
  .equ AREA_HSM, 128
  .equ AREA_START_ADDR, 132
  .equ AREA_OPAQUE, 136
  .equ HART_COUNT, SHIM_RAM    # global: cpu nodes in the device tree

  # SBI: extension ids, HSM states and error codes (SBI v2.0).
  .equ EID_TIME, 0x54494D45
  .equ EID_IPI, 0x735049
  .equ EID_HSM, 0x48534D
  .equ EID_SRST, 0x53525354
  .equ EID_DBCN, 0x4442434E
  .equ STARTED, 0
  .equ STOPPED, 1
  .equ START_PENDING, 2
  .equ ERR_FAILED, -1
  .equ ERR_NOT_SUPPORTED, -2
  .equ ERR_INVALID_PARAM, -3
  .equ ERR_INVALID_ADDRESS, -5
  .equ ERR_ALREADY_AVAILABLE, -6

  # mstatus / mip bits.
  .equ SIE, 1 << 1
  .equ SPIE, 1 << 5
  .equ SPP, 1 << 8
  .equ MPP, 3 << 11
  .equ MPP_S, 1 << 11
  .equ SSIP, 1 << 1
  .equ MSIP_BIT, 1 << 3
  .equ STIP, 1 << 5
  .equ MTIE, 1 << 7

  .option norelax

# rd = the big-endian word at 0(base) (device tree cells); clobbers t6.
  .macro BE32 rd, base
  lbu \rd, 0(\base)
  slli \rd, \rd, 8
  lbu t6, 1(\base)
  or \rd, \rd, t6
  slli \rd, \rd, 8
  lbu t6, 2(\base)
  or \rd, \rd, t6
  slli \rd, \rd, 8
  lbu t6, 3(\base)
  or \rd, \rd, t6
  .endm

# Polled transmit of register r (clobbers t5, t6): wait for LSR.THRE, write THR.
  .macro UART_PUT r
  li t5, UART
99:
  lbu t6, 5(t5)
  andi t6, t6, 0x20
  beqz t6, 99b
  sb \r, 0(t5)
  .endm

  .text
  .globl _start
_start:
  li t0, MAX_HARTS
  bgeu a0, t0, hang            # a hart we have no area for stays out of the way
  slli t0, a0, 8
  li t1, HART_AREAS
  add tp, t0, t1               # tp = this hart's area (the shim never touches the guest's tp)
  csrw mscratch, tp
  la t0, trap
  csrw mtvec, t0

  # PMP (checked in order): entry 0 = our RAM, no access from S/U; entry 1 = everything, RWX.
  li t0, (SHIM_RAM >> 2) | (0x10000 / 8 - 1)   # NAPOT: base >> 2, then size/8 - 1 in the low bits
  csrw pmpaddr0, t0
  li t0, -1
  csrw pmpaddr1, t0
  li t0, (0x1f << 8) | 0x18    # entry 1: NAPOT | X | W | R; entry 0: NAPOT only
  csrw pmpcfg0, t0

  # Delegation as OpenSBI's delegate_traps(): S-mode's own interrupts, and misaligned fetch,
  # breakpoint, ecall from U and the three page faults. Other S/U exceptions come here and are
  # redirected (below), as OpenSBI's sbi_trap_redirect does.
  li t0, (1 << 1) | (1 << 5) | (1 << 9)
  csrw mideleg, t0
  li t0, (1 << 0) | (1 << 3) | (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15)
  csrw medeleg, t0
  li t0, -1
  csrw mcounteren, t0          # S-mode may read time, cycle, instret
  # No timer until set_timer: mtimecmp = all ones (high word first, so it never matches early).
  slli t0, a0, 3
  li t1, MTIMECMP
  add t0, t0, t1
  li t1, -1
  sw t1, 4(t0)
  sw t1, 0(t0)
  li t0, MSIP_BIT
  csrw mie, t0                 # the M software interrupt carries IPIs and hart_start

  lw t0, 20(a2)                # fw_dynamic_info.boot_hart
  bne a0, t0, park

  # The boot hart: count the harts (cpu@N nodes under /cpus), mark the others STOPPED.
  mv s0, a1
  addi t0, s0, 8
  BE32 t1, t0                  # off_dt_struct
  add t0, s0, t1
  li s1, 0
walk:
  BE32 t1, t0
  addi t0, t0, 4
  li t2, 1                     # FDT_BEGIN_NODE: a name, NUL-terminated, padded to 4
  beq t1, t2, node
  li t2, 3                     # FDT_PROP: length, name offset, value padded to 4
  beq t1, t2, prop
  li t2, 9                     # FDT_END
  beq t1, t2, walked
  j walk                       # FDT_END_NODE, FDT_NOP
prop:
  BE32 t1, t0
  addi t1, t1, 3
  andi t1, t1, -4
  addi t1, t1, 8
  add t0, t0, t1
  j walk
node:
  lw t1, 0(t0)
  li t2, 0x40757063            # "cpu@" read as a little-endian word
  bne t1, t2, 1f
  addi s1, s1, 1
1:lbu t1, 0(t0)
  addi t0, t0, 1
  bnez t1, 1b
  addi t0, t0, 3
  andi t0, t0, -4
  j walk
walked:
  li t0, HART_COUNT
  sw s1, 0(t0)
  li t0, 0
  li t1, HART_AREAS
1:li t2, STOPPED
  bne t0, a0, 2f
  li t2, STARTED
2:sw t2, AREA_HSM(t1)
  addi t0, t0, 1
  addi t1, t1, 256
  bltu t0, s1, 1b
  fence w, w

  lw t0, 8(a2)                 # next_addr
  csrw mepc, t0
  lw t0, 12(a2)                # next_mode (1 = S)
  slli t0, t0, 11
  csrw mstatus, t0             # MPP = next_mode, MPIE = 0: the guest starts with interrupts off
  j enter_guest                # a0 = hart id, a1 = device tree

# A STOPPED hart: sleep until hart_start marks us START_PENDING and rings our msip.
park:
  csrwi mie, MSIP_BIT
1:wfi
  csrr t0, mhartid
  slli t0, t0, 2
  li t1, MSIP
  add t0, t0, t1
  sw zero, 0(t0)
  lw t0, AREA_HSM(tp)
  li t1, START_PENDING
  bne t0, t1, 1b
  fence r, r
  li t0, STARTED
  sw t0, AREA_HSM(tp)
  lw t0, AREA_START_ADDR(tp)
  csrw mepc, t0
  li t0, MPP_S
  csrw mstatus, t0
  csrw satp, zero
  csrw sie, zero               # a fresh start: sie = 0, satp = 0, SIE = 0
  csrr a0, mhartid
  lw a1, AREA_OPAQUE(tp)
enter_guest:
  # Registers other than a0/a1 are not part of the protocol; zero the ones the shim used.
  li t0, 0
  li t1, 0
  li t2, 0
  li t6, 0
  li s0, 0
  li s1, 0
  li tp, 0
  mret

hang:
  wfi
  j hang

# ---- traps from S/U-mode (and the M interrupts) ----
  .align 2
trap:
  csrrw t6, mscratch, t6       # t6 = our area, mscratch = the guest's t6
  .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
  sw x\r, 4*\r(t6)
  .endr
  csrr t5, mscratch
  sw t5, 4*31(t6)
  csrw mscratch, t6
  mv tp, t6
  csrr t0, mcause
  bltz t0, interrupt
  li t1, 9                     # ecall from S-mode: an SBI call
  beq t0, t1, sbi_call

# Any other exception: deliver it to S-mode as if it had been delegated.
redirect:
  csrr t1, mstatus
  srli t2, t1, 11
  andi t2, t2, 3               # MPP: where the trap came from
  li t3, 3
  beq t2, t3, shim_bug
  csrr t3, mepc
  csrw sepc, t3
  csrw scause, t0
  csrr t3, mtval
  csrw stval, t3
  li t3, ~(SIE | SPIE | SPP | MPP)
  and t3, t1, t3
  andi t4, t1, SIE
  slli t4, t4, 4               # SPIE = SIE
  or t3, t3, t4
  beqz t2, 1f
  ori t3, t3, SPP              # SPP = 1 when the trap came from S
1:li t4, MPP_S
  or t3, t3, t4
  csrw mstatus, t3
  csrr t3, stvec
  andi t3, t3, -4
  csrw mepc, t3
  j restore

shim_bug:                      # a trap inside the shim itself: stop with exit code 0x4d ('M')
  li t0, FINISHER
  li t1, (0x4d << 16) | 0x3333
  sw t1, 0(t0)
  j hang

interrupt:
  slli t0, t0, 1
  srli t0, t0, 1
  li t1, 7                     # machine timer: hand it to S-mode as STIP, mask it until the next set_timer
  bne t0, t1, 1f
  li t1, MTIE
  csrc mie, t1
  li t1, STIP
  csrs mip, t1
  j restore
1:li t1, 3                     # machine software (an IPI): clear msip, raise SSIP
  bne t0, t1, restore
  csrr t0, mhartid
  slli t0, t0, 2
  li t1, MSIP
  add t0, t0, t1
  sw zero, 0(t0)
  li t1, SSIP
  csrs mip, t1
  j restore

# a7 = extension, a6 = function, a0..a5 = arguments (still in the registers). Results go into the
# saved a0/a1; the guest resumes after its ecall.
sbi_call:
  csrr t0, mepc
  addi t0, t0, 4
  csrw mepc, t0
  li t0, 1
  beq a7, t0, legacy_putchar
  li t0, 2
  beq a7, t0, legacy_getchar
  li t0, EID_DBCN
  beq a7, t0, dbcn
  li t0, EID_TIME
  beq a7, t0, time
  li t0, EID_IPI
  beq a7, t0, ipi
  li t0, EID_HSM
  beq a7, t0, hsm
  li t0, EID_SRST
  beq a7, t0, srst
not_supported:
  li a0, ERR_NOT_SUPPORTED
  li t0, 0x10                  # legacy calls (0x00-0x0f) return in a0 only
  bltu a7, t0, ret_a0
ret_err:                       # a0 = error, a1 = 0
  li a1, 0
ret_a0_a1:
  sw a1, 4*11(tp)
ret_a0:
  sw a0, 4*10(tp)
restore:
  mv t6, tp
  .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
  lw x\r, 4*\r(t6)
  .endr
  lw t6, 4*31(t6)
  mret

legacy_putchar:                # a0 = byte; returns 0
  UART_PUT a0
  li a0, 0
  j ret_a0

legacy_getchar:                # returns the byte, or -1 when nothing was received
  li t0, UART
  lbu t1, 5(t0)
  andi t1, t1, 1
  li a0, -1
  beqz t1, ret_a0
  lbu a0, 0(t0)
  j ret_a0

dbcn:
  li t0, 2                     # console_write_byte(byte)
  bne a6, t0, 1f
  UART_PUT a0
  li a0, 0
  j ret_err
1:bnez a6, not_supported       # console_write(num_bytes, base_lo, base_hi)
  li t0, ERR_FAILED
  bnez a2, 3f                  # RV32: the buffer must be below 4 GiB
  mv t1, a1
  add t2, a1, a0
2:beq t1, t2, 4f
  lbu t3, 0(t1)                # M-mode reads the buffer at its physical address, as OpenSBI does
  UART_PUT t3
  addi t1, t1, 1
  j 2b
3:mv a0, t0
  j ret_err
4:mv a1, a0                    # a1 = bytes written
  li a0, 0
  j ret_a0_a1

time:                          # set_timer(stime_value_lo, stime_value_hi)
  bnez a6, not_supported
  csrr t0, mhartid
  slli t0, t0, 3
  li t1, MTIMECMP
  add t0, t0, t1
  li t1, -1
  sw t1, 0(t0)                 # low word to all ones first: no early match while the high word changes
  sw a1, 4(t0)
  sw a0, 0(t0)
  li t1, STIP
  csrc mip, t1
  li t1, MTIE
  csrs mie, t1
  li a0, 0
  j ret_err

ipi:                           # send_ipi(hart_mask, hart_mask_base)
  bnez a6, not_supported
  li t0, -1
  bne a1, t0, 2f
  li a0, 0                     # base -1: every started hart
  li a1, 0
  li t0, HART_COUNT
  lw t2, 0(t0)
  li t0, 0
  li t1, HART_AREAS
1:lw t3, AREA_HSM(t1)
  bnez t3, 5f                  # not STARTED
  li t3, 1
  sll t3, t3, t0
  or a0, a0, t3
5:addi t0, t0, 1
  addi t1, t1, 256
  bltu t0, t2, 1b
2:li t5, 0                     # pass 0 checks every target, pass 1 rings them
3:mv t0, a0
  mv t1, a1
4:beqz t0, 7f
  andi t2, t0, 1
  beqz t2, 6f
  li t2, HART_COUNT
  lw t2, 0(t2)
  bgeu t1, t2, invalid_param   # no such hart
  slli t2, t1, 8
  li t3, HART_AREAS
  add t2, t2, t3
  lw t2, AREA_HSM(t2)
  bnez t2, invalid_param       # not STARTED
  beqz t5, 6f
  slli t2, t1, 2
  li t3, MSIP
  add t2, t2, t3
  li t3, 1
  sw t3, 0(t2)
6:srli t0, t0, 1
  addi t1, t1, 1
  j 4b
7:addi t5, t5, 1
  li t2, 2
  bltu t5, t2, 3b
  li a0, 0
  j ret_err
invalid_param:
  li a0, ERR_INVALID_PARAM
  j ret_err

hsm:
  li t0, 1
  beq a6, t0, hart_stop
  li t0, 2
  beq a6, t0, hart_get_status
  bnez a6, not_supported
hart_start:                    # hart_start(hartid, start_addr, opaque)
  li t0, HART_COUNT
  lw t0, 0(t0)
  bgeu a0, t0, invalid_param
  li t0, RAM_START             # the address must be somewhere S-mode may execute
  bltu a1, t0, 3f
  li t0, SHIM_RAM
  bgeu a1, t0, 3f
  slli t0, a0, 8
  li t1, HART_AREAS
  add t0, t0, t1
  sw a1, AREA_START_ADDR(t0)
  sw a2, AREA_OPAQUE(t0)
  fence w, w
  addi t1, t0, AREA_HSM
  li t3, START_PENDING
1:lr.w t2, (t1)                # STOPPED -> START_PENDING, atomically (another hart may race us)
  li t4, STOPPED
  bne t2, t4, 2f
  sc.w t4, t3, (t1)
  bnez t4, 1b
  slli t0, a0, 2               # ring its msip: the parked hart wakes up
  li t1, MSIP
  add t0, t0, t1
  li t1, 1
  sw t1, 0(t0)
  li a0, 0
  j ret_err
2:li a0, ERR_ALREADY_AVAILABLE
  beqz t2, ret_err             # STARTED
  li a0, ERR_INVALID_PARAM
  j ret_err
3:li a0, ERR_INVALID_ADDRESS
  j ret_err

hart_stop:                     # never returns: back to the park loop, STOPPED
  li t0, STOPPED
  sw t0, AREA_HSM(tp)
  li t0, MTIE
  csrc mie, t0
  li t0, SSIP | STIP
  csrc mip, t0
  j park

hart_get_status:               # hart_get_status(hartid) -> a1 = state
  li t0, HART_COUNT
  lw t0, 0(t0)
  bgeu a0, t0, invalid_param
  slli t0, a0, 8
  li t1, HART_AREAS
  add t0, t0, t1
  lw a1, AREA_HSM(t0)
  li a0, 0
  j ret_a0_a1

srst:                          # system_reset(type, reason): shutdown (0), cold (1) or warm (2) reboot
  bnez a6, not_supported
  li t1, 2
  bgtu a0, t1, invalid_param
  li t1, 1
  bgtu a1, t1, invalid_param
  li t0, FINISHER
  beqz a0, 1f
  li t1, 0x7777                # reboot
  j 3f
1:li t1, 0x5555                # shutdown, no reason: QEMU exits 0
  beqz a1, 3f
  li t1, (1 << 16) | 0x3333    # shutdown for a system failure: QEMU exits 1
3:sw t1, 0(t0)
  j hang
