/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* A hypervisor in HS-mode runs a guest (corpus_two_stage.S) by sret with hstatus.SPV = 1; the
   guest's ecall (medeleg bit 10) brings it back. Between guest runs the hypervisor:
   - switches hgatp between VMID 1 and VMID 2 (another G-stage root: GPA 0xc0000000 maps to
     ts_page_b) and vsatp between ASID 3 and ASID 5 (another VS root: VA 0x40400000 maps to the
     G superpage), without fences: each context sees its own translations;
   - changes vsstatus.SUM: the guest's next access to a user page follows it;
   - rewrites a VS PTE, then hfence.vvma (by address and ASID, ASID, address, all), and a G-stage
     PTE, then hfence.gvma (by GPA and VMID, VMID, GPA, all): the guest, and HLV from HS, see
     the new PTE.
   Each guest run loads the word at s6 into s2 (-1 if it faulted). Only what the architecture
   requires is printed; values a cache may keep before a fence are not. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_two_stage.S"
#define SUM (1 << 18)

/* HS: run the guest's load of \va (VS-mode) and print what it read as \name */
.macro GUEST_LOAD name, va
  li s6, \va
  la s7, .Lback\@
  la t0, guest_load
  csrw sepc, t0
  li t0, HSTATUS_SPV
  csrs hstatus, t0
  li t0, 0x100                  /* SPP = S */
  csrs sstatus, t0
  sret
.Lback\@:
  PRINT \name, s2
.endm

/* HS: hgatp = \root, VMID \vmid; vsatp = \vsroot, ASID \asid. Clobbers t0, t1. */
.macro SET_ATP csr, root, id, idshift
  la t0, \root
  srli t0, t0, 12
  li t1, (1 << 31) | ((\id) << \idshift)
  or t0, t0, t1
  csrw \csr, t0
.endm

/* HS: rewrite PTE \idx of \table to the page of address \target (a constant or label), flags \flags */
.macro REPOINT table, idx, target, flags
  la a0, \target
  TS_PTE \table, \idx, a0, \flags
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  TWO_STAGE_INIT
  la a0, vsroot5                /* ASID 5: VA 0x40400000 -> GPA 0x90000000 */
  la a1, ts_vsroot
  li a2, 4096
  call copy
  li a0, 0x90000000
  TS_PTE vsroot5, 0x101, a0, 0xc7
  la a0, groot2                 /* VMID 2: GPA 0xc0000000 -> ts_page_b */
  la a1, ts_groot
  li a2, 16384
  call copy
  la a0, gl0_2
  la a1, ts_gl0
  li a2, 4096
  call copy
  la a0, gl0_2
  TS_PTE groot2, 0x300, a0, 0x01
  la a0, ts_page_b
  TS_PTE gl0_2, 0, a0, 0xd7
  li t0, 1 << 10
  csrw medeleg, t0
  la t0, hs_exit
  csrw stvec, t0
  ENTER_HS MODE_S, hs_main
hs_main:
  /* VMIDs */
  GUEST_LOAD vmid1, 0x40000000
  SET_ATP hgatp, groot2, 2, 22
  GUEST_LOAD vmid2, 0x40000004
  SET_ATP hgatp, ts_groot, 1, 22
  GUEST_LOAD vmid1_again, 0x40000008
  /* ASIDs */
  GUEST_LOAD asid3, 0x40400000
  SET_ATP vsatp, vsroot5, 5, 22
  GUEST_LOAD asid5, 0x40400000
  SET_ATP vsatp, ts_vsroot, 3, 22
  GUEST_LOAD asid3_again, 0x40400008
  /* vsstatus.SUM */
  li t0, SUM
  csrs vsstatus, t0
  GUEST_LOAD user_page_sum1, 0x40001000
  li t0, SUM
  csrc vsstatus, t0
  GUEST_LOAD user_page_sum0, 0x40001004
  /* hfence.vvma after rewriting the VS leaf of VA 0x40007000 (page_b; the guest used it) */
  GUEST_LOAD vs_leaf_before, 0x40007000
  REPOINT ts_vsl0, 7, 0xc0000000, 0xc7
  li t2, 0x40007000
  li t3, 3
  hfence.vvma t2, t3
  GUEST_LOAD hfence_vvma_va_asid, 0x40007004
  REPOINT ts_vsl0, 7, 0xc0001000, 0xc7
  li t3, 3
  hfence.vvma zero, t3
  GUEST_LOAD hfence_vvma_asid, 0x40007008
  REPOINT ts_vsl0, 7, 0xc0000000, 0xc7
  li t2, 0x40007000
  hfence.vvma t2, zero
  GUEST_LOAD hfence_vvma_va, 0x4000700c
  REPOINT ts_vsl0, 7, 0xc0001000, 0xc7
  hfence.vvma
  GUEST_LOAD hfence_vvma_all, 0x40007010
  li t2, 0x40007014
  hlv.w t1, (t2)
  PRINT hlv_after_hfence_vvma, t1
  /* hfence.gvma after rewriting the G leaf of GPA 0xc0001000 (page_b -> page_a) */
  REPOINT ts_gl0, 1, ts_page_a, 0xd7
  li t2, 0xc0001000 >> 2
  li t3, 1
  hfence.gvma t2, t3
  GUEST_LOAD hfence_gvma_gpa_vmid, 0x40007018
  REPOINT ts_gl0, 1, ts_page_b, 0xd7
  li t3, 1
  hfence.gvma zero, t3
  GUEST_LOAD hfence_gvma_vmid, 0x4000701c
  REPOINT ts_gl0, 1, ts_page_a, 0xd7
  li t2, 0xc0001000 >> 2
  hfence.gvma t2, zero
  GUEST_LOAD hfence_gvma_gpa, 0x40007020
  REPOINT ts_gl0, 1, ts_page_b, 0xd7
  hfence.gvma
  GUEST_LOAD hfence_gvma_all, 0x40007024
  li t2, 0x40007028
  hlv.w t1, (t2)
  PRINT hlv_after_hfence_gvma, t1
  RETURN_TO_M done
done:
  la t0, corpus_hyp_strap
  csrw stvec, t0
  csrw medeleg, zero
  csrw hgatp, zero
  csrw vsatp, zero
  PRINT traps, s9
  FINISH

/* VS-mode */
guest_load:
  li s2, -1
  EXPECT_AT guest_lw
guest_lw:
  lw s2, 0(s6)
  ecall

/* HS-mode trap vector while the hypervisor runs guests: back to the hypervisor at s7 */
  .align 2
hs_exit:
  jr s7

/* copy a2 bytes (a multiple of 4) from a1 to a0; clobbers a0-a2, t0 */
copy:
  lw t0, 0(a1)
  sw t0, 0(a0)
  addi a0, a0, 4
  addi a1, a1, 4
  addi a2, a2, -4
  bnez a2, copy
  ret

  .section .data
  .balign 16384
groot2: .space 16384
gl0_2: .space 4096
vsroot5: .space 4096
