import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Machine } from '../../../src/engine/machine/machine';
import { machineWith } from '../../support/machineFixture';

/** The board's device tree, read back by the reference reader (dtc from device-tree-compiler). */
describe('virt device tree', () => {
  it('is a valid DTB that dtc reads without warnings, describing memory, harts and devices', () => {
    const m = new Machine({ memory: 64 << 20, harts: 2 });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-dtb-')), 'virt.dtb');
    fs.writeFileSync(file, m.deviceTree());
    let dts: string;
    try {
      dts = execFileSync('dtc', ['-I', 'dtb', '-O', 'dts', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      throw new Error(`dtc rejected the blob (install device-tree-compiler if dtc is missing): ${(e as { stderr?: string }).stderr ?? e}`);
    }
    assert.match(dts, /memory@80000000 \{\s*device_type = "memory";\s*reg = <0x00 0x80000000 0x00 0x4000000>;/);
    assert.match(dts, /cpu@1 \{/);
    assert.match(dts, /serial@10000000 \{\s*compatible = "ns16550a";/);
    assert.match(dts, /timebase-frequency = <0x989680>;/, '10 MHz');
    const warnings = execFileSync('dtc', ['-I', 'dtb', '-O', 'dts', '-o', '/dev/null', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.strictEqual(warnings, '');
  });

  it('is in memory at the address the boot ROM passes in a1', () => {
    const m = machineWith('nop', { memory: 8 << 20 });
    const a1 = m.harts[0].x[11] >>> 0;
    assert.strictEqual(a1, m.fdtAddress());
    const off = a1 - 0x80000000;
    assert.strictEqual(new DataView(m.bus.ram.buffer).getUint32(off), 0xd00dfeed);
  });
});
