// Tests of the weak topological order and of the CFG built from decoded
// programs.
//
// WTO oracles: the worked example of Bourdoncle's paper ("Efficient chaotic
// iteration strategies with widenings", FMPA 1993, p. 4: `1 2 (3 4 (5 6) 7)
// 8`), the small cases SPARTA's WeakTopologicalOrdering tests take from it,
// and, for random graphs, the paper's definition of a WTO: every edge u -> v
// either goes forward (u before v) or goes back to the head of a component
// that contains u. CFG oracles: the kernel's check_subprogs / check_cfg rules
// (jumps stay in their subprogram, calls target a subprogram start, control
// may not fall off a subprogram, instructions not reached from insn 0 through
// jumps and calls are unreachable).
#include "cfg/cfg.hpp"
#include "cfg/wto.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace bpfcheck;
using cfg::Cfg;
using cfg::EdgeKind;
using cfg::Wto;
using Graph = std::vector<std::vector<std::uint32_t>>;

namespace {

Graph graph_of(std::uint32_t vertices, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges) {
    Graph g(vertices);
    for (const auto& [from, to] : edges) {
        g[from].push_back(to);
    }
    return g;
}

std::set<std::uint32_t> reachable_from(const Graph& g, std::uint32_t entry) {
    std::set<std::uint32_t> seen{entry};
    std::vector<std::uint32_t> work{entry};
    while (!work.empty()) {
        const std::uint32_t v = work.back();
        work.pop_back();
        for (const std::uint32_t w : g[v]) {
            if (seen.insert(w).second) {
                work.push_back(w);
            }
        }
    }
    return seen;
}

// Checks `wto` against Bourdoncle's definition (Definition 3 of the paper)
// and its own bookkeeping (positions, nesting, depths).
void check_is_wto(const Graph& g, std::uint32_t entry, const Wto& wto) {
    const auto& elements = wto.elements();
    const auto reachable = reachable_from(g, entry);
    REQUIRE(elements.size() == reachable.size());
    REQUIRE_FALSE(elements.empty());
    CHECK(elements.front().vertex == entry);
    std::set<std::uint32_t> listed;
    for (std::uint32_t i = 0; i < elements.size(); ++i) {
        const auto& e = elements[i];
        REQUIRE(reachable.count(e.vertex) == 1);
        REQUIRE(listed.insert(e.vertex).second);
        REQUIRE(wto.position(e.vertex) == i);
        REQUIRE(e.component_end > i);
        REQUIRE(e.component_end <= elements.size());
        if (!e.is_head) {
            REQUIRE(e.component_end == i + 1);
        }
        std::uint32_t depth = 0;
        for (std::uint32_t h = 0; h <= i; ++h) {
            if (elements[h].is_head && elements[h].component_end > i) {
                ++depth;
                REQUIRE(e.component_end <= elements[h].component_end);  // properly nested
            }
        }
        REQUIRE(e.depth == depth);
    }
    for (std::uint32_t v = 0; v < g.size(); ++v) {
        if (reachable.count(v) == 0) {
            REQUIRE(wto.position(v) == Wto::kNone);
            continue;
        }
        for (const std::uint32_t w : g[v]) {
            const std::uint32_t pv = wto.position(v);
            const std::uint32_t pw = wto.position(w);
            const auto& head = elements[pw];
            const bool forward = pv < pw;
            const bool back_to_enclosing_head = head.is_head && pw <= pv && pv < head.component_end;
            INFO("edge " << v << " -> " << w << " in " << wto.to_string());
            REQUIRE((forward || back_to_enclosing_head));
        }
    }
}

// --- instructions -----------------------------------------------------------

isa::Instruction mov(std::uint8_t dst, std::int64_t imm) {
    return isa::Alu{isa::AluOp::Mov, true, dst, isa::Operand{false, 0, imm}, 0};
}
isa::Instruction add(std::uint8_t dst, std::int64_t imm) {
    return isa::Alu{isa::AluOp::Add, true, dst, isa::Operand{false, 0, imm}, 0};
}
isa::Jump jcond(isa::JumpCond cond, std::uint8_t dst, std::int64_t imm, std::int32_t off) {
    return isa::Jump{cond, false, dst, isa::Operand{false, 0, imm}, off, false};
}
isa::Instruction ja(std::int32_t off) {
    return isa::Jump{isa::JumpCond::Always, false, 0, {}, off, false};
}
isa::Instruction call_local(std::int32_t imm) {
    return isa::Call{isa::CallKind::Local, imm, 0};
}
isa::Instruction call_helper(std::int32_t id) {
    return isa::Call{isa::CallKind::Helper, id, 0};
}
isa::Instruction exit_insn() {
    return isa::Exit{};
}
isa::Instruction func_addr(std::uint8_t dst, std::int32_t imm) {
    return isa::LoadImm64{dst, isa::Imm64Kind::Func, imm, 0};
}

Cfg build(const std::vector<isa::Instruction>& insns, const std::vector<std::uint32_t>& starts = {0}) {
    auto result = Cfg::build(insns, starts);
    if (!result) {
        FAIL("Cfg::build failed: " << result.error().message);
    }
    return std::move(*result);
}

std::string build_error(const std::vector<isa::Instruction>& insns, const std::vector<std::uint32_t>& starts = {0}) {
    auto result = Cfg::build(insns, starts);
    return result ? std::string{} : result.error().message;
}

const cfg::Edge* edge_between(const Cfg& g, cfg::BlockId from, cfg::BlockId to, EdgeKind kind) {
    for (const auto* e : g.out_edges(from)) {
        if (e->to == to && e->kind == kind) {
            return e;
        }
    }
    return nullptr;
}

}  // namespace

