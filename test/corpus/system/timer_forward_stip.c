/* The classic S-mode timer through M: the machine timer interrupt (taken in M while the hart
   runs S) raises STIP and masks MTIE; the delegated STI reaches the S handler, which asks M
   by ecall to re-arm mtimecmp (M clears STIP). S sleeps in wfi until 10 ticks. The event
   sequence (m = MTI in M, s = STI in S, e = re-arm ecall) is printed. */
#include "sys.h"

#define CALL_REARM 0x54
static char events[64];
static volatile uint32_t nev, sticks;

static void ev(char c) {
  if (nev < sizeof events - 1) events[nev++] = c;
}

static void m_handler(struct frame *f) {
  if (f->cause == (MCAUSE_INT | IRQ_MTI)) {
    ev('m');
    CSR_SET(mip, 1u << IRQ_STI);
    CSR_CLEAR(mie, 1u << IRQ_MTI);
  } else if (f->cause == 9 && f->r[17] == CALL_REARM) {
    ev('e');
    CSR_CLEAR(mip, 1u << IRQ_STI);
    mtimecmp_write(0, mtime_read() + f->r[10]);
    CSR_SET(mie, 1u << IRQ_MTI);
    f->epc += 4;
  } else {
    putln("unexpected M trap", f->cause);
    corpus_exit(3);
  }
}

static void s_handler(struct frame *f) {
  if (f->cause != (MCAUSE_INT | IRQ_STI)) {
    putln("unexpected S trap", f->cause);
    corpus_exit(4);
  }
  ev('s');
  sticks++;
  register uint32_t a0 __asm__("a0") = sticks < 10 ? 500 : 0x7fffffffu;
  register uint32_t a7 __asm__("a7") = CALL_REARM;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
}

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  CSR_SET(sie, 1u << IRQ_STI);
  WAIT_S(sticks >= 10);
  return sticks;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_handler;
  s_trap = s_handler;
  CSR_WRITE(mideleg, 1u << IRQ_STI);
  mtimecmp_write(0, mtime_read() + 500);
  CSR_WRITE(mie, 1u << IRQ_MTI);
  uint32_t n = enter_mode(PRV_S, s_main, 0, LOWER_SP);
  mtimecmp_write(0, MTIME_NEVER);
  putln("S ticks", n);
  events[nev] = 0;
  puts_("events: ");
  puts_(events);
  putch('\n');
  return 0;
}
