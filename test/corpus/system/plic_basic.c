/* PLIC behaviour with the UART (source 10, THR-empty interrupt) as the only active source:
   priority/threshold/enable read-back, pending bits, MEIP/SEIP as the M and S contexts see
   them, threshold masking (a source needs priority > threshold), priority 0 = disabled,
   claim (returns 10, then 0 while claimed or nothing pending) and complete. The line is
   always dropped before a complete, so level- and edge-style gateways agree. Values are
   logged and printed at the end with the UART interrupt off. */
#include "sys.h"

static const char *labels[64];
static uint32_t values[64];
static int n;
static void rec(const char *label, uint32_t v) { labels[n] = label; values[n++] = v; }

static uint32_t meip(void) { return (CSR_READ(mip) >> IRQ_MEI) & 1; }
static uint32_t seip(void) { return (CSR_READ(mip) >> IRQ_SEI) & 1; }
static uint32_t pend10(void) { return (PLIC_PENDING(0) >> UART_IRQ) & 1; }

int main(void) {
  sys_init();
  while ((UART_LSR & 0x60) != 0x60) {}
  rec("priority[10] at reset", PLIC_PRIORITY(UART_IRQ));
  rec("threshold ctx0 at reset", PLIC_THRESHOLD(0));
  rec("enable ctx0 at reset", PLIC_ENABLE(0, 0));
  rec("claim with nothing pending", PLIC_CLAIM(0));
  PLIC_PRIORITY(UART_IRQ) = 0xffffffffu;
  rec("priority[10] <- ffffffff", PLIC_PRIORITY(UART_IRQ));
  PLIC_PRIORITY(UART_IRQ) = 5;
  rec("priority[10] <- 5", PLIC_PRIORITY(UART_IRQ));
  PLIC_THRESHOLD(0) = 0xffffffffu;
  rec("threshold <- ffffffff", PLIC_THRESHOLD(0));
  PLIC_THRESHOLD(0) = 7;
  rec("threshold <- 7", PLIC_THRESHOLD(0));
  PLIC_THRESHOLD(0) = 8;
  rec("threshold <- 8", PLIC_THRESHOLD(0));
  PLIC_ENABLE(0, 0) = 0xffffffffu;
  rec("enable word 0 <- ffffffff", PLIC_ENABLE(0, 0));
  PLIC_ENABLE(0, 0) = 0;
  PLIC_THRESHOLD(0) = 0;
  PLIC_PRIORITY(UART_IRQ) = 1;

  UART_IER = 0x02; /* THR empty: the UART raises its line */
  rec("source active, not enabled: pending bit", pend10());
  rec("  MEIP", meip());
  rec("  claim", PLIC_CLAIM(0));
  PLIC_ENABLE(0, 0) = 1u << UART_IRQ;
  PLIC_THRESHOLD(0) = 0;
  rec("enabled, prio 1, threshold 0: MEIP", meip());
  PLIC_THRESHOLD(0) = 1;
  rec("threshold 1 (= priority): MEIP", meip());
  rec("  claim", PLIC_CLAIM(0));
  rec("  pending bit", pend10());
  PLIC_PRIORITY(UART_IRQ) = 2;
  rec("priority 2 > threshold 1: MEIP", meip());
  PLIC_PRIORITY(UART_IRQ) = 0;
  PLIC_THRESHOLD(0) = 0;
  rec("priority 0, threshold 0: MEIP", meip());
  PLIC_PRIORITY(UART_IRQ) = 1;
  rec("priority 1 again: MEIP", meip());
  PLIC_PENDING(0) = 0;
  rec("pending word written 0: pending bit", pend10());

  uint32_t c = PLIC_CLAIM(0);
  rec("claim", c);
  rec("  pending bit after claim", pend10());
  rec("  MEIP after claim", meip());
  rec("  claim again", PLIC_CLAIM(0));
  PLIC_CLAIM(0) = 5; /* complete for a source that is not claimed: ignored */
  rec("  MEIP after completing 5", meip());
  UART_IER = 0x00; /* the line drops while claimed */
  PLIC_CLAIM(0) = c;
  rec("line dropped, then complete: pending bit", pend10());
  rec("  MEIP", meip());
  rec("  claim", PLIC_CLAIM(0));
  UART_IER = 0x02; /* the line rises again */
  rec("line up again: pending bit", pend10());
  rec("  MEIP", meip());
  c = PLIC_CLAIM(0);
  rec("  claim", c);
  UART_IER = 0x00;
  PLIC_CLAIM(0) = c;
  rec("  dropped and completed: MEIP", meip());

  PLIC_ENABLE(1, 0) = 1u << UART_IRQ;
  PLIC_THRESHOLD(1) = 0;
  UART_IER = 0x02;
  rec("M and S contexts enabled: MEIP", meip());
  rec("  SEIP", seip());
  c = PLIC_CLAIM(1);
  rec("  S context claims", c);
  rec("  MEIP after the S claim", meip());
  rec("  SEIP after the S claim", seip());
  rec("  M context claim", PLIC_CLAIM(0));
  UART_IER = 0x00;
  PLIC_CLAIM(1) = c;
  rec("dropped and completed: SEIP", seip());
  rec("  MEIP", meip());
  PLIC_ENABLE(1, 0) = 0;
  PLIC_ENABLE(0, 0) = 0;

  for (int i = 0; i < n; i++) putln(labels[i], values[i]);
  return 0;
}
