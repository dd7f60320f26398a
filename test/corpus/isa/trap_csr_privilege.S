/* CSR accesses that must raise illegal instruction (mtval = the instruction): CSR numbers QEMU
   7.2 does not implement (from M), debug-mode-only dcsr (from M), M-level CSRs from S and U,
   S-level CSRs from U, hypervisor CSRs from U (legal from HS). Each line of output names the
   access; "ok" lines are accesses that must NOT trap. */
#include "corpus.S"
#include "corpus_trap.S"

/* csrr from \csr, printing how many traps it took (0 or 1) */
.macro TRY_READ csr, name
  mv t2, s9
  EXPECT_AT .Ltry\@
.Ltry\@: csrr t1, \csr
  sub t2, s9, t2
  PRINT \name\()_trapped, t2
.endm
.macro TRY_WRITE csr, name
  mv t2, s9
  li t1, 0
  EXPECT_AT .Lread\@
.Lread\@: csrr t1, \csr               /* may trap as well: counted too */
  EXPECT_AT .Ltry\@
.Ltry\@: csrw \csr, t1
  sub t2, s9, t2
  PRINT \name\()_write_trapped, t2
.endm

  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  PMP_OPEN
  TRY_READ 0x400, m_csr_0x400
  TRY_READ 0x5c0, m_csr_0x5c0
  TRY_READ 0x7c0, m_csr_0x7c0_custom
  TRY_READ 0x7ff, m_csr_0x7ff_custom
  TRY_READ 0x800, m_csr_0x800_custom
  TRY_READ 0xbff, m_csr_0xbff_custom
  TRY_READ 0xfff, m_csr_0xfff
  TRY_READ 0x015, m_seed
  TRY_READ 0x7b0, m_dcsr
  TRY_READ 0x7b1, m_dpc
  TRY_READ 0x321, m_csr_0x321
  TRY_READ 0x30c, m_mstateen0
  TRY_READ 0x001, m_fflags_fs_off

  ENTER_MODE MODE_S, supervisor
supervisor:
  TRY_READ mstatus, s_mstatus
  TRY_READ mhartid, s_mhartid
  TRY_READ mscratch, s_mscratch
  TRY_READ pmpcfg0, s_pmpcfg0
  TRY_READ mcycle, s_mcycle
  TRY_READ medeleg, s_medeleg
  TRY_WRITE mtvec, s_mtvec
  TRY_READ sstatus, s_sstatus_ok
  TRY_WRITE sscratch, s_sscratch_ok
  TRY_READ satp, s_satp_ok
  TRY_READ hstatus, s_hstatus_hs_ok
  BACK_TO_M to_user
to_user:
  ENTER_MODE MODE_U, user
user:
  TRY_READ sstatus, u_sstatus
  TRY_WRITE sscratch, u_sscratch
  TRY_READ satp, u_satp
  TRY_READ stvec, u_stvec
  TRY_READ sip, u_sip
  TRY_READ mstatus, u_mstatus
  TRY_READ misa, u_misa
  TRY_READ hstatus, u_hstatus
  TRY_READ 0x800, u_csr_0x800_custom
  BACK_TO_M done
done:
  PRINT traps_total, s9
  FINISH
