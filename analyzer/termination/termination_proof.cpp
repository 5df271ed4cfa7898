// Termination proofs for one loop: exits, loops bounded by construction,
// counters and the two routes to their bound (see termination_proof.hpp).
#include "analyzer/termination/termination_proof.hpp"

#include "analyzer/termination/termination_counter.hpp"
#include "analyzer/termination/termination_delta.hpp"
#include "analyzer/termination/termination_operands.hpp"
#include "analyzer/termination/termination_walk.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace bpfcheck::analyzer::termination {

std::vector<domains::MachineState> havoc_call(std::uint32_t /*callee*/, const domains::MachineState& entry) {
    domains::MachineState state = entry;
    for (std::size_t f = 0; f + 1 < state.frame_count(); ++f) {
        state.stack(f).store_unknown(0, domains::kStackSize);
    }
    state.reg(0) = domains::Value::unknown_scalar();
    return {state};
}

using domains::MachineState;
using domains::Scalar;

// A register or stack slot that changes by a stride on every cycle.
struct Induction {
    Location location = 0;
    Stride stride;
    bool low32 = false;  // only its low 32 bits follow the stride
};

// One operand of an exit test that follows a counter: at the test it holds
// head(counter) + offset, in the low 32 bits only when `low_only`; `extra`
// iterations are added when it follows the counter one iteration late.
// The offset may be an interval [offset, offset + spread] (a data-dependent
// step taken before the test): then offset + head(counter) lies in
// [v - spread, v] for the compared value v.
struct Compared {
    int reg = 0;
    int side = 0;  // 0: the jump's dst, 1: its src
    Induction counter;
    std::int64_t offset = 0;
    std::int64_t spread = 0;
    bool low_only = false;
    // 8 or 16: only the low bits of head(counter) + offset are compared
    // (the register is a masked copy); 0 otherwise.
    unsigned masked_bits = 0;
    Wide extra = 0;
};

// One exit test that compares a counter, as found on the loop.
struct ExitTest {
    std::uint32_t pc = 0;
    std::string condition;   // the condition under which the loop goes on
    std::string counter;     // "R5" (the compared register)
    std::string counter_of;  // the induction variable it follows
    Stride stride;
    std::string bound;    // "R1 = scalar(umax=4294967295)" or "16"
    std::string staying;  // the compared register's value in the states that stay
    std::optional<Wide> count;
    bool constant_bound = false;
    bool on_every_cycle = true;
};

struct LoopProver::Search {
    std::uint32_t index;
    const Loop& loop;
    const DeltaAnalysis& delta;
    std::vector<Induction> inductions;
    // The smallest iteration count any proof gives, and whether some proof
    // bounds the loop by a constant (then a huge count is a budget problem,
    // not a missing bound).
    std::optional<Wide> best;
    std::optional<std::uint32_t> best_test;
    bool constant_proof = false;
    bool can_exit = true;
    std::vector<ExitTest> tests;
    std::vector<std::string> other_exits;
    std::optional<std::uint32_t> first_exit_on_chain;  // the loop's condition, when no counter is tested

    void consider(Wide count, std::optional<std::uint32_t> test) {
        if (!best || count < *best) {
            best = count;
            best_test = test;
        }
    }
};

namespace {

const isa::Jump* final_jump(const AnalysisContext& context, cfg::BlockId block) {
    const cfg::BasicBlock& b = context.cfg.block(block);
    const auto* jump = std::get_if<isa::Jump>(&context.program.insns[b.last]);
    return jump != nullptr && jump->cond != isa::JumpCond::Always ? jump : nullptr;
}

// What the counter is compared with, for messages; and whether it is a constant.
void describe_bound(const isa::Jump& jump, int side, const std::vector<MachineState>& at_jump, ExitTest& test) {
    if (side == 0 && !jump.src.is_register) {
        test.bound = fmt::format("{}", jump.src.imm);
        test.constant_bound = true;
        return;
    }
    const int other = side == 0 ? jump.src.reg : jump.dst;
    std::optional<domains::Value> value;
    for (const MachineState& s : at_jump) {
        if (!value) {
            value = s.reg(other);
        } else {
            value->join_with(s.reg(other));
        }
    }
    test.bound = fmt::format("R{} = {}", other, value ? value->to_string() : "⊥");
    test.constant_bound = value && value->is_scalar() && value->number().is_constant();
}

}  // namespace

