// The concrete interpreter on hand-written programs: what it must trap on
// (out-of-bounds packet, stack, map value and context accesses, NULL
// dereferences, uninitialised reads, pointer arithmetic the kernel forbids)
// and what it must not (BPF division by zero, checked accesses).
#include "cfg/isa/decoder.hpp"
#include "interp/interpreter.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bpfcheck;
using isa::RawInsn;

namespace {

RawInsn insn(std::uint8_t op, int dst, int src, int off, std::int32_t imm) {
    return RawInsn{op, static_cast<std::uint8_t>(dst), static_cast<std::uint8_t>(src), static_cast<std::int16_t>(off),
                   imm};
}

interp::ProgramImage program(const std::vector<RawInsn>& slots, std::string type = "xdp") {
    interp::ProgramImage image;
    image.type = std::move(type);
    const isa::DecodeResult decoded = isa::decode_program(slots);
    REQUIRE(decoded.failures.empty());
    image.insns = decoded.insns;
    image.packet_lengths = interp::interesting_packet_lengths(image.insns);
    image.refs.resize(slots.size());
    image.maps.push_back(interp::MapModel{2, 4, 16, 4, false, {}, false});  // an array map
    return image;
}

// Runs seeds until one ends with `outcome`; the runs draw packet sizes at random.
bool some_run_ends(const interp::ProgramImage& image, interp::Outcome outcome, std::string* message = nullptr) {
    for (std::uint64_t seed = 0; seed < 200; ++seed) {
        const interp::RunResult r = interp::run(image, seed);
        if (r.outcome == outcome) {
            if (message != nullptr) {
                *message = r.message;
            }
            return true;
        }
    }
    return false;
}

// r2 = data; r3 = data_end
const std::vector<RawInsn> kPacketPrologue = {insn(0x61, 2, 1, 0, 0), insn(0x61, 3, 1, 4, 0)};

std::vector<RawInsn> with_prologue(std::vector<RawInsn> body) {
    std::vector<RawInsn> out = kPacketPrologue;
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

}  // namespace

TEST_CASE("interp: a bounds-checked packet read never traps, an unchecked one does", "[interp]") {
    // r4 = r2 + 4; if r4 > r3 goto out; r0 = *(u32 *)(r2 + 0); out: r0 = 0; exit
    const auto checked =
        program(with_prologue({insn(0xbf, 4, 2, 0, 0), insn(0x07, 4, 0, 0, 4), insn(0x2d, 4, 3, 1, 0),
                               insn(0x61, 0, 2, 0, 0), insn(0xb7, 0, 0, 0, 0), insn(0x95, 0, 0, 0, 0)}));
    CHECK_FALSE(some_run_ends(checked, interp::Outcome::Trap));
    const auto unchecked = program(with_prologue({insn(0x61, 0, 2, 0, 0), insn(0x95, 0, 0, 0, 0)}));
    std::string message;
    REQUIRE(some_run_ends(unchecked, interp::Outcome::Trap, &message));
    CHECK(message.find("packet") != std::string::npos);
    // Off by one: checks 4 bytes, reads 4 bytes at offset 1.
    const auto off_by_one =
        program(with_prologue({insn(0xbf, 4, 2, 0, 0), insn(0x07, 4, 0, 0, 4), insn(0x2d, 4, 3, 1, 0),
                               insn(0x61, 0, 2, 1, 0), insn(0xb7, 0, 0, 0, 0), insn(0x95, 0, 0, 0, 0)}));
    CHECK(some_run_ends(off_by_one, interp::Outcome::Trap));
}

TEST_CASE("interp: division and modulo by zero follow BPF", "[interp]") {
    // r0 = 7; r1 = 0; r0 /= r1 (0); r0 += 5; r2 = 9; r2 %= r1 (9); r0 += r2; exit -> 14
    const auto image =
        program({insn(0xb7, 0, 0, 0, 7), insn(0xb7, 1, 0, 0, 0), insn(0x3f, 0, 1, 0, 0), insn(0x07, 0, 0, 0, 5),
                 insn(0xb7, 2, 0, 0, 9), insn(0x9f, 2, 1, 0, 0), insn(0x0f, 0, 2, 0, 0), insn(0x95, 0, 0, 0, 0)});
    const interp::RunResult r = interp::run(image, 1);
    REQUIRE(r.outcome == interp::Outcome::Exit);
    CHECK(r.r0 == 14);
}

TEST_CASE("interp: uninitialised reads, stack bounds and context fields trap", "[interp]") {
    std::string message;
    REQUIRE(some_run_ends(program({insn(0xbf, 0, 5, 0, 0), insn(0x95, 0, 0, 0, 0)}), interp::Outcome::Trap, &message));
    CHECK(message == "read of uninitialised register r5");
    // *(u64 *)(r10 + 0) = 1: past the frame.
    CHECK(some_run_ends(program({insn(0x7a, 10, 0, 0, 1), insn(0xb7, 0, 0, 0, 0), insn(0x95, 0, 0, 0, 0)}),
                        interp::Outcome::Trap));
    // *(u64 *)(r10 - 8) = 1; r0 = *(u64 *)(r10 - 8): fine.
    const auto spill = program({insn(0x7a, 10, 0, -8, 1), insn(0x79, 0, 10, -8, 0), insn(0x95, 0, 0, 0, 0)});
    const interp::RunResult r = interp::run(spill, 1);
    REQUIRE(r.outcome == interp::Outcome::Exit);
    CHECK(r.r0 == 1);
    // r0 = *(u32 *)(r1 + 24): past struct xdp_md.
    CHECK(some_run_ends(program({insn(0x61, 0, 1, 24, 0), insn(0x95, 0, 0, 0, 0)}), interp::Outcome::Trap));
    // Writing xdp_md is not allowed.
    CHECK(some_run_ends(program({insn(0x62, 1, 0, 12, 0), insn(0xb7, 0, 0, 0, 0), insn(0x95, 0, 0, 0, 0)}),
                        interp::Outcome::Trap));
    // Returning a pointer is allowed (privileged: its address is the action).
    CHECK_FALSE(some_run_ends(program({insn(0xbf, 0, 10, 0, 0), insn(0x95, 0, 0, 0, 0)}), interp::Outcome::Trap));
    // Multiplying a pointer.
    CHECK(some_run_ends(program({insn(0x27, 1, 0, 0, 2), insn(0xb7, 0, 0, 0, 0), insn(0x95, 0, 0, 0, 0)}),
                        interp::Outcome::Trap));
}

TEST_CASE("interp: a map lookup may return NULL, and an unchecked dereference traps", "[interp]") {
    // *(u32 *)(r10 - 4) = KEY; r1 = map 0; r2 = r10 - 4; call 1; [if r0 == 0 goto out;] r0 = *(u64 *)(r0 + 8)
    const auto lookup = [](std::int32_t key, bool check) {
        std::vector<RawInsn> slots = {insn(0x62, 10, 0, -4, key), insn(0x18, 1, 1, 0, 0),  insn(0, 0, 0, 0, 0),
                                      insn(0xbf, 2, 10, 0, 0),    insn(0x07, 2, 0, 0, -4), insn(0x85, 0, 0, 0, 1)};
        if (check) {
            slots.push_back(insn(0x15, 0, 0, 2, 0));
        }
        slots.push_back(insn(0x79, 0, 0, 8, 0));
        slots.push_back(insn(0xb7, 0, 0, 0, 0));
        slots.push_back(insn(0x95, 0, 0, 0, 0));
        auto image = program(slots);
        image.refs[1] = interp::SlotRef{interp::RefKind::Map, 0, 0, 0};
        return image;
    };
    CHECK_FALSE(some_run_ends(lookup(1, false), interp::Outcome::Trap));  // in range: an array never misses
    std::string message;
    REQUIRE(some_run_ends(lookup(9, false), interp::Outcome::Trap, &message));
    CHECK(message == "NULL dereference");
    CHECK_FALSE(some_run_ends(lookup(9, true), interp::Outcome::Trap));
}

TEST_CASE("interp: bpf-to-bpf calls keep r6-r9 and clobber r1-r5", "[interp]") {
    // r6 = 3; r1 = 4; call +3; r0 += r6; exit; | callee: r0 = r1; r0 *= 2; exit
    const auto image =
        program({insn(0xb7, 6, 0, 0, 3), insn(0xb7, 1, 0, 0, 4), insn(0x85, 0, 1, 0, 2), insn(0x0f, 0, 6, 0, 0),
                 insn(0x95, 0, 0, 0, 0), insn(0xbf, 0, 1, 0, 0), insn(0x27, 0, 0, 0, 2), insn(0x95, 0, 0, 0, 0)});
    const interp::RunResult r = interp::run(image, 1);
    REQUIRE(r.outcome == interp::Outcome::Exit);
    CHECK(r.r0 == 11);
}

TEST_CASE("interp: a helper reads a misaligned stack key byte by byte", "[interp][regression]") {
    // *(u32 *)(r10 - 12) = 1 written bytewise at fp-13..-10; r2 = r10 - 13; lookup (fuzz crash-676bf5e1)
    std::vector<RawInsn> slots = {insn(0x72, 10, 0, -13, 1), insn(0x72, 10, 0, -12, 0), insn(0x72, 10, 0, -11, 0),
                                  insn(0x72, 10, 0, -10, 0), insn(0x18, 1, 1, 0, 0),    insn(0, 0, 0, 0, 0),
                                  insn(0xbf, 2, 10, 0, 0),   insn(0x07, 2, 0, 0, -13),  insn(0x85, 0, 0, 0, 1),
                                  insn(0xb7, 0, 0, 0, 0),    insn(0x95, 0, 0, 0, 0)};
    auto image = program(slots);
    image.refs[4] = interp::SlotRef{interp::RefKind::Map, 0, 0, 0};
    CHECK_FALSE(some_run_ends(image, interp::Outcome::Trap));
}

TEST_CASE("interp: pointers into different regions compare by address", "[interp][regression]") {
    // r0 = 1; r3 = data_end; if r1 (ctx) > r3 goto +1; r0 = 2; exit (fuzz crash-be4ce4e4)
    const auto image = program({insn(0xb7, 0, 0, 0, 1), insn(0x61, 3, 1, 4, 0), insn(0x2d, 1, 3, 1, 0),
                                insn(0xb7, 0, 0, 0, 2), insn(0x95, 0, 0, 0, 0)});
    CHECK_FALSE(some_run_ends(image, interp::Outcome::Trap));
}
