/* Interrupt gating in M mode: a pending interrupt (CLINT msip) is taken only when both its
   mie bit and mstatus.MIE are set; mip shows it pending regardless. A delegated interrupt is
   never taken in M. While the hart is in S or U, a non-delegated interrupt is taken in M even
   with mstatus.MIE=0, and MPIE keeps the old MIE. */
#include "sys.h"

static volatile uint32_t taken, last_cause, last_mpp, last_mpie;

static void m_handler(struct frame *f) {
  if (!(f->cause & MCAUSE_INT)) {
    putln("unexpected exception", f->cause);
    corpus_exit(3);
  }
  taken++;
  last_cause = f->cause;
  last_mpp = (f->status >> 11) & 3;
  last_mpie = (f->status >> 7) & 1;
  if ((f->cause & 0x1f) == IRQ_MSI) CLINT_MSIP(0) = 0;
  if ((f->cause & 0x1f) == IRQ_SSI) CSR_CLEAR(mip, 1u << IRQ_SSI);
}

static void spin(void) { for (volatile int i = 0; i < 1000; i++) {} }

static void step(const char *label) {
  spin();
  puts_(label);
  puts_(": taken=");
  puts_dec(taken);
  puts_(" mip.MSIP=");
  puts_dec((CSR_READ(mip) >> IRQ_MSI) & 1);
  putch('\n');
}

static uint32_t lower_spin(uint32_t unused) {
  (void)unused;
  spin();
  return taken;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_handler;
  CLINT_MTIMECMP_HI(0) = 0xffffffffu; /* no timer interrupt */
  CLINT_MTIMECMP_LO(0) = 0xffffffffu;
  step("idle");
  CLINT_MSIP(0) = 1;
  step("msip=1, mie=0, MIE=0");
  CSR_SET(mstatus, MSTATUS_MIE);
  step("msip=1, mie=0, MIE=1");
  CSR_CLEAR(mstatus, MSTATUS_MIE);
  CSR_SET(mie, 1u << IRQ_MSI);
  step("msip=1, mie.MSIE=1, MIE=0");
  CSR_SET(mstatus, MSTATUS_MIE);
  step("msip=1, mie.MSIE=1, MIE=1");
  putln("  cause", last_cause);
  putln("  MPP", last_mpp);
  putln("  MPIE", last_mpie);
  putln("  mstatus.MIE after mret", (CSR_READ(mstatus) >> 3) & 1);

  /* delegated SSIP pending and enabled everywhere: not taken in M */
  CSR_WRITE(mideleg, 1u << IRQ_SSI);
  CSR_SET(mie, 1u << IRQ_SSI);
  CSR_SET(mstatus, MSTATUS_SIE);
  uint32_t before = taken;
  CSR_SET(mip, 1u << IRQ_SSI);
  spin();
  putln("delegated SSIP pending in M mode with MIE=1 SIE=1: taken", taken - before);
  CSR_CLEAR(mip, 1u << IRQ_SSI);
  CSR_CLEAR(mstatus, MSTATUS_SIE);
  CSR_WRITE(mideleg, 0);

  /* in S and U, with MIE=0 (mret copies MPIE into MIE: clear both) */
  CSR_CLEAR(mstatus, MSTATUS_MIE | MSTATUS_MPIE);
  before = taken;
  CLINT_MSIP(0) = 1;
  spin();
  putln("msip=1 in M with MIE=0: taken", taken - before);
  enter_mode(PRV_S, lower_spin, 0, LOWER_SP);
  putln("entered S with MIE=0: taken", taken - before);
  putln("  cause", last_cause);
  putln("  MPP", last_mpp);
  putln("  MPIE", last_mpie);
  CLINT_MSIP(0) = 1;
  CSR_SET(mip, 1u << IRQ_SSI);
  CSR_SET(mie, 1u << IRQ_SSI);
  CSR_CLEAR(mstatus, MSTATUS_MPIE);
  before = taken;
  enter_mode(PRV_U, lower_spin, 0, LOWER_SP);
  putln("entered U with MIE=0, MSIP and (not delegated) SSIP pending: taken", taken - before);
  putln("  last cause", last_cause);
  putln("  MPP", last_mpp);
  CSR_CLEAR(mie, 1u << IRQ_MSI);
  CLINT_MSIP(0) = 1;
  CSR_SET(mstatus, MSTATUS_MPIE);
  before = taken;
  enter_mode(PRV_S, lower_spin, 0, LOWER_SP);
  putln("entered S with mie.MSIE=0 (MIE=1 in S): taken", taken - before);
  putln("mip.MSIP still", (CSR_READ(mip) >> IRQ_MSI) & 1);
  CLINT_MSIP(0) = 0;
  return 0;
}
