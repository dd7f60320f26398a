/* CLINT timer registers and the level behaviour of MTIP: mtimecmp's reset value, read-back,
   MTIP pending exactly while mtime >= mtimecmp (it stays pending, interrupt taken again and
   again, until mtimecmp is written higher), mtime monotonic, the time CSR tracking mtime.
   No raw time value is printed. */
#include "sys.h"

static volatile uint32_t taken;
static volatile uint32_t push_on_take;

static void m_handler(struct frame *f) {
  if (f->cause != (MCAUSE_INT | IRQ_MTI)) {
    putln("unexpected trap", f->cause);
    corpus_exit(3);
  }
  taken++;
  if (push_on_take) mtimecmp_write(0, MTIME_NEVER);
  else CSR_CLEAR(mie, 1u << IRQ_MTI); /* leave mtimecmp alone: MTIP stays set */
}

static uint32_t mtip(void) { return (CSR_READ(mip) >> IRQ_MTI) & 1; }

int main(void) {
  sys_init();
  m_trap = m_handler;
  putln("mtimecmp lo at reset", CLINT_MTIMECMP_LO(0));
  putln("mtimecmp hi at reset", CLINT_MTIMECMP_HI(0));
  putln("MTIP at reset", mtip());
  uint64_t t1 = mtime_read();
  uint64_t t2 = mtime_read();
  putln("mtime monotonic", t2 >= t1);
  uint32_t tlo_before = CLINT_MTIME_LO;
  uint32_t csr_time = CSR_READ(time);
  uint32_t tlo_after = CLINT_MTIME_LO;
  putln("time CSR between two mtime reads", csr_time >= tlo_before && csr_time <= tlo_after);

  CLINT_MTIMECMP_HI(0) = 0x12345678u;
  CLINT_MTIMECMP_LO(0) = 0x9abcdef0u;
  putln("mtimecmp lo read back", CLINT_MTIMECMP_LO(0));
  putln("mtimecmp hi read back", CLINT_MTIMECMP_HI(0));
  putln("MTIP with mtimecmp far away", mtip());
  CLINT_MTIMECMP_HI(0) = 0;
  putln("MTIP with mtimecmp = 0x00000000_9abcdef0 (mtime still small)", mtip());
  CLINT_MTIMECMP_LO(0) = 0;
  putln("MTIP with mtimecmp = 0", mtip());
  for (volatile int i = 0; i < 1000; i++) {}
  putln("MTIP still (level)", mtip());

  puts_("interrupt with mtimecmp left at 0\n");
  CSR_WRITE(mie, 1u << IRQ_MTI);
  CSR_SET(mstatus, MSTATUS_MIE);
  putln("  taken", taken);
  putln("  MTIP after the handler", mtip());
  CSR_SET(mie, 1u << IRQ_MTI);
  putln("  taken after re-enabling MTIE", taken);
  push_on_take = 1;
  CSR_SET(mie, 1u << IRQ_MTI);
  putln("  taken when the handler writes mtimecmp higher", taken);
  putln("  MTIP", mtip());
  CSR_CLEAR(mstatus, MSTATUS_MIE);

  puts_("deadline 10 s ahead, then moved to now\n");
  uint64_t now = mtime_read();
  mtimecmp_write(0, now + 100000000);
  putln("  MTIP right after arming", mtip());
  mtimecmp_write(0, now);
  putln("  MTIP after mtimecmp = an earlier mtime", mtip());
  puts_("deadline 200 ticks ahead, polled\n");
  uint64_t deadline = mtime_read() + 200;
  mtimecmp_write(0, deadline);
  while (!mtip()) {}
  putln("  MTIP came on; mtime >= mtimecmp", mtime_read() >= deadline);
  mtimecmp_write(0, MTIME_NEVER);
  putln("  MTIP after mtimecmp = max", mtip());
  return 0;
}
