import * as path from 'path';

/**
 * The launch configuration's `program` as the extension prepares it before the adapter starts:
 * paths made absolute against `cwd` (in the same shape: a path, a list of paths, or a list of
 * images `{ files, context, load }`), the groups of files that are each assembled and linked
 * together (one per image), and the files that do not exist. No `vscode` import.
 */

export interface ResolvedProgram {
  program: string | string[] | Record<string, unknown>[];
  /** Each image's files (a plain path or list of paths is one image). */
  images: string[][];
  missing: string[];
}

const isPathList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'string');

/**
 * Undefined when `program` has a shape this side does not resolve; the adapter then reports
 * exactly what is wrong (it names the field and the element).
 */
export function resolveProgram(program: unknown, base: string, exists: (file: string) => boolean): ResolvedProgram | undefined {
  const abs = (p: string): string => path.resolve(base, p);
  if (typeof program === 'string') return finish(abs(program), [[abs(program)]], exists);
  if (isPathList(program)) { const files = program.map(abs); return finish(files, [files], exists); }
  if (!Array.isArray(program) || program.length === 0) return undefined;
  const images: string[][] = [];
  const out: Record<string, unknown>[] = [];
  for (const el of program) {
    if (!el || typeof el !== 'object' || Array.isArray(el)) return undefined;
    const files = (el as { files?: unknown }).files;
    const list = typeof files === 'string' ? [files] : files;
    if (!isPathList(list)) return undefined;
    const resolved = list.map(abs);
    images.push(resolved);
    out.push({ ...(el as Record<string, unknown>), files: resolved });
  }
  return finish(out, images, exists);
}

export interface ResolvedVms {
  /** The VMs with each program made absolute (other fields as given). */
  vms: Record<string, unknown>[];
  /** Each VM's files (assembled and linked together, as the adapter will). */
  images: string[][];
  missing: string[];
}

/**
 * launch.json `vms` (guests under the built-in VMM): each VM's `program` (a path or a list of
 * paths) made absolute against `cwd`. Undefined for a shape this side does not resolve; the
 * adapter then says what is wrong with which element.
 */
export function resolveVms(vms: unknown, base: string, exists: (file: string) => boolean): ResolvedVms | undefined {
  if (!Array.isArray(vms) || vms.length === 0) return undefined;
  const out: Record<string, unknown>[] = [];
  const images: string[][] = [];
  for (const vm of vms) {
    if (!vm || typeof vm !== 'object' || Array.isArray(vm)) return undefined;
    const program = (vm as { program?: unknown }).program;
    const list = typeof program === 'string' ? [program] : program;
    if (!isPathList(list)) return undefined;
    const files = list.map((p) => path.resolve(base, p));
    images.push(files);
    out.push({ ...(vm as Record<string, unknown>), program: typeof program === 'string' ? files[0] : files });
  }
  return { vms: out, images, missing: images.flat().filter((f) => !exists(f)) };
}

function finish(program: ResolvedProgram['program'], images: string[][], exists: (file: string) => boolean): ResolvedProgram {
  return { program, images, missing: images.flat().filter((f) => !exists(f)) };
}
