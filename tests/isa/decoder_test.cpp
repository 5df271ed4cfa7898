// Decoder tests: malformed encodings the kernel rejects, and decoded structs
// that carry the right fields.
//
// The oracle for "rejects" is the kernel: bpf_opcode_in_insntable() in
// kernel/bpf/core.c for known opcodes, and the reserved-field checks of
// kernel/bpf/verifier.c (check_alu_op, check_cond_jmp_op, do_check's
// BPF_LDX/BPF_ST/BPF_STX/BPF_JMP branches, check_ld_imm, check_ld_abs,
// resolve_pseudo_ldimm64, check_subprogs, check_cfg). Each case names the
// kernel message it mirrors.
#include "cfg/isa/decoder.hpp"
#include "cfg/isa/instruction.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <set>
#include <string>
#include <vector>

using namespace bpfcheck::isa;

namespace {

RawInsn raw(std::uint8_t opcode, std::uint8_t dst = 0, std::uint8_t src = 0, std::int16_t off = 0,
            std::int32_t imm = 0) {
    return RawInsn{opcode, dst, src, off, imm};
}

constexpr RawInsn kExit{0x95, 0, 0, 0, 0};
constexpr RawInsn kMovR0{0xb7, 0, 0, 0, 0};  // r0 = 0

bool decodes(const RawInsn& insn) {
    const RawInsn next{};
    return decode_one(insn, &next).has_value();
}

std::string failure_of(const RawInsn& insn) {
    const RawInsn next{};
    auto result = decode_one(insn, &next);
    return result ? std::string{} : result.error().message;
}

// The opcodes of the kernel's public instruction table
// (kernel/bpf/core.c, BPF_INSN_MAP + the cBPF carry-overs, Linux 6.9-6.14).
std::set<int> kernel_insntable() {
    std::set<int> table;
    constexpr std::array<int, 13> alu_ops = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60,
                                             0x70, 0x90, 0xa0, 0xb0, 0xc0, 0x00};
    for (const int cls : {0x04, 0x07}) {
        for (std::size_t i = 0; i + 1 < alu_ops.size(); ++i) {
            table.insert(cls | alu_ops[i] | 0x00);  // BPF_K
            table.insert(cls | alu_ops[i] | 0x08);  // BPF_X
        }
        table.insert(cls | 0x80);  // INSN_2(ALU, NEG)
    }
    table.insert(0x04 | 0xd0 | 0x00);  // INSN_3(ALU, END, TO_LE)
    table.insert(0x04 | 0xd0 | 0x08);  // INSN_3(ALU, END, TO_BE)
    table.insert(0x07 | 0xd0 | 0x00);  // INSN_3(ALU64, END, TO_LE): bswap
    table.insert(0x85);                // INSN_2(JMP, CALL)
    table.insert(0x95);                // INSN_2(JMP, EXIT)
    for (const int cls : {0x05, 0x06}) {
        for (const int op : {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0}) {
            table.insert(cls | op | 0x00);
            table.insert(cls | op | 0x08);
        }
        table.insert(cls | 0x00);  // INSN_2(JMP, JA), INSN_2(JMP32, JA)
    }
    for (const int size : {0x00, 0x08, 0x10, 0x18}) {
        table.insert(0x03 | 0x60 | size);  // STX MEM
        table.insert(0x02 | 0x60 | size);  // ST MEM
        table.insert(0x01 | 0x60 | size);  // LDX MEM
    }
    for (const int size : {0x00, 0x08, 0x10}) {
        table.insert(0x01 | 0x80 | size);  // LDX MEMSX
        table.insert(0x00 | 0x20 | size);  // LD ABS
        table.insert(0x00 | 0x40 | size);  // LD IND
    }
    table.insert(0xc3);  // STX ATOMIC W
    table.insert(0xdb);  // STX ATOMIC DW
    table.insert(0x18);  // LD IMM DW
    table.insert(0xe5);  // JMP | JCOND (may_goto)
    return table;
}

}  // namespace

