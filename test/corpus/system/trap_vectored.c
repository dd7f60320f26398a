/* Vectored trap modes (mtvec/stvec MODE=1): interrupts enter at base + 4*cause, exceptions
   at base. Each vector slot records its own number in mtval/stval (csrwi) before joining
   the common handler, which prints the cause and the slot that was used. */
#include "sys.h"

#define SLOTS(prefix, csr)                                                                          \
  ".balign 64\n" #prefix "_table:\n"                                                               \
  " j " #prefix "_0\n j " #prefix "_1\n j " #prefix "_2\n j " #prefix "_3\n j " #prefix "_4\n"     \
  " j " #prefix "_5\n j " #prefix "_6\n j " #prefix "_7\n j " #prefix "_8\n j " #prefix "_9\n"     \
  " j " #prefix "_10\n j " #prefix "_11\n"                                                        \
  #prefix "_0: j " #prefix "_common\n"                                                            \
  #prefix "_1: csrwi " #csr ", 1\n j " #prefix "_common\n"                                         \
  #prefix "_2: csrwi " #csr ", 2\n j " #prefix "_common\n"                                         \
  #prefix "_3: csrwi " #csr ", 3\n j " #prefix "_common\n"                                         \
  #prefix "_4: csrwi " #csr ", 4\n j " #prefix "_common\n"                                         \
  #prefix "_5: csrwi " #csr ", 5\n j " #prefix "_common\n"                                         \
  #prefix "_6: csrwi " #csr ", 6\n j " #prefix "_common\n"                                         \
  #prefix "_7: csrwi " #csr ", 7\n j " #prefix "_common\n"                                         \
  #prefix "_8: csrwi " #csr ", 8\n j " #prefix "_common\n"                                         \
  #prefix "_9: csrwi " #csr ", 9\n j " #prefix "_common\n"                                         \
  #prefix "_10: csrwi " #csr ", 10\n j " #prefix "_common\n"                                       \
  #prefix "_11: csrwi " #csr ", 11\n j " #prefix "_common\n"

__asm__(".pushsection .text.vec, \"ax\"\n.option push\n.option norvc\n"
        SLOTS(mv, mtval)
        "mv_common: j m_trap_vec\n"
        SLOTS(sv, stval)
        "sv_common: j s_trap_vec\n"
        ".option pop\n.popsection\n");
extern char mv_table[], sv_table[];

static const char *log_text[16];
static uint32_t log_cause[16], log_slot[16];
static volatile uint32_t nlog;

static void note(const char *who, struct frame *f) {
  log_text[nlog] = who;
  log_cause[nlog] = f->cause;
  log_slot[nlog] = f->tval;
  nlog++;
}

static void m_handler(struct frame *f) {
  note("M", f);
  if (f->cause == (MCAUSE_INT | IRQ_MSI)) CLINT_MSIP(0) = 0;
  else if (f->cause == (MCAUSE_INT | IRQ_MTI)) mtimecmp_write(0, MTIME_NEVER);
  else if (f->cause == (MCAUSE_INT | IRQ_SSI)) CSR_CLEAR(mip, 1u << IRQ_SSI);
  else if (f->cause & MCAUSE_INT) CSR_CLEAR(mie, 1u << (f->cause & 0x1f));
  else f->epc += 4;
}
static void s_handler(struct frame *f) {
  note("S", f);
  if (f->cause == (MCAUSE_INT | IRQ_SSI)) CSR_CLEAR(sip, 1u << IRQ_SSI);
  else f->epc += 4;
}

static void ecall_(void) { __asm__ volatile(".option push\n.option norvc\n li a7, 0x77\n ecall\n.option pop" ::: "a7", "memory"); }

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  CSR_SET(sstatus, MSTATUS_SIE);
  CSR_SET(sip, 1u << IRQ_SSI); /* delegated: to stvec slot 1 */
  CSR_CLEAR(sstatus, MSTATUS_SIE);
  ecall_(); /* ecall from S, not delegated: mtvec base */
  return 0;
}

static uint32_t u_main(uint32_t unused) {
  (void)unused;
  ecall_(); /* ecall from U, delegated: stvec base */
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_handler;
  s_trap = s_handler;
  mtimecmp_write(0, MTIME_NEVER);
  CSR_WRITE(mtvec, (uint32_t)mv_table | 1);
  CSR_WRITE(stvec, (uint32_t)sv_table | 1);
  putln("mtvec mode", CSR_READ(mtvec) & 3);
  putln("stvec mode", CSR_READ(stvec) & 3);
  CSR_WRITE(mie, (1u << IRQ_MSI) | (1u << IRQ_MTI) | (1u << IRQ_SSI));
  CSR_SET(mstatus, MSTATUS_MIE);
  CLINT_MSIP(0) = 1;
  while (nlog < 1) {}
  mtimecmp_write(0, 0);
  while (nlog < 2) {}
  CSR_SET(mip, 1u << IRQ_SSI);
  while (nlog < 3) {}
  ecall_();
  __asm__ volatile(".option push\n.option norvc\n csrr a0, 0x7c0\n.option pop" ::: "a0");
  CSR_CLEAR(mstatus, MSTATUS_MIE);

  CSR_WRITE(mideleg, 1u << IRQ_SSI);
  CSR_WRITE(medeleg, 1u << 8);
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  enter_mode(PRV_U, u_main, 0, LOWER_SP);
  CSR_WRITE(mtvec, (uint32_t)m_trap_vec);
  for (uint32_t i = 0; i < nlog; i++) {
    puts_(log_text[i]);
    puts_(" cause=");
    puthex(log_cause[i]);
    puts_(" entered at slot ");
    puts_dec(log_cause[i] & MCAUSE_INT ? log_slot[i] : (log_slot[i] == 0 || log_slot[i] == 0x7c002573 ? 0 : log_slot[i]));
    putch('\n');
  }
  return 0;
}
