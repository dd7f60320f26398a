import * as fs from 'fs';
import * as path from 'path';
import {
  BreakpointEvent, CapabilitiesEvent, DebugSession, ExitedEvent, InitializedEvent, InvalidatedEvent, MemoryEvent, OutputEvent, Response,
  StoppedEvent, TerminatedEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Machine } from '../engine/machine/machine';
import { BreakpointBook, CodeAddress, ContextLines } from './breakpointBook';
import { DebugTarget, LaunchFailure } from './debugTarget';
import { dapFilters, ExceptionBreakpoints } from './exceptionFilters';
import { Inspector } from './inspector';
import { STEP_OVER_EXIT, STEP_TO_NEXT_EXIT } from './customRequests';
import { Context, LaunchConfig, parseLaunchArguments, vmContext } from './launchConfig';
import { formatMemoryRef, parseMemoryRef } from './memoryReference';
import { paneRequestsFor } from './paneRequests';
import { ProgramError } from './programLoader';
import { Granularity, Outcome, RunController, Stop } from './runController';
import { VariableStore } from './variableStore';
import { reasonOfFilter } from './vmExits';

/**
 * The DAP session: translates requests into operations on the DebugTarget (state), the
 * RunController (execution), the BreakpointBook and the Inspector (everything that reads
 * state), and machine stops into events. Every request is validated; a bad one gets an error
 * response and the session carries on.
 */

export class RequestError extends Error {}

type Handler = (response: DebugProtocol.Response, args: Record<string, unknown>, request: DebugProtocol.Request) => Promise<void> | void;

/**
 * The panes' custom requests (`hyperstep/vcpus`, `hyperstep/pageTables`, `hyperstep/devices`,
 * `hyperstep/exits`) are served by a PaneRequests object (src/debugAdapter/paneRequests.ts);
 * the session only forwards them (see dispatchRequest). Its answer is the response body.
 */
export interface PaneRequestHandler {
  handle(command: string, args: Record<string, unknown>): unknown;
}

/** Requests that need a launched program. */
const NEEDS_TARGET = new Set(['configurationDone', 'continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'pause', 'stackTrace',
  'scopes', 'variables', 'setVariable', 'setExpression', 'evaluate', 'disassemble', 'readMemory', 'writeMemory', 'exceptionInfo', 'gotoTargets', 'goto',
  'dataBreakpointInfo', 'uartInput', STEP_TO_NEXT_EXIT, STEP_OVER_EXIT]);
/** Requests that need the program stopped. */
const NEEDS_STOPPED = new Set(['next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'stackTrace', 'scopes', 'variables', 'setVariable',
  'setExpression', 'goto', 'exceptionInfo', STEP_TO_NEXT_EXIT, STEP_OVER_EXIT]);

