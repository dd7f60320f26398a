/* A small U-mode task behind a system-call interface in M: it prints only through ecall
   (a7=1 putchar), asks M for services (a7=2 add, a7=3 get the trap count), keeps its
   registers across the calls, and ends with an exit call (a7=0x5e7) whose value M prints. */
#include "sys.h"

static volatile uint32_t ecalls;

static void m_handler(struct frame *f) {
  if (f->cause != 8) {
    putln("unexpected trap", f->cause);
    corpus_exit(3);
  }
  ecalls++;
  switch (f->r[17]) {
  case 2: f->r[10] = f->r[10] + f->r[11]; break;
  case 3: f->r[10] = ecalls; break;
  default: f->r[10] = 0xffffffffu; break;
  }
  f->epc += 4;
}

static uint32_t sys2(uint32_t num, uint32_t a, uint32_t b) {
  register uint32_t a0 __asm__("a0") = a;
  register uint32_t a1 __asm__("a1") = b;
  register uint32_t a7 __asm__("a7") = num;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a7) : "memory");
  return a0;
}

static void u_puthex(uint32_t v) {
  for (int i = 7; i >= 0; i--) sys_putc("0123456789abcdef"[(v >> (i * 4)) & 15]);
}

static uint32_t u_task(uint32_t n) {
  sys_puts("hello from U mode\n");
  /* primes below n, summed through the add system call */
  uint32_t sum = 0, primes = 0;
  for (uint32_t k = 2; k < n; k++) {
    int prime = 1;
    for (uint32_t d = 2; d * d <= k; d++)
      if (k % d == 0) { prime = 0; break; }
    if (prime) {
      sum = sys2(2, sum, k);
      primes++;
    }
  }
  sys_puts("primes=");
  u_puthex(primes);
  sys_puts(" sum=");
  u_puthex(sum);
  sys_puts("\nunknown call returns ");
  u_puthex(sys2(99, 0, 0));
  sys_puts("\nservice calls so far ");
  u_puthex(sys2(3, 0, 0));
  sys_puts("\n");
  return sum ^ 0x55aa0000u;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_handler;
  uint32_t r = enter_mode(PRV_U, u_task, 100, LOWER_SP);
  putln("U task exit value", r);
  putln("non-putchar ecalls served", ecalls);
  putln("mstatus.MPP after the exit call", (CSR_READ(mstatus) >> 11) & 3);
  return 0;
}
