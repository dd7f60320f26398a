import * as fs from 'fs';
import * as path from 'path';
import { assemble, Diagnostic, formatDiagnostic, LINE_SECTION, LineTable, PrevirtSite } from '../engine/asm';
import { ElfImage, isElf, parseElf } from '../engine/loader/elf';
import { combineImages, placeImage } from '../engine/loader/imageSet';
import { VIRT } from '../engine/machine/virtLayout';
import type { Context, ImageConfig, LaunchConfig, VmConfig } from './launchConfig';
import { readDwarfLines } from './dwarfLines';
import { DebugSymbol, SymbolTable } from './symbolTable';

/**
 * Turns the launch configuration's program into what the debugger needs: the boot image to load
 * (several images combined: a hypervisor and guests moved to their load addresses), and per
 * image its line table (from the assembler, or the ELF's `.hyperstep.lines` section), symbols
 * and source texts. Each image belongs to a context (hypervisor: V=0, guest: V=1); the line
 * tables and symbols of a context's images are merged into one view, in link addresses (for a
 * guest: guest-virtual). Assembly errors become a ProgramError listing `file:line:col: message`.
 */

/** What one image contributes. */
interface ImageDebugInfo {
  image: ElfImage;
  /** Address <-> source line; empty when the ELF carries none. */
  lines: LineTable;
  symbols: DebugSymbol[];
  sources: Map<string, string>;
  warnings: string[];
  /** Assembled with `previrtualize`: the sites the assembler rewrote or left native. */
  previrt?: PrevirtSite[];
}

export interface LoadedImage {
  config: ImageConfig;
  /** The image as loaded (segments at their physical load addresses). */
  image: ElfImage;
  lines: LineTable;
  symbols: SymbolTable;
}

/** The line table and symbols of one context (the merge of its images'). */
export interface ContextView {
  lines: LineTable;
  symbols: SymbolTable;
  /** Whether any image runs in this context. */
  present: boolean;
}

/** A guest kernel the built-in VMM boots (launch.json "vms"[i]), in guest-physical addresses. */
export interface LoadedVm {
  config: VmConfig;
  image: ElfImage;
  /** Previrtualized ("previrtualize": true): the sites, so the disassembly shows each original instruction. */
  previrt?: PrevirtSite[];
}

export interface LoadedProgram {
  /** The boot image: every image's segments, the entry image's entry and symbols (none with "vms"). */
  image: ElfImage | undefined;
  images: LoadedImage[];
  /** With "vms": each VM's guest kernel (the VMM loads them into guest memory). */
  vms: LoadedVm[];
  /** Line tables and symbols by context (hypervisor, guest, or vm:NAME). */
  contexts: Partial<Record<Context, ContextView>>;
  /** Source texts by absolute path (what was assembled). */
  sources: Map<string, string>;
  /** Assembler warnings, formatted. */
  warnings: string[];
  /** Files the program came from. */
  files: string[];
}

export class ProgramError extends Error {
  constructor(message: string, readonly diagnostics: string[] = []) {
    super(message);
    this.name = 'ProgramError';
  }
}

const SHF_EXECINSTR = 4, SHN_ABS = 0xfff1;

