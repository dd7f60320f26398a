import { disassemble } from '../isa/disassembler';
import { ElfImage, parseElf } from './elf';

/**
 * The `.hyperstep.previrt` section: what the assembler's previrtualization did to a guest (one
 * record per sensitive instruction, rewritten into the `priv` hypercall sequence or left native,
 * and why). Non-allocated, like `.hyperstep.lines`. The byte format is in docs/PARAVIRT.md
 * ("Note format"); the writer and the reader are both here so the two cannot drift.
 */

export const PREVIRT_SECTION = '.hyperstep.previrt';

/** Why a sensitive instruction was left as it is (it then traps as under full virtualization). */
export type NativeReason = 'uses-sp' | 'raw-encoding';

const REASON_CODES: Record<NativeReason, number> = { 'uses-sp': 1, 'raw-encoding': 2 };
const REASON_OF_CODE = new Map<number, NativeReason>(Object.entries(REASON_CODES).map(([k, v]) => [v, k as NativeReason]));

/** Human wording of each reason, for listings and the debugger. */
export const NATIVE_REASON_TEXT: Readonly<Record<NativeReason, string>> = {
  'uses-sp': 'reads or writes sp, so the sequence cannot use the stack',
  'raw-encoding': 'written as a raw .insn encoding',
};

interface SiteCommon {
  /** Link address of the site's first byte. */
  address: number;
  /** The original (sensitive) instruction's 32-bit encoding. */
  original: number;
  file: string;
  line: number;
  column: number;
}

/** A sensitive instruction replaced by the `priv` hypercall sequence. */
export interface RewrittenSite extends SiteCommon {
  kind: 'rewritten';
  /** Bytes of the sequence. */
  length: number;
  /** Instructions in the sequence (13 or 14). */
  count: number;
}

/** A sensitive instruction assembled as written. */
export interface NativeSite extends SiteCommon {
  kind: 'native';
  /** Bytes of the instruction (4). */
  length: number;
  reason: NativeReason;
}

export type PrevirtSite = RewrittenSite | NativeSite;

const MAGIC = [0x48, 0x53, 0x50, 0x56]; // "HSPV"
const VERSION = 1;
const HEADER_SIZE = 16;
const RECORD_SIZE = 24;
const KIND_REWRITTEN = 0, KIND_NATIVE = 1;

export class PrevirtNotesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrevirtNotesError';
  }
}

/** The section's bytes for these sites (sorted by address on the way in). */
export function encodePrevirtNotes(sites: readonly PrevirtSite[]): Uint8Array {
  const sorted = [...sites].sort((a, b) => a.address - b.address);
  const strings: number[] = [0];
  const offsets = new Map<string, number>();
  const stringOffset = (s: string): number => {
    if (s === '') return 0;
    let off = offsets.get(s);
    if (off === undefined) {
      off = strings.length;
      offsets.set(s, off);
      strings.push(...Buffer.from(s, 'utf8'), 0);
    }
    return off;
  };
  const fileOffsets = sorted.map((s) => stringOffset(s.file));
  const tableAt = HEADER_SIZE + sorted.length * RECORD_SIZE;
  const out = new Uint8Array(tableAt + strings.length);
  const v = new DataView(out.buffer);
  out.set(MAGIC, 0);
  v.setUint16(4, VERSION, true);
  v.setUint16(6, RECORD_SIZE, true);
  v.setUint32(8, sorted.length, true);
  v.setUint32(12, tableAt, true);
  sorted.forEach((s, i) => {
    const p = HEADER_SIZE + i * RECORD_SIZE;
    v.setUint32(p, s.address >>> 0, true);
    v.setUint32(p + 4, s.original >>> 0, true);
    out[p + 8] = s.kind === 'rewritten' ? KIND_REWRITTEN : KIND_NATIVE;
    out[p + 9] = s.kind === 'rewritten' ? s.count : REASON_CODES[s.reason];
    v.setUint16(p + 10, s.length, true);
    v.setUint32(p + 12, fileOffsets[i], true);
    v.setUint32(p + 16, s.line >>> 0, true);
    v.setUint32(p + 20, s.column >>> 0, true);
  });
  out.set(strings, tableAt);
  return out;
}

