/* PMP top-of-range regions: [pmpaddr(i-1), pmpaddr(i)) boundaries checked word by word from
   S mode; a TOR entry 0 (base 0); an empty TOR range (base >= top) that matches nothing. */
#include "sys.h"

static uint8_t buf[0x4000] __attribute__((aligned(4096)));

static void probe_at(uint32_t off) {
  uint32_t a = (uint32_t)buf + off;
  puts_("buf+");
  puthex(off);
  putch('\n');
  PROBE("  lw", probe_lw(a));
  PROBE("  sw", probe_sw(a, off));
}

static uint32_t s_ranges(uint32_t unused) {
  (void)unused;
  probe_at(0x0ffc);
  probe_at(0x1000);
  probe_at(0x1ffc);
  probe_at(0x2000);
  probe_at(0x200c);
  probe_at(0x2010);
  probe_at(0x3000);
  return 0;
}

static uint32_t s_low(uint32_t unused) {
  (void)unused;
  PROBE("CLINT msip (below TOR top 0x10000000)", probe_lw(0x2000000));
  PROBE("finisher page (below top)", probe_lw(0x100000));
  PROBE("UART LSR (above top, not in range)", probe_lbu(0x10000005));
  PROBE("buf+0x3004 (in an inverted TOR range: no match)", probe_lw((uint32_t)buf + 0x3004));
  PROBE("buf+0x3006 (in an inverted TOR range: no match)", probe_lbu((uint32_t)buf + 0x3006));
  return 0;
}

int main(void) {
  sys_init();
  m_trap = probe_trap;
  for (int i = 0; i < 0x4000; i += 4) *(volatile uint32_t *)(buf + i) = 0xa0000000u | (uint32_t)i;
  putln("buf", (uint32_t)buf);
  /* pmp0 OFF (base only), pmp1 TOR R, pmp2 TOR none (16 bytes), pmp3 NAPOT all RWX */
  CSR_WRITE(pmpaddr0, ((uint32_t)buf + 0x1000) >> 2);
  CSR_WRITE(pmpaddr1, ((uint32_t)buf + 0x2000) >> 2);
  CSR_WRITE(pmpaddr2, ((uint32_t)buf + 0x2010) >> 2);
  CSR_WRITE(pmpaddr3, 0xffffffffu);
  CSR_WRITE(pmpcfg0, (PMP_TOR | PMP_R) << 8 | (uint32_t)PMP_TOR << 16 | (uint32_t)(PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 24);
  putln("pmpcfg0", CSR_READ(pmpcfg0));
  enter_mode(PRV_S, s_ranges, 0, LOWER_SP);

  /* pmp0 TOR with no permissions: [0, 0x10000000); pmp1 TOR with base above top: empty */
  CSR_WRITE(pmpcfg0, 0);
  CSR_WRITE(pmpaddr0, 0x10000000u >> 2);
  CSR_WRITE(pmpaddr1, ((uint32_t)buf + 0x3000) >> 2);
  CSR_WRITE(pmpaddr2, ((uint32_t)buf + 0x3004) >> 2);
  CSR_WRITE(pmpaddr1, ((uint32_t)buf + 0x3008) >> 2);
  CSR_WRITE(pmpcfg0, PMP_TOR | (uint32_t)PMP_TOR << 16 | (uint32_t)(PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 24);
  putln("pmpcfg0", CSR_READ(pmpcfg0));
  enter_mode(PRV_S, s_low, 0, LOWER_SP);
  return 0;
}
