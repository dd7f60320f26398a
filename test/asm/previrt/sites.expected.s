# sites.s with each rewritten site written out by hand: docs/PARAVIRT.md's sequence, with
# a0 = op | csr << 8 | rd << 20 | rs << 25 (op: csrrw 1, csrrs 2, csrrc 3, csrrwi 5, csrrsi 6,
# csrrci 7, sret 8, sfence.vma 9, wfi 10; registers and CSRs by number).
  .macro PRIV op, csr, rd, rs
  addi sp, sp, -16
  sw   a0, 0(sp)
  sw   a6, 4(sp)
  sw   a7, 8(sp)
  li   a7, 0x09485056
  li   a6, 8
  li   a0, \op | (\csr << 8) | (\rd << 20) | (\rs << 25)
  ecall
  lw   a0, 0(sp)
  lw   a6, 4(sp)
  lw   a7, 8(sp)
  addi sp, sp, 16
  .endm

  .text
  .globl _start
_start:
  li a0, 1
site_csrr: PRIV 2, 0x100, 5, 0
site_csrr_end:
  beqz a0, after_sie
site_csrw: PRIV 1, 0x104, 0, 10
site_csrw_end:
after_sie:
site_csrs: PRIV 2, 0x100, 0, 11
site_csrs_end:
site_csrc: PRIV 3, 0x144, 0, 17
site_csrc_end:
site_csrrw: PRIV 1, 0x140, 10, 10
site_csrrw_end:
site_csrrs: PRIV 2, 0x143, 16, 10
site_csrrs_end:
site_csrrc: PRIV 3, 0x142, 17, 16
site_csrrc_end:
site_csrwi: PRIV 5, 0x105, 0, 0
site_csrwi_end:
site_csrsi: PRIV 6, 0x100, 0, 2
site_csrsi_end:
site_csrci: PRIV 7, 0x100, 0, 31
site_csrci_end:
site_csrrwi: PRIV 5, 0x141, 16, 5
site_csrrwi_end:
site_satp: PRIV 1, 0x180, 0, 6
site_satp_end:
site_scounteren: PRIV 2, 0x106, 12, 0
site_scounteren_end:
site_csrnum: PRIV 2, 0x1ff, 13, 0
site_csrnum_end:
site_sret: PRIV 8, 0, 0, 0
site_sret_end:
site_wfi: PRIV 10, 0, 0, 0
site_wfi_end:
site_sfence_all: PRIV 9, 0, 0, 0
site_sfence_all_end:
site_sfence: PRIV 9, 0, 10, 11
site_sfence_end:
site_sfence_addr: PRIV 9, 0, 5, 0
site_sfence_addr_end:
native_swap: csrrw sp, sscratch, sp
native_read_sp: csrr sp, sscratch
native_write_sp: csrw sscratch, sp
native_sfence_sp: sfence.vma zero, sp
native_insn: .insn 0x10500073
  csrr t2, time
  rdcycle t2
  csrr t2, mstatus
  csrw mscratch, t0
  csrr t3, hstatus
  csrr t3, vsstatus
  csrr t3, 0x200
  csrr t3, 0x5c0
  mret
  la t5, after_sie
loop:
  addi a0, a0, -1
site_loop: PRIV 2, 0x141, 5, 0
site_loop_end:
  bnez a0, loop
  bnez a0, site_csrr
  beq a0, a1, far
  .rept 120
  PRIV 2, 0x100, 5, 0
  .endr
far:
  j site_wfi
  .option push
  .option norvc
site_norvc: PRIV 1, 0x141, 0, 5
site_norvc_end:
  addi a0, a0, 1
  .option pop
  .align 3
aligned: PRIV 10, 0, 0, 0
aligned_end:
  c.j _start
  .data
  .word after_sie, site_sret, far
