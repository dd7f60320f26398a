/* Non-identity Sv32 mappings: virtual page 0, the last virtual page (0xfffff000), two
   virtual aliases of one frame, an S-mode stack at a non-identity address, and code fetched
   through a non-identity mapping; M reads the frames physically afterwards. */
#include "sys.h"

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t l0_low[1024] __attribute__((aligned(4096)));
static uint32_t l0_high[1024] __attribute__((aligned(4096)));
static uint8_t frame[4][4096] __attribute__((aligned(4096)));

#define RW (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define RX (PTE_V | PTE_R | PTE_X | PTE_A | PTE_D)
#define VSTACK_TOP 0xffc01000u /* frame 3 */

static uint32_t deep(uint32_t n) { return n == 0 ? 0 : n + deep(n - 1); }

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  uint32_t sp;
  __asm__ volatile("mv %0, sp" : "=r"(sp));
  putln("S sp is in the mapped stack page", (sp >> 12) == (VSTACK_TOP >> 12) - 1);
  putln("recursion on that stack, sum 1..100", deep(100));
  PROBE("lw 0x00000000 (page 0 -> frame 0)", probe_lw(0x00000000u));
  PROBE("sw 0x00000ffc", probe_sw(0x00000ffcu, 0x0000fffcu));
  PROBE("lw 0xfffff000 (last page -> frame 1)", probe_lw(0xfffff000u));
  PROBE("sw 0xfffffffc", probe_sw(0xfffffffcu, 0xfffffffcu));
  PROBE("sw 0x00001010 (alias A of frame 2)", probe_sw(0x00001010u, 0xa11a5000u));
  PROBE("lw 0xffffe010 (alias B of frame 2)", probe_lw(0xffffe010u));
  PROBE("amo 0xffffe010", probe_amoadd(0xffffe010u, 1));
  PROBE("lw 0x00001010", probe_lw(0x00001010u));
  PROBE("exec 0x00002100 (frame 2 code)", probe_exec(0x00002100u));
  PROBE("exec 0xffffd100 (frame 2 code, third alias)", probe_exec(0xffffd100u));
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = probe_trap;
  pt_clear(root);
  pt_clear(l0_low);
  pt_clear(l0_high);
  map_platform(root, 0);
  map_page(root, l0_low, 0x00000000u, (uint32_t)frame[0], RW);
  map_page(root, l0_low, 0x00001000u, (uint32_t)frame[2], RW);
  map_page(root, l0_low, 0x00002000u, (uint32_t)frame[2], RX);
  map_page(root, l0_high, 0xfffff000u, (uint32_t)frame[1], RW);
  map_page(root, l0_high, 0xffffe000u, (uint32_t)frame[2], RW);
  map_page(root, l0_high, 0xffffd000u, (uint32_t)frame[2], RX);
  map_page(root, l0_high, VSTACK_TOP - 0x1000u, (uint32_t)frame[3], RW);
  /* map_platform put an identity superpage at VA 0 (finisher); page 0 replaces it, so the
     lower mode must not touch the finisher: it returns to M instead */
  for (int f = 0; f < 4; f++)
    for (int i = 0; i < 4096; i += 4) *(volatile uint32_t *)(frame[f] + i) = 0xf0000000u | (uint32_t)(f << 16) | (uint32_t)i;
  put_stub((uint32_t)frame[2] + 0x100);
  CSR_WRITE(satp, SATP_SV32(root, 0));
  sfence_all();
  enter_mode(PRV_S, s_main, 0, (void *)VSTACK_TOP);
  putln("M frame0+ffc", *(volatile uint32_t *)(frame[0] + 0xffc));
  putln("M frame1+ffc", *(volatile uint32_t *)(frame[1] + 0xffc));
  putln("M frame2+010", *(volatile uint32_t *)(frame[2] + 0x10));
  uint32_t used = 0;
  for (int i = 0; i < 4096; i += 4) used += *(volatile uint32_t *)(frame[3] + i) != (0xf0030000u | (uint32_t)i);
  putln("M: stack frame words changed by S", used != 0);
  return 0;
}
