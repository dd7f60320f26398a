/* sstatus.SIE only gates S-level interrupts while the hart is in S mode: a delegated SSIP is
   not taken in S with SIE=0, is taken in S with SIE=1, and is always taken from U mode (into
   S, with SPP=0) whatever SIE says. sie still gates it everywhere. */
#include "sys.h"

static volatile uint32_t taken, last_cause, last_spp, last_spie;

static void s_handler(struct frame *f) {
  taken++;
  last_cause = f->cause;
  last_spp = (f->status >> 8) & 1;
  last_spie = (f->status >> 5) & 1;
  CSR_CLEAR(sip, 1u << IRQ_SSI);
}

static uint32_t lower_spin(uint32_t unused) {
  (void)unused;
  for (volatile int i = 0; i < 200; i++) {}
  return 0;
}

static void attempt(const char *label, uint32_t mode, uint32_t sie_on, uint32_t ssie_on) {
  CSR_CLEAR(mstatus, MSTATUS_SIE);
  if (sie_on) CSR_SET(mstatus, MSTATUS_SIE);
  CSR_WRITE(mie, ssie_on ? (1u << IRQ_SSI) : 0);
  CSR_SET(mip, 1u << IRQ_SSI);
  uint32_t before = taken;
  enter_mode(mode, lower_spin, 0, LOWER_SP);
  puts_(label);
  puts_(": taken=");
  puts_dec(taken - before);
  if (taken != before) {
    puts_(" scause=");
    puthex(last_cause);
    puts_(" SPP=");
    puts_dec(last_spp);
    puts_(" SPIE=");
    puts_dec(last_spie);
  }
  puts_(" sip.SSIP after=");
  puts_dec((CSR_READ(mip) >> IRQ_SSI) & 1);
  putch('\n');
  CSR_CLEAR(mip, 1u << IRQ_SSI);
}

int main(void) {
  sys_init();
  pmp_allow_all();
  s_trap = s_handler;
  CSR_WRITE(mideleg, 1u << IRQ_SSI);
  attempt("S mode, SIE=0, sie.SSIE=1", PRV_S, 0, 1);
  attempt("S mode, SIE=1, sie.SSIE=1", PRV_S, 1, 1);
  attempt("S mode, SIE=1, sie.SSIE=0", PRV_S, 1, 0);
  attempt("U mode, SIE=0, sie.SSIE=1", PRV_U, 0, 1);
  attempt("U mode, SIE=1, sie.SSIE=1", PRV_U, 1, 1);
  attempt("U mode, SIE=0, sie.SSIE=0", PRV_U, 0, 0);
  attempt("S mode, SIE=0, sie.SSIE=0", PRV_S, 0, 0);
  return 0;
}
