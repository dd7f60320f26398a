/* A C program for the debug adapter tests (built with riscv64-unknown-elf-gcc -g):
   source lines come from the ELF's DWARF line table. */
static int square(int x) {
  int y = x * x;
  return y;
}

volatile int result;

int main(void) {
  int sum = 0;
  for (int i = 1; i <= 3; i++) {
    result = square(i);
    sum += result;
  }
  return sum == 14 ? 0 : 1;
}
