import * as assert from 'assert';
import { AsmIndex, indexAssembly } from '../../src/extension/language/asmIndex';
import { findDefinition, findReferences, includeGroup, planRename, visibleSymbols } from '../../src/extension/language/symbolNavigation';

/** A small program in three files: main.s includes uart.inc; other.s is a separate program. */
const files = new Map<string, AsmIndex>([
  ['/w/main.s', indexAssembly([
    '    .include "uart.inc"',  // 0
    '    .globl _start',        // 1
    '_start: call putc',        // 2
    'loop: j loop',             // 3
    '1:  j 1b',                 // 4
    '    call helper',          // 5
  ].join('\n'))],
  ['/w/uart.inc', indexAssembly([
    '    .equ UART, 0x10000000', // 0
    'putc: li t0, UART',        // 1
    '    sb a0, 0(t0); ret',    // 2
  ].join('\n'))],
  ['/w/other.s', indexAssembly('loop: j loop\nputc: ret\n')],
  ['/w/lib.s', indexAssembly('    .globl helper\nhelper: ret\n')],
]);

describe('go to definition, references and rename', () => {
  it('follows .include to find a definition, and prefers the file itself', () => {
    assert.deepStrictEqual(findDefinition(files, '/w/main.s', 'putc', 2, 13), [{ file: '/w/uart.inc', range: { line: 1, start: 0, end: 4 } }]);
    assert.deepStrictEqual(findDefinition(files, '/w/main.s', 'loop', 3, 8), [{ file: '/w/main.s', range: { line: 3, start: 0, end: 4 } }]);
    assert.deepStrictEqual(findDefinition(files, '/w/main.s', 'UART', 0, 0).map((l) => l.file), ['/w/uart.inc']);
  });

  it('finds a .globl symbol defined in another workspace file', () => {
    assert.deepStrictEqual(findDefinition(files, '/w/main.s', 'helper', 5, 9).map((l) => `${l.file}:${l.range.line}`), ['/w/lib.s:1']);
  });

  it('resolves numeric local labels', () => {
    assert.deepStrictEqual(findDefinition(files, '/w/main.s', '1b', 4, 6), [{ file: '/w/main.s', range: { line: 4, start: 0, end: 1 } }]);
    assert.deepStrictEqual(findReferences(files, '/w/main.s', '1', 4, 0, false).map((l) => l.range.line), [4]);
  });

  it('finds references across the include group but not in unrelated files', () => {
    assert.deepStrictEqual(includeGroup('/w/uart.inc', files).sort(), ['/w/main.s', '/w/uart.inc']);
    const refs = findReferences(files, '/w/uart.inc', 'putc', 1, 0, true).map((l) => `${l.file}:${l.range.line}`);
    assert.deepStrictEqual(refs.sort(), ['/w/main.s:2', '/w/uart.inc:1']);
    const loops = findReferences(files, '/w/main.s', 'loop', 3, 0, false).map((l) => `${l.file}:${l.range.line}:${l.range.start}`);
    assert.deepStrictEqual(loops, ['/w/main.s:3:8']);
  });

  it('renames a label everywhere it resolves to the same symbol', () => {
    const plan = planRename(files, '/w/main.s', 'putc', 2, 13, 'uart_putc');
    assert.strictEqual(plan.error, undefined);
    assert.deepStrictEqual(plan.edits.map((l) => `${l.file}:${l.range.line}:${l.range.start}`).sort(), ['/w/main.s:2:13', '/w/uart.inc:1:0']);
    const global = planRename(files, '/w/lib.s', 'helper', 1, 0, 'help');
    assert.deepStrictEqual(global.edits.map((l) => `${l.file}:${l.range.line}`).sort(), ['/w/lib.s:0', '/w/lib.s:1', '/w/main.s:5']);
  });

  it('refuses renames that would break the program', () => {
    assert.match(planRename(files, '/w/main.s', 'loop', 3, 0, '2bad')!.error!, /not a valid symbol name/);
    assert.match(planRename(files, '/w/main.s', '1b', 4, 6, 'x')!.error!, /Numeric local labels/);
    assert.match(planRename(files, '/w/main.s', 'nowhere', 0, 0, 'x')!.error!, /not defined/);
  });

  it('lists the symbols visible from a file for completion', () => {
    assert.deepStrictEqual(visibleSymbols(files, '/w/main.s').map((d) => d.name).sort(), ['UART', '_start', 'loop', 'putc']);
  });
});
