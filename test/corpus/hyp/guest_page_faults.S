/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* G-stage (Sv32x4) translation and its faults with vsatp Bare: guest-page faults on load (21),
   store (23) and fetch (20) with tval = the guest-virtual address and htval/mtval2 = the
   guest-physical address >> 2; G-stage leaves need U; A/D updates of a G-stage
   leaf; to M, then delegated to HS by medeleg. Then MPRV with MPV from M. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#define PTE_LEAF(hpa, flags) ((((hpa) >> 12) << 10) | (flags))
/* t0 = address of G-stage root entry \idx (s0 = root) */
.macro GENTRY idx
  li t0, (\idx) * 4
  add t0, t0, s0
.endm
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  csrw mideleg, zero
  la s0, groot
  li t1, PTE_LEAF(0x80000000, 0xdf)   /* GPA 0x80000000 -> identity, RWXU AD (4 MiB) */
  GENTRY 0x200
  sw t1, 0(t0)
  li t1, PTE_LEAF(0x10000000, 0xd7)   /* UART page: RWU AD */
  GENTRY 0x040
  sw t1, 0(t0)
  li t1, PTE_LEAF(0x80000000, 0xd3)   /* GPA 0x90000000: R U only */
  GENTRY 0x240
  sw t1, 0(t0)
  li t1, PTE_LEAF(0x80000000, 0xcf)   /* GPA 0x98000000: RWX without U */
  GENTRY 0x260
  sw t1, 0(t0)
  li t1, PTE_LEAF(0x80400000, 0x1f)   /* GPA 0x9c000000: RWXU, A and D clear */
  GENTRY 0x270
  sw t1, 0(t0)
  li t1, PTE_LEAF(0x80000000, 0xd9)   /* GPA 0xa0000000: X U only */
  GENTRY 0x280
  sw t1, 0(t0)
  srli t1, s0, 12
  li t0, (1 << 31) | (5 << 22)        /* Sv32x4, VMID 5 */
  or t1, t1, t0
  csrw hgatp, t1
  csrr t1, hgatp
  li t0, 0xffc00000
  and t1, t1, t0
  PRINT hgatp_mode_vmid, t1
  .option norvc
  ENTER_V MODE_S, vs1
vs1:
  li t2, 0x90000000
  lw t1, 0(t2)                         /* reads the first word of this program */
  la t0, _start
  lw t0, 0(t0)
  sub t1, t1, t0
  PRINT gpa_alias_minus_identity, t1
  EXPECT_AT 1f
1: sw t1, 16(t2)                       /* 23: no W */
  li t2, 0xc0000000
  EXPECT_AT 1f
1: lw t1, 8(t2)                        /* 21: unmapped */
  li t2, 0x98000000
  EXPECT_AT 1f
1: lw t1, 12(t2)                       /* 21: G-stage leaf without U */
  li t2, 0xa0000000
  EXPECT_AT 1f
1: lw t1, 0(t2)                        /* 21: execute-only, MXR=0 */
  li t2, 0x9c000000
  lw t1, 4(t2)                         /* sets A */
  RETURN_TO_M m1
m1:
  la s0, groot
  GENTRY 0x270
  lw t1, 0(t0)
  PRINT pte_after_load, t1
  /* (mstatus.MXR for the G stage while V=1: QEMU 7.2 uses vsstatus.MXR there, quirks.ts) */
  ENTER_V MODE_S, vs2
vs2:
  li t2, 0x9c000000
  li t1, 0x1234
  sw t1, 8(t2)                         /* sets D */
  RESUME_AT m2
  li t2, 0xc0000000
  EXPECT_AT 0xc0000000
  jr t2                                /* 20: fetch from unmapped GPA */
m2:
  GENTRY 0x270
  lw t1, 0(t0)
  PRINT pte_after_store, t1
  /* the same faults delegated to HS */
  li t0, (1 << 20) | (1 << 21) | (1 << 23)
  csrw medeleg, t0
  ENTER_V MODE_U, vu3
vu3:
  li t2, 0x90000000
  EXPECT_AT 1f
1: sb t1, 3(t2)
  li t2, 0xc0000000
  EXPECT_AT 1f
1: lhu t1, 6(t2)
  RESUME_AT m3
  li t2, 0xc0000400
  EXPECT_AT 0xc0000400
  jr t2
m3:
  csrw medeleg, zero
  /* MPRV with MPV=1, MPP=S from M: loads and stores as VS, through the G stage (vsatp Bare).
     (A G-stage fault on the implicit VS-stage walk under MPRV is cause 13 on QEMU 7.2, 21 per
     spec: quirks.ts, not printed.) */
  li t0, MSTATUSH_MPV
  csrs mstatush, t0
  li t0, MSTATUS_MPP_MASK
  csrc mstatus, t0
  li t0, (MODE_S << 11) | (1 << 17)
  csrs mstatus, t0
  li t2, 0x90000000
  lw s1, 0(t2)                         /* GPA 0x90000000 -> HPA 0x80000000 */
  RESUME_AT m4
  EXPECT_AT 1f
1: sw t1, 0(t2)                        /* 23: no W, from M with MPRV */
m4:
  li t0, 1 << 17
  csrc mstatus, t0
  la t0, _start
  lw t0, 0(t0)
  sub s1, s1, t0
  PRINT mprv_load_minus_identity, s1
  csrw hgatp, zero
  .option rvc
  PRINT traps, s9
  FINISH

  .section .data
  .align 14
groot: .space 16384
