/* sstatus.MXR: with MXR=1 loads may read execute-only pages (stores still fault); it also
   applies to U mode and to U pages read by S under SUM. */
#include "sys.h"

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t l0[1024] __attribute__((aligned(4096)));
static uint8_t page[4096] __attribute__((aligned(4096)));

#define VX 0x40000000u  /* X only */
#define VUX 0x40001000u /* X only, U */
#define VR 0x40002000u  /* R only */

static void accesses(void) {
  PROBE("  X-only lw  ", probe_lw(VX + 0x200));
  PROBE("  X-only lr  ", probe_lr(VX + 0x210));
  PROBE("  X-only sw  ", probe_sw(VX + 0x204, 1));
  PROBE("  X-only amo ", probe_amoadd(VX + 0x208, 1));
  PROBE("  X-only exec", probe_exec(VX + 0x100));
  PROBE("  U X-only lw", probe_lw(VUX + 0x200));
  PROBE("  R-only lw  ", probe_lw(VR + 0x200));
}

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  puts_("S, MXR=0\n");
  accesses();
  CSR_SET(sstatus, MSTATUS_MXR);
  puts_("S, MXR=1\n");
  accesses();
  CSR_SET(sstatus, MSTATUS_SUM);
  puts_("S, MXR=1 SUM=1\n");
  accesses();
  CSR_CLEAR(sstatus, MSTATUS_SUM | MSTATUS_MXR);
  return 0;
}

static uint32_t u_main(uint32_t unused) {
  (void)unused;
  PROBE("  U X-only lw  ", probe_lw(VUX + 0x200));
  PROBE("  U X-only exec", probe_exec(VUX + 0x100));
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = probe_trap;
  pt_clear(root);
  pt_clear(l0);
  map_platform(root, 0);
  uint32_t pa = (uint32_t)page;
  map_page(root, l0, VX, pa, PTE_V | PTE_X | PTE_A | PTE_D);
  map_page(root, l0, VUX, pa, PTE_V | PTE_X | PTE_U | PTE_A | PTE_D);
  map_page(root, l0, VR, pa, PTE_V | PTE_R | PTE_A | PTE_D);
  for (int i = 0; i < 4096; i += 4) *(volatile uint32_t *)(page + i) = 0x60000000u + (uint32_t)i;
  put_stub(pa + 0x100);
  CSR_WRITE(satp, SATP_SV32(root, 0));
  sfence_all();
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  /* U mode needs U mappings for its own code: switch to a second root */
  static uint32_t root_u[1024] __attribute__((aligned(4096)));
  pt_clear(root_u);
  map_platform(root_u, PTE_U);
  root_u[VX >> 22] = root[VX >> 22];
  CSR_WRITE(satp, SATP_SV32(root_u, 0));
  sfence_all();
  puts_("U, mstatus.MXR=0\n");
  enter_mode(PRV_U, u_main, 0, LOWER_SP);
  CSR_SET(mstatus, MSTATUS_MXR);
  puts_("U, mstatus.MXR=1\n");
  enter_mode(PRV_U, u_main, 0, LOWER_SP);
  return 0;
}
