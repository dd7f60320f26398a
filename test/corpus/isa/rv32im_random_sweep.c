/* A pseudo-random sweep of RV32I and RV32M register-register operations (add sub sll srl sra
   slt sltu xor or and mul mulh mulhsu mulhu div divu rem remu) over 4000 operand pairs from a
   fixed LCG, mixed with the corner values 0, 1, -1, INT_MIN, INT_MAX. Each instruction's
   results fold into its own checksum, printed per instruction, so a single wrong result
   shows which instruction differs. Also 64-bit C arithmetic through libgcc. */
#include "corpus.h"

#define OP(name) \
  static inline uint32_t op_##name(uint32_t a, uint32_t b) { \
    uint32_t r; __asm__ volatile(#name " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
OP(add) OP(sub) OP(sll) OP(srl) OP(sra) OP(slt) OP(sltu) OP(xor) OP(or) OP(and)
OP(mul) OP(mulh) OP(mulhsu) OP(mulhu) OP(div) OP(divu) OP(rem) OP(remu)

typedef uint32_t (*binary_op)(uint32_t, uint32_t);
static const struct { const char *name; binary_op fn; } ops[] = {
  {"add", op_add}, {"sub", op_sub}, {"sll", op_sll}, {"srl", op_srl}, {"sra", op_sra},
  {"slt", op_slt}, {"sltu", op_sltu}, {"xor", op_xor}, {"or", op_or}, {"and", op_and},
  {"mul", op_mul}, {"mulh", op_mulh}, {"mulhsu", op_mulhsu}, {"mulhu", op_mulhu},
  {"div", op_div}, {"divu", op_divu}, {"rem", op_rem}, {"remu", op_remu},
};
#define OP_COUNT (sizeof ops / sizeof ops[0])

static uint32_t lcg_state = 0x12345678u;
static uint32_t next_random(void) {
  lcg_state = lcg_state * 1664525u + 1013904223u;
  return lcg_state;
}

static const uint32_t corners[] = {0, 1, 0xffffffffu, 0x80000000u, 0x7fffffffu, 2, 0xfffffffeu};

/* a random operand: sometimes a corner value, sometimes small, usually a full word */
static uint32_t operand(void) {
  uint32_t r = next_random();
  switch (r >> 29) {
    case 0: return corners[(r >> 8) % (sizeof corners / sizeof corners[0])];
    case 1: return (r >> 8) & 0x3f;
    default: return next_random() ^ (r << 7);
  }
}

/* FNV-1a over the result words */
static uint32_t fold(uint32_t hash, uint32_t value) {
  for (int i = 0; i < 4; i++) { hash ^= (value >> (8 * i)) & 0xff; hash *= 16777619u; }
  return hash;
}

int main(void) {
  uint32_t checksums[OP_COUNT];
  for (unsigned i = 0; i < OP_COUNT; i++) checksums[i] = 2166136261u;
  for (int n = 0; n < 4000; n++) {
    uint32_t a = operand(), b = operand();
    for (unsigned i = 0; i < OP_COUNT; i++) checksums[i] = fold(checksums[i], ops[i].fn(a, b));
  }
  for (unsigned i = 0; i < OP_COUNT; i++) putln(ops[i].name, checksums[i]);

  /* 64-bit arithmetic compiled to libgcc calls and RV32M sequences */
  volatile uint64_t x = 0xfedcba9876543210ull, y = 0x0000000123456789ull;
  volatile int64_t sx = -0x123456789abcdefll, sy = 12345;
  uint64_t q = x / y, r = x % y, p = x * y;
  int64_t sq = sx / sy, sr = sx % sy;
  putln("u64_div_hi", (uint32_t)(q >> 32)); putln("u64_div_lo", (uint32_t)q);
  putln("u64_rem_hi", (uint32_t)(r >> 32)); putln("u64_rem_lo", (uint32_t)r);
  putln("u64_mul_hi", (uint32_t)(p >> 32)); putln("u64_mul_lo", (uint32_t)p);
  putln("s64_div_hi", (uint32_t)((uint64_t)sq >> 32)); putln("s64_div_lo", (uint32_t)sq);
  putln("s64_rem_hi", (uint32_t)((uint64_t)sr >> 32)); putln("s64_rem_lo", (uint32_t)sr);
  putln("u64_shift", (uint32_t)((x << 13) >> 40));
  return 0;
}
