/**
 * Unit tests of the debugger's expression language (src/debugAdapter/expressions.ts) and the
 * small parsers next to it: hit conditions, memory references, data ids, launch arguments.
 */
import * as assert from 'assert';
import { hitConditionHolds, parseDataId, parseHitCondition } from '../../src/debugAdapter/breakpointBook';
import { EvalContext, evaluateExpression, ExpressionError, formatValue, interpolate, numberOf, parseExpression } from '../../src/debugAdapter/expressions';
import { LaunchError, parseLaunchArguments, parseMemorySize } from '../../src/debugAdapter/launchConfig';
import { formatMemoryRef, parseMemoryRef } from '../../src/debugAdapter/memoryReference';

/** A little machine: registers, two CSRs, three symbols and 64 bytes of memory at 0x1000. */
function context(extra?: Record<string, number>): EvalContext {
  const regs: Record<string, number> = { a0: 5, x10: 5, t0: -3, x5: -3, sp: 0x1010 | 0, x2: 0x1010, pc: 0x80000000 | 0, ra: 0x1004, zero: 0, x0: 0 };
  const mem = new Uint8Array(64);
  const text = Buffer.from('hello\0');
  mem.set(text, 0x20);
  new DataView(mem.buffer).setUint32(0x10, 0xdeadbeef, true);
  new DataView(mem.buffer).setInt16(0x14, -2, true);
  return {
    register: (n) => regs[n],
    csr: (n) => ({ mstatus: 0x1888, satp: 0x80000000 } as Record<string, number>)[n],
    symbol: (n) => ({ msg: 0x1020, table: 0x1010, main: 0x80000000 } as Record<string, number>)[n],
    variable: extra ? (n) => extra[n] : undefined,
    readMemory: (a, size) => {
      if (a < 0x1000 || a + size > 0x1040) return undefined;
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = v * 256 + mem[a - 0x1000 + i];
      return v;
    },
  };
}

const ev = (s: string, extra?: Record<string, number>): number => numberOf(evaluateExpression(s, context(extra)));
const hex = (s: string): number => evaluateExpression(s, context()).bits;
const err = (s: string): string => {
  try { evaluateExpression(s, context()); } catch (e) { assert.ok(e instanceof ExpressionError, `${s}: ${(e as Error).message}`); return (e as Error).message; }
  return assert.fail(`${s} should fail`);
};

