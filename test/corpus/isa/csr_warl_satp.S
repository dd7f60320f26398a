/* satp WARL from M-mode (translation does not apply to M, so any value is safe): all-ones and
   zero, MODE alone (Sv32), the ASID field's width (9 bits on RV32), PPN alone, and Bare with
   non-zero ASID/PPN; then the same Bare-mode writes from S-mode, where they are legal with
   mstatus.TVM = 0. */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  csrr s1, satp
  TRAP_INIT
  PMP_OPEN
  PRINT satp_at_reset, s1
  WARL satp, satp
  WRITE_READ satp, 0x80000000, satp_sv32_mode_only
  WRITE_READ satp, 0x7fc00000, satp_bare_asid_all_ones
  WRITE_READ satp, 0xffc00000, satp_sv32_asid_all_ones
  WRITE_READ satp, 0x00400000, satp_bare_asid_bit0
  WRITE_READ satp, 0x40000000, satp_bare_asid_bit8
  WRITE_READ satp, 0x003fffff, satp_bare_ppn_all_ones
  WRITE_READ satp, 0x80012345, satp_sv32_ppn
  /* from S-mode, staying in Bare so fetches are unaffected */
  ENTER_MODE MODE_S, supervisor
supervisor:
  csrr a0, satp
  PRINT s_satp_read, a0
  WRITE_READ satp, 0x7fc00000, s_satp_bare_asid_all_ones
  WRITE_READ satp, 0x003fffff, s_satp_bare_ppn_all_ones
  csrw satp, zero
  BACK_TO_M done
done:
  PRINT traps_total, s9
  FINISH
