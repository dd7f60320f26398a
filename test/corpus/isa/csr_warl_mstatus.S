/* mstatus/mstatush/sstatus WARL: the reset values, all-ones/zero, then every field alone (SIE
   MIE SPIE UBE MPIE SPP VS MPP FS XS MPRV SUM MXR TVM TW TSR, the reserved bits, SD written
   directly), SD following FS/VS dirtiness, MPP's four values (QEMU 7.2 keeps the reserved 2),
   the mstatush fields (SBE MBE GVA MPV), and which mstatus bits sstatus reads and writes. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  csrr s1, mstatus
  csrr s2, mstatush
  TRAP_INIT
  PRINT mstatus_at_reset, s1
  PRINT mstatush_at_reset, s2
  WARL mstatus, mstatus
  WARL mstatush, mstatush
  WARL sstatus, sstatus
  WRITE_READ mstatus, 0x00000002, mstatus_sie
  WRITE_READ mstatus, 0x00000008, mstatus_mie
  WRITE_READ mstatus, 0x00000020, mstatus_spie
  WRITE_READ mstatus, 0x00000040, mstatus_ube
  WRITE_READ mstatus, 0x00000080, mstatus_mpie
  WRITE_READ mstatus, 0x00000100, mstatus_spp
  WRITE_READ mstatus, 0x00000200, mstatus_vs_initial
  WRITE_READ mstatus, 0x00000400, mstatus_vs_clean
  WRITE_READ mstatus, 0x00000600, mstatus_vs_dirty
  WRITE_READ mstatus, 0x00000000, mstatus_mpp_u
  WRITE_READ mstatus, 0x00000800, mstatus_mpp_s
  WRITE_READ mstatus, 0x00001000, mstatus_mpp_reserved
  WRITE_READ mstatus, 0x00001800, mstatus_mpp_m
  WRITE_READ mstatus, 0x00002000, mstatus_fs_initial
  WRITE_READ mstatus, 0x00004000, mstatus_fs_clean
  WRITE_READ mstatus, 0x00006000, mstatus_fs_dirty
  WRITE_READ mstatus, 0x00008000, mstatus_xs_1
  WRITE_READ mstatus, 0x00018000, mstatus_xs_3
  WRITE_READ mstatus, 0x00020000, mstatus_mprv
  WRITE_READ mstatus, 0x00040000, mstatus_sum
  WRITE_READ mstatus, 0x00080000, mstatus_mxr
  WRITE_READ mstatus, 0x00100000, mstatus_tvm
  WRITE_READ mstatus, 0x00200000, mstatus_tw
  WRITE_READ mstatus, 0x00400000, mstatus_tsr
  WRITE_READ mstatus, 0x7f800000, mstatus_bits_23_30
  WRITE_READ mstatus, 0x80000000, mstatus_sd_alone
  WRITE_READ mstatus, 0x00000015, mstatus_reserved_bits_0_2_4
  WRITE_READ mstatus, 0x80006600, mstatus_fs_vs_dirty_sd
  WRITE_READ mstatush, 0x00000010, mstatush_sbe
  WRITE_READ mstatush, 0x00000020, mstatush_mbe
  WRITE_READ mstatush, 0x00000040, mstatush_gva
  WRITE_READ mstatush, 0x00000080, mstatush_mpv
  WRITE_READ mstatush, 0xffffff0f, mstatush_other_bits
  WRITE_READ sstatus, 0x00000002, sstatus_sie
  WRITE_READ sstatus, 0x00000100, sstatus_spp
  WRITE_READ sstatus, 0x00006000, sstatus_fs
  WRITE_READ sstatus, 0x000c0000, sstatus_sum_mxr

  /* sstatus writes only its bits of mstatus, and reads only those */
  csrr s1, mstatus
  csrw mstatus, zero
  li t0, -1
  csrw sstatus, t0
  csrr a0, mstatus
  csrr a1, sstatus
  li t0, -1
  csrw mstatus, t0
  csrw sstatus, zero
  csrr a2, mstatus
  csrr a3, sstatus
  csrw mstatus, s1
  PRINT mstatus_after_sstatus_ones, a0
  PRINT sstatus_after_sstatus_ones, a1
  PRINT mstatus_after_mstatus_ones_sstatus_zero, a2
  PRINT sstatus_after_mstatus_ones_sstatus_zero, a3
  /* csrs/csrc on single fields keep the others */
  csrw mstatus, zero
  li t0, 0x1800
  csrs mstatus, t0
  csrsi mstatus, 0x8
  li t0, 0x800
  csrc mstatus, t0
  csrr a0, mstatus
  csrw mstatus, s1
  PRINT mstatus_after_set_clear, a0
  PRINT traps_total, s9
  FINISH