std::vector<MachineState> LoopProver::states_at_jump(cfg::BlockId block) const {
    std::vector<MachineState> result;
    const domains::PartitionedState* pre = m_states(block);
    if (pre == nullptr) {
        return result;
    }
    const cfg::BasicBlock& b = m_context.cfg.block(block);
    const auto& insns = m_context.program.insns;
    for (const MachineState& part : pre->parts()) {
        MachineState state = part;
        for (std::uint32_t pc = b.first; pc <= b.last && !state.is_bottom(); ++pc) {
            const isa::Instruction& insn = insns[pc];
            if (std::holds_alternative<isa::Imm64Tail>(insn) ||
                (pc == b.last &&
                 (std::holds_alternative<isa::Jump>(insn) || std::holds_alternative<isa::MayGoto>(insn)))) {
                continue;
            }
            m_executor.execute(pc, state);
        }
        if (!state.is_bottom()) {
            result.push_back(std::move(state));
        }
    }
    return result;
}

bool LoopProver::exit_feasible(const cfg::Edge& edge) const {
    for (const MachineState& state : states_at_jump(edge.from)) {
        if (!m_executor.assume(edge, state).is_bottom()) {
            return true;
        }
    }
    return false;
}

std::optional<std::string> LoopProver::bounded_by_construction(const Loop& loop) const {
    const auto& insns = m_context.program.insns;
    for (const cfg::BlockId block : loop.on_every_cycle) {
        const cfg::BasicBlock& b = m_context.cfg.block(block);
        if (std::holds_alternative<isa::MayGoto>(insns[b.last])) {
            for (const cfg::Edge* edge : m_loops.out_edges(block)) {
                if (edge->kind == cfg::EdgeKind::BranchTaken && !m_loops.contains(loop, edge->to)) {
                    return fmt::format("may_goto at insn {}", b.last);
                }
            }
        }
        for (std::uint32_t pc = b.first; pc <= b.last; ++pc) {
            const auto* call = std::get_if<isa::Call>(&insns[pc]);
            if (call == nullptr || call->kind != isa::CallKind::Kfunc || pc >= m_context.program.refs.size()) {
                continue;
            }
            const std::string& name = m_context.program.refs[pc].symbol;
            if (name.starts_with("bpf_iter_") && name.ends_with("_next")) {
                return fmt::format("the open-coded iterator {} at insn {}", name, pc);
            }
        }
    }
    return std::nullopt;
}

std::vector<MachineState> LoopProver::entering(const Loop& loop) const {
    std::vector<MachineState> states;
    const cfg::BasicBlock& head = m_context.cfg.block(loop.head);
    if (m_context.cfg.functions()[head.function].entry == loop.head) {
        return states;  // entered from the caller too: no state here stands for those entries
    }
    for (const cfg::Edge* edge : m_context.cfg.in_edges(loop.head)) {
        if (m_loops.contains(loop, edge->from)) {
            continue;
        }
        for (const MachineState& state : states_at_jump(edge->from)) {
            MachineState entered = m_executor.assume(*edge, state);
            if (!entered.is_bottom()) {
                states.push_back(std::move(entered));
            }
        }
    }
    return states;
}

std::optional<std::vector<std::uint64_t>> LoopProver::entry_constants(const Loop& loop, const DeltaAnalysis& delta,
                                                                      std::uint16_t location, bool low32) const {
    std::vector<std::uint64_t> values;  // none at a function's entry (entering)
    for (const MachineState& entered : entering(loop)) {
        const auto number = delta.number_in(entered, location, low32);
        const auto value = number ? number->as_constant() : std::nullopt;
        if (!value) {
            return std::nullopt;
        }
        values.push_back(*value);
    }
    return values;
}

