// Printer cases that test-data/isa/all_forms.s cannot produce from assembly
// (extreme immediates and offsets, calls and ld_imm64 kinds that only
// relocations create). Expected strings follow the format strings of
// print_bpf_insn() in kernel/bpf/disasm.c, quoted next to each case.
#include "cfg/isa/printer.hpp"

#include <catch2/catch.hpp>

#include <climits>

using namespace bpfcheck::isa;

TEST_CASE("extreme immediates and offsets print as the kernel's %d, %+d and 0x%x do", "[isa][printer]") {
    // "(%02x) %c%d %s %d"
    CHECK(format_with_opcode(Alu{AluOp::Mov, true, 1, Operand{false, 0, INT32_MIN}, 0}, 0xb7) ==
          "(b7) r1 = -2147483648");
    CHECK(format_with_opcode(Alu{AluOp::Xor, false, 9, Operand{false, 0, INT32_MAX}, 0}, 0xa4) ==
          "(a4) w9 ^= 2147483647");
    // "(%02x) r%d = *(%s *)(r%d %+d)"
    CHECK(format_with_opcode(Load{0, 10, INT16_MIN, 8, false}, 0x79) == "(79) r0 = *(u64 *)(r10 -32768)");
    CHECK(format_with_opcode(Load{0, 1, INT16_MAX, 1, true}, 0x91) == "(91) r0 = *(s8 *)(r1 +32767)");
    // "(%02x) *(%s *)(r%d %+d) = %d"
    CHECK(format_with_opcode(Store{10, -8, 8, Operand{false, 0, INT32_MIN}}, 0x7a) ==
          "(7a) *(u64 *)(r10 -8) = -2147483648");
    // "(%02x) if %c%d %s 0x%x goto pc%+d": the immediate as unsigned hex
    CHECK(format_with_opcode(Jump{JumpCond::SLt, false, 3, Operand{false, 0, INT32_MIN}, INT16_MIN, false}, 0xc5) ==
          "(c5) if r3 s< 0x80000000 goto pc-32768");
    CHECK(format_with_opcode(Jump{JumpCond::Ne, true, 3, Operand{false, 0, -1}, 0, false}, 0x56) ==
          "(56) if w3 != 0xffffffff goto pc+0");
    // "(%02x) gotol pc%+d" with the 32-bit imm
    CHECK(format_with_opcode(Jump{JumpCond::Always, false, 0, Operand{}, INT32_MIN, true}, 0x06) ==
          "(06) gotol pc-2147483648");
    // "(%02x) r0 = *(%s *)skb[r%d + %d]"
    CHECK(format_with_opcode(LoadPacket{true, 7, -2, 4}, 0x40) == "(40) r0 = *(u32 *)skb[r7 + -2]");
    // "(%02x) r%d = %s" with "0x%llx" of the 64-bit value
    CHECK(format_with_opcode(LoadImm64{3, Imm64Kind::Value, 0, 0}, 0x18) == "(18) r3 = 0x0");
    CHECK(format_with_opcode(LoadImm64{3, Imm64Kind::Value, INT32_MIN, INT32_MIN}, 0x18) ==
          "(18) r3 = 0x8000000080000000");
    // "(%02x) r%d = addr_space_cast(r%d, %d, %d)"
    CHECK(format_with_opcode(AddrSpaceCast{1, 2, 1, 0}, 0xbf) == "(bf) r1 = addr_space_cast(r2, 1, 0)");
}

TEST_CASE("calls print as the kernel's \"call %s#%d\" and \"call pc%s\"", "[isa][printer]") {
    CHECK(format_with_opcode(Call{CallKind::Helper, 12, 0}, 0x85) == "(85) call bpf_tail_call#12");
    // func_get_name(): ids outside func_id_str keep the preset "unknown".
    CHECK(format_with_opcode(Call{CallKind::Helper, -1, 0}, 0x85) == "(85) call unknown#-1");
    CHECK(format_with_opcode(Call{CallKind::Helper, INT32_MAX, 0}, 0x85) == "(85) call unknown#2147483647");
    // BPF_PSEUDO_CALL: snprintf(buff, len, "%+d", insn->imm)
    CHECK(format_with_opcode(Call{CallKind::Local, -4, 0}, 0x85) == "(85) call pc-4");
    CHECK(format_with_opcode(Call{CallKind::Local, 0, 0}, 0x85) == "(85) call pc+0");
    // A kfunc call prints the callback's name (the BTF name, our relocation symbol).
    CHECK(format_with_opcode(Call{CallKind::Kfunc, 77, 0}, 0x85, "bpf_obj_new_impl") ==
          "(85) call bpf_obj_new_impl#77");
}

TEST_CASE("a kfunc call without a name prints as the kernel's fallback", "[isa][printer][kernel-divergence]") {
    // kernel/bpf/disasm.c, __func_get_name(): when no callback names it,
    //     else if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
    //         snprintf(buff, len, "kernel-function");
    CHECK(format_with_opcode(Call{CallKind::Kfunc, 77, 0}, 0x85) == "(85) call kernel-function#77");
}
