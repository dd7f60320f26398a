/** The engine's public surface: what the CLI, the debug adapter and tests build on. */
export { Machine, MachineConfig, StopEvent, MachineEvent } from './machine/machine';
export { Hart, TrapInfo, PRV_M, PRV_S, PRV_U } from './cpu/hart';
export { parseElf, isElf, ElfError, ElfImage } from './loader/elf';
export { rawImage } from './loader/rawImage';
export { disassemble, ABI_NAMES } from './isa/disassembler';
export { INSTRUCTIONS, COMPRESSED } from './isa/instructions';
export { CSRS, csrByName, csrByNumber } from './isa/csrs';
export { VIRT } from './machine/virtLayout';
export { causeName } from './cpu/causeNames';
export { assemble, formatDiagnostic } from './asm';
export { History } from './machine/history';
