/* U-bit pages: S mode may load/store them only with sstatus.SUM=1 and may never fetch from
   them; U mode reaches U pages (including fetches) and faults on S pages. */
#include "sys.h"

static uint32_t root_s[1024] __attribute__((aligned(4096)));
static uint32_t root_u[1024] __attribute__((aligned(4096)));
static uint32_t l0[1024] __attribute__((aligned(4096)));
static uint8_t upage[4096] __attribute__((aligned(4096)));
static uint8_t spage[4096] __attribute__((aligned(4096)));

#define VU 0x40000000u
#define VS 0x40001000u
#define RWXAD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

static void accesses(void) {
  PROBE("  U page lw  ", probe_lw(VU + 0x200));
  PROBE("  U page sw  ", probe_sw(VU + 0x204, 0x11));
  PROBE("  U page amo ", probe_amoadd(VU + 0x208, 1));
  PROBE("  U page exec", probe_exec(VU + 0x100));
  PROBE("  S page lw  ", probe_lw(VS + 0x200));
  PROBE("  S page sw  ", probe_sw(VS + 0x204, 0x22));
  PROBE("  S page exec", probe_exec(VS + 0x100));
}

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  CSR_CLEAR(sstatus, MSTATUS_SUM);
  puts_("S mode, SUM=0\n");
  accesses();
  CSR_SET(sstatus, MSTATUS_SUM);
  puts_("S mode, SUM=1\n");
  accesses();
  CSR_CLEAR(sstatus, MSTATUS_SUM);
  return 0;
}

static uint32_t u_main(uint32_t unused) {
  (void)unused;
  puts_("U mode\n");
  accesses();
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = probe_trap;
  pt_clear(root_s);
  pt_clear(root_u);
  pt_clear(l0);
  map_platform(root_s, 0);
  map_platform(root_u, PTE_U);
  map_page(root_s, l0, VU, (uint32_t)upage, RWXAD | PTE_U);
  map_page(root_s, l0, VS, (uint32_t)spage, RWXAD);
  root_u[VU >> 22] = root_s[VU >> 22]; /* same level-0 table */
  for (int i = 0; i < 4096; i += 4) {
    *(volatile uint32_t *)(upage + i) = 0x30000000u + (uint32_t)i;
    *(volatile uint32_t *)(spage + i) = 0x50000000u + (uint32_t)i;
  }
  put_stub((uint32_t)upage + 0x100);
  put_stub((uint32_t)spage + 0x100);
  CSR_WRITE(satp, SATP_SV32(root_s, 0));
  sfence_all();
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  CSR_WRITE(satp, SATP_SV32(root_u, 0));
  sfence_all();
  enter_mode(PRV_U, u_main, 0, LOWER_SP);
  CSR_SET(mstatus, MSTATUS_SUM);
  puts_("(mstatus.SUM=1 has no effect on U)\n");
  enter_mode(PRV_U, u_main, 0, LOWER_SP);
  return 0;
}
