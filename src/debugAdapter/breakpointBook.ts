import type { DebugProtocol } from '@vscode/debugprotocol';
import { LineTable } from '../engine/asm';
import { EvalContext, evaluateNode, ExpressionError, interpolate, Node, parseExpression } from './expressions';
import { Context, isGuestContext, vmContext, vmOfContext } from './launchConfig';
import { SymbolTable } from './symbolTable';

/**
 * The debugger's breakpoints: source lines (mapped through the line table), functions (labels),
 * instruction addresses and data (watchpoints). Each can have a condition, a hit condition and a
 * log message. The book turns them into the engine's address and watch sets and decides, when
 * the engine reports a hit, whether to stop, log or go on.
 *
 * Hit conditions count the hits whose condition held: `3` or `== 3` stops on the 3rd hit only,
 * `>= 3` (also `>`, `<`, `<=`, `!=`) on every hit that satisfies the comparison, `% 2` on every
 * 2nd hit.
 *
 * Every code address and watched range belongs to a context: the hypervisor's (the machine's
 * `breakpoints`/`watchpoints`, which apply with V=0) or the guest's (`guestBreakpoints`/
 * `guestWatchpoints`, V=1, by guest-virtual address). A source line binds in the context of the
 * image its file belongs to; a label in the context(s) that define it.
 */

export type BreakpointKind = 'source' | 'function' | 'instruction' | 'data';

export interface HitCondition { op: '==' | '>=' | '>' | '<' | '<=' | '!=' | '%'; n: number }

/** A code address in a context. */
export interface CodeAddress { address: number; context: Context }

/** A context's line table or symbols, for binding breakpoints. */
export interface ContextLines { context: Context; lines: LineTable }
export interface ContextSymbols { context: Context; symbols: SymbolTable }

export interface BookEntry {
  id: number;
  kind: BreakpointKind;
  /** Code addresses (source/function/instruction breakpoints). */
  addresses: CodeAddress[];
  /** Watched range (data breakpoints). */
  watch?: { address: number; size: number; access: 'read' | 'write' | 'readWrite'; context: Context };
  condition?: Node;
  hit?: HitCondition;
  logMessage?: string;
  hits: number;
  /** Where it was set, for log output. */
  source?: string;
  line?: number;
  /** A VMM exit handler name or dotted prefix (function breakpoints on `sbi.set_timer`, `mmio`...). */
  handler?: string;
}

/** Whether VMM handler `name` is `prefix` or under it (`sbi` covers `sbi.hsm.hart_start`, not `sbiX`). */
export function handlerMatches(prefix: string, name: string): boolean {
  return name === prefix || name.startsWith(prefix + '.');
}

export function parseHitCondition(text: string): HitCondition {
  const m = /^\s*(==|>=|<=|!=|>|<|%|=)?\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`hit condition '${text}' is not understood: use a count such as 3, >= 3 or % 2`);
  const op = (m[1] === undefined || m[1] === '=' ? '==' : m[1]) as HitCondition['op'];
  const n = Number(m[2]);
  if (op === '%' && n === 0) throw new Error('hit condition % 0 never stops: use % 1 or more');
  return { op, n };
}

export function hitConditionHolds(h: HitCondition, count: number): boolean {
  switch (h.op) {
    case '==': return count === h.n;
    case '>=': return count >= h.n;
    case '>': return count > h.n;
    case '<': return count < h.n;
    case '<=': return count <= h.n;
    case '!=': return count !== h.n;
    case '%': return count % h.n === 0;
  }
}

/** What hitting a set of breakpoints means. */
export interface HitDecision {
  /** Breakpoints that stop (their ids go into the stopped event). */
  stop: BookEntry[];
  /** Logpoint output lines. */
  logs: { text: string; entry: BookEntry }[];
  /** Condition evaluation errors (reported, and the breakpoint stops, as gdb does). */
  errors: string[];
}

interface Options { condition?: unknown; hitCondition?: unknown; logMessage?: unknown }

