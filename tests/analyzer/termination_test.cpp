// Tests of the termination checks below the data-driven cases
// (test-data/cases/loop/): the loop structure (nesting, exits, the blocks on
// every cycle, irreducible loops) and that the checks stay fast on programs
// built to stress them: 60 nested loops, one loop of 100,000 instructions,
// 5,000 loops in a row. States are given directly (every register an unknown
// number at every block), so these tests need no fixpoint and show the cost
// of the termination checks alone.
#include "analyzer/termination/termination.hpp"
#include "analyzer/termination/termination_loop.hpp"
#include "analyzer/termination/termination_operands.hpp"
#include "tests/analyzer/instruction_builders.hpp"

#include "analyzer/platform/program_type.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace bpfcheck;
using namespace bpfcheck::test_insns;  // NOLINT(google-build-using-namespace)
using analyzer::termination::FunctionLoops;
using analyzer::termination::kNoLoop;

namespace {

isa::Instruction spill(std::uint8_t src, std::int16_t offset) {
    return isa::Store{isa::kFramePointer, offset, 8, isa::Operand{true, src, 0}};
}
isa::Instruction fill(std::uint8_t dst, std::int16_t offset) {
    return isa::Load{dst, isa::kFramePointer, offset, 8, false};
}

// A program of `insns` with everything the checks read around it.
struct Harness {
    model::BpfObject object;
    model::Program program;
    std::optional<cfg::Cfg> graph;
    std::vector<domains::PartitionedState> states;
    analyzer::Reporter reporter;

    explicit Harness(std::vector<isa::Instruction> insns) {
        program.name = "test";
        program.type = "xdp";
        program.insns = std::move(insns);
        program.refs.resize(program.insns.size());
        program.line_of.assign(program.insns.size(), model::kNoIndex);
        program.functions.push_back(model::LinkedFunction{0, 0, static_cast<std::uint32_t>(program.insns.size())});
        const std::vector<std::uint32_t> starts{0};
        auto built = cfg::Cfg::build(program.insns, starts);
        REQUIRE(built);
        graph.emplace(std::move(*built));
        // Every register an unknown number at every block: a sound state for
        // any of these programs, precise enough for constant bounds.
        domains::MachineState state =
            domains::MachineState::entry(domains::Value::pointer(domains::Kind::Ctx, 0, domains::Scalar::constant(0)));
        for (int r = 0; r < 10; ++r) {
            state.reg(r) = domains::Value::unknown_scalar();
        }
        states.assign(graph->block_count(), domains::PartitionedState::of(state));
    }

    // Runs the checks; returns the ids reported, in order. `recorded`: the
    // operand ranges a walk recorded (nullptr: computed by the checks).
    std::vector<std::string> check(std::uint32_t kernel_version = 0,
                                   const analyzer::termination::OperandRanges* recorded = nullptr) {
        analyzer::AnalysisOptions options;
        options.kernel_version = kernel_version;
        const analyzer::AnalysisContext context{object,  program,
                                                *graph,  analyzer::find_program_type("xdp"),
                                                options, std::chrono::steady_clock::now() + std::chrono::seconds(60)};
        analyzer::check_termination(
            context, 0, [this](cfg::BlockId b) -> const domains::PartitionedState* { return &states[b]; }, reporter,
            recorded);
        std::vector<std::string> ids;
        for (const auto& d : reporter.diagnostics()) {
            ids.push_back(d.id);
        }
        return ids;
    }
};

// `depth` nested loops, each counting a stack slot from 0 to 10.
std::vector<isa::Instruction> nested(int depth) {
    std::vector<isa::Instruction> insns{mov(0, 0)};
    std::vector<std::uint32_t> heads;
    for (int k = 0; k < depth; ++k) {
        const auto slot = static_cast<std::int16_t>(-8 * (k + 1));
        insns.push_back(mov(1, 0));
        insns.push_back(spill(1, slot));
        heads.push_back(static_cast<std::uint32_t>(insns.size()));
    }
    insns.push_back(add(0, 1));
    for (int k = depth - 1; k >= 0; --k) {
        const auto slot = static_cast<std::int16_t>(-8 * (k + 1));
        insns.push_back(fill(1, slot));
        insns.push_back(add(1, 1));
        insns.push_back(spill(1, slot));
        const auto pc = static_cast<std::int32_t>(insns.size());
        insns.push_back(
            jump_if(isa::JumpCond::Lt, 1, 10, static_cast<std::int32_t>(heads[static_cast<std::size_t>(k)]) - pc - 1));
    }
    insns.push_back(mov(0, 2));
    insns.push_back(isa::Exit{});
    return insns;
}

}  // namespace