LoopVerdict LoopProver::prove(std::uint32_t index, std::span<const LoopVerdict> inner) const {
    const Loop& loop = m_loops.loops()[index];
    LoopVerdict verdict;
    const domains::PartitionedState* head = m_states(loop.head);
    if (head == nullptr || head->is_bottom()) {
        return verdict;
    }
    // Only a loop with no exit edge at all is reported as infinite: whether
    // an exit can be taken depends on the fixpoint's states, which a
    // crafted or merely imprecise analysis may get wrong; then the counter
    // proof below decides, and a note says what the states suggest.
    if (loop.exits.empty()) {
        verdict.status = LoopStatus::Infinite;
        verdict.message = "no edge leaves it";
        verdict.hint = "give the loop an exit (a bounded counter, `break`), or use bpf_loop()";
        return verdict;
    }
    if (const auto how = bounded_by_construction(loop)) {
        verdict.status = LoopStatus::ByConstruction;
        verdict.iterations = 2;  // the kernel verifies such loops to convergence, not per iteration
        verdict.message = *how;
        return verdict;
    }
    DeltaAnalysis delta(m_context, m_loops, loop, *head);
    delta.bound_inner_loops([&](cfg::BlockId inner_head) -> std::optional<std::uint64_t> {
        const auto& all = m_loops.loops();
        for (std::uint32_t j = 0; j < all.size() && j < inner.size(); ++j) {
            if (all[j].head == inner_head && all[j].parent == index && inner[j].status == LoopStatus::Proven) {
                return returns_to_head(inner[j]);
            }
        }
        return std::nullopt;
    });
    delta.use_operand_ranges(
        [&] { return m_recorded != nullptr ? *m_recorded : operand_ranges(m_context, loop, m_states, m_executor); });
    if (!delta.run(m_budget)) {
        verdict.status = LoopStatus::Unbounded;
        verdict.message = "the termination analysis ran out of time or budget on this loop";
        verdict.hint = "raise --timeout, or simplify the loop";
        return verdict;
    }
    Search search{index, loop, delta, {}, {}, {}, false, true, {}, {}, {}};
    for (std::size_t l = 0; l < delta.location_count(); ++l) {
        const Relation r = delta.around_cycle(l);
        if (r.kind != RelKind::Offset || r.base != l || r.width == Width::Shifted32 || is_masked(r.width)) {
            continue;
        }
        if (const auto stride = stride_of(r)) {
            const bool odd_cell = l >= kRegisterLocations && delta.cell_offset(l) % 8 != 0;
            search.inductions.push_back(Induction{static_cast<Location>(l), *stride,
                                                  r.width == Width::Low32 || r.tag == CellTag::Whole4 || odd_cell});
        }
    }
    from_head(search);
    for (const cfg::Edge* exit : loop.exits) {
        from_exit(search, *exit);
    }
    if (search.best && (*search.best <= Wide{kKernelInsnLimit} || search.constant_proof)) {
        verdict.status = LoopStatus::Proven;
        verdict.iterations = saturate(*search.best + 1);  // the stays, and the pass that leaves
        verdict.counts_head_visits = true;
        verdict.test_insn = search.best_test;
        return verdict;
    }
    // No counter: perhaps every iteration moves to another of the head's parts.
    if (const auto walked = walk_bound(m_context, m_loops, index, *head, m_executor)) {
        verdict.status = LoopStatus::Proven;
        verdict.iterations = *walked;
        return verdict;
    }
    // Nor that: perhaps its values shrink to the exit, walked from its entry.
    if (const auto walked = entry_walk_bound(m_context, m_loops, index, entering(loop), m_executor)) {
        verdict.status = LoopStatus::Proven;
        verdict.iterations = *walked;
        return verdict;
    }
    search.can_exit =
        std::any_of(loop.exits.begin(), loop.exits.end(), [&](const cfg::Edge* e) { return exit_feasible(*e); });
    return explain(search);
}

