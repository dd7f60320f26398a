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

/** Which side of the H extension an image runs on: V=0 (M, HS, U) or V=1 (VS, VU). */
export type Context = 'hypervisor' | 'guest';

/** One image of the program: assembly files linked together, or one ELF. */
export interface ImageConfig {
  kind: 'assembly' | 'elf';
  /** Absolute, canonical paths. */
  files: string[];
  context: Context;
  /** Physical address the image's lowest segment is moved to (undefined: its link address). */
  load?: number;
  /** How launch.json names it in errors: `"program"` or `"program"[1]`. */
  field: string;
}

export interface LaunchConfig {
  /** The images, the entry image (the first hypervisor one) first. */
  images: ImageConfig[];
  /** Every program file, for messages. */
  files: string[];
  stopOnEntry: boolean;
  memory: number;
  harts: number;
  sbi: 'none' | 'builtin';
  compat: 'spec' | 'qemu-7.2';
  cwd: string;
  timeTravel: boolean;
  noDebug: boolean;
  /** misa.H: the hypervisor extension (default true). */
  hypervisor: boolean;
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

  const images = parseProgram(args.program, cwd);

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
    images, files: images.flatMap((i) => i.files), cwd, memory, harts,
    stopOnEntry: optionalBoolean(args, 'stopOnEntry', false),
    sbi: optionalEnum(args, 'sbi', ['none', 'builtin'] as const, 'none'),
    compat: optionalEnum(args, 'compat', ['spec', 'qemu-7.2'] as const, 'spec'),
    timeTravel: optionalBoolean(args, 'timeTravel', true),
    noDebug: optionalBoolean(args, 'noDebug', false),
    hypervisor: optionalBoolean(args, 'hypervisor', true),
  };
}

const PROGRAM_HELP = 'give an ELF file or assembly files, e.g. "program": "${file}", or images: [{ "files": ["hyp.s"], "context": "hypervisor" }, { "files": ["guest.s"], "context": "guest", "load": "0x80200000" }]';

/** `"program"`: a path, an array of paths (one image), or an array of image objects. */
function parseProgram(program: unknown, cwd: string): ImageConfig[] {
  if (program === undefined || program === null || program === '') {
    throw new LaunchError('program', `launch.json: "program" is missing: ${PROGRAM_HELP}`);
  }
  if (typeof program === 'string') return [image(['program'], [program], 'hypervisor', undefined, cwd, '"program"')];
  if (!Array.isArray(program) || program.length === 0) {
    throw new LaunchError('program', `launch.json: "program" must be a file path, a non-empty array of file paths, or an array of images (got ${typeName(program)}): ${PROGRAM_HELP}`);
  }
  if (program.every((p) => typeof p === 'string')) return [image(['program'], program as string[], 'hypervisor', undefined, cwd, '"program"')];
  const out = program.map((el, i) => imageObject(el, i, cwd));
  const first = out.findIndex((im) => im.context === 'hypervisor');
  if (first < 0) throw new LaunchError('program', 'launch.json: "program" needs an image with "context": "hypervisor": the first one gives the entry point');
  // The entry image goes first (combineImages takes the entry and HTIF's tohost from it).
  return [out[first], ...out.filter((_, i) => i !== first)];
}

const IMAGE_KEYS = new Set(['files', 'context', 'load']);

function imageObject(el: unknown, i: number, cwd: string): ImageConfig {
  const field = `"program"[${i}]`;
  if (typeof el === 'string') {
    throw new LaunchError('program', `launch.json: ${field} is a path, but other elements are images: write it as { "files": ["${el}"] } (paths and images do not mix)`);
  }
  if (el === null || typeof el !== 'object' || Array.isArray(el)) {
    throw new LaunchError('program', `launch.json: ${field} must be an image object such as { "files": ["guest.s"], "context": "guest" } (got ${typeName(el)})`);
  }
  const o = el as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!IMAGE_KEYS.has(k)) throw new LaunchError('program', `launch.json: ${field} has an unknown field "${k}" (an image has "files", "context" and "load")`);
  }
  let files = o.files;
  if (typeof files === 'string') files = [files];
  if (!Array.isArray(files) || files.length === 0 || files.some((f) => typeof f !== 'string' || f.trim() === '')) {
    throw new LaunchError('program', `launch.json: ${field}.files must be a non-empty array of file paths (got ${o.files === undefined ? 'nothing' : typeName(o.files)})`);
  }
  const context = o.context ?? 'hypervisor';
  if (context !== 'hypervisor' && context !== 'guest') {
    throw new LaunchError('program', `launch.json: ${field}.context must be "hypervisor" or "guest" (got ${typeName(context)})`);
  }
  let load: number | undefined;
  if (o.load !== undefined && o.load !== null) {
    load = parseAddress(o.load);
    if (load === undefined) throw new LaunchError('program', `launch.json: ${field}.load must be a physical address such as "0x80200000" (got ${typeName(o.load)})`);
    if (load % 4 !== 0) throw new LaunchError('program', `launch.json: ${field}.load 0x${load.toString(16)} must be 4-byte aligned`);
  }
  return image([field, 'files'], files as string[], context, load, cwd, field);
}

/** "0x80200000", "2149580800" or a number, within 32 bits. */
function parseAddress(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*(0x[0-9a-f]+|\d+)\s*$/i.test(v) ? Number(v.trim()) : NaN;
  return Number.isInteger(n) && n >= 0 && n < 2 ** 32 ? n : undefined;
}

function image(where: string[], list: string[], context: Context, load: number | undefined, cwd: string, field: string): ImageConfig {
  const name = where.length > 1 ? `${where[0]}.${where[1]}` : '"program"';
  const files = list.map((p) => path.resolve(cwd, p));
  for (const f of files) {
    if (!fs.existsSync(f)) throw new LaunchError('program', `launch.json: ${name}: ${f}: no such file`);
    if (!fs.statSync(f).isFile()) throw new LaunchError('program', `launch.json: ${name}: ${f} is not a file`);
  }
  // Canonical paths (symlinks resolved), so they match what editors send with breakpoints.
  for (let i = 0; i < files.length; i++) files[i] = fs.realpathSync(files[i]);
  const asm = files.filter((f) => ASSEMBLY.test(f));
  let kind: ImageConfig['kind'];
  if (asm.length === files.length) kind = 'assembly';
  else if (files.length === 1) kind = 'elf';
  else throw new LaunchError('program', `launch.json: ${name} must be one ELF file or only assembly files (.s, .S), not a mix`);
  return { kind, files, context, load, field };
}
