#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { runCommand } from './runCommand';

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
    .description('run a bare-metal ELF (or raw image) on the QEMU-virt machine; UART is stdout/stdin')
    .argument('<file>', 'ELF executable (or raw binary with --raw ADDR)')
    .option('--mem <size>', 'DRAM size, e.g. 128M, 1G', '128M')
    .option('--harts <n>', 'number of harts', '1')
    .option('--max-insns <n>', 'stop with exit code 124 after this many instructions')
    .option('--stats [format]', 'print instructions, seconds, MIPS and traps on stderr (format: text|json)')
    .option('--trace', 'print every retired instruction on stderr')
    .option('--raw <addr>', 'load FILE as a raw image at ADDR (entry = ADDR)')
    .option('--compat <mode>', 'spec (default) or qemu-7.2: follow QEMU 7.2 where it departs from the spec')
    .action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
      const code = await runCommand(file, opts);
      process.exitCode = code;
    });

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
