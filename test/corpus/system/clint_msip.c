/* CLINT msip (machine software interrupt): only bit 0 is kept, mip.MSIP follows it and
   cannot be set through the mip CSR; writing msip=1 with MSIE and MIE set traps
   (cause 0x80000003), the handler clears it; ten self-IPIs in a row. */
#include "sys.h"

static volatile uint32_t taken;
static uint32_t cause_seen;

static void m_handler(struct frame *f) {
  if (f->cause != (MCAUSE_INT | IRQ_MSI)) {
    putln("unexpected trap", f->cause);
    corpus_exit(3);
  }
  cause_seen = f->cause;
  taken++;
  CLINT_MSIP(0) = 0;
}

static uint32_t msip_bit(void) { return (CSR_READ(mip) >> IRQ_MSI) & 1; }

int main(void) {
  sys_init();
  m_trap = m_handler;
  putln("msip at reset", CLINT_MSIP(0));
  CLINT_MSIP(0) = 1;
  putln("msip <- 1", CLINT_MSIP(0));
  putln("  mip.MSIP", msip_bit());
  CLINT_MSIP(0) = 0xffffffffu;
  putln("msip <- ffffffff", CLINT_MSIP(0));
  CLINT_MSIP(0) = 2;
  putln("msip <- 2", CLINT_MSIP(0));
  putln("  mip.MSIP", msip_bit());
  CSR_SET(mip, 1u << IRQ_MSI);
  putln("csrs mip, MSIP: mip.MSIP", msip_bit());
  CLINT_MSIP(0) = 1;
  CSR_CLEAR(mip, 1u << IRQ_MSI);
  putln("msip=1, csrc mip, MSIP: mip.MSIP", msip_bit());
  CLINT_MSIP(0) = 0;

  CSR_WRITE(mie, 1u << IRQ_MSI);
  CSR_SET(mstatus, MSTATUS_MIE);
  for (int i = 0; i < 10; i++) {
    uint32_t before = taken;
    CLINT_MSIP(0) = 1;
    while (taken == before) {} /* when exactly it arrives is not architected */
  }
  CSR_CLEAR(mstatus, MSTATUS_MIE);
  putln("self-IPIs taken", taken);
  putln("cause", cause_seen);
  putln("msip at the end", CLINT_MSIP(0));
  return 0;
}
