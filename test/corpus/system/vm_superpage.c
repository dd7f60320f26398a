/* Sv32 4 MiB superpages: a leaf in the root table maps VA[21:0] straight through (two VA
   aliases of one physical 4 MiB region, reads/writes/fetches at both ends), and a superpage
   whose PPN[0] is not zero (misaligned) raises a page fault for every access type. */
#include "sys.h"

static uint32_t root[1024] __attribute__((aligned(4096)));

#define PA 0x80400000u /* free RAM above the program, 4 MiB aligned */
#define VA1 0x40000000u
#define VA2 0xc0000000u
#define VAMIS 0x40400000u
#define VAMIS2 0x40800000u
#define RWX (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  PROBE("lw  VA1+0", probe_lw(VA1));
  PROBE("lw  VA1+2ff010", probe_lw(VA1 + 0x2ff010));
  PROBE("lw  VA1+3ffffc", probe_lw(VA1 + 0x3ffffc));
  PROBE("sw  VA1+123450", probe_sw(VA1 + 0x123450, 0xabcd1234));
  PROBE("lw  VA2+123450 (alias)", probe_lw(VA2 + 0x123450));
  PROBE("amo VA2+3ffffc", probe_amoadd(VA2 + 0x3ffffc, 0x10));
  PROBE("lw  VA1+3ffffc", probe_lw(VA1 + 0x3ffffc));
  PROBE("exec VA1+100", probe_exec(VA1 + 0x100));
  PROBE("exec VA2+3ff000", probe_exec(VA2 + 0x3ff000));
  PROBE("lw  VA1+400000 (next 4 MiB: misaligned superpage)", probe_lw(VA1 + 0x400000));
  PROBE("lw  misaligned superpage +1000", probe_lw(VAMIS + 0x1000));
  PROBE("sw  misaligned superpage", probe_sw(VAMIS + 0x10, 1));
  PROBE("amo misaligned superpage", probe_amoadd(VAMIS + 0x14, 1));
  PROBE("exec misaligned superpage", probe_exec(VAMIS + 0x100));
  PROBE("lw  superpage PPN[0]=3ff", probe_lw(VAMIS2 + 0x3ff000));
  PROBE("exec superpage PPN[0]=3ff", probe_exec(VAMIS2 + 0x100));
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = probe_trap;
  pt_clear(root);
  map_platform(root, 0);
  map_super(root, VA1, PA, RWX);
  map_super(root, VA2, PA, RWX);
  root[VAMIS >> 22] = PTE(PA + 0x1000, RWX);  /* PPN[0] = 1 */
  root[VAMIS2 >> 22] = PTE(PA + 0x3ff000, RWX); /* PPN[0] = 0x3ff */
  for (uint32_t off = 0; off < 0x400000; off += 0x1000) {
    *(volatile uint32_t *)(PA + off) = 0x5a000000u | off;
    *(volatile uint32_t *)(PA + off + 0x10) = 0xa5000000u | off;
  }
  *(volatile uint32_t *)(PA + 0x3ffffc) = 0x3ffffcu;
  put_stub(PA + 0x100);
  put_stub(PA + 0x3ff000);
  put_stub(PA + 0x1100);
  put_stub(PA + 0x3ff100);
  CSR_WRITE(satp, SATP_SV32(root, 0));
  sfence_all();
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  putln("M reads PA+123450", *(volatile uint32_t *)(PA + 0x123450));
  putln("M reads PA+3ffffc", *(volatile uint32_t *)(PA + 0x3ffffc));
  putln("M reads PA+1010 (misaligned superpage store target?)", *(volatile uint32_t *)(PA + 0x1010));
  return 0;
}
