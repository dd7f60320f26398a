import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/**
 * A real VS Code for end-to-end tests: code-server 4.100.3 (VS Code 1.100) from the shared setup
 * script, with a fresh user-data and extensions directory per run, listening on 127.0.0.1 only.
 */

export const REPO = path.resolve(__dirname, '..', '..', '..');
const TOOLS = process.env.HYPERSTEP_E2E_TOOLS ?? path.join(os.homedir(), '.cache', 'hyperstep-e2e');
const SETUP_SCRIPT = path.resolve(REPO, '..', 'shared', 'tools', 'setup-code-server.sh');
export const CODE_SERVER = path.join(TOOLS, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Installs code-server, playwright-core and Chromium with the shared script when any is missing. */
export function ensureCodeServer(log: (s: string) => void): void {
  if (fs.existsSync(CODE_SERVER) && fs.existsSync(CHROMIUM)) return;
  if (!fs.existsSync(SETUP_SCRIPT)) throw new Error(`code-server is missing and so is ${SETUP_SCRIPT}`);
  log(`installing code-server with ${SETUP_SCRIPT} ...`);
  execFileSync('bash', [SETUP_SCRIPT, TOOLS], { stdio: 'inherit', timeout: 15 * 60_000 });
}

let packaged: string | undefined;

/**
 * Builds the .vsix exactly as a user would (`npm run package`) and returns its path; once per
 * run (each e2e file asks for it).
 */
export function buildVsix(): string {
  if (packaged && fs.existsSync(packaged)) return packaged;
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(REPO, `${pkg.name}-${pkg.version}.vsix`);
  fs.rmSync(vsix, { force: true });
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], timeout: 5 * 60_000 });
  if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  packaged = vsix;
  return vsix;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve((res.statusCode ?? 500) < 500); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

export interface CodeServerInstance {
  url: string;
  dir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** User settings for a quiet, deterministic workbench. */
const SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  // The DOM renderer puts terminal text in the page, where the test can read it.
  'terminal.integrated.gpuAcceleration': 'off',
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
};

/** Installs the .vsix into a fresh profile and starts code-server on a free loopback port. */
export async function startCodeServer(vsix: string, log: (s: string) => void, settings: Record<string, unknown> = {}): Promise<CodeServerInstance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperstep-e2e-'));
  const userData = path.join(dir, 'user-data');
  const extensions = path.join(dir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(CODE_SERVER, [...common, '--install-extension', vsix], { stdio: 'pipe', timeout: 120_000 });
  const installed = fs.readdirSync(extensions).filter((d) => d.startsWith('hyperstep.hyperstep-'));
  if (installed.length !== 1) throw new Error(`the .vsix did not install: ${fs.readdirSync(extensions).join(', ')}`);
  log(`installed ${installed[0]}`);

  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(CODE_SERVER, [
    ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
  ], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await httpOk(`${url}/healthz`))) {
    if (child.exitCode !== null) throw new Error(`code-server exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`code-server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000); });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url, dir, output: () => output, stop };
}

/**
 * `hyperstep dap --port N` from the compiled CLI, for `hyperstep.debugAdapter: "server"`.
 * Returns its port and a stop function.
 */
export async function startDapServer(): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(REPO, 'out', 'src', 'cli', 'main.js'), 'dap', '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => { err += d; if (/listening/.test(err)) resolve(); });
    child.once('exit', (code) => reject(new Error(`hyperstep dap exited (${code}): ${err}`)));
  });
  return { port, stop: () => { if (child.exitCode === null) child.kill(); } };
}
