/* Shared helpers for the C programs of test/corpus/system (not a program itself: the corpus
   builds only *.c and *.S). Include it once, as the program's only include: #include "sys.h".

   - Trap entries for M and S (m_trap_vec, s_trap_vec): every register is saved in a struct
     frame on a private trap stack (mscratch / sscratch hold its top); the handler the
     program installs in m_trap / s_trap may change f->epc, f->status and f->r[] before the
     return (mstatus/sstatus are restored from f->status).
   - enter_mode(mode, fn, arg, sp) runs fn(arg) in S or U mode (through mret; enter_mode_sret
     goes through sret) and returns, in M mode, the value fn returned (or passed to
     lower_return()). Lower modes can print through the M-mode ecall SYS_PUTC.
   - Probes (probe_lw, probe_sw, probe_exec, ...): single accesses whose fault probe_trap
     records and skips; PROBE(label, call) prints "ok value" or "fault cause tval".
   - CLINT, PLIC, UART register macros; Sv32 page-table and PMP helpers.
   All of it assumes the program image is reachable at its physical address (identity
   mapping or Bare) whenever a trap handler runs. */
#ifndef SYS_H
#define SYS_H
#include "corpus.h"

#define MSTATUS_SIE (1u << 1)
#define MSTATUS_MIE (1u << 3)
#define MSTATUS_SPIE (1u << 5)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_SPP (1u << 8)
#define MSTATUS_MPP (3u << 11)
#define MSTATUS_MPRV (1u << 17)
#define MSTATUS_SUM (1u << 18)
#define MSTATUS_MXR (1u << 19)
#define MSTATUS_TVM (1u << 20)
#define MSTATUS_TW (1u << 21)
#define MSTATUS_TSR (1u << 22)

#define PRV_U 0u
#define PRV_S 1u
#define PRV_M 3u

#define IRQ_SSI 1u
#define IRQ_MSI 3u
#define IRQ_STI 5u
#define IRQ_MTI 7u
#define IRQ_SEI 9u
#define IRQ_MEI 11u
#define MCAUSE_INT 0x80000000u

#define CSR_SET(csr, v) __asm__ volatile("csrs " #csr ", %0" ::"r"((uint32_t)(v)) : "memory")
#define CSR_CLEAR(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"r"((uint32_t)(v)) : "memory")
#define CSR_SWAP(csr, v) ({ uint32_t o_; __asm__ volatile("csrrw %0, " #csr ", %1" : "=r"(o_) : "r"((uint32_t)(v)) : "memory"); o_; })
#define BARRIER() __asm__ volatile("" ::: "memory")

/* CLINT (QEMU virt / spike) */
#define CLINT_MSIP(h) REG32(0x2000000u + 4u * (h))
#define CLINT_MTIMECMP_LO(h) REG32(0x2004000u + 8u * (h))
#define CLINT_MTIMECMP_HI(h) REG32(0x2004004u + 8u * (h))
#define CLINT_MTIME_LO REG32(0x200bff8u)
#define CLINT_MTIME_HI REG32(0x200bffcu)

/* PLIC (QEMU virt: context 2*hart = M mode, 2*hart+1 = S mode) */
#define PLIC_BASE 0x0c000000u
#define PLIC_PRIORITY(irq) REG32(PLIC_BASE + 4u * (irq))
#define PLIC_PENDING(word) REG32(PLIC_BASE + 0x1000u + 4u * (word))
#define PLIC_ENABLE(ctx, word) REG32(PLIC_BASE + 0x2000u + 0x80u * (ctx) + 4u * (word))
#define PLIC_THRESHOLD(ctx) REG32(PLIC_BASE + 0x200000u + 0x1000u * (ctx))
#define PLIC_CLAIM(ctx) REG32(PLIC_BASE + 0x200004u + 0x1000u * (ctx))
#define UART_IRQ 10u