export function loadProgram(cfg: LaunchConfig): LoadedProgram {
  if (cfg.vms) return loadVms(cfg.vms, cfg);
  const sources = new Map<string, string>();
  const warnings: string[] = [];
  const images: LoadedImage[] = [];
  const infos = cfg.images.map((ic) => {
    const info = ic.kind === 'assembly' ? assembleImage(ic.files, cfg.cwd) : loadElf(ic.files[0], cfg.cwd);
    for (const [k, v] of info.sources) sources.set(k, v);
    warnings.push(...info.warnings);
    return info;
  });
  cfg.images.forEach((ic, i) => {
    const placed = ic.load === undefined ? infos[i].image : placeImage(infos[i].image, ic.load);
    checkInMemory(ic, placed, cfg.memory);
    images.push({ config: ic, image: placed, lines: infos[i].lines, symbols: new SymbolTable(infos[i].symbols) });
  });
  let image = images[0].image;
  if (images.length > 1) {
    try {
      image = combineImages(images.map((im) => ({ image: im.image, name: imageName(im.config) })));
    } catch (e) {
      throw new ProgramError(`launch.json: "program": ${(e as Error).message}`);
    }
  }
  const view = (context: Context): ContextView => {
    const mine = cfg.images.map((ic, i) => ({ ic, info: infos[i] })).filter((x) => x.ic.context === context);
    return {
      lines: mine.length === 1 ? mine[0].info.lines : new LineTable(mine.flatMap((x) => x.info.lines.rows)),
      symbols: new SymbolTable(mine.flatMap((x) => x.info.symbols)),
      present: mine.length > 0,
    };
  };
  return { image, images, vms: [], contexts: { hypervisor: view('hypervisor'), guest: view('guest') }, sources, warnings, files: cfg.files };
}

/** Each VM's guest kernel, assembled or loaded, with its own context (`vm:NAME`). */
function loadVms(vms: VmConfig[], cfg: LaunchConfig): LoadedProgram {
  const sources = new Map<string, string>();
  const warnings: string[] = [];
  const contexts: Partial<Record<Context, ContextView>> = {};
  const loaded = vms.map((vm) => {
    const ic = vm.image;
    const info = ic.kind === 'assembly' ? assembleImage(ic.files, cfg.cwd, vm.previrtualize) : loadElf(ic.files[0], cfg.cwd);
    for (const [k, v] of info.sources) sources.set(k, v);
    warnings.push(...info.warnings);
    checkInGuestMemory(vm, info.image);
    contexts[ic.context] = { lines: info.lines, symbols: new SymbolTable(info.symbols), present: true };
    return { config: vm, image: info.image, ...(info.previrt ? { previrt: info.previrt } : {}) };
  });
  return { image: undefined, images: [], vms: loaded, contexts, sources, warnings, files: cfg.files };
}

/** A guest kernel must fit the VM's RAM (guest-physical 0x80000000 up), as the VMM loads it. */
function checkInGuestMemory(vm: VmConfig, image: ElfImage): void {
  const lo = VIRT.dramBase, hi = VIRT.dramBase + vm.memory;
  for (const s of image.segments) {
    const size = Math.max(s.memsz, s.data.length);
    if (size === 0 || (s.paddr >= lo && s.paddr + size <= hi)) continue;
    throw new ProgramError(`launch.json: ${vm.field}.program (${vm.image.files.map((f) => path.basename(f)).join(', ')}) is linked at ` +
      `0x${s.paddr.toString(16)}..0x${(s.paddr + size).toString(16)}, outside the VM's RAM (guest-physical 0x${lo.toString(16)}..0x${hi.toString(16)}: "memory" ${vm.memory >>> 20}M)`);
  }
  if (image.entry < lo || image.entry >= hi) throw new ProgramError(`launch.json: ${vm.field}.program: the entry point 0x${(image.entry >>> 0).toString(16)} is outside the VM's RAM`);
}

function imageName(ic: ImageConfig): string {
  return `${ic.field} (${ic.files.map((f) => path.basename(f)).join(', ')})`;
}

