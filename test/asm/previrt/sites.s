# Previrtualization fixture (test/asm/previrtualize.test.ts): every form of sensitive
# instruction, sites left native, code that is not sensitive, and branches, jumps, labels,
# relocations and alignment around the rewritten sites. sites.expected.s is the same program
# with each rewritten site written out by hand as docs/PARAVIRT.md's sequence.
  .text
  .globl _start
_start:
  li a0, 1
site_csrr: csrr t0, sstatus
  beqz a0, after_sie
site_csrw: csrw sie, a0
after_sie:
site_csrs: csrs sstatus, a1
site_csrc: csrc sip, a7
site_csrrw: csrrw a0, sscratch, a0
site_csrrs: csrrs a6, stval, a0
site_csrrc: csrrc a7, scause, a6
site_csrwi: csrwi stvec, 0
site_csrsi: csrsi sstatus, 2
site_csrci: csrci sstatus, 31
site_csrrwi: csrrwi a6, sepc, 5
site_satp: csrw satp, t1
site_scounteren: csrr a2, scounteren
site_csrnum: csrrs a3, 0x1ff, zero
site_sret: sret
site_wfi: wfi
site_sfence_all: sfence.vma
site_sfence: sfence.vma a0, a1
site_sfence_addr: sfence.vma t0
  # Left native: the sequence needs the stack.
native_swap: csrrw sp, sscratch, sp
native_read_sp: csrr sp, sscratch
native_write_sp: csrw sscratch, sp
native_sfence_sp: sfence.vma zero, sp
native_insn: .insn 0x10500073
  # Not sensitive: user, machine, hypervisor and VS CSRs.
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
site_loop: csrr t0, sepc
  bnez a0, loop
  bnez a0, site_csrr
  beq a0, a1, far
  .rept 120
  csrr t0, sstatus
  .endr
far:
  j site_wfi
  .option push
  .option norvc
site_norvc: csrw sepc, t0
  addi a0, a0, 1
  .option pop
  .align 3
aligned: wfi
  c.j _start
  .data
  .word after_sie, site_sret, far