/* UART 16550 registers */
#define UART_RBR REG8(UART_BASE + 0)
#define UART_THR REG8(UART_BASE + 0)
#define UART_IER REG8(UART_BASE + 1)
#define UART_IIR REG8(UART_BASE + 2)
#define UART_FCR REG8(UART_BASE + 2)
#define UART_LCR REG8(UART_BASE + 3)
#define UART_MCR REG8(UART_BASE + 4)
#define UART_LSR REG8(UART_BASE + 5)
#define UART_MSR REG8(UART_BASE + 6)
#define UART_SCR REG8(UART_BASE + 7)

/* ecall numbers (a7) served by the M-mode dispatcher */
#define SYS_PUTC 1u
#define SYS_RETURN 0x5e7u

struct frame {
  uint32_t r[32]; /* r[2] is the interrupted sp; r[0] unused */
  uint32_t cause, epc, tval, status;
};

/* gcc may emit calls to these for loops and struct copies */
void *memset(void *d, int c, unsigned n) {
  volatile uint8_t *p = d;
  while (n--) *p++ = (uint8_t)c;
  return d;
}
void *memcpy(void *d, const void *s, unsigned n) {
  volatile uint8_t *p = d;
  const volatile uint8_t *q = s;
  while (n--) *p++ = *q++;
  return d;
}

