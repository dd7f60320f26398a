import * as fs from 'fs';
import * as path from 'path';
import type { LaunchArguments } from './launchSchema';

/**
 * Checks a launch request's arguments and turns them into a LaunchConfig: absolute program
 * paths, sizes in bytes. Every problem is a LaunchError whose message names the launch.json
 * field, so the user knows what to fix.
 */

export class LaunchError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'LaunchError';
  }
}

export interface LaunchConfig {
  kind: 'assembly' | 'elf';
  /** Absolute paths of the program files. */
  files: string[];
  stopOnEntry: boolean;
  memory: number;
  harts: number;
  sbi: 'none' | 'builtin';
  compat: 'spec' | 'qemu-7.2';
  cwd: string;
  timeTravel: boolean;
  noDebug: boolean;
}

const ASSEMBLY = /\.(s|S|asm|sx)$/;

/** Parses sizes like 128M, 1G, 64K, 65536, 0x100000. Returns undefined when malformed. */
export function parseMemorySize(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(0x[0-9a-f]+|\d+)\s*([kmg])?(?:i?b)?\s*$/i.exec(v);
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  return Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1 << 20 : unit === 'g' ? 1 << 30 : 1);
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v}"` : typeof v === 'object' ? 'an object' : String(v));

function optionalBoolean(args: Record<string, unknown>, field: string, dflt: boolean): boolean {
  const v = args[field];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new LaunchError(field, `launch.json: "${field}" must be true or false (got ${typeName(v)})`);
  return v;
}

function optionalEnum<T extends string>(args: Record<string, unknown>, field: string, values: readonly T[], dflt: T): T {
  const v = args[field];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'string' || !values.includes(v as T)) {
    throw new LaunchError(field, `launch.json: "${field}" must be one of ${values.map((x) => `"${x}"`).join(', ')} (got ${typeName(v)})`);
  }
  return v as T;
}

export function parseLaunchArguments(raw: unknown, defaultCwd = process.cwd()): LaunchConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new LaunchError('program', 'launch.json: the launch arguments must be an object with at least "program"');
  }
  const args = raw as Record<string, unknown> & Partial<LaunchArguments>;

  let cwd = defaultCwd;
  if (args.cwd !== undefined && args.cwd !== null) {
    if (typeof args.cwd !== 'string' || args.cwd.trim() === '') throw new LaunchError('cwd', `launch.json: "cwd" must be a directory path (got ${typeName(args.cwd)})`);
    cwd = path.resolve(defaultCwd, args.cwd);
    if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory()) throw new LaunchError('cwd', `launch.json: "cwd" ${cwd} is not a directory`);
  }

  const program = args.program;
  if (program === undefined || program === null || program === '') {
    throw new LaunchError('program', 'launch.json: "program" is missing: give an ELF file or assembly files, e.g. "program": "${file}"');
  }
  const list = typeof program === 'string' ? [program] : program;
  if (!Array.isArray(list) || list.length === 0 || list.some((p) => typeof p !== 'string' || p.trim() === '')) {
    throw new LaunchError('program', `launch.json: "program" must be a file path or a non-empty array of file paths (got ${typeName(program)})`);
  }
  const files = (list as string[]).map((p) => path.resolve(cwd, p));
  for (const f of files) {
    if (!fs.existsSync(f)) throw new LaunchError('program', `launch.json: "program": ${f}: no such file`);
    if (!fs.statSync(f).isFile()) throw new LaunchError('program', `launch.json: "program": ${f} is not a file`);
  }
  // Canonical paths (symlinks resolved), so they match what editors send with breakpoints.
  for (let i = 0; i < files.length; i++) files[i] = fs.realpathSync(files[i]);
  const asm = files.filter((f) => ASSEMBLY.test(f));
  let kind: LaunchConfig['kind'];
  if (asm.length === files.length) kind = 'assembly';
  else if (files.length === 1) kind = 'elf';
  else throw new LaunchError('program', 'launch.json: "program" must be one ELF file or only assembly files (.s, .S), not a mix');

  let memory = 128 << 20;
  if (args.memory !== undefined && args.memory !== null) {
    const m = parseMemorySize(args.memory);
    if (m === undefined) throw new LaunchError('memory', `launch.json: "memory" must be a size such as "128M" or "1G" (got ${typeName(args.memory)})`);
    if (m < 4096 || m % 4096 !== 0 || m > 2 ** 31) throw new LaunchError('memory', `launch.json: "memory" must be a multiple of 4 KiB from 4K to 2G (got ${typeName(args.memory)})`);
    memory = m;
  }

  let harts = 1;
  if (args.harts !== undefined && args.harts !== null) {
    if (typeof args.harts !== 'number' || !Number.isInteger(args.harts) || args.harts < 1 || args.harts > 8) {
      throw new LaunchError('harts', `launch.json: "harts" must be an integer from 1 to 8 (got ${typeName(args.harts)})`);
    }
    harts = args.harts;
  }

  return {
    kind, files, cwd, memory, harts,
    stopOnEntry: optionalBoolean(args, 'stopOnEntry', false),
    sbi: optionalEnum(args, 'sbi', ['none', 'builtin'] as const, 'none'),
    compat: optionalEnum(args, 'compat', ['spec', 'qemu-7.2'] as const, 'spec'),
    timeTravel: optionalBoolean(args, 'timeTravel', true),
    noDebug: optionalBoolean(args, 'noDebug', false),
  };
}
