import * as fs from 'fs';
import { Machine, StopEvent } from '../engine/machine/machine';
import { ElfError, ElfImage, isElf, parseElf } from '../engine/loader/elf';
import { rawImage } from '../engine/loader/rawImage';
import { combineImages, ImagePart } from '../engine/loader/imageSet';
import { disassemble } from '../engine/isa/disassembler';
import { causeName } from '../engine/cpu/causeNames';
import { assemble, formatDiagnostic } from '../engine/asm';
import type { Vmm } from '../engine/vmm';
import { VmConsoles, createVmmRun, formatVmmStats, parseVmOption, VmmUsageError, vmmStats } from './vmmRun';

/** Exit codes besides the guest's own. */
const EXIT_USAGE = 2, EXIT_BUDGET = 124, EXIT_INTERRUPTED = 130, EXIT_ERROR = 1;
/** Instructions per run() call between looks at stdin and signals (about 20-50 ms). */
const CHUNK = 8_000_000;

export class UsageError extends Error {}

/** Parses sizes like 128M, 1G, 65536, 0x100000. */
export function parseSize(s: string): number {
  const m = /^(0x[0-9a-f]+|\d+)([kmg]i?b?)?$/i.exec(s.trim());
  if (!m) throw new UsageError(`bad size '${s}' (use e.g. 128M)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase()[0];
  return n * (unit === 'k' ? 1024 : unit === 'm' ? 1 << 20 : unit === 'g' ? 1 << 30 : 1);
}

function parseCount(s: string, what: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${what} must be a non-negative integer (got '${s}')`);
  return n;
}

/** Assembly errors, printed as `file:line:col: error: message` lines. */
export class AssemblyError extends Error {}

/**
 * Loads what `run` was given: one ELF, one raw image (--raw), or assembly sources linked together
 * (previrtualized with `--previrtualize`).
 */
