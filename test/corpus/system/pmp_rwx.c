/* PMP R/W/X enforcement for S and U mode on four NAPOT pages (R, RW, X, none) with a
   lower-priority entry granting RWX everywhere else: the access-fault causes (1 fetch,
   5 load, 7 store/AMO) and mtval. Unlocked entries do not restrict M mode. */
#include "sys.h"

static uint8_t pages[4][4096] __attribute__((aligned(4096)));
static const char *const names[4] = {"R   ", "RW  ", "X   ", "none"};

static void matrix(void) {
  for (int p = 0; p < 4; p++) {
    uint32_t a = (uint32_t)pages[p] + 0x200;
    puts_("page ");
    puts_(names[p]);
    puts_(" at ");
    puthex((uint32_t)pages[p]);
    putch('\n');
    PROBE("  lw  ", probe_lw(a));
    PROBE("  sw  ", probe_sw(a + 4, 0x1234));
    PROBE("  lbu ", probe_lbu(a + 4));
    PROBE("  amo ", probe_amoadd(a + 8, 1));
    PROBE("  lr  ", probe_lr(a + 12));
    PROBE("  exec", probe_exec(a - 0x100));
  }
}

static uint32_t lower(uint32_t mode) {
  puts_(mode == PRV_S ? "-- S mode\n" : "-- U mode\n");
  matrix();
  return 0;
}

int main(void) {
  sys_init();
  m_trap = probe_trap;
  for (int p = 0; p < 4; p++) {
    for (int i = 0; i < 4096; i += 4) *(volatile uint32_t *)(pages[p] + i) = 0x11111111u * (uint32_t)(p + 1);
    put_stub((uint32_t)pages[p] + 0x100);
  }
  CSR_WRITE(pmpaddr0, PMP_NAPOT_ADDR(pages[0], 4096));
  CSR_WRITE(pmpaddr1, PMP_NAPOT_ADDR(pages[1], 4096));
  CSR_WRITE(pmpaddr2, PMP_NAPOT_ADDR(pages[2], 4096));
  CSR_WRITE(pmpaddr3, PMP_NAPOT_ADDR(pages[3], 4096));
  CSR_WRITE(pmpaddr4, 0xffffffffu);
  CSR_WRITE(pmpcfg0, (PMP_NAPOT | PMP_R) | (PMP_NAPOT | PMP_R | PMP_W) << 8 | (PMP_NAPOT | PMP_X) << 16 |
                         (uint32_t)PMP_NAPOT << 24);
  CSR_WRITE(pmpcfg1, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
  putln("pmpcfg0", CSR_READ(pmpcfg0));
  putln("pmpcfg1", CSR_READ(pmpcfg1));
  putln("pmpaddr0 low bits", CSR_READ(pmpaddr0) & 0x3ff);
  enter_mode(PRV_S, lower, PRV_S, LOWER_SP);
  enter_mode(PRV_U, lower, PRV_U, LOWER_SP);
  puts_("-- M mode\n");
  matrix();
  return 0;
}