TEST_CASE("read_slots splits the bytes into the kernel's struct bpf_insn fields", "[isa][decoder]") {
    const std::vector<std::uint8_t> bytes = {
        0xbf, 0x21, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00,  // r1 = (s8)r2
        0x89, 0xa3, 0xfc, 0xff, 0x00, 0x00, 0x00, 0x00,  // r3 = *(s16 *)(r10 -4)
        0x18, 0x01, 0x00, 0x00, 0x90, 0x78, 0x56, 0x34,  // r1 = 0x1234567890 ll
        0x00, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x00,
        0x07, 0x0f, 0x00, 0x80, 0x00, 0x00, 0x00, 0x80,  // nibbles, off and imm at their extremes
        0xff,                                            // a stray byte: not a slot
    };
    const auto slots = read_slots(bytes);
    REQUIRE(slots.size() == 5);
    CHECK(slots[0] == raw(0xbf, 1, 2, 8, 0));
    CHECK(slots[1] == raw(0x89, 3, 10, -4, 0));
    CHECK(slots[2] == raw(0x18, 1, 0, 0, 0x34567890));
    CHECK(slots[3] == raw(0x00, 0, 0, 0, 0x12));
    CHECK(slots[4] == raw(0x07, 15, 0, INT16_MIN, INT32_MIN));
    CHECK(read_slots(std::span<const std::uint8_t>{}).empty());
}

TEST_CASE("every opcode byte either decodes or fails cleanly", "[isa][decoder]") {
    std::set<int> known;
    for (int opcode = 0; opcode < 256; ++opcode) {
        INFO("opcode 0x" << std::hex << opcode);
        const auto byte = static_cast<std::uint8_t>(opcode);
        // Zero fields, then imm = 16 (a byte swap needs a width): an opcode the
        // kernel knows decodes with one of them.
        bool any = false;
        for (const std::int32_t imm : {0, 16}) {
            const RawInsn next{};
            auto result = decode_one(raw(byte, 0, 0, 0, imm), &next);
            if (result) {
                any = true;
            } else {
                CHECK_FALSE(result.error().message.empty());
            }
            // No second slot at all: must not read past the end.
            auto alone = decode_one(raw(byte, 0, 0, 0, imm), nullptr);
            if (opcode != 0x18) {
                CHECK(alone.has_value() == result.has_value());
            } else {
                CHECK_FALSE(alone.has_value());
            }
        }
        if (any) {
            known.insert(opcode);
        }
    }
    std::set<int> expected = kernel_insntable();
    // Deliberate extension: callx (BPF_JMP | BPF_CALL | BPF_X), which LLVM
    // emits and no kernel accepts, is decoded so that it can be diagnosed.
    expected.insert(0x8d);
    std::vector<int> only_ours;
    std::vector<int> only_kernel;
    for (int opcode = 0; opcode < 256; ++opcode) {
        const bool ours = known.count(opcode) != 0;
        const bool kernel = expected.count(opcode) != 0;
        if (ours && !kernel) {
            only_ours.push_back(opcode);
        } else if (kernel && !ours) {
            only_kernel.push_back(opcode);
        }
    }
    CHECK(only_ours.empty());
    CHECK(only_kernel.empty());
    CHECK(known.size() == expected.size());
}

