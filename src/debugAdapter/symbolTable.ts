/**
 * The program's symbols for the debugger: labels by name (function breakpoints, expressions,
 * completions) and the enclosing label of an address (frame names, disassembly, `<sym+off>`).
 */

export interface DebugSymbol {
  name: string;
  address: number;
  size: number;
  /** A code label (function or a label in an executable section) rather than data. */
  code: boolean;
  global: boolean;
  /** An absolute value (.equ/.set), not an address in a section: never names an address. */
  absolute?: boolean;
}

export class SymbolTable {
  private readonly byName = new Map<string, DebugSymbol>();
  /** Code and data labels sorted by address, for "which symbol contains this address". */
  private readonly sorted: DebugSymbol[];

  constructor(symbols: DebugSymbol[]) {
    for (const s of symbols) {
      if (!s.name) continue;
      const have = this.byName.get(s.name);
      // A global definition wins over a local one of the same name.
      if (!have || (s.global && !have.global)) this.byName.set(s.name, s);
    }
    this.sorted = [...this.byName.values()]
      .filter((s) => !s.absolute && !s.name.startsWith('.L') && !s.name.startsWith('$'))
      .sort((a, b) => a.address - b.address || Number(b.global) - Number(a.global) || a.name.localeCompare(b.name));
  }

  get size(): number { return this.byName.size; }

  lookup(name: string): DebugSymbol | undefined { return this.byName.get(name); }

  names(): string[] { return [...this.byName.keys()]; }

  all(): DebugSymbol[] { return [...this.sorted]; }

  /** The symbol at or below `address` (the nearest label before it); sized symbols must contain it. */
  enclosing(address: number, codeOnly = false): DebugSymbol | undefined {
    const a = address >>> 0;
    const list = this.sorted;
    let lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].address <= a) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    for (let i = found; i >= 0; i--) {
      const s = list[i];
      if (codeOnly && !s.code) continue;
      if (s.size > 0 && a >= s.address + s.size) {
        // A sized symbol that ends before `a`: an unsized label may still enclose it further down.
        continue;
      }
      // Several labels at one address: prefer the first (global, alphabetical) one.
      let j = i;
      while (j > 0 && list[j - 1].address === s.address && (!codeOnly || list[j - 1].code)) j--;
      return list[j];
    }
    return undefined;
  }

  /** `name`, `name+0x10`, or undefined when no symbol is near (further than `maxOffset`). */
  describe(address: number, maxOffset = 0x10000, codeOnly = false): string | undefined {
    const s = this.enclosing(address, codeOnly);
    if (!s) return undefined;
    const off = (address >>> 0) - s.address;
    if (off > maxOffset) return undefined;
    return off === 0 ? s.name : `${s.name}+0x${off.toString(16)}`;
  }

  /** Symbols that start exactly at `address`. */
  at(address: number): DebugSymbol[] {
    return this.sorted.filter((s) => s.address === (address >>> 0));
  }
}
