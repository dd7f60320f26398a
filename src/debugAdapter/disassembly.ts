import * as path from 'path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { disassemble, DisassemblerState } from '../engine/isa/disassembler';
import type { DebugTarget } from './debugTarget';
import type { Context } from './launchConfig';
import type { AddressSpace } from './memoryReference';
import { annotatePrevirtualized, previrtIndexFor } from './previrtView';

/**
 * The disassemble request. Addresses are in the memory reference's space (physical, the hart's
 * current context, guest-virtual...); source lines and symbols come from the context that space
 * belongs to (guest spaces: the guest images; the others: the hypervisor's).
 * Going backwards from an address (negative instructionOffset) is ambiguous with 2-byte
 * instructions, so the start is searched: decode forward from a few candidate starts and take
 * one whose instruction stream lands exactly on the address. Unreadable memory shows as `??`.
 */

interface Decoded { address: number; bits: number | undefined; length: number }

/** Where the instructions are read: hart, address space, and the context whose line table applies. */
export interface CodeView { hart: number; space: AddressSpace; context: Context }

const MAX_COUNT = 10000;

function decodeAt(target: DebugTarget, v: CodeView, address: number): Decoded {
  if (address < 0 || address > 0xffffffff) return { address, bits: undefined, length: 4 };
  const bits = target.peekInstruction(v.hart, address >>> 0, v.space);
  if (bits === undefined) return { address, bits, length: (address & 2) ? 2 : 4 };
  return { address, bits, length: (bits & 3) === 3 ? 4 : 2 };
}

/** The `need` instructions ending just before `end`. */
function before(target: DebugTarget, v: CodeView, end: number, need: number): Decoded[] {
  if (need <= 0) return [];
  const rows = target.view(v.context).lines.rows;
  // Where the line table covers an address, decoding from the start of its row must reach it.
  const plausible = (d: Decoded): boolean => {
    let lo = 0, hi = rows.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].address <= d.address) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0 || d.address >= rows[found].address + rows[found].size) return true;
    let a = rows[found].address;
    while (a < d.address) a += decodeAt(target, v, a).length;
    return a === d.address;
  };
  let landed: Decoded[] | undefined;
  for (const slack of [0, 2, 4, 6, 8]) {
    let a = end - need * 4 - slack;
    const list: Decoded[] = [];
    while (a < end) {
      const d = decodeAt(target, v, a);
      list.push(d);
      a += d.length;
    }
    if (a !== end || list.length < need) continue;
    const tail = list.slice(list.length - need);
    if (tail.every(plausible)) return tail;
    landed ??= tail;
  }
  if (landed) return landed;
  // Nothing lands exactly: fall back to 4-byte steps.
  const out: Decoded[] = [];
  for (let k = need; k >= 1; k--) out.push({ ...decodeAt(target, v, end - 4 * k), length: 4 });
  return out;
}

export function disassembleRequest(target: DebugTarget, v: CodeView, args: DebugProtocol.DisassembleArguments, base: number): DebugProtocol.DisassembledInstruction[] {
  const count = Math.min(MAX_COUNT, Math.max(0, Math.trunc(args.instructionCount)));
  const start = base + (Number.isInteger(args.offset) ? args.offset! : 0);
  const io = Number.isInteger(args.instructionOffset) ? args.instructionOffset! : 0;
  const list: Decoded[] = [];
  if (io < 0) {
    const back = before(target, v, start, Math.min(-io, MAX_COUNT));
    list.push(...back.slice(0, Math.max(0, count)));
  }
  let a = start;
  if (io > 0) for (let k = 0; k < io; k++) a += decodeAt(target, v, a).length;
  while (list.length < count) {
    const d = decodeAt(target, v, a);
    list.push(d);
    a += d.length;
  }

  const syms = target.view(v.context).symbols;
  const previrt = previrtIndexFor(target, v.context);
  const state = new DisassemblerState();
  const printAddress = (x: number): string => {
    const s = target.describe(x, v.context);
    return s ? `0x${(x >>> 0).toString(16)} <${s}>` : `0x${(x >>> 0).toString(16)}`;
  };
  let lastFile: string | undefined;
  return list.map((d): DebugProtocol.DisassembledInstruction => {
    if (d.address < 0 || d.address > 0xffffffff) {
      return { address: '0x0', instruction: '??', presentationHint: 'invalid' };
    }
    const address = '0x' + (d.address >>> 0).toString(16).padStart(8, '0');
    if (d.bits === undefined) return { address, instruction: '??', instructionBytes: '??', presentationHint: 'invalid' };
    const bytes = d.length === 4 ? (d.bits >>> 0).toString(16).padStart(8, '0') : (d.bits & 0xffff).toString(16).padStart(4, '0');
    const out: DebugProtocol.DisassembledInstruction = {
      address, instructionBytes: bytes,
      instruction: disassemble(d.bits, d.address >>> 0, { aliases: true, printAddress, state, allCsrNames: true }),
    };
    if (args.resolveSymbols !== false) {
      const s = syms.at(d.address).find((x) => !x.absolute);
      if (s) out.symbol = s.name;
    }
    const loc = target.location(d.address, v.context);
    if (loc && target.hasSource(loc.file)) {
      out.line = loc.line;
      out.column = loc.column;
      if (loc.file !== lastFile) out.location = { name: path.basename(loc.file), path: loc.file };
      lastFile = loc.file;
    }
    if (previrt) annotatePrevirtualized(out, d.address, previrt);
    return out;
  });
}