TEST_CASE("opcodes outside the kernel's instruction table are unknown", "[isa][decoder]") {
    // Each: a class/op/mode combination the kernel's insntable lacks.
    const std::array<std::uint8_t, 22> invalid = {
        0x00,  // LD | IMM | W: only the DW form (ld_imm64) exists
        0x08,  // LD | IMM | H
        0x38,  // LD | ABS | DW
        0x58,  // LD | IND | DW
        0x01,  // LDX | IMM
        0x99,  // LDX | MEMSX | DW
        0x02,  // ST | IMM
        0xc2,  // ST | ATOMIC (BPF_NOSPEC, kernel-internal)
        0xd3,  // STX | ATOMIC | B (not before Linux 6.15's load-acquire)
        0x8c,  // ALU | NEG | X
        0x8f,  // ALU64 | NEG | X
        0xdf,  // ALU64 | END | TO_BE
        0xe4,  // ALU op 0xe0
        0xf7,  // ALU64 op 0xf0
        0x86,  // JMP32 | CALL
        0x96,  // JMP32 | EXIT
        0xe6,  // JMP32 | JCOND
        0xf5,  // JMP op 0xf0
        0x9d,  // JMP | EXIT | X
        0xed,  // JMP | JCOND | X
        0x0d,  // JMP | JA | X (gotox, newer than any kernel we model)
        0x0e,  // JMP32 | JA | X
    };
    for (const std::uint8_t opcode : invalid) {
        INFO("opcode 0x" << std::hex << static_cast<int>(opcode));
        CHECK_FALSE(decodes(raw(opcode)));
        CHECK_FALSE(decodes(raw(opcode, 0, 0, 0, 16)));
    }
}