export function loadImage(files: string[], raw: string | undefined, previrtualize = false): ElfImage {
  if (files.every((f) => /\.(s|S|asm)$/.test(f))) {
    const result = assemble(files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') })), { previrtualize });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    for (const d of result.diagnostics.filter((x) => x.severity !== 'error')) process.stderr.write(formatDiagnostic(d) + '\n');
    if (errors.length || !result.image) throw new AssemblyError(errors.map(formatDiagnostic).join('\n'));
    return result.image;
  }
  if (files.length !== 1) throw new UsageError('give one ELF (or raw image), or only .s/.S files');
  const file = files[0];
  const bytes = new Uint8Array(fs.readFileSync(file));
  if (raw !== undefined) return rawImage(bytes, Number(raw));
  if (!isElf(bytes)) throw new ElfError(`${file}: not an ELF file (use --raw ADDR to load a raw binary image)`);
  return parseElf(bytes, file);
}

/** How many executed instructions trapped instead of retiring, when any did. */
function trapped(machine: Machine): string {
  const n = machine.executed - machine.instructions;
  return n > 0 ? `, ${n} trapped` : '';
}

/** `--image FILE[@ADDR]`: a further image (e.g. a guest linked at its guest-physical address) moved to ADDR. */
function extraImage(spec: string, previrtualize: boolean): ImagePart {
  const at = spec.lastIndexOf('@');
  const file = at > 0 ? spec.slice(0, at) : spec;
  let load: number | undefined;
  if (at > 0) {
    load = Number(spec.slice(at + 1));
    if (!Number.isInteger(load) || load < 0 || load >= 2 ** 32) throw new UsageError(`--image ${spec}: '${spec.slice(at + 1)}' is not an address`);
  }
  if (!fs.existsSync(file)) throw new UsageError(`--image ${spec}: ${file}: no such file`);
  return { image: loadImage([file], undefined, previrtualize), load, name: file };
}

export async function runCommand(files: string[], opts: Record<string, string | boolean | undefined>): Promise<number> {
  let machine: Machine;
  let vmm: Vmm | undefined;
  let maxInsns = Infinity;
  try {
    // `--stats FILE` would read FILE as the format (commander's optional value): say so.
    if (typeof opts.stats === 'string' && opts.stats !== 'text' && opts.stats !== 'json') {
      throw new UsageError(`--stats takes text or json, not '${opts.stats}' (write --stats=text, or put the files first)`);
    }
    for (const file of files) if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
    const memory = parseSize(String(opts.mem ?? '128M'));
    if (memory < 4096 || memory % 4096 !== 0 || memory > 2 ** 31) throw new UsageError(`--mem must be a multiple of 4 KiB up to 2G`);
    const harts = parseCount(String(opts.harts ?? '1'), '--harts');
    if (opts.maxInsns !== undefined) maxInsns = parseCount(String(opts.maxInsns), '--max-insns');
    const compat = String(opts.compat ?? 'spec');
    if (compat !== 'spec' && compat !== 'qemu-7.2') throw new UsageError(`--compat must be spec or qemu-7.2 (got '${compat}')`);
    const sbi = String(opts.sbi ?? 'none');
    if (sbi !== 'none' && sbi !== 'builtin') throw new UsageError(`--sbi must be none or builtin (got '${sbi}')`);
    // commander's negatable --no-hypervisor: opts.hypervisor is true unless the flag was given.
    const hypervisor = opts.hypervisor !== false;
    const previrtualize = opts.previrtualize === true;
    const parts: ImagePart[] = [{ image: loadImage(files, opts.raw as string | undefined, previrtualize), name: files.join(' ') }];
    for (const spec of (opts.image as unknown as string[] | undefined) ?? []) parts.push(extraImage(spec, previrtualize));
    const image = parts.length === 1 ? parts[0].image : combineImages(parts);
    if (opts.vmm !== undefined) {
      const extra = ((opts.vm as unknown as string[] | undefined) ?? []).map((spec) => {
        const v = parseVmOption(spec, parseSize);
        if (!fs.existsSync(v.file)) throw new UsageError(`--vm ${spec}: ${v.file}: no such file`);
        return { ...v, image: loadImage([v.file], undefined, previrtualize) };
      });
      ({ machine, vmm } = createVmmRun(image, {
        mode: String(opts.vmm), vcpus: parseCount(String(opts.vcpus ?? '1'), '--vcpus'), guestMemory: parseSize(String(opts.guestMem ?? '64M')),
        mapping: String(opts.mapping ?? 'lazy'), harts, compat, extra, previrtualized: previrtualize,
      }));
    } else {
      machine = new Machine({ memory, harts, compat, sbi, hypervisor });
      machine.load(image);
    }
  } catch (e) {
    if (e instanceof AssemblyError) { process.stderr.write(e.message + '\n'); return EXIT_ERROR; }
    process.stderr.write(`hyperstep: ${(e as Error).message}\n`);
    if (e instanceof UsageError || e instanceof VmmUsageError) { process.stderr.write(`usage: hyperstep run FILE... [--mem 128M] [--harts N] [--sbi builtin] [--no-hypervisor] [--image FILE@ADDR] [--vmm nested|shadow|paravirt [--vcpus N] [--guest-mem 64M] [--mapping lazy|eager] [--vm FILE[,name=N][,vcpus=N][,mem=SIZE][,paging=P]]] [--max-insns N] [--stats[=json]] [--trace] [--previrtualize]\n`); return EXIT_USAGE; }
    return EXIT_ERROR;
  }

  // UART output is buffered and written in batches: one write per byte would dominate the run.
  let out: number[] = [];
  const flush = (): void => { if (out.length) { process.stdout.write(Buffer.from(out)); out = []; } };
  const consoles = new VmConsoles((vmm?.vms.length ?? 1) > 1);
  machine.on((e) => { if (e.kind === 'uart-tx') { consoles.push(e.device, e.byte, out); if (out.length >= 4096) flush(); } });

  let stdinEnded = !process.stdin.readable;
  let wake: (() => void) | undefined;
  const onData = (d: Buffer): void => { machine.sendInput(d); wake?.(); };
  const onEnd = (): void => { stdinEnded = true; wake?.(); };
  process.stdin.on('data', onData);
  process.stdin.on('end', onEnd);
  process.stdin.on('error', onEnd);
  let interrupted = false;
  const onSigint = (): void => { interrupted = true; machine.pause(); wake?.(); };
  process.on('SIGINT', onSigint);

  const trace = opts.trace === true;
  const t0 = process.hrtime.bigint();
  let result: StopEvent;
  try {
    // The limit counts executed instructions, trapped ones too: a trap storm retires nothing.
    let used = 0;
    for (;;) {
      const budget = Math.min(CHUNK, maxInsns - used);
      if (budget <= 0) { result = { kind: 'budget' }; break; }
      const before = machine.executed;
      result = trace ? traceRun(machine, Math.min(budget, 10000)) : machine.run(budget);
      used += machine.executed >= before ? machine.executed - before : machine.executed;  // (a reset restarts the count)
      if (result.kind === 'exit') break;
      if (interrupted) { result = { kind: 'pause' }; break; }
      if (result.kind === 'idle') {
        if (stdinEnded) break;
        flush();
        await new Promise<void>((r) => { wake = r; });
        wake = undefined;
        continue;
      }
      if (result.kind !== 'budget') break;
      flush();
      await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    process.stdin.off('data', onData); process.stdin.off('end', onEnd); process.stdin.off('error', onEnd);
    process.stdin.pause(); (process.stdin as { unref?: () => void }).unref?.();
    process.off('SIGINT', onSigint);
  }
  consoles.flush(out);
  flush();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (opts.stats !== undefined && opts.stats !== false) printStats(machine, seconds, opts.stats === 'json', vmm);
  if (vmm) for (const vm of vmm.vms) if (vm.message) process.stderr.write(`hyperstep: ${vm.message}\n`);
  const h0 = machine.harts[0];
  switch (result.kind) {
    case 'exit': return result.code & 0xff;
    case 'budget':
      process.stderr.write(`hyperstep: instruction limit reached (${machine.instructions} instructions retired${trapped(machine)}); pc = 0x${(h0.pc >>> 0).toString(16)}\n`);
      return EXIT_BUDGET;
    case 'pause':
      process.stderr.write(`hyperstep: interrupted after ${machine.instructions} instructions; pc = 0x${(h0.pc >>> 0).toString(16)}\n`);
      return EXIT_INTERRUPTED;
    case 'idle':
      process.stderr.write(`hyperstep: every hart is waiting in wfi with no timer armed and no more input; stopping (pc = 0x${(h0.pc >>> 0).toString(16)})\n`);
      return EXIT_ERROR;
    default:
      process.stderr.write(`hyperstep: stopped: ${JSON.stringify(result)}\n`);
      return EXIT_ERROR;
  }
}

/** Single-steps hart 0, printing each retired instruction. */
function traceRun(m: Machine, n: number): StopEvent {
  const h = m.harts[0];
  let r: StopEvent = { kind: 'budget' };
  for (let i = 0; i < n; i++) {
    const pc = h.pc >>> 0;
    const bits = m.peekInstruction(0, pc);
    const before = h.retired;
    r = m.step(0, 1);
    if (h.retired > before && bits !== undefined) {
      const hexBits = (bits & 3) === 3 ? (bits >>> 0).toString(16).padStart(8, '0') : (bits & 0xffff).toString(16).padStart(4, '0');
      process.stderr.write(`${pc.toString(16).padStart(8, '0')}  ${hexBits.padEnd(8)}  ${disassemble(bits, pc)}\n`);
    }
    if (r.kind !== 'budget') return r;
  }
  return r;
}

function printStats(m: Machine, seconds: number, json: boolean, vmm: Vmm | undefined): void {
  const instructions = m.instructions;
  const mips = seconds > 0 ? instructions / seconds / 1e6 : 0;
  const counts = m.trapCounts();
  const traps: Record<string, number> = {};
  counts.exceptions.forEach((n, c) => { if (n) traps[causeName(c, false)] = n; });
  counts.interrupts.forEach((n, c) => { if (n) traps[causeName(c, true)] = n; });
  if (json) {
    process.stderr.write(JSON.stringify({ instructions, seconds, mips, traps, ...(vmm ? vmmStats(vmm) : {}) }) + '\n');
    return;
  }
  process.stderr.write(`instructions  ${instructions}\nseconds       ${seconds.toFixed(3)}\nMIPS          ${mips.toFixed(1)}\n`);
  if (vmm) { process.stderr.write(formatVmmStats(vmm)); return; }
  const names = Object.keys(traps);
  if (names.length) {
    process.stderr.write('traps:\n');
    for (const n of names) process.stderr.write(`  ${String(traps[n]).padStart(10)}  ${n}\n`);
  }
}
