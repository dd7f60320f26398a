import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { hypervisorSnippet, launchSchema, paravirtSnippet, shadowSnippet, vmmSnippet } from '../../src/debugAdapter/launchSchema';
import { parseLaunchArguments } from '../../src/debugAdapter/launchConfig';
import { resolveProgram, resolveVms } from '../../src/extension/launchProgram';
import { stoppedThread, threadForRequest } from '../../src/extension/vmExitThread';
import { expectedSnippets, PACKAGE_JSON } from '../../src/extension/launchSchemaSync';

/**
 * launch.json for a hypervisor and its guest: the object form of "program" in the schema VS Code
 * validates launch.json with (checked here by Ajv, a JSON Schema implementation, as VS Code's
 * own validator would: the schema uses only draft-07 keywords), the snippet that writes one, and
 * the adapter's parser agreeing with the schema on what is a valid program.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const programs = path.join(root, 'test', 'dap', 'programs', 'hyp');
const pkg = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8'));
const debuggerEntry = pkg.contributes.debuggers.find((d: { type: string }) => d.type === 'hyperstep');

const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(JSON.parse(JSON.stringify(launchSchema)));

/** A snippet body as VS Code inserts it with the defaults: ^"…" strings unquoted, ${n:default} -> default. */
function expand(v: unknown, vars: Record<string, string>): unknown {
  if (typeof v === 'string') {
    const raw = v.startsWith('^"') && v.endsWith('"') ? v.slice(2, -1) : v;
    return raw.replace(/\\?\$\{(\w+)\}/g, (_, name: string) => vars[name] ?? '').replace(/\$\{\d+:([^}]*)\}/g, '$1');
  }
  if (Array.isArray(v)) return v.map((x) => expand(x, vars));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x, vars)]));
  return v;
}

describe('launch.json: hypervisor and guest images', () => {
  it('offers a hypervisor + guest snippet that package.json carries as the adapter defines it', () => {
    const snippet = debuggerEntry.configurationSnippets.find((s: { label: string }) => s.label === hypervisorSnippet.label);
    assert.deepStrictEqual(snippet, expectedSnippets().find((x) => x.label === hypervisorSnippet.label)!, 'run npm run generate');
    const body = expand(snippet.body, { workspaceFolder: programs }) as Record<string, unknown>;
    assert.ok(validate({ ...body }), JSON.stringify(validate.errors));
    assert.deepStrictEqual(body.program, [
      { files: [path.join(programs, 'hyp.s')], context: 'hypervisor' },
      { files: [path.join(programs, 'guest.s')], context: 'guest', load: '0x80200000' },
    ]);
    // What the snippet writes is what the adapter launches (given files that exist).
    const files = { ...body, program: [{ files: [path.join(programs, 'hyp.s'), path.join(programs, 'hyp_trap.s')] }, (body.program as unknown[])[1]] };
    const cfg = parseLaunchArguments(files, root);
    assert.deepStrictEqual(cfg.images.map((i) => [i.context, i.load, i.files.map((f) => path.basename(f))]),
      [['hypervisor', undefined, ['hyp.s', 'hyp_trap.s']], ['guest', 0x80200000, ['guest.s']]]);
    assert.strictEqual(cfg.hypervisor, true);
  });

  it('describes program images, load addresses and the hypervisor switch in the schema', () => {
    const image = launchSchema.properties.program.oneOf[2].items;
    assert.deepStrictEqual(Object.keys(image.properties), ['files', 'context', 'load']);
    assert.deepStrictEqual(image.properties.context.enum, ['hypervisor', 'guest']);
    assert.strictEqual(launchSchema.properties.hypervisor.default, true);
  });

  it('accepts and rejects the same programs as the adapter', () => {
    const hyp = path.join(programs, 'hyp.s'), trap = path.join(programs, 'hyp_trap.s'), guest = path.join(programs, 'guest.s');
    const cases: [unknown, boolean][] = [
      [hyp, true],
      [[hyp, trap], true],
      [[{ files: [hyp, trap] }, { files: [guest], context: 'guest', load: '0x80200000' }], true],
      [[{ files: hyp, context: 'hypervisor' }, { files: [guest], context: 'guest', load: 2149580800 }], true],
      [[{ files: [hyp] }, { files: [guest], context: 'host' }], false],
      [[{ files: [hyp] }, { files: [guest], context: 'guest', load: 'far away' }], false],
      [[{ files: [hyp] }, { files: [guest], context: 'guest', load: -4 }], false],
      [[{ files: [] }], false],
      [[{ file: hyp }], false],
      [[{ files: [hyp] }, guest], false],
      [[], false],
    ];
    for (const [program, valid] of cases) {
      const bySchema = validate({ program });
      let byAdapter = true;
      try { parseLaunchArguments({ program }, root); } catch { byAdapter = false; }
      assert.strictEqual(bySchema, valid, `schema on ${JSON.stringify(program)}`);
      assert.strictEqual(byAdapter, valid, `adapter on ${JSON.stringify(program)}`);
    }
    assert.strictEqual(validate({ program: hyp, hypervisor: 'yes' }), false);
  });

  it('resolves image paths against cwd before launch, one assembly check per image', () => {
    const exists = (f: string) => !f.includes('missing');
    const r = resolveProgram([{ files: ['hyp.s', 'trap.s'], context: 'hypervisor' }, { files: 'guest/guest.s', context: 'guest', load: '0x80200000' }], '/w', exists)!;
    assert.deepStrictEqual(r.program, [
      { files: ['/w/hyp.s', '/w/trap.s'], context: 'hypervisor' },
      { files: ['/w/guest/guest.s'], context: 'guest', load: '0x80200000' },
    ]);
    assert.deepStrictEqual(r.images, [['/w/hyp.s', '/w/trap.s'], ['/w/guest/guest.s']]);
    assert.deepStrictEqual(r.missing, []);
    assert.deepStrictEqual(resolveProgram([{ files: ['a.s'] }, { files: ['missing.s'], context: 'guest' }], '/w', exists)!.missing, ['/w/missing.s']);
    assert.deepStrictEqual(resolveProgram('x.s', '/w', exists), { program: '/w/x.s', images: [['/w/x.s']], missing: [] });
    assert.deepStrictEqual(resolveProgram(['/abs/a.s', 'b.s'], '/w', exists)!.images, [['/abs/a.s', '/w/b.s']]);
    // Shapes left to the adapter, whose errors name the field and the element.
    for (const bad of [undefined, 42, [], [{ files: [] }], [{ files: ['a.s'] }, 'b.s'], [null]]) assert.strictEqual(resolveProgram(bad, '/w', exists), undefined, JSON.stringify(bad));
  });
});

