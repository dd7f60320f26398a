/**
 * THE CSR table: number, name, extension and a one-line description. The CSR file, the
 * assembler's CSR names, the disassembler and hover docs all come from here.
 */
export type CsrExtension = 'Zicntr' | 'Zihpm' | 'S' | 'M' | 'H' | 'PMP' | 'Debug';

export interface CsrSpec {
  readonly num: number;
  readonly name: string;
  readonly ext: CsrExtension;
  readonly doc: string;
}

const list: CsrSpec[] = [];
const add = (num: number, name: string, ext: CsrExtension, doc: string): void => { list.push({ num, name, ext, doc }); };

// Unprivileged counters (Zicntr / Zihpm).
add(0xc00, 'cycle', 'Zicntr', 'Cycle counter, low 32 bits (read-only shadow of mcycle).');
add(0xc01, 'time', 'Zicntr', 'Real-time counter, low 32 bits (the CLINT mtime).');
add(0xc02, 'instret', 'Zicntr', 'Instructions retired, low 32 bits (shadow of minstret).');
for (let i = 3; i <= 31; i++) add(0xc00 + i, `hpmcounter${i}`, 'Zihpm', `Hardware performance counter ${i}, low 32 bits.`);
add(0xc80, 'cycleh', 'Zicntr', 'Cycle counter, high 32 bits.');
add(0xc81, 'timeh', 'Zicntr', 'Real-time counter, high 32 bits.');
add(0xc82, 'instreth', 'Zicntr', 'Instructions retired, high 32 bits.');
for (let i = 3; i <= 31; i++) add(0xc80 + i, `hpmcounter${i}h`, 'Zihpm', `Hardware performance counter ${i}, high 32 bits.`);

// Supervisor.
add(0x100, 'sstatus', 'S', 'Supervisor status: the S-visible view of mstatus (SIE, SPIE, SPP, SUM, MXR, ...).');
add(0x104, 'sie', 'S', 'Supervisor interrupt enable (bits delegated through mideleg).');
add(0x105, 'stvec', 'S', 'Supervisor trap vector base address and mode (0 direct, 1 vectored).');
add(0x106, 'scounteren', 'S', 'Supervisor counter enable: which counters U-mode may read.');
add(0x10a, 'senvcfg', 'S', 'Supervisor environment configuration.');
add(0x140, 'sscratch', 'S', 'Supervisor scratch register.');
add(0x141, 'sepc', 'S', 'Supervisor exception program counter.');
add(0x142, 'scause', 'S', 'Supervisor trap cause (bit 31 = interrupt).');
add(0x143, 'stval', 'S', 'Supervisor trap value (faulting address or instruction).');
add(0x144, 'sip', 'S', 'Supervisor interrupt pending.');
add(0x180, 'satp', 'S', 'Supervisor address translation and protection: MODE (Bare/Sv32), ASID, root PPN.');

// Hypervisor and virtual supervisor.
add(0x600, 'hstatus', 'H', 'Hypervisor status: SPV, SPVP, GVA, VTSR, VTW, VTVM, HU, VGEIN.');
add(0x602, 'hedeleg', 'H', 'Hypervisor exception delegation to VS-mode.');
add(0x603, 'hideleg', 'H', 'Hypervisor interrupt delegation to VS-mode.');
add(0x604, 'hie', 'H', 'Hypervisor interrupt enable (VS and guest-external bits).');
add(0x605, 'htimedelta', 'H', 'Offset added to time for VS/VU-mode, low 32 bits.');
add(0x606, 'hcounteren', 'H', 'Hypervisor counter enable for VS/VU-mode.');
add(0x607, 'hgeie', 'H', 'Hypervisor guest external interrupt enable.');
add(0x60a, 'henvcfg', 'H', 'Hypervisor environment configuration.');
add(0x615, 'htimedeltah', 'H', 'Offset added to time for VS/VU-mode, high 32 bits.');
add(0x61a, 'henvcfgh', 'H', 'Hypervisor environment configuration, high 32 bits.');
add(0x643, 'htval', 'H', 'Hypervisor trap value: guest physical address >> 2.');
add(0x644, 'hip', 'H', 'Hypervisor interrupt pending.');
add(0x645, 'hvip', 'H', 'Hypervisor virtual interrupt pending: inject VS interrupts.');
add(0x64a, 'htinst', 'H', 'Hypervisor trap instruction (transformed).');
add(0x680, 'hgatp', 'H', 'Hypervisor guest address translation: MODE (Bare/Sv32x4), VMID, root PPN.');
add(0xe12, 'hgeip', 'H', 'Hypervisor guest external interrupt pending (read-only).');
add(0x200, 'vsstatus', 'H', 'Virtual supervisor status (sstatus when V=1).');
add(0x204, 'vsie', 'H', 'Virtual supervisor interrupt enable.');
add(0x205, 'vstvec', 'H', 'Virtual supervisor trap vector.');
add(0x240, 'vsscratch', 'H', 'Virtual supervisor scratch.');
add(0x241, 'vsepc', 'H', 'Virtual supervisor exception pc.');
add(0x242, 'vscause', 'H', 'Virtual supervisor trap cause.');
add(0x243, 'vstval', 'H', 'Virtual supervisor trap value.');
add(0x244, 'vsip', 'H', 'Virtual supervisor interrupt pending.');
add(0x280, 'vsatp', 'H', 'Virtual supervisor address translation (the VS stage).');