// --- WTO ----------------------------------------------------------------------

TEST_CASE("WTO of the example in Bourdoncle's paper", "[cfg][wto]") {
    //                 +-----------------------+
    //                 |           +-----+     |
    //                 V           V     |     |
    //     1 --> 2 --> 3 --> 4 --> 5 --> 6 --> 7 --> 8
    //           |           |                 ^     ^
    //           |           +-----------------+     |
    //           +-----------------------------------+
    // Vertex 0 exists but is unreachable from the entry 1.
    const Graph g =
        graph_of(9, {{1, 2}, {2, 3}, {2, 8}, {3, 4}, {4, 5}, {4, 7}, {5, 6}, {6, 5}, {6, 7}, {7, 3}, {7, 8}});
    const Wto wto = Wto::build(g, 1);
    CHECK(wto.to_string() == "1 2 (3 4 (5 6) 7) 8");
    check_is_wto(g, 1, wto);
    CHECK(wto.heads() == std::vector<std::uint32_t>{3, 5});
    CHECK(wto.max_depth() == 2);
    CHECK(wto.position(0) == Wto::kNone);
    CHECK(wto.innermost_head(0) == Wto::kNone);
    CHECK(wto.innermost_head(2) == Wto::kNone);
    CHECK(wto.innermost_head(8) == Wto::kNone);
    CHECK(wto.innermost_head(3) == 3);
    CHECK(wto.innermost_head(4) == 3);
    CHECK(wto.innermost_head(7) == 3);
    CHECK(wto.innermost_head(5) == 5);
    CHECK(wto.innermost_head(6) == 5);
    CHECK(wto.innermost_head(100) == Wto::kNone);
    const auto& e = wto.elements();
    CHECK(e[wto.position(3)].component_end == wto.position(7) + 1);
    CHECK(e[wto.position(5)].component_end == wto.position(6) + 1);
    CHECK(e[wto.position(1)].depth == 0);
    CHECK(e[wto.position(3)].depth == 1);
    CHECK(e[wto.position(6)].depth == 2);
    CHECK(e[wto.position(7)].depth == 1);
}

