// Long loop heads (see loop_walk.hpp), found syntactically.
#include "analyzer/termination/loop_walk.hpp"

#include "analyzer/engine/register_liveness.hpp"
#include "cfg/isa/extension_idiom.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <optional>

namespace bpfcheck::analyzer {

namespace {

// Whether `insn` writes register `reg` (register_liveness's def set).
bool writes(const isa::Instruction& insn, int reg) {
    return (defined_registers(insn) & (1U << reg)) != 0;
}

// The constant an instruction loads, if it is `reg = imm` or `reg = imm ll`.
std::optional<std::int64_t> loaded_constant(const isa::Instruction& insn) {
    if (const auto* alu = std::get_if<isa::Alu>(&insn);
        alu != nullptr && alu->op == isa::AluOp::Mov && alu->is64 && !alu->src.is_register) {
        return alu->src.imm;
    }
    if (const auto* wide = std::get_if<isa::LoadImm64>(&insn); wide != nullptr && wide->kind == isa::Imm64Kind::Value) {
        return static_cast<std::int64_t>(wide->value());
    }
    return std::nullopt;
}

struct Component {
    std::vector<bool> in;  // per block
    std::vector<cfg::BlockId> blocks;
};

// The constant step of `reg` over the component (every write of it is `reg
// += s` or `reg -= s` with the same delta), or nullopt.
std::optional<std::int64_t> constant_step(const cfg::Cfg& graph, const Component& c,
                                          std::span<const isa::Instruction> insns, int reg) {
    std::optional<std::int64_t> step;
    for (const cfg::BlockId b : c.blocks) {
        for (std::uint32_t pc = graph.block(b).first; pc <= graph.block(b).last && pc < insns.size(); ++pc) {
            if (!writes(insns[pc], reg)) {
                continue;
            }
            const auto* alu = std::get_if<isa::Alu>(&insns[pc]);
            if (alu == nullptr || !alu->is64 || alu->src.is_register ||
                (alu->op != isa::AluOp::Add && alu->op != isa::AluOp::Sub)) {
                return std::nullopt;
            }
            const std::int64_t delta = alu->op == isa::AluOp::Add ? alu->src.imm : -std::int64_t{alu->src.imm};
            if (delta == 0 || (step && *step != delta)) {
                return std::nullopt;
            }
            step = delta;
        }
    }
    return step;
}

// The constant `reg` holds entering the head from outside the component:
// the last write of it in every such predecessor block is `reg = imm`, the
// same imm.
std::optional<std::int64_t> initial_value(const cfg::Cfg& graph, const Component& c,
                                          std::span<const isa::Instruction> insns, cfg::BlockId head, int reg) {
    std::optional<std::int64_t> init;
    for (const cfg::Edge* edge : graph.in_edges(head)) {
        if (c.in[edge->from]) {
            continue;
        }
        std::optional<std::int64_t> value;
        const cfg::BasicBlock& block = graph.block(edge->from);
        for (std::uint32_t pc = block.last + 1; pc-- > block.first;) {
            if (pc >= insns.size()) {
                continue;
            }
            if (!writes(insns[pc], reg)) {
                continue;
            }
            value = loaded_constant(insns[pc]);  // r = imm, or r = imm ll
            break;
        }
        if (!value || (init && *init != *value)) {
            return std::nullopt;
        }
        init = value;
    }
    return init;
}

// The fewest writes of `reg` on a path from the head's entry round to a
// back edge: clang's partly unrolled loop steps its counter once per copy
// of the body (`r8 += 1` thirty times, then `if r8 == 60`: 2 iterations, not
// 60). 1 when a nested loop makes paths unbounded, or some path writes none.
std::int64_t least_writes_per_iteration(const cfg::Cfg& graph, const Component& c,
                                        std::span<const isa::Instruction> insns, cfg::BlockId head, int reg) {
    constexpr std::int64_t kUnreached = std::numeric_limits<std::int64_t>::max();
    std::vector<std::int64_t> least(graph.block_count(), kUnreached);
    const auto writes_in = [&](cfg::BlockId b) {
        std::int64_t count = 0;
        for (std::uint32_t pc = graph.block(b).first; pc <= graph.block(b).last && pc < insns.size(); ++pc) {
            count += writes(insns[pc], reg) ? 1 : 0;
        }
        return count;
    };
    std::int64_t per_iteration = kUnreached;
    // The component's blocks are in WTO order: without a nested loop, every
    // edge but those back to the head goes forward in it.
    for (const cfg::BlockId b : c.blocks) {
        std::int64_t before = b == head ? 0 : kUnreached;
        if (b != head) {
            for (const cfg::Edge* edge : graph.in_edges(b)) {
                if (!c.in[edge->from]) {
                    continue;
                }
                if (edge->is_back_edge) {
                    return 1;  // a loop inside
                }
                before = std::min(before, least[edge->from]);
            }
        }
        if (before != kUnreached) {
            least[b] = before + writes_in(b);
        }
        for (const cfg::Edge* edge : graph.out_edges(b)) {
            if (edge->to == head && least[b] != kUnreached) {
                per_iteration = std::min(per_iteration, least[b]);
            }
        }
    }
    return per_iteration == kUnreached || per_iteration == 0 ? 1 : per_iteration;
}

// The register an exit test on `tested` at the end of block `b` counts
// with: `tested` itself, or the counter it is an extended copy of
// (isa/extension_idiom.hpp) when the copy equals it all the way from `init`
// to `bound` (both in the 32-bit range the extension keeps).
struct TestedCounter {
    int reg;
    bool is_copy;
    bool is_signed;
};
TestedCounter tested_counter(const cfg::Cfg& graph, std::span<const isa::Instruction> insns, cfg::BlockId b,
                             int tested) {
    const cfg::BasicBlock& block = graph.block(b);
    if (const auto copy = isa::extended_copy_before(insns, block.first, block.last, tested); copy) {
        return {copy->source, true, copy->is_signed};
    }
    return {tested, false, false};
}
bool copy_keeps_values(const TestedCounter& counter, std::int64_t init, std::int64_t bound) {
    if (!counter.is_copy) {
        return true;
    }
    const std::int64_t lo = counter.is_signed ? std::numeric_limits<std::int32_t>::min() : 0;
    const std::int64_t hi = counter.is_signed ? std::numeric_limits<std::int32_t>::max()
                                              : std::int64_t{std::numeric_limits<std::uint32_t>::max()};
    return init >= lo && init <= hi && bound >= lo && bound <= hi;
}

// The iterations before `counter`, tested against `bound` on an edge leaving
// the component, reaches it: the steps from its initial value, by the fewest
// steps an iteration takes; nullopt when it is no such counter.
std::optional<std::int64_t> counter_iterations(const cfg::Cfg& graph, const Component& c,
                                               std::span<const isa::Instruction> insns, cfg::BlockId head,
                                               const TestedCounter& counter, std::int64_t bound) {
    const auto step = constant_step(graph, c, insns, counter.reg);
    const auto init = step ? initial_value(graph, c, insns, head, counter.reg) : std::nullopt;
    std::int64_t difference = 0;  // an ld_imm64 init may be anywhere in 64 bits
    if (!init || !copy_keeps_values(counter, *init, bound) || __builtin_sub_overflow(bound, *init, &difference) ||
        difference == std::numeric_limits<std::int64_t>::min()) {
        return std::nullopt;
    }
    const std::int64_t steps = std::llabs(difference) / std::llabs(*step);
    return steps / least_writes_per_iteration(graph, c, insns, head, counter.reg);
}

// Per counter register, the least number of iterations before an exit test
// compares it with the constant it is tested against, over the edges leaving
// the component (counter_iterations); the other exits are passed over (an
// early `break` only ends some paths sooner).
using NearestExits = std::array<std::optional<std::int64_t>, 10>;
NearestExits nearest_exits(const cfg::Cfg& graph, const Component& c, std::span<const isa::Instruction> insns,
                           cfg::BlockId head) {
    NearestExits least{};
    for (const cfg::BlockId b : c.blocks) {
        for (const cfg::Edge* edge : graph.out_edges(b)) {
            if (c.in[edge->to] || !edge->condition || edge->condition->src.is_register || edge->condition->dst >= 10) {
                continue;
            }
            const TestedCounter counter = tested_counter(graph, insns, b, edge->condition->dst);
            if (const auto iterations = counter_iterations(graph, c, insns, head, counter, edge->condition->src.imm)) {
                auto& nearest = least[static_cast<std::size_t>(counter.reg)];
                nearest = nearest ? std::min(*nearest, *iterations) : *iterations;
            }
        }
    }
    return least;
}

// The nearest of those exits, whatever its counter; nullopt when no exit is
// such a test.
std::optional<std::int64_t> steps_to_exit(const cfg::Cfg& graph, const Component& c,
                                          std::span<const isa::Instruction> insns, cfg::BlockId head) {
    std::optional<std::int64_t> least;
    for (const std::optional<std::int64_t>& iterations : nearest_exits(graph, c, insns, head)) {
        if (iterations) {
            least = least ? std::min(*least, *iterations) : *iterations;
        }
    }
    return least;
}

// Calls `visit(head, component)` for every WTO component of `wto`.
template <typename Visit>
void for_each_component(const cfg::Cfg& graph, const cfg::Wto& wto, Visit&& visit) {
    const auto& elements = wto.elements();
    for (std::uint32_t i = 0; i < elements.size(); ++i) {
        if (!elements[i].is_head) {
            continue;
        }
        Component c{std::vector<bool>(graph.block_count(), false), {}};
        for (std::uint32_t j = i; j < elements[i].component_end && j < elements.size(); ++j) {
            c.in[elements[j].vertex] = true;
            c.blocks.push_back(elements[j].vertex);
        }
        visit(elements[i].vertex, c);
    }
}

}  // namespace

std::vector<std::uint16_t> counters_past_partitions(const cfg::Cfg& graph, const cfg::Wto& wto,
                                                    std::span<const isa::Instruction> insns, std::size_t max_parts) {
    std::vector<std::uint16_t> masks(graph.block_count(), 0);
    for_each_component(graph, wto, [&](cfg::BlockId head, const Component& c) {
        const NearestExits least = nearest_exits(graph, c, insns, head);
        std::uint16_t mask = 0;
        for (std::size_t reg = 0; reg < least.size(); ++reg) {
            if (least[reg] && *least[reg] > static_cast<std::int64_t>(max_parts)) {
                mask = static_cast<std::uint16_t>(mask | (1U << reg));
            }
        }
        for (const cfg::BlockId b : c.blocks) {
            masks[b] = static_cast<std::uint16_t>(masks[b] | mask);
        }
    });
    return masks;
}

std::vector<bool> long_loop_heads(const cfg::Cfg& graph, const cfg::Wto& wto, std::span<const isa::Instruction> insns,
                                  std::size_t max_parts) {
    std::vector<bool> heads(graph.block_count(), false);
    for_each_component(graph, wto, [&](cfg::BlockId head, const Component& c) {
        const auto steps = steps_to_exit(graph, c, insns, head);
        heads[head] = steps && *steps > static_cast<std::int64_t>(max_parts);
    });
    return heads;
}

std::vector<std::uint32_t> loop_walk_lengths(const cfg::Cfg& graph, const cfg::Wto& wto,
                                             std::span<const isa::Instruction> insns, std::size_t max_parts) {
    std::vector<std::uint32_t> lengths(graph.block_count(), 0);
    for_each_component(graph, wto, [&](cfg::BlockId head, const Component& c) {
        const auto steps = steps_to_exit(graph, c, insns, head);
        if (steps && *steps <= static_cast<std::int64_t>(max_parts)) {
            lengths[head] = static_cast<std::uint32_t>(*steps) + 1;
        }
    });
    return lengths;
}

namespace {

// The one instruction of the component that writes `reg`, or nullopt.
std::optional<std::uint32_t> only_write(const cfg::Cfg& graph, const Component& c,
                                        std::span<const isa::Instruction> insns, int reg) {
    std::optional<std::uint32_t> at;
    for (const cfg::BlockId b : c.blocks) {
        for (std::uint32_t pc = graph.block(b).first; pc <= graph.block(b).last && pc < insns.size(); ++pc) {
            if (writes(insns[pc], reg)) {
                if (at) {
                    return std::nullopt;
                }
                at = pc;
            }
        }
    }
    return at;
}

// Whether the component is entered at its head only: an irreducible entry
// elsewhere could bring a counter any value.
bool entered_at_head_only(const cfg::Cfg& graph, const Component& c, cfg::BlockId head) {
    return std::all_of(c.blocks.begin(), c.blocks.end(), [&](cfg::BlockId member) {
        const auto entering = graph.in_edges(member);
        return member == head ||
               std::all_of(entering.begin(), entering.end(), [&](const cfg::Edge* edge) { return c.in[edge->from]; });
    });
}

// Whether any instruction of the component writes `reg`.
bool written_in(const cfg::Cfg& graph, const Component& c, std::span<const isa::Instruction> insns, int reg) {
    return std::any_of(c.blocks.begin(), c.blocks.end(), [&](cfg::BlockId b) {
        for (std::uint32_t pc = graph.block(b).first; pc <= graph.block(b).last && pc < insns.size(); ++pc) {
            if (writes(insns[pc], reg)) {
                return true;
            }
        }
        return false;
    });
}

// The writes of `reg` in `block` before its last instruction (the test), in order.
std::vector<std::uint32_t> writes_before_test(const cfg::BasicBlock& block, std::span<const isa::Instruction> insns,
                                              int reg) {
    std::vector<std::uint32_t> at;
    for (std::uint32_t pc = block.first; pc < block.last && pc < insns.size(); ++pc) {
        if (writes(insns[pc], reg)) {
            at.push_back(pc);
        }
    }
    return at;
}

// Where the zero-extension idiom that gives `tested` its value at the end
// of `block` begins (`t = r; t <<= 32; t >>= 32`, or `wt = wr`, the last
// writes of `tested` before the test), and `r`; nullopt if it does not.
std::optional<std::pair<std::uint32_t, int>> zero_extended_source(const cfg::BasicBlock& block,
                                                                  std::span<const isa::Instruction> insns, int tested) {
    const std::vector<std::uint32_t> at = writes_before_test(block, insns, tested);
    const auto alu = [&](std::size_t from_end) -> const isa::Alu* {
        return from_end < at.size() ? std::get_if<isa::Alu>(&insns[at[at.size() - 1 - from_end]]) : nullptr;
    };
    if (const isa::Alu* mov32 = alu(0);
        mov32 != nullptr && mov32->op == isa::AluOp::Mov && !mov32->is64 && mov32->src.is_register) {
        return std::pair{at.back(), static_cast<int>(mov32->src.reg)};
    }
    const auto shift = [](const isa::Alu* a, isa::AluOp op) {
        return a != nullptr && a->op == op && a->is64 && !a->src.is_register && a->src.imm == 32;
    };
    const isa::Alu* copy = alu(2);
    if (shift(alu(0), isa::AluOp::Rsh) && shift(alu(1), isa::AluOp::Lsh) && copy != nullptr &&
        copy->op == isa::AluOp::Mov && copy->is64 && copy->src.is_register) {
        return std::pair{at[at.size() - 3], static_cast<int>(copy->src.reg)};
    }
    return std::nullopt;
}

// The counter range of the exit test ending block `b` (see CounterRange), if
// it is one (the component entered at its head only). The test compares the
// counter, or its low 32 bits (a 32-bit test, or one of its zero-extended
// copy made after the step: `int i` counting down to -1), with an immediate
// or a register the loop never writes that enters it holding a constant.
std::optional<CounterRange> exact_exit(const cfg::Cfg& graph, const Component& c,
                                       std::span<const isa::Instruction> insns, cfg::BlockId head, cfg::BlockId b) {
    const cfg::BasicBlock& block = graph.block(b);
    const auto* test = block.last < insns.size() ? std::get_if<isa::Jump>(&insns[block.last]) : nullptr;
    if (test == nullptr || test->dst >= 10 || (test->cond != isa::JumpCond::Eq && test->cond != isa::JumpCond::Ne)) {
        return std::nullopt;
    }
    std::optional<std::int64_t> compared = std::int64_t{test->src.imm};
    if (test->src.is_register) {
        // A register loaded with a constant in the test's block, or one the
        // loop never writes that enters it holding a constant.
        const int other = test->src.reg;
        const std::vector<std::uint32_t> loads =
            other < 10 ? writes_before_test(block, insns, other) : std::vector<std::uint32_t>{};
        if (other >= 10) {
            compared = std::nullopt;
        } else if (!loads.empty()) {
            compared = loaded_constant(insns[loads.back()]);
        } else {
            compared = written_in(graph, c, insns, other) ? std::nullopt : initial_value(graph, c, insns, head, other);
        }
    }
    if (!compared) {
        return std::nullopt;
    }
    int reg = test->dst;
    bool low32 = test->is32;
    std::uint32_t tested_from = block.last;  // the counter is stepped before this
    if (const auto source = zero_extended_source(block, insns, test->dst); source && !test->is32) {
        reg = source->second;
        low32 = true;
        tested_from = source->first;
        for (std::uint32_t pc = tested_from; pc < block.last; ++pc) {
            if (writes(insns[pc], reg)) {
                return std::nullopt;
            }
        }
    }
    const auto step_at = only_write(graph, c, insns, reg);
    if (!step_at || *step_at < block.first || *step_at >= tested_from) {
        return std::nullopt;
    }
    // The edge on which the counter equals E leaves the component; the other stays.
    for (const cfg::Edge* edge : graph.out_edges(b)) {
        if (edge->kind != cfg::EdgeKind::BranchTaken && edge->kind != cfg::EdgeKind::BranchNotTaken) {
            return std::nullopt;
        }
        const bool taken = edge->kind == cfg::EdgeKind::BranchTaken;
        const bool equal_edge = taken == (test->cond == isa::JumpCond::Eq);
        if (equal_edge == c.in[edge->to]) {
            return std::nullopt;
        }
    }
    const auto step = constant_step(graph, c, insns, reg);
    const auto init = step ? initial_value(graph, c, insns, head, reg) : std::nullopt;
    if (!init) {
        return std::nullopt;
    }
    // The counter's value at the exit: the constant, or for a low-32-bit
    // test the one 64-bit value with those low bits that whole steps reach
    // from init in fewer than 2^32 (the first time the low bits match).
    std::optional<std::int64_t> end;
    // An ld_imm64 init or comparand may be anywhere in 64 bits: a distance
    // that does not fit is no exit this analysis follows.
    const auto reaches = [&](std::int64_t candidate) {
        std::int64_t distance = 0;
        if (__builtin_sub_overflow(candidate, *init, &distance)) {
            return false;
        }
        const std::int64_t limit = low32 ? (std::int64_t{1} << 32) : (std::int64_t{1} << 62);
        return distance != 0 && distance < limit && distance > -limit && distance % *step == 0 && distance / *step > 0;
    };
    if (!low32) {
        end = reaches(*compared) ? compared : std::nullopt;
    } else {
        const auto bits = static_cast<std::uint64_t>(*compared);
        if (!test->is32 && bits > 0xffffffffULL) {
            return std::nullopt;  // a zero-extended copy never equals it
        }
        const auto low = static_cast<std::uint32_t>(bits);
        for (const std::int64_t candidate : {std::int64_t{static_cast<std::int32_t>(low)}, std::int64_t{low}}) {
            if (reaches(candidate)) {
                end = candidate;
                break;
            }
        }
    }
    if (!end) {
        return std::nullopt;
    }
    const std::int64_t last = *end - *step;
    return CounterRange{static_cast<std::uint8_t>(reg), std::min(*init, last), std::max(*init, last),
                        static_cast<std::uint64_t>(std::llabs(*step))};
}

}  // namespace

std::vector<std::vector<CounterRange>> exact_exit_counters(const cfg::Cfg& graph, const cfg::Wto& wto,
                                                           std::span<const isa::Instruction> insns) {
    std::vector<std::vector<CounterRange>> ranges(graph.block_count());
    for_each_component(graph, wto, [&](cfg::BlockId head, const Component& c) {
        if (!entered_at_head_only(graph, c, head)) {
            return;
        }
        for (const cfg::BlockId b : c.blocks) {
            if (const auto range = exact_exit(graph, c, insns, head, b)) {
                for (const cfg::BlockId member : c.blocks) {
                    ranges[member].push_back(*range);
                }
            }
        }
    });
    return ranges;
}

std::vector<std::vector<CounterRange>> stepped_counters(const cfg::Cfg& graph, const cfg::Wto& wto,
                                                        std::span<const isa::Instruction> insns) {
    std::vector<std::vector<CounterRange>> ranges(graph.block_count());
    for_each_component(graph, wto, [&](cfg::BlockId head, const Component& c) {
        if (!entered_at_head_only(graph, c, head)) {
            return;
        }
        for (int reg = 0; reg < 10; ++reg) {
            const auto step = constant_step(graph, c, insns, reg);
            if (!step || std::llabs(*step) < 2 || std::llabs(*step) > (std::int64_t{1} << 32)) {
                continue;
            }
            const auto init = initial_value(graph, c, insns, head, reg);
            std::int64_t reach = 0;
            std::int64_t end = 0;
            if (!init || __builtin_mul_overflow(*step, kMaxWalkedSteps, &reach) ||
                __builtin_add_overflow(*init, reach, &end)) {
                continue;
            }
            const CounterRange range{static_cast<std::uint8_t>(reg), std::min(*init, end), std::max(*init, end),
                                     static_cast<std::uint64_t>(std::llabs(*step))};
            for (const cfg::BlockId member : c.blocks) {
                ranges[member].push_back(range);
            }
        }
    });
    return ranges;
}

}  // namespace bpfcheck::analyzer
