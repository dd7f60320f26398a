/* How the hart maintains the Sv32 A and D bits (QEMU 7.2 sets them in hardware, no fault):
   the PTE's flag bits are printed before and after loads, stores, AMOs, LR/SC and fetches
   on pages with A=0/D=0 and A=1/D=0, on a superpage, on accesses that fault, and for the
   non-leaf PTE on the way. */
#include "sys.h"

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t l0[1024] __attribute__((aligned(4096)));
static uint8_t page[4096] __attribute__((aligned(4096)));

#define VA 0x40000000u
#define VSUPER 0x40400000u
#define SUPER_PA 0x80400000u

static void flags(const char *label, uint32_t pte) {
  puts_(label);
  puts_(" flags=");
  puthex(pte & 0x3ff);
  puts_(" (A=");
  putch('0' + ((pte >> 6) & 1));
  puts_(" D=");
  putch('0' + ((pte >> 7) & 1));
  puts_(")\n");
}
#define L0(n) (((volatile uint32_t *)l0)[n])

static uint32_t sc_w(uint32_t addr, uint32_t v) {
  uint32_t r;
  __asm__ volatile("lr.w t0, (%1)\n sc.w %0, %2, (%1)" : "=&r"(r) : "r"(addr), "r"(v) : "t0", "memory");
  return r;
}

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  flags("p0 RW  A0 D0 initially  ", L0(0));
  PROBE("p0 lw", probe_lw(VA + 0x0000));
  flags("p0 after lw             ", L0(0));
  PROBE("p0 sw", probe_sw(VA + 0x0004, 1));
  flags("p0 after lw, sw         ", L0(0));

  flags("p1 RW  A0 D0 initially  ", L0(1));
  PROBE("p1 sw", probe_sw(VA + 0x1004, 1));
  flags("p1 after sw             ", L0(1));

  flags("p2 RW  A1 D0 initially  ", L0(2));
  PROBE("p2 sw", probe_sw(VA + 0x2004, 1));
  flags("p2 after sw             ", L0(2));

  flags("p3 RW  A0 D0 initially  ", L0(3));
  PROBE("p3 amoadd", probe_amoadd(VA + 0x3008, 1));
  flags("p3 after amoadd         ", L0(3));

  flags("p4 X   A0 D0 initially  ", L0(4));
  PROBE("p4 exec", probe_exec(VA + 0x4100));
  flags("p4 after exec           ", L0(4));

  flags("p5 R   A0 D0 initially  ", L0(5));
  PROBE("p5 sw (no W)", probe_sw(VA + 0x5004, 1));
  flags("p5 after faulting sw    ", L0(5));
  PROBE("p5 lw", probe_lw(VA + 0x5000));
  flags("p5 after lw             ", L0(5));

  flags("p6 RW U A0 D0 initially ", L0(6));
  PROBE("p6 lw (U page, SUM=0)", probe_lw(VA + 0x6000));
  flags("p6 after faulting lw    ", L0(6));

  flags("p7 RW  A0 D0 initially  ", L0(7));
  PROBE("p7 lr", probe_lr(VA + 0x7000));
  flags("p7 after lr             ", L0(7));
  PROBE("p7 lr/sc (0 = success)", sc_w(VA + 0x7000, 5));
  flags("p7 after lr/sc          ", L0(7));

  flags("p8 RW  A0 D1 initially  ", L0(8));
  PROBE("p8 lw", probe_lw(VA + 0x8000));
  flags("p8 after lw             ", L0(8));

  flags("p9 RW  A0 D0, V=0       ", L0(9));
  PROBE("p9 sw", probe_sw(VA + 0x9004, 1));
  flags("p9 after faulting sw    ", L0(9));

  flags("superpage RW A0 D0      ", root[VSUPER >> 22]);
  PROBE("superpage lw", probe_lw(VSUPER + 0x123000));
  flags("superpage after lw      ", root[VSUPER >> 22]);
  PROBE("superpage sw", probe_sw(VSUPER + 0x3ff004, 2));
  flags("superpage after sw      ", root[VSUPER >> 22]);

  flags("non-leaf root entry     ", root[VA >> 22]);
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
  const uint32_t rw = PTE_V | PTE_R | PTE_W;
  map_page(root, l0, VA + 0x0000, pa, rw);
  map_page(root, l0, VA + 0x1000, pa, rw);
  map_page(root, l0, VA + 0x2000, pa, rw | PTE_A);
  map_page(root, l0, VA + 0x3000, pa, rw);
  map_page(root, l0, VA + 0x4000, pa, PTE_V | PTE_X);
  map_page(root, l0, VA + 0x5000, pa, PTE_V | PTE_R);
  map_page(root, l0, VA + 0x6000, pa, rw | PTE_U);
  map_page(root, l0, VA + 0x7000, pa, rw);
  map_page(root, l0, VA + 0x8000, pa, rw | PTE_D);
  map_page(root, l0, VA + 0x9000, pa, PTE_R | PTE_W);
  map_super(root, VSUPER, SUPER_PA, rw);
  put_stub(pa + 0x100);
  CSR_WRITE(satp, SATP_SV32(root, 0));
  sfence_all();
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  return 0;
}