export class HyperstepDebugSession extends DebugSession {
  private target: DebugTarget | undefined;
  private config: LaunchConfig | undefined;
  private controller: RunController | undefined;
  private variables: VariableStore | undefined;
  private inspector: Inspector | undefined;
  private readonly book = new BreakpointBook();
  private readonly filters = new ExceptionBreakpoints();
  private launchArgs: unknown;
  /** Requested breakpoints by kind, kept so launch and restart can (re)bind them. */
  private requestedSource = new Map<string, DebugProtocol.SourceBreakpoint[]>();
  private requestedFunctions: DebugProtocol.FunctionBreakpoint[] = [];
  private running = false;
  private configured = false;
  private terminated = false;
  private currentThread = 0;
  private lastStop: Stop | undefined;
  private client = { linesStartAt1: true, columnsStartAt1: true, invalidated: false, memory: false };
  private readonly handlers: Record<string, Handler>;
  /** Serves the panes' hyperstep/* requests, once a program runs (paneRequests.ts). */
  private panes: PaneRequestHandler | undefined;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
    // Unparseable input must not end the session (the base class shuts down on any 'error').
    this.removeAllListeners('error');
    this.on('error', (e: { body?: unknown }) => {
      const text = String(e?.body ?? e);
      if (/^(inStream|outStream) error/.test(text)) this.shutdown();
      else this.sendEvent(new OutputEvent(`hyperstep: ignored a malformed message: ${text}\n`, 'stderr'));
    });
    this.handlers = {
      initialize: (r, a) => this.initialize(r, a as unknown as DebugProtocol.InitializeRequestArguments),
      launch: (r, a) => this.launch(r, a),
      attach: () => { throw new RequestError('Hyperstep starts the machine itself: use "request": "launch"'); },
      configurationDone: (r) => this.configurationDone(r),
      disconnect: (r) => this.disconnect(r),
      terminate: (r) => this.terminate(r),
      restart: (r, a) => this.restart(r, a as DebugProtocol.RestartArguments),
      threads: (r) => this.respond(r, { threads: this.threads() }),
      setBreakpoints: (r, a) => this.setBreakpoints(r, a as unknown as DebugProtocol.SetBreakpointsArguments),
      setFunctionBreakpoints: (r, a) => this.setFunctionBreakpoints(r, a as unknown as DebugProtocol.SetFunctionBreakpointsArguments),
      setInstructionBreakpoints: (r, a) => this.setInstructionBreakpoints(r, a as unknown as DebugProtocol.SetInstructionBreakpointsArguments),
      setDataBreakpoints: (r, a) => this.setDataBreakpoints(r, a as unknown as DebugProtocol.SetDataBreakpointsArguments),
      setExceptionBreakpoints: (r, a) => this.setExceptionBreakpoints(r, a as unknown as DebugProtocol.SetExceptionBreakpointsArguments),
      breakpointLocations: (r, a) => this.respond(r, { breakpoints: this.inspect().breakpointLocations(a as unknown as DebugProtocol.BreakpointLocationsArguments, this.client) }),
      dataBreakpointInfo: (r, a) => this.respond(r, this.inspect().dataBreakpointInfo(a as unknown as DebugProtocol.DataBreakpointInfoArguments, this.currentThread)),
      continue: (r) => this.resume(r, () => this.controller!.continue(), { allThreadsContinued: true }),
      next: (r, a) => this.resume(r, () => this.controller!.stepOver(this.threadOf(a.threadId), granularity(a.granularity))),
      stepIn: (r, a) => this.resume(r, () => this.controller!.stepIn(this.threadOf(a.threadId), granularity(a.granularity))),
      stepOut: (r, a) => this.resume(r, () => this.controller!.stepOut(this.threadOf(a.threadId))),
      stepBack: (r, a) => this.resume(r, () => this.controller!.stepBack(this.threadOf(a.threadId), granularity(a.granularity)), undefined, true),
      reverseContinue: (r, a) => this.resume(r, () => this.controller!.reverseContinue(this.threadOf(a.threadId)), undefined, true),
      pause: (r, a) => this.pause(r, a),
      stackTrace: (r, a) => this.respond(r, this.inspect().stackTrace(a as unknown as DebugProtocol.StackTraceArguments, this.client)),
      scopes: (r, a) => this.respond(r, { scopes: this.inspect().scopes(a.frameId) }),
      variables: (r, a) => this.respond(r, { variables: this.inspect().variables(a as unknown as DebugProtocol.VariablesArguments) }),
      setVariable: (r, a) => this.changeState(r, () => this.variables!.setVariable(a.variablesReference, a.name as string, a.value as string)),
      setExpression: (r, a) => this.changeState(r, () => this.inspect().setExpression(a as unknown as DebugProtocol.SetExpressionArguments, this.currentThread)),
      evaluate: (r, a) => this.evaluate(r, a as unknown as DebugProtocol.EvaluateArguments),
      completions: (r, a) => this.respond(r, { targets: this.inspectOrNone().completions(a as unknown as DebugProtocol.CompletionsArguments, this.client.columnsStartAt1) }),
      disassemble: (r, a) => this.respond(r, { instructions: this.inspect().disassemble(a as unknown as DebugProtocol.DisassembleArguments, this.currentThread) }),
      readMemory: (r, a) => this.respond(r, this.inspect().readMemory(a as unknown as DebugProtocol.ReadMemoryArguments, this.currentThread)),
      writeMemory: (r, a) => this.writeMemory(r, a as unknown as DebugProtocol.WriteMemoryArguments),
      loadedSources: (r) => this.respond(r, { sources: this.inspectOrNone().loadedSources() }),
      source: (r, a) => this.respond(r, this.inspectOrNone().source(a as unknown as DebugProtocol.SourceArguments)),
      exceptionInfo: (r, a) => this.respond(r, this.inspect().exceptionInfo(this.threadOf(a.threadId), this.lastStop)),
      gotoTargets: (r, a) => this.respond(r, { targets: this.inspect().gotoTargets(a as unknown as DebugProtocol.GotoTargetsArguments, this.client, this.currentThread) }),
      goto: (r, a) => this.goto(r, a as unknown as DebugProtocol.GotoArguments),
      uartInput: (r, a) => this.uartInput(r, a),
      [STEP_TO_NEXT_EXIT]: (r, a) => this.resume(r, () => this.controller!.stepToNextExit(this.threadOf(a.threadId))),
      [STEP_OVER_EXIT]: (r, a) => this.resume(r, () => this.controller!.stepOverExit(this.threadOf(a.threadId))),
    };
  }

  // ---- dispatch ----

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    if (!request || typeof request !== 'object' || typeof request.command !== 'string') {
      this.sendEvent(new OutputEvent('hyperstep: ignored a request without a command\n', 'stderr'));
      return;
    }
    const response = new Response(request);
    let handler = Object.prototype.hasOwnProperty.call(this.handlers, request.command) ? this.handlers[request.command] : undefined;
    // ===== The panes' requests: every other hyperstep/* request goes to PaneRequests (one place). =====
    if (!handler && request.command.startsWith('hyperstep/')) {
      handler = (r, a) => {
        if (!this.panes) throw new RequestError(`${request.command}: ${this.target ? 'this build has no panes' : 'no program has been launched'}`);
        return Promise.resolve(this.panes.handle(request.command, a)).then((body) => this.respond(r, body));
      };
    }
    const args = request.arguments ?? {};
    Promise.resolve().then(() => {
      if (!handler) throw new RequestError(`unrecognized request '${request.command}'`);
      if (typeof args !== 'object' || Array.isArray(args)) throw new RequestError(`${request.command}: arguments must be an object`);
      if (NEEDS_TARGET.has(request.command) && !this.target) throw new RequestError(`${request.command}: no program has been launched`);
      if (NEEDS_STOPPED.has(request.command) && this.running) throw new RequestError(`${request.command}: the program is running; pause it first`);
      if (this.terminated && NEEDS_TARGET.has(request.command)) throw new RequestError(`${request.command}: the program has ended`);
      return handler(response, args as Record<string, unknown>, request);
    }).catch((e: unknown) => this.fail(response, e));
  }

  override handleMessage(msg: DebugProtocol.ProtocolMessage): void {
    if (!msg || typeof msg !== 'object') {
      this.sendEvent(new OutputEvent('hyperstep: ignored a message that is not an object\n', 'stderr'));
      return;
    }
    super.handleMessage(msg);
  }

  private respond(response: DebugProtocol.Response, body?: unknown): void {
    response.body = body;
    this.sendResponse(response);
  }

  private fail(response: DebugProtocol.Response, e: unknown, showUser = false): void {
    const message = e instanceof Error ? e.message : String(e);
    response.success = false;
    response.message = message;
    response.body = { error: { id: 1, format: message, showUser: showUser || response.command === 'launch' || response.command === 'restart' } };
    this.sendResponse(response);
  }

  private inspect(): Inspector {
    if (!this.inspector) throw new RequestError('no program has been launched');
    return this.inspector;
  }

  /** Requests that also answer before launch (with nothing). */
  private inspectOrNone(): Pick<Inspector, 'completions' | 'loadedSources' | 'source'> {
    return this.inspector ?? {
      completions: (a: DebugProtocol.CompletionsArguments, c: boolean) => Inspector.completionsWithout(a, c),
      loadedSources: () => [],
      source: (a: DebugProtocol.SourceArguments) => Inspector.sourceFromDisk(a),
    };
  }

  /** Thread id (1-based) -> thread (a hart, or under the VMM a vCPU); throws a clear error for a bad id. */
  private threadOf(threadId: unknown): number {
    const n = this.target?.threadCount ?? 0;
    if (typeof threadId !== 'number' || !Number.isInteger(threadId) || threadId < 1 || threadId > n) {
      throw new RequestError(`unknown threadId ${JSON.stringify(threadId)} (threads are 1..${n})`);
    }
    return threadId - 1;
  }

  // ---- lifecycle ----

  private initialize(response: DebugProtocol.Response, args: DebugProtocol.InitializeRequestArguments): void {
    this.client = {
      linesStartAt1: args.linesStartAt1 !== false, columnsStartAt1: args.columnsStartAt1 !== false,
      invalidated: args.supportsInvalidatedEvent === true, memory: args.supportsMemoryEvent === true,
    };
    if (args.pathFormat !== undefined && args.pathFormat !== 'path') throw new RequestError('Hyperstep supports file paths only (pathFormat "path")');
    const caps: DebugProtocol.Capabilities = {
      supportsConfigurationDoneRequest: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      exceptionBreakpointFilters: dapFilters(),
      supportsExceptionFilterOptions: true,
      supportsExceptionInfoRequest: true,
      supportsStepBack: typeof (Machine.prototype as { enableHistory?: unknown }).enableHistory === 'function',
      supportsSetVariable: true,
      supportsSetExpression: true,
      supportsGotoTargetsRequest: true,
      supportsCompletionsRequest: true,
      completionTriggerCharacters: ['$', '/'],
      supportsRestartRequest: true,
      supportsTerminateRequest: true,
      supportsDelayedStackTraceLoading: true,
      supportsLoadedSourcesRequest: true,
      supportsDataBreakpoints: true,
      supportsDataBreakpointBytes: true,
      supportsReadMemoryRequest: true,
      supportsWriteMemoryRequest: true,
      supportsDisassembleRequest: true,
      supportsBreakpointLocationsRequest: true,
      supportsSteppingGranularity: true,
      supportsInstructionBreakpoints: true,
      supportsValueFormattingOptions: false,
      supportsModulesRequest: false,
      supportsRestartFrame: false,
      supportsStepInTargetsRequest: false,
      supportsCancelRequest: false,
      supportsTerminateThreadsRequest: false,
      supportsSingleThreadExecutionRequests: false,
      supportTerminateDebuggee: false,
      supportsClipboardContext: false,
    };
    this.respond(response, caps);
  }

  /** Builds a target for `args`; on failure reports diagnostics as stderr output and throws. */
  private create(args: unknown): { target: DebugTarget; cfg: LaunchConfig } {
    const cfg = parseLaunchArguments(args);
    let target: DebugTarget;
    try {
      target = DebugTarget.launch(cfg);
    } catch (e) {
      if (e instanceof ProgramError) for (const d of e.diagnostics) this.sendEvent(new OutputEvent(d + '\n', 'stderr'));
      else if (!(e instanceof LaunchFailure)) this.sendEvent(new OutputEvent(`${(e as Error).message}\n`, 'stderr'));
      if (e instanceof ProgramError || e instanceof LaunchFailure) throw e;
      throw new Error(`launch failed: ${(e as Error).message}`);
    }
    for (const w of target.program.warnings) this.sendEvent(new OutputEvent(w + '\n', 'stderr'));
    return { target, cfg };
  }

  /** Makes `target` the session's program. */
  private install(target: DebugTarget, cfg: LaunchConfig): void {
    this.target = target;
    this.config = cfg;
    this.variables = new VariableStore(target);
    this.inspector = new Inspector(target, this.variables);
    target.onOutput = () => setImmediate(() => this.flushOutput());
    // The panes' requests: PaneRequests (paneRequests.ts) over target.vmm and target.machine goes here.
    this.panes = paneRequestsFor(target);
    this.controller = new RunController(target, this.book, this.filters, {
      log: (text, category = 'console', entry) => {
        const ev = new OutputEvent(text, category) as DebugProtocol.OutputEvent;
        if (entry?.source) { ev.body.source = { name: path.basename(entry.source), path: entry.source }; ev.body.line = entry.line; }
        this.sendEvent(ev);
      },
      flushOutput: () => this.flushOutput(),
    }, cfg.noDebug);
    this.terminated = false;
    this.running = false;
    this.currentThread = 0;
    this.lastStop = undefined;
    this.book.resetHits();
    this.rebindBreakpoints();
  }

  private async launch(response: DebugProtocol.Response, args: Record<string, unknown>): Promise<void> {
    if (this.target) throw new RequestError('launch: a program is already running in this session');
    const { target, cfg } = this.create(args);
    this.install(target, cfg);
    this.launchArgs = args;
    this.respond(response);
    if (!target.history) this.sendEvent(new CapabilitiesEvent({ supportsStepBack: false }));
    this.sendEvent(new InitializedEvent());
  }

  private configurationDone(response: DebugProtocol.Response): void {
    this.respond(response);
    if (this.configured) return;
    this.configured = true;
    this.begin();
  }

  /** After configuration (or restart): stop at the entry, or run. */
  private begin(): void {
    if (this.config!.stopOnEntry && !this.config!.noDebug) {
      const vm = this.target!.vcpus ? ` (${this.target!.threadName(0)} at its entry; the VMM puts it on a hart when it runs)` : '';
      this.report({ kind: 'stopped', reason: 'entry', hart: 0, description: 'Paused on entry', text: vm ? `entry${vm}` : undefined });
    }
    else this.runOperation(() => this.controller!.continue());
  }

  private endTarget(): void {
    this.controller?.abort();
    this.flushOutput();
    this.running = false;
  }

  private disconnect(response: DebugProtocol.Response): void {
    this.endTarget();
    this.terminated = true;
    this.respond(response);
    this.shutdown();
  }

  private terminate(response: DebugProtocol.Response): void {
    this.endTarget();
    this.respond(response);
    if (!this.terminated) { this.terminated = true; this.sendEvent(new TerminatedEvent()); }
  }

  private restart(response: DebugProtocol.Response, args: DebugProtocol.RestartArguments): void {
    if (!this.target) throw new RequestError('restart: nothing has been launched yet');
    const next = args.arguments ?? this.launchArgs;
    const { target, cfg } = this.create(next);
    this.endTarget();
    this.install(target, cfg);
    this.launchArgs = next;
    this.respond(response);
    if (this.client.invalidated) this.sendEvent(new InvalidatedEvent(['all']));
    this.begin();
  }

  private threads(): DebugProtocol.Thread[] {
    const t = this.target;
    const n = this.terminated || !t ? 0 : t.threadCount;
    return Array.from({ length: n }, (_, i) => ({ id: i + 1, name: t!.threadName(i) }));
  }

  // ---- execution ----

  private resume(response: DebugProtocol.Response, op: () => Promise<Outcome>, body?: unknown, reverse = false): void {
    if (this.running) {
      if (response.command === 'continue') { this.respond(response, body); return; }
      throw new RequestError(`${response.command}: the program is running; pause it first`);
    }
    if (reverse && !this.target!.history) throw new RequestError(`${response.command}: time travel is off for this session (launch.json "timeTravel": false)`);
    // Starting the operation may throw (a bad thread, no caller frame): that is the response.
    this.runOperation(op, () => this.respond(response, body));
  }

  private runOperation(op: () => Promise<Outcome>, started?: () => void): void {
    this.variables?.reset();
    const target = this.target;
    const pending = op();
    this.running = true;
    started?.();
    pending.then((o) => { if (target === this.target) this.report(o); }, (e: unknown) => {
      if (target !== this.target) return;
      this.sendEvent(new OutputEvent(`${(e as Error).message}\n`, 'stderr'));
      this.report({ kind: 'stopped', reason: 'pause', hart: this.currentThread });
    });
  }

  private report(o: Outcome): void {
    this.running = false;
    this.flushOutput();
    if (o.kind === 'aborted') return;
    if (o.kind === 'exited') {
      this.terminated = true;
      this.sendEvent(new OutputEvent(`Program exited with code ${o.code}.\n`, 'console'));
      this.sendEvent(new ExitedEvent(o.code));
      this.sendEvent(new TerminatedEvent());
      return;
    }
    if (o.reason === 'pause') o.hart = this.currentThread;
    this.currentThread = o.hart;
    this.lastStop = o;
    this.variables?.reset();
    if (this.variables) this.variables.phaseChanges = this.controller?.vmm?.lastPhase;
    const ev = new StoppedEvent(o.reason, o.hart + 1, o.text) as DebugProtocol.StoppedEvent;
    ev.body.allThreadsStopped = true;
    if (o.description) ev.body.description = o.description;
    if (o.hitBreakpointIds) ev.body.hitBreakpointIds = o.hitBreakpointIds;
    this.sendEvent(ev);
  }

  private pause(response: DebugProtocol.Response, args: Record<string, unknown>): void {
    if (args.threadId !== undefined) this.currentThread = this.threadOf(args.threadId);
    this.respond(response);
    if (this.running) this.controller!.pause();
  }

  private goto(response: DebugProtocol.Response, args: DebugProtocol.GotoArguments): void {
    const hart = this.threadOf(args.threadId);
    const address = this.inspect().gotoAddress(args.targetId);
    const stop = this.controller!.goto(hart, address);
    this.respond(response);
    this.report(stop);
  }

  private flushOutput(): void {
    const text = this.target?.takeOutput();
    if (text) this.sendEvent(new OutputEvent(text, 'stdout'));
  }

  private uartInput(response: DebugProtocol.Response, args: Record<string, unknown>): void {
    let bytes: Uint8Array;
    if (typeof args.text === 'string') bytes = new Uint8Array(Buffer.from(args.text, 'utf8'));
    else if (typeof args.data === 'string') bytes = new Uint8Array(Buffer.from(args.data, 'base64'));
    else throw new RequestError('uartInput needs "text" (a string) or "data" (base64)');
    this.target!.sendInput(bytes);
    this.controller!.inputArrived();
    this.respond(response);
  }

  // ---- state changes from the debugger ----

  private changeState(response: DebugProtocol.Response, change: () => unknown): void {
    const body = change();
    this.respond(response, body);
    this.stateChanged();
  }

  /** After the debugger changed state: views refresh (memory: the range written, else all of it). */
  private stateChanged(memory?: { reference: string; count: number }): void {
    if (this.client.invalidated) this.sendEvent(new InvalidatedEvent(['variables']));
    if (this.client.memory) this.sendEvent(new MemoryEvent(memory?.reference ?? '0x0', 0, memory?.count ?? 0xffffffff));
  }

  private writeMemory(response: DebugProtocol.Response, args: DebugProtocol.WriteMemoryArguments): void {
    const body = this.inspect().writeMemory(args, this.currentThread);
    this.respond(response, body);
    const ref = parseMemoryRef(args.memoryReference)!;
    if (body?.bytesWritten) this.stateChanged({ reference: formatMemoryRef(ref.address + (args.offset ?? 0), ref.space, ref.vm ? { vm: ref.vm.name, vcpu: ref.vm.vcpu } : ref.hart), count: body.bytesWritten });
  }

  private async evaluate(response: DebugProtocol.Response, args: DebugProtocol.EvaluateArguments): Promise<void> {
    const r = this.inspect().evaluate(args, this.currentThread);
    this.respond(response, r.body);
    if (r.changed) this.stateChanged();
  }

  // ---- breakpoints ----

  private applyBreakpoints(): void { this.controller?.applyBreakpoints(); }

  private setBreakpoints(response: DebugProtocol.Response, args: DebugProtocol.SetBreakpointsArguments): void {
    const file = sourcePath(args.source);
    const requested = Array.isArray(args.breakpoints) ? args.breakpoints
      : Array.isArray(args.lines) ? args.lines.map((line) => ({ line })) : [];
    if (args.breakpoints !== undefined && !Array.isArray(args.breakpoints)) throw new RequestError('setBreakpoints: breakpoints must be an array');
    this.requestedSource.set(file, requested);
    const bps = this.book.setSource(file, requested.map((b) => (b && typeof b === 'object' ? { ...b, line: this.debuggerLine(b.line) } : b)), this.contextLines());
    if (!this.target) for (const b of bps) { b.verified = false; b.message = 'the program is not loaded yet'; }
    for (const b of bps) if (b.line !== undefined) b.line = this.clientLine(b.line);
    this.applyBreakpoints();
    this.respond(response, { breakpoints: bps });
  }

  /** After launch/restart: bind source and function breakpoints to the (new) program and tell the client. */
  private rebindBreakpoints(): void {
    if (this.requestedFunctions.length) for (const b of this.bindFunctionBreakpoints()) this.sendEvent(new BreakpointEvent('changed', b));
    for (const [file, requested] of this.requestedSource) {
      const bps = this.book.setSource(file, requested.map((b) => ({ ...b, line: this.debuggerLine(b.line) })), this.contextLines());
      for (const b of bps) {
        if (b.line !== undefined) b.line = this.clientLine(b.line);
        this.sendEvent(new BreakpointEvent('changed', b));
      }
    }
    this.applyBreakpoints();
  }

  private setFunctionBreakpoints(response: DebugProtocol.Response, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    if (!Array.isArray(args.breakpoints)) throw new RequestError('setFunctionBreakpoints: breakpoints must be an array');
    if (!this.target) throw new RequestError('setFunctionBreakpoints: no program has been launched');
    this.requestedFunctions = args.breakpoints;
    this.respond(response, { breakpoints: this.bindFunctionBreakpoints() });
  }

  /** Each context's line table (for binding source breakpoints); none before launch. */
  private contextLines(): ContextLines[] {
    const t = this.target;
    if (!t) return [];
    return t.contexts().map((context) => ({ context, lines: t.view(context).lines }));
  }

  /** The guest context of `gva:` addresses without a VM: the guest images', or under the VMM the current thread's VM. */
  private guestContext(): Context {
    return this.target?.vcpus ? this.target.contextOf(this.currentThread) : 'guest';
  }

  private bindFunctionBreakpoints(): DebugProtocol.Breakpoint[] {
    const t = this.target!;
    const contexts = t.contexts().map((context) => ({ context, symbols: t.view(context).symbols }));
    // VMM handler names (sbi.console_putchar, mmio, ...) unless a VM has a label of that (undotted) name.
    const isHandler = t.vmm ? (name: string, explicit: boolean): boolean => {
      if (!/^(sbi|mmio|gstage|vcpu|timer|sched|trap|irq|emulate|shadow|pv)(\.[A-Za-z0-9_.]+)?$/.test(name)) return false;
      return explicit || name.includes('.') || !contexts.some((c) => c.symbols.lookup(name));
    } : undefined;
    const bps = this.book.setFunctions(this.requestedFunctions, contexts, (e) => {
      const v = t.evaluate(e, this.currentThread);
      if (v.owner) return { address: v.bits, context: vmContext(v.owner.split('/')[0]) };
      return { address: v.bits, context: v.space === 'gva' || v.space === 'gpa' || t.vcpus ? this.guestContext() : 'hypervisor' };
    }, isHandler);
    this.applyBreakpoints();
    return bps;
  }

  /**
   * An instruction reference's address and context: `gva:` is the guest's (`gva:vm1:` VM vm1's,
   * plain `gva:` under the VMM the current thread's VM); plain, `hpa:`, `pa:` and `va:` the
   * hypervisor's (the default, as a frame's reference says when it is not a guest's; under the
   * VMM there is no hypervisor code to break in, so they are guest-virtual too); `gpa:` has no
   * breakpoints (the hart breaks on guest-virtual addresses).
   */
  private instructionAddress(ref: string): CodeAddress | string | undefined {
    const m = parseMemoryRef(ref);
    if (m?.space === 'gpa') return `guest breakpoints are by guest-virtual address: use gva:0x${m.address.toString(16)} (the same number while vsatp is Bare)`;
    if (m?.vm) {
      if (!this.target?.vmm?.vmByName(m.vm.name)) return `no VM '${m.vm.name}' in this session`;
      return { address: m.address, context: vmContext(m.vm.name) };
    }
    if (m) return { address: m.address, context: m.space === 'gva' || this.target?.vcpus ? this.guestContext() : 'hypervisor' };
    try {
      const v = this.target?.evaluate(ref, this.currentThread);
      if (v?.owner) return { address: v.bits, context: vmContext(v.owner.split('/')[0]) };
      return v && { address: v.bits, context: v.space === 'gva' || this.target?.vcpus ? this.guestContext() : 'hypervisor' };
    } catch { return undefined; }
  }

  private setInstructionBreakpoints(response: DebugProtocol.Response, args: DebugProtocol.SetInstructionBreakpointsArguments): void {
    if (!Array.isArray(args.breakpoints)) throw new RequestError('setInstructionBreakpoints: breakpoints must be an array');
    const bps = this.book.setInstructions(args.breakpoints, (ref) => this.instructionAddress(ref));
    this.applyBreakpoints();
    this.respond(response, { breakpoints: bps });
  }

  private setDataBreakpoints(response: DebugProtocol.Response, args: DebugProtocol.SetDataBreakpointsArguments): void {
    if (!Array.isArray(args.breakpoints)) throw new RequestError('setDataBreakpoints: breakpoints must be an array');
    const bps = this.book.setData(args.breakpoints, this.target?.vcpus ? this.guestContext() : undefined);
    this.applyBreakpoints();
    this.respond(response, { breakpoints: bps });
  }

  private setExceptionBreakpoints(response: DebugProtocol.Response, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    const filters = args.filters ?? [];
    const options = args.filterOptions ?? [];
    if (!Array.isArray(filters) || !Array.isArray(options)) throw new RequestError('setExceptionBreakpoints: filters and filterOptions must be arrays');
    const bps = this.filters.set(filters, options);
    if (this.target && !this.target.vmm) {
      [...filters, ...options.map((o) => o?.filterId)].forEach((id, i) => {
        if (typeof id === 'string' && reasonOfFilter(id) && bps[i]?.verified) bps[i] = { verified: false, message: 'VM exit filters apply to VMs under the built-in VMM ("vms" in launch.json)' };
      });
    }
    this.applyBreakpoints();
    this.respond(response, { breakpoints: bps });
  }

  private debuggerLine(line: unknown): number {
    return typeof line === 'number' ? (this.client.linesStartAt1 ? line : line + 1) : NaN;
  }

  private clientLine(line: number): number { return this.client.linesStartAt1 ? line : line - 1; }
}

function granularity(g: unknown): Granularity {
  return g === 'instruction' ? 'instruction' : 'line';
}

/** A DAP source's path, canonical (symlinks resolved) so it matches the line table. */
export function sourcePath(source: unknown): string {
  const p = (source as DebugProtocol.Source | undefined)?.path;
  if (typeof p !== 'string' || p === '') throw new RequestError('a source with a path is required');
  const abs = path.resolve(p);
  try { return fs.realpathSync(abs); } catch { return abs; }
}