TEST_CASE("loops: nesting, exits and the blocks on every cycle", "[termination]") {
    // 0: r1 = 0
    // 1: r2 = 0            <- outer head
    // 2: r2 += 1           <- inner head
    // 3: if r2 < 4 goto 2
    // 4: r1 += 1
    // 5: if r1 < 4 goto 1
    // 6: exit
    Harness h({mov(1, 0), mov(2, 0), add(2, 1), jump_if(isa::JumpCond::Lt, 2, 4, -2), add(1, 1),
               jump_if(isa::JumpCond::Lt, 1, 4, -5), isa::Exit{}});
    const FunctionLoops loops(*h.graph, 0);
    REQUIRE(loops.loops().size() == 2);
    const auto& outer = loops.loops()[0];
    const auto& inner = loops.loops()[1];
    CHECK(outer.parent == kNoLoop);
    CHECK(inner.parent == 0);
    CHECK(inner.depth == 2);
    CHECK(h.graph->block(outer.head).first == 1);
    CHECK(h.graph->block(inner.head).first == 2);
    CHECK(outer.exits.size() == 1);
    CHECK(inner.exits.size() == 1);
    CHECK(outer.back_edges.size() == 1);
    // The outer test (block of insn 4) and the inner loop's blocks are on
    // every cycle through the outer head.
    CHECK(outer.on_every_cycle.front() == outer.head);
    CHECK(std::find(outer.on_every_cycle.begin(), outer.on_every_cycle.end(), h.graph->block_of(4)) !=
          outer.on_every_cycle.end());
    CHECK(loops.innermost(h.graph->block_of(3)) == 1);
    CHECK(loops.innermost(h.graph->block_of(4)) == 0);
    CHECK(h.check().empty());
}

TEST_CASE("loops: a test on one branch is not on every cycle", "[termination]") {
    // 0: r1 = 0
    // 1: r1 += 1              <- head
    // 2: if r3 == 0 goto 4
    // 3: if r1 >= 64 goto 6
    // 4: r0 = 1
    // 5: goto 1
    // 6: exit
    Harness h({mov(1, 0), add(1, 1), jump_if(isa::JumpCond::Eq, 3, 0, 1), jump_if(isa::JumpCond::Ge, 1, 64, 2),
               mov(0, 1), jump_to(-5), isa::Exit{}});
    const FunctionLoops loops(*h.graph, 0);
    REQUIRE(loops.loops().size() == 1);
    const auto& chain = loops.loops()[0].on_every_cycle;
    CHECK(std::find(chain.begin(), chain.end(), h.graph->block_of(3)) == chain.end());
    CHECK(std::find(chain.begin(), chain.end(), h.graph->block_of(4)) != chain.end());
    CHECK(h.check() == std::vector<std::string>{"loop.unbounded"});
}

TEST_CASE("loops: no exit, and back-edges before Linux 5.3", "[termination]") {
    Harness endless({mov(0, 0), add(0, 1), jump_to(-2)});
    CHECK(endless.check() == std::vector<std::string>{"loop.infinite"});
    Harness bounded(nested(2));
    CHECK(bounded.check((4U << 16) | (19U << 8)) == std::vector<std::string>{"loop.backedge", "loop.backedge"});
}