// Route "head": the counter's range at the head, in every view it follows.
void LoopProver::from_head(Search& search) const {
    for (const Induction& ind : search.inductions) {
        for (const View view : kAllViews) {
            if (ind.low32 && !is32(view)) {
                continue;
            }
            const auto number = search.delta.head_number(ind.location, is32(view));
            if (!number || number->is_bottom()) {
                continue;
            }
            const auto [lo, hi] = range_in(*number, view);
            if (const auto n = steps(lo, hi, view, ind.stride)) {
                search.consider(*n, std::nullopt);
            }
        }
    }
}

// Route "exit": a test on every cycle that compares a counter.
void LoopProver::from_exit(Search& search, const cfg::Edge& exit) const {
    const cfg::BlockId block = exit.from;
    const isa::Jump* jump = final_jump(m_context, block);
    const std::uint32_t pc = m_context.cfg.block(block).last;
    const cfg::Edge* stay = nullptr;
    for (const cfg::Edge* e : m_loops.out_edges(block)) {
        if (e != &exit && m_loops.contains(search.loop, e->to)) {
            stay = e;
        }
    }
    if (jump == nullptr || stay == nullptr) {
        return;
    }
    const auto& chain = search.loop.on_every_cycle;
    const bool on_chain =
        m_loops.innermost(block) == search.index && std::find(chain.begin(), chain.end(), block) != chain.end();
    const bool stay_taken = stay->kind == cfg::EdgeKind::BranchTaken;
    bool compared_counter = false;
    std::optional<std::vector<MachineState>> at_jump;
    for (int side = 0; side < (jump->src.is_register ? 2 : 1); ++side) {
        const auto operand = counter_operand(search, block, *jump, side);
        if (!operand) {
            continue;
        }
        compared_counter = true;
        if (!at_jump) {
            at_jump = states_at_jump(block);
        }
        ExitTest test;
        test.pc = pc;
        test.condition = condition_text(*jump, stay_taken, side == 1);
        test.counter = fmt::format("R{}", operand->reg);
        test.counter_of = search.delta.name(operand->counter.location);
        test.stride = operand->counter.stride;
        test.on_every_cycle = on_chain;
        describe_bound(*jump, side, *at_jump, test);
        count_from_staying(*operand, *stay, *at_jump, test);
        if (on_chain) {
            count_from_start(search, *operand, *jump, *stay, *at_jump, test);
        }
        if (test.count && on_chain) {
            search.consider(*test.count, pc);
            search.constant_proof = search.constant_proof || test.constant_bound;
        }
        search.tests.push_back(std::move(test));
    }
    if (!compared_counter) {
        search.other_exits.push_back(fmt::format("`{}` (insn {})", condition_text(*jump, stay_taken, false), pc));
        if (on_chain && !search.first_exit_on_chain) {
            search.first_exit_on_chain = pc;
        }
    }
}

// The operand on `side` of the block's final jump, when it follows a
// counter: head(x) + offset exactly at the test.
std::optional<Compared> LoopProver::counter_operand(const Search& search, cfg::BlockId block, const isa::Jump& jump,
                                                    int side) const {
    Compared operand;
    operand.reg = side == 0 ? jump.dst : jump.src.reg;
    operand.side = side;
    const Relation rel = search.delta.at_end(block, static_cast<Location>(operand.reg));
    if (rel.kind != RelKind::Offset || rel.lo <= -kInfinity || rel.hi >= kInfinity || rel.width == Width::Shifted32) {
        return std::nullopt;
    }
    auto find = [&](Location l) -> const Induction* {
        for (const Induction& i : search.inductions) {
            if (i.location == l) {
                return &i;
            }
        }
        return nullptr;
    };
    const Induction* counter = find(rel.base);
    operand.offset = rel.lo;
    operand.spread = rel.hi - rel.lo;
    operand.low_only = rel.width != Width::Full;
    operand.masked_bits = rel.width == Width::Low8 ? 8 : rel.width == Width::Low16 ? 16 : 0;
    if (counter == nullptr) {
        if (!rel.exact()) {
            return std::nullopt;
        }
        // A register the loop refreshes from a counter at every latch
        // (y = head(x) + e) equals x + e - stride at the head from the
        // second iteration on: one more iteration than x's bound allows.
        const Relation refreshed = search.delta.around_cycle(rel.base);
        // (A masked refresh wraps at 2^8 or 2^16, which no view here follows.)
        if (!refreshed.exact() || refreshed.base == rel.base || is_masked(refreshed.width)) {
            return std::nullopt;
        }
        counter = find(refreshed.base);
        if (counter == nullptr || !counter->stride.exact()) {
            return std::nullopt;
        }
        const auto step = static_cast<std::int64_t>(counter->stride.min_step);
        operand.offset += refreshed.lo - (counter->stride.up ? step : -step);
        operand.low_only = operand.low_only || refreshed.width != Width::Full;
        operand.extra = 1;
    }
    operand.counter = *counter;
    operand.low_only = operand.low_only || counter->low32;
    return operand;
}