TEST_CASE("WTO of small loops at the end of a component (SPARTA's cases)", "[cfg][wto]") {
    struct Case {
        std::uint32_t vertices;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
        const char* expected;
    };
    // Successors listed in increasing order, as SPARTA's std::set gives them.
    const std::vector<Case> cases = {
        {3, {{1, 2}, {2, 2}}, "1 (2)"},
        {4, {{1, 2}, {2, 1}, {2, 2}, {2, 3}}, "(1 (2)) 3"},
        {4, {{1, 2}, {2, 3}, {3, 2}}, "1 (2 3)"},
        {5, {{1, 2}, {2, 3}, {3, 1}, {3, 2}, {3, 4}}, "(1 (2 3)) 4"},
    };
    for (const Case& c : cases) {
        const Graph g = graph_of(c.vertices, c.edges);
        const Wto wto = Wto::build(g, 1);
        CHECK(wto.to_string() == c.expected);
        check_is_wto(g, 1, wto);
    }
}

TEST_CASE("WTO of self-loops, nested loops and irreducible graphs", "[cfg][wto]") {
    SECTION("a lone vertex, with and without a self-loop") {
        CHECK(Wto::build(graph_of(1, {}), 0).to_string() == "0");
        CHECK(Wto::build(graph_of(1, {{0, 0}}), 0).to_string() == "(0)");
    }
    SECTION("entry out of range gives an empty order") {
        const Wto wto = Wto::build(graph_of(2, {{0, 1}}), 5);
        CHECK(wto.elements().empty());
        CHECK(wto.to_string().empty());
        CHECK(wto.position(0) == Wto::kNone);
    }
    SECTION("two sequential loops and a nested one") {
        // 0 -> (1 2) -> (3 (4 5) 6) -> 7
        const Graph g = graph_of(8, {{0, 1}, {1, 2}, {2, 1}, {2, 3}, {3, 4}, {4, 5}, {5, 4}, {5, 6}, {6, 3}, {6, 7}});
        const Wto wto = Wto::build(g, 0);
        CHECK(wto.to_string() == "0 (1 2) (3 (4 5) 6) 7");
        check_is_wto(g, 0, wto);
        CHECK(wto.max_depth() == 2);
    }
    SECTION("a self-loop inside a loop") {
        const Graph g = graph_of(4, {{0, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 3}});
        const Wto wto = Wto::build(g, 0);
        CHECK(wto.to_string() == "0 (1 (2)) 3");
        check_is_wto(g, 0, wto);
    }
    SECTION("irreducible: a loop entered at two vertices") {
        // 0 -> 1, 0 -> 2, 1 <-> 2: no single dominating header.
        const Graph g = graph_of(4, {{0, 1}, {0, 2}, {1, 2}, {2, 1}, {2, 3}});
        const Wto wto = Wto::build(g, 0);
        CHECK(wto.to_string() == "0 (1 2) 3");
        check_is_wto(g, 0, wto);
        // Entered first through 2 instead, 2 heads the component.
        const Graph h = graph_of(4, {{0, 2}, {0, 1}, {1, 2}, {2, 1}, {2, 3}});
        const Wto wto_h = Wto::build(h, 0);
        CHECK(wto_h.to_string() == "0 (2 1) 3");
        check_is_wto(h, 0, wto_h);
    }
    SECTION("irreducible: the classic three-vertex triangle") {
        const Graph g = graph_of(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {2, 3}, {3, 1}});
        check_is_wto(g, 0, Wto::build(g, 0));
    }
    SECTION("an edge to the entry makes the entry a head") {
        const Graph g = graph_of(3, {{0, 1}, {1, 0}, {1, 2}});
        const Wto wto = Wto::build(g, 0);
        CHECK(wto.to_string() == "(0 1) 2");
        check_is_wto(g, 0, wto);
    }
    SECTION("parallel edges and a vertex unreachable from the entry") {
        const Graph g = graph_of(4, {{0, 1}, {0, 1}, {1, 3}, {2, 3}, {3, 0}});
        const Wto wto = Wto::build(g, 0);
        CHECK(wto.to_string() == "(0 1 3)");
        CHECK(wto.position(2) == Wto::kNone);
        check_is_wto(g, 0, wto);
    }
}

