/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* hgatp: MODE (Bare/Sv32x4), the VMID bits (VMIDLEN), PPN and the Sv32x4 root's 16 KiB
   alignment (PPN[1:0]); satp and vsatp beside it for comparison. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  WARL hgatp, hgatp
  WRITE_READ hgatp, 0x80000000, hgatp_mode
  WRITE_READ hgatp, 0x9fc00000, hgatp_sv32x4_vmid_ones
  WRITE_READ hgatp, 0x1fc00000, hgatp_bare_vmid_ones
  WRITE_READ hgatp, 0x00000003, hgatp_bare_ppn3
  WRITE_READ hgatp, 0x80000003, hgatp_sv32x4_ppn3
  WRITE_READ hgatp, 0x80080001, hgatp_sv32x4_ppn_odd
  WRITE_READ hgatp, 0x803fffff, hgatp_sv32x4_ppn_ones
  WRITE_READ hgatp, 0x60000000, hgatp_bits30_29
  WRITE_READ satp, 0x80012345, satp_sv32
  WRITE_READ satp, 0x7fffffff, satp_bare_fields
  WRITE_READ vsatp, 0x7fffffff, vsatp_bare_fields
  FINISH
