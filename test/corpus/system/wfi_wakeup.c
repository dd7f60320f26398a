/* WFI: with mstatus.MIE=0 it returns once an interrupt enabled in mie is pending, without
   taking it; with MIE=1 the interrupt is taken and execution continues after the wfi; it
   returns at once when such an interrupt is already pending, also one delegated to S.
   The timer deadlines are short; only events and their order are printed. */
#include "sys.h"

static volatile uint32_t taken, last_cause, backup;

static void m_handler(struct frame *f) {
  taken++;
  last_cause = f->cause;
  if (f->cause == (MCAUSE_INT | IRQ_MTI)) mtimecmp_write(0, backup ? mtime_read() + 10000 : MTIME_NEVER);
  else if (f->cause == (MCAUSE_INT | IRQ_MSI)) CLINT_MSIP(0) = 0;
  else {
    putln("unexpected trap", f->cause);
    corpus_exit(3);
  }
}

static void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

int main(void) {
  sys_init();
  m_trap = m_handler;
  mtimecmp_write(0, MTIME_NEVER);
  CSR_WRITE(mie, 1u << IRQ_MTI);

  puts_("MIE=0, timer armed, wfi\n");
  uint64_t deadline = mtime_read() + 1000;
  mtimecmp_write(0, deadline);
  wfi();
  putln("  mip.MTIP after wfi", (CSR_READ(mip) >> IRQ_MTI) & 1);
  putln("  mtime >= mtimecmp", mtime_read() >= deadline);
  putln("  taken", taken);
  CSR_SET(mstatus, MSTATUS_MIE);
  putln("  taken once MIE=1", taken);
  putln("  cause", last_cause);
  CSR_CLEAR(mstatus, MSTATUS_MIE);

  puts_("MIE=1, timer armed, wfi\n");
  /* if the interrupt comes before the wfi, a second (backup) one ends the wfi */
  backup = 1;
  uint32_t before = taken;
  deadline = mtime_read() + 1000;
  mtimecmp_write(0, deadline);
  CSR_SET(mstatus, MSTATUS_MIE);
  wfi();
  CSR_CLEAR(mstatus, MSTATUS_MIE);
  backup = 0;
  mtimecmp_write(0, MTIME_NEVER);
  putln("  taken by the time wfi returned", taken != before);
  putln("  mtime >= deadline", mtime_read() >= deadline);

  puts_("MIE=0, msip already pending and enabled, wfi\n");
  CSR_WRITE(mie, 1u << IRQ_MSI);
  CLINT_MSIP(0) = 1;
  wfi();
  putln("  returned; mip.MSIP", (CSR_READ(mip) >> IRQ_MSI) & 1);
  CLINT_MSIP(0) = 0;

  puts_("MIE=1, SSIP delegated to S, pending and enabled in mie, wfi in M\n");
  CSR_WRITE(mideleg, 1u << IRQ_SSI);
  CSR_WRITE(mie, 1u << IRQ_SSI);
  CSR_SET(mip, 1u << IRQ_SSI);
  before = taken;
  CSR_SET(mstatus, MSTATUS_MIE);
  wfi();
  putln("  returned; taken in M", taken - before);
  CSR_CLEAR(mstatus, MSTATUS_MIE);
  CSR_CLEAR(mip, 1u << IRQ_SSI);
  CSR_WRITE(mideleg, 0);

  puts_("wfi in a loop until 5 timer interrupts\n");
  CSR_WRITE(mie, 1u << IRQ_MTI);
  CSR_CLEAR(mstatus, MSTATUS_MIE);
  before = taken;
  for (int i = 0; i < 5; i++) {
    uint32_t t = taken;
    mtimecmp_write(0, mtime_read() + 500);
    WAIT_M(taken != t);
  }
  putln("  taken", taken - before);
  return 0;
}
