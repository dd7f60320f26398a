/* satp.MODE Bare vs Sv32 switched from S mode: the program region is mapped page by page
   (4 KiB identity) except one page that is redirected to another frame, so the same address
   reads differently under Bare and Sv32; M mode is never translated. Also satp's ASID and
   PPN fields as read back. */
#include "sys.h"

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t l0[1024] __attribute__((aligned(4096)));
static uint8_t p1[4096] __attribute__((aligned(4096)));
static uint8_t p2[4096] __attribute__((aligned(4096)));

static uint32_t satp_sv32;

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  volatile uint32_t *w = (volatile uint32_t *)p1;
  putln("S satp", CSR_READ(satp));
  putln("S Bare:  word at p1", *w);
  CSR_WRITE(satp, satp_sv32);
  sfence_all();
  putln("S Sv32:  word at p1", *w);
  *w = 0xcafe0002u;
  CSR_WRITE(satp, 0);
  sfence_all();
  putln("S Bare:  word at p1", *w);
  putln("S Bare:  word at p2", *(volatile uint32_t *)p2);
  CSR_WRITE(satp, satp_sv32 | (0x1ffu << 22));
  sfence_all();
  putln("S Sv32 with ASID 1ff: word at p1", *w);
  putln("S satp ASID field", (CSR_READ(satp) >> 22) & 0x1ff);
  CSR_WRITE(satp, 0x12345u); /* Bare with a non-zero PPN */
  sfence_all();
  putln("S satp Bare+PPN reads", CSR_READ(satp));
  putln("S Bare+PPN: word at p1", *w);
  CSR_WRITE(satp, satp_sv32);
  sfence_all();
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  putln("satp at reset", CSR_READ(satp));
  pt_clear(root);
  map_platform(root, 0);
  for (uint32_t i = 0; i < 1024; i++) l0[i] = PTE(0x80000000u + (i << 12), KERNEL_FLAGS);
  root[0x80000000u >> 22] = PTE((uint32_t)l0, PTE_V);
  l0[((uint32_t)p1 >> 12) & 1023] = PTE((uint32_t)p2, KERNEL_FLAGS);
  *(volatile uint32_t *)p1 = 0xcafe0001u;
  *(volatile uint32_t *)p2 = 0xbeef0002u;
  satp_sv32 = SATP_SV32(root, 0);
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  putln("M with satp Sv32: satp MODE", CSR_READ(satp) >> 31);
  putln("M: word at p1", *(volatile uint32_t *)p1);
  putln("M: word at p2", *(volatile uint32_t *)p2);
  return 0;
}
