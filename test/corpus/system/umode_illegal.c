/* Privileged instructions and CSRs from U (and S) mode: each takes an illegal-instruction
   trap (cause 2) to M with the instruction bits in mtval; also CSRs that do not exist or are
   read-only, from M. */
#include "sys.h"

#define T(name, insn) "t_" #name ": " insn "\n ret\n"
__asm__(".pushsection .text.t, \"ax\"\n.option push\n.option norvc\n"
        T(csrr_mstatus, "csrr a0, mstatus")
        T(csrr_sstatus, "csrr a0, sstatus")
        T(csrw_satp, "csrw satp, zero")
        T(csrr_mhartid, "csrr a0, mhartid")
        T(csrr_medeleg, "csrr a0, medeleg")
        T(mret, "mret")
        T(sret, "sret")
        T(wfi, "wfi")
        T(sfence, "sfence.vma")
        T(csrr_fflags, "csrr a0, fflags")
        T(csrr_7c0, "csrr a0, 0x7c0")
        T(csrw_mhartid, "csrw mhartid, zero")
        T(csrw_cycle, "csrw cycle, a0")
        T(csrr_hstatus, "csrr a0, 0x600")
        T(ebreak, "ebreak")
        ".option pop\n.popsection\n");

#define DECL(name) extern char t_##name[];
DECL(csrr_mstatus) DECL(csrr_sstatus) DECL(csrw_satp) DECL(csrr_mhartid) DECL(csrr_medeleg)
DECL(mret) DECL(sret) DECL(wfi) DECL(sfence) DECL(csrr_fflags) DECL(csrr_7c0)
DECL(csrw_mhartid) DECL(csrw_cycle) DECL(csrr_hstatus) DECL(ebreak)

static const struct { const char *name; char *fn; } tests[] = {
    {"csrr mstatus", t_csrr_mstatus}, {"csrr sstatus", t_csrr_sstatus}, {"csrw satp", t_csrw_satp},
    {"csrr mhartid", t_csrr_mhartid}, {"csrr medeleg", t_csrr_medeleg}, {"mret", t_mret},
    {"sret", t_sret}, {"wfi", t_wfi}, {"sfence.vma", t_sfence}, {"csrr fflags (FS=Off)", t_csrr_fflags},
    {"csrr 0x7c0", t_csrr_7c0}, {"csrw mhartid", t_csrw_mhartid}, {"csrw cycle", t_csrw_cycle},
    {"csrr hstatus", t_csrr_hstatus}, {"ebreak", t_ebreak},
};

static void m_handler(struct frame *f) {
  probe_cause = f->cause;
  probe_tval = f->tval;
  probe_epc = f->epc;
  f->epc += 4;
}

static uint32_t run(uint32_t mode) {
  for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
    if (mode == PRV_M && (tests[i].fn == t_mret || tests[i].fn == t_wfi)) continue;
    if (mode != PRV_U && tests[i].fn == t_sret) continue;
    if (mode == PRV_S && tests[i].fn == t_wfi) continue;
    probe_reset();
    ((void (*)(void))tests[i].fn)();
    puts_("  ");
    puts_(tests[i].name);
    if (probe_cause == PROBE_OK) {
      puts_(": ok\n");
    } else {
      puts_(": cause=");
      puthex(probe_cause);
      puts_(" tval=");
      puthex(probe_tval);
      puts_(probe_epc == (uint32_t)tests[i].fn ? " epc ok\n" : " epc WRONG\n");
    }
  }
  return 0;
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_handler;
  puts_("U mode\n");
  enter_mode(PRV_U, run, PRV_U, LOWER_SP);
  puts_("S mode\n");
  enter_mode(PRV_S, run, PRV_S, LOWER_SP);
  puts_("M mode\n");
  run(PRV_M);
  return 0;
}
