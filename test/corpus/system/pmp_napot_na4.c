/* PMP NA4 and NAPOT (8 B, 16 B, 4 KiB) regions, their exact edges, and priority: the
   lowest-numbered matching entry decides, even when a later entry is stricter. */
#include "sys.h"

static uint8_t buf[0x3000] __attribute__((aligned(4096)));

static void at(uint32_t off) {
  uint32_t a = (uint32_t)buf + off;
  puts_("buf+");
  puthex(off);
  putch('\n');
  PROBE("  lw ", probe_lw(a));
  PROBE("  lbu", probe_lbu(a + 3));
  PROBE("  sw ", probe_sw(a, 0xc0de0000u | off));
}

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  puts_("NA4 none at +104\n");
  at(0x100); at(0x104); at(0x108);
  puts_("NAPOT 8 none at +200\n");
  at(0x1fc); at(0x200); at(0x204); at(0x208);
  puts_("NAPOT 16 R at +300\n");
  at(0x2fc); at(0x300); at(0x30c); at(0x310);
  puts_("NAPOT 4K none at +1000, NA4 R at +1004 (pmp0 wins)\n");
  at(0xffc); at(0x1000); at(0x1004); at(0x1008); at(0x1ffc);
  return 0;
}

int main(void) {
  sys_init();
  m_trap = probe_trap;
  for (int i = 0; i < 0x2000; i += 4) *(volatile uint32_t *)(buf + i) = 0xb0000000u | (uint32_t)i;
  putln("buf", (uint32_t)buf);
  uint32_t b = (uint32_t)buf;
  CSR_WRITE(pmpaddr0, (b + 0x1004) >> 2);
  CSR_WRITE(pmpaddr1, (b + 0x104) >> 2);
  CSR_WRITE(pmpaddr2, PMP_NAPOT_ADDR(b + 0x200, 8));
  CSR_WRITE(pmpaddr3, PMP_NAPOT_ADDR(b + 0x300, 16));
  CSR_WRITE(pmpaddr4, PMP_NAPOT_ADDR(b + 0x1000, 4096));
  CSR_WRITE(pmpaddr5, 0xffffffffu);
  CSR_WRITE(pmpcfg0, (PMP_NA4 | PMP_R) | (uint32_t)PMP_NA4 << 8 | (uint32_t)PMP_NAPOT << 16 |
                         (uint32_t)(PMP_NAPOT | PMP_R) << 24);
  CSR_WRITE(pmpcfg1, PMP_NAPOT | (uint32_t)(PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 8);
  putln("pmpcfg0", CSR_READ(pmpcfg0));
  putln("pmpcfg1", CSR_READ(pmpcfg1));
  putln("pmpaddr2", CSR_READ(pmpaddr2));
  putln("pmpaddr3", CSR_READ(pmpaddr3));
  putln("pmpaddr4", CSR_READ(pmpaddr4));
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  return 0;
}
