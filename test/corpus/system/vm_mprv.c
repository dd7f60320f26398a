/* mstatus.MPRV from M mode: loads and stores are translated and checked as if in mode MPP
   (S or U) - SUM and MXR apply, page faults report the virtual address, PMP checks use the
   effective mode - while fetches stay untranslated; MPP=M means no translation; mret and
   sret to a lower mode clear MPRV. */
#include "sys.h"

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t l0[1024] __attribute__((aligned(4096)));
static uint8_t page[4096] __attribute__((aligned(4096)));
static uint8_t pmp_page[4096] __attribute__((aligned(4096)));

#define VS 0x40000000u
#define VU 0x40001000u
#define VX 0x40002000u
#define MPP_S (1u << 11)
#define MPP_U 0u
#define MPP_M (3u << 11)

/* one access with mstatus = (mstatus & ~MPP) | bits, then mstatus restored */
static uint32_t mprv_lw(uint32_t addr, uint32_t bits) {
  register uint32_t a0 __asm__("a0") = addr;
  __asm__ volatile(".option push\n.option norvc\n"
                   "csrr t2, mstatus\n li t1, 0x1800\n csrc mstatus, t1\n csrs mstatus, %1\n"
                   "lw a0, 0(a0)\n"
                   "csrw mstatus, t2\n.option pop"
                   : "+r"(a0) : "r"(bits) : "t1", "t2", "memory");
  return a0;
}
static uint32_t mprv_sw(uint32_t addr, uint32_t value, uint32_t bits) {
  register uint32_t a0 __asm__("a0") = addr;
  __asm__ volatile(".option push\n.option norvc\n"
                   "csrr t2, mstatus\n li t1, 0x1800\n csrc mstatus, t1\n csrs mstatus, %2\n"
                   "sw %1, 0(a0)\n"
                   "csrw mstatus, t2\n.option pop"
                   : "+r"(a0) : "r"(value), "r"(bits) : "t1", "t2", "memory");
  return 0;
}

static uint32_t s_nothing(uint32_t v) { return v; }

int main(void) {
  sys_init();
  m_trap = probe_trap;
  pt_clear(root);
  pt_clear(l0);
  map_platform(root, 0);
  uint32_t pa = (uint32_t)page;
  map_page(root, l0, VS, pa, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
  map_page(root, l0, VU, pa, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D);
  map_page(root, l0, VX, pa, PTE_V | PTE_X | PTE_A | PTE_D);
  for (int i = 0; i < 4096; i += 4) *(volatile uint32_t *)(page + i) = 0x9a000000u | (uint32_t)i;
  for (int i = 0; i < 4096; i += 4) *(volatile uint32_t *)(pmp_page + i) = 0x9b000000u | (uint32_t)i;
  /* pmp0: pmp_page no access for S/U; pmp1: everything RWX */
  CSR_WRITE(pmpaddr0, PMP_NAPOT_ADDR(pmp_page, 4096));
  CSR_WRITE(pmpaddr1, 0xffffffffu);
  CSR_WRITE(pmpcfg0, PMP_NAPOT | (uint32_t)(PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 8);
  CSR_WRITE(satp, SATP_SV32(root, 0));
  sfence_all();

  const uint32_t S = MSTATUS_MPRV | MPP_S, U = MSTATUS_MPRV | MPP_U;
  PROBE("MPRV=0: lw PA page+10", mprv_lw(pa + 0x10, 0));
  PROBE("MPRV MPP=S: lw VS+10", mprv_lw(VS + 0x10, S));
  PROBE("MPRV MPP=S: sw VS+14", mprv_sw(VS + 0x14, 0x1414, S));
  PROBE("MPRV MPP=S: lw VU+14 (SUM=0)", mprv_lw(VU + 0x14, S));
  PROBE("MPRV MPP=S: sw VU+18 (SUM=0)", mprv_sw(VU + 0x18, 0x1818, S));
  PROBE("MPRV MPP=S: lw VU+14 (SUM=1)", mprv_lw(VU + 0x14, S | MSTATUS_SUM));
  PROBE("MPRV MPP=S: lw VX+20 (MXR=0)", mprv_lw(VX + 0x20, S));
  PROBE("MPRV MPP=S: lw VX+20 (MXR=1)", mprv_lw(VX + 0x20, S | MSTATUS_MXR));
  PROBE("MPRV MPP=S: sw VX+20 (MXR=1)", mprv_sw(VX + 0x20, 1, S | MSTATUS_MXR));
  PROBE("MPRV MPP=U: lw VU+14", mprv_lw(VU + 0x14, U));
  PROBE("MPRV MPP=U: lw VS+14", mprv_lw(VS + 0x14, U));
  PROBE("MPRV MPP=U: lw VS+14 (SUM=1)", mprv_lw(VS + 0x14, U | MSTATUS_SUM));
  PROBE("MPRV MPP=M: lw PA page+14", mprv_lw(pa + 0x14, MSTATUS_MPRV | MPP_M));
  PROBE("MPRV=0: lw PA pmp_page+4", mprv_lw((uint32_t)pmp_page + 4, 0));
  CSR_WRITE(satp, 0);
  sfence_all();
  puts_("satp Bare\n");
  PROBE("MPRV MPP=S: lw PA page+14", mprv_lw(pa + 0x14, S));
  PROBE("MPRV MPP=S: lw PA pmp_page+4 (PMP: no S access)", mprv_lw((uint32_t)pmp_page + 4, S));
  PROBE("MPRV MPP=S: sw PA pmp_page+8", mprv_sw((uint32_t)pmp_page + 8, 8, S));
  PROBE("MPRV MPP=M: lw PA pmp_page+4", mprv_lw((uint32_t)pmp_page + 4, MSTATUS_MPRV | MPP_M));

  CSR_SET(mstatus, MSTATUS_MPRV);
  enter_mode(PRV_S, s_nothing, 0, LOWER_SP);
  putln("MPRV after mret to S and a trap back", (CSR_READ(mstatus) >> 17) & 1);
  CSR_SET(mstatus, MSTATUS_MPRV);
  enter_mode_sret(PRV_S, s_nothing, 0, LOWER_SP);
  putln("MPRV after sret to S and a trap back", (CSR_READ(mstatus) >> 17) & 1);
  CSR_SET(mstatus, MSTATUS_MPRV);
  enter_mode(PRV_U, s_nothing, 0, LOWER_SP);
  putln("MPRV after mret to U and a trap back", (CSR_READ(mstatus) >> 17) & 1);
  return 0;
}
