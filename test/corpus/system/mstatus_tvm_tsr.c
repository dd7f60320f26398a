/* mstatus.TVM (satp access and sfence.vma from S trap) and mstatus.TSR (sret from S traps):
   each instruction from S with the bit clear and set, and from M with the bit set. */
#include "sys.h"

__asm__(".pushsection .text.t, \"ax\"\n.option push\n.option norvc\n"
        "t_rd_satp: csrr a0, satp\n ret\n"
        "t_wr_satp: csrw satp, zero\n ret\n"
        "t_sfence: sfence.vma\n ret\n"
        "t_sfence_va: sfence.vma a0, zero\n ret\n"
        /* sret to the next instruction, staying in S (SPP=1) */
        "t_sret: la t0, 1f\n csrw sepc, t0\n li t1, 0x100\n csrs sstatus, t1\n"
        "t_sret_insn: sret\n"
        "1: ret\n"
        ".option pop\n.popsection\n");
extern char t_rd_satp[], t_wr_satp[], t_sfence[], t_sfence_va[], t_sret[], t_sret_insn[];

static void m_handler(struct frame *f) {
  probe_cause = f->cause;
  probe_tval = f->tval;
  probe_epc = f->epc;
  f->epc += 4;
}

static void one(const char *name, char *fn, char *insn) {
  probe_reset();
  ((void (*)(uint32_t))fn)(0x40000000u);
  puts_("  ");
  puts_(name);
  if (probe_cause == PROBE_OK) puts_(": ok\n");
  else {
    puts_(": cause=");
    puthex(probe_cause);
    puts_(" tval=");
    puthex(probe_tval);
    puts_(probe_epc == (uint32_t)insn ? " epc ok\n" : " epc WRONG\n");
  }
}

static uint32_t run(uint32_t mode) {
  one("csrr satp", t_rd_satp, t_rd_satp);
  one("csrw satp", t_wr_satp, t_wr_satp);
  one("sfence.vma", t_sfence, t_sfence);
  one("sfence.vma va", t_sfence_va, t_sfence_va);
  if (mode == PRV_S) one("sret", t_sret, t_sret_insn);
  return 0;
}

static void attempt(const char *label, uint32_t mode, uint32_t bits) {
  CSR_CLEAR(mstatus, MSTATUS_TVM | MSTATUS_TSR);
  CSR_SET(mstatus, bits);
  puts_(label);
  putch('\n');
  if (mode == PRV_M) run(PRV_M);
  else enter_mode(mode, run, mode, LOWER_SP);
}

int main(void) {
  sys_init();
  pmp_allow_all();
  m_trap = m_handler;
  attempt("S, TVM=0 TSR=0", PRV_S, 0);
  attempt("S, TVM=1", PRV_S, MSTATUS_TVM);
  attempt("S, TSR=1", PRV_S, MSTATUS_TSR);
  attempt("S, TVM=1 TSR=1", PRV_S, MSTATUS_TVM | MSTATUS_TSR);
  attempt("M, TVM=1 TSR=1", PRV_M, MSTATUS_TVM | MSTATUS_TSR);
  attempt("U, TVM=0 TSR=0", PRV_U, 0);
  CSR_SET(mstatus, MSTATUS_TVM | MSTATUS_TSR);
  putln("mstatus TVM|TSR read back", CSR_READ(mstatus) & (MSTATUS_TVM | MSTATUS_TSR));
  CSR_CLEAR(mstatus, MSTATUS_TVM | MSTATUS_TSR);
  return 0;
}
