/* Environment-configuration CSRs: menvcfg, menvcfgh (QEMU 7.2 implements FIOM, the Zicbom/
   Zicboz enables CBIE/CBCFE/CBZE, and STCE/PBMTE in the high half), senvcfg, field by field
   including CBIE's reserved value 2; and mseccfg/mseccfgh (absent on QEMU 7.2: reads trap). */
#include "corpus.S"
#include "corpus_trap.S"
#include "corpus_csr.S"
  .section .text.init
  .globl _start
_start:
  la sp, stack_top
  TRAP_INIT
  WARL menvcfg, menvcfg
  WARL menvcfgh, menvcfgh
  WARL senvcfg, senvcfg
  .irp csr, menvcfg, senvcfg
  WRITE_READ \csr, 0x00000001, \csr\()_fiom
  WRITE_READ \csr, 0x00000010, \csr\()_cbie_1
  WRITE_READ \csr, 0x00000020, \csr\()_cbie_2
  WRITE_READ \csr, 0x00000030, \csr\()_cbie_3
  WRITE_READ \csr, 0x00000040, \csr\()_cbcfe
  WRITE_READ \csr, 0x00000080, \csr\()_cbze
  WRITE_READ \csr, 0x0000000e, \csr\()_bits_1_3
  WRITE_READ \csr, 0xffffff00, \csr\()_bits_8_31
  .endr
  WRITE_READ menvcfgh, 0x80000000, menvcfgh_stce
  WRITE_READ menvcfgh, 0x40000000, menvcfgh_pbmte
  WRITE_READ menvcfgh, 0x3fffffff, menvcfgh_low_bits
  WARL 0x747, mseccfg
  WARL 0x757, mseccfgh
  PRINT traps_total, s9
  FINISH