static inline __attribute__((unused)) void puts_dec(uint32_t v) {
  char b[12];
  int i = 0;
  do { b[i++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (i) putch(b[--i]);
}
/* "label=<decimal>\n" */
static inline __attribute__((unused)) void putdec(const char *label, uint32_t v) { puts_(label); putch('='); puts_dec(v); putch('\n'); }

/* Length of the instruction at pc (the code must be reachable at that address by M). */
static inline uint32_t insn_len(uint32_t pc) { return ((*(volatile uint16_t *)pc) & 3) == 3 ? 4 : 2; }

/* The programs' trap handlers: set these (defaults print the trap and fail). */
typedef void (*trap_fn)(struct frame *f);

uint32_t enter_mode(uint32_t mode, void *fn, uint32_t arg, void *sp);
uint32_t enter_mode_sret(uint32_t mode, void *fn, uint32_t arg, void *sp);
void lower_return(uint32_t value) __attribute__((noreturn));
void sys_resume(uint32_t value) __attribute__((noreturn));

uint8_t m_trap_stack[4096] __attribute__((aligned(16)));
uint8_t s_trap_stack[4096] __attribute__((aligned(16)));
uint8_t lower_stack[4096] __attribute__((aligned(16)));
#define LOWER_SP ((void *)(lower_stack + sizeof lower_stack))
uint32_t sys_ctx[14];

__asm__(
    ".pushsection .text.sys, \"ax\"\n"
    ".option push\n.option norvc\n"
    ".balign 64\n"
    ".globl m_trap_vec\n"
    "m_trap_vec:\n"
    "  csrrw sp, mscratch, sp\n"
    "  addi sp, sp, -144\n"
    "  sw x1, 4(sp)\n  sw x3, 12(sp)\n  sw x4, 16(sp)\n  sw x5, 20(sp)\n  sw x6, 24(sp)\n"
    "  sw x7, 28(sp)\n  sw x8, 32(sp)\n  sw x9, 36(sp)\n  sw x10, 40(sp)\n  sw x11, 44(sp)\n"
    "  sw x12, 48(sp)\n  sw x13, 52(sp)\n  sw x14, 56(sp)\n  sw x15, 60(sp)\n  sw x16, 64(sp)\n"
    "  sw x17, 68(sp)\n  sw x18, 72(sp)\n  sw x19, 76(sp)\n  sw x20, 80(sp)\n  sw x21, 84(sp)\n"
    "  sw x22, 88(sp)\n  sw x23, 92(sp)\n  sw x24, 96(sp)\n  sw x25, 100(sp)\n  sw x26, 104(sp)\n"
    "  sw x27, 108(sp)\n  sw x28, 112(sp)\n  sw x29, 116(sp)\n  sw x30, 120(sp)\n  sw x31, 124(sp)\n"
    "  csrr t0, mscratch\n  sw t0, 8(sp)\n"
    "  csrr t0, mcause\n  sw t0, 128(sp)\n"
    "  csrr t0, mepc\n  sw t0, 132(sp)\n"
    "  csrr t0, mtval\n  sw t0, 136(sp)\n"
    "  csrr t0, mstatus\n  sw t0, 140(sp)\n"
    "  mv a0, sp\n"
    "  call m_trap_dispatch\n"
    "  lw t0, 132(sp)\n  csrw mepc, t0\n"
    "  lw t0, 140(sp)\n  csrw mstatus, t0\n"
    "  addi t0, sp, 144\n  csrw mscratch, t0\n"
    "  lw x1, 4(sp)\n  lw x3, 12(sp)\n  lw x4, 16(sp)\n  lw x5, 20(sp)\n  lw x6, 24(sp)\n"
    "  lw x7, 28(sp)\n  lw x8, 32(sp)\n  lw x9, 36(sp)\n  lw x10, 40(sp)\n  lw x11, 44(sp)\n"
    "  lw x12, 48(sp)\n  lw x13, 52(sp)\n  lw x14, 56(sp)\n  lw x15, 60(sp)\n  lw x16, 64(sp)\n"
    "  lw x17, 68(sp)\n  lw x18, 72(sp)\n  lw x19, 76(sp)\n  lw x20, 80(sp)\n  lw x21, 84(sp)\n"
    "  lw x22, 88(sp)\n  lw x23, 92(sp)\n  lw x24, 96(sp)\n  lw x25, 100(sp)\n  lw x26, 104(sp)\n"
    "  lw x27, 108(sp)\n  lw x28, 112(sp)\n  lw x29, 116(sp)\n  lw x30, 120(sp)\n  lw x31, 124(sp)\n"
    "  lw sp, 8(sp)\n"
    "  mret\n"
    ".balign 64\n"
    ".globl s_trap_vec\n"
    "s_trap_vec:\n"
    "  csrrw sp, sscratch, sp\n"
    "  addi sp, sp, -144\n"
    "  sw x1, 4(sp)\n  sw x3, 12(sp)\n  sw x4, 16(sp)\n  sw x5, 20(sp)\n  sw x6, 24(sp)\n"
    "  sw x7, 28(sp)\n  sw x8, 32(sp)\n  sw x9, 36(sp)\n  sw x10, 40(sp)\n  sw x11, 44(sp)\n"
    "  sw x12, 48(sp)\n  sw x13, 52(sp)\n  sw x14, 56(sp)\n  sw x15, 60(sp)\n  sw x16, 64(sp)\n"
    "  sw x17, 68(sp)\n  sw x18, 72(sp)\n  sw x19, 76(sp)\n  sw x20, 80(sp)\n  sw x21, 84(sp)\n"
    "  sw x22, 88(sp)\n  sw x23, 92(sp)\n  sw x24, 96(sp)\n  sw x25, 100(sp)\n  sw x26, 104(sp)\n"
    "  sw x27, 108(sp)\n  sw x28, 112(sp)\n  sw x29, 116(sp)\n  sw x30, 120(sp)\n  sw x31, 124(sp)\n"
    "  csrr t0, sscratch\n  sw t0, 8(sp)\n"
    "  csrr t0, scause\n  sw t0, 128(sp)\n"
    "  csrr t0, sepc\n  sw t0, 132(sp)\n"
    "  csrr t0, stval\n  sw t0, 136(sp)\n"
    "  csrr t0, sstatus\n  sw t0, 140(sp)\n"
    "  mv a0, sp\n"
    "  call s_trap_dispatch\n"
    "  lw t0, 132(sp)\n  csrw sepc, t0\n"
    "  lw t0, 140(sp)\n  csrw sstatus, t0\n"
    "  addi t0, sp, 144\n  csrw sscratch, t0\n"
    "  lw x1, 4(sp)\n  lw x3, 12(sp)\n  lw x4, 16(sp)\n  lw x5, 20(sp)\n  lw x6, 24(sp)\n"
    "  lw x7, 28(sp)\n  lw x8, 32(sp)\n  lw x9, 36(sp)\n  lw x10, 40(sp)\n  lw x11, 44(sp)\n"
    "  lw x12, 48(sp)\n  lw x13, 52(sp)\n  lw x14, 56(sp)\n  lw x15, 60(sp)\n  lw x16, 64(sp)\n"
    "  lw x17, 68(sp)\n  lw x18, 72(sp)\n  lw x19, 76(sp)\n  lw x20, 80(sp)\n  lw x21, 84(sp)\n"
    "  lw x22, 88(sp)\n  lw x23, 92(sp)\n  lw x24, 96(sp)\n  lw x25, 100(sp)\n  lw x26, 104(sp)\n"
    "  lw x27, 108(sp)\n  lw x28, 112(sp)\n  lw x29, 116(sp)\n  lw x30, 120(sp)\n  lw x31, 124(sp)\n"
    "  lw sp, 8(sp)\n"
    "  sret\n"
    /* uint32_t enter_mode(mode, fn, arg, sp) */
    ".globl enter_mode\n"
    "enter_mode:\n"
    "  la t0, sys_ctx\n"
    "  sw ra, 0(t0)\n  sw sp, 4(t0)\n  sw s0, 8(t0)\n  sw s1, 12(t0)\n  sw s2, 16(t0)\n"
    "  sw s3, 20(t0)\n  sw s4, 24(t0)\n  sw s5, 28(t0)\n  sw s6, 32(t0)\n  sw s7, 36(t0)\n"
    "  sw s8, 40(t0)\n  sw s9, 44(t0)\n  sw s10, 48(t0)\n  sw s11, 52(t0)\n"
    "  li t1, 0x1800\n  csrc mstatus, t1\n"
    "  slli t1, a0, 11\n  csrs mstatus, t1\n"
    "  csrw mepc, a1\n"
    "  mv a0, a2\n  mv sp, a3\n"
    "  la ra, lower_return\n"
    ".globl enter_mode_mret\n"
    "enter_mode_mret:\n"
    "  mret\n"
    /* uint32_t enter_mode_sret(mode, fn, arg, sp): the same through sret (mode S or U) */
    ".globl enter_mode_sret\n"
    "enter_mode_sret:\n"
    "  la t0, sys_ctx\n"
    "  sw ra, 0(t0)\n  sw sp, 4(t0)\n  sw s0, 8(t0)\n  sw s1, 12(t0)\n  sw s2, 16(t0)\n"
    "  sw s3, 20(t0)\n  sw s4, 24(t0)\n  sw s5, 28(t0)\n  sw s6, 32(t0)\n  sw s7, 36(t0)\n"
    "  sw s8, 40(t0)\n  sw s9, 44(t0)\n  sw s10, 48(t0)\n  sw s11, 52(t0)\n"
    "  li t1, 0x100\n  csrc mstatus, t1\n"
    "  slli t1, a0, 8\n  csrs mstatus, t1\n"
    "  csrw sepc, a1\n"
    "  mv a0, a2\n  mv sp, a3\n"
    "  la ra, lower_return\n"
    "  sret\n"
    /* lower_return(value): from S or U, back to enter_mode's caller */
    ".globl lower_return\n"
    "lower_return:\n"
    "  li a7, 0x5e7\n"
    "  ecall\n"
    "1: j 1b\n"
    /* sys_resume(value): in M (trap context), back to enter_mode's caller */
    ".globl sys_resume\n"
    "sys_resume:\n"
    "  la t0, m_trap_stack + 4096\n  csrw mscratch, t0\n"
    "  la t0, sys_ctx\n"
    "  lw ra, 0(t0)\n  lw sp, 4(t0)\n  lw s0, 8(t0)\n  lw s1, 12(t0)\n  lw s2, 16(t0)\n"
    "  lw s3, 20(t0)\n  lw s4, 24(t0)\n  lw s5, 28(t0)\n  lw s6, 32(t0)\n  lw s7, 36(t0)\n"
    "  lw s8, 40(t0)\n  lw s9, 44(t0)\n  lw s10, 48(t0)\n  lw s11, 52(t0)\n"
    "  ret\n"
    ".option pop\n"
    ".popsection\n");

extern char m_trap_vec[], s_trap_vec[], enter_mode_mret[];

static inline __attribute__((unused)) void default_m_trap(struct frame *f) {
  puts_("unexpected M trap: ");
  putln("mcause", f->cause);
  putln("mepc", f->epc);
  putln("mtval", f->tval);
  corpus_exit(90);
}

static inline __attribute__((unused)) void default_s_trap(struct frame *f) {
  puts_("unexpected S trap: ");
  putln("scause", f->cause);
  putln("sepc", f->epc);
  putln("stval", f->tval);
  corpus_exit(91);
}

/* Lower-mode output: the M dispatcher prints for it. */
static inline void sys_putc(char c) {
  register uint32_t a0 __asm__("a0") = (uint8_t)c;
  register uint32_t a7 __asm__("a7") = SYS_PUTC;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
}

trap_fn m_trap = default_m_trap;
trap_fn s_trap = default_s_trap;

void m_trap_dispatch(struct frame *f) {
  if (f->cause == 8 || f->cause == 9 || f->cause == 11) {
    if (f->r[17] == SYS_RETURN) sys_resume(f->r[10]);
    if (f->r[17] == SYS_PUTC) {
      putch((char)f->r[10]);
      f->epc += 4;
      return;
    }
  }
  m_trap(f);
}

/* With ecalls from U delegated to S, the S handler forwards the framework's U ecalls to M
   (which needs ecalls from S not delegated). */
void s_trap_dispatch(struct frame *f) {
  if (f->cause == 8 && f->r[17] == SYS_RETURN) lower_return(f->r[10]);
  if (f->cause == 8 && f->r[17] == SYS_PUTC) {
    sys_putc((char)f->r[10]);
    f->epc += 4;
    return;
  }
  s_trap(f);
}

/* mtvec, mscratch, stvec, sscratch; delegation off; interrupts off. */
static inline __attribute__((unused)) void sys_init(void) {
  CSR_WRITE(mtvec, (uint32_t)m_trap_vec);
  CSR_WRITE(mscratch, (uint32_t)(m_trap_stack + sizeof m_trap_stack));
  CSR_WRITE(stvec, (uint32_t)s_trap_vec);
  CSR_WRITE(sscratch, (uint32_t)(s_trap_stack + sizeof s_trap_stack));
}

static inline __attribute__((unused)) void sys_puts(const char *s) { while (*s) sys_putc(*s++); }

/* Sleep until cond holds, without the lost-wakeup race of "while (!cond) wfi": the wait runs
   with mstatus.MIE (sstatus.SIE) clear, so an interrupt that arrives after the test keeps the
   wfi from sleeping; it is then taken in the short window with MIE (SIE) set. */
#define WAIT_M(cond)                                                      \
  do {                                                                    \
    CSR_CLEAR(mstatus, MSTATUS_MIE);                                      \
    while (!(cond)) {                                                     \
      __asm__ volatile("wfi" ::: "memory");                               \
      CSR_SET(mstatus, MSTATUS_MIE);                                      \
      CSR_CLEAR(mstatus, MSTATUS_MIE);                                    \
    }                                                                     \
  } while (0)
#define WAIT_S(cond)                                                      \
  do {                                                                    \
    CSR_CLEAR(sstatus, MSTATUS_SIE);                                      \
    while (!(cond)) {                                                     \
      __asm__ volatile("wfi" ::: "memory");                               \
      CSR_SET(sstatus, MSTATUS_SIE);                                      \
      CSR_CLEAR(sstatus, MSTATUS_SIE);                                    \
    }                                                                     \
  } while (0)

/* ---- CLINT timer ---- */
static inline __attribute__((unused)) uint64_t mtime_read(void) {
  uint32_t hi, lo;
  do {
    hi = CLINT_MTIME_HI;
    lo = CLINT_MTIME_LO;
  } while (hi != CLINT_MTIME_HI);
  return ((uint64_t)hi << 32) | lo;
}
/* Writes mtimecmp without passing through a smaller intermediate value. */
static inline __attribute__((unused)) void mtimecmp_write(uint32_t hart, uint64_t v) {
  CLINT_MTIMECMP_LO(hart) = 0xffffffffu;
  CLINT_MTIMECMP_HI(hart) = (uint32_t)(v >> 32);
  CLINT_MTIMECMP_LO(hart) = (uint32_t)v;
}
static inline __attribute__((unused)) uint64_t mtimecmp_read(uint32_t hart) {
  return ((uint64_t)CLINT_MTIMECMP_HI(hart) << 32) | CLINT_MTIMECMP_LO(hart);
}
#define MTIME_NEVER 0xffffffffffffffffull

/* ---- PMP ---- */
#define PMP_R 0x01u
#define PMP_W 0x02u
#define PMP_X 0x04u
#define PMP_OFF 0x00u
#define PMP_TOR 0x08u
#define PMP_NA4 0x10u
#define PMP_NAPOT 0x18u
#define PMP_L 0x80u
/* One NAPOT entry (pmp0) covering all memory with RWX: lets S and U mode reach everything. */
static inline __attribute__((unused)) void pmp_allow_all(void) {
  CSR_WRITE(pmpaddr0, 0xffffffffu);
  CSR_WRITE(pmpcfg0, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
}
/* NAPOT pmpaddr value for a naturally aligned power-of-two region (size >= 8). */
#define PMP_NAPOT_ADDR(base, size) ((((uint32_t)(base)) >> 2) | ((((uint32_t)(size)) >> 3) - 1u))

/* ---- Sv32 ---- */
#define PTE_V 0x001u
#define PTE_R 0x002u
#define PTE_W 0x004u
#define PTE_X 0x008u
#define PTE_U 0x010u
#define PTE_G 0x020u
#define PTE_A 0x040u
#define PTE_D 0x080u
#define PTE(pa, flags) (((((uint32_t)(pa)) >> 12) << 10) | (flags))
#define PTE_PA(pte) ((((uint32_t)(pte)) >> 10) << 12)
#define SATP_SV32(root, asid) (0x80000000u | ((uint32_t)(asid) << 22) | (((uint32_t)(root)) >> 12))

static inline void sfence_all(void) { __asm__ volatile("sfence.vma" ::: "memory"); }
static inline void sfence_va(uint32_t va) { __asm__ volatile("sfence.vma %0, zero" ::"r"(va) : "memory"); }
static inline void sfence_asid(uint32_t asid) { __asm__ volatile("sfence.vma zero, %0" ::"r"(asid) : "memory"); }

static inline __attribute__((unused)) void pt_clear(volatile uint32_t *t) { for (int i = 0; i < 1024; i++) t[i] = 0; }
/* A 4 MiB leaf in the root table. */
static inline __attribute__((unused)) void map_super(volatile uint32_t *root, uint32_t va, uint32_t pa, uint32_t flags) {
  root[va >> 22] = PTE(pa, flags);
}
/* A 4 KiB leaf through the level-0 table l0 (which the root's entry for va then points to). */
static inline __attribute__((unused)) void map_page(volatile uint32_t *root, volatile uint32_t *l0, uint32_t va, uint32_t pa, uint32_t flags) {
  root[va >> 22] = PTE((uint32_t)l0, PTE_V);
  l0[(va >> 12) & 1023] = PTE(pa, flags);
}
#define KERNEL_FLAGS (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
/* Identity superpages for the program (0x80000000), the UART and the finisher. */
static inline __attribute__((unused)) void map_platform(volatile uint32_t *root, uint32_t extra) {
  map_super(root, 0x80000000u, 0x80000000u, KERNEL_FLAGS | extra);
  map_super(root, 0x10000000u, 0x10000000u, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | extra);
  map_super(root, 0x00000000u, 0x00000000u, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | extra);
}

/* ---- Probes: single accesses whose fault the probe handler records and skips ----
   Each probe is one 4-byte instruction followed by ret. After a probe, probe_cause is
   PROBE_OK or the exception cause, probe_tval the trap value (mtval or stval). Install
   probe_trap as m_trap and/or s_trap. A fetch probe jumps to addr, where exec_stub's two
   instructions (li a0, 0x5a; ret) must have been copied. */
#define PROBE_OK 0xffffffffu
volatile uint32_t probe_cause = PROBE_OK, probe_tval, probe_epc, probe_traps;
uint32_t probe_lw(uint32_t addr);
uint32_t probe_lbu(uint32_t addr);
uint32_t probe_sw(uint32_t addr, uint32_t value);
uint32_t probe_sb(uint32_t addr, uint32_t value);
uint32_t probe_amoadd(uint32_t addr, uint32_t value);
uint32_t probe_lr(uint32_t addr);
uint32_t probe_exec(uint32_t addr);
extern char exec_stub[], probe_lw_insn[];
__asm__(
    ".pushsection .text.sys, \"ax\"\n"
    ".option push\n.option norvc\n"
    ".balign 8\n"
    ".globl exec_stub\nexec_stub:\n  li a0, 0x5a\n  ret\n"
    ".globl probe_lw\nprobe_lw:\n.globl probe_lw_insn\nprobe_lw_insn:\n  lw a0, 0(a0)\n  ret\n"
    ".globl probe_lbu\nprobe_lbu:\n  lbu a0, 0(a0)\n  ret\n"
    ".globl probe_sw\nprobe_sw:\n  sw a1, 0(a0)\n  li a0, 0\n  ret\n"
    ".globl probe_sb\nprobe_sb:\n  sb a1, 0(a0)\n  li a0, 0\n  ret\n"
    ".globl probe_amoadd\nprobe_amoadd:\n  amoadd.w a0, a1, (a0)\n  ret\n"
    ".globl probe_lr\nprobe_lr:\n  lr.w a0, (a0)\n  ret\n"
    ".globl probe_exec\nprobe_exec:\n  jr a0\n"
    ".option pop\n"
    ".popsection\n");

/* Records the trap; a fetch fault returns to the probe's caller, others skip the instruction. */
static inline __attribute__((unused)) void probe_trap(struct frame *f) {
  probe_cause = f->cause;
  probe_tval = f->tval;
  probe_epc = f->epc;
  probe_traps++;
  if (f->cause == 1 || f->cause == 12 || f->cause == 20) {
    f->epc = f->r[1];
    f->r[10] = 0;
  } else if (f->cause & MCAUSE_INT) {
    puts_("unexpected interrupt in probe\n");
    corpus_exit(92);
  } else {
    f->epc += 4;
    f->r[10] = 0;
  }
}

static inline __attribute__((unused)) void probe_reset(void) { probe_cause = PROBE_OK; probe_tval = 0; }
/* "label: ok <value>" or "label: fault cause=<c> tval=<t>" (print from a mode that may reach the UART) */
static inline __attribute__((unused)) void probe_show(const char *label, uint32_t value) {
  puts_(label);
  if (probe_cause == PROBE_OK) {
    puts_(": ok ");
    puthex(value);
  } else {
    puts_(": fault cause=");
    puthex(probe_cause);
    puts_(" tval=");
    puthex(probe_tval);
  }
  putch('\n');
}
#define PROBE(label, call) do { probe_reset(); uint32_t v_ = (call); probe_show(label, v_); } while (0)
/* Copies exec_stub to addr (as M or S with the page reachable) and syncs the instruction stream. */
static inline __attribute__((unused)) void put_stub(uint32_t addr) {
  ((volatile uint32_t *)addr)[0] = ((volatile uint32_t *)exec_stub)[0];
  ((volatile uint32_t *)addr)[1] = ((volatile uint32_t *)exec_stub)[1];
  __asm__ volatile("fence.i" ::: "memory");
}

#endif