TEST_CASE("reserved fields must be zero, as the kernel's checks demand", "[isa][decoder]") {
    struct Case {
        const char* what;
        RawInsn insn;
    };
    const std::vector<Case> cases = {
        // check_alu_op: "BPF_ALU uses reserved fields"
        {"ALU with imm source uses src", raw(0x07, 1, 2, 0, 5)},
        {"ALU with register source uses imm", raw(0x0f, 1, 2, 0, 5)},
        {"ALU32 with imm source uses src", raw(0x04, 1, 2, 0, 5)},
        {"add with an offset", raw(0x0f, 1, 2, 1, 0)},
        {"div with offset 2", raw(0x3f, 1, 2, 2, 0)},
        {"mod with offset -1", raw(0x97, 1, 0, -1, 3)},
        {"sdiv (off 1) with a register source that uses imm", raw(0x3f, 1, 2, 1, 7)},
        // check_alu_op, BPF_MOV: "BPF_MOV uses reserved fields"
        {"mov imm with an offset", raw(0xb7, 1, 0, 8, 5)},
        {"mov imm with src", raw(0xb7, 1, 2, 0, 5)},
        {"mov reg with imm", raw(0xbf, 1, 2, 0, 5)},
        {"32-bit movsx from s32", raw(0xbc, 1, 2, 32, 0)},
        {"movsx with offset 24", raw(0xbf, 1, 2, 24, 0)},
        {"32-bit mov with offset 1", raw(0xbc, 1, 2, 1, 0)},
        {"addr_space_cast without address spaces", raw(0xbf, 1, 2, 1, 0)},
        // "BPF_NEG uses reserved fields"
        {"neg with imm", raw(0x87, 1, 0, 0, 1)},
        {"neg with src", raw(0x87, 1, 2, 0, 0)},
        {"neg with offset", raw(0x84, 1, 0, 1, 0)},
        // "BPF_END uses reserved fields"
        {"be16 with src", raw(0xdc, 1, 2, 0, 16)},
        {"le32 with offset", raw(0xd4, 1, 0, 1, 32)},
        {"be with width 8", raw(0xdc, 1, 0, 0, 8)},
        {"bswap with width 0", raw(0xd7, 1, 0, 0, 0)},
        {"bswap with width 128", raw(0xd7, 1, 0, 0, 128)},
        // do_check: "BPF_LDX uses reserved fields"
        {"ldx with imm", raw(0x61, 1, 2, 0, 1)},
        {"ldsx with imm", raw(0x91, 1, 2, 0, 1)},
        // "BPF_ST uses reserved fields"
        {"st with src", raw(0x62, 1, 2, 0, 5)},
        // "BPF_STX uses reserved fields"
        {"stx with imm", raw(0x63, 1, 2, 0, 5)},
        // check_atomic: "BPF_ATOMIC uses invalid atomic opcode"
        {"atomic sub (no such op)", raw(0xdb, 1, 2, 0, 0x10)},
        {"atomic xchg without BPF_FETCH", raw(0xdb, 1, 2, 0, 0xe0)},
        {"atomic cmpxchg without BPF_FETCH", raw(0xdb, 1, 2, 0, 0xf0)},
        {"atomic with the fetch bit alone on an unknown op", raw(0xc3, 1, 2, 0, 0x11)},
        {"atomic on 16 bits", raw(0xcb, 1, 2, 0, 0)},
        // check_ld_abs: "BPF_LD_[ABS|IND] uses reserved fields"
        {"ld_abs with dst", raw(0x20, 1, 0, 0, 4)},
        {"ld_abs with src", raw(0x20, 0, 3, 0, 4)},
        {"ld_ind with offset", raw(0x40, 0, 3, 2, 0)},
        // check_ld_imm / resolve_pseudo_ldimm64
        {"ld_imm64 with offset", raw(0x18, 1, 0, 1, 0)},
        {"ld_imm64 with unknown pseudo source 7", raw(0x18, 1, 7, 0, 0)},
        // "BPF_EXIT uses reserved fields"
        {"exit with imm", raw(0x95, 0, 0, 0, 1)},
        {"exit with dst", raw(0x95, 1, 0, 0, 0)},
        {"exit with src", raw(0x95, 0, 1, 0, 0)},
        // (The kernel does not check exit's offset; RFC 9669 reserves it and
        // the decoder rejects it, which no compiler output is affected by.)
        // "BPF_CALL uses reserved fields"
        {"call with dst", raw(0x85, 1, 0, 0, 1)},
        {"call with unknown src 3", raw(0x85, 0, 3, 0, 1)},
        {"helper call with offset", raw(0x85, 0, 0, 1, 1)},
        {"bpf-to-bpf call with offset", raw(0x85, 0, 1, 1, 1)},
        {"callx with imm", raw(0x8d, 1, 0, 0, 1)},
        // "BPF_JA uses reserved fields"
        {"goto with imm", raw(0x05, 0, 0, 1, 1)},
        {"goto with dst", raw(0x05, 1, 0, 0, 0)},
        {"goto with src", raw(0x05, 0, 1, 0, 0)},
        {"gotol with offset", raw(0x06, 0, 0, 1, 1)},
        // check_cond_jmp_op: "BPF_JMP/JMP32 uses reserved fields"
        {"jeq imm with src", raw(0x15, 1, 2, 0, 5)},
        {"jeq reg with imm", raw(0x1d, 1, 2, 0, 5)},
        {"jmp32 jgt reg with imm", raw(0x2e, 1, 2, 0, 5)},
        // "invalid may_goto"
        {"may_goto with imm", raw(0xe5, 0, 0, 1, 1)},
        {"may_goto with dst", raw(0xe5, 1, 0, 1, 0)},
        {"may_goto with src", raw(0xe5, 0, 1, 1, 0)},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        CHECK_FALSE(decodes(c.insn));
        CHECK_FALSE(failure_of(c.insn).empty());
    }
}

TEST_CASE("registers above r10 are rejected wherever they appear", "[isa][decoder]") {
    // check_reg_arg: "R%d is invalid"
    for (const std::uint8_t reg : {11, 12, 15}) {
        INFO("register r" << static_cast<int>(reg));
        CHECK_FALSE(decodes(raw(0xbf, reg, 1)));         // dst of mov
        CHECK_FALSE(decodes(raw(0xbf, 1, reg)));         // src of mov
        CHECK_FALSE(decodes(raw(0xb7, reg, 0, 0, 1)));   // dst of mov imm
        CHECK_FALSE(decodes(raw(0x61, reg, 1)));         // ldx dst
        CHECK_FALSE(decodes(raw(0x61, 1, reg)));         // ldx base
        CHECK_FALSE(decodes(raw(0x7b, reg, 1, -8)));     // stx base
        CHECK_FALSE(decodes(raw(0x7b, 10, reg, -8)));    // stx value
        CHECK_FALSE(decodes(raw(0xdb, reg, 2, 0, 0)));   // atomic base
        CHECK_FALSE(decodes(raw(0x1d, reg, 1)));         // jump dst
        CHECK_FALSE(decodes(raw(0x1d, 1, reg)));         // jump src
        CHECK_FALSE(decodes(raw(0x18, reg, 0, 0, 1)));   // ld_imm64 dst
        CHECK_FALSE(decodes(raw(0x40, 0, reg, 0, 0)));   // ld_ind src
        CHECK_FALSE(decodes(raw(0x8d, reg)));            // callx
        CHECK_FALSE(decodes(raw(0xd7, reg, 0, 0, 16)));  // bswap
    }
    CHECK(decodes(raw(0xbf, 10, 10)));  // r10 itself is a register (writing it is the analyzer's concern)
}

