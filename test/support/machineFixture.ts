import { Machine } from '../../src/engine/machine/machine';
import { rawImage } from '../../src/engine/loader/rawImage';
import { gnuAssemble } from './gnuAs';

export const DRAM = 0x80000000;

/** A machine with `source` (GNU syntax) assembled at 0x80000000 and the boot ROM already run. */
export function machineWith(source: string, opts: { harts?: number; memory?: number; hypervisor?: boolean; march?: string } = {}): Machine {
  const m = new Machine({ memory: opts.memory ?? 1 << 20, harts: opts.harts ?? 1, hypervisor: opts.hypervisor });
  m.load(rawImage(opts.march ? gnuAssemble(source, opts.march) : gnuAssemble(source), DRAM));
  // The reset vector in the boot ROM is 6 instructions; run them so tests start at the program.
  for (const h of m.harts) while ((h.pc >>> 0) !== DRAM) m.step(h.id, 1);
  return m;
}

/** Console output collected from the UART. */
export function collectOutput(m: Machine): { text: () => string } {
  let s = '';
  m.on((e) => { if (e.kind === 'uart-tx') s += String.fromCharCode(e.byte); });
  return { text: () => s };
}
