import * as fs from 'fs';
import * as path from 'path';
import { PAGING_KINDS, PagingKind } from '../engine/vmm/pagingMode';
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

/**
 * Whose code an address belongs to: the hypervisor's (V=0: M, HS, U), a guest's (V=1: VS, VU)
 * loaded by the user's own hypervisor, or one VM's under the built-in VMM (`vm:NAME`, V=1, its
 * own guest-virtual address space). Each context has its own line table and symbols.
 */
export type Context = 'hypervisor' | 'guest' | VmContext;
export type VmContext = `vm:${string}`;

/** Whether code of `c` runs with V=1 (its addresses are guest-virtual). */
export function isGuestContext(c: Context): boolean { return c !== 'hypervisor'; }

/** The context of VM `name` under the built-in VMM. */
export function vmContext(name: string): VmContext { return `vm:${name}`; }

/** The VM a context belongs to (undefined for 'hypervisor' and 'guest'). */
export function vmOfContext(c: Context): string | undefined { return c.startsWith('vm:') ? c.slice(3) : undefined; }

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
  /** Guests under the built-in VMM (launch.json "vms"); then `images` is empty. */
  vms?: VmConfig[];
}

/** One VM under the built-in VMM (launch.json "vms"[i]). */
export interface VmConfig {
  name: string;
  /** Its guest kernel: assembly files or one ELF, linked at guest-physical addresses. */
  image: ImageConfig;
  /** Guest RAM in bytes. */
  memory: number;
  vcpus: number;
  paging: PagingKind;
  /** Assemble the program previrtualized (launch.json "previrtualize"; only with "paravirt"). */
  previrtualize: boolean;
  mapping: 'lazy' | 'eager';
  /** How launch.json names it in errors: `"vms"[0]`. */
  field: string;
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

  const harts = parseHarts(args.harts);
  const common = {
    cwd, harts,
    stopOnEntry: optionalBoolean(args, 'stopOnEntry', false),
    compat: optionalEnum(args, 'compat', ['spec', 'qemu-7.2'] as const, 'spec'),
    timeTravel: optionalBoolean(args, 'timeTravel', true),
    noDebug: optionalBoolean(args, 'noDebug', false),
  };
  if (args.vms !== undefined && args.vms !== null) return parseVmLaunch(args, common);
  const images = parseProgram(args.program, cwd);

  let memory = 128 << 20;
  if (args.memory !== undefined && args.memory !== null) {
    const m = parseMemorySize(args.memory);
    if (m === undefined) throw new LaunchError('memory', `launch.json: "memory" must be a size such as "128M" or "1G" (got ${typeName(args.memory)})`);
    if (m < 4096 || m % 4096 !== 0 || m > 2 ** 31) throw new LaunchError('memory', `launch.json: "memory" must be a multiple of 4 KiB from 4K to 2G (got ${typeName(args.memory)})`);
    memory = m;
  }

  return {
    ...common, images, files: images.flatMap((i) => i.files), memory,
    sbi: optionalEnum(args, 'sbi', ['none', 'builtin'] as const, 'none'),
    hypervisor: optionalBoolean(args, 'hypervisor', true),
  };
}

function parseHarts(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 8) {
    throw new LaunchError('harts', `launch.json: "harts" must be an integer from 1 to 8 (got ${typeName(v)})`);
  }
  return v;
}

// ---- guests under the built-in VMM ("vms") ----

type CommonFields = Pick<LaunchConfig, 'cwd' | 'harts' | 'stopOnEntry' | 'compat' | 'timeTravel' | 'noDebug'>;

const VM_KEYS = ['name', 'program', 'memory', 'vcpus', 'paging', 'previrtualize', 'mapping'];
/** A VM's name is used in thread names (vm1/vcpu0), memory references (gva:vm1:0x…) and console commands. */
const VM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const VM_HELP = '"vms": [{ "name": "vm1", "program": "${workspaceFolder}/guest.s", "memory": "64M", "vcpus": 1, "paging": "nested" }]';
/** Host memory the built-in VMM needs beyond the guests' RAM (engine/vmm/vmmMachine.ts). */
const VMM_HOST_OVERHEAD = 8 << 20;

/** `"vms"`: guest kernels the built-in VMM boots, one VM each; the machine is sized for them. */
function parseVmLaunch(args: Record<string, unknown>, common: CommonFields): LaunchConfig {
  const list = args.vms;
  if (!Array.isArray(list) || list.length === 0) {
    throw new LaunchError('vms', `launch.json: "vms" must be a non-empty array of VMs, e.g. ${VM_HELP} (got ${typeName(list)})`);
  }
  if (list.length > 16) throw new LaunchError('vms', `launch.json: "vms" has ${list.length} VMs; at most 16`);
  for (const [field, why] of [
    ['program', 'each VM has its own "program"'],
    ['memory', 'the host is sized for the VMs: give each VM its "memory"'],
    ['sbi', 'the VMM serves the guests\' SBI calls'],
    ['hypervisor', 'the VMM needs the hypervisor extension'],
  ] as const) {
    if (args[field] !== undefined && args[field] !== null) throw new LaunchError(field, `launch.json: "${field}" does not go with "vms" (${why})`);
  }
  const names = new Set<string>();
  const vms = list.map((el, i) => parseVm(el, i, common.cwd, names));
  const total = vms.reduce((s, v) => s + v.memory, 0);
  if (total + VMM_HOST_OVERHEAD > 2 ** 31) throw new LaunchError('vms', `launch.json: the VMs' "memory" adds up to ${total >>> 20}M; with the VMM's own 8M that is more than the host's 2G`);
  return {
    ...common, images: [], files: vms.flatMap((v) => v.image.files), memory: total + VMM_HOST_OVERHEAD,
    sbi: 'none', hypervisor: true, vms,
  };
}

