/* Shared helpers for C corpus programs: UART output and exit through the sifive_test finisher. */
#ifndef CORPUS_H
#define CORPUS_H
#include <stdint.h>
#define UART_BASE 0x10000000u
#define FINISHER ((volatile uint32_t *)0x100000u)
#define REG8(a) (*(volatile uint8_t *)(a))
#define REG32(a) (*(volatile uint32_t *)(a))
#define CSR_READ(csr) ({ uint32_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define CSR_WRITE(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "r"((uint32_t)(v)))

static inline void putch(char c) { while (!(REG8(UART_BASE + 5) & 0x20)) {} REG8(UART_BASE) = (uint8_t)c; }
static inline void puts_(const char *s) { while (*s) putch(*s++); }
static inline void puthex(uint32_t v) { for (int i = 7; i >= 0; i--) putch("0123456789abcdef"[(v >> (i * 4)) & 15]); }
static inline void putln(const char *label, uint32_t v) { puts_(label); putch('='); puthex(v); putch('\n'); }
/* 0 -> pass (exit 0); n -> fail with exit code n. */
static inline void __attribute__((noreturn)) corpus_exit(int code) {
  *FINISHER = code == 0 ? 0x5555u : (((uint32_t)code << 16) | 0x3333u);
  for (;;) {}
}
#endif