describe('dap: expression language', () => {
  it('reads numbers in every base, characters and escapes', () => {
    assert.strictEqual(ev('42'), 42);
    assert.strictEqual(ev('0x2A'), 42);
    assert.strictEqual(ev('0b101010'), 42);
    assert.strictEqual(ev('0o52'), 42);
    assert.strictEqual(ev('052'), 42, 'C octal');
    assert.strictEqual(ev('1_000'), 1000);
    assert.strictEqual(ev("'A'"), 65);
    assert.strictEqual(ev("'\\n'"), 10);
    assert.strictEqual(ev("'\\x41'"), 65);
    assert.strictEqual(ev("'\\''"), 39);
    assert.strictEqual(hex('0xffffffff'), 0xffffffff);
    assert.match(err('0x100000000'), /does not fit in 32 bits/);
    assert.match(err('12abc'), /bad number/);
    assert.match(err("''"), /empty character/);
  });

  it('names registers (x/ABI, $-prefixed), CSRs, symbols and context variables', () => {
    assert.strictEqual(ev('a0'), 5);
    assert.strictEqual(ev('x10'), 5);
    assert.strictEqual(ev('$a0'), 5);
    assert.strictEqual(ev('t0'), -3, 'registers are signed');
    assert.strictEqual(ev('sp'), 0x1010);
    assert.strictEqual(ev('pc'), 0x80000000, 'pc is unsigned');
    assert.strictEqual(ev('mstatus'), 0x1888);
    assert.strictEqual(ev('msg'), 0x1020);
    assert.strictEqual(ev('cause', { cause: 2 }), 2);
    assert.strictEqual(ev('a0', { a0: 9 }), 9, 'context variables come first');
    assert.match(err('nosuch'), /unknown name 'nosuch'/);
  });

  it('follows C precedence and associativity', () => {
    assert.strictEqual(ev('1 + 2 * 3'), 7);
    assert.strictEqual(ev('(1 + 2) * 3'), 9);
    assert.strictEqual(ev('10 - 4 - 3'), 3);
    assert.strictEqual(ev('1 << 2 + 1'), 8);
    assert.strictEqual(ev('1 | 2 ^ 3 & 4'), 3);
    assert.strictEqual(ev('1 < 2 == 1'), 1);
    assert.strictEqual(ev('0 || 1 && 0'), 0);
    assert.strictEqual(ev('1 ? 2 : 0 ? 3 : 4'), 2);
    assert.strictEqual(ev('-2 * -3'), 6);
    assert.strictEqual(ev('~5 & 0xff'), 250);
    assert.strictEqual(ev('!0 + !7'), 1);
  });

  it('computes in 32 bits, signed or unsigned as C does', () => {
    assert.strictEqual(ev('0x7fffffffu + 1'), 0x80000000, 'an unsigned literal makes the sum unsigned');
    assert.strictEqual(ev('2147483647 + 1'), -2147483648, 'int overflow wraps');
    assert.strictEqual(ev('-7 / 2'), -3);
    assert.strictEqual(ev('-7 % 3'), -1);
    assert.strictEqual(ev('0xfffffff9 / 2'), 0x7ffffffc, 'unsigned division');
    assert.strictEqual(ev('t0 >> 1'), -2, 'arithmetic shift of a signed value');
    assert.strictEqual(ev('t0 >>> 28'), 15);
    assert.strictEqual(ev('t0 < 0'), 1);
    assert.strictEqual(ev('t0 < 0u'), 0, 'compared as unsigned');
    assert.strictEqual(ev('pc >= 0x80000000'), 1);
    assert.strictEqual(ev('t0 == 0xfffffffd'), 1, 'equality compares bits');
    assert.strictEqual(ev('0x10000 * 0x10000'), 0);
    assert.match(err('1 / 0'), /division by zero/);
    assert.match(err('1 % (a0 - 5)'), /division by zero/);
  });

  it('reads memory: typed dereference, [addr], indexing, pointer arithmetic, casts', () => {
    assert.strictEqual(hex('*(u32*)table'), 0xdeadbeef);
    assert.strictEqual(hex('*(uint32_t *)(sp)'), 0xdeadbeef);
    assert.strictEqual(hex('*table'), 0xdeadbeef, 'a plain address reads a word');
    assert.strictEqual(hex('[table]'), 0xdeadbeef);
    assert.strictEqual(ev('*(u8*)msg'), 104);
    assert.strictEqual(ev('*(char*)(msg + 1)'), 101);
    assert.strictEqual(ev('*(i16*)(table + 4)'), -2);
    assert.strictEqual(ev('*(u16*)(table + 4)'), 0xfffe);
    assert.strictEqual(ev('*(unsigned short*)(table + 4)'), 0xfffe);
    assert.strictEqual(ev('((u8*)msg)[4]'), 111);
    assert.strictEqual(ev('*((u16*)table + 2)'), 0xfffe, 'pointer + n scales by the pointee size');
    assert.strictEqual(ev('(u32*)msg + 1 - (u32*)msg'), 1);
    assert.strictEqual(ev('&msg'), 0x1020);
    assert.strictEqual(ev('&*(u32*)table'), 0x1010);
    assert.strictEqual(ev('(u8)0x1234'), 0x34);
    assert.strictEqual(ev('(i8)0xff'), -1);
    assert.strictEqual(ev('(int)0xffffffff'), -1);
    assert.strictEqual(ev('(unsigned)t0'), 0xfffffffd);
    assert.match(err('*(u32*)0'), /cannot read memory at 0x0/);
    assert.match(err('a0[1]'), /only a pointer can be indexed/);
    assert.match(err('&a0'), /has no address/);
    assert.match(err('(void)1'), /cannot cast to void/);
  });

  it('records where a value came from (for assignment)', () => {
    assert.deepStrictEqual(evaluateExpression('a0', context()).place, { kind: 'register', name: 'a0' });
    assert.deepStrictEqual(evaluateExpression('mstatus', context()).place, { kind: 'csr', name: 'mstatus' });
    assert.deepStrictEqual(evaluateExpression('*(u16*)(table+4)', context()).place, { kind: 'memory', address: 0x1014, size: 2 });
    assert.strictEqual(evaluateExpression('a0 + 1', context()).place, undefined);
  });

  it('reports syntax errors with their position', () => {
    const at = (s: string): number | undefined => { try { parseExpression(s); } catch (e) { return (e as ExpressionError).offset; } return undefined; };
    assert.strictEqual(at('1 + * '), 6);
    assert.strictEqual(at('(1'), 2);
    assert.strictEqual(at('1 2'), 2);
    assert.strictEqual(at('a0 @ 1'), 3);
    assert.match(err(''), /empty expression/);
    assert.match(err('(1 + 2'), /expected '\)'/);
    assert.match(err('1 ? 2'), /expected ':'/);
  });

  it('formats values: hex and decimal, addresses with symbols, bytes as characters', () => {
    const f = (s: string) => formatValue(evaluateExpression(s, context()), (a) => (a === 0x1020 ? 'msg' : undefined));
    assert.strictEqual(f('42'), '0x0000002a (42)');
    assert.strictEqual(f('t0'), '0xfffffffd (-3)');
    assert.strictEqual(f('msg'), '0x00001020 <msg>');
    assert.strictEqual(f('sp'), '0x00001010');
    assert.strictEqual(f("*(u8*)msg"), "0x68 (104 'h')");
    assert.strictEqual(f('*(i16*)(table+4)'), '0xfffe (-2)');
  });

  it('interpolates logpoint messages', () => {
    const ctx = context();
    assert.strictEqual(interpolate('a0={a0} t0={t0} hex={a0:x} u={t0:u} c={65:c} s={msg:s} {{x}}', ctx), 'a0=5 t0=-3 hex=0x5 u=4294967293 c=A s=hello {x}');
    assert.strictEqual(interpolate('sp={sp} bad={nosuch} open {a0', ctx), "sp=0x1010 bad=<error: unknown name 'nosuch' (not a register, CSR or symbol)> open {a0");
  });
});

