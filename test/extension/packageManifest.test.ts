import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { launchSchema } from '../../src/debugAdapter/launchSchema';
import { GRAMMAR_PATH, grammarText } from '../../src/extension/language/grammarBuilder';

/**
 * What VS Code reads from package.json without running code: the launch.json schema must be
 * the adapter's (src/debugAdapter/launchSchema.ts), the grammar must be the one generated from
 * the ISA tables, and every file the manifest names must exist. `npm run generate` fixes drift.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('extension manifest (package.json)', () => {
  const debuggerEntry = pkg.contributes.debuggers.find((d: { type: string }) => d.type === 'hyperstep');

  it('contributes the hyperstep debugger with the adapter\'s launch schema', () => {
    assert.ok(debuggerEntry, 'no debugger of type hyperstep');
    assert.deepStrictEqual(debuggerEntry.configurationAttributes.launch, JSON.parse(JSON.stringify(launchSchema)),
      'package.json launch schema differs from src/debugAdapter/launchSchema.ts: run npm run generate');
  });

  it('has initial configurations and snippets that satisfy the schema\'s required fields', () => {
    const configs = [...debuggerEntry.initialConfigurations, ...debuggerEntry.configurationSnippets.map((s: { body: unknown }) => s.body)];
    assert.ok(configs.length >= 3);
    for (const c of configs) {
      assert.strictEqual(c.type, 'hyperstep');
      assert.strictEqual(c.request, 'launch');
      assert.ok(launchSchema.anyOf.some((a) => a.required.every((field) => field in c)), `${JSON.stringify(c)} lacks "program" or "vms"`);
      for (const key of Object.keys(c)) {
        assert.ok(['type', 'request', 'name'].includes(key) || key in launchSchema.properties, `unknown launch attribute ${key}`);
      }
    }
  });

  it('keeps the committed grammar equal to the one generated from the ISA tables', () => {
    assert.strictEqual(fs.readFileSync(GRAMMAR_PATH, 'utf8'), grammarText(), 'grammar is stale: run npm run generate');
  });

  it('names files that exist and a webpack bundle as the extension entry', () => {
    assert.strictEqual(pkg.main, './dist/extension.js');
    assert.strictEqual(pkg.bin.hyperstep, 'out/src/cli/main.js', 'npx hyperstep must keep working');
    assert.strictEqual(pkg.exports['.'], './out/src/engine/index.js', 'the engine stays the library entry');
    for (const lang of pkg.contributes.languages) assert.ok(fs.existsSync(path.join(root, lang.configuration)), lang.configuration);
    for (const g of pkg.contributes.grammars) assert.ok(fs.existsSync(path.join(root, g.path)), g.path);
    assert.deepStrictEqual(pkg.contributes.languages[0].extensions, ['.s', '.S', '.asm', '.sx']);
  });

  it('declares every command it puts in a menu', () => {
    const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const list of Object.values(pkg.contributes.menus) as Array<Array<{ command: string }>>) {
      for (const m of list) assert.ok(commands.has(m.command), m.command);
    }
    for (const c of commands) assert.ok(pkg.activationEvents.includes(`onCommand:${c}`), `activation for ${c}`);
  });

  it('has a language configuration whose word pattern keeps dotted mnemonics whole', () => {
    const conf = JSON.parse(fs.readFileSync(path.join(root, 'language-configuration.json'), 'utf8'));
    const re = new RegExp(conf.wordPattern, 'g');
    assert.deepStrictEqual('  lr.w.aqrl a0, (a1)  # x'.match(re)?.slice(0, 2), ['lr.w.aqrl', 'a0']);
    assert.deepStrictEqual('fence.i'.match(re), ['fence.i']);
    assert.strictEqual(conf.comments.lineComment, '#');
    assert.deepStrictEqual(conf.comments.blockComment, ['/*', '*/']);
  });
});