TEST_CASE("ld_imm64 needs a complete, well-formed second slot", "[isa][decoder]") {
    SECTION("truncated at the end of the program") {
        const std::vector<RawInsn> slots = {kMovR0, raw(0x18, 1, 0, 0, 5)};
        const auto result = decode_program(slots);
        REQUIRE_FALSE(result.failures.empty());
        CHECK(result.failures.front().index == 1);
        CHECK(result.insns.size() == slots.size());  // indices stay aligned
        CHECK_FALSE(decode_one(slots[1], nullptr).has_value());
    }
    SECTION("second slot with a non-zero opcode, dst, src or offset") {
        // resolve_pseudo_ldimm64: "invalid bpf_ld_imm64 insn"
        for (const RawInsn& tail : {raw(0x95), raw(0x00, 1), raw(0x00, 0, 1), raw(0x00, 0, 0, 1)}) {
            INFO("tail opcode " << int{tail.opcode} << " dst " << int{tail.dst} << " src " << int{tail.src} << " off "
                                << tail.offset);
            CHECK_FALSE(decode_one(raw(0x18, 1, 0, 0, 5), &tail).has_value());
            const std::vector<RawInsn> slots = {raw(0x18, 1, 0, 0, 5), tail, kExit};
            const auto result = decode_program(slots);
            REQUIRE_FALSE(result.failures.empty());
            CHECK(result.failures.front().index == 0);
        }
    }
    SECTION("the second slot's imm is the high word") {
        const RawInsn tail = raw(0x00, 0, 0, 0, -1);
        auto result = decode_one(raw(0x18, 1, 0, 0, 5), &tail);
        REQUIRE(result.has_value());
        const auto* load = std::get_if<LoadImm64>(&*result);
        REQUIRE(load != nullptr);
        CHECK(load->value() == 0xffffffff00000005ULL);
    }
    SECTION("a program ending in ld_imm64 falls off the end") {
        const std::vector<RawInsn> slots = {raw(0x18, 0, 0, 0, 5), raw(0x00)};
        const auto result = decode_program(slots);
        REQUIRE(result.failures.size() == 1);
        CHECK(result.failures.front().index == 1);
        REQUIRE(result.insns.size() == 2);
        CHECK(std::holds_alternative<Imm64Tail>(result.insns[1]));
    }
}