TEST_CASE("loops: an irreducible cycle (two entries) is checked without trouble", "[termination]") {
    // 0: r1 = 0
    // 1: if r2 == 0 goto 3      (enters the cycle at 3 or at 2)
    // 2: r1 += 1
    // 3: r1 += 1
    // 4: if r1 < 100 goto 2
    // 5: exit
    Harness h({mov(1, 0), jump_if(isa::JumpCond::Eq, 2, 0, 1), add(1, 1), add(1, 1),
               jump_if(isa::JumpCond::Lt, 1, 100, -3), isa::Exit{}});
    CHECK(h.check().empty());
}

TEST_CASE("loops: over the kernel's budget, an error when no branch can let the kernel prune", "[termination]") {
    // 0: r1 = 0
    // 1: r2 += 1                 (straight body: every iteration is walked)
    // 2: r1 += 1
    // 3: if r1 < 500000 goto 1
    // 4: exit
    Harness straight({mov(1, 0), add(2, 1), add(1, 1), jump_if(isa::JumpCond::Lt, 1, 500'000, -3), isa::Exit{}});
    REQUIRE(straight.check() == std::vector<std::string>{"loop.kernel_budget"});
    CHECK(straight.reporter.diagnostics().front().severity == analyzer::Severity::Error);
    // 0: r1 = 0
    // 1: if r2 == 0 goto 3       (a branch inside: iterations meet at 3)
    // 2: r3 += 1
    // 3: r1 += 1
    // 4: if r1 < 500000 goto 1
    // 5: exit
    Harness branching({mov(1, 0), jump_if(isa::JumpCond::Eq, 2, 0, 1), add(3, 1), add(1, 1),
                       jump_if(isa::JumpCond::Lt, 1, 500'000, -4), isa::Exit{}});
    REQUIRE(branching.check() == std::vector<std::string>{"loop.kernel_budget"});
    CHECK(branching.reporter.diagnostics().front().severity == analyzer::Severity::Warning);
}

TEST_CASE("loops: the checks stay fast on stress programs", "[termination]") {
    using Clock = std::chrono::steady_clock;
    SECTION("60 nested loops") {
        Harness h(nested(60));
        const auto start = Clock::now();
        const auto ids = h.check();
        CHECK(std::chrono::duration<double>(Clock::now() - start).count() < 5.0);
        CHECK(std::count(ids.begin(), ids.end(), "loop.unbounded") == 0);
        CHECK(std::count(ids.begin(), ids.end(), "loop.kernel_budget") == 1);
    }
    SECTION("one loop of 100,000 instructions") {
        std::vector<isa::Instruction> insns{mov(1, 0)};
        for (int i = 0; i < 100'000; ++i) {
            insns.push_back(add(static_cast<std::uint8_t>(2 + i % 7), i));
        }
        insns.push_back(add(1, 1));
        insns.push_back(jump_if(isa::JumpCond::Lt, 1, 16, -100'002));
        insns.push_back(isa::Exit{});
        Harness h(std::move(insns));
        const auto start = Clock::now();
        const auto ids = h.check();
        CHECK(std::chrono::duration<double>(Clock::now() - start).count() < 5.0);
        CHECK(ids == std::vector<std::string>{"loop.kernel_budget"});
    }
    SECTION("5,000 loops in a row") {
        std::vector<isa::Instruction> insns;
        for (int k = 0; k < 5'000; ++k) {
            insns.push_back(mov(1, 0));
            insns.push_back(add(1, 1));
            insns.push_back(jump_if(isa::JumpCond::Lt, 1, 10, -2));
        }
        insns.push_back(isa::Exit{});
        Harness h(std::move(insns));
        const auto start = Clock::now();
        CHECK(h.check().empty());
        CHECK(std::chrono::duration<double>(Clock::now() - start).count() < 5.0);
    }
}

// r1 += r2 with r2 a number in [lo, hi] at every block (r1 unknown), until r1 >= 16.
std::vector<std::string> data_step(std::int64_t lo, std::int64_t hi) {
    Harness h({mov(1, 0), add_reg(1, 2), jump_if(isa::JumpCond::Lt, 1, 16, -2), mov(0, 2), isa::Exit{}});
    for (domains::PartitionedState& block : h.states) {
        domains::MachineState state = block.parts().front();
        state.reg(2) = domains::Value::scalar(domains::Scalar::signed_range(lo, hi));
        block = domains::PartitionedState::of(state);
    }
    return h.check();
}

TEST_CASE("loops: operand ranges recorded in a walk of the states are the ones the proofs compute", "[termination]") {
    Harness h({mov(1, 0), add_reg(1, 2), jump_if(isa::JumpCond::Lt, 1, 16, -2), mov(0, 2), isa::Exit{}});
    for (domains::PartitionedState& block : h.states) {
        domains::MachineState state = block.parts().front();
        state.reg(2) = domains::Value::scalar(domains::Scalar::signed_range(0, 4));
        block = domains::PartitionedState::of(state);
    }
    const analyzer::AnalysisOptions options;
    const analyzer::AnalysisContext context{h.object, h.program,
                                            *h.graph, analyzer::find_program_type("xdp"),
                                            options,  std::chrono::steady_clock::now() + std::chrono::seconds(60)};
    const analyzer::Executor executor(
        context, [](std::uint32_t, const domains::MachineState& s) { return std::vector<domains::MachineState>{s}; });
    // The walk the analyzer's checking pass makes: each block's parts from its entry.
    analyzer::termination::OperandRecorder recorder;
    for (cfg::BlockId b = 0; b < h.graph->block_count(); ++b) {
        for (const domains::MachineState& part : h.states[b].parts()) {
            domains::MachineState state = part;
            for (std::uint32_t pc = h.graph->block(b).first; pc <= h.graph->block(b).last; ++pc) {
                recorder.record(pc, h.program.insns[pc], state);
                executor.execute(pc, state);
            }
        }
    }
    REQUIRE(recorder.valid());
    const FunctionLoops loops(*h.graph, 0);
    REQUIRE(loops.loops().size() == 1);
    const auto computed = analyzer::termination::operand_ranges(
        context, loops.loops()[0], [&h](cfg::BlockId b) -> const domains::PartitionedState* { return &h.states[b]; },
        executor);
    const auto recorded = recorder.ranges();
    REQUIRE(computed.size() == 1);
    REQUIRE(recorded.count(1) == 1);
    CHECK(recorded.at(1).src->lo == computed.at(1).src->lo);
    CHECK(recorded.at(1).src->hi == computed.at(1).src->hi);
    CHECK(recorded.at(1).src->lo == 0);
    CHECK(!recorded.at(1).dst.has_value() == !computed.at(1).dst.has_value());
    // The proofs take what was recorded: with it they judge as without.
    CHECK(h.check(0, &recorded) == std::vector<std::string>{"loop.unbounded"});
    // And they read it, not the states: a step recorded as [1, 4] proves the loop.
    analyzer::termination::OperandRanges never_zero = recorded;
    never_zero.at(1).src = analyzer::termination::OperandRange{1, 4};
    Harness again({mov(1, 0), add_reg(1, 2), jump_if(isa::JumpCond::Lt, 1, 16, -2), mov(0, 2), isa::Exit{}});
    again.states = h.states;
    CHECK(again.check(0, &never_zero).empty());
    recorder.invalidate();
    CHECK(!recorder.valid());
}

TEST_CASE("loops: a data-dependent step of one sign, never 0, bounds the loop", "[termination]") {
    // head(r1) + [1, 4] at the test: r1 + 1 - 4 .. r1 stays below 16.
    CHECK(data_step(1, 4).empty());
    CHECK(data_step(16, 16).empty());
    // A step that may be 0 (or of either sign) proves nothing.
    CHECK(data_step(0, 4) == std::vector<std::string>{"loop.unbounded"});
    CHECK(data_step(-1, 4) == std::vector<std::string>{"loop.unbounded"});
}
