/* 16550 UART register behaviour with nothing on the receive side: reset values, the scratch
   register, the DLAB divisor latch, IER's writable bits, IIR (FIFO bits, THR-empty identity
   cleared by reading IIR, re-raised by toggling IER), LSR, MCR, and loopback mode (MSR from
   MCR, received bytes, overrun, FIFO). Values are collected first and printed at the end,
   so the printing does not disturb them. */
#include "sys.h"

static const char *labels[80];
static uint8_t values[80];
static int n;
static void rec(const char *label, uint8_t v) { labels[n] = label; values[n++] = v; }

int main(void) {
  sys_init();
  /* wait until everything printed so far (nothing) has gone */
  while ((UART_LSR & 0x60) != 0x60) {}
  rec("IER at reset", UART_IER);
  rec("IIR at reset", UART_IIR);
  rec("LCR at reset", UART_LCR);
  rec("MCR at reset", UART_MCR);
  rec("LSR at reset", UART_LSR);
  rec("SCR at reset", UART_SCR);

  UART_SCR = 0xa5;
  rec("SCR <- a5", UART_SCR);
  UART_SCR = 0x5a;
  rec("SCR <- 5a", UART_SCR);

  UART_LCR = 0x80; /* DLAB */
  rec("LCR <- 80", UART_LCR);
  rec("DLL at reset", UART_RBR);
  rec("DLM at reset", UART_IER);
  UART_THR = 0x34;
  UART_IER = 0x12;
  rec("DLL <- 34", UART_RBR);
  rec("DLM <- 12", UART_IER);
  UART_THR = 0x01;
  UART_IER = 0x00;
  UART_LCR = 0x03; /* 8N1, DLAB off */
  rec("LCR <- 03", UART_LCR);
  rec("IER with DLAB off", UART_IER);
  UART_LCR = 0x1b;
  rec("LCR <- 1b", UART_LCR);
  UART_LCR = 0x03;

  UART_IER = 0xff;
  rec("IER <- ff", UART_IER);
  rec("IIR with IER=0f", UART_IIR);
  rec("IIR read again", UART_IIR);
  UART_IER = 0x00;
  rec("IIR with IER=0", UART_IIR);
  UART_IER = 0x02;
  rec("IIR after IER 0 -> 02", UART_IIR);
  rec("IIR read again", UART_IIR);
  UART_IER = 0x00;

  UART_FCR = 0x07; /* FIFO on, clear both */
  rec("IIR with FIFO on", UART_IIR);
  UART_IER = 0x02;
  rec("IIR FIFO, IER=02", UART_IIR);
  rec("IIR read again", UART_IIR);
  UART_IER = 0x00;
  UART_FCR = 0x00;
  rec("IIR with FIFO off", UART_IIR);

  UART_MCR = 0xff;
  rec("MCR <- ff", UART_MCR);
  UART_MCR = 0x10; /* loopback */
  rec("MSR loopback MCR=10", UART_MSR);
  UART_MCR = 0x1f;
  rec("MSR loopback MCR=1f", UART_MSR);
  UART_MCR = 0x15;
  rec("MSR loopback MCR=15", UART_MSR);
  UART_MCR = 0x10;
  rec("MSR loopback MCR=10", UART_MSR);

  UART_THR = 'A';
  rec("LSR after 1 byte looped", UART_LSR);
  rec("IIR (IER=0)", UART_IIR);
  UART_IER = 0x01;
  rec("IIR with IER=01", UART_IIR);
  rec("RBR", UART_RBR);
  rec("LSR after reading", UART_LSR);
  rec("IIR after reading", UART_IIR);
  UART_IER = 0x00;
  UART_THR = 'B';
  UART_THR = 'C';
  rec("LSR after 2 bytes, no FIFO", UART_LSR);
  rec("LSR read again", UART_LSR);
  rec("RBR", UART_RBR);
  rec("LSR", UART_LSR);

  UART_FCR = 0x07;
  for (int i = 0; i < 5; i++) UART_THR = (uint8_t)('a' + i);
  rec("LSR after 5 bytes, FIFO", UART_LSR);
  UART_IER = 0x01;
  rec("IIR FIFO, IER=01", UART_IIR);
  UART_IER = 0x00;
  for (int i = 0; i < 5; i++) rec("RBR", UART_RBR);
  rec("LSR", UART_LSR);
  for (int i = 0; i < 18; i++) UART_THR = (uint8_t)('0' + i);
  rec("LSR after 18 bytes into the 16-byte FIFO", UART_LSR);
  rec("LSR read again", UART_LSR);
  int got = 0;
  uint8_t last = 0;
  while (UART_LSR & 1) {
    last = UART_RBR;
    got++;
  }
  rec("bytes read back", (uint8_t)got);
  rec("last byte", last);
  UART_FCR = 0x06;
  UART_FCR = 0x00;
  UART_MCR = 0x00;
  rec("MCR back to 0", UART_MCR);
  rec("LSR", UART_LSR);

  for (int i = 0; i < n; i++) {
    puts_(labels[i]);
    puts_(" = ");
    putch("0123456789abcdef"[values[i] >> 4]);
    putch("0123456789abcdef"[values[i] & 15]);
    putch('\n');
  }
  return 0;
}