describe('dap: hit conditions, memory references, data ids, launch arguments', () => {
  it('parses and applies hit conditions', () => {
    const holds = (text: string, n: number) => hitConditionHolds(parseHitCondition(text), n);
    assert.deepStrictEqual([1, 2, 3, 4].map((n) => holds('3', n)), [false, false, true, false]);
    assert.deepStrictEqual([1, 2, 3, 4].map((n) => holds('== 3', n)), [false, false, true, false]);
    assert.deepStrictEqual([1, 2, 3, 4].map((n) => holds('>= 3', n)), [false, false, true, true]);
    assert.deepStrictEqual([1, 2, 3, 4].map((n) => holds('>3', n)), [false, false, false, true]);
    assert.deepStrictEqual([1, 2, 3, 4].map((n) => holds('< 3', n)), [true, true, false, false]);
    assert.deepStrictEqual([1, 2, 3, 4].map((n) => holds('% 2', n)), [false, true, false, true]);
    assert.throws(() => parseHitCondition('often'), /not understood/);
    assert.throws(() => parseHitCondition('% 0'), /never stops/);
  });

  it('formats and parses memory references and data ids', () => {
    assert.strictEqual(formatMemoryRef(0x80001000), '0x80001000');
    assert.strictEqual(formatMemoryRef(0x40000000, 'current', 1), 'va:1:0x40000000');
    assert.strictEqual(formatMemoryRef(0x80000010, 'gva'), 'gva:0x80000010');
    assert.strictEqual(formatMemoryRef(0x80000010, 'gpa', 1), 'gpa:1:0x80000010');
    assert.deepStrictEqual(parseMemoryRef('0x80001000'), { address: 0x80001000, space: 'physical', hart: undefined });
    assert.deepStrictEqual(parseMemoryRef('hpa:0x80001000'), { address: 0x80001000, space: 'physical', hart: undefined });
    assert.deepStrictEqual(parseMemoryRef('va:1:0x40000000'), { address: 0x40000000, space: 'current', hart: 1 });
    assert.deepStrictEqual(parseMemoryRef('va:0x10'), { address: 16, space: 'current', hart: undefined });
    assert.deepStrictEqual(parseMemoryRef('gva:0x10'), { address: 16, space: 'gva', hart: undefined });
    assert.deepStrictEqual(parseMemoryRef('GPA:2:0x10'), { address: 16, space: 'gpa', hart: 2 });
    assert.deepStrictEqual(parseMemoryRef('4096'), { address: 4096, space: 'physical', hart: undefined });
    for (const bad of ['', 'x', '0x1ffffffff', 5, undefined, 'va:a:0x1', 'gvb:0x1']) assert.strictEqual(parseMemoryRef(bad), undefined, String(bad));
    assert.deepStrictEqual(parseDataId('0x80000064/4'), { address: 0x80000064, size: 4, context: 'hypervisor' });
    assert.deepStrictEqual(parseDataId('gva:0x80000064/2'), { address: 0x80000064, size: 2, context: 'guest' });
    assert.strictEqual(parseDataId('0x80000064'), undefined);
    assert.strictEqual(parseDataId('0x80000064/0'), undefined);
  });

  it('parses memory sizes', () => {
    assert.strictEqual(parseMemorySize('128M'), 128 << 20);
    assert.strictEqual(parseMemorySize('1G'), 1 << 30);
    assert.strictEqual(parseMemorySize('64KiB'), 64 << 10);
    assert.strictEqual(parseMemorySize('0x100000'), 1 << 20);
    assert.strictEqual(parseMemorySize(65536), 65536);
    assert.strictEqual(parseMemorySize('lots'), undefined);
  });

  it('defaults launch arguments and names the bad field', () => {
    const cfg = parseLaunchArguments({ program: __filename.replace(/\.js$/, '.js') }, __dirname);
    assert.deepStrictEqual(cfg.images.map((i) => [i.kind, i.context, i.load]), [['elf', 'hypervisor', undefined]]);
    assert.deepStrictEqual([cfg.memory, cfg.harts, cfg.sbi, cfg.compat, cfg.stopOnEntry, cfg.timeTravel, cfg.noDebug, cfg.hypervisor], [128 << 20, 1, 'none', 'spec', false, true, false, true]);
    const field = (args: unknown): string => { try { parseLaunchArguments(args, __dirname); } catch (e) { return (e as LaunchError).field; } return ''; };
    assert.strictEqual(field(null), 'program');
    assert.strictEqual(field({ program: __filename, harts: 0 }), 'harts');
    assert.strictEqual(field({ program: __filename, memory: '3K' }), 'memory');
    assert.strictEqual(field({ program: __filename, timeTravel: 1 }), 'timeTravel');
    assert.strictEqual(field({ program: __filename, cwd: 5 }), 'cwd');
  });
});
