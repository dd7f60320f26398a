/**
 * Executable operation ids. The decoder (generated from the instruction table) maps encodings to
 * these; the interpreter switches on them. Compressed encodings decode to their base operation.
 * A `const enum` so the interpreter's switch compiles to a dense jump table.
 */
export const enum Op {
  /** Engine-internal: a predecoded slot not decoded yet (fresh pages are all zero). */
  UNDECODED = 0,
  ILLEGAL,
  /** Engine-internal: end of a predecoded page (sentinel slot). */
  PAGE_END,
  /** Engine-internal: a 32-bit instruction that straddles a page boundary. */
  CROSS_PAGE,
  /** Engine-internal: a breakpoint armed in a page's slots (Breakpoints.armedSlots). */
  BREAKPOINT,
  LUI, AUIPC, JAL, JALR,
  BEQ, BNE, BLT, BGE, BLTU, BGEU,
  LB, LH, LW, LBU, LHU, SB, SH, SW,
  ADDI, SLTI, SLTIU, XORI, ORI, ANDI, SLLI, SRLI, SRAI,
  ADD, SUB, SLL, SLT, SLTU, XOR, SRL, SRA, OR, AND,
  FENCE, FENCE_I, ECALL, EBREAK,
  CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI,
  MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU,
  LR_W, SC_W, AMOSWAP_W, AMOADD_W, AMOXOR_W, AMOAND_W, AMOOR_W, AMOMIN_W, AMOMAX_W, AMOMINU_W, AMOMAXU_W,
  MRET, SRET, WFI, SFENCE_VMA,
  HFENCE_VVMA, HFENCE_GVMA,
  HLV_B, HLV_BU, HLV_H, HLV_HU, HLV_W, HLVX_HU, HLVX_WU, HSV_B, HSV_H, HSV_W,
  /** Number of operation ids. */
  COUNT,
}
