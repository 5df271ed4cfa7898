// Stack slot liveness (analyzer/engine/stack_liveness.hpp): which slots of
// its function's frame each block may read before writing them.
#include "analyzer/engine/stack_liveness.hpp"
#include "tests/analyzer/instruction_builders.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <vector>

namespace bpfcheck {
namespace {

using analyzer::MapSizes;
using analyzer::SlotMask;
using namespace test_insns;  // NOLINT(google-build-using-namespace)

// if r0 == 0 goto +0: ends a block without changing the path.
isa::Instruction split() {
    return isa::Jump{isa::JumpCond::Eq, false, 0, isa::Operand{false, 0, 0}, 0, false};
}
isa::Instruction call(std::int32_t helper) {
    return isa::Call{isa::CallKind::Helper, helper, 0};
}
isa::Instruction load_map(std::uint8_t dst) {
    return isa::LoadImm64{dst, isa::Imm64Kind::MapFd, 0, 0};
}

// The slot of the 8 bytes at r10 + offset.
constexpr SlotMask slot(int offset) {
    return SlotMask{1} << static_cast<unsigned>((512 + offset) / 8);
}

}  // namespace

TEST_CASE("stack liveness: a slot is live from a write to its read, dead before the write and after the read",
          "[analyzer][liveness]") {
    // 0: r1 = 7; 1: *(u64 *)(r10 - 16) = r1; 2: split
    // 3: r0 = *(u64 *)(r10 - 16); 4: split
    // 5: r0 = 0; 6: exit
    const std::vector<isa::Instruction> insns{
        mov(1, 7), store(10, -16, 8, 1), split(), load(0, 10, -16), split(), mov(0, 0), isa::Exit{},
    };
    const cfg::Cfg graph = single_function(insns);
    const std::vector<SlotMask> live = analyzer::live_in_slots(graph, insns);
    CHECK((live[graph.block_of(0)] & slot(-16)) == 0);  // written before any read
    CHECK((live[graph.block_of(3)] & slot(-16)) != 0);
    CHECK(live[graph.block_of(5)] == 0);  // nothing is read again
}

TEST_CASE("stack liveness: a 4-byte write leaves its slot live, a read through a copied pointer counts",
          "[analyzer][liveness]") {
    // 0: r6 = r10; 1: r6 += -8; 2: *(u32 *)(r6 + 0) = r1; 3: split
    // 4: r0 = *(u64 *)(r6 + 0); 5: exit
    const std::vector<isa::Instruction> insns{
        mov_reg(6, 10), add(6, -8), store(6, 0, 4, 1), split(), load(0, 6, 0), isa::Exit{},
    };
    const cfg::Cfg graph = single_function(insns);
    const std::vector<SlotMask> live = analyzer::live_in_slots(graph, insns);
    CHECK(live[graph.block_of(0)] == slot(-8));  // the other four bytes are read unwritten
    CHECK(live[graph.block_of(4)] == slot(-8));
}

TEST_CASE("stack liveness: a map helper reads the map's key size, or every slot up to the frame's top",
          "[analyzer][liveness]") {
    // 0: r2 = r10; 1: r2 += -24; 2-3: r1 = map; 4: call bpf_map_lookup_elem; 5: exit
    const std::vector<isa::Instruction> insns{
        mov_reg(2, 10), add(2, -24), load_map(1), isa::Imm64Tail{}, call(1), isa::Exit{},
    };
    const cfg::Cfg graph = single_function(insns);
    std::vector<std::optional<MapSizes>> maps(insns.size());
    maps[2] = MapSizes{8, 16};
    CHECK(analyzer::live_in_slots(graph, insns, maps)[0] == slot(-24));
    // Without the map's sizes the key may reach the frame's top.
    CHECK(analyzer::live_in_slots(graph, insns)[0] == (slot(-24) | slot(-16) | slot(-8)));
}

TEST_CASE("stack liveness: a buffer a helper only fills is not read", "[analyzer][liveness]") {
    // 0: r1 = r10; 1: r1 += -16; 2: r2 = 16; 3: r3 = 0; 4: call bpf_probe_read_kernel; 5: exit
    const std::vector<isa::Instruction> insns{
        mov_reg(1, 10), add(1, -16), mov(2, 16), mov(3, 0), call(113), isa::Exit{},
    };
    const cfg::Cfg graph = single_function(insns);
    CHECK(analyzer::live_in_slots(graph, insns)[0] == 0);
}

TEST_CASE("stack liveness: a helper's readable buffer is read for its size argument", "[analyzer][liveness]") {
    // bpf_trace_printk(fmt = r10 - 32, size = 8): the 8 bytes at r10 - 32 only.
    const std::vector<isa::Instruction> insns{
        mov_reg(1, 10), add(1, -32), mov(2, 8), call(6), isa::Exit{},
    };
    const cfg::Cfg graph = single_function(insns);
    CHECK(analyzer::live_in_slots(graph, insns)[0] == slot(-32));
}

TEST_CASE("stack liveness: a stack pointer stored to memory keeps every slot live", "[analyzer][liveness]") {
    // 0: r1 = r10; 1: r1 += -8; 2: *(u64 *)(r10 - 16) = r1; 3: exit
    const std::vector<isa::Instruction> insns{
        mov_reg(1, 10),
        add(1, -8),
        store(10, -16, 8, 1),
        isa::Exit{},
    };
    const cfg::Cfg graph = single_function(insns);
    CHECK(analyzer::live_in_slots(graph, insns)[0] == analyzer::kAllSlots);
}

TEST_CASE("stack liveness: a subprogram given a stack pointer may read up to the frame's top", "[analyzer][liveness]") {
    // 0: r1 = r10; 1: r1 += -16; 2: call local +2 (insn 5); 3: r0 = 0; 4: exit; 5: r0 = 0; 6: exit
    const std::vector<isa::Instruction> insns{
        mov_reg(1, 10), add(1, -16), isa::Call{isa::CallKind::Local, 2, 0}, mov(0, 0), isa::Exit{},
        mov(0, 0),      isa::Exit{},
    };
    const std::vector<std::uint32_t> starts{0, 5};
    auto built = cfg::Cfg::build(insns, starts);
    REQUIRE(built);
    CHECK(analyzer::live_in_slots(*built, insns)[built->block_of(0)] == (slot(-16) | slot(-8)));
}

}  // namespace bpfcheck
