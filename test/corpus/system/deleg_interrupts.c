/* Interrupts delegated to S through mideleg: SSIP set by M in mip (S clears it in sip), STIP
   and SEIP set by M in mip (read-only in sip: S asks M to clear them), and SEIP from the
   PLIC's S-mode context (UART THR-empty, claimed and completed by S). scause, sepc, sip and
   sstatus.SPIE/SPP are printed by the S handler; sstatus.SIE gates delivery in S. */
#include "sys.h"

#define CALL_SET_MIP 0x10
#define CALL_CLEAR_MIP 0x11

static uint32_t call(uint32_t num, uint32_t arg) {
  register uint32_t a0 __asm__("a0") = arg;
  register uint32_t a7 __asm__("a7") = num;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
  return a0;
}

static void m_handler(struct frame *f) {
  if (f->cause == 9 && f->r[17] == CALL_SET_MIP) CSR_SET(mip, f->r[10]);
  else if (f->cause == 9 && f->r[17] == CALL_CLEAR_MIP) CSR_CLEAR(mip, f->r[10]);
  else {
    putln("unexpected M trap", f->cause);
    corpus_exit(3);
  }
  f->epc += 4;
}

static volatile uint32_t s_taken;
static uint32_t expect_epc;
/* the handler only logs (printing from it would disturb the UART interrupt under test) */
static volatile uint32_t log_cause, log_sip, log_status, log_epc_ok, log_extra, logged;

static void s_handler(struct frame *f) {
  s_taken++;
  logged = 1;
  log_cause = f->cause;
  log_sip = CSR_READ(sip);
  log_status = f->status;
  log_epc_ok = f->epc == expect_epc;
  log_extra = 0;
  switch (f->cause & 0x1f) {
  case IRQ_SSI:
    CSR_CLEAR(sip, 1u << IRQ_SSI);
    break;
  case IRQ_STI:
    CSR_CLEAR(sip, 1u << IRQ_STI);
    log_extra = CSR_READ(sip); /* STIP is read-only in sip */
    call(CALL_CLEAR_MIP, 1u << IRQ_STI);
    break;
  case IRQ_SEI: {
    uint32_t irq = PLIC_CLAIM(1);
    log_extra = irq;
    if (irq == UART_IRQ) {
      UART_IER = 0;
      PLIC_CLAIM(1) = irq;
    } else {
      call(CALL_CLEAR_MIP, 1u << IRQ_SEI);
    }
    break;
  }
  }
}

static void show_log(const char *extra) {
  if (!logged) {
    puts_("  (no interrupt)\n");
    return;
  }
  logged = 0;
  puts_("  S handler: scause=");
  puthex(log_cause);
  puts_(" sip=");
  puthex(log_sip);
  puts_(" SPP=");
  putch('0' + ((log_status >> 8) & 1));
  puts_(" SPIE=");
  putch('0' + ((log_status >> 5) & 1));
  puts_(" SIE=");
  putch('0' + ((log_status >> 1) & 1));
  puts_(" sepc==expected ");
  putch(log_epc_ok ? '1' : '0');
  putch('\n');
  if (extra) putln(extra, log_extra);
}

/* ecall then mark: the interrupt is taken right after the ecall returns */
static __attribute__((noinline)) void raise_and_expect(uint32_t bit) {
  extern char after_ecall[];
  expect_epc = (uint32_t)after_ecall;
  register uint32_t a0 __asm__("a0") = bit;
  register uint32_t a7 __asm__("a7") = CALL_SET_MIP;
  __asm__ volatile("ecall\n.globl after_ecall\nafter_ecall: nop" : "+r"(a0) : "r"(a7) : "memory");
}

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  putln("S: sie", CSR_READ(sie));
  CSR_SET(sstatus, MSTATUS_SIE);
  puts_("SSIP set by M\n");
  raise_and_expect(1u << IRQ_SSI);
  show_log(0);
  puts_("STIP set by M\n");
  raise_and_expect(1u << IRQ_STI);
  show_log("  sip after S cleared STIP itself");
  puts_("SEIP set by M\n");
  raise_and_expect(1u << IRQ_SEI);
  show_log("  PLIC S-context claim");

  puts_("SSIP with sstatus.SIE=0\n");
  CSR_CLEAR(sstatus, MSTATUS_SIE);
  call(CALL_SET_MIP, 1u << IRQ_SSI);
  show_log(0);
  putln("  sip", CSR_READ(sip));
  extern char after_sie[];
  expect_epc = (uint32_t)after_sie;
  __asm__ volatile("csrsi sstatus, 2\n.globl after_sie\nafter_sie: nop" ::: "memory");
  show_log(0);

  puts_("S sets sip.SSIP itself\n");
  extern char after_sip[];
  expect_epc = (uint32_t)after_sip;
  __asm__ volatile("csrsi sip, 2\n.globl after_sip\nafter_sip: nop" ::: "memory");
  show_log(0);

  puts_("SEIP from the PLIC S context (UART THR empty)\n");
  CSR_CLEAR(sstatus, MSTATUS_SIE);
  UART_IER = 0x02;
  while (!(CSR_READ(sip) & (1u << IRQ_SEI))) {}
  extern char after_plic[];
  expect_epc = (uint32_t)after_plic;
  __asm__ volatile("csrsi sstatus, 2\n.globl after_plic\nafter_plic: nop" ::: "memory");
  show_log("  PLIC S-context claim");
  putln("total taken", s_taken);
  CSR_CLEAR(sstatus, MSTATUS_SIE);
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_handler;
  s_trap = s_handler;
  CSR_WRITE(mideleg, (1u << IRQ_SSI) | (1u << IRQ_STI) | (1u << IRQ_SEI));
  CSR_WRITE(mie, (1u << IRQ_SSI) | (1u << IRQ_STI) | (1u << IRQ_SEI));
  putln("mideleg", CSR_READ(mideleg));
  PLIC_PRIORITY(UART_IRQ) = 1;
  PLIC_ENABLE(1, 0) = 1u << UART_IRQ;
  PLIC_THRESHOLD(1) = 0;
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  putln("mip at the end", CSR_READ(mip) & 0xfff);
  return 0;
}