// KNOWN BUG (reported to the lead): Wto::build skips successor ids >= the
// vertex count when it computes reachability, but SubsetScc::visit and the
// inner-entries loop index `stamps[w]` with them unchecked, reading out of
// bounds (SIGSEGV here). Tagged [isolated] and registered as its own ctest
// entry (cfg.wto_bad_successor_ids) so that a crash cannot hide other cases.
TEST_CASE("successor ids outside the graph are ignored, not read", "[cfg][wto][isolated]") {
    const Graph g = graph_of(3, {{0, 1}, {0, 7}, {1, 2}, {1, 1000000}, {2, 1}});
    const Wto wto = Wto::build(g, 0);
    CHECK(wto.to_string() == "0 (1 2)");
}

TEST_CASE("random graphs get a WTO that satisfies the definition", "[cfg][wto]") {
    std::mt19937 rng(20240611);
    for (int round = 0; round < 600; ++round) {
        const std::uint32_t n = 1 + rng() % 40;
        Graph g(n);
        const std::uint32_t edges = rng() % (3 * n + 1);
        for (std::uint32_t e = 0; e < edges; ++e) {
            g[rng() % n].push_back(static_cast<std::uint32_t>(rng() % n));
        }
        const std::uint32_t entry = rng() % n;
        INFO("round " << round);
        check_is_wto(g, entry, Wto::build(g, entry));
    }
}

TEST_CASE("WTO of a 100,000-vertex chain and a 100,000-vertex ring", "[cfg][wto][large]") {
    constexpr std::uint32_t n = 100000;
    Graph chain(n);
    for (std::uint32_t v = 0; v + 1 < n; ++v) {
        chain[v].push_back(v + 1);
    }
    const Wto linear = Wto::build(chain, 0);
    REQUIRE(linear.elements().size() == n);
    CHECK(linear.heads().empty());
    CHECK(linear.max_depth() == 0);
    CHECK(linear.position(n - 1) == n - 1);

    Graph ring = chain;
    ring[n - 1].push_back(0);
    const Wto cycle = Wto::build(ring, 0);
    REQUIRE(cycle.elements().size() == n);
    CHECK(cycle.heads() == std::vector<std::uint32_t>{0});
    CHECK(cycle.elements()[0].component_end == n);
    CHECK(cycle.innermost_head(n - 1) == 0);
}

TEST_CASE("WTO of 5,000 nested loops: no recursion, correct depth", "[cfg][wto][large]") {
    // Vertex k (0 <= k < K) heads loop k; vertex 2K-1-k is its latch, looping
    // back to k and falling out to the latch of loop k-1. Vertex 2K exits.
    constexpr std::uint32_t K = 5000;
    Graph g(2 * K + 1);
    for (std::uint32_t k = 0; k < K; ++k) {
        g[k].push_back(k + 1);  // into the next loop (the innermost header falls to its latch)
        const std::uint32_t latch = 2 * K - 1 - k;
        g[latch].push_back(k);
        g[latch].push_back(latch + 1);
    }
    const auto start = std::chrono::steady_clock::now();
    const Wto wto = Wto::build(g, 0);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    WARN("5,000 nested loops: WTO built in " << seconds << " s");
    REQUIRE(wto.elements().size() == 2 * K + 1);
    CHECK(wto.max_depth() == K);
    CHECK(wto.heads().size() == K);
    CHECK(wto.innermost_head(K) == K - 1);
    CHECK(wto.innermost_head(2 * K - 1) == 0);
    CHECK(wto.innermost_head(2 * K) == Wto::kNone);
    const std::string text = wto.to_string();
    CHECK(text.substr(0, 8) == "(0 (1 (2");
    CHECK(std::count(text.begin(), text.end(), '(') == K);
    CHECK(std::count(text.begin(), text.end(), ')') == K);
}

// --- CFG ----------------------------------------------------------------------