TEST_CASE("jumps must land inside the program and not inside an ld_imm64", "[isa][decoder]") {
    // check_subprogs: "jump out of range from insn %d to %d";
    // check_cfg / push_insn: "jump out of range" and "jump into the middle of ldimm64 insn %d"
    SECTION("forward past the end") {
        const std::vector<RawInsn> slots = {raw(0x05, 0, 0, 1), kExit};
        const auto result = decode_program(slots);
        REQUIRE(result.failures.size() == 1);
        CHECK(result.failures.front().index == 0);
    }
    SECTION("backward before the start") {
        const std::vector<RawInsn> slots = {kMovR0, raw(0x15, 0, 0, -3, 0), kExit};
        const auto result = decode_program(slots);
        REQUIRE(result.failures.size() == 1);
        CHECK(result.failures.front().index == 1);
    }
    SECTION("gotol far out of range in both directions") {
        for (const std::int32_t imm : {INT32_MAX, INT32_MIN, 2, -2}) {
            INFO("gotol imm " << imm);
            const std::vector<RawInsn> slots = {raw(0x06, 0, 0, 0, imm), kExit};
            const auto result = decode_program(slots);
            REQUIRE(result.failures.size() == 1);
            CHECK(result.failures.front().index == 0);
        }
    }
    SECTION("may_goto out of range") {
        const std::vector<RawInsn> slots = {raw(0xe5, 0, 0, 5), kExit};
        CHECK(decode_program(slots).failures.size() == 1);
    }
    SECTION("extreme 16-bit offsets") {
        for (const std::int16_t off : {INT16_MAX, INT16_MIN}) {
            const std::vector<RawInsn> slots = {raw(0x1d, 1, 2, off), kExit};
            CHECK(decode_program(slots).failures.size() == 1);
        }
    }
    SECTION("into the second slot of an ld_imm64") {
        const std::vector<RawInsn> slots = {raw(0x15, 1, 0, 1, 0), raw(0x18, 1, 0, 0, 5), raw(0x00), kExit};
        const auto result = decode_program(slots);
        REQUIRE(result.failures.size() == 1);
        CHECK(result.failures.front().index == 0);
    }
    SECTION("backward into the second slot of an ld_imm64") {
        const std::vector<RawInsn> slots = {raw(0x18, 1, 0, 0, 5), raw(0x00), raw(0x05, 0, 0, -2), kExit};
        const auto result = decode_program(slots);
        REQUIRE(result.failures.size() == 1);
        CHECK(result.failures.front().index == 2);
    }
    SECTION("to the last instruction and to the first are fine") {
        const std::vector<RawInsn> slots = {kMovR0, raw(0x15, 0, 0, 1, 0), raw(0x05, 0, 0, -3), kExit};
        CHECK(decode_program(slots).failures.empty());
    }
    SECTION("onto the first slot of an ld_imm64 is fine") {
        const std::vector<RawInsn> slots = {raw(0x15, 1, 0, 0, 0), raw(0x18, 1, 0, 0, 5), raw(0x00), kExit};
        CHECK(decode_program(slots).failures.empty());
    }
}

TEST_CASE("the last instruction may not fall off the end", "[isa][decoder]") {
    // check_cfg: "jump out of range from insn %d to %d" for the fall-through of the last insn
    CHECK(decode_program(std::vector<RawInsn>{kMovR0}).failures.size() == 1);
    CHECK(decode_program(std::vector<RawInsn>{kMovR0, raw(0x85, 0, 0, 0, 1)}).failures.size() == 1);   // call
    CHECK(decode_program(std::vector<RawInsn>{kMovR0, raw(0x15, 0, 0, -2, 0)}).failures.size() == 1);  // cond
    CHECK(decode_program(std::vector<RawInsn>{raw(0xe5, 0, 0, -1)}).failures.size() == 1);             // may_goto
    CHECK(decode_program(std::vector<RawInsn>{}).failures.size() == 1);                                // empty
    CHECK(decode_program(std::vector<RawInsn>{kMovR0, kExit}).failures.empty());
    CHECK(decode_program(std::vector<RawInsn>{kExit, raw(0x05, 0, 0, -2)}).failures.empty());     // goto back
    CHECK(decode_program(std::vector<RawInsn>{kExit, raw(0x06, 0, 0, 0, -2)}).failures.empty());  // gotol back
}

TEST_CASE("decode_program reports the failing slot and keeps indices aligned", "[isa][decoder]") {
    const std::vector<RawInsn> slots = {kMovR0, raw(0xf7), raw(0x18, 1, 0, 0, 5), raw(0x00), raw(0x95, 0, 0, 0, 9)};
    const auto result = decode_program(slots);
    REQUIRE(result.insns.size() == slots.size());
    REQUIRE(result.failures.size() == 2);
    CHECK(result.failures[0].index == 1);
    CHECK(result.failures[1].index == 4);
    CHECK(std::holds_alternative<LoadImm64>(result.insns[2]));
    CHECK(std::holds_alternative<Imm64Tail>(result.insns[3]));
}

