/**
 * launch.json "vms" (guests under the built-in VMM): what a mistake says (the field and the
 * element), assembly errors of one VM's program with file and line, and that a bare-metal session
 * is what it was (hart threads; the VM exit filters do not apply there and say why).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { assemble } from '../../src/engine/asm';
import { parseLaunchArguments } from '../../src/debugAdapter/launchConfig';
import { collectOutput, failure, launchAndStop, program, startClient } from './support';

const GUEST = program('vmm/guest.s'), OTHER = program('vmm/other.s');

describe('dap: launch.json "vms"', function () {
  this.timeout(30000);
  let dc: DebugClient;
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('parses VMs with their defaults, resolving programs against cwd', () => {
    const cfg = parseLaunchArguments({ vms: [{ program: path.basename(GUEST) }, { name: 'b', program: [OTHER], memory: '8M', vcpus: 2, mapping: 'eager' }] }, path.dirname(GUEST));
    assert.deepStrictEqual(cfg.vms!.map((v) => [v.name, v.image.files, v.image.context, v.memory, v.vcpus, v.paging, v.previrtualize, v.mapping, v.field]), [
      ['vm1', [GUEST], 'vm:vm1', 64 << 20, 1, 'nested', false, 'lazy', '"vms"[0]'],
      ['b', [OTHER], 'vm:b', 8 << 20, 2, 'nested', false, 'eager', '"vms"[1]'],
    ]);
    assert.deepStrictEqual([cfg.images, cfg.harts, cfg.hypervisor, cfg.memory], [[], 1, true, (72 << 20) + (8 << 20)]);
    const modes = parseLaunchArguments({ vms: [{ program: GUEST, paging: 'nested' }, { program: OTHER, paging: 'paravirt', previrtualize: true }, { program: OTHER, paging: 'paravirt' }] });
    assert.deepStrictEqual(modes.vms!.map((v) => [v.name, v.paging, v.previrtualize]), [['vm1', 'nested', false], ['vm2', 'paravirt', true], ['vm3', 'paravirt', false]]);
    assert.strictEqual(parseLaunchArguments({ vms: [{ program: GUEST, paging: 'shadow' }] }).vms![0].paging, 'shadow');
    const all = parseLaunchArguments({ vms: [{ program: GUEST }, { program: GUEST, paging: 'shadow' }, { program: OTHER, paging: 'paravirt' }] });
    assert.deepStrictEqual(all.vms!.map((v) => v.paging), ['nested', 'shadow', 'paravirt']);
  });

  it('names the field and the element of every mistake', () => {
    const bad: [unknown, RegExp][] = [
      [{ vms: [] }, /"vms" must be a non-empty array/],
      [{ vms: {} }, /"vms" must be a non-empty array/],
      [{ vms: [{ program: GUEST }, 'x.s'] }, /"vms"\[1\] must be an object/],
      [{ vms: [{ program: GUEST, vcpus: 5 }] }, /"vms"\[0\]\.vcpus must be an integer from 1 to 4 \(got 5\)/],
      [{ vms: [{ program: GUEST }, { program: GUEST, memory: '3G' }] }, /"vms"\[1\]\.memory must be a size from "1M" to "1G"/],
      [{ vms: [{ program: GUEST, paging: 'ept' }] }, /"vms"\[0\]\.paging must be "nested" .*, "shadow" .* or "paravirt" .*\(got "ept"\)/],
      [{ vms: [{ program: GUEST }, { program: OTHER, paging: 'shadow', previrtualize: 'yes' }] }, /"vms"\[1\]\.previrtualize must be true or false \(got "yes"\)/],
      // A previrtualized guest calls the PV extension (docs/PARAVIRT.md: absent under nested and shadow paging).
      [{ vms: [{ program: GUEST, previrtualize: true }] }, /"vms"\[0\]\.previrtualize needs "paging": "paravirt".*\(got "paging": "nested"\)/],
      [{ vms: [{ program: GUEST, paging: 'shadow', previrtualize: true }] }, /"vms"\[0\]\.previrtualize needs "paging": "paravirt"/],
      [{ vms: [{ program: GUEST, mapping: 'sometimes' }] }, /"vms"\[0\]\.mapping must be "lazy"/],
      [{ vms: [{ program: GUEST }, { program: OTHER, name: 'vm1' }] }, /"vms"\[1\]\.name "vm1" is used by another VM/],
      [{ vms: [{ program: GUEST, name: 'two words' }] }, /"vms"\[0\]\.name must be a name/],
      [{ vms: [{ program: GUEST, cpus: 2 }] }, /"vms"\[0\] has an unknown field "cpus"/],
      [{ vms: [{ name: 'vm1' }] }, /"vms"\[0\]\.program must be the guest kernel/],
      [{ vms: [{ program: 'missing.s' }] }, /"vms"\[0\]\.program: .*missing\.s: no such file/],
      [{ vms: [{ program: GUEST }], program: GUEST }, /"program" does not go with "vms"/],
      [{ vms: [{ program: GUEST }], sbi: 'builtin' }, /"sbi" does not go with "vms"/],
    ];
    for (const [args, re] of bad) {
      let message = '';
      try { parseLaunchArguments(args, path.dirname(GUEST)); } catch (e) { message = (e as Error).message; }
      assert.match(message, re, JSON.stringify(args));
    }
  });

  it('reports an assembly error of one VM\'s program with its file and line, and a kernel outside the VM\'s RAM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-vms-'));
    try {
      const broken = path.join(dir, 'broken.s');
      fs.writeFileSync(broken, '  .globl _start\n_start:\n  addi a0, a0\n');
      const err = collectOutput(dc, 'stderr');
      await dc.initializeRequest({ adapterID: 'hyperstep', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
      const message = await failure(dc.launch({ vms: [{ program: GUEST }, { program: broken }] }));
      assert.match(message, /assembly failed/);
      assert.match(err.text(), new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: error: `));
      // 2 MiB of data after the code: beyond a 1 MiB VM's RAM (guest-physical 0x80000000..0x80100000).
      const big = path.join(dir, 'big.s');
      fs.writeFileSync(big, '  .globl _start\n  .text\n_start: j _start\n  .data\n  .space 0x200000\n');
      const m2 = await failure(dc.launch({ vms: [{ program: GUEST }, { program: big, memory: '1M' }] }));
      assert.match(m2, /"vms"\[1\]\.program \(big\.s\) is linked at 0x8000\w+\.\.0x802\w+, outside the VM's RAM \(guest-physical 0x80000000\.\.0x80100000: "memory" 1M\)/);
      // previrtualize rewrites sources as they are assembled: an ELF is what it is.
      const elf = path.join(dir, 'guest.elf');
      fs.writeFileSync(elf, assemble([{ path: GUEST, text: fs.readFileSync(GUEST, 'utf8') }]).elf!);
      assert.throws(() => parseLaunchArguments({ vms: [{ program: elf, paging: 'paravirt', previrtualize: true }] }), /"vms"\[0\]\.previrtualize rewrites the program as it is assembled: give assembly sources/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a bare-metal session as it was: hart threads, and the VM exit filters say they do not apply', async () => {
    await launchAndStop(dc, { program: program('basic.s'), stopOnEntry: true });
    assert.deepStrictEqual((await dc.threadsRequest()).body.threads, [{ id: 1, name: 'hart 0' }]);
    const r = await dc.setExceptionBreakpointsRequest({ filters: ['ebreak', 'vm-exit-mmio'] });
    assert.deepStrictEqual(r.body!.breakpoints!.map((b) => b.verified), [true, false]);
    assert.match(r.body!.breakpoints![1].message!, /"vms" in launch\.json/);
    assert.match(await failure(dc.customRequest('hyperstep/stepToNextExit', { threadId: 1 })), /runs no VMs/);
    assert.match(await failure(dc.customRequest('hyperstep/vcpus', {})), /hyperstep\/vcpus/);
  });
});
