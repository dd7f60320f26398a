/* Access to the user counters cycle/time/instret (and cycleh, hpmcounter3) from S and U under
   mcounteren/scounteren: prints only whether each read trapped (and the cause), never a
   counter value. M always reads them. */
#include "sys.h"

uint32_t rd_cycle(void), rd_time(void), rd_instret(void), rd_cycleh(void), rd_timeh(void), rd_hpm3(void);
__asm__(".pushsection .text.rd, \"ax\"\n"
        "rd_cycle: csrr a0, cycle\n ret\n"
        "rd_time: csrr a0, time\n ret\n"
        "rd_instret: csrr a0, instret\n ret\n"
        "rd_cycleh: csrr a0, cycleh\n ret\n"
        "rd_timeh: csrr a0, timeh\n ret\n"
        "rd_hpm3: csrr a0, hpmcounter3\n ret\n"
        ".popsection\n");

static void one(const char *name, uint32_t (*fn)(void)) {
  probe_reset();
  fn();
  puts_(" ");
  puts_(name);
  if (probe_cause == PROBE_OK) puts_(":ok");
  else {
    puts_(":trap");
    puts_dec(probe_cause);
  }
}

static uint32_t all(uint32_t unused) {
  (void)unused;
  one("cycle", rd_cycle);
  one("time", rd_time);
  one("instret", rd_instret);
  one("cycleh", rd_cycleh);
  one("timeh", rd_timeh);
  one("hpm3", rd_hpm3);
  putch('\n');
  return 0;
}

static void row(uint32_t mcen, uint32_t scen) {
  CSR_WRITE(mcounteren, mcen);
  CSR_WRITE(scounteren, scen);
  puts_("mcounteren=");
  puthex(mcen);
  puts_(" scounteren=");
  puthex(scen);
  puts_("\n  S:");
  enter_mode(PRV_S, all, 0, LOWER_SP);
  puts_("  U:");
  enter_mode(PRV_U, all, 0, LOWER_SP);
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = probe_trap;
  puts_("  M:");
  all(0);
  row(0, 0);
  row(7, 0);
  row(0, 7);
  row(7, 7);
  row(2, 2);
  row(5, 1);
  row(0xffffffffu, 0xffffffffu);
  return 0;
}