// The counter's range in the states that stay in the loop bounds how often
// it can stay, when a step cannot wrap around.
void LoopProver::count_from_staying(const Compared& operand, const cfg::Edge& stay,
                                    const std::vector<MachineState>& at_jump, ExitTest& test) const {
    std::optional<Scalar> staying;
    for (const MachineState& s : at_jump) {
        const MachineState next = m_executor.assume(stay, s);
        if (next.is_bottom()) {
            continue;
        }
        if (!next.reg(operand.reg).is_scalar()) {
            return;  // a pointer or worse: no numeric bound
        }
        if (!staying) {
            staying = next.reg(operand.reg).number();
        } else {
            staying->join_with(next.reg(operand.reg).number());
        }
    }
    if (!staying) {
        test.count = Wide{0};  // the loop never stays past this test
        return;
    }
    test.staying = staying->to_string();
    // A masked copy ((head(counter) + offset) & 0xff): its value moves by
    // the stride modulo 2^8 and, while it stays in a range that one more
    // step cannot carry past 0xff, it cannot wrap around: the same count in
    // that view.
    if (operand.masked_bits != 0) {
        const View view = operand.masked_bits == 8 ? View::U8 : View::U16;
        const auto [lo, hi] = range_in(*staying, view);
        if (lo - operand.spread >= view_min(view)) {
            if (const auto n = steps(lo - operand.spread, hi, view, operand.counter.stride)) {
                test.count = *n + operand.extra;
            }
        }
        return;
    }
    for (const View view : kAllViews) {
        if (operand.low_only && !is32(view)) {
            continue;
        }
        // head(counter) + offset stays in [lo - spread, hi], and moves by the stride.
        const auto [lo, hi] = range_in(*staying, view);
        if (lo - operand.spread < view_min(view)) {
            continue;
        }
        if (const auto n = steps(lo - operand.spread, hi, view, operand.counter.stride);
            n && (!test.count || *n + operand.extra < *test.count)) {
            test.count = *n + operand.extra;
        }
    }
}

// `x != constant` with an exact stride from constant starts: the counter
// reaches the bound exactly, after a number of steps known in advance (clang
// compiles `for (i = 0; i < 16; i++)` so), however imprecise the states.
void LoopProver::count_from_start(const Search& search, const Compared& operand, const isa::Jump& jump,
                                  const cfg::Edge& stay, const std::vector<MachineState>& at_jump,
                                  ExitTest& test) const {
    const bool stays_while_different = (jump.cond == isa::JumpCond::Ne && stay.kind == cfg::EdgeKind::BranchTaken) ||
                                       (jump.cond == isa::JumpCond::Eq && stay.kind == cfg::EdgeKind::BranchNotTaken);
    if (!stays_while_different || !test.constant_bound || operand.extra != 0 || operand.spread != 0 ||
        operand.masked_bits != 0) {
        return;
    }
    std::uint64_t bound = 0;
    if (operand.side == 0 && !jump.src.is_register) {
        bound = static_cast<std::uint64_t>(jump.src.imm);
    } else if (!at_jump.empty()) {
        const int other = operand.side == 0 ? jump.src.reg : jump.dst;
        bound = at_jump.front().reg(other).number().as_constant().value_or(0);
    }
    // A 64-bit test of a register whose low 32 bits follow the counter is a
    // 32-bit test when its upper half is zero on every path.
    const bool zero_extended = std::all_of(at_jump.begin(), at_jump.end(), [&](const MachineState& s) {
        return s.reg(operand.reg).is_scalar() && s.reg(operand.reg).number().umax <= 0xffffffffULL;
    });
    if (!jump.is32 && operand.low_only && !(zero_extended && bound <= 0xffffffffULL)) {
        return;
    }
    const auto starts = entry_constants(search.loop, search.delta, operand.counter.location, operand.low_only);
    const unsigned width = jump.is32 || operand.low_only ? 32 : 64;
    const auto n =
        starts ? steps_to_equal(*starts, operand.offset, bound, operand.counter.stride, width) : std::nullopt;
    if (n && (!test.count || *n < *test.count)) {
        test.count = n;
    }
}

