import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { allCsrNames, allMnemonicNames, allRegisterNames, mnemonicInfo } from '../../src/extension/language/isaDocs';

/**
 * The TextMate grammar, tested two ways: vscode-tmgrammar-test runs the annotated files in
 * test/grammar/ through VS Code's own tokenizer (vscode-textmate), and every mnemonic, register
 * and CSR the ISA tables know is checked to get its colour.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const grammarFile = path.join(root, 'syntaxes', 'riscv-asm.tmLanguage.json');
const grammar = JSON.parse(fs.readFileSync(grammarFile, 'utf8'));

/** The grammar's patterns use Oniguruma syntax; the parts used here are also valid JS regexps. */
function ruleRegex(repo: string, i = 0): RegExp {
  return new RegExp(grammar.repository[repo].patterns[i].match.replace(/\(\?i:/g, '(?:'), 'i');
}

describe('riscv-asm TextMate grammar', () => {
  it('passes the vscode-tmgrammar-test cases in test/grammar', function () {
    this.timeout(60000);
    const bin = path.join(root, 'node_modules', '.bin', 'vscode-tmgrammar-test');
    const out = execFileSync(bin, ['-g', grammarFile, 'test/grammar/*.test.[sS]'], { cwd: root, encoding: 'utf8' });
    assert.match(out, /instructions\.test\.s run successfuly/);
    assert.match(out, /literals\.test\.S run successfuly/);
  });

  it('colours every mnemonic of the assembler as an instruction or pseudo-instruction', () => {
    const real = ruleRegex('mnemonics', 0);
    const pseudo = ruleRegex('mnemonics', 1);
    const names = allMnemonicNames();
    assert.ok(names.length > 150, `only ${names.length} mnemonics`);
    for (const m of names) {
      const line = `    ${m} a0, a1`;
      const isPseudo = mnemonicInfo(m)!.kind === 'pseudo';
      const hit = (isPseudo ? pseudo : real).exec(line);
      assert.ok(hit && hit[1].toLowerCase() === m, `${m} not coloured as ${isPseudo ? 'pseudo' : 'instruction'}`);
    }
  });

  it('colours every register name and CSR name', () => {
    const reg = ruleRegex('registers');
    for (const r of allRegisterNames()) assert.strictEqual(reg.exec(`add ${r}, x0`)?.[0], r, r);
    const csr = ruleRegex('csrs');
    for (const c of allCsrNames()) assert.strictEqual(csr.exec(`csrr a0, ${c}`)?.[0], c, c);
    assert.strictEqual(reg.exec('add a0x, s12, t7'), null, 'near-miss names are not registers');
  });
});