TEST_CASE("CFG blocks split at jump targets and after jumps; branch edges carry the condition", "[cfg][build]") {
    const isa::Jump branch = jcond(isa::JumpCond::Eq, 1, 0, 2);
    const std::vector<isa::Instruction> insns = {
        mov(0, 0),       // 0  b0
        branch,          // 1  b0: if r1 == 0 goto 4
        mov(0, 1),       // 2  b1
        ja(1),           // 3  b1: goto 5
        mov(0, 2),       // 4  b2
        call_helper(5),  // 5  b3 (calls do not end a block)
        exit_insn(),     // 6  b3
    };
    const Cfg g = build(insns);
    REQUIRE(g.block_count() == 4);
    CHECK(g.block(0).first == 0);
    CHECK(g.block(0).last == 1);
    CHECK(g.block(1).first == 2);
    CHECK(g.block(1).last == 3);
    CHECK(g.block(2).first == 4);
    CHECK(g.block(2).last == 4);
    CHECK(g.block(3).first == 5);
    CHECK(g.block(3).last == 6);
    for (std::uint32_t i = 0; i < insns.size(); ++i) {
        CHECK(g.block(g.block_of(i)).first <= i);
        CHECK(g.block(g.block_of(i)).last >= i);
    }
    REQUIRE(g.edges().size() == 4);
    const auto* taken = edge_between(g, 0, 2, EdgeKind::BranchTaken);
    const auto* not_taken = edge_between(g, 0, 1, EdgeKind::BranchNotTaken);
    REQUIRE(taken != nullptr);
    REQUIRE(not_taken != nullptr);
    REQUIRE(taken->condition.has_value());
    REQUIRE(not_taken->condition.has_value());
    CHECK(*taken->condition == branch);
    CHECK(*not_taken->condition == branch);
    const auto* go = edge_between(g, 1, 3, EdgeKind::Goto);
    REQUIRE(go != nullptr);
    CHECK_FALSE(go->condition.has_value());
    CHECK(edge_between(g, 2, 3, EdgeKind::FallThrough) != nullptr);
    CHECK(g.out_edges(3).empty());
    CHECK(g.in_edges(3).size() == 2);
    CHECK(g.functions().size() == 1);
    CHECK(g.functions()[0].exits == std::vector<cfg::BlockId>{3});
    CHECK(g.loops().empty());
    CHECK(g.unreachable_insns().empty());
    for (const auto& e : g.edges()) {
        CHECK_FALSE(e.is_back_edge);
    }
    CHECK(g.functions()[0].wto.to_string() == "0 1 2 3");
}

TEST_CASE("CFG of a loop: back edge, loop, WTO head", "[cfg][build]") {
    const std::vector<isa::Instruction> insns = {
        mov(0, 0),                            // 0 b0
        add(0, 1),                            // 1 b1
        jcond(isa::JumpCond::Lt, 0, 10, -2),  // 2 b1: if r0 < 10 goto 1
        isa::MayGoto{1},                      // 3 b2: may_goto 5
        ja(-4),                               // 4 b3: goto 1
        exit_insn(),                          // 5 b4
    };
    const Cfg g = build(insns);
    REQUIRE(g.block_count() == 5);
    const auto* back = edge_between(g, 1, 1, EdgeKind::BranchTaken);
    REQUIRE(back != nullptr);
    CHECK(back->is_back_edge);
    const auto* may_goto_taken = edge_between(g, 2, 4, EdgeKind::BranchTaken);
    const auto* may_goto_fall = edge_between(g, 2, 3, EdgeKind::BranchNotTaken);
    REQUIRE(may_goto_taken != nullptr);
    REQUIRE(may_goto_fall != nullptr);
    CHECK_FALSE(may_goto_taken->condition.has_value());
    const auto* outer_back = edge_between(g, 3, 1, EdgeKind::Goto);
    REQUIRE(outer_back != nullptr);
    CHECK(outer_back->is_back_edge);
    std::size_t back_edges = 0;
    for (const auto& e : g.edges()) {
        back_edges += e.is_back_edge ? 1 : 0;
    }
    CHECK(back_edges == 2);
    REQUIRE(g.loops().size() == 1);
    auto loop = g.loops()[0];
    std::sort(loop.begin(), loop.end());
    CHECK(loop == std::vector<cfg::BlockId>{1, 2, 3});
    CHECK(g.functions()[0].wto.to_string() == "0 (1 2 3) 4");
}