describe('launch.json: guests under the built-in VMM ("vms")', () => {
  const vmmPrograms = path.join(root, 'test', 'dap', 'programs', 'vmm');
  const guest = path.join(vmmPrograms, 'guest.s'), other = path.join(vmmPrograms, 'other.s');

  it('offers a VMM snippet that package.json carries, which the schema and the adapter accept', () => {
    const snippet = debuggerEntry.configurationSnippets.find((s: { label: string }) => s.label === vmmSnippet.label);
    assert.deepStrictEqual(snippet, JSON.parse(JSON.stringify(vmmSnippet)), 'run npm run generate');
    const body = expand(snippet.body, { workspaceFolder: vmmPrograms }) as Record<string, unknown>;
    assert.ok(validate({ ...body }), JSON.stringify(validate.errors));
    const cfg = parseLaunchArguments(body, root);
    assert.deepStrictEqual(cfg.vms!.map((v) => [v.name, v.image.files, v.memory, v.vcpus]), [['vm1', [guest], 64 << 20, 1]]);
  });

  it('offers shadow and paravirtual snippets that package.json carries, which the schema and the adapter accept', () => {
    for (const [want, paging, previrtualize] of [[shadowSnippet, 'shadow', false], [paravirtSnippet, 'paravirt', true]] as const) {
      const snippet = debuggerEntry.configurationSnippets.find((s: { label: string }) => s.label === want.label);
      assert.deepStrictEqual(snippet, JSON.parse(JSON.stringify(want)), 'run npm run generate');
      const body = expand(snippet.body, { workspaceFolder: vmmPrograms }) as Record<string, unknown>;
      assert.ok(validate({ ...body }), JSON.stringify(validate.errors));
      const cfg = parseLaunchArguments(body, root);
      assert.deepStrictEqual(cfg.vms!.map((v) => [v.name, v.image.files, v.paging, v.previrtualize]), [['vm1', [guest], paging, previrtualize]]);
    }
  });

  it('accepts and rejects the same VMs as the adapter', () => {
    const cases: [unknown, boolean][] = [
      [[{ program: guest }], true],
      [[{ name: 'a', program: [guest], memory: '16M', vcpus: 4, paging: 'nested', mapping: 'eager' }, { name: 'b', program: other, memory: 1048576 }], true],
      [[{ program: guest, paging: 'shadow' }, { program: other, paging: 'nested' }, { program: other, paging: 'shadow' }], true],
      [[{ program: guest, paging: 'nested' }, { program: other, paging: 'paravirt' }], true],
      [[{ program: guest, paging: 'paravirt', previrtualize: true }, { program: other, previrtualize: false }], true],
      [[{ program: guest, previrtualize: true }], false],
      [[{ program: guest, paging: 'shadow', previrtualize: true }], false],
      [[{ program: guest, paging: 'paravirt', previrtualize: 'yes' }], false],
      [[], false],
      [[{ program: guest, vcpus: 0 }], false],
      [[{ program: guest, vcpus: 5 }], false],
      [[{ program: guest, paging: 'ept' }], false],
      [[{ program: guest, mapping: 'sometimes' }], false],
      [[{ program: guest, name: '1vm' }], false],
      [[{ program: guest, extra: 1 }], false],
      [[{ name: 'vm1' }], false],
      [[{ program: guest, memory: 'lots' }], false],
    ];
    for (const [vms, valid] of cases) {
      let byAdapter = true;
      try { parseLaunchArguments({ vms }, root); } catch { byAdapter = false; }
      assert.strictEqual(validate({ vms }), valid, `schema on ${JSON.stringify(vms)}`);
      assert.strictEqual(byAdapter, valid, `adapter on ${JSON.stringify(vms)}`);
    }
    assert.strictEqual(validate({ stopOnEntry: true }), false, 'a launch needs "program" or "vms"');
  });

  it('resolves each VM\'s program against cwd before launch, one assembly check per VM', () => {
    const exists = (f: string) => !f.includes('missing');
    const r = resolveVms([{ name: 'a', program: 'g/guest.s', vcpus: 2 }, { program: ['x.s', '/abs/y.s'] }], '/w', exists)!;
    assert.deepStrictEqual(r.vms, [{ name: 'a', program: '/w/g/guest.s', vcpus: 2 }, { program: ['/w/x.s', '/abs/y.s'] }]);
    assert.deepStrictEqual(r.images, [['/w/g/guest.s'], ['/w/x.s', '/abs/y.s']]);
    assert.deepStrictEqual(resolveVms([{ program: 'missing.s' }], '/w', exists)!.missing, ['/w/missing.s']);
    for (const bad of [undefined, [], {}, [{}], [{ program: 3 }], [null]]) assert.strictEqual(resolveVms(bad, '/w', exists), undefined, JSON.stringify(bad));
  });

  it('puts the VM exit buttons on the debug toolbar of hyperstep sessions only, and picks the thread in focus', () => {
    const toolbar = pkg.contributes.menus['debug/toolBar'] as { command: string; when: string }[];
    assert.deepStrictEqual(toolbar.map((m) => m.command), ['hyperstep.stepToNextExit', 'hyperstep.stepOverExit']);
    for (const m of toolbar) assert.strictEqual(m.when, "debugType == 'hyperstep'");
    for (const id of ['hyperstep.stepToNextExit', 'hyperstep.stepOverExit']) {
      const c = pkg.contributes.commands.find((x: { command: string }) => x.command === id);
      assert.match(c.icon, /^\$\([a-z-]+\)$/);
      assert.match(c.enablement, /debugType == 'hyperstep'/);
      assert.ok(pkg.contributes.menus.commandPalette.some((m: { command: string; when: string }) => m.command === id && /inDebugMode/.test(m.when)));
    }
    assert.strictEqual(threadForRequest('s1', { sessionId: 's1', threadId: 3 }, 2), 3);
    assert.strictEqual(threadForRequest('s1', { sessionId: 's2', threadId: 3 }, 2), 2, 'focus in another session');
    assert.strictEqual(threadForRequest('s1', undefined, undefined), 1);
    assert.strictEqual(stoppedThread({ type: 'event', event: 'stopped', body: { threadId: 4, reason: 'step' } }), 4);
    assert.strictEqual(stoppedThread({ type: 'event', event: 'output', body: {} }), undefined);
  });
});
