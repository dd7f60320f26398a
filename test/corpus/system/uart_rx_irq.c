/* HYPERSTEP-TEST: input=hello\n
   UART receive interrupts (IER bit 0) through the PLIC to M mode: the handler claims source
   10, drains RBR while LSR.DR is set and completes. The program sleeps in wfi until all 6
   input bytes have arrived, then prints them, the IIR of the first interrupt and LSR.
   (How many interrupts the bytes took depends on timing and is not printed.) */
#include "sys.h"

static volatile uint8_t buf[32];
static volatile uint32_t got, first_iir = 0xff, first_claim, first_lsr;

static void m_handler(struct frame *f) {
  if (f->cause != (MCAUSE_INT | IRQ_MEI)) {
    putln("unexpected trap", f->cause);
    corpus_exit(3);
  }
  uint32_t src = PLIC_CLAIM(0);
  uint8_t iir = UART_IIR;
  if (first_iir == 0xff) {
    first_iir = iir;
    first_claim = src;
    first_lsr = UART_LSR;
  }
  while (UART_LSR & 0x01) {
    uint8_t c = UART_RBR;
    if (got < sizeof buf) buf[got] = c;
    got++;
  }
  if (src) PLIC_CLAIM(0) = src;
}

int main(void) {
  sys_init();
  m_trap = m_handler;
  PLIC_PRIORITY(UART_IRQ) = 2;
  PLIC_ENABLE(0, 0) = 1u << UART_IRQ;
  PLIC_THRESHOLD(0) = 1;
  CSR_WRITE(mie, 1u << IRQ_MEI);
  UART_IER = 0x01;
  WAIT_M(got >= 6);
  UART_IER = 0;
  putln("bytes received", got);
  putln("first claim", first_claim);
  putln("first IIR", first_iir);
  putln("LSR inside the first interrupt", first_lsr);
  putln("LSR now", UART_LSR);
  putln("IIR now", UART_IIR);
  puts_("text: ");
  for (uint32_t i = 0; i < got && i < sizeof buf; i++) {
    if (buf[i] == '\n') puts_("\\n");
    else putch((char)buf[i]);
  }
  putch('\n');
  return 0;
}