TEST_CASE("CFG of a self-loop block and of an ld_imm64 at a jump target", "[cfg][build]") {
    const std::vector<isa::Instruction> insns = {
        jcond(isa::JumpCond::Eq, 1, 0, 0),               // 0 b0: both edges go to 1
        isa::LoadImm64{1, isa::Imm64Kind::Value, 5, 0},  // 1 b1
        isa::Imm64Tail{},                                // 2 b1
        jcond(isa::JumpCond::Ne, 1, 0, -1),              // 3 b2: self-loop
        exit_insn(),                                     // 4 b3
    };
    const Cfg g = build(insns);
    REQUIRE(g.block_count() == 4);
    CHECK(g.block(1).first == 1);
    CHECK(g.block(1).last == 2);
    CHECK(edge_between(g, 0, 1, EdgeKind::BranchTaken) != nullptr);
    CHECK(edge_between(g, 0, 1, EdgeKind::BranchNotTaken) != nullptr);
    CHECK(edge_between(g, 1, 2, EdgeKind::FallThrough) != nullptr);
    const auto* self = edge_between(g, 2, 2, EdgeKind::BranchTaken);
    REQUIRE(self != nullptr);
    CHECK(self->is_back_edge);
    REQUIRE(g.loops().size() == 1);
    CHECK(g.loops()[0] == std::vector<cfg::BlockId>{2});
    CHECK(g.functions()[0].wto.to_string() == "0 1 (2) 3");
}

TEST_CASE("CFG reports unreachable instructions", "[cfg][build]") {
    // check_cfg: "unreachable insn %d" for every insn the DFS from 0 misses.
    const std::vector<isa::Instruction> insns = {
        mov(0, 0),                                       // 0
        exit_insn(),                                     // 1
        isa::LoadImm64{1, isa::Imm64Kind::Value, 5, 0},  // 2 unreachable
        isa::Imm64Tail{},                                // 3 (not an instruction of its own)
        ja(-3),                                          // 4 unreachable, jumps back to 2
    };
    const Cfg g = build(insns);
    CHECK(g.unreachable_insns() == std::vector<std::uint32_t>{2, 4});
    CHECK(g.functions()[0].wto.position(g.block_of(2)) == Wto::kNone);
}

TEST_CASE("CFG of functions and the call graph", "[cfg][build][functions]") {
    const std::vector<isa::Instruction> insns = {
        mov(1, 1),         // 0  f0
        call_local(3),     // 1  f0: call 5 (f1)
        func_addr(2, 4),   // 2  f0: r2 = &f2 (insn 7)
        isa::Imm64Tail{},  // 3
        exit_insn(),       // 4
        call_local(1),     // 5  f1: call 7 (f2)
        exit_insn(),       // 6
        mov(0, 0),         // 7  f2
        exit_insn(),       // 8
    };
    const Cfg g = build(insns, {0, 5, 7});
    REQUIRE(g.functions().size() == 3);
    CHECK(g.functions()[0].first_insn == 0);
    CHECK(g.functions()[0].insn_count == 5);
    CHECK(g.functions()[1].first_insn == 5);
    CHECK(g.functions()[1].insn_count == 2);
    CHECK(g.functions()[2].insn_count == 2);
    CHECK(g.functions()[0].callees == std::vector<std::uint32_t>{1, 2});
    CHECK(g.functions()[1].callees == std::vector<std::uint32_t>{2});
    CHECK(g.functions()[2].callees.empty());
    for (std::uint32_t f = 0; f < 3; ++f) {
        const auto& function = g.functions()[f];
        CHECK(g.block(function.entry).first == function.first_insn);
        CHECK(g.block(function.entry).function == f);
        CHECK(function.exits.size() == 1);
        CHECK(g.in_edges(function.entry).empty());  // calls are not CFG edges
    }
    CHECK(g.call_cycle().empty());
    CHECK(g.unreachable_insns().empty());
}

