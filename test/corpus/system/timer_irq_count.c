/* Many machine timer interrupts: a periodic handler (mtimecmp += period) counted to 100 in a
   wfi loop, each one checking mtime >= mtimecmp; then timer interrupts hitting a register-
   heavy computation at arbitrary points, whose result must not change. (How many hit it
   depends on host speed and is not printed.) */
#include "sys.h"

#define PERIOD 300
static volatile uint32_t ticks, late_ok = 1, limit;
static uint64_t next;

static void m_handler(struct frame *f) {
  if (f->cause != (MCAUSE_INT | IRQ_MTI)) {
    putln("unexpected trap", f->cause);
    corpus_exit(3);
  }
  if (mtime_read() < next) late_ok = 0;
  ticks++;
  if (ticks >= limit) {
    mtimecmp_write(0, MTIME_NEVER);
    return;
  }
  next += PERIOD;
  mtimecmp_write(0, next);
}

static __attribute__((noinline)) uint32_t crunch(uint32_t n) {
  __asm__ volatile("" : "+r"(n));
  uint32_t a = 1, b = 2, c = 3, d = 4, e = 5, g = 6, h = 7, k = 8;
  for (uint32_t i = 0; i < n; i++) {
    a += b ^ i; b = (b << 3) | (b >> 29); c += a * 3; d ^= c + i;
    e += d >> 2; g = g * 33 + e; h ^= g >> 7; k += h + a;
  }
  return a ^ b ^ c ^ d ^ e ^ g ^ h ^ k;
}

int main(void) {
  sys_init();
  m_trap = m_handler;
  mtimecmp_write(0, MTIME_NEVER);
  CSR_WRITE(mie, 1u << IRQ_MTI);
  uint32_t quiet = crunch(200000);

  limit = 100;
  next = mtime_read() + PERIOD;
  mtimecmp_write(0, next);
  WAIT_M(ticks >= 100);
  putln("ticks", ticks);
  putln("every interrupt came at or after its deadline", late_ok);
  putln("MTIP after the last one re-armed to max", (CSR_READ(mip) >> IRQ_MTI) & 1);

  ticks = 0;
  limit = 0xffffffffu;
  next = mtime_read() + PERIOD;
  mtimecmp_write(0, next);
  CSR_SET(mstatus, MSTATUS_MIE);
  uint32_t busy = crunch(200000);
  CSR_CLEAR(mstatus, MSTATUS_MIE);
  mtimecmp_write(0, MTIME_NEVER);
  putln("computation result without interrupts", quiet);
  putln("same result with timer interrupts", busy == quiet);
  return 0;
}
