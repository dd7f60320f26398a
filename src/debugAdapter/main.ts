#!/usr/bin/env node
import * as net from 'net';
import { HyperstepDebugSession } from './hyperstepSession';

/**
 * Entry points of the debug adapter:
 *   node out/src/debugAdapter/main.js            DAP over stdin/stdout (VS Code's default)
 *   node out/src/debugAdapter/main.js --port N   a TCP server, one session per connection
 *                                                (nvim-dap, Emacs dap-mode, any DAP client)
 *   hyperstep dap [--port N]                     the same through the CLI
 * and createDebugSession() for running the session inline in the extension host.
 */

/** A new session, e.g. for `new vscode.DebugAdapterInlineImplementation(createDebugSession())`. */
export function createDebugSession(): HyperstepDebugSession {
  return new HyperstepDebugSession();
}

export interface DapServerOptions {
  /** Serve over TCP on this port (0 picks a free one); omit for stdio. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Called with the bound port once the server listens. */
  onListening?: (port: number) => void;
}

/**
 * Runs the adapter: over stdio (returns when the session ends the process), or as a TCP server
 * that makes a new session per connection (returns the server).
 */
export function runDebugAdapter(opts: DapServerOptions = {}): net.Server | undefined {
  if (opts.port === undefined) {
    const session = createDebugSession();
    session.setRunAsServer(false);
    session.start(process.stdin, process.stdout);
    return undefined;
  }
  const server = net.createServer((socket) => {
    const session = createDebugSession();
    session.setRunAsServer(true);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => session.dispose());
    session.start(socket, socket);
  });
  server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : opts.port!;
    if (opts.onListening) opts.onListening(port);
    else process.stderr.write(`hyperstep: debug adapter listening on ${opts.host ?? '127.0.0.1'}:${port}\n`);
  });
  return server;
}

/** Parses `--port N` / `--port=N` (and `--host H`) from argv. */
export function parseAdapterArgs(argv: string[]): DapServerOptions {
  const opts: DapServerOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(port|host|server)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument '${a}' (usage: [--port N] [--host ADDR])`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    if (m[1] === 'host') opts.host = value;
    else {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--${m[1]} must be a port number 0..65535 (got '${value}')`);
      opts.port = port;
    }
  }
  return opts;
}

/** `hyperstep dap [--port N] [--host ADDR]`: exits 2 on a bad port. */
export function dapCommand(opts: { port?: string; host?: string }): void {
  try {
    const args = opts.port !== undefined ? ['--port', opts.port] : [];
    if (opts.port !== undefined && opts.host !== undefined) args.push('--host', opts.host);
    runDebugAdapter(parseAdapterArgs(args));
  } catch (e) {
    process.stderr.write(`hyperstep dap: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}

if (require.main === module) {
  try {
    runDebugAdapter(parseAdapterArgs(process.argv.slice(2)));
  } catch (e) {
    process.stderr.write(`hyperstep debug adapter: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