TEST_CASE("CFG finds recursion in the call graph", "[cfg][build][functions]") {
    const std::vector<isa::Instruction> insns = {
        call_local(1),   // 0 f0: call 2
        exit_insn(),     // 1
        call_local(1),   // 2 f1: call 4
        exit_insn(),     // 3
        call_local(-5),  // 4 f2: call 0 (f0): f0 -> f1 -> f2 -> f0
        exit_insn(),     // 5
    };
    const Cfg g = build(insns, {0, 2, 4});
    CHECK(g.call_cycle() == std::vector<std::uint32_t>{0, 1, 2, 0});

    const std::vector<isa::Instruction> self = {call_local(1), exit_insn(), call_local(-1), exit_insn()};
    CHECK(build(self, {0, 2}).call_cycle() == std::vector<std::uint32_t>{0, 1, 1});
}

TEST_CASE("a subprogram called only from dead code is unreachable", "[cfg][build][functions]") {
    // The kernel's check_cfg walks calls only from explored instructions, so
    // f1 below is never explored: "unreachable insn" covers insns 2-5.
    const std::vector<isa::Instruction> insns = {
        mov(0, 0),      // 0 f0
        exit_insn(),    // 1
        call_local(1),  // 2 f0, dead: call 4
        exit_insn(),    // 3 dead
        mov(0, 1),      // 4 f1: reached only from the dead call
        exit_insn(),    // 5
    };
    const Cfg g = build(insns, {0, 4});
    CHECK(g.unreachable_insns() == std::vector<std::uint32_t>{2, 3, 4, 5});
}

TEST_CASE("CFG rejects jumps leaving their function and bad call targets", "[cfg][build][errors]") {
    SECTION("a jump from one function into another") {
        // check_subprogs: "jump out of range from insn %d to %d"
        const std::vector<isa::Instruction> insns = {ja(1), exit_insn(), mov(0, 0), exit_insn()};
        CHECK_FALSE(build_error(insns, {0, 2}).empty());
    }
    SECTION("a jump backwards into the previous function") {
        const std::vector<isa::Instruction> insns = {mov(0, 0), exit_insn(), jcond(isa::JumpCond::Eq, 1, 0, -3),
                                                     exit_insn()};
        CHECK_FALSE(build_error(insns, {0, 2}).empty());
    }
    SECTION("a jump outside the program") {
        CHECK_FALSE(build_error({ja(5), exit_insn()}).empty());
        CHECK_FALSE(build_error({ja(-2), exit_insn()}).empty());
        CHECK_FALSE(build_error({isa::MayGoto{4}, exit_insn()}).empty());
    }
    SECTION("control falling from one function into the next") {
        // check_subprogs: "last insn is not an exit or jmp"
        const std::vector<isa::Instruction> insns = {mov(0, 0), mov(0, 1), exit_insn()};
        CHECK_FALSE(build_error(insns, {0, 2}).empty());
        const std::vector<isa::Instruction> branch = {jcond(isa::JumpCond::Eq, 1, 0, -1), exit_insn()};
        CHECK_FALSE(build_error(branch, {0, 1}).empty());
    }
    SECTION("control falling off the end of the program") {
        CHECK_FALSE(build_error({mov(0, 0)}).empty());
        CHECK_FALSE(build_error({exit_insn(), call_helper(1)}).empty());
    }
    SECTION("a call into the middle of a function") {
        // add_subprog: calls must target a subprogram start
        const std::vector<isa::Instruction> insns = {call_local(2), exit_insn(), exit_insn(), mov(0, 1), exit_insn()};
        CHECK_FALSE(build_error(insns, {0, 2}).empty());
        CHECK(build_error(insns, {0, 3}).empty());
    }
    SECTION("a call to itself (the entry, not a start of another function) is fine; out of range is not") {
        CHECK(build_error({call_local(-1), exit_insn()}).empty());
        CHECK_FALSE(build_error({call_local(5), exit_insn()}).empty());
        CHECK_FALSE(build_error({call_local(-2), exit_insn()}).empty());
        CHECK_FALSE(build_error({call_local(INT32_MIN), exit_insn()}).empty());
    }
    SECTION("a callback address that is not a function start") {
        const std::vector<isa::Instruction> insns = {func_addr(1, 2), isa::Imm64Tail{}, exit_insn(), mov(0, 0),
                                                     exit_insn(),     mov(0, 0),        exit_insn()};
        CHECK(build_error(insns, {0, 3}).empty());
        CHECK_FALSE(build_error(insns, {0, 5}).empty());
    }
    SECTION("bad function bounds") {
        const std::vector<isa::Instruction> insns = {exit_insn(), exit_insn()};
        CHECK_FALSE(build_error(insns, {}).empty());
        CHECK_FALSE(build_error(insns, {1}).empty());
        CHECK_FALSE(build_error(insns, {0, 0}).empty());
        CHECK_FALSE(build_error(insns, {0, 5}).empty());
        CHECK_FALSE(build_error(insns, {0, 2}).empty());
        CHECK_FALSE(build_error({}, {0}).empty());
    }
}

