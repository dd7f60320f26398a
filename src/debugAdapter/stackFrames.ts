import * as path from 'path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TrapInfo } from '../engine/cpu/hart';
import { FrameKind } from '../engine/cpu/shadowStack';
import type { DebugTarget } from './debugTarget';
import { describeTrap } from './exceptionFilters';
import type { Context } from './launchConfig';
import { formatMemoryRef } from './memoryReference';
import { PRIV_NAMES } from './registers';

/**
 * Stack traces from the hart's shadow call stack. Frame 0 is where the hart is; each shadow
 * frame (a call, or a trap entry) adds its caller below it, at the frame's return address (for
 * a trap: epc, the interrupted instruction). Frames are named by the enclosing label + offset;
 * a trap frame also says which trap it is: `handler+0x8 [trap: illegal instruction (from U)]`.
 *
 * Each frame runs in a context: the top one in the hart's (V=1: guest), and a trap frame's
 * caller in the context the trap came from (a VM exit: the guest under the hypervisor's
 * handler). Names and source lines come from that context's images; a guest frame's
 * instruction reference is guest-virtual (`gva:0x…`), so the disassembly view and instruction
 * breakpoints set from it stay in the guest.
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
  context: Context;
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
  let context = target.contextOf(hart);
  for (let k = 0; k <= shadow.length; k++) {
    const f = shadow[k];
    const depth = h.calls.depth - 1 - k;
    let name = target.describe(address, context, true) ?? `0x${address.toString(16).padStart(8, '0')}`;
    let trap: TrapInfo | undefined;
    let callerContext = context;
    if (f?.kind === FrameKind.Trap) {
      trap = target.trapAt(hart, depth);
      const fromGuest = trapFromGuest(target, hart, k, trap, f.returnAddress >>> 0, context);
      callerContext = fromGuest ? 'guest' : 'hypervisor';
      const what = trap ? describeTrap(trap, fromGuest) : `from ${fromGuest ? 'V' : ''}${PRIV_NAMES[f.mode] ?? f.mode}`;
      name += ` [${fromGuest && context === 'hypervisor' ? 'VM exit' : 'trap'}: ${what}]`;
    }
    out.push({ index: k, address, lookup, kind: f?.kind, trap, name, context });
    if (!f) break;
    address = f.returnAddress >>> 0;
    lookup = f.kind === FrameKind.Call ? (address - 1) >>> 0 : address;
    context = callerContext;
  }
  // Frames deeper than the shadow stack's capacity were counted but not kept.
  return out;
}

/**
 * Whether the trap that made shadow frame `k` (0 = innermost) came from V=1: as recorded when it
 * was taken; else, for the innermost trap into HS, hstatus.SPV; else whether its epc is guest code.
 */
function trapFromGuest(target: DebugTarget, hart: number, k: number, trap: TrapInfo | undefined, epc: number, context: Context): boolean {
  const h = target.machine.harts[hart];
  if (!h.hasH) return false;
  if (context === 'guest') return true; // V=1 code is only entered from V=1 traps (to VS)
  const known = trap ? target.trapFromV(trap) : undefined;
  if (known !== undefined) return known;
  const innermostTrap = h.calls.frames().findIndex((f) => f.kind === FrameKind.Trap) === k;
  if (innermostTrap && h.priv === 1) return (h.hstatus & 0x80) !== 0;
  if (innermostTrap && h.priv === 3) return (h.mstatush & 0x80) !== 0;
  return target.location(epc, 'guest') !== undefined && target.location(epc, 'hypervisor') === undefined;
}

export function dapFrame(target: DebugTarget, hart: number, f: FrameInfo): DebugProtocol.StackFrame {
  const found = target.location(f.lookup, f.context);
  const loc = found && target.hasSource(found.file) ? found : undefined;
  const frame: DebugProtocol.StackFrame = {
    id: frameId(hart, f.index),
    name: f.name,
    line: loc?.line ?? 0,
    column: loc?.column ?? 0,
    instructionPointerReference: formatMemoryRef(f.address, f.context === 'guest' ? 'gva' : 'physical', f.context === 'guest' && hart ? hart : undefined),
  };
  if (loc) frame.source = { name: path.basename(loc.file), path: loc.file };
  return frame;
}
