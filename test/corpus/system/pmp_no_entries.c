/* What happens to S and U mode when no PMP entry is active (every pmpcfg A=OFF), when only a
   non-matching entry is active, and when one entry covers everything.
   QEMU 7.2: with no active entry, mret to S/U is itself an illegal instruction (mcause 2,
   mtval = the mret encoding, mepc = the mret); getting to S through sret works, but the
   first S fetch then takes an instruction access fault (cause 1). */
#include "sys.h"

static uint32_t s_value(uint32_t arg) { return arg + 1; }

static uint32_t fn_addr;
static void my_m_trap(struct frame *f) {
  putln("  mcause", f->cause);
  putln("  mepc==fn", f->epc == fn_addr);
  putln("  mepc==enter_mode's mret", f->epc == (uint32_t)enter_mode_mret);
  putln("  mtval", f->tval == fn_addr ? 0xf00df00d : f->tval);
  putln("  trapped from", (f->status >> 11) & 3);
  sys_resume(0xdead);
}

static void attempt(const char *what, uint32_t mode, int use_sret) {
  puts_(what);
  puts_(use_sret ? " (sret)\n" : " (mret)\n");
  fn_addr = (uint32_t)s_value;
  uint32_t r = use_sret ? enter_mode_sret(mode, s_value, 0x41, LOWER_SP) : enter_mode(mode, s_value, 0x41, LOWER_SP);
  putln("  result", r);
}

int main(void) {
  sys_init();
  m_trap = my_m_trap;
  puts_("mtval==f00df00d below means mtval was the function's address\n");
  putln("pmpcfg0 at reset", CSR_READ(pmpcfg0));
  putln("pmpaddr0 at reset", CSR_READ(pmpaddr0));
  attempt("S, no entries", PRV_S, 0);
  attempt("U, no entries", PRV_U, 0);
  attempt("S, no entries", PRV_S, 1);
  attempt("U, no entries", PRV_U, 1);
  /* an address but A=OFF: still no active entry */
  CSR_WRITE(pmpaddr0, 0xffffffffu);
  CSR_WRITE(pmpcfg0, PMP_R | PMP_W | PMP_X);
  putln("pmpcfg0 (A=OFF, RWX)", CSR_READ(pmpcfg0));
  attempt("S, entry with A=OFF", PRV_S, 0);
  /* one active entry that does not cover the program: NA4 at 0x1000 */
  CSR_WRITE(pmpaddr1, 0x1000u >> 2);
  CSR_WRITE(pmpcfg0, (PMP_NA4 | PMP_R | PMP_W | PMP_X) << 8);
  putln("pmpcfg0 (pmp1 NA4)", CSR_READ(pmpcfg0));
  attempt("S, one non-matching entry", PRV_S, 0);
  attempt("U, one non-matching entry", PRV_U, 0);
  attempt("U, one non-matching entry", PRV_U, 1);
  /* M mode is not restricted by a non-matching unlocked entry */
  volatile uint32_t probe = 7;
  putln("M reads its own data", probe);
  pmp_allow_all();
  putln("pmpcfg0 (NAPOT all)", CSR_READ(pmpcfg0));
  attempt("S, NAPOT all RWX", PRV_S, 0);
  attempt("U, NAPOT all RWX", PRV_U, 0);
  attempt("S, NAPOT all RWX", PRV_S, 1);
  return 0;
}
