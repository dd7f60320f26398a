/* sfence.vma after a PTE change: by address, by ASID, by address+ASID and global, for
   loads and for instruction fetch; switching satp between two roots with different ASIDs.
   Only results that the architecture defines are printed (never what is seen before the
   fence). */
#include "sys.h"

static uint32_t root_a[1024] __attribute__((aligned(4096)));
static uint32_t root_b[1024] __attribute__((aligned(4096)));
static uint32_t l0_a[1024] __attribute__((aligned(4096)));
static uint32_t l0_b[1024] __attribute__((aligned(4096)));
static uint8_t pages[3][4096] __attribute__((aligned(4096)));

#define VA 0x40000000u
#define VX 0x40001000u
#define RW (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define RX (PTE_V | PTE_R | PTE_X | PTE_A | PTE_D)
#define P(n) ((uint32_t)pages[n])

static volatile uint32_t *const pte_a = &l0_a[(VA >> 12) & 1023];
static volatile uint32_t *const ptex_a = &l0_a[(VX >> 12) & 1023];

static uint32_t rd(void) { return *(volatile uint32_t *)VA; }
static uint32_t run(void) { return ((uint32_t(*)(void))VX)(); }

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  putln("satp ASID", (CSR_READ(satp) >> 22) & 0x1ff);
  putln("VA -> page 0", rd());
  *pte_a = PTE(P(1), RW);
  sfence_va(VA);
  putln("after PTE -> page 1, sfence.vma VA", rd());
  *pte_a = PTE(P(2), RW);
  sfence_all();
  putln("after PTE -> page 2, sfence.vma", rd());
  *pte_a = PTE(P(0), RW);
  sfence_asid(5);
  putln("after PTE -> page 0, sfence.vma zero, asid 5", rd());
  *pte_a = PTE(P(1), RW);
  __asm__ volatile("sfence.vma %0, %1" ::"r"(VA), "r"(5) : "memory");
  putln("after PTE -> page 1, sfence.vma VA, asid 5", rd());

  putln("fetch VX -> page 0 stub", run());
  *ptex_a = PTE(P(1), RX);
  sfence_va(VX);
  putln("fetch after PTE -> page 1, sfence.vma VX", run());
  *ptex_a = PTE(P(2), RX);
  sfence_all();
  putln("fetch after PTE -> page 2, sfence.vma", run());

  /* two roots, fresh ASIDs: no fence needed when switching */
  CSR_WRITE(satp, SATP_SV32(root_a, 1));
  putln("satp -> root A, ASID 1", rd());
  CSR_WRITE(satp, SATP_SV32(root_b, 2));
  putln("satp -> root B, ASID 2", rd());
  putln("  fetch", run());
  CSR_WRITE(satp, SATP_SV32(root_a, 1));
  putln("satp -> root A, ASID 1 again", rd());
  putln("  fetch", run());
  putln("satp ASID", (CSR_READ(satp) >> 22) & 0x1ff);
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  pt_clear(root_a);
  pt_clear(root_b);
  pt_clear(l0_a);
  pt_clear(l0_b);
  map_platform(root_a, 0);
  map_platform(root_b, 0);
  map_page(root_a, l0_a, VA, P(0), RW);
  map_page(root_a, l0_a, VX, P(0), RX);
  map_page(root_b, l0_b, VA, P(2), RW);
  map_page(root_b, l0_b, VX, P(1), RX);
  for (int p = 0; p < 3; p++) {
    /* "li a0, 0x10+p; ret": loads see the instruction word, fetches return 0x10+p */
    put_stub(P(p));
    ((volatile uint32_t *)P(p))[0] = 0x00000513u | ((0x10u + (uint32_t)p) << 20);
  }
  __asm__ volatile("fence.i");
  CSR_WRITE(satp, SATP_SV32(root_a, 5));
  sfence_all();
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  return 0;
}
