import * as assert from 'assert';
import { TestFinisher } from '../../../src/engine/devices/testFinisher';
import { DeviceEvent } from '../../../src/engine/devices/device';

/*
 * Expected values come from bare-metal programs run on Debian's qemu-system-riscv32 7.2
 * (-M virt -bios none), one per value written to 0x100000, checking QEMU's exit status:
 * 0x5555 -> 0, 0x3333 -> 0, 0x12343333 -> 0x34 (code 0x1234 truncated by the host),
 * 0xabcd5555 -> 0, 16-bit 0x3333 -> 0, 16-bit 0x5555 at 0x100002 -> ignored, 0x7777 -> reboot.
 */

function makeFinisher() {
  const events: DeviceEvent[] = [];
  const dev = new TestFinisher(0x100000, (e) => events.push(e));
  return { dev, events };
}

describe('TestFinisher (QEMU 7.2 sifive_test)', () => {
  it('passes on 0x5555 whatever the upper half holds', () => {
    const { dev, events } = makeFinisher();
    dev.write(0, 4, 0x5555);
    dev.write(0, 4, 0xabcd5555);
    assert.deepStrictEqual(events, [{ kind: 'exit', device: 'test', code: 0 }, { kind: 'exit', device: 'test', code: 0 }]);
  });

  it('fails on 0x3333 with the code in bits 31:16 (0 when they are 0)', () => {
    const { dev, events } = makeFinisher();
    dev.write(0, 4, 0x12343333);
    dev.write(0, 4, 0x3333);
    dev.write(0, 4, 0xffff3333);
    assert.deepStrictEqual(events.map((e) => (e as { code: number }).code), [0x1234, 0, 0xffff]);
  });

  it('requests a reset on 0x7777', () => {
    const { dev, events } = makeFinisher();
    dev.write(0, 4, 0x7777);
    assert.deepStrictEqual(events, [{ kind: 'reset', device: 'test' }]);
  });

  it('accepts 16-bit writes at offset 0 and ignores everything else', () => {
    const { dev, events } = makeFinisher();
    dev.write(0, 2, 0x3333);
    assert.deepStrictEqual(events, [{ kind: 'exit', device: 'test', code: 0 }]);
    events.length = 0;
    dev.write(2, 2, 0x5555);   // probe: program kept running
    dev.write(4, 4, 0x5555);   // probe: ignored
    dev.write(0, 4, 0x1234);   // probe: ignored (guest error in QEMU's log)
    dev.write(0, 1, 0x55);     // QEMU: store access fault; here: ignored
    assert.deepStrictEqual(events, []);
  });

  it('reads 0', () => {
    const { dev } = makeFinisher();
    assert.deepStrictEqual([dev.read(0, 4), dev.read(4, 4), dev.read(0, 2)], [0, 0, 0]);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(dev.snapshot())), {});
  });
});
