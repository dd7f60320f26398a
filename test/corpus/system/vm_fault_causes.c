/* Sv32 page-fault causes from S mode: 12 (fetch), 13 (load, LR), 15 (store, AMO) with the
   faulting virtual address in stval/mtval and epc at the faulting instruction; a fetch of a
   4-byte instruction that straddles into an unmapped page. Run once with the page faults
   delegated to S (scause/stval/sepc) and once handled in M (mcause/mtval/mepc). */
#include "sys.h"

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t l0[1024] __attribute__((aligned(4096)));
static uint8_t pages[3][4096] __attribute__((aligned(4096)));

#define VA 0x40000000u
static volatile char who;

static void m_rec(struct frame *f) { who = 'M'; probe_trap(f); }
static void s_rec(struct frame *f) { who = 'S'; probe_trap(f); }

static void show(const char *label, uint32_t v, uint32_t expect_epc) {
  probe_show(label, v);
  if (probe_cause != PROBE_OK) {
    puts_("    taken in ");
    putch(who);
    puts_(", epc at the (first byte of the) instruction: ");
    putch(probe_epc == expect_epc ? 'y' : 'n');
    putch('\n');
  }
}
#define P(label, fn, ...) do { probe_reset(); uint32_t v_ = fn(__VA_ARGS__); show(label, v_, (uint32_t)fn); } while (0)
/* a fetch fault's epc is the target itself */
#define X(label, target) do { probe_reset(); uint32_t v_ = probe_exec(target); show(label, v_, target); } while (0)

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  P("lw   RW page", probe_lw, VA + 0x10);
  P("lw   R page", probe_lw, VA + 0x1010);
  P("lw   X-only page", probe_lw, VA + 0x2010);
  P("lw   invalid PTE", probe_lw, VA + 0x3010);
  P("lw   no level-1 entry", probe_lw, VA + 0x400010);
  P("lbu  invalid PTE", probe_lbu, VA + 0x3fff);
  P("lr   invalid PTE", probe_lr, VA + 0x3020);
  P("sw   R page", probe_sw, VA + 0x1020, 1);
  P("sb   X-only page", probe_sb, VA + 0x2021, 1);
  P("sw   invalid PTE", probe_sw, VA + 0x3024, 1);
  P("amo  R page", probe_amoadd, VA + 0x1028, 1);
  P("amo  invalid PTE", probe_amoadd, VA + 0x3028, 1);
  P("amo  X-only page", probe_amoadd, VA + 0x202c, 1);
  X("exec RW page", VA + 0x100);
  X("exec R page", VA + 0x1100);
  X("exec invalid PTE", VA + 0x3100);
  X("exec X-only page", VA + 0x2100);
  /* the last halfword of the X page holds the first half of a 4-byte instruction */
  X("exec straddling into invalid page", VA + 0x2ffe);
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_rec;
  s_trap = s_rec;
  pt_clear(root);
  pt_clear(l0);
  map_platform(root, 0);
  map_page(root, l0, VA + 0x0000, (uint32_t)pages[0], PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
  map_page(root, l0, VA + 0x1000, (uint32_t)pages[1], PTE_V | PTE_R | PTE_A | PTE_D);
  map_page(root, l0, VA + 0x2000, (uint32_t)pages[2], PTE_V | PTE_X | PTE_A | PTE_D);
  l0[3] = PTE((uint32_t)pages[0], PTE_R | PTE_W | PTE_X | PTE_A | PTE_D); /* V=0 */
  for (int p = 0; p < 3; p++) {
    for (int i = 0; i < 4096; i += 4) *(volatile uint32_t *)(pages[p] + i) = 0x0f000000u * (uint32_t)(p + 1) + (uint32_t)i;
    put_stub((uint32_t)pages[p] + 0x100);
  }
  *(volatile uint16_t *)(pages[2] + 0xffe) = 0x0513; /* low half of "li a0, 0x5a" */
  __asm__ volatile("fence.i");
  CSR_WRITE(satp, SATP_SV32(root, 0));
  sfence_all();
  puts_("== page faults delegated to S\n");
  CSR_WRITE(medeleg, (1u << 12) | (1u << 13) | (1u << 15));
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  puts_("== page faults taken in M\n");
  CSR_WRITE(medeleg, 0);
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  return 0;
}