/** Parses the section's bytes; throws PrevirtNotesError saying what is wrong and where. */
export function parsePrevirtNotes(bytes: Uint8Array): PrevirtSite[] {
  const fail = (msg: string): never => { throw new PrevirtNotesError(`${PREVIRT_SECTION}: ${msg}`); };
  if (bytes.length < HEADER_SIZE) fail(`${bytes.length} bytes, shorter than its ${HEADER_SIZE}-byte header`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) fail('bad magic (expected "HSPV")');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = v.getUint16(4, true);
  if (version !== VERSION) fail(`version ${version}; this reader knows version ${VERSION}`);
  const recordSize = v.getUint16(6, true);
  if (recordSize < RECORD_SIZE) fail(`record size ${recordSize} is below ${RECORD_SIZE}`);
  const count = v.getUint32(8, true);
  const tableAt = v.getUint32(12, true);
  if (HEADER_SIZE + count * recordSize > bytes.length) fail(`${count} records of ${recordSize} bytes run past the end (${bytes.length} bytes)`);
  if (tableAt < HEADER_SIZE + count * recordSize || tableAt > bytes.length) fail(`string table offset ${tableAt} is outside the section`);
  const stringAt = (off: number, record: number): string => {
    if (off === 0) return '';
    const start = tableAt + off;
    let end = start;
    while (end < bytes.length && bytes[end] !== 0) end++;
    if (start >= bytes.length || end >= bytes.length) fail(`record ${record}: file name offset ${off} is outside the string table`);
    return Buffer.from(bytes.subarray(start, end)).toString('utf8');
  };
  const sites: PrevirtSite[] = [];
  for (let i = 0; i < count; i++) {
    const p = HEADER_SIZE + i * recordSize;
    const common = {
      address: v.getUint32(p, true), original: v.getUint32(p + 4, true), length: v.getUint16(p + 10, true),
      file: stringAt(v.getUint32(p + 12, true), i), line: v.getUint32(p + 16, true), column: v.getUint32(p + 20, true),
    };
    const kind = bytes[p + 8];
    if (kind === KIND_REWRITTEN) sites.push({ kind: 'rewritten', ...common, count: bytes[p + 9] });
    else if (kind === KIND_NATIVE) {
      const reason = REASON_OF_CODE.get(bytes[p + 9]);
      if (!reason) fail(`record ${i}: unknown reason code ${bytes[p + 9]}`);
      sites.push({ kind: 'native', ...common, reason: reason as NativeReason });
    } else fail(`record ${i}: unknown kind ${kind}`);
  }
  return sites;
}

/**
 * The notes of an ELF file, or undefined when it has no `.hyperstep.previrt` section (it was
 * not previrtualized, or had no sensitive instruction). Pass `image` when already parsed.
 */
export function readPrevirtNotes(elf: Uint8Array, image: ElfImage = parseElf(elf, 'elf')): PrevirtSite[] | undefined {
  const sec = image.sections.find((s) => s.name === PREVIRT_SECTION);
  if (!sec) return undefined;
  if (sec.offset + sec.size > elf.length) throw new PrevirtNotesError(`${PREVIRT_SECTION}: the section runs past the end of the file`);
  return parsePrevirtNotes(elf.subarray(sec.offset, sec.offset + sec.size));
}

/** Address lookup over sites: which site covers an address (sites never overlap). */
export class PrevirtIndex {
  readonly sites: readonly PrevirtSite[];
  constructor(sites: readonly PrevirtSite[]) {
    this.sites = [...sites].sort((a, b) => a.address - b.address);
  }
  /** The site whose bytes contain `address`. */
  at(address: number): PrevirtSite | undefined {
    const s = this.sites;
    let lo = 0, hi = s.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid].address <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    const site = s[found];
    return address < site.address + site.length ? site : undefined;
  }
}

/** The original instruction of a site as a person writes it: `csrr t0,sstatus`. */
export function originalText(site: PrevirtSite): string {
  return disassemble(site.original, site.address, { aliases: true, allCsrNames: true }).replace('\t', ' ');
}

/** One line saying what happened at a site: `previrtualized: csrr t0,sstatus` or why it was left. */
export function siteComment(site: PrevirtSite): string {
  return site.kind === 'rewritten'
    ? `previrtualized: ${originalText(site)}`
    : `not previrtualized: ${NATIVE_REASON_TEXT[site.reason]}`;
}
