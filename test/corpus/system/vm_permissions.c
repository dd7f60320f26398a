/* Sv32 leaf permission combinations seen from S mode: R, RW, X, RX, RWX, the reserved W and
   WX encodings, V=0, a pointer PTE at level 0, a level-1 pointer with A/D/U set, and a
   reserved W-only superpage. Each gets lw, sw, amoadd and a fetch; faults go to M. */
#include "sys.h"

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t l0[1024] __attribute__((aligned(4096)));
static uint32_t l0b[1024] __attribute__((aligned(4096)));
static uint8_t page[4096] __attribute__((aligned(4096)));

#define VA 0x40000000u
#define AD (PTE_A | PTE_D)
#define SUPER_PA 0x80400000u /* free RAM above the program */
static const struct { const char *name; uint32_t va; } cases[] = {
    {"R", VA + 0x0000},         {"RW", VA + 0x1000},
    {"X", VA + 0x2000},         {"RX", VA + 0x3000},
    {"RWX", VA + 0x4000},       {"W (reserved)", VA + 0x5000},
    {"WX (reserved)", VA + 0x6000}, {"RWX with V=0", VA + 0x7000},
    {"pointer PTE at level 0", VA + 0x8000},
    {"RW under a level-1 pointer with A|D|U set", VA + 0x400000},
    {"W-only superpage (reserved)", VA + 0x800000},
    {"RW superpage", VA + 0xc00000},
};

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    uint32_t va = cases[i].va;
    puts_(cases[i].name);
    putch('\n');
    PROBE("  lw  ", probe_lw(va + 0x200));
    PROBE("  sw  ", probe_sw(va + 0x204, i));
    PROBE("  amo ", probe_amoadd(va + 0x208, 1));
    PROBE("  exec", probe_exec(va + 0x100));
  }
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = probe_trap;
  pt_clear(root);
  pt_clear(l0);
  pt_clear(l0b);
  map_platform(root, 0);
  uint32_t pa = (uint32_t)page;
  map_page(root, l0, VA + 0x0000, pa, PTE_V | PTE_R | AD);
  map_page(root, l0, VA + 0x1000, pa, PTE_V | PTE_R | PTE_W | AD);
  map_page(root, l0, VA + 0x2000, pa, PTE_V | PTE_X | AD);
  map_page(root, l0, VA + 0x3000, pa, PTE_V | PTE_R | PTE_X | AD);
  map_page(root, l0, VA + 0x4000, pa, PTE_V | PTE_R | PTE_W | PTE_X | AD);
  map_page(root, l0, VA + 0x5000, pa, PTE_V | PTE_W | AD);
  map_page(root, l0, VA + 0x6000, pa, PTE_V | PTE_W | PTE_X | AD);
  map_page(root, l0, VA + 0x7000, pa, PTE_R | PTE_W | PTE_X | AD);
  map_page(root, l0, VA + 0x8000, (uint32_t)l0, PTE_V);
  map_page(root, l0b, VA + 0x400000, pa, PTE_V | PTE_R | PTE_W | AD);
  root[(VA + 0x400000) >> 22] |= PTE_A | PTE_D | PTE_U;
  map_super(root, VA + 0x800000, SUPER_PA, PTE_V | PTE_W | AD);
  map_super(root, VA + 0xc00000, SUPER_PA, PTE_V | PTE_R | PTE_W | AD);
  for (int i = 0; i < 4096; i += 4) *(volatile uint32_t *)(page + i) = 0x70000000u + (uint32_t)i;
  put_stub(pa + 0x100);
  /* the superpages map the free RAM at SUPER_PA: give it a stub and data at the same offsets */
  for (int i = 0; i < 4096; i += 4) *(volatile uint32_t *)(SUPER_PA + i) = 0x50000000u + (uint32_t)i;
  put_stub(SUPER_PA + 0x100);
  CSR_WRITE(satp, SATP_SV32(root, 0));
  sfence_all();
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  return 0;
}
