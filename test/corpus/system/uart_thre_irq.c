/* Interrupt-driven UART output: THR-empty interrupts (IER bit 1) reach M mode through the
   PLIC (source 10, context 0); each handler claims, reads IIR, writes the next byte and
   completes; after the last byte it turns IER off. Run with the FIFO off and on. Prints the
   message itself, then the interrupt count, the IIR values seen and the claimed sources. */
#include "sys.h"

static const char *msg;
static volatile uint32_t pos, irqs, done, bad_claims;
static volatile uint32_t iir_seen[16];

static void m_handler(struct frame *f) {
  if (f->cause != (MCAUSE_INT | IRQ_MEI)) {
    putln("unexpected trap", f->cause);
    corpus_exit(3);
  }
  irqs++;
  uint32_t src = PLIC_CLAIM(0);
  if (src != UART_IRQ) bad_claims++;
  uint8_t iir = UART_IIR;
  iir_seen[iir & 0xf]++;
  if ((iir & 0x0f) == 0x02) {
    if (msg[pos]) UART_THR = (uint8_t)msg[pos++];
    else {
      UART_IER = 0;
      done = 1;
    }
  }
  PLIC_CLAIM(0) = src;
}

static void run(const char *m, uint8_t fcr) {
  msg = m;
  pos = irqs = done = bad_claims = 0;
  for (int i = 0; i < 16; i++) iir_seen[i] = 0;
  UART_FCR = fcr;
  uint8_t fifo_bits = UART_IIR & 0xc0;
  UART_IER = 0x02;
  WAIT_M(done);
  putln("bytes sent", pos);
  putln("interrupts", irqs);
  putln("claims other than 10", bad_claims);
  putln("IIR FIFO bits", fifo_bits);
  for (int i = 0; i < 16; i++)
    if (iir_seen[i]) {
      puts_("IIR id ");
      puthex((uint32_t)i);
      puts_(" seen ");
      puts_dec(iir_seen[i]);
      puts_(" times\n");
    }
}

int main(void) {
  sys_init();
  m_trap = m_handler;
  PLIC_PRIORITY(UART_IRQ) = 1;
  PLIC_ENABLE(0, 0) = 1u << UART_IRQ;
  PLIC_THRESHOLD(0) = 0;
  CSR_WRITE(mie, 1u << IRQ_MEI);
  run("interrupt-driven output, FIFO off\n", 0x00);
  run("interrupt-driven output, FIFO on\n", 0x07);
  UART_FCR = 0;
  return 0;
}
