/* The PMP L bit: a locked entry restricts M mode too (faults 1/5/7 with mtval), ignores
   later writes to its pmpcfg byte and pmpaddr (and a locked TOR entry also protects the
   pmpaddr below it); unlocked neighbours in the same pmpcfg stay writable. */
#include "sys.h"

static uint8_t buf[0x3000] __attribute__((aligned(4096)));

static void probes(uint32_t a) {
  PROBE("  lw  ", probe_lw(a + 0x200));
  PROBE("  sw  ", probe_sw(a + 0x204, 0x5555));
  PROBE("  amo ", probe_amoadd(a + 0x208, 1));
  PROBE("  exec", probe_exec(a + 0x100));
}

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  puts_("S: locked R page\n");
  probes((uint32_t)buf);
  puts_("S: locked TOR RWX range\n");
  probes((uint32_t)buf + 0x1000);
  return 0;
}

int main(void) {
  sys_init();
  m_trap = probe_trap;
  uint32_t b = (uint32_t)buf;
  for (int i = 0; i < 0x3000; i += 4) *(volatile uint32_t *)(buf + i) = 0xd0000000u | (uint32_t)i;
  put_stub(b + 0x100);
  put_stub(b + 0x1100);
  put_stub(b + 0x2100);
  putln("buf", b);
  puts_("M before locking\n");
  probes(b);

  /* pmp0: NAPOT page 0, L|R.  pmp1: address only (OFF).  pmp2: TOR [pmp1, pmp2) = page 1, L|RWX.
     pmp3: L with A=OFF.  pmp4: NAPOT page 2, unlocked, no permissions.  pmp5: all RWX. */
  CSR_WRITE(pmpaddr0, PMP_NAPOT_ADDR(b, 4096));
  CSR_WRITE(pmpaddr1, (b + 0x1000) >> 2);
  CSR_WRITE(pmpaddr2, (b + 0x2000) >> 2);
  CSR_WRITE(pmpaddr3, 0x12345678u);
  CSR_WRITE(pmpaddr4, PMP_NAPOT_ADDR(b + 0x2000, 4096));
  CSR_WRITE(pmpaddr5, 0xffffffffu);
  CSR_WRITE(pmpcfg1, PMP_NAPOT | (uint32_t)(PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 8);
  CSR_WRITE(pmpcfg0, (PMP_L | PMP_NAPOT | PMP_R) | (uint32_t)(PMP_L | PMP_TOR | PMP_R | PMP_W | PMP_X) << 16 |
                         (uint32_t)PMP_L << 24);
  putln("pmpcfg0", CSR_READ(pmpcfg0));
  putln("pmpcfg1", CSR_READ(pmpcfg1));

  puts_("M: locked R page\n");
  probes(b);
  puts_("M: locked TOR RWX range\n");
  probes(b + 0x1000);
  puts_("M: unlocked no-permission page (M unaffected)\n");
  probes(b + 0x2000);

  puts_("writes to locked entries\n");
  CSR_WRITE(pmpaddr0, 0);
  putln("  pmpaddr0 (locked)", CSR_READ(pmpaddr0) == PMP_NAPOT_ADDR(b, 4096));
  CSR_WRITE(pmpaddr1, 0);
  putln("  pmpaddr1 (below a locked TOR)", CSR_READ(pmpaddr1) == ((b + 0x1000) >> 2));
  CSR_WRITE(pmpaddr2, 0);
  putln("  pmpaddr2 (locked TOR)", CSR_READ(pmpaddr2) == ((b + 0x2000) >> 2));
  CSR_WRITE(pmpaddr3, 0);
  putln("  pmpaddr3 (locked, A=OFF)", CSR_READ(pmpaddr3));
  CSR_WRITE(pmpaddr4, PMP_NAPOT_ADDR(b + 0x2000, 8));
  putln("  pmpaddr4 (unlocked) changed", CSR_READ(pmpaddr4) == PMP_NAPOT_ADDR(b + 0x2000, 8));
  CSR_WRITE(pmpcfg0, 0x0f0f0f0fu);
  putln("  pmpcfg0 <- 0f0f0f0f", CSR_READ(pmpcfg0));
  CSR_WRITE(pmpcfg0, 0);
  putln("  pmpcfg0 <- 0", CSR_READ(pmpcfg0));
  CSR_CLEAR(pmpcfg0, 0x80808080u);
  putln("  pmpcfg0 after clearing the L bits", CSR_READ(pmpcfg0));
  CSR_WRITE(pmpaddr4, PMP_NAPOT_ADDR(b + 0x2000, 4096));
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  return 0;
}
