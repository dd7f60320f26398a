import * as fs from 'fs';
import * as path from 'path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { FrameKind } from '../engine/cpu/shadowStack';
import { contextPrefix, dataId } from './breakpointBook';
import { completions } from './completions';
import type { DebugTarget } from './debugTarget';
import { disassembleRequest } from './disassembly';
import { evaluateExpression, formatValue, parseExpression, spacePrefix, Value } from './expressions';
import { Context, isGuestContext } from './launchConfig';
import { AddressSpace, MemoryRef, parseMemoryRef } from './memoryReference';
import { assignPlace, runReplCommand } from './replCommands';
import type { Stop } from './runController';
import { dapFrame, decodeFrameId, ExitDocuments, frameInfos } from './stackFrames';
import type { VariableStore } from './variableStore';
import { exitSummary } from './vmExits';

/**
 * The requests that look at a stopped machine (stack, variables, evaluate, memory, disassembly,
 * sources) or change it by name (setExpression, writeMemory). Arguments are validated here; a
 * bad one throws an Error whose message the session returns in the error response.
 */

const MAX_READ = 16 << 20;

function int(v: unknown, what: string, dflt?: number): number {
  if (v === undefined || v === null) {
    if (dflt === undefined) throw new Error(`${what} is required`);
    return dflt;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${what} must be an integer (got ${JSON.stringify(v)})`);
  return v;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`${what} must be a string (got ${JSON.stringify(v) ?? 'nothing'})`);
  return v;
}

function canonical(p: string): string {
  const abs = path.resolve(p);
  try { return fs.realpathSync(abs); } catch { return abs; }
}

export class Inspector {
  private gotoIds = new Map<number, number>();
  /** The documents of hypervisor frames (built-in VMM). */
  readonly exitDocs = new ExitDocuments();

  constructor(private readonly target: DebugTarget, private readonly vars: VariableStore) {}

  /** Thread id (1-based) -> thread (a hart, or a vCPU under the VMM). */
  threadOf(threadId: unknown): number {
    const n = this.target.threadCount;
    if (typeof threadId !== 'number' || !Number.isInteger(threadId) || threadId < 1 || threadId > n) {
      throw new Error(`unknown threadId ${JSON.stringify(threadId)} (threads are 1..${n})`);
    }
    return threadId - 1;
  }

  private frame(frameId: unknown): { hart: number; index: number } {
    const f = decodeFrameId(frameId, this.target.threadCount);
    if (!f || f.index >= frameInfos(this.target, f.hart).length) throw new Error(`unknown frameId ${JSON.stringify(frameId)}`);
    return f;
  }

  stackTrace(args: DebugProtocol.StackTraceArguments, client: { linesStartAt1: boolean; columnsStartAt1: boolean }): DebugProtocol.StackTraceResponse['body'] {
    const thread = this.threadOf(args.threadId);
    const start = int(args.startFrame, 'startFrame', 0), levels = int(args.levels, 'levels', 0);
    if (start < 0 || levels < 0) throw new Error('startFrame and levels must not be negative');
    const all = frameInfos(this.target, thread);
    const chosen = all.slice(start, levels > 0 ? start + levels : undefined);
    const frames = chosen.map((f) => {
      const d = dapFrame(this.target, thread, f, this.exitDocs);
      if (d.source) {
        if (!client.linesStartAt1) d.line -= 1;
        if (!client.columnsStartAt1) d.column -= 1;
      }
      return d;
    });
    return { stackFrames: frames, totalFrames: all.length };
  }

  scopes(frameId: unknown): DebugProtocol.Scope[] {
    const f = this.frame(frameId);
    const info = frameInfos(this.target, f.hart)[f.index];
    return this.vars.scopes(f.hart, info.kind === FrameKind.Trap ? info.trap : undefined, info.exit !== undefined);
  }

  variables(args: DebugProtocol.VariablesArguments): DebugProtocol.Variable[] {
    int(args.variablesReference, 'variablesReference');
    const list = this.vars.variables(args.variablesReference);
    if (args.filter === 'named' && list.every((v) => v.name.startsWith('[+'))) return [];
    const start = int(args.start, 'start', 0), count = int(args.count, 'count', 0);
    return count > 0 || start > 0 ? list.slice(start, count > 0 ? start + count : undefined) : list;
  }

  private hartForFrame(frameId: unknown, current: number): number {
    return frameId === undefined || frameId === null ? current : this.frame(frameId).hart;
  }

  evaluate(args: DebugProtocol.EvaluateArguments, current: number): { body: DebugProtocol.EvaluateResponse['body']; changed: boolean } {
    const expression = str(args.expression, 'expression');
    const hart = this.hartForFrame(args.frameId, current);
    if (args.context === 'repl') {
      if (expression.trim() === '') return { body: { result: '', variablesReference: 0 }, changed: false };
      const out = runReplCommand(this.target, hart, expression);
      if (out !== undefined) return { body: { result: out.replace(/\n$/, ''), variablesReference: 0 }, changed: /^\s*set\s/.test(expression) };
    }
    const v = evaluateExpression(expression, this.target.evalContext(hart));
    if (v.space && !v.place) return { body: this.spaceAddress(hart, v), changed: false };
    const context = this.target.contextOf(hart);
    const body: DebugProtocol.EvaluateResponse['body'] = {
      result: formatValue(v, (a) => this.target.describe(a, context)), variablesReference: 0, type: v.pointer ? 'pointer' : v.signed ? 'int' : 'unsigned',
    };
    const p = this.vars.pointerRef(hart, v.bits);
    if (p && (v.address || v.pointer || v.place?.kind === 'register')) body.memoryReference = p.ref;
    return { body, changed: false };
  }

  /** `gva:0x80001000` evaluates to itself, where it is in host memory, and a memory reference. */
  private spaceAddress(hart: number, v: Value): DebugProtocol.EvaluateResponse['body'] {
    const space: AddressSpace = v.space === 'physical' ? 'physical' : v.space!;
    const name = `${spacePrefix(v.space, v.owner)}0x${v.bits.toString(16).padStart(8, '0')}`;
    if (v.owner) hart = this.target.threadOfRef(parseMemoryRef(`${v.space}:${v.owner}:0`)!, hart);
    const t = this.target.translate(hart, space, v.bits);
    const context: Context = space === 'gva' || space === 'gpa' ? this.guestContext(hart) : 'hypervisor';
    const sym = space === 'gva' || space === 'physical' ? this.target.describe(v.bits, context) : undefined;
    const where = t.pa === undefined ? ` (not mapped: ${t.error})` : space === 'physical' ? '' : ` = hpa:0x${t.pa.toString(16).padStart(8, '0')}`;
    const body: DebugProtocol.EvaluateResponse['body'] = { result: `${name}${sym ? ` <${sym}>` : ''}${where}`, variablesReference: 0, type: 'pointer' };
    if (t.pa !== undefined) body.memoryReference = this.target.memoryRef(v.bits, space, hart);
    return body;
  }

  /** The guest context a thread's guest spaces belong to: its VM's under the VMM, else the guest images'. */
  private guestContext(thread: number): Context { return this.target.vcpus ? this.target.contextOf(thread) : 'guest'; }

  setExpression(args: DebugProtocol.SetExpressionArguments, current: number): DebugProtocol.SetExpressionResponse['body'] {
    const expression = str(args.expression, 'expression'), value = str(args.value, 'value');
    const hart = this.hartForFrame(args.frameId, current);
    parseExpression(expression);
    const ctx = this.target.evalContext(hart);
    const place = evaluateExpression(expression, ctx).place;
    assignPlace(this.target, hart, place, evaluateExpression(value, ctx).bits, expression);
    return { value: formatValue(evaluateExpression(expression, this.target.evalContext(hart)), (a) => this.target.describe(a, this.target.contextOf(hart))) };
  }

  completions(args: DebugProtocol.CompletionsArguments, columnsStartAt1: boolean): DebugProtocol.CompletionItem[] {
    const tables = this.target.contexts().map((c) => this.target.view(c).symbols);
    return completions(str(args.text, 'text'), int(args.column, 'column'), tables, columnsStartAt1);
  }

  static completionsWithout(args: DebugProtocol.CompletionsArguments, columnsStartAt1: boolean): DebugProtocol.CompletionItem[] {
    return completions(str(args.text, 'text'), int(args.column, 'column'), undefined, columnsStartAt1);
  }

  disassemble(args: DebugProtocol.DisassembleArguments, hart: number): DebugProtocol.DisassembledInstruction[] {
    const ref = parseMemoryRef(args.memoryReference);
    if (!ref) throw new Error(`bad memoryReference ${JSON.stringify(args.memoryReference)}`);
    int(args.instructionCount, 'instructionCount');
    int(args.offset, 'offset', 0);
    int(args.instructionOffset, 'instructionOffset', 0);
    // A plain reference is a frame's pc in the hypervisor context (guest frames hand out gva:).
    const space: AddressSpace = ref.space === 'physical' ? (this.target.vcpus ? 'physical' : 'host') : ref.space;
    const h = this.refHart(ref, hart);
    const current = space === 'current' && isGuestContext(this.target.contextOf(h));
    const context: Context = space === 'gva' || space === 'gpa' || current ? this.guestContext(h) : 'hypervisor';
    return disassembleRequest(this.target, { hart: h, space, context }, args, ref.address);
  }

  private refHart(ref: MemoryRef, current: number): number { return this.target.threadOfRef(ref, current); }

  private memoryTarget(ref: unknown, offset: unknown, current: number): { address: number; space: AddressSpace; hart: number } {
    const m = parseMemoryRef(ref);
    if (!m) throw new Error(`bad memoryReference ${JSON.stringify(ref)} (expected an address such as 0x80001000, gva:0x80001000, gpa:0x80001000 or hpa:0x80001000)`);
    const address = m.address + int(offset, 'offset', 0);
    if (address < 0 || address > 0xffffffff) throw new Error(`address 0x${address.toString(16)} is outside the 32-bit address space`);
    return { address, space: m.space, hart: this.refHart(m, current) };
  }

  readMemory(args: DebugProtocol.ReadMemoryArguments, current = 0): DebugProtocol.ReadMemoryResponse['body'] {
    const { address, space, hart } = this.memoryTarget(args.memoryReference, args.offset, current);
    const count = int(args.count, 'count');
    if (count < 0 || count > MAX_READ) throw new Error(`count must be 0..${MAX_READ}`);
    const n = Math.min(count, 2 ** 32 - address);
    const data = this.target.readBytes(hart, space, address, n);
    return { address: '0x' + address.toString(16), data: Buffer.from(data).toString('base64'), unreadableBytes: count - data.length };
  }

  writeMemory(args: DebugProtocol.WriteMemoryArguments, current = 0): DebugProtocol.WriteMemoryResponse['body'] {
    const { address, space, hart } = this.memoryTarget(args.memoryReference, args.offset, current);
    const data = new Uint8Array(Buffer.from(str(args.data, 'data'), 'base64'));
    const writable = this.target.writableBytes(hart, space, address, data.length);
    if (writable < data.length && !args.allowPartial) {
      throw new Error(`cannot write ${data.length} bytes at 0x${address.toString(16)}: only ${writable} of them are RAM`);
    }
    return { offset: 0, bytesWritten: this.target.writeBytes(hart, space, address, data.subarray(0, writable)) };
  }

  /** Line tables of the contexts whose images contain `file` (the thread's own context first). */
  private linesFor(file: string, thread = 0): { context: Context; lines: import('../engine/asm').LineTable }[] {
    const first = this.target.contextOf(thread);
    return [first, ...this.target.contexts().filter((c) => c !== first)]
      .map((context) => ({ context, lines: this.target.view(context).lines }))
      .filter((c) => c.lines.files().includes(file));
  }

  loadedSources(): DebugProtocol.Source[] {
    const files = [...new Set(this.target.contexts().flatMap((c) => this.target.view(c).lines.files()))];
    return files.filter((f) => this.target.hasSource(f)).map((f) => ({ name: path.basename(f), path: f }));
  }

  source(args: DebugProtocol.SourceArguments): DebugProtocol.SourceResponse['body'] {
    const ref = args.source?.sourceReference ?? args.sourceReference;
    if (typeof ref === 'number' && ref > 0 && args.source?.path === undefined) {
      const text = this.exitDocs.text(ref);
      if (text === undefined) throw new Error(`no source for reference ${ref} (the documents of VM exits are kept for the most recent ones)`);
      return { content: text, mimeType: 'text/plain' };
    }
    const p = args.source?.path;
    if (typeof p === 'string') {
      const text = this.target.program.sources.get(canonical(p));
      if (text !== undefined) return { content: text, mimeType: 'text/x-riscv-asm' };
    }
    return Inspector.sourceFromDisk(args);
  }

  static sourceFromDisk(args: DebugProtocol.SourceArguments): DebugProtocol.SourceResponse['body'] {
    const p = args.source?.path;
    if (typeof p !== 'string') throw new Error(`no source for reference ${JSON.stringify(args.sourceReference)}`);
    try {
      return { content: fs.readFileSync(p, 'utf8') };
    } catch (e) {
      throw new Error(`cannot read ${p}: ${(e as Error).message}`);
    }
  }

  exceptionInfo(hart: number, stop: Stop | undefined): DebugProtocol.ExceptionInfoResponse['body'] {
    if (!stop || stop.hart !== hart || !stop.exception) throw new Error(`thread ${hart + 1} did not stop on an exception`);
    const e = stop.exception;
    if (e.exit) {
      const x = e.exit;
      return {
        exceptionId: e.filterId, description: stop.text ?? e.description, breakMode: 'always',
        details: {
          message: stop.text, typeName: e.description,
          stackTrace: `VM exit #${x.seq} of ${x.vm}/vcpu${x.vcpu} at guest pc 0x${x.pc.toString(16)}: ${exitSummary(x)}; scause 0x${x.scause.toString(16)}, stval 0x${x.stval.toString(16)}, htval 0x${x.htval.toString(16)}, htinst 0x${x.htinst.toString(16)}`,
        },
      };
    }
    const trap = e.trap;
    if (!trap) return { exceptionId: e.filterId, description: stop.text ?? e.description, breakMode: 'always', details: { message: stop.text, typeName: e.description, stackTrace: e.details } };
    return {
      exceptionId: e.filterId, description: stop.text ?? e.description, breakMode: 'always',
      details: {
        message: stop.text, typeName: e.description,
        stackTrace: `trap from ${this.target.trapFromV(trap) ? 'V' : ''}${['U', 'S', 'H', 'M'][trap.fromPriv]} to ${['U', 'S', 'H', 'M'][trap.toPriv]}: epc 0x${trap.epc.toString(16)}, tval 0x${trap.tval.toString(16)}, cause ${trap.interrupt ? 'interrupt ' : ''}${trap.cause}`,
      },
    };
  }

  dataBreakpointInfo(args: DebugProtocol.DataBreakpointInfoArguments, current: number): DebugProtocol.DataBreakpointInfoResponse['body'] {
    const name = str(args.name, 'name');
    if (args.variablesReference !== undefined && args.variablesReference !== null && args.variablesReference !== 0) {
      const info = this.vars.dataInfo(args.variablesReference, name);
      if (info.dataId && Number.isInteger(args.bytes) && args.bytes! > 0) {
        const address = Number(info.dataId.split('/')[0]);
        return { ...info, dataId: dataId(address, args.bytes!) };
      }
      return info;
    }
    let address: number, size = 4;
    // Watchpoints are by the address a context's accesses use: guest-virtual for the guest.
    let context: Context;
    const hart = this.hartForFrame(args.frameId, current);
    if (args.asAddress) {
      const m = parseMemoryRef(name);
      if (!m) throw new Error(`'${name}' is not an address`);
      if (m.space === 'gpa') return { dataId: null, description: 'guest watchpoints are by guest-virtual address: use gva:' };
      address = m.address;
      const owner = this.refHart(m, hart);
      context = m.space === 'gva' || ((m.space === 'current' || this.target.vcpus) && isGuestContext(this.target.contextOf(owner))) ? this.guestContext(owner) : 'hypervisor';
    } else {
      const v = evaluateExpression(name, this.target.evalContext(hart));
      let space = v.space;
      if (v.place?.kind === 'memory') { address = v.place.address; size = v.place.size; space = v.place.space; }
      else if (v.place) return { dataId: null, description: `${name} is a ${v.place.kind}, not memory: watch *(u32*)${name} for what it points to` };
      else address = v.bits;
      if (space === 'gpa') return { dataId: null, description: 'guest watchpoints are by guest-virtual address: use gva:' };
      const owner = v.place?.kind === 'memory' && v.place.owner ? this.target.threadOfRef(parseMemoryRef(`gva:${v.place.owner}:0`)!, hart) : v.owner ? this.target.threadOfRef(parseMemoryRef(`gva:${v.owner}:0`)!, hart) : hart;
      context = space === 'gva' || ((space === undefined || this.target.vcpus) && isGuestContext(this.target.contextOf(owner))) ? this.guestContext(owner) : 'hypervisor';
    }
    if (args.bytes !== undefined) size = int(args.bytes, 'bytes');
    if (size < 1) throw new Error('bytes must be at least 1');
    const sym = this.target.describe(address, context);
    return {
      dataId: dataId(address, size, context), description: `${size} byte${size === 1 ? '' : 's'} at ${contextPrefix(context)}0x${address.toString(16)}${sym ? ` <${sym}>` : ''}`,
      accessTypes: ['read', 'write', 'readWrite'], canPersist: true,
    };
  }

  breakpointLocations(args: DebugProtocol.BreakpointLocationsArguments, client: { linesStartAt1: boolean; columnsStartAt1: boolean }): DebugProtocol.BreakpointLocation[] {
    const file = canonical(str(args.source?.path, 'source.path'));
    const shift = client.linesStartAt1 ? 0 : 1;
    const line = int(args.line, 'line') + shift;
    const end = int(args.endLine, 'endLine', line - shift) + shift;
    const out: DebugProtocol.BreakpointLocation[] = [];
    const tables = this.linesFor(file);
    for (let l = line; l <= Math.min(end, line + 10000); l++) {
      const t = tables.find((c) => c.lines.addressesOf(file, l).length);
      if (!t) continue;
      const col = t.lines.locate(t.lines.addressesOf(file, l)[0])?.column;
      out.push({ line: l - shift, column: col !== undefined ? col - (client.columnsStartAt1 ? 0 : 1) : undefined });
    }
    return out;
  }

  gotoTargets(args: DebugProtocol.GotoTargetsArguments, client: { linesStartAt1: boolean }, hart = 0): DebugProtocol.GotoTarget[] {
    const file = canonical(str(args.source?.path, 'source.path'));
    const line = int(args.line, 'line') + (client.linesStartAt1 ? 0 : 1);
    // The pc can only move within the context the hart runs in.
    const own = this.linesFor(file, hart).find((c) => c.context === this.target.contextOf(hart));
    const where = own?.lines.breakpointAddresses(file, line, 50);
    if (!where) return [];
    const id = this.gotoIds.size + 1;
    this.gotoIds.set(id, where.addresses[0]);
    const ref = this.target.memoryRef(where.addresses[0], isGuestContext(own!.context) ? 'gva' : 'physical', hart);
    return [{ id, label: `line ${where.line} (0x${where.addresses[0].toString(16)})`, line: where.line - (client.linesStartAt1 ? 0 : 1), instructionPointerReference: ref }];
  }

  gotoAddress(targetId: unknown): number {
    const a = typeof targetId === 'number' ? this.gotoIds.get(targetId) : undefined;
    if (a === undefined) throw new Error(`unknown goto targetId ${JSON.stringify(targetId)}`);
    return a;
  }
}
