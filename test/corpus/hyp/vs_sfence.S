/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* sfence.vma in VS-mode, with both stages on (corpus_two_stage.S):
   1. VS rewrites its own PTEs; after sfence.vma by address and ASID, by ASID, by address, or
      all, the next access uses the new PTE (a superpage by any address inside it).
   2. Two address spaces (ASID 3 and 5) of the guest: switching satp (vsatp) from VS, without a
      fence, gives each its own translation.
   Only accesses after the fence (or in a context that was never stale) are printed: what a
   translation cache may still return before the fence is implementation-defined. QEMU 7.2
   flushes its whole TLB on every fence and every change of V, so that the fence flushes only
   this guest's translations cannot show here (hs_guest_switch.S keeps V=1 contexts apart). */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_two_stage.S"

/* VS: PTE \idx of ts_vsl0 = GPA \gpa, S RW AD (RWX AD with x=1), written through the identity
   map. Clobbers t0-t2, a0. */
.macro VS_SET_L0 idx, gpa, x=0
  li a0, \gpa
  .if \x
  TS_PTE ts_vsl0, \idx, a0, 0xcf
  .else
  TS_PTE ts_vsl0, \idx, a0, 0xc7
  .endif
.endm

/* t1 = the word at \va */
.macro PEEK name, va
  li t2, \va
  lw t1, 0(t2)
  PRINT \name, t1
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  TWO_STAGE_INIT
  /* second VS root (ASID 5): VA 0x40400000 -> GPA 0x90000000 (the G superpage) */
  la a0, vsroot5
  la a1, ts_vsroot
  li a2, 4096
  call copy
  li a0, 0x90000000
  TS_PTE vsroot5, 0x101, a0, 0xc7
  ENTER_V MODE_S, vs
vs:
  /* 1 */
  PEEK before_fence, 0x40007000
  VS_SET_L0 7, 0xc0000000
  li t2, 0x40007000
  li t3, 3
  sfence.vma t2, t3
  PEEK after_sfence_va_asid, 0x40007004
  VS_SET_L0 7, 0xc0001000
  li t3, 3
  sfence.vma zero, t3
  PEEK after_sfence_asid, 0x40007008
  VS_SET_L0 7, 0xc0000000
  li t2, 0x40007000
  sfence.vma t2, zero
  PEEK after_sfence_va, 0x4000700c
  VS_SET_L0 7, 0xc0001000
  sfence.vma
  PEEK after_sfence_all, 0x40007010
  PEEK superpage_before, 0x40400000
  li a0, 0x90000000             /* VA 0x40400000 4 MiB -> GPA 0x90000000 */
  TS_PTE ts_vsroot, 0x101, a0, 0xc7
  li t2, 0x407ff000             /* fence one page of the superpage: all of it changes */
  sfence.vma t2, zero
  PEEK superpage_after_sfence, 0x40400000
  li a0, 0xc0000000
  TS_PTE ts_vsroot, 0x101, a0, 0xc7
  sfence.vma
  /* 2 */
  PEEK asid3, 0x40400000
  la t0, vsroot5
  srli t0, t0, 12
  li t1, (1 << 31) | (5 << 22)
  or t0, t0, t1
  csrw satp, t0
  PEEK asid5, 0x40400000
  la t0, ts_vsroot
  srli t0, t0, 12
  li t1, TS_VSATP_ASID3
  or t0, t0, t1
  csrw satp, t0
  PEEK asid3_again, 0x40400000
  RETURN_TO_M done
done:
  csrw hgatp, zero
  csrw vsatp, zero
  PRINT traps, s9
  FINISH

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
  .balign 4096
vsroot5: .space 4096
