import * as assert from 'assert';
import { Uart16550 } from '../../../src/engine/devices/uart16550';
import { DeviceEvent } from '../../../src/engine/devices/device';

/*
 * Expected values come from bare-metal probes run on Debian's qemu-system-riscv32 7.2
 * (-M virt -bios none): each probe wrote/read the UART at 0x10000000 and printed what it saw.
 * Where a value follows from QEMU's hw/char/serial.c rather than a probe, the comment says so.
 */

const RBR = 0, IER = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;

class FakeClock { t = 0; mtime(): number { return this.t; } }

function makeUart(clock?: FakeClock) {
  const events: DeviceEvent[] = [];
  const irqCalls: boolean[] = [];
  const irq = { level: false, setIrq(line: number, level: boolean) { assert.strictEqual(line, 10); this.level = level; irqCalls.push(level); } };
  const uart = new Uart16550('uart0', 0x1000_0000, irq, 10, (e) => events.push(e), clock);
  const r = (off: number) => uart.read(off, 1);
  const w = (off: number, v: number) => uart.write(off, 1, v);
  const tx = () => events.filter((e) => e.kind === 'uart-tx').map((e) => (e as { byte: number }).byte);
  return { uart, events, irq, irqCalls, r, w, tx };
}

describe('Uart16550 (QEMU 7.2 serial.c)', () => {
  it('has QEMU\'s reset values and an 8-byte window', () => {
    const { uart, r, w } = makeUart();
    assert.strictEqual(uart.size, 8); // probe: a load at 0x10000008 takes a load access fault
    assert.deepStrictEqual([IER, IIR, LCR, MCR, LSR, MSR, SCR].map(r), [0x00, 0x01, 0x00, 0x08, 0x60, 0xb0, 0x00]);
    w(LCR, 0x80);
    assert.deepStrictEqual([r(0), r(1)], [0x0c, 0x00]); // divisor 12
  });

  it('treats wider accesses as one byte register access', () => {
    const { uart, r, w } = makeUart();
    assert.strictEqual(uart.read(MCR, 4), 0x08); // probe: lw at 0x10000004 returned 0x00000008
    w(LCR, 0x80);
    uart.write(0, 4, 0xabcd); // probe: sw 0xabcd with DLAB set -> DLL 0xcd, DLM 0
    assert.deepStrictEqual([r(0), r(1)], [0xcd, 0x00]);
  });

  it('raises THRE on an IER.THRI rising edge only, and reading IIR acknowledges it', () => {
    const { r, w, irq } = makeUart();
    w(IER, 0x02);
    assert.strictEqual(irq.level, true);
    assert.strictEqual(r(IIR), 0x02);
    assert.strictEqual(r(IIR), 0x01);
    assert.strictEqual(irq.level, false);
    w(IER, 0x02); // same value: no change, no resampling
    assert.strictEqual(r(IIR), 0x01);
    w(IER, 0x00); w(IER, 0x02);
    assert.strictEqual(r(IIR), 0x02);
    w(SCR, 0x55);
    assert.strictEqual(r(IIR), 0x01);
    assert.strictEqual(r(SCR), 0x55);
  });

  it('transmits at once and re-raises THRE after every THR write', () => {
    const { r, w, tx, irq } = makeUart();
    w(IER, 0x02); r(IIR);
    w(RBR, 0x78);
    assert.deepStrictEqual(tx(), [0x78]);
    assert.strictEqual(irq.level, true);
    assert.strictEqual(r(IIR), 0x02); // probe value after writing 'x'
    assert.strictEqual(r(LSR), 0x60);
  });

  it('sets IIR bits 7:6 with the FIFO and re-arms THRE on a transmit-FIFO reset', () => {
    const { r, w } = makeUart();
    w(FCR, 0x01); assert.strictEqual(r(IIR), 0xc1);
    w(FCR, 0xc7); assert.strictEqual(r(IIR), 0xc1);
    w(IER, 0x02); assert.strictEqual(r(IIR), 0xc2);
    assert.strictEqual(r(IIR), 0xc1);
    w(FCR, 0xc5); assert.strictEqual(r(IIR), 0xc2); // XFR sets thr_ipending (probe: FCR=0x05 -> 0xc2)
    w(IER, 0); w(FCR, 0x00);
    assert.strictEqual(r(IIR), 0x01);
  });

  it('enabling the FIFO with IER.THRI already set raises THRE (probe: FCR=0x01 -> IIR 0xc2)', () => {
    const { r, w } = makeUart();
    w(IER, 0x02); r(IIR); r(IIR);
    w(FCR, 0x01);
    assert.strictEqual(r(IIR), 0xc2);
    assert.strictEqual(r(IIR), 0xc1);
  });

  it('loops transmitted bytes back in loopback mode and derives MSR from MCR', () => {
    const { r, w, tx, events } = makeUart();
    w(MCR, 0x1f);
    assert.strictEqual(r(MSR), 0xf0);
    assert.strictEqual(r(MCR), 0x1f);
    w(RBR, 0x41);
    assert.deepStrictEqual(tx(), []);
    assert.deepStrictEqual(events.filter((e) => e.kind === 'uart-rx').map((e) => (e as { byte: number }).byte), [0x41]);
    assert.strictEqual(r(LSR), 0x61);
    assert.strictEqual(r(RBR), 0x41);
    assert.strictEqual(r(LSR), 0x60);
    w(MCR, 0x08);
    assert.strictEqual(r(MSR), 0xb0);
  });

  it('keeps FIFO contents on overrun, reports OE once, and orders RLSI above RDI', () => {
    const { r, w } = makeUart();
    w(FCR, 0xc7); w(MCR, 0x18);
    w(RBR, 0x42); w(RBR, 0x43);
    w(IER, 0x01);
    assert.strictEqual(r(IIR), 0xc1); // 2 bytes < trigger level 14: no RDI yet
    assert.deepStrictEqual([r(RBR), r(RBR), r(RBR), r(LSR)], [0x42, 0x43, 0x00, 0x60]);
    w(IER, 0);
    for (let i = 0; i < 18; i++) w(RBR, 0x61 + i);
    w(IER, 0x05);
    assert.strictEqual(r(IIR), 0xc6); // serial_update_irq: RLSI first (OE set)
    assert.strictEqual(r(LSR), 0x63);
    assert.strictEqual(r(LSR), 0x61);
    assert.strictEqual(r(IIR), 0xc4); // 16 >= 14: RDI
    w(IER, 0x04);
    assert.strictEqual(r(IIR), 0xc1);
    const got: number[] = [];
    while (r(LSR) & 1) got.push(r(RBR));
    assert.deepStrictEqual(got, Array.from({ length: 16 }, (_, i) => 0x61 + i));
  });

  it('raises the character timeout 4 character times after the last FIFO activity', () => {
    const clock = new FakeClock();
    const { r, w, uart } = makeUart(clock);
    // divisor 205, 8N1: speed 399193/205 = 1947 baud, (1e9/1947)*10 = 5136100 ns per character;
    // 4 characters = 205444 ticks of 10 MHz. Probe measured 205415 ticks from just after the writes.
    w(LCR, 0x80); w(0, 205); w(1, 0); w(LCR, 0x03);
    w(FCR, 0xc7); w(MCR, 0x18); w(IER, 0x01);
    clock.t = 1000;
    w(RBR, 0x78); w(RBR, 0x79);
    assert.strictEqual(uart.nextTimerDeadline(), 1000 + 205444);
    clock.t = 1000 + 205443; uart.updateTimers();
    assert.strictEqual(r(IIR), 0xc1);
    clock.t = 1000 + 205444; uart.updateTimers();
    assert.strictEqual(r(IIR), 0xcc);
    assert.strictEqual(r(RBR), 0x78);
    assert.strictEqual(r(IIR), 0xc1); // the read clears it and re-arms (one byte left)
    assert.strictEqual(uart.nextTimerDeadline(), 1000 + 205444 + 205444);
    clock.t += 205444; uart.updateTimers();
    assert.strictEqual(r(IIR), 0xcc);
    assert.strictEqual(r(RBR), 0x79);
    // divisor 1: 399193 baud -> 2505 ns * 10 * 4 = 100200 ns = 1002 ticks (probe: 1003)
    w(LCR, 0x83); w(0, 1); w(1, 0); w(LCR, 0x03);
    w(RBR, 0x7a);
    assert.strictEqual(uart.nextTimerDeadline(), clock.t + 1002);
  });

  it('feeds host input as the receiver drains, losing nothing (FIFO off)', () => {
    const { uart, r, events } = makeUart();
    const text = Array.from('hello, world, this is more than sixteen bytes', (c) => c.charCodeAt(0));
    uart.receive(text);
    assert.strictEqual(uart.rxQueued(), text.length);
    const got: number[] = [];
    while (r(LSR) & 1) got.push(r(RBR));
    assert.deepStrictEqual(got, text);
    assert.strictEqual(r(LSR) & 0x02, 0); // never an overrun from host input
    assert.strictEqual(uart.rxQueued(), 0);
    assert.strictEqual(events.filter((e) => e.kind === 'uart-rx').length, text.length);
  });

  it('fills the FIFO only up to the trigger level, then one byte per read (QEMU serial_can_receive)', () => {
    const { uart, r, w } = makeUart();
    w(FCR, 0x41); // FIFO on, trigger level 4
    w(IER, 0x01);
    const text = Array.from({ length: 40 }, (_, i) => i + 1);
    uart.receive(text);
    assert.strictEqual(r(IIR), 0xc4); // 4 >= 4: data-ready interrupt
    assert.strictEqual(uart.rxQueued(), 40);
    const got: number[] = [];
    while (r(LSR) & 1) got.push(r(RBR));
    assert.deepStrictEqual(got, text);
  });

  it('drives the IRQ line on changes and re-raises on every active update', () => {
    const { w, r, irqCalls, events } = makeUart();
    w(IER, 0x02);
    w(RBR, 0x41); // THRE re-raised
    r(IIR);       // acknowledged -> lowered
    r(IIR);       // nothing active: no call
    assert.deepStrictEqual(irqCalls, [true, true, false]);
    assert.deepStrictEqual(events.filter((e) => e.kind === 'irq').map((e) => (e as { level: boolean }).level), [true, false]);
  });

  it('snapshots and restores its full state', () => {
    const a = makeUart();
    a.w(FCR, 0x81); a.w(IER, 0x03); a.w(SCR, 0x5a); a.w(LCR, 0x1b);
    a.uart.receive(Array.from({ length: 30 }, (_, i) => 0x30 + i));
    const snap = JSON.parse(JSON.stringify(a.uart.snapshot()));
    const b = makeUart();
    b.uart.restore(snap);
    const regs = [IER, LCR, MCR, SCR, MSR];
    assert.deepStrictEqual(regs.map(b.r), regs.map(a.r));
    const drain = (u: ReturnType<typeof makeUart>) => { const out: number[] = []; while (u.r(LSR) & 1) out.push(u.r(RBR)); return out; };
    assert.deepStrictEqual(drain(b), drain(a));
    assert.deepStrictEqual(b.uart.snapshot(), a.uart.snapshot());
  });
});
