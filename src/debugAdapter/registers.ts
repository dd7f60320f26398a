import { ABI_NAMES } from '../engine/isa/disassembler';

/** Register names the debugger accepts: x0..x31, ABI names, fp (= s0) and pc. */

const BY_NAME = new Map<string, number>();
for (let i = 0; i < 32; i++) { BY_NAME.set(`x${i}`, i); BY_NAME.set(ABI_NAMES[i], i); }
BY_NAME.set('fp', 8);

/** 0..31 for a general register, 32 for pc, undefined when `name` is not a register. */
export function registerIndex(name: string): number | undefined {
  const n = name.toLowerCase();
  if (n === 'pc') return PC;
  return BY_NAME.get(n);
}

export const PC = 32;

/** Every name registerIndex accepts (for completions). */
export function registerNames(): string[] {
  return [...BY_NAME.keys(), 'pc'];
}

/** `x5 (t0)` */
export function registerLabel(i: number): string {
  return i === PC ? 'pc' : `x${i} (${ABI_NAMES[i]})`;
}

export { ABI_NAMES };

export const PRIV_NAMES = ['U', 'S', 'H', 'M'];

const PLAIN_MODES: Record<number, string> = { 0: 'U (user)', 1: 'S (supervisor)', 3: 'M (machine)' };

/** The privilege mode as the Registers scope shows it: `M (machine)`, or with H `HS (V=0)`, `VS (V=1)`. */
export function modeName(h: { priv: number; virt: boolean; hasH: boolean }): string {
  if (!h.hasH) return PLAIN_MODES[h.priv] ?? String(h.priv);
  if (h.virt) return `${h.priv === 1 ? 'VS' : 'VU'} (V=1)`;
  return `${h.priv === 1 ? 'HS' : h.priv === 3 ? 'M' : 'U'} (V=0)`;
}