TEST_CASE("CFG of 5,000 nested loops in a 10,001-instruction program", "[cfg][build][large]") {
    // Header of loop k at insn k; its latch at insn 2K-1-k jumps back to it.
    constexpr std::uint32_t K = 5000;
    std::vector<isa::Instruction> insns;
    for (std::uint32_t k = 0; k < K; ++k) {
        insns.push_back(add(0, 1));
    }
    for (std::uint32_t k = K; k-- > 0;) {
        const auto at = static_cast<std::int32_t>(insns.size());
        insns.push_back(jcond(isa::JumpCond::Lt, 0, 100, static_cast<std::int32_t>(k) - at - 1));
    }
    insns.push_back(exit_insn());
    const Cfg g = build(insns);
    // The innermost header (insn K-1) and its latch (insn K) share a block:
    // nothing starts a block at K. That block loops on itself.
    CHECK(g.block_count() == 2 * K);
    CHECK(g.block_of(K - 1) == g.block_of(K));
    CHECK(g.functions()[0].wto.max_depth() == K);
    REQUIRE(g.loops().size() == 1);
    CHECK(g.loops()[0].size() == 2 * K - 1);
    std::size_t back_edges = 0;
    for (const auto& e : g.edges()) {
        back_edges += e.is_back_edge ? 1 : 0;
    }
    CHECK(back_edges == K);
}

TEST_CASE("CFG of a 100,000-instruction straight line with a branch every other instruction", "[cfg][build][large]") {
    constexpr std::uint32_t n = 100000;
    std::vector<isa::Instruction> insns;
    for (std::uint32_t i = 0; i + 1 < n; ++i) {
        insns.push_back(i % 2 == 0 ? add(0, 1) : isa::Instruction{jcond(isa::JumpCond::Gt, 0, 7, 0)});
    }
    insns.push_back(exit_insn());
    const Cfg g = build(insns);
    CHECK(g.block_count() == n / 2);
    CHECK(g.functions()[0].wto.elements().size() == n / 2);
    CHECK(g.loops().empty());
    CHECK(g.unreachable_insns().empty());
}

TEST_CASE("Graphviz output marks branch and back edges and escapes labels", "[cfg][dot]") {
    const std::vector<isa::Instruction> insns = {add(0, 1), jcond(isa::JumpCond::Lt, 0, 10, -2), exit_insn()};
    const Cfg g = build(insns);
    const std::string dot = g.to_dot("prog \"x\"", [](std::uint32_t i) {
        std::string label = std::to_string(i);
        label.insert(0, 1, 'i');
        label.append(" {<|>}");
        return label;
    });
    CHECK(dot.rfind("digraph \"prog \\\"x\\\"\" {", 0) == 0);
    CHECK(dot.find("label=\"taken\", color=darkgreen, style=dashed") != std::string::npos);
    CHECK(dot.find("label=\"not taken\", color=firebrick]") != std::string::npos);
    CHECK(dot.find("i0 \\{\\<\\|\\>\\}\\l") != std::string::npos);
    CHECK(cfg::escape_dot("a\\b") == "a\\\\b");
}
