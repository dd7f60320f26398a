import * as assert from 'assert';
import { createHtif, HtifWindow } from '../../../src/engine/devices/htif';
import { DeviceEvent, MmioDevice } from '../../../src/engine/devices/device';

/*
 * Expected values come from a bare-metal program run on Debian's qemu-system-riscv32 7.2
 * (-M spike -bios none, tohost at 0x80001000, fromhost at 0x80001040), which printed the words
 * it read back, and from QEMU 7.2's hw/char/riscv_htif.c. The syscall-block behaviour follows
 * Spike and riscv-pk (QEMU 7.2 answers it with fromhost = 0 and does nothing).
 */

const TOHOST = 0x8000_1000, FROMHOST = 0x8000_1040, RAM = 0x8000_0000;

function makeHtif(withFromhost = true) {
  const ram = new Uint8Array(0x10000);
  const mem = {
    read(pa: number, width: 1 | 2 | 4) { let v = 0; for (let i = width - 1; i >= 0; i--) v = v * 256 + ram[pa - RAM + i]; return v; },
    write(pa: number, width: 1 | 2 | 4, value: number) { for (let i = 0; i < width; i++) ram[pa - RAM + i] = (value >>> (8 * i)) & 0xff; },
  };
  const events: DeviceEvent[] = [];
  const devs = createHtif(TOHOST, withFromhost ? FROMHOST : undefined, mem, (e) => events.push(e));
  const to = devs[0], from = devs[1] as MmioDevice;
  const send = (lo: number, hi: number) => { to.write(0, 4, lo); to.write(4, 4, hi); };
  const fromhost = () => [from.read(0, 4), from.read(4, 4)];
  const tohost = () => [to.read(0, 4), to.read(4, 4)];
  const tx = () => events.filter((e) => e.kind === 'uart-tx').map((e) => (e as { byte: number }).byte);
  return { devs, to, from, ram, mem, events, send, fromhost, tohost, tx };
}

describe('HTIF (QEMU 7.2 riscv_htif / Spike)', () => {
  it('covers the two 8-byte words with separate windows', () => {
    const { devs } = makeHtif();
    assert.deepStrictEqual(devs.map((d) => [d.base, d.size]), [[TOHOST, 8], [FROMHOST, 8]]);
    assert.strictEqual(makeHtif(false).devs.length, 1);
  });

  it('runs a command on the high-half write; console putchar answers 0x100|char', () => {
    const { to, send, fromhost, tohost, tx } = makeHtif();
    send(0x41, 0x01010000);
    assert.deepStrictEqual(tx(), [0x41]);
    assert.deepStrictEqual(fromhost(), [0x141, 0x01010000]); // probe
    assert.deepStrictEqual(tohost(), [0, 0]);                // probe
    to.write(0, 4, 0x42);                                    // low half only: nothing yet
    assert.deepStrictEqual(tx(), [0x41]);
    assert.deepStrictEqual(tohost(), [0x42, 0]);            // probe: reads back 0x42
    assert.deepStrictEqual(fromhost(), [0x141, 0x01010000]);
    to.write(4, 4, 0x01010000);
    assert.deepStrictEqual(tx(), [0x41, 0x42]);
    assert.deepStrictEqual(fromhost(), [0x142, 0x01010000]); // probe
  });

  it('re-runs with the stored low half on a second high write (probe: printed NUL, fromhost 0x100)', () => {
    const { to, send, fromhost, tx } = makeHtif();
    send(0x41, 0x01010000);
    to.write(4, 4, 0x01010000);
    assert.deepStrictEqual(tx(), [0x41, 0]);
    assert.deepStrictEqual(fromhost(), [0x100, 0x01010000]);
  });

  it('ignores a low write while tohost is busy, and the high write after it', () => {
    const { to, tx, tohost } = makeHtif();
    to.write(0, 4, 0x41);
    to.write(0, 4, 0x43);      // tohost != 0: ignored, and disarms the high write
    to.write(4, 4, 0x01010000);
    assert.deepStrictEqual(tx(), []);
    assert.deepStrictEqual(tohost(), [0x41, 0]);
  });

  it('exits with payload >> 1 on an odd device-0 payload', () => {
    const { send, events } = makeHtif();
    send((7 << 1) | 1, 0);
    assert.deepStrictEqual(events, [{ kind: 'exit', device: 'htif', code: 7 }]); // probe: exit status 7
  });

  it('serves SYS_write to stdout from a syscall block and answers fromhost = 1', () => {
    const { ram, mem, send, fromhost, tx } = makeHtif();
    const block = 0x8000_2000, buf = 0x8000_3000;
    ram.set([0x68, 0x69, 0x0a], buf - RAM);
    mem.write(block, 4, 64); mem.write(block + 8, 4, 1); mem.write(block + 16, 4, buf); mem.write(block + 24, 4, 3);
    send(block, 0);
    assert.deepStrictEqual(tx(), [0x68, 0x69, 0x0a]);
    assert.deepStrictEqual([mem.read(block, 4), mem.read(block + 4, 4)], [3, 0]);
    assert.deepStrictEqual(fromhost(), [1, 0]);
  });

  it('answers other syscalls with -ENOSYS', () => {
    const { mem, send, fromhost, tx } = makeHtif();
    const block = 0x8000_2000;
    mem.write(block, 4, 57); // close
    send(block, 0);
    assert.deepStrictEqual([mem.read(block, 4), mem.read(block + 4, 4)], [(-38) >>> 0, 0xffffffff]);
    assert.deepStrictEqual(fromhost(), [1, 0]);
    mem.write(block, 4, 64); mem.write(block + 4, 4, 0); mem.write(block + 8, 4, 3); // write to fd 3
    send(block, 0);
    assert.strictEqual(mem.read(block, 4), (-38) >>> 0);
    assert.deepStrictEqual(tx(), []);
  });

  it('answers a console getchar only when input arrives', () => {
    const { devs, send, fromhost, tohost, events } = makeHtif();
    send(0, 0x01000000);
    assert.deepStrictEqual(tohost(), [0, 0]);
    assert.deepStrictEqual(fromhost(), [0, 0]);
    (devs[0] as HtifWindow).htif.receive([0x61, 0x62]);
    assert.deepStrictEqual(fromhost(), [0x161, 0x01000000]);
    devs[1].write(0, 4, 0);
    send(0, 0x01000000); // 'b' is already queued: answered at once
    assert.deepStrictEqual(fromhost(), [0x162, 0x01000000]);
    assert.deepStrictEqual(events.filter((e) => e.kind === 'uart-rx').map((e) => (e as { byte: number }).byte), [0x61, 0x62]);
  });

  it('clears fromhost\'s high half on a low write and ORs a high write', () => {
    const { from, send, fromhost } = makeHtif();
    send(0x41, 0x01010000);
    from.write(0, 4, 0);
    assert.deepStrictEqual(fromhost(), [0, 0]);
    from.write(4, 4, 0x10); from.write(4, 4, 0x01);
    assert.deepStrictEqual(fromhost(), [0, 0x11]);
  });

  it('snapshots and restores the shared state', () => {
    const a = makeHtif();
    a.send(0x41, 0x01010000);
    a.to.write(0, 4, 0x42);
    const snap = JSON.parse(JSON.stringify(a.to.snapshot()));
    const b = makeHtif();
    b.from.restore(snap);
    assert.deepStrictEqual([b.tohost(), b.fromhost()], [a.tohost(), a.fromhost()]);
    b.to.write(4, 4, 0x01010000);
    assert.deepStrictEqual(b.tx(), [0x42]);
  });
});
