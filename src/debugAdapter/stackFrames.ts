import * as path from 'path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TrapInfo } from '../engine/cpu/hart';
import { FrameKind } from '../engine/cpu/shadowStack';
import type { DebugTarget } from './debugTarget';
import { describeTrap } from './exceptionFilters';
import { PRIV_NAMES } from './registers';

/**
 * Stack traces from the hart's shadow call stack. Frame 0 is where the hart is; each shadow
 * frame (a call, or a trap entry) adds its caller below it, at the frame's return address (for
 * a trap: epc, the interrupted instruction). Frames are named by the enclosing label + offset;
 * a trap frame also says which trap it is: `handler+0x8 [trap: illegal instruction (from U)]`.
 */

export interface FrameInfo {
  index: number;
  /** The instruction the frame is at (the pc, or where the callee returns to). */
  address: number;
  /** Address to look the source line up with (a call's return address - 1: the call itself). */
  lookup: number;
  /** Kind of the shadow frame this code runs in (undefined for the outermost). */
  kind: FrameKind | undefined;
  trap?: TrapInfo;
  name: string;
}

/** Frame ids encode hart and index, so they stay valid for the whole stop. */
export function frameId(hart: number, index: number): number { return hart * 65536 + index + 1; }

export function decodeFrameId(id: unknown, harts: number): { hart: number; index: number } | undefined {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) return undefined;
  const hart = Math.floor((id - 1) / 65536), index = (id - 1) % 65536;
  return hart < harts ? { hart, index } : undefined;
}

export function frameInfos(target: DebugTarget, hart: number): FrameInfo[] {
  const h = target.machine.harts[hart];
  const shadow = h.calls.frames();
  const out: FrameInfo[] = [];
  let address = h.pc >>> 0, lookup = address;
  for (let k = 0; k <= shadow.length; k++) {
    const f = shadow[k];
    const depth = h.calls.depth - 1 - k;
    let name = target.describe(address, true) ?? `0x${address.toString(16).padStart(8, '0')}`;
    let trap: TrapInfo | undefined;
    if (f?.kind === FrameKind.Trap) {
      trap = target.trapAt(hart, depth);
      const what = trap ? describeTrap(trap) : `from ${PRIV_NAMES[f.mode] ?? f.mode}`;
      name += ` [trap: ${what}]`;
    }
    out.push({ index: k, address, lookup, kind: f?.kind, trap, name });
    if (!f) break;
    address = f.returnAddress >>> 0;
    lookup = f.kind === FrameKind.Call ? (address - 1) >>> 0 : address;
  }
  // Frames deeper than the shadow stack's capacity were counted but not kept.
  return out;
}

export function dapFrame(target: DebugTarget, hart: number, f: FrameInfo): DebugProtocol.StackFrame {
  const found = target.location(f.lookup);
  const loc = found && target.hasSource(found.file) ? found : undefined;
  const frame: DebugProtocol.StackFrame = {
    id: frameId(hart, f.index),
    name: f.name,
    line: loc?.line ?? 0,
    column: loc?.column ?? 0,
    instructionPointerReference: '0x' + f.address.toString(16),
  };
  if (loc) frame.source = { name: path.basename(loc.file), path: loc.file };
  return frame;
}
