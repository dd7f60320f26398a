/* ecall through the privilege levels: U -> S (medeleg bit 8) where the S handler itself calls
   M (cause 9) before returning to U; U -> M when bit 8 is clear; S -> S when bit 9 is set;
   M -> M (cause 11). Arguments go in a0/a7, results come back in a0. */
#include "sys.h"

static uint32_t do_ecall(uint32_t num, uint32_t arg) {
  register uint32_t a0 __asm__("a0") = arg;
  register uint32_t a7 __asm__("a7") = num;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
  return a0;
}

static void m_handler(struct frame *f) {
  if (f->cause == 2 && f->r[17] == SYS_RETURN) sys_resume(f->r[10]); /* escape hatch, see s_main2 */
  puts_("  M: cause=");
  puthex(f->cause);
  puts_(" from MPP=");
  puthex((f->status >> 11) & 3);
  puts_(" a7=");
  puthex(f->r[17]);
  puts_(" a0=");
  puthex(f->r[10]);
  putch('\n');
  f->r[10] = f->r[10] * 2;
  f->epc += 4;
}

static void s_handler(struct frame *f) {
  puts_("  S: scause=");
  puthex(f->cause);
  puts_(" SPP=");
  puthex((f->status >> 8) & 1);
  puts_(" a7=");
  puthex(f->r[17]);
  puts_(" a0=");
  puthex(f->r[10]);
  putch('\n');
  if (f->cause == 9 && f->r[17] == SYS_RETURN) {
    /* ecalls from S are delegated to S here, so leave through an exception M keeps */
    register uint32_t a0 __asm__("a0") = f->r[10];
    register uint32_t a7 __asm__("a7") = SYS_RETURN;
    __asm__ volatile("csrr zero, mscratch" ::"r"(a0), "r"(a7));
  }
  if (f->cause == 8) {
    uint32_t r = do_ecall(0x200, f->r[10] + 1);
    puts_("  S: M returned ");
    puthex(r);
    putch('\n');
    f->r[10] = r;
  } else {
    f->r[10] = f->r[10] + 0x1000;
  }
  f->epc += 4;
}

static uint32_t u_main(uint32_t unused) {
  (void)unused;
  uint32_t r = do_ecall(0x100, 0x10);
  puts_("  U: ecall returned ");
  puthex(r);
  putch('\n');
  return r;
}

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  uint32_t r = do_ecall(0x300, 0x30);
  puts_("  S: ecall returned ");
  puthex(r);
  putch('\n');
  return r;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_handler;
  s_trap = s_handler;
  puts_("U ecall, medeleg bit 8 set\n");
  CSR_WRITE(medeleg, 1u << 8);
  putln("  result", enter_mode(PRV_U, u_main, 0, LOWER_SP));
  puts_("U ecall, medeleg clear\n");
  CSR_WRITE(medeleg, 0);
  putln("  result", enter_mode(PRV_U, u_main, 0, LOWER_SP));
  puts_("S ecall, medeleg clear\n");
  putln("  result", enter_mode(PRV_S, s_main, 0, LOWER_SP));
  puts_("S ecall, medeleg bit 9 set\n");
  CSR_WRITE(medeleg, 1u << 9);
  putln("  result", enter_mode(PRV_S, s_main, 0, LOWER_SP));
  puts_("M ecall, medeleg bits 8, 9, 11 set\n");
  CSR_WRITE(medeleg, (1u << 8) | (1u << 9) | (1u << 11));
  putln("  medeleg", CSR_READ(medeleg));
  putln("  result", do_ecall(0x400, 0x40));
  return 0;
}
