/* Interrupt priority when all six standard interrupts are pending at once: MEI (UART via the
   PLIC), MSI (CLINT msip), MTI (mtimecmp=0), SEI/SSI/STI (set in mip by M). The handler
   records the cause and disables only that interrupt in mie/sie, so the next one is taken.
   Run 1: everything in M. Run 2: S-level interrupts delegated, the hart in U mode: M-level
   ones are taken first in M, then the delegated ones in S. */
#include "sys.h"

static volatile uint32_t order[12];
static volatile uint32_t count;

static void m_handler(struct frame *f) {
  if (!(f->cause & MCAUSE_INT)) {
    putln("unexpected exception", f->cause);
    corpus_exit(3);
  }
  uint32_t irq = f->cause & 0x1f;
  order[count++] = 0x4d00 | irq; /* 'M' */
  CSR_CLEAR(mie, 1u << irq);
}
static void s_handler(struct frame *f) {
  uint32_t irq = f->cause & 0x1f;
  order[count++] = 0x5300 | irq; /* 'S' */
  CSR_CLEAR(sie, 1u << irq);
}

static void make_all_pending(void) {
  CLINT_MTIMECMP_HI(0) = 0;
  CLINT_MTIMECMP_LO(0) = 0;
  CLINT_MSIP(0) = 1;
  PLIC_PRIORITY(UART_IRQ) = 1;
  PLIC_THRESHOLD(0) = 0;
  PLIC_ENABLE(0, 0) = 1u << UART_IRQ;
  UART_IER = 0x02; /* THR empty */
  CSR_SET(mip, (1u << IRQ_SEI) | (1u << IRQ_SSI) | (1u << IRQ_STI));
  while (!(CSR_READ(mip) & (1u << IRQ_MEI))) {}
}

static void clear_all(void) {
  UART_IER = 0;
  CLINT_MSIP(0) = 0;
  CLINT_MTIMECMP_HI(0) = 0xffffffffu;
  CLINT_MTIMECMP_LO(0) = 0xffffffffu;
  CSR_CLEAR(mip, (1u << IRQ_SEI) | (1u << IRQ_SSI) | (1u << IRQ_STI));
  uint32_t c = PLIC_CLAIM(0);
  if (c) PLIC_CLAIM(0) = c;
}

static void show(void) {
  for (uint32_t i = 0; i < count; i++) {
    puts_("  ");
    putch((char)(order[i] >> 8));
    puts_(" irq ");
    puts_dec(order[i] & 0xff);
    putch('\n');
  }
}

static uint32_t u_wait(uint32_t n) {
  while (count < n) {}
  return count;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_handler;
  s_trap = s_handler;
  const uint32_t six = (1u << IRQ_MEI) | (1u << IRQ_MSI) | (1u << IRQ_MTI) | (1u << IRQ_SEI) | (1u << IRQ_SSI) | (1u << IRQ_STI);

  make_all_pending();
  putln("mip & six", CSR_READ(mip) & six);
  CSR_WRITE(mie, six);
  CSR_SET(mstatus, MSTATUS_MIE);
  while (count < 6) {}
  CSR_CLEAR(mstatus, MSTATUS_MIE);
  clear_all();
  puts_("all in M, taken in this order:\n");
  show();

  count = 0;
  make_all_pending();
  CSR_WRITE(mideleg, (1u << IRQ_SEI) | (1u << IRQ_SSI) | (1u << IRQ_STI));
  CSR_WRITE(mie, six);
  CSR_SET(sstatus, MSTATUS_SIE); /* irrelevant in U mode */
  enter_mode(PRV_U, u_wait, 6, LOWER_SP);
  clear_all();
  CSR_WRITE(mideleg, 0);
  puts_("S-level delegated, running in U, taken in this order:\n");
  show();
  putln("mie left", CSR_READ(mie));
  return 0;
}