function parseVm(el: unknown, i: number, cwd: string, names: Set<string>): VmConfig {
  const field = `"vms"[${i}]`;
  if (el === null || typeof el !== 'object' || Array.isArray(el)) throw new LaunchError('vms', `launch.json: ${field} must be an object such as ${VM_HELP.slice(8, -1)} (got ${typeName(el)})`);
  const o = el as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!VM_KEYS.includes(k)) throw new LaunchError('vms', `launch.json: ${field} has an unknown field "${k}" (a VM has ${VM_KEYS.map((x) => `"${x}"`).join(', ')})`);
  }
  const name = o.name ?? `vm${i + 1}`;
  if (typeof name !== 'string' || !VM_NAME.test(name) || name === 'vmm') {
    throw new LaunchError('vms', `launch.json: ${field}.name must be a name of letters, digits, _ and - that starts with a letter, such as "vm1" (got ${typeName(name)})`);
  }
  if (names.has(name)) throw new LaunchError('vms', `launch.json: ${field}.name "${name}" is used by another VM`);
  names.add(name);
  let files = o.program;
  if (typeof files === 'string' && files.trim() !== '') files = [files];
  if (!Array.isArray(files) || files.length === 0 || files.some((f) => typeof f !== 'string' || f.trim() === '')) {
    throw new LaunchError('vms', `launch.json: ${field}.program must be the guest kernel: an ELF or assembly files (a path or a non-empty array of paths; got ${o.program === undefined ? 'nothing' : typeName(o.program)})`);
  }
  const image = imageOf(field, files as string[], vmContext(name), cwd);
  let memory = 64 << 20;
  if (o.memory !== undefined && o.memory !== null) {
    const m = parseMemorySize(o.memory);
    if (m === undefined || m < 1 << 20 || m > 1 << 30 || m % 4096 !== 0) {
      throw new LaunchError('vms', `launch.json: ${field}.memory must be a size from "1M" to "1G" in whole 4 KiB pages, such as "64M" (got ${typeName(o.memory)})`);
    }
    memory = m;
  }
  let vcpus = 1;
  if (o.vcpus !== undefined && o.vcpus !== null) {
    if (typeof o.vcpus !== 'number' || !Number.isInteger(o.vcpus) || o.vcpus < 1 || o.vcpus > 4) {
      throw new LaunchError('vms', `launch.json: ${field}.vcpus must be an integer from 1 to 4 (got ${typeName(o.vcpus)})`);
    }
    vcpus = o.vcpus;
  }
  const paging = o.paging ?? 'nested';
  if (!(PAGING_KINDS as readonly string[]).includes(paging as string)) {
    throw new LaunchError('vms', `launch.json: ${field}.paging must be "nested" (the H extension's G stage), "shadow" (trap-and-emulate with shadow page tables) or "paravirt" (validated direct paging and the PV SBI extension) (got ${typeName(o.paging)})`);
  }
  const previrtualize = o.previrtualize ?? false;
  if (typeof previrtualize !== 'boolean') throw new LaunchError('vms', `launch.json: ${field}.previrtualize must be true or false (got ${typeName(o.previrtualize)})`);
  if (previrtualize && paging !== 'paravirt') {
    throw new LaunchError('vms', `launch.json: ${field}.previrtualize needs "paging": "paravirt": a previrtualized guest calls Hyperstep's PV SBI extension, which only paravirtual paging has (got "paging": "${paging as string}")`);
  }
  if (previrtualize && image.kind !== 'assembly') {
    throw new LaunchError('vms', `launch.json: ${field}.previrtualize rewrites the program as it is assembled: give assembly sources (.s, .S), not an ELF (an ELF assembled with \`hyperstep asm --previrtualize\` runs as it is)`);
  }
  const mapping = o.mapping ?? 'lazy';
  if (mapping !== 'lazy' && mapping !== 'eager') {
    throw new LaunchError('vms', `launch.json: ${field}.mapping must be "lazy" (back guest pages on first touch) or "eager" (all at boot) (got ${typeName(mapping)})`);
  }
  return { name, image, memory, vcpus, paging: paging as PagingKind, previrtualize, mapping, field };
}

/** A VM's program as an image (errors name `"vms"[i].program` and count as the "vms" field's). */
function imageOf(field: string, list: string[], context: Context, cwd: string): ImageConfig {
  try {
    return image([field, 'program'], list, context, undefined, cwd, `${field}.program`);
  } catch (e) {
    if (e instanceof LaunchError) throw new LaunchError('vms', e.message);
    throw e;
  }
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