export class BreakpointBook {
  private nextId = 1;
  private bySource = new Map<string, BookEntry[]>();
  private functions: BookEntry[] = [];
  private instructions: BookEntry[] = [];
  private data: BookEntry[] = [];
  /** Ids by what a breakpoint is ("source:path:line", "function:name", ...), so re-setting keeps them. */
  private ids = new Map<string, number>();

  private idFor(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) { id = this.nextId++; this.ids.set(key, id); }
    return id;
  }

  /** Builds condition/hit/log settings; returns an error message instead when they are bad. */
  private options(o: Options): Pick<BookEntry, 'condition' | 'hit' | 'logMessage'> | string {
    const out: Pick<BookEntry, 'condition' | 'hit' | 'logMessage'> = {};
    if (o.condition !== undefined && o.condition !== null && o.condition !== '') {
      if (typeof o.condition !== 'string') return 'condition must be a string';
      try { out.condition = parseExpression(o.condition); } catch (e) { return `condition: ${(e as ExpressionError).message}`; }
    }
    if (o.hitCondition !== undefined && o.hitCondition !== null && o.hitCondition !== '') {
      if (typeof o.hitCondition !== 'string') return 'hitCondition must be a string';
      try { out.hit = parseHitCondition(o.hitCondition); } catch (e) { return (e as Error).message; }
    }
    if (o.logMessage !== undefined && o.logMessage !== null && o.logMessage !== '') {
      if (typeof o.logMessage !== 'string') return 'logMessage must be a string';
      out.logMessage = o.logMessage;
    }
    return out;
  }

  /** Source breakpoints of `file`, bound in each context whose images contain it. */
  setSource(file: string, requested: DebugProtocol.SourceBreakpoint[], contexts: ContextLines[]): DebugProtocol.Breakpoint[] {
    const entries: BookEntry[] = [];
    const mine = contexts.filter((c) => c.lines.files().includes(file));
    const result = requested.map((bp): DebugProtocol.Breakpoint => {
      if (!bp || typeof bp !== 'object' || !Number.isInteger(bp.line) || bp.line < 1) {
        return { verified: false, message: 'a source breakpoint needs a line number >= 1' };
      }
      const opts = this.options(bp);
      const id = this.idFor(`source:${file}:${bp.line}`);
      if (typeof opts === 'string') return { id, verified: false, line: bp.line, message: opts };
      const found = mine.map((c) => ({ context: c.context, where: c.lines.breakpointAddresses(file, bp.line) })).filter((x) => x.where);
      if (found.length === 0) {
        return { id, verified: false, line: bp.line, message: mine.length ? 'no code at or after this line' : `${file.replace(/^.*[\\/]/, '')} is not part of the program being debugged (no line information for it)` };
      }
      // A file in several contexts (a shared include) binds in each, at its nearest line.
      const line = Math.min(...found.map((x) => x.where!.line));
      const at = found.filter((x) => x.where!.line === line);
      const addresses = at.flatMap((x) => x.where!.addresses.map((address) => ({ address, context: x.context })));
      entries.push({ id, kind: 'source', addresses, hits: 0, source: file, line, ...opts });
      return { id, verified: true, line, instructionReference: codeRef(addresses[0]), message: contextNote(addresses) };
    });
    this.bySource.set(file, carryHits(entries, this.bySource.get(file)));
    return result;
  }

  /**
   * Function breakpoints: a label binds in every context whose images define it; `guest:name`,
   * `hypervisor:name` or `vm1:name` picks one; anything else is an address expression
   * (`resolve`). With `isHandler` (the built-in VMM), a VMM handler name or prefix is a handler
   * breakpoint instead (`explicit`: it was written `vmm:name`, so a label of that name loses).
   */
  setFunctions(requested: DebugProtocol.FunctionBreakpoint[], contexts: ContextSymbols[], resolve: (expr: string) => CodeAddress | undefined,
    isHandler?: (name: string, explicit: boolean) => boolean): DebugProtocol.Breakpoint[] {
    const entries: BookEntry[] = [];
    const result = requested.map((bp): DebugProtocol.Breakpoint => {
      const id = this.idFor(`function:${typeof bp?.name === 'string' ? bp.name.trim() : JSON.stringify(bp)}`);
      if (!bp || typeof bp.name !== 'string' || bp.name.trim() === '') return { id, verified: false, message: 'a function breakpoint needs a name' };
      const opts = this.options(bp);
      if (typeof opts === 'string') return { id, verified: false, message: opts };
      let name = bp.name.trim();
      let only: Context | undefined;
      const vmm = /^vmm\s*:\s*(.+)$/.exec(name);
      if (isHandler && (vmm || isHandler(name, false))) {
        const handler = vmm ? vmm[1].trim() : name;
        if (!isHandler(handler, true)) return { id, verified: false, message: `'${handler}' is not a VMM exit handler (they are sbi.*, mmio.*, gstage.*, vcpu.halt, timer.inject, sched.preempt, trap.*, irq.*, and under shadow and paravirtual paging emulate.*, shadow.*, pv.*)` };
        entries.push({ id, kind: 'function', addresses: [], hits: 0, handler, ...opts });
        return { id, verified: true, message: `VMM handler: stops before the emulate phase of ${handler.includes('.') && !handler.endsWith('.') ? '' : 'every handler under '}${handler}` };
      }
      const m = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.+)$/.exec(name);
      const named = m ? contexts.find((c) => (vmOfContext(c.context) ?? c.context) === m[1]) : undefined;
      if (m && named) { only = named.context; name = m[2]; }
      else if (m && (m[1] === 'guest' || m[1] === 'hypervisor')) return { id, verified: false, message: `no ${m[1]} images in this program` };
      let addresses: CodeAddress[] = contexts.filter((c) => !only || c.context === only)
        .flatMap((c) => { const s = c.symbols.lookup(name); return s ? [{ address: s.address >>> 0, context: c.context }] : []; });
      if (addresses.length === 0 && !only) {
        let a: CodeAddress | undefined;
        try { a = resolve(name); } catch { a = undefined; }
        if (a) addresses = [{ address: a.address >>> 0, context: a.context }];
      }
      if (addresses.length === 0) return { id, verified: false, message: `no symbol '${name}' in the ${only ? `${only} images` : 'program'}` };
      entries.push({ id, kind: 'function', addresses, hits: 0, ...opts });
      return { id, verified: true, instructionReference: codeRef(addresses[0]), message: contextNote(addresses) };
    });
    this.functions = carryHits(entries, this.functions);
    return result;
  }

  /** Instruction breakpoints; `parseAddress` gives a reference's address and context, or a reason it has none. */
  setInstructions(requested: DebugProtocol.InstructionBreakpoint[], parseAddress: (ref: string) => CodeAddress | string | undefined): DebugProtocol.Breakpoint[] {
    const entries: BookEntry[] = [];
    const result = requested.map((bp): DebugProtocol.Breakpoint => {
      const id = this.idFor(`instruction:${JSON.stringify([bp?.instructionReference, bp?.offset])}`);
      if (!bp || typeof bp.instructionReference !== 'string') return { id, verified: false, message: 'an instruction breakpoint needs an instructionReference' };
      if (bp.offset !== undefined && !Number.isInteger(bp.offset)) return { id, verified: false, message: 'offset must be an integer' };
      const opts = this.options(bp);
      if (typeof opts === 'string') return { id, verified: false, message: opts };
      const base = parseAddress(bp.instructionReference);
      if (base === undefined) return { id, verified: false, message: `bad instruction reference '${bp.instructionReference}'` };
      if (typeof base === 'string') return { id, verified: false, message: base };
      const address = (base.address + (bp.offset ?? 0)) >>> 0;
      if (address & 1) return { id, verified: false, message: `0x${address.toString(16)} is not 2-byte aligned, so no instruction starts there` };
      const at = { address, context: base.context };
      entries.push({ id, kind: 'instruction', addresses: [at], hits: 0, ...opts });
      return { id, verified: true, instructionReference: codeRef(at), message: contextNote([at]) };
    });
    this.instructions = carryHits(entries, this.instructions);
    return result;
  }

  /** Data breakpoints; `guest` is the context of a plain `gva:` id (under the VMM: a VM's). */
  setData(requested: DebugProtocol.DataBreakpoint[], guest: Context = 'guest'): DebugProtocol.Breakpoint[] {
    const entries: BookEntry[] = [];
    const result = requested.map((bp): DebugProtocol.Breakpoint => {
      const id = this.idFor(`data:${JSON.stringify([bp?.dataId, bp?.accessType])}`);
      if (!bp || typeof bp.dataId !== 'string') return { id, verified: false, message: 'a data breakpoint needs a dataId' };
      const d = parseDataId(bp.dataId);
      if (d && d.context === 'guest') d.context = guest;
      if (!d) return { id, verified: false, message: `bad dataId '${bp.dataId}' (expected ADDRESS/SIZE, e.g. 0x80001000/4, or gva:0x80001000/4 for the guest)` };
      const access = bp.accessType ?? 'write';
      if (access !== 'read' && access !== 'write' && access !== 'readWrite') return { id, verified: false, message: `bad accessType '${String(access)}'` };
      const opts = this.options(bp);
      if (typeof opts === 'string') return { id, verified: false, message: opts };
      entries.push({ id, kind: 'data', addresses: [], watch: { address: d.address, size: d.size, access, context: d.context }, hits: 0, ...opts });
      const where = vmOfContext(d.context) ? `${vmOfContext(d.context)}'s guest-virtual ` : isGuestContext(d.context) ? 'guest-virtual ' : '';
      return { id, verified: true, message: `${access} ${d.size} byte${d.size === 1 ? '' : 's'} at ${where}0x${d.address.toString(16)}` };
    });
    this.data = carryHits(entries, this.data);
    return result;
  }

  /** The code addresses of every guest context (V=1) with a breakpoint: the machine's guest set. */
  guestCodeAddresses(): number[] {
    const set = new Set<number>();
    for (const list of [...this.bySource.values(), this.functions, this.instructions]) {
      for (const e of list) for (const a of e.addresses) if (isGuestContext(a.context)) set.add(a.address >>> 0);
    }
    return [...set];
  }

  /** Watchpoints of every guest context (V=1). */
  guestWatchpoints(): { addr: number; size: number; access: 'read' | 'write' | 'readWrite'; id: number }[] {
    return this.data.filter((e) => isGuestContext(e.watch!.context)).map((e) => ({ addr: e.watch!.address, size: e.watch!.size, access: e.watch!.access, id: e.id }));
  }

  /** The code addresses of `context` with a breakpoint. */
  codeAddresses(context: Context): number[] {
    const set = new Set<number>();
    for (const list of [...this.bySource.values(), this.functions, this.instructions]) {
      for (const e of list) for (const a of e.addresses) if (a.context === context) set.add(a.address >>> 0);
    }
    return [...set];
  }

  watchpoints(context: Context): { addr: number; size: number; access: 'read' | 'write' | 'readWrite'; id: number }[] {
    return this.data.filter((e) => e.watch!.context === context).map((e) => ({ addr: e.watch!.address, size: e.watch!.size, access: e.watch!.access, id: e.id }));
  }

  /** Function breakpoints on VMM handlers that cover handler `name`. */
  handlerEntries(name: string): BookEntry[] {
    return this.functions.filter((e) => e.handler !== undefined && handlerMatches(e.handler, name));
  }

  /** Code breakpoints at `address` in `context`. */
  at(address: number, context: Context): BookEntry[] {
    const a = address >>> 0, out: BookEntry[] = [];
    for (const list of [...this.bySource.values(), this.functions, this.instructions]) {
      for (const e of list) if (e.addresses.some((x) => x.address === a && x.context === context)) out.push(e);
    }
    return out;
  }

  dataEntry(id: number): BookEntry | undefined { return this.data.find((e) => e.id === id); }

  /** Source breakpoints of every file (for restart: re-map them through a new line table). */
  sourceFiles(): string[] { return [...this.bySource.keys()]; }

  /**
   * Decides what hitting `entries` means: evaluates conditions, counts hits, formats logpoints.
   * `count` false (reverse execution) evaluates conditions only: no counting, hit conditions
   * ignored, logpoints silent.
   */
  decide(entries: BookEntry[], ctx: EvalContext, count = true): HitDecision {
    const d: HitDecision = { stop: [], logs: [], errors: [] };
    for (const e of entries) {
      if (e.condition) {
        try {
          if (evaluateNode(e.condition, ctx).bits === 0) continue;
        } catch (err) {
          d.errors.push(`breakpoint ${e.id}: condition failed: ${(err as Error).message}`);
          d.stop.push(e);
          continue;
        }
      }
      if (count) {
        e.hits++;
        if (e.hit && !hitConditionHolds(e.hit, e.hits)) continue;
      }
      if (e.logMessage !== undefined) {
        if (count) d.logs.push({ text: interpolate(e.logMessage, ctx), entry: e });
        continue;
      }
      d.stop.push(e);
    }
    return d;
  }

  /** Resets hit counts (restart). */
  resetHits(): void {
    for (const list of [...this.bySource.values(), this.functions, this.instructions, this.data]) for (const e of list) e.hits = 0;
  }
}

