#!/usr/bin/env bash
# Rebuilds hello.elf with Debian's RISC-V toolchain (the committed ELF is this script's output).
set -euo pipefail
cd "$(dirname "$0")"
riscv64-unknown-elf-gcc -march=rv32imac_zicsr_zifencei -mabi=ilp32 -nostdlib -nostartfiles -T link.ld hello.s -o hello.elf