// Why the loop is not proven: the most telling exit test, else the exits
// and counters there are.
LoopVerdict LoopProver::explain(const Search& search) const {
    LoopVerdict verdict;
    verdict.status = LoopStatus::Unbounded;
    if (!search.can_exit) {
        verdict.notes.push_back("in the analysed states none of its exits can be taken: it may never exit");
    }
    verdict.hint =
        "bound the loop: clamp its limit first (e.g. `if (n > 64) n = 64;`), or use bpf_loop() or an "
        "open-coded iterator (bpf_for)";
    const ExitTest* shown = nullptr;
    for (const ExitTest& t : search.tests) {
        if (shown == nullptr || (t.on_every_cycle && !shown->on_every_cycle)) {
            shown = &t;
        }
    }
    if (shown != nullptr) {
        verdict.message = fmt::format("exit condition `{}` compares with {}", shown->condition, shown->bound);
        verdict.test_insn = shown->pc;
        verdict.notes.push_back(shown->counter == shown->counter_of
                                    ? fmt::format("{} is a counter that changes by {} per iteration", shown->counter,
                                                  stride_text(shown->stride))
                                    : fmt::format("{} follows the counter {}, which changes by {} per iteration",
                                                  shown->counter, shown->counter_of, stride_text(shown->stride)));
        if (!shown->on_every_cycle) {
            verdict.notes.push_back(fmt::format("the test at insn {} is not on every path around the loop", shown->pc));
        } else if (!shown->staying.empty() && shown->count) {
            verdict.notes.push_back(fmt::format(
                "while the loop goes on, {} = {}: up to {} iterations, more than the kernel's {} instructions "
                "can walk",
                shown->counter, shown->staying, saturate(*shown->count), kKernelInsnLimit));
        } else if (!shown->staying.empty()) {
            verdict.notes.push_back(
                fmt::format("while the loop goes on, {} = {}, which can wrap around before the condition fails",
                            shown->counter, shown->staying));
        } else {
            verdict.notes.push_back(fmt::format("{} is not a number at the test", shown->counter));
        }
        return verdict;
    }
    verdict.test_insn = search.first_exit_on_chain;
    if (search.inductions.empty()) {
        verdict.message =
            "no register or stack slot changes on every iteration by a step whose sign is known and which is never 0";
    } else if (search.best) {
        verdict.message = fmt::format("its counter allows up to {} iterations", saturate(*search.best));
    } else {
        std::string counters;
        for (const Induction& ind : search.inductions) {
            counters += (counters.empty() ? "" : ", ") +
                        fmt::format("{} ({} per iteration)", search.delta.name(ind.location), stride_text(ind.stride));
        }
        verdict.message = fmt::format("no exit condition bounds its counters {}", counters);
    }
    std::string exits;
    for (const std::string& e : search.other_exits) {
        exits += (exits.empty() ? "" : ", ") + e;
    }
    if (!exits.empty()) {
        verdict.notes.push_back(fmt::format("its exit conditions: {}", exits));
    }
    return verdict;
}

}  // namespace bpfcheck::analyzer::termination
