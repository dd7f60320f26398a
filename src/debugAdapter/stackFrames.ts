import * as path from 'path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TrapInfo } from '../engine/cpu/hart';
import { FrameKind } from '../engine/cpu/shadowStack';
import { EXIT_REASON_LABELS, ExitInProgress } from '../engine/vmm';
import type { DebugTarget } from './debugTarget';
import { describeTrap } from './exceptionFilters';
import { Context, isGuestContext } from './launchConfig';
import { PRIV_NAMES } from './registers';
import { exitDocument, ExitDocument } from './vmExits';

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
 *
 * Under the built-in VMM a thread is a vCPU and every frame is its guest's, except while the VMM
 * handles a VM exit of it: then a hypervisor frame sits on top, whose source is a document the
 * adapter serves (ExitDocuments: the decoded exit and its phases) and whose line is the phase
 * that runs next; the guest frame below it is where the guest left (the exit's trap frame on the
 * shadow stack is that hypervisor frame, so it is not shown twice).
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
  /** The hypervisor frame of a VM exit the VMM is handling (built-in VMM only). */
  exit?: ExitInProgress;
}

/** Frame ids encode hart and index, so they stay valid for the whole stop. */
export function frameId(hart: number, index: number): number { return hart * 65536 + index + 1; }

export function decodeFrameId(id: unknown, harts: number): { hart: number; index: number } | undefined {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) return undefined;
  const hart = Math.floor((id - 1) / 65536), index = (id - 1) % 65536;
  return hart < harts ? { hart, index } : undefined;
}

export function frameInfos(target: DebugTarget, thread: number): FrameInfo[] {
  if (target.vcpus) return vcpuFrameInfos(target, thread);
  const hart = thread;
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

/** A vCPU's frames: the hypervisor frame of an exit in progress, then its guest's. */
function vcpuFrameInfos(target: DebugTarget, thread: number): FrameInfo[] {
  const vc = target.vcpus!;
  const context = vc.context(thread), hd = vc.exit(thread);
  const out: FrameInfo[] = [];
  let shadow = vc.calls(thread).frames().map((f, k, all) => ({ ...f, depth: all.length - 1 - k }));
  if (hd) {
    const e = hd.exit;
    out.push({ index: 0, address: e.pc >>> 0, lookup: e.pc >>> 0, kind: undefined, context, exit: hd, name: `${hd.plan.handler} [VM exit #${e.seq}: ${EXIT_REASON_LABELS[e.reason]}]` });
    // A trapped exit pushed a trap frame returning to the guest's pc: the hypervisor frame above stands for it.
    const top = shadow[0];
    if (vc.inTrappedExit(thread) && top && top.kind === FrameKind.Trap && top.returnAddress === (e.pc >>> 0)) shadow = shadow.slice(1);
  }
  let address = vc.pc(thread), lookup = address;
  for (let k = 0; k <= shadow.length; k++) {
    const f = shadow[k];
    let name = target.describe(address, context, true) ?? `0x${address.toString(16).padStart(8, '0')}`;
    let trap: TrapInfo | undefined;
    if (f?.kind === FrameKind.Trap) {
      trap = target.trapAt(thread, f.depth);
      name += ` [trap: ${trap ? describeTrap(trap, !vc.deprivileged(thread)) : `from ${vc.deprivileged(thread) ? '' : 'V'}${PRIV_NAMES[f.mode] ?? f.mode}`}]`;
    }
    out.push({ index: out.length, address, lookup, kind: f?.kind, trap, name, context });
    if (!f) break;
    address = f.returnAddress >>> 0;
    lookup = f.kind === FrameKind.Call ? (address - 1) >>> 0 : address;
  }
  return out;
}

/**
 * The documents of hypervisor frames, by source reference: one per exit (its text never
 * changes), kept for the most recent exits the client may still ask for.
 */
export class ExitDocuments {
  private readonly byRef = new Map<number, ExitDocument & { name: string }>();
  private readonly refOfExit = new Map<number, number>();
  private next = 1;

  constructor(private readonly keep = 256) {}

  /** The reference and document of exit `hd` (made on first use). */
  of(hd: ExitInProgress, thread: string, describe: (address: number) => string | undefined, deprivileged = false): { ref: number; doc: ExitDocument & { name: string } } {
    let ref = this.refOfExit.get(hd.exit.seq);
    if (ref === undefined || !this.byRef.has(ref)) {
      ref = this.next++;
      this.refOfExit.set(hd.exit.seq, ref);
      this.byRef.set(ref, { ...exitDocument(hd, describe, deprivileged), name: `${thread} exit #${hd.exit.seq} ${hd.plan.handler}` });
      if (this.byRef.size > this.keep) {
        const oldest = this.byRef.keys().next().value as number;
        this.byRef.delete(oldest);
      }
    }
    return { ref, doc: this.byRef.get(ref)! };
  }

  text(ref: number): string | undefined { return this.byRef.get(ref)?.text; }

  /** A new launch: exit numbers start again. */
  clear(): void { this.byRef.clear(); this.refOfExit.clear(); }
}

export function dapFrame(target: DebugTarget, thread: number, f: FrameInfo, docs?: ExitDocuments): DebugProtocol.StackFrame {
  if (f.exit) {
    const hd = f.exit;
    const { ref, doc } = docs!.of(hd, target.threadName(thread), (a) => target.describe(a, f.context, true), target.vcpus?.deprivileged(thread) ?? false);
    return {
      id: frameId(thread, f.index), name: f.name, line: doc.phaseLines[Math.min(hd.next, doc.phaseLines.length - 1)] ?? 1, column: 1,
      source: { name: doc.name, sourceReference: ref, origin: 'Hyperstep VMM: VM exit', presentationHint: 'emphasize' },
    };
  }
  const found = target.location(f.lookup, f.context);
  const loc = found && target.hasSource(found.file) ? found : undefined;
  const frame: DebugProtocol.StackFrame = {
    id: frameId(thread, f.index),
    name: f.name,
    line: loc?.line ?? 0,
    column: loc?.column ?? 0,
    instructionPointerReference: target.memoryRef(f.address, isGuestContext(f.context) ? 'gva' : 'physical', thread),
  };
  if (loc) frame.source = { name: path.basename(loc.file), path: loc.file };
  return frame;
}
