import * as fs from 'fs';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { NATIVE_REASON_TEXT, PrevirtIndex, PrevirtSite, originalText, readPrevirtNotes } from '../engine/loader/previrtNotes';
import type { Context } from './launchConfig';
import type { LoadedImage, LoadedProgram } from './programLoader';

/**
 * The disassembly view of a previrtualized guest (docs/PARAVIRT.md): each instruction of a
 * `priv` hypercall sequence shows the instruction the source wrote, and a sensitive
 * instruction left native says why. The notes come from the images' `.hyperstep.previrt`
 * sections, by link address, as the line tables do.
 */

/**
 * An image may carry the assembler's sites directly (`AssembleResult.previrt`) when the launch
 * side assembled it with `previrtualize` (a VM's "previrtualize": true); an ELF image's come from
 * its section.
 */
type ImageWithNotes = Pick<LoadedImage, 'config'> & { previrt?: readonly PrevirtSite[] };

const cache = new WeakMap<LoadedProgram, Map<Context, PrevirtIndex | undefined>>();

/** The sites of one image, or none (also when its notes cannot be read: only the annotation is lost). */
function sitesOf(image: ImageWithNotes): readonly PrevirtSite[] {
  if (image.previrt) return image.previrt;
  if (image.config.kind !== 'elf') return [];
  try {
    return readPrevirtNotes(new Uint8Array(fs.readFileSync(image.config.files[0]))) ?? [];
  } catch {
    return [];
  }
}

/** The previrtualization sites of a context's images, or undefined when it has none. */
export function previrtIndexFor(target: { program: LoadedProgram }, context: Context): PrevirtIndex | undefined {
  let perContext = cache.get(target.program);
  if (!perContext) cache.set(target.program, (perContext = new Map()));
  if (perContext.has(context)) return perContext.get(context);
  const images: ImageWithNotes[] = [...target.program.images, ...target.program.vms.map((v) => ({ config: v.config.image, previrt: v.previrt }))];
  const sites = images.filter((im) => im.config.context === context).flatMap((im) => [...sitesOf(im)]);
  const index = sites.length ? new PrevirtIndex(sites) : undefined;
  perContext.set(context, index);
  return index;
}

/** The text appended to the instruction at `address`, or undefined outside every site. */
export function previrtAnnotation(address: number, index: PrevirtIndex): string | undefined {
  const site = index.at(address >>> 0);
  if (!site) return undefined;
  if (site.kind === 'native') return `⟵ not previrtualized: ${NATIVE_REASON_TEXT[site.reason]}`;
  return address >>> 0 === site.address ? `⟵ previrtualized: ${originalText(site)}` : `⟵ ${originalText(site)}`;
}

/** Adds the annotation to a disassembled instruction inside a site. */
export function annotatePrevirtualized(insn: DebugProtocol.DisassembledInstruction, address: number, index: PrevirtIndex): void {
  const text = previrtAnnotation(address, index);
  if (text) insn.instruction += `  ${text}`;
}
