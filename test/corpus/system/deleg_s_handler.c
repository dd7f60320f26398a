/* Exception delegation through medeleg: delegated exceptions from S and U reach the S
   handler (scause, sepc, stval, sstatus.SPP/SPIE); clearing the medeleg bit sends the same
   exception to M; exceptions raised in M are never delegated. */
#include "sys.h"

static uint8_t guarded[4096] __attribute__((aligned(4096)));

extern char t_ebreak[], t_csr[], t_ro[], t_zero[], t_load[], t_ecall[];
__asm__(".pushsection .text.tests, \"ax\"\n.option push\n.option norvc\n"
        "t_ebreak: ebreak\n ret\n"
        "t_csr: csrr a0, mstatus\n ret\n"
        "t_ro: csrw cycle, zero\n ret\n"
        "t_zero: .word 0\n ret\n"
        "t_load: lw a0, 0(a0)\n ret\n"
        "t_ecall: li a7, 0x123\n ecall\n ret\n"
        ".option pop\n.popsection\n");

static void report(const char *who, struct frame *f, uint32_t status) {
  puts_("  -> ");
  puts_(who);
  puts_(" cause=");
  puthex(f->cause);
  puts_(" epc=");
  const char *names[] = {"t_ebreak", "t_csr", "t_ro", "t_zero", "t_load", "t_ecall+4"};
  const uint32_t addrs[] = {(uint32_t)t_ebreak, (uint32_t)t_csr, (uint32_t)t_ro, (uint32_t)t_zero, (uint32_t)t_load, (uint32_t)t_ecall + 4};
  int found = 0;
  for (int i = 0; i < 6; i++)
    if (f->epc == addrs[i]) { puts_(names[i]); found = 1; }
  if (!found) puthex(f->epc);
  puts_(" tval=");
  puthex(f->tval == (uint32_t)guarded ? 0x6a6a6a6a : f->tval);
  puts_(" status&(SPP|SPIE|SIE|MPP|MPIE)=");
  puthex(status & (MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_MPP | MSTATUS_MPIE));
  putch('\n');
  f->epc += 4;
}
static void s_handler(struct frame *f) { report("S", f, CSR_READ(sstatus)); }
static void m_handler(struct frame *f) {
  if ((f->cause == 8 || f->cause == 9) && f->r[17] != 0x123) {
    puts_("unexpected ecall\n");
    corpus_exit(5);
  }
  report("M", f, f->status);
}

static void run_all(void) {
  puts_(" ebreak\n");
  ((void (*)(void))t_ebreak)();
  puts_(" csrr mstatus\n");
  ((void (*)(void))t_csr)();
  puts_(" csrw cycle (read-only CSR)\n");
  ((void (*)(void))t_ro)();
  puts_(" all-zero instruction\n");
  ((void (*)(void))t_zero)();
  puts_(" load from a PMP-protected page (tval 6a6a6a6a = the page)\n");
  ((uint32_t(*)(uint32_t))t_load)((uint32_t)guarded);
  puts_(" ecall\n");
  ((void (*)(void))t_ecall)();
}

static uint32_t lower(uint32_t mode) {
  puts_(mode == PRV_S ? "from S, SIE=1:\n" : "from U:\n");
  if (mode == PRV_S) CSR_SET(sstatus, MSTATUS_SIE);
  run_all();
  if (mode == PRV_S) CSR_CLEAR(sstatus, MSTATUS_SIE);
  return 0;
}

int main(void) {
  sys_init();
  m_trap = m_handler;
  s_trap = s_handler;
  CSR_WRITE(pmpaddr0, PMP_NAPOT_ADDR(guarded, 4096));
  CSR_WRITE(pmpaddr1, 0xffffffffu);
  CSR_WRITE(pmpcfg0, PMP_NAPOT | (uint32_t)(PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 8);
  /* illegal instruction, breakpoint, load access fault, ecall from U */
  CSR_WRITE(medeleg, (1u << 2) | (1u << 3) | (1u << 5) | (1u << 8));
  putln("medeleg", CSR_READ(medeleg));
  enter_mode(PRV_S, lower, PRV_S, LOWER_SP);
  enter_mode(PRV_U, lower, PRV_U, LOWER_SP);
  CSR_WRITE(medeleg, 0);
  putln("medeleg", CSR_READ(medeleg));
  enter_mode(PRV_S, lower, PRV_S, LOWER_SP);
  CSR_WRITE(medeleg, 0xffffffffu);
  putln("medeleg", CSR_READ(medeleg));
  puts_("from M:\n");
  run_all();
  return 0;
}
