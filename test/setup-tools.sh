#!/usr/bin/env bash
# Installs the Debian packages the tests use as oracles (QEMU, GNU binutils/gcc for RISC-V),
# only when they are missing. Safe to run repeatedly.
set -euo pipefail
need=""
for p in qemu-system-misc gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf device-tree-compiler; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  echo "installing Debian packages:$need" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq $need >/dev/null
fi
