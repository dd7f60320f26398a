/**
 * Helpers for the debug adapter tests: a DebugClient talking to the adapter in its own process
 * over stdio (`node out/src/debugAdapter/main.js`), launching a test program and waiting for it
 * to stop.
 */
import * as assert from 'assert';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

export const ADAPTER = path.join(__dirname, '../../src/debugAdapter/main.js');
export const PROGRAMS = path.join(__dirname, '../../../test/dap/programs');
export const program = (name: string): string => path.join(PROGRAMS, name);

export async function startClient(): Promise<DebugClient> {
  const dc = new DebugClient('node', ADAPTER, 'hyperstep', undefined, true);
  dc.defaultTimeout = 10000;
  await dc.start();
  return dc;
}

export interface LaunchOptions {
  /** Runs between 'initialized' and configurationDone (set breakpoints here). */
  configure?: (dc: DebugClient) => Promise<unknown>;
  exceptionFilters?: string[];
}

/**
 * initialize + launch + configuration; resolves with the first stopped event (or rejects when the
 * program ends first).
 */
export async function launchAndStop(dc: DebugClient, args: Record<string, unknown>, opts: LaunchOptions = {}): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await Promise.all([
    dc.waitForEvent('initialized').then(async () => {
      await dc.setExceptionBreakpointsRequest({ filters: opts.exceptionFilters ?? [] });
      if (opts.configure) await opts.configure(dc);
      await dc.configurationDoneRequest();
    }),
    dc.launch(args),
  ]);
  return stopped;
}

/** Sends a resuming request and waits for the next stopped event. */
export async function resumeAndStop(dc: DebugClient, send: () => Promise<unknown>): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await send();
  return stopped;
}

export async function topFrame(dc: DebugClient, threadId = 1): Promise<DebugProtocol.StackFrame> {
  const st = await dc.stackTraceRequest({ threadId });
  assert.ok(st.body.stackFrames.length > 0, 'a stopped thread has a frame');
  return st.body.stackFrames[0];
}

export async function evaluate(dc: DebugClient, expression: string, context = 'repl', frameId?: number): Promise<string> {
  const r = await dc.evaluateRequest({ expression, context, frameId });
  return r.body.result;
}

/** The numeric value of an expression (evaluated with p/x). */
export async function value(dc: DebugClient, expression: string): Promise<number> {
  return Number(await evaluate(dc, `p/x ${expression}`));
}

/** pc, x1..x31 of hart 0 as numbers. */
export async function registers(dc: DebugClient, threadId = 1): Promise<Record<string, string>> {
  const frame = await topFrame(dc, threadId);
  const scopes = await dc.scopesRequest({ frameId: frame.id });
  const regs = scopes.body.scopes.find((s) => s.name === 'Registers')!;
  const vars = await dc.variablesRequest({ variablesReference: regs.variablesReference });
  const out: Record<string, string> = {};
  for (const v of vars.body.variables) out[v.name] = v.value;
  return out;
}

export async function memory(dc: DebugClient, address: number, count: number): Promise<Buffer> {
  const r = await dc.customRequest('readMemory', { memoryReference: '0x' + address.toString(16), count }) as DebugProtocol.ReadMemoryResponse;
  return Buffer.from(r.body?.data ?? '', 'base64');
}

/** The error message of a request that must fail. */
export async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail('the request should have failed');
}

/** Collects output events of a category. */
export function collectOutput(dc: DebugClient, category: string): { text: () => string } {
  let text = '';
  dc.on('output', (e: DebugProtocol.OutputEvent) => { if ((e.body.category ?? 'console') === category) text += e.body.output; });
  return { text: () => text };
}

/** Resolves once `probe` holds (output events arrive on their own time); fails after `ms`. */
export async function eventually(what: string, probe: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