/** A load address that puts an image outside DRAM is the launch configuration's mistake: say which. */
function checkInMemory(ic: ImageConfig, image: ElfImage, memory: number): void {
  const lo = VIRT.dramBase, hi = VIRT.dramBase + memory;
  for (const s of image.segments) {
    const size = Math.max(s.memsz, s.data.length);
    if (size === 0 || (s.paddr >= lo && s.paddr + size <= hi)) continue;
    const where = `0x${s.paddr.toString(16)}..0x${(s.paddr + size).toString(16)}`;
    const dram = `DRAM is 0x${lo.toString(16)}..0x${hi.toString(16)}`;
    if (ic.load !== undefined) throw new ProgramError(`launch.json: ${ic.field}.load 0x${ic.load.toString(16)} puts ${imageName(ic)} at ${where}, outside memory (${dram})`);
    throw new ProgramError(`launch.json: ${imageName(ic)} is linked at ${where}, outside memory (${dram}): give it a "load" address`);
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProgramError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function assembleImage(files: string[], cwd: string, previrtualize = false): ImageDebugInfo {
  const sources = new Map<string, string>();
  const inputs = files.map((f) => {
    const text = readText(f);
    sources.set(f, text);
    return { path: f, text };
  });
  const r = assemble(inputs, {
    previrtualize,
    readFile: (p) => {
      const abs = path.resolve(cwd, p);
      try {
        const text = fs.readFileSync(abs, 'utf8');
        sources.set(abs, text);
        return text;
      } catch {
        return undefined;
      }
    },
  });
  const errors = r.diagnostics.filter((d: Diagnostic) => d.severity === 'error').map(formatDiagnostic);
  const warnings = r.diagnostics.filter((d: Diagnostic) => d.severity !== 'error').map(formatDiagnostic);
  if (errors.length || !r.image) {
    const list = errors.length ? errors : ['assembly produced no program'];
    throw new ProgramError(`assembly failed:\n${list.join('\n')}`, list);
  }
  return { image: r.image, lines: r.lineTable, symbols: symbolListOf(r.image), sources, warnings, ...(r.previrt ? { previrt: r.previrt } : {}) };
}

function loadElf(file: string, cwd: string): ImageDebugInfo {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new ProgramError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (!isElf(bytes)) throw new ProgramError(`${file}: not an ELF file (give an ELF executable or assembly sources ending in .s or .S)`);
  let image: ElfImage;
  try {
    image = parseElf(bytes, file);
  } catch (e) {
    throw new ProgramError((e as Error).message);
  }
  const sources = new Map<string, string>();
  let lines = new LineTable([]);
  const sec = image.sections.find((s) => s.name === LINE_SECTION);
  if (sec && sec.offset + sec.size <= bytes.length) {
    try {
      const table = LineTable.deserialize(Buffer.from(bytes.subarray(sec.offset, sec.offset + sec.size)).toString('utf8'));
      // Source paths in the table are as the assembler saw them: resolve relative ones against
      // the ELF's directory first, then cwd.
      const resolved = new Map<string, string>();
      for (const f of table.files()) {
        const candidates = path.isAbsolute(f) ? [f] : [path.resolve(path.dirname(file), f), path.resolve(cwd, f)];
        const found = candidates.find((c) => fs.existsSync(c));
        resolved.set(f, found ? fs.realpathSync(found) : candidates[0]);
      }
      lines = new LineTable(table.rows.map((r) => ({ ...r, file: resolved.get(r.file) ?? r.file })));
    } catch {
      // A damaged line table only costs source mapping; the program still runs.
    }
  }
  if (lines.rows.length === 0) {
    // Built by other tools (gcc -g, as -g): the DWARF line table.
    const rows = readDwarfLines(bytes, image, [path.dirname(file), cwd]);
    const real = new Map<string, string>();
    for (const r of rows) {
      if (!real.has(r.file)) { try { real.set(r.file, fs.realpathSync(r.file)); } catch { real.set(r.file, r.file); } }
      r.file = real.get(r.file)!;
    }
    lines = new LineTable(rows);
  }
  return { image, lines, symbols: symbolListOf(image), sources, warnings: [] };
}

export function symbolsOf(image: ElfImage): SymbolTable { return new SymbolTable(symbolListOf(image)); }

function symbolListOf(image: ElfImage): DebugSymbol[] {
  const list: DebugSymbol[] = [];
  for (const s of image.symbols) {
    if (!s.name || s.type === 'section' || s.type === 'file') continue;
    const sec = image.sections[s.shndx];
    const code = s.type === 'func' || (sec !== undefined && (sec.flags & SHF_EXECINSTR) !== 0);
    list.push({ name: s.name, address: s.value >>> 0, size: s.size, code, global: s.bind !== 'local', absolute: s.shndx === SHN_ABS });
  }
  return list;
}
