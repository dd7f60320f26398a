/* mstatus.TW and WFI by privilege: in S, wfi is legal with TW=0 and an illegal instruction
   (mtval = its encoding) with TW=1; in U it is illegal whatever TW says (QEMU 7.2 with S
   mode present); TW does not affect M. With medeleg bit 2 the trap goes to S. A pending,
   enabled (delegated, SIE=0) SSIP makes a legal wfi in M or S return at once; in U a timer
   interrupt would end a wfi that did not trap. */
#include "sys.h"

extern char t_wfi[];
__asm__(".pushsection .text.t, \"ax\"\n.option push\n.option norvc\n"
        "t_wfi: wfi\n ret\n.option pop\n.popsection\n");

static volatile char who;
static volatile uint32_t cause, tval, epc_ok;

static void rec(struct frame *f, char w) {
  who = w;
  cause = f->cause;
  tval = f->tval;
  epc_ok = f->epc == (uint32_t)t_wfi;
  if (f->cause == (MCAUSE_INT | IRQ_MTI)) mtimecmp_write(0, MTIME_NEVER);
  else f->epc += 4;
}
static void m_handler(struct frame *f) { rec(f, 'M'); }
static void s_handler(struct frame *f) { rec(f, 'S'); }

static uint32_t do_wfi(uint32_t unused) {
  (void)unused;
  ((void (*)(void))t_wfi)();
  return 0;
}

static void attempt(const char *label, uint32_t mode, uint32_t tw) {
  who = '-';
  if (tw) CSR_SET(mstatus, MSTATUS_TW);
  else CSR_CLEAR(mstatus, MSTATUS_TW);
  if (mode == PRV_U) {
    /* any enabled interrupt would be taken in U: wake a legal wfi with a timer instead */
    CSR_CLEAR(mip, 1u << IRQ_SSI);
    CSR_WRITE(mie, 1u << IRQ_MTI);
    mtimecmp_write(0, mtime_read() + 10000);
  }
  if (mode == PRV_M) do_wfi(0);
  else enter_mode(mode, do_wfi, 0, LOWER_SP);
  mtimecmp_write(0, MTIME_NEVER);
  CSR_WRITE(mie, 1u << IRQ_SSI);
  CSR_SET(mip, 1u << IRQ_SSI);
  puts_(label);
  if (who == '-') {
    puts_(": wfi returned\n");
  } else {
    puts_(": trap to ");
    putch(who);
    puts_(" cause=");
    puthex(cause);
    puts_(" tval=");
    puthex(tval);
    puts_(epc_ok ? " epc=wfi\n" : " epc WRONG\n");
  }
}

int main(void) {
  sys_init();
  pmp_allow_all();
  mtimecmp_write(0, MTIME_NEVER);
  m_trap = m_handler;
  s_trap = s_handler;
  CSR_WRITE(mideleg, 1u << IRQ_SSI);
  CSR_WRITE(mie, 1u << IRQ_SSI);
  CSR_CLEAR(mstatus, MSTATUS_SIE);
  CSR_SET(mip, 1u << IRQ_SSI);
  attempt("M, TW=0", PRV_M, 0);
  attempt("M, TW=1", PRV_M, 1);
  attempt("S, TW=0", PRV_S, 0);
  attempt("S, TW=1", PRV_S, 1);
  attempt("U, TW=0", PRV_U, 0);
  attempt("U, TW=1", PRV_U, 1);
  CSR_WRITE(medeleg, 1u << 2);
  puts_("medeleg bit 2 set\n");
  attempt("S, TW=1", PRV_S, 1);
  attempt("U, TW=0", PRV_U, 0);
  attempt("U, TW=1", PRV_U, 1);
  return 0;
}