/** Re-set breakpoints keep the hit counts they had (the client re-sends a file's whole list). */
function carryHits(entries: BookEntry[], previous: BookEntry[] | undefined): BookEntry[] {
  for (const e of entries) {
    const old = previous?.find((p) => p.id === e.id);
    if (old) e.hits = old.hits;
  }
  return entries;
}

export function hex(a: number): string { return '0x' + (a >>> 0).toString(16); }

/** `gva:` (a guest), `gva:vm1:` (a VM under the built-in VMM) or '' (the hypervisor). */
export function contextPrefix(c: Context): string {
  const vm = vmOfContext(c);
  return vm ? `gva:${vm}:` : c === 'guest' ? 'gva:' : '';
}

/** A code address as an instruction reference: guest ones are guest-virtual (`gva:`, `gva:vm1:`). */
export function codeRef(a: CodeAddress): string { return `${contextPrefix(a.context)}${hex(a.address)}`; }

/** Says which context a breakpoint binds in, when it is not only the hypervisor's. */
function contextNote(addresses: CodeAddress[]): string | undefined {
  const contexts = [...new Set(addresses.map((a) => a.context))];
  if (contexts.length === 1 && contexts[0] === 'hypervisor') return undefined;
  const vms = contexts.map(vmOfContext).filter((v): v is string => v !== undefined);
  if (vms.length > 0) return `in ${vms.join(' and ')} (guest-virtual address${vms.length > 1 ? 'es' : ''})`;
  return contexts.length > 1 ? 'in the hypervisor and in the guest' : 'in the guest (V=1): guest-virtual address';
}

/** Data breakpoint ids: `0x80001000/4` (hypervisor context), `gva:0x80001000/4` (guest), `gva:vm1:0x80001000/4`. */
export function dataId(address: number, size: number, context: Context = 'hypervisor'): string {
  return `${contextPrefix(context)}${hex(address)}/${size}`;
}

export function parseDataId(id: string): { address: number; size: number; context: Context } | undefined {
  const m = /^(?:(gva|hpa|va):(?:([A-Za-z_][A-Za-z0-9_-]*):)?)?(0x[0-9a-f]+|\d+)\/(\d+)$/i.exec(id.trim());
  if (!m) return undefined;
  const address = Number(m[3]), size = Number(m[4]);
  if (address > 0xffffffff || size < 1 || size > 1 << 20) return undefined;
  const guest = m[1]?.toLowerCase() === 'gva';
  if (m[2] && !guest) return undefined;
  return { address: address >>> 0, size, context: m[2] ? vmContext(m[2]) : guest ? 'guest' : 'hypervisor' };
}
