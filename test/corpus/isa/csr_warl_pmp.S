/* PMP CSRs: reset values, pmpaddr0..15 all-ones/zero, pmpcfg0..3 with everything but the lock
   bits, single pmpcfg fields per byte (R, W alone - the reserved R=0/W=1 combination - X, A in
   every mode, the reserved bits 5-6), pmpcfg4/pmpaddr16 (absent: traps), and locking: a
   locked entry ignores writes to its cfg byte and address, a locked TOR entry also freezes the
   previous pmpaddr, and neighbouring cfg bytes stay writable. Stays in M-mode throughout. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  .irp n, 0,1,2,3
  csrr a0, pmpcfg\n
  PRINT pmpcfg\n\()_at_reset, a0
  .endr
  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  WARL pmpaddr\n, pmpaddr\n
  .endr
  .irp n, 0,1,2,3
  WRITE_READ pmpcfg\n, 0x7f7f7f7f, pmpcfg\n\()_all_but_lock
  .endr
  /* fields one at a time, in byte 0 and byte 2 of pmpcfg0 */
  .irp shift, 0, 16
  WRITE_READ pmpcfg0, 0x01 << \shift, pmpcfg0_r_at_\shift
  WRITE_READ pmpcfg0, 0x02 << \shift, pmpcfg0_w_only_at_\shift
  WRITE_READ pmpcfg0, 0x03 << \shift, pmpcfg0_rw_at_\shift
  WRITE_READ pmpcfg0, 0x04 << \shift, pmpcfg0_x_at_\shift
  WRITE_READ pmpcfg0, 0x06 << \shift, pmpcfg0_wx_at_\shift
  WRITE_READ pmpcfg0, 0x07 << \shift, pmpcfg0_rwx_at_\shift
  WRITE_READ pmpcfg0, 0x08 << \shift, pmpcfg0_tor_at_\shift
  WRITE_READ pmpcfg0, 0x10 << \shift, pmpcfg0_na4_at_\shift
  WRITE_READ pmpcfg0, 0x18 << \shift, pmpcfg0_napot_at_\shift
  WRITE_READ pmpcfg0, 0x1a << \shift, pmpcfg0_napot_w_only_at_\shift
  WRITE_READ pmpcfg0, 0x60 << \shift, pmpcfg0_reserved_bits_at_\shift
  .endr
  /* W-only written over an existing RWX entry */
  li t0, 0x07
  csrw pmpcfg0, t0
  li t0, 0x02
  csrw pmpcfg0, t0
  csrr a0, pmpcfg0
  PRINT pmpcfg0_w_only_over_rwx, a0
  csrw pmpcfg0, zero
  WARL pmpcfg4, pmpcfg4
  WARL pmpaddr16, pmpaddr16

  /* locking (permanent until reset, so last): entry 15 OFF+L, entry 13 TOR+L over an empty range */
  li t0, 0x1234
  csrw pmpaddr15, t0
  li t0, 0x100
  csrw pmpaddr12, t0
  csrw pmpaddr13, t0
  li t0, 0x80008800           /* byte 3 = entry 15: L|OFF; byte 1 = entry 13: L|TOR */
  csrw pmpcfg3, t0
  csrr a0, pmpcfg3;   PRINT pmpcfg3_locked, a0
  li t0, 0x5678
  csrw pmpaddr15, t0
  csrr a0, pmpaddr15; PRINT pmpaddr15_after_write_when_locked, a0
  csrw pmpaddr13, t0
  csrr a0, pmpaddr13; PRINT pmpaddr13_after_write_when_locked, a0
  csrw pmpaddr12, t0
  csrr a0, pmpaddr12; PRINT pmpaddr12_below_locked_tor, a0
  csrw pmpaddr14, t0
  csrr a0, pmpaddr14; PRINT pmpaddr14_unlocked, a0
  li t0, 0x00000f07           /* try to unlock 15 and 13, set entries 12 and 14 */
  csrw pmpcfg3, t0
  csrr a0, pmpcfg3;   PRINT pmpcfg3_after_rewrite, a0
  csrw pmpcfg3, zero
  csrr a0, pmpcfg3;   PRINT pmpcfg3_after_zero, a0
  la t0, 1f                   /* M-mode still runs: the locked entries match nothing */
  lw a0, 0(t0)
  PRINT traps_total, s9
1: FINISH