TEST_CASE("decoded structs carry the encoded fields", "[isa][decoder]") {
    const auto decode = [](const RawInsn& insn, const RawInsn& next = RawInsn{}) {
        auto result = decode_one(insn, &next);
        INFO("opcode " << int{insn.opcode});
        REQUIRE(result.has_value());
        return *result;
    };
    CHECK(decode(raw(0x07, 3, 0, 0, -1)) == Instruction{Alu{AluOp::Add, true, 3, Operand{false, 0, -1}, 0}});
    CHECK(decode(raw(0xcc, 1, 9)) == Instruction{Alu{AluOp::Arsh, false, 1, Operand{true, 9, 0}, 0}});
    CHECK(decode(raw(0x84, 4)) == Instruction{Alu{AluOp::Neg, false, 4, Operand{}, 0}});
    CHECK(decode(raw(0x3f, 1, 2, 1)) == Instruction{Alu{AluOp::SDiv, true, 1, Operand{true, 2, 0}, 0}});
    CHECK(decode(raw(0x94, 1, 0, 1, -7)) == Instruction{Alu{AluOp::SMod, false, 1, Operand{false, 0, -7}, 0}});
    CHECK(decode(raw(0x9f, 1, 2, 0)) == Instruction{Alu{AluOp::Mod, true, 1, Operand{true, 2, 0}, 0}});
    CHECK(decode(raw(0xbf, 1, 2, 32)) == Instruction{Alu{AluOp::MovSx, true, 1, Operand{true, 2, 0}, 32}});
    CHECK(decode(raw(0xbc, 1, 2, 8)) == Instruction{Alu{AluOp::MovSx, false, 1, Operand{true, 2, 0}, 8}});
    CHECK(decode(raw(0xb4, 1, 0, 0, INT32_MIN)) ==
          Instruction{Alu{AluOp::Mov, false, 1, Operand{false, 0, INT32_MIN}, 0}});
    CHECK(decode(raw(0xbf, 1, 2, 1, 0x10000)) == Instruction{AddrSpaceCast{1, 2, 1, 0}});
    CHECK(decode(raw(0xdc, 5, 0, 0, 16)) == Instruction{Endian{ByteOrder::ToBig, 5, 16}});
    CHECK(decode(raw(0xd4, 5, 0, 0, 64)) == Instruction{Endian{ByteOrder::ToLittle, 5, 64}});
    CHECK(decode(raw(0xd7, 5, 0, 0, 32)) == Instruction{Endian{ByteOrder::Swap, 5, 32}});
    CHECK(decode(raw(0x71, 1, 2, 7)) == Instruction{Load{1, 2, 7, 1, false}});
    CHECK(decode(raw(0x89, 1, 10, -4)) == Instruction{Load{1, 10, -4, 2, true}});
    CHECK(decode(raw(0x81, 1, 2, INT16_MIN)) == Instruction{Load{1, 2, INT16_MIN, 4, true}});
    CHECK(decode(raw(0x79, 0, 1, 8)) == Instruction{Load{0, 1, 8, 8, false}});
    CHECK(decode(raw(0x7a, 10, 0, -8, -3)) == Instruction{Store{10, -8, 8, Operand{false, 0, -3}}});
    CHECK(decode(raw(0x6b, 10, 4, -2)) == Instruction{Store{10, -2, 2, Operand{true, 4, 0}}});
    CHECK(decode(raw(0xc3, 1, 2, 8, 0x51)) == Instruction{Atomic{AtomicOp::And, true, 1, 8, 2, 4}});
    CHECK(decode(raw(0xdb, 1, 2, -8, 0xa0)) == Instruction{Atomic{AtomicOp::Xor, false, 1, -8, 2, 8}});
    CHECK(decode(raw(0xdb, 1, 2, 0, 0xe1)) == Instruction{Atomic{AtomicOp::Xchg, true, 1, 0, 2, 8}});
    CHECK(decode(raw(0xc3, 1, 2, 0, 0xf1)) == Instruction{Atomic{AtomicOp::CmpXchg, true, 1, 0, 2, 4}});
    CHECK(decode(raw(0x18, 2, 2, 0, 3), raw(0, 0, 0, 0, 16)) == Instruction{LoadImm64{2, Imm64Kind::MapValue, 3, 16}});
    CHECK(decode(raw(0x18, 2, 6, 0, 3)) == Instruction{LoadImm64{2, Imm64Kind::MapIdxValue, 3, 0}});
    CHECK(decode(raw(0x30, 0, 0, 0, 14)) == Instruction{LoadPacket{false, 0, 14, 1}});
    CHECK(decode(raw(0x48, 0, 7, 0, -2)) == Instruction{LoadPacket{true, 7, -2, 2}});
    CHECK(decode(raw(0x26, 1, 0, 3, 5)) == Instruction{Jump{JumpCond::Gt, true, 1, Operand{false, 0, 5}, 3, false}});
    CHECK(decode(raw(0xdd, 1, 2, -1)) == Instruction{Jump{JumpCond::SLe, false, 1, Operand{true, 2, 0}, -1, false}});
    CHECK(decode(raw(0x4e, 1, 2, 0)) == Instruction{Jump{JumpCond::Set, true, 1, Operand{true, 2, 0}, 0, false}});
    CHECK(decode(raw(0x05, 0, 0, -7)) == Instruction{Jump{JumpCond::Always, false, 0, Operand{}, -7, false}});
    CHECK(decode(raw(0x06, 0, 0, 0, 70000)) == Instruction{Jump{JumpCond::Always, false, 0, Operand{}, 70000, true}});
    CHECK(decode(raw(0xe5, 0, 0, 4)) == Instruction{MayGoto{4}});
    CHECK(decode(raw(0x85, 0, 0, 0, 12)) == Instruction{Call{CallKind::Helper, 12, 0}});
    CHECK(decode(raw(0x85, 0, 1, 0, -5)) == Instruction{Call{CallKind::Local, -5, 0}});
    CHECK(decode(raw(0x85, 0, 2, 3, 777)) == Instruction{Call{CallKind::Kfunc, 777, 3}});
    CHECK(decode(raw(0x8d, 6)) == Instruction{CallX{6}});
    CHECK(decode(raw(0x95)) == Instruction{Exit{}});
}

TEST_CASE("control-flow helpers agree with the ISA", "[isa][decoder]") {
    const Instruction cond = Jump{JumpCond::Eq, false, 1, Operand{false, 0, 0}, 5, false};
    const Instruction go = Jump{JumpCond::Always, false, 0, Operand{}, -3, false};
    const Instruction gotol = Jump{JumpCond::Always, false, 0, Operand{}, 100000, true};
    CHECK(is_jump(cond));
    CHECK(falls_through(cond));
    CHECK(jump_target(cond, 10) == 16);
    CHECK_FALSE(falls_through(go));
    CHECK(jump_target(go, 10) == 8);
    CHECK(jump_target(gotol, 10) == 100011);
    CHECK(is_jump(Instruction{MayGoto{2}}));
    CHECK(falls_through(Instruction{MayGoto{2}}));
    CHECK(jump_target(Instruction{MayGoto{2}}, 0) == 3);
    CHECK_FALSE(is_jump(Instruction{Call{CallKind::Local, 4, 0}}));
    CHECK(falls_through(Instruction{Call{CallKind::Local, 4, 0}}));
    CHECK_FALSE(falls_through(Instruction{Exit{}}));
    CHECK_FALSE(is_jump(Instruction{Exit{}}));
}
