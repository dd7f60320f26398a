/* HYPERSTEP-TEST: machine=spike
   HTIF console from C on QEMU's spike machine: putchar through device 1 command 1, the
   host's answer in fromhost (device/command echoed, 0x100 | byte), tohost cleared by the
   host once it has taken a command; then exit(0) through device 0. main never returns
   (there is no sifive_test finisher on spike). */
#include <stdint.h>

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));

/* RV32: low word first; the write of the high word makes the host act */
static void tohost_write(uint32_t hi, uint32_t lo) {
  volatile uint32_t *t = (volatile uint32_t *)&tohost;
  t[0] = lo;
  t[1] = hi;
}

static uint32_t last_lo, last_hi;

static void hputc(char c) {
  volatile uint32_t *f = (volatile uint32_t *)&fromhost;
  tohost_write(0x01010000u, (uint8_t)c);
  uint32_t lo, hi;
  do {
    lo = f[0];
    hi = f[1];
  } while ((lo | hi) == 0);
  last_lo = lo;
  last_hi = hi;
  f[0] = 0;
  f[1] = 0;
}

static void hputs(const char *s) { while (*s) hputc(*s++); }
static void hhex(uint32_t v) { for (int i = 7; i >= 0; i--) hputc("0123456789abcdef"[(v >> (i * 4)) & 15]); }
static void hline(const char *label, uint32_t v) { hputs(label); hputc('='); hhex(v); hputc('\n'); }

static void __attribute__((noreturn)) hexit(uint32_t code) {
  tohost_write(0, (code << 1) | 1);
  for (;;) {}
}

int main(void) {
  hputs("HTIF console from C\n");
  hputc('X');
  uint32_t lo = last_lo, hi = last_hi;
  hputc('\n');
  hline("fromhost after putchar 'X', high word", hi);
  hline("fromhost after putchar 'X', low word", lo);
  volatile uint32_t *t = (volatile uint32_t *)&tohost;
  hline("tohost low after the command", t[0]);
  hline("tohost high after the command", t[1]);
  uint32_t a = 0, b = 1;
  for (int i = 0; i < 40; i++) {
    uint32_t c = a + b;
    a = b;
    b = c;
  }
  hline("fib(40)", a);
  hexit(0);
}
