/* Misaligned data accesses: plain loads and stores to RAM are performed (QEMU 7.2 does not
   trap), LR/SC and AMOs trap with the misaligned-address causes (4/6) and mtval = the
   address; a misaligned load or store straddling into an unmapped page under Sv32 takes a
   page fault (the tval shows which address is reported). */
#include "sys.h"

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t l0[1024] __attribute__((aligned(4096)));
static uint8_t buf[64] __attribute__((aligned(64)));
static uint8_t page[4096] __attribute__((aligned(4096)));

uint32_t mis_lw(uint32_t), mis_lh(uint32_t), mis_lhu(uint32_t), mis_sw(uint32_t, uint32_t), mis_sh(uint32_t, uint32_t);
uint32_t mis_sc(uint32_t, uint32_t), mis_amoswap(uint32_t, uint32_t);
__asm__(".pushsection .text.m, \"ax\"\n.option push\n.option norvc\n"
        "mis_lw: lw a0, 0(a0)\n ret\n"
        "mis_lh: lh a0, 0(a0)\n ret\n"
        "mis_lhu: lhu a0, 0(a0)\n ret\n"
        "mis_sw: sw a1, 0(a0)\n li a0, 0\n ret\n"
        "mis_sh: sh a1, 0(a0)\n li a0, 0\n ret\n"
        "mis_sc: sc.w a0, a1, (a0)\n ret\n"
        "mis_amoswap: amoswap.w a0, a1, (a0)\n ret\n"
        ".option pop\n.popsection\n");

static uint32_t word_at(int off) { return *(volatile uint32_t *)(buf + off); }

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  const uint32_t va = 0x40000000u;
  PROBE("S lw  at page end - 2 (next page unmapped)", mis_lw(va + 0xffe));
  PROBE("S lh  at page end - 1", mis_lh(va + 0xfff));
  PROBE("S sw  at page end - 1", mis_sw(va + 0xfff, 0x11223344));
  PROBE("S lw  at page end - 4 (aligned, fits)", mis_lw(va + 0xffc));
  PROBE("S lw  misaligned inside the page", mis_lw(va + 0x101));
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = probe_trap;
  for (int i = 0; i < 64; i++) buf[i] = (uint8_t)(0x10 + i);
  PROBE("lw  +1", mis_lw((uint32_t)buf + 1));
  PROBE("lw  +2", mis_lw((uint32_t)buf + 2));
  PROBE("lw  +3", mis_lw((uint32_t)buf + 3));
  PROBE("lh  +1", mis_lh((uint32_t)buf + 1));
  PROBE("lhu +2f", mis_lhu((uint32_t)buf + 0x2f));
  PROBE("sw  +5", mis_sw((uint32_t)buf + 5, 0xa1b2c3d4));
  putln("  word +4", word_at(4));
  putln("  word +8", word_at(8));
  PROBE("sh  +11", mis_sh((uint32_t)buf + 11, 0xeeff));
  putln("  word +8", word_at(8));
  putln("  word +12", word_at(12));
  PROBE("lr.w +2", probe_lr((uint32_t)buf + 2));
  PROBE("sc.w +2", mis_sc((uint32_t)buf + 2, 1));
  PROBE("amoswap.w +1", mis_amoswap((uint32_t)buf + 1, 1));
  PROBE("amoadd.w +6", probe_amoadd((uint32_t)buf + 6, 1));
  putln("  word +4 (unchanged by the AMOs)", word_at(4));

  pt_clear(root);
  pt_clear(l0);
  map_platform(root, 0);
  map_page(root, l0, 0x40000000u, (uint32_t)page, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
  for (int i = 0; i < 4096; i += 4) *(volatile uint32_t *)(page + i) = 0x01020304u * (uint32_t)(i / 4 + 1);
  CSR_WRITE(satp, SATP_SV32(root, 0));
  sfence_all();
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  putln("word at page+ffc after the faulting sw", *(volatile uint32_t *)(page + 0xffc));
  return 0;
}
