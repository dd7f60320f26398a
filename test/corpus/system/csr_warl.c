/* WARL read-back of the machine and supervisor CSRs: each CSR is written with all ones (and
   other patterns) and read back, then restored. Prints what QEMU 7.2's rv32 hart keeps. */
#include "sys.h"

/* write v, read back, restore the old value; no memory access in between */
#define WARL(csr, v) ({ uint32_t o_, n_; __asm__ volatile("csrrw %0, " #csr ", %2\n csrr %1, " #csr "\n csrw " #csr ", %0" \
                                                        : "=&r"(o_), "=&r"(n_) : "r"((uint32_t)(v)) : "memory"); n_; })
#define SHOW(csr, v) do { puts_(#csr " <- "); puthex(v); puts_(" reads "); puthex(WARL(csr, v)); putch('\n'); } while (0)

int main(void) {
  sys_init();
  putln("misa", CSR_READ(misa));
  putln("mhartid", CSR_READ(mhartid));
  putln("mstatus at start", CSR_READ(mstatus));
  SHOW(mstatus, 0xffffffffu);
  SHOW(mstatus, 0x00001800u); /* MPP=M */
  SHOW(mstatus, 0x00001000u); /* MPP=2 reserved */
  SHOW(mstatus, 0x00000800u); /* MPP=S */
  SHOW(sstatus, 0xffffffffu);
  SHOW(medeleg, 0xffffffffu);
  SHOW(mideleg, 0xffffffffu);
  SHOW(mideleg, 0x00000000u);
  SHOW(mie, 0xffffffffu);
  SHOW(mip, 0xffffffffu);
  CSR_WRITE(mideleg, 0x222);
  CSR_WRITE(mie, 0xaaa);
  puts_("with mideleg=222 mie=aaa:\n");
  putln("  sie", CSR_READ(sie));
  SHOW(sie, 0xffffffffu);
  SHOW(sip, 0xffffffffu);
  putln("  mie after", CSR_READ(mie));
  CSR_WRITE(mie, 0);
  CSR_WRITE(mideleg, 0);
  puts_("with mideleg=0:\n");
  SHOW(sie, 0xffffffffu);
  SHOW(mtvec, 0x80000003u);
  SHOW(mtvec, 0x80000002u);
  SHOW(mtvec, 0x80000101u);
  SHOW(mtvec, 0x80000102u + 0x100u);
  SHOW(stvec, 0x80000003u);
  SHOW(stvec, 0x80000101u);
  SHOW(mepc, 0xffffffffu);
  SHOW(sepc, 0xffffffffu);
  SHOW(mcause, 0xffffffffu);
  SHOW(mcause, 0x8000000bu);
  SHOW(scause, 0xffffffffu);
  SHOW(mtval, 0xffffffffu);
  SHOW(stval, 0xffffffffu);
  SHOW(mscratch, 0x12345678u);
  SHOW(sscratch, 0x9abcdef0u);
  SHOW(mcounteren, 0xffffffffu);
  SHOW(scounteren, 0xffffffffu);
  SHOW(satp, 0xffffffffu);
  SHOW(satp, 0x7fffffffu);
  return 0;
}
