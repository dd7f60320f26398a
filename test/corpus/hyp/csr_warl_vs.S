/* HYPERSTEP-TEST: cflags="-Wa,-march=rv32imac_zicsr_zifencei_h" */
/* The VS CSRs' WARL masks from M-mode (V=0), and vsie/vsip under hideleg. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_hyp.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  HTRAP_INIT
  WARL vsstatus, vsstatus
  WARL vstvec, vstvec
  WRITE_READ vstvec, 0x80000002, vstvec_mode2
  WRITE_READ vstvec, 0x80000003, vstvec_mode3
  WRITE_READ vstvec, 0x80000101, vstvec_vectored
  WARL vsscratch, vsscratch
  WARL vsepc, vsepc
  WARL vscause, vscause
  WARL vstval, vstval
  WARL vsatp, vsatp
  WRITE_READ vsatp, 0x80012345, vsatp_sv32
  WRITE_READ vsatp, 0x40012345, vsatp_mode_bit30
  WARL vsie, vsie_hideleg0
  WARL vsip, vsip_hideleg0
  li t1, -1
  csrw hideleg, t1
  csrr t2, hideleg
  PRINT hideleg, t2
  WARL vsie, vsie_hideleg_all
  WARL vsip, vsip_hideleg_all
  li t1, 0x444
  csrw hvip, t1
  csrr t2, vsip
  PRINT vsip_after_hvip, t2
  csrw hvip, zero
  li t1, 0x004
  csrw hideleg, t1
  li t1, 0x444
  csrw hie, t1
  csrr t2, vsie
  PRINT vsie_hideleg_vssi, t2
  csrw hie, zero
  csrw hideleg, zero
  /* vsstatus.SD follows its VS/FS/XS fields */
  li t1, 0x600
  csrs vsstatus, t1
  csrr t2, vsstatus
  PRINT vsstatus_vs_dirty, t2
  csrc vsstatus, t1
  FINISH
