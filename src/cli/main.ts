#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { runCommand } from './runCommand';
import { compareCommand } from './compareCommand';
import { AsmCommandOptions, asmCommand, disasmCommand } from './asmCommand';
import { dapCommand } from '../debugAdapter/main';

/** `hyperstep`: the engine headless. Usage errors exit 2. */
export function main(argv: string[]): void {
  const program = new Command();
  program
    .name('hyperstep')
    .description('RISC-V (RV32 + H) system emulator and VMM: run, assemble and debug bare-metal programs and guests')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program.command('run')
    .description('run a bare-metal program on the QEMU-virt machine: an ELF, a raw image, or .s/.S files (assembled and linked); UART is stdout/stdin')
    .argument('<files...>', 'ELF executable, raw binary (with --raw ADDR), or assembly sources')
    .option('--mem <size>', 'DRAM size, e.g. 128M, 1G', '128M')
    .option('--harts <n>', 'number of harts', '1')
    .option('--max-insns <n>', 'stop with exit code 124 after this many instructions (one that traps counts)')
    .option('--stats [format]', 'print instructions, seconds, MIPS and traps on stderr (format: text|json)')
    .option('--trace', 'print every retired instruction on stderr')
    .option('--raw <addr>', 'load FILE as a raw image at ADDR (entry = ADDR)')
    .option('--image <file[@addr]>', 'also load this ELF or assembly image (a guest), moved to physical ADDR; repeatable',
      (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--compat <mode>', 'spec (default) or qemu-7.2: follow QEMU 7.2 where it departs from the spec')
    .option('--no-hypervisor', 'a hart without the hypervisor extension (misa.H clear; H is on by default, as on QEMU\'s rv32)')
    .option('--sbi <mode>', 'none (default: bare metal, M-mode at the entry) or builtin: a built-in SBI runs the program in S-mode')
    .option('--vmm <paging>', 'run FILE as a guest kernel under the built-in VMM (paging: nested, shadow or paravirt)')
    .option('--vcpus <n>', 'vCPUs of the guest (with --vmm)', '1')
    .option('--guest-mem <size>', 'guest RAM (with --vmm)', '64M')
    .option('--mapping <when>', 'lazy (default: back guest pages on first touch) or eager (with --vmm)')
    .option('--vm <file[,name=N][,vcpus=N][,mem=SIZE][,paging=P]>', 'another VM (with --vmm; paging= overrides --vmm for it); repeatable', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--previrtualize', 'previrtualize every image assembled from .s/.S here: sensitive instructions become PV hypercalls (docs/PARAVIRT.md)')
    .action(async (files: string[], opts: Record<string, string | boolean | undefined>) => {
      const code = await runCommand(files, opts);
      process.exitCode = code;
    });

  program.command('compare')
    .description('run one guest kernel under each way of virtualizing it and tabulate exits, VMM work, TLB misses and speed')
    .argument('<files...>', 'the guest: assembly sources (previrt needs them) or an ELF')
    .option('--modes <list>', 'comma-separated: bare, nested, shadow, paravirt, previrt', 'nested,shadow,paravirt,previrt')
    .option('--vcpus <n>', 'vCPUs of the guest', '1')
    .option('--guest-mem <size>', 'guest RAM', '64M')
    .option('--max-insns <n>', 'stop each run after this many instructions')
    .option('--ignore <regex>', 'lines of the guest\'s output to leave out when checking every mode printed the same (e.g. its own timings)')
    .option('--json', 'print the comparison as JSON')
    .action((files: string[], opts: Record<string, string | boolean | undefined>) => {
      process.exitCode = compareCommand(files, opts);
    });

  program.command('asm')
    .description('assemble and link GNU-syntax RISC-V assembly into an ELF executable')
    .argument('<files...>', '.s/.S sources')
    .option('-o, --output <file>', 'output ELF (default: first input with .elf)')
    .option('--march <isa>', 'ISA string, e.g. rv32imac_zicsr_zifencei_h')
    .option('--text-base <addr>', 'address of .text (default 0x80000000)')
    .option('--map <file>', 'linker map: lines `SECTION = ADDRESS`')
    .option('--lines <file>', 'also write the line table as JSON')
    .option('--previrtualize', 'rewrite sensitive instructions into PV hypercall sequences, with a .hyperstep.previrt note section (docs/PARAVIRT.md)')
    .action((files: string[], o: AsmCommandOptions) => { process.exitCode = asmCommand(files, o); });

  program.command('disasm')
    .description('disassemble an ELF like objdump -d')
    .argument('<file>', 'ELF executable')
    .option('--no-aliases', 'print base instructions only (objdump -M no-aliases)')
    .action((f: string, o: { aliases?: boolean }) => { process.exitCode = disasmCommand(f, { noAliases: o.aliases === false }); });

  program.command('dap')
    .description('serve the debug adapter (DAP) over stdio, or over TCP with --port (one session per connection)')
    .option('--port <n>', 'listen on this TCP port (0: any free port) instead of stdio')
    .option('--host <addr>', 'interface to listen on with --port', '127.0.0.1')
    .action((o: { port?: string; host?: string }) => { dapCommand(o); });

  program.parseAsync(argv).catch((e: unknown) => {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`hyperstep: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}

if (require.main === module) main(process.argv);
