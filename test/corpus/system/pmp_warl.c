/* PMP CSR WARL behaviour: the 16 pmpaddr and 4 pmpcfg registers, reserved pmpcfg
   encodings (W without R, bits 5-6), the CSRs beyond entry 15, and what S mode can do in a
   region whose pmpcfg says W=1 R=0. */
#include "sys.h"

static uint8_t buf[0x1000] __attribute__((aligned(4096)));

#define TRY_CSRR(num) ({ uint32_t v_; probe_reset(); __asm__ volatile(".option push\n.option norvc\ncsrr %0, " #num "\n.option pop" : "=r"(v_) :: "memory"); v_; })

static void m_illegal(struct frame *f) {
  if (f->cause == 2) {
    probe_cause = f->cause;
    probe_tval = f->tval;
    f->epc += 4;
    f->r[10] = 0;
    return;
  }
  probe_trap(f);
}

#define PMPADDR(n)                                            \
  do {                                                        \
    CSR_WRITE(pmpaddr##n, 0xffffffffu);                       \
    puts_("pmpaddr" #n " <- ffffffff reads ");                \
    puthex(CSR_READ(pmpaddr##n));                             \
    CSR_WRITE(pmpaddr##n, 0x00000000u);                       \
    puts_(", <- 0 reads ");                                   \
    puthex(CSR_READ(pmpaddr##n));                             \
    putch('\n');                                              \
  } while (0)

#define PMPCFG(n, v)                                          \
  do {                                                        \
    CSR_WRITE(pmpcfg##n, v);                                  \
    puts_("pmpcfg" #n " <- " #v " reads ");                   \
    puthex(CSR_READ(pmpcfg##n));                              \
    putch('\n');                                              \
    CSR_WRITE(pmpcfg##n, 0);                                  \
  } while (0)

static uint32_t s_main(uint32_t unused) {
  (void)unused;
  uint32_t a = (uint32_t)buf;
  PROBE("S lw  in W-only region", probe_lw(a + 0x10));
  PROBE("S sw  in W-only region", probe_sw(a + 0x10, 0x77));
  PROBE("S amo in W-only region", probe_amoadd(a + 0x14, 1));
  return 0;
}

int main(void) {
  sys_init();
  m_trap = m_illegal;
  PMPADDR(0); PMPADDR(1); PMPADDR(2); PMPADDR(3); PMPADDR(4); PMPADDR(5); PMPADDR(6); PMPADDR(7);
  PMPADDR(8); PMPADDR(9); PMPADDR(10); PMPADDR(11); PMPADDR(12); PMPADDR(13); PMPADDR(14); PMPADDR(15);
  PMPCFG(0, 0x7f7f7f7fu);
  PMPCFG(1, 0x1f0f171fu);
  PMPCFG(2, 0x01020304u);
  PMPCFG(3, 0x60402007u);
  PMPCFG(0, 0x1e1a0602u); /* W without R: W, WX, NAPOT|W, NAPOT|WX */
  PMPCFG(1, 0x0e0a1612u);
  PROBE("csrr pmpcfg4 (0x3a4)", TRY_CSRR(0x3a4));
  PROBE("csrr pmpcfg15 (0x3af)", TRY_CSRR(0x3af));
  PROBE("csrr pmpaddr16 (0x3c0)", TRY_CSRR(0x3c0));
  PROBE("csrr pmpaddr63 (0x3ef)", TRY_CSRR(0x3ef));

  m_trap = probe_trap;
  for (int i = 0; i < 0x1000; i += 4) *(volatile uint32_t *)(buf + i) = 0xe0000000u | (uint32_t)i;
  CSR_WRITE(pmpaddr0, PMP_NAPOT_ADDR(buf, 4096));
  CSR_WRITE(pmpaddr1, 0xffffffffu);
  CSR_WRITE(pmpcfg0, (PMP_NAPOT | PMP_W) | (uint32_t)(PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 8);
  putln("pmpcfg0 with a W-only NAPOT entry", CSR_READ(pmpcfg0));
  enter_mode(PRV_S, s_main, 0, LOWER_SP);
  putln("word written by S", *(volatile uint32_t *)(buf + 0x10));
  putln("word S tried to AMO", *(volatile uint32_t *)(buf + 0x14));
  return 0;
}
