/* HYPERSTEP-TEST: input="The quick brown fox jumps over the lazy dog.\r\n\t\x7f\xff\x00\x1b[A end"
   Polled UART input (FIFO off: enabling the FIFO flushes whatever byte already arrived, so
   it is never touched here): 57 bytes including CR, tab, DEL, 0xff, NUL and an escape
   sequence are read by polling LSR.DR until all have arrived; no error bit may appear in
   LSR. Prints every byte in hex, then LSR and what RBR gives once drained. */
#include "sys.h"

#define N 57
static uint8_t buf[N];

int main(void) {
  sys_init();
  uint32_t lsr_or = 0;
  for (int i = 0; i < N; i++) {
    uint8_t lsr;
    do {
      lsr = UART_LSR;
      lsr_or |= lsr;
    } while (!(lsr & 0x01));
    buf[i] = UART_RBR;
  }
  putln("LSR error bits seen (OE|PE|FE|BI|FIFO error)", lsr_or & 0x9e);
  for (int i = 0; i < N; i++) {
    putch("0123456789abcdef"[buf[i] >> 4]);
    putch("0123456789abcdef"[buf[i] & 15]);
    putch((i % 16 == 15 || i == N - 1) ? '\n' : ' ');
  }
  putln("LSR when drained", UART_LSR);
  putln("RBR when drained (the last byte stays)", UART_RBR);
  putln("LSR", UART_LSR);
  return 0;
}