// Machine.
add(0xf11, 'mvendorid', 'M', 'Vendor ID (read-only).');
add(0xf12, 'marchid', 'M', 'Architecture ID (read-only).');
add(0xf13, 'mimpid', 'M', 'Implementation ID (read-only).');
add(0xf14, 'mhartid', 'M', 'Hart ID (read-only).');
add(0xf15, 'mconfigptr', 'M', 'Pointer to the configuration data structure (read-only).');
add(0x300, 'mstatus', 'M', 'Machine status: MIE, MPIE, MPP, SIE, SPIE, SPP, MPRV, SUM, MXR, TVM, TW, TSR, ...');
add(0x301, 'misa', 'M', 'ISA and extensions (MXL = 1 for RV32).');
add(0x302, 'medeleg', 'M', 'Machine exception delegation to S-mode.');
add(0x303, 'mideleg', 'M', 'Machine interrupt delegation to S-mode.');
add(0x304, 'mie', 'M', 'Machine interrupt enable.');
add(0x305, 'mtvec', 'M', 'Machine trap vector base address and mode (0 direct, 1 vectored).');
add(0x306, 'mcounteren', 'M', 'Machine counter enable: which counters S/U-mode may read.');
add(0x30a, 'menvcfg', 'M', 'Machine environment configuration, low 32 bits.');
add(0x310, 'mstatush', 'M', 'Machine status, high 32 bits (MBE, SBE, MPV, GVA).');
add(0x31a, 'menvcfgh', 'M', 'Machine environment configuration, high 32 bits.');
add(0x320, 'mcountinhibit', 'M', 'Machine counter inhibit.');
for (let i = 3; i <= 31; i++) add(0x320 + i, `mhpmevent${i}`, 'Zihpm', `Event selector for mhpmcounter${i}.`);
add(0x340, 'mscratch', 'M', 'Machine scratch register.');
add(0x341, 'mepc', 'M', 'Machine exception program counter.');
add(0x342, 'mcause', 'M', 'Machine trap cause (bit 31 = interrupt).');
add(0x343, 'mtval', 'M', 'Machine trap value (faulting address or instruction bits).');
add(0x344, 'mip', 'M', 'Machine interrupt pending.');
add(0x34a, 'mtinst', 'H', 'Machine trap instruction (transformed).');
add(0x34b, 'mtval2', 'H', 'Machine second trap value: guest physical address >> 2.');
for (let i = 0; i < 4; i++) add(0x3a0 + i, `pmpcfg${i}`, 'PMP', `PMP configuration for entries ${4 * i}..${4 * i + 3} (L, A, X, W, R per byte).`);
for (let i = 0; i < 16; i++) add(0x3b0 + i, `pmpaddr${i}`, 'PMP', `PMP address ${i} (physical address bits 33:2).`);
add(0xb00, 'mcycle', 'M', 'Machine cycle counter, low 32 bits.');
add(0xb02, 'minstret', 'M', 'Machine instructions-retired counter, low 32 bits.');
for (let i = 3; i <= 31; i++) add(0xb00 + i, `mhpmcounter${i}`, 'Zihpm', `Machine performance counter ${i}, low 32 bits.`);
add(0xb80, 'mcycleh', 'M', 'Machine cycle counter, high 32 bits.');
add(0xb82, 'minstreth', 'M', 'Machine instructions-retired counter, high 32 bits.');
for (let i = 3; i <= 31; i++) add(0xb80 + i, `mhpmcounter${i}h`, 'Zihpm', `Machine performance counter ${i}, high 32 bits.`);
add(0x7a0, 'tselect', 'Debug', 'Debug trigger select.');
add(0x7a1, 'tdata1', 'Debug', 'Debug trigger data 1.');
add(0x7a2, 'tdata2', 'Debug', 'Debug trigger data 2.');
add(0x7a3, 'tdata3', 'Debug', 'Debug trigger data 3.');

export const CSRS: readonly CsrSpec[] = list;
const byNum = new Map(list.map((c) => [c.num, c]));
const byName = new Map(list.map((c) => [c.name, c]));
export function csrByNumber(num: number): CsrSpec | undefined { return byNum.get(num); }
export function csrByName(name: string): CsrSpec | undefined { return byName.get(name); }

/** Named CSR numbers used by the engine. */
export const CSR = {
  sstatus: 0x100, sie: 0x104, stvec: 0x105, scounteren: 0x106, senvcfg: 0x10a, sscratch: 0x140, sepc: 0x141,
  scause: 0x142, stval: 0x143, sip: 0x144, satp: 0x180,
  mstatus: 0x300, misa: 0x301, medeleg: 0x302, mideleg: 0x303, mie: 0x304, mtvec: 0x305, mcounteren: 0x306,
  menvcfg: 0x30a, mstatush: 0x310, menvcfgh: 0x31a, mcountinhibit: 0x320, mscratch: 0x340, mepc: 0x341,
  mcause: 0x342, mtval: 0x343, mip: 0x344, pmpcfg0: 0x3a0, pmpaddr0: 0x3b0, mcycle: 0xb00, minstret: 0xb02,
  mcycleh: 0xb80, minstreth: 0xb82, cycle: 0xc00, time: 0xc01, instret: 0xc02, cycleh: 0xc80, timeh: 0xc81,
  instreth: 0xc82, mvendorid: 0xf11, marchid: 0xf12, mimpid: 0xf13, mhartid: 0xf14, mconfigptr: 0xf15,
} as const;
