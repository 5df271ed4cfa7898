// The termination checks of one function, after its fixpoint: every loop
// (WTO component) must be bounded by construction (may_goto, an open-coded
// iterator) or by a counter (termination_proof.cpp); a loop with no exit that
// can be taken is infinite; targets before Linux 5.3 refuse every back edge;
// and a proven loop whose verification the kernel would walk past its
// 1,000,000-instruction budget gets a warning with the estimate.
//
// The work is linear in the total size of the loops (each block is seen once
// per enclosing loop) times a small constant for the induction analysis, and
// capped by a budget and the analysis deadline, so no program can make it run
// away: the fixpoint before it already visited every block that often.
#include "analyzer/termination/termination.hpp"

#include "analyzer/termination/termination_loop.hpp"
#include "analyzer/termination/termination_proof.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using termination::kKernelInsnLimit;
using termination::LoopStatus;
using termination::LoopVerdict;

namespace {

constexpr std::uint32_t kernel_version(std::uint32_t a, std::uint32_t b, std::uint32_t c) {
    return (a << 16) | (b << 8) | c;
}

// Instruction transfers the induction analysis may spend on one function.
constexpr std::uint64_t kInductionBudget = 50'000'000;

std::uint32_t last_insn(const AnalysisContext& context, cfg::BlockId block) {
    const cfg::BasicBlock& b = context.cfg.block(block);
    std::uint32_t last = b.last;
    if (last > b.first && std::holds_alternative<isa::Imm64Tail>(context.program.insns[last])) {
        --last;
    }
    return last;
}

bool reached(const BlockStates& states, cfg::BlockId block) {
    const domains::PartitionedState* state = states(block);
    return state != nullptr && !state->is_bottom();
}

// check_cfg's push_insn: a back edge is refused on kernels before 5.3 and,
// on every kernel, for a loader without CAP_BPF (`loop_ok && env->bpf_capable`).
void report_back_edges(const AnalysisContext& context, const termination::FunctionLoops& loops,
                       const BlockStates& states, Reporter& reporter) {
    const std::uint32_t v = context.options.kernel_version;
    const bool too_old = v != 0 && v < kernel_version(5, 3, 0);
    const std::string why = too_old ? fmt::format("loops need Linux 5.3; target is {}.{}", v >> 16, (v >> 8) & 0xff)
                                    : std::string("loops need CAP_BPF");
    for (const termination::Loop& loop : loops.loops()) {
        for (const cfg::Edge* edge : loop.back_edges) {
            // check_cfg walks every edge, reached or not; a target before
            // 5.3 is only told about the back edges the analysis reaches.
            if (too_old && !reached(states, edge->from)) {
                continue;
            }
            const std::uint32_t from = last_insn(context, edge->from);
            const std::uint32_t to = context.cfg.block(edge->to).first;
            reporter.error("loop.backedge", from, fmt::format("back-edge from insn {} to {}: {}", from, to, why), {},
                           too_old ? "unroll the loop (#pragma unroll, constant bound), or target Linux 5.3 or later"
                                   : "unroll the loop (#pragma unroll, constant bound), or load the program with "
                                     "CAP_BPF");
        }
    }
}

// Instructions the kernel walks per iteration in the loop's own blocks (not
// those of inner loops), counting a bpf-to-bpf callee's whole body per call.
double own_instructions(const AnalysisContext& context, const termination::FunctionLoops& loops, std::uint32_t index) {
    const termination::Loop& loop = loops.loops()[index];
    double count = 0;
    for (const cfg::BlockId block : loop.blocks) {
        if (loops.innermost(block) != index) {
            continue;
        }
        const cfg::BasicBlock& b = context.cfg.block(block);
        for (std::uint32_t pc = b.first; pc <= b.last; ++pc) {
            const isa::Instruction& insn = context.program.insns[pc];
            if (std::holds_alternative<isa::Imm64Tail>(insn)) {
                continue;
            }
            count += 1;
            const auto* call = std::get_if<isa::Call>(&insn);
            if (call != nullptr && call->kind == isa::CallKind::Local) {
                const std::int64_t target = static_cast<std::int64_t>(pc) + 1 + call->imm;
                if (target >= 0 && static_cast<std::size_t>(target) < context.program.insns.size()) {
                    const cfg::BlockId callee_block = context.cfg.block_of(static_cast<std::uint32_t>(target));
                    count += context.cfg.functions()[context.cfg.block(callee_block).function].insn_count;
                }
            }
        }
    }
    return count;
}

// A loop every iteration walks the same way: no inner loop, no
// bpf-to-bpf call, and no branch inside it but its exit tests (each block
// has at most one successor in the loop). The kernel cannot prune such a
// walk: every state an earlier iteration left is an ancestor of the current
// one, still being explored (is_state_visited: branches > 0, "goto miss"),
// so it processes every iteration's instructions, as the estimate counts.
bool walked_whole(const AnalysisContext& context, const termination::FunctionLoops& loops, std::uint32_t index) {
    const termination::Loop& loop = loops.loops()[index];
    for (const cfg::BlockId block : loop.blocks) {
        if (loops.innermost(block) != index) {
            return false;  // an inner loop
        }
        std::size_t inside = 0;
        for (const cfg::Edge* edge : loops.out_edges(block)) {
            inside += loops.contains(loop, edge->to) ? 1 : 0;
        }
        if (inside > 1) {
            return false;
        }
        const cfg::BasicBlock& b = context.cfg.block(block);
        for (std::uint32_t pc = b.first; pc <= b.last; ++pc) {
            const auto* call = std::get_if<isa::Call>(&context.program.insns[pc]);
            if (call != nullptr && call->kind == isa::CallKind::Local) {
                return false;
            }
        }
    }
    return true;
}

// Where to report a loop: its exit test when it has one (in C, the
// `for`/`while` line), else the first instruction of its head block that
// has a source line (compilers give some instructions line 0).
std::uint32_t report_insn(const AnalysisContext& context, cfg::BlockId head, const LoopVerdict& verdict) {
    if (verdict.test_insn) {
        return *verdict.test_insn;
    }
    const cfg::BasicBlock& b = context.cfg.block(head);
    for (std::uint32_t pc = b.first; pc <= b.last; ++pc) {
        if (termination::source_line(context, pc)) {
            return pc;
        }
    }
    return b.first;
}

std::string loop_name(const AnalysisContext& context, std::uint32_t insn) {
    return fmt::format("loop at {}", termination::where(context, insn));
}

}  // namespace

void check_termination(const AnalysisContext& context, std::uint32_t function, const BlockStates& pre_states,
                       Reporter& reporter, const termination::OperandRanges* recorded) {
    if (context.cfg.loops().empty()) {
        return;  // no loop anywhere: nothing to prove (and no function's loops to collect)
    }
    const termination::FunctionLoops loops(context.cfg, function);
    const auto& all = loops.loops();
    if (all.empty()) {
        return;
    }
    const std::uint32_t version = context.options.kernel_version;
    // check_cfg: a back-edge needs Linux 5.3 and a loader with CAP_BPF.
    if ((version != 0 && version < kernel_version(5, 3, 0)) || context.options.unprivileged) {
        report_back_edges(context, loops, pre_states, reporter);
        return;
    }
    const Executor executor(context, termination::havoc_call);
    std::uint64_t budget = kInductionBudget;
    const termination::LoopProver prover(context, loops, pre_states, executor, budget, recorded);
    // Inner loops first (the list has each loop before those inside it): a
    // proven inner loop bounds what it adds to its outer loop's counter.
    std::vector<LoopVerdict> verdicts(all.size());
    for (std::uint32_t k = all.size(); k-- > 0;) {
        verdicts[k] = prover.prove(k, verdicts);
    }
    for (std::uint32_t i = 0; i < all.size(); ++i) {
        const LoopVerdict& v = verdicts[i];
        const std::uint32_t head = report_insn(context, all[i].head, v);
        if (v.status == LoopStatus::Unbounded) {
            reporter.error("loop.unbounded", head,
                           fmt::format("{} may not terminate: {}", loop_name(context, head), v.message), v.notes,
                           v.hint);
        } else if (v.status == LoopStatus::Infinite) {
            reporter.error("loop.infinite", head,
                           fmt::format("{} never exits: {}", loop_name(context, head), v.message), v.notes, v.hint);
        }
    }
    // The kernel's walk, estimated bottom-up: a loop costs its iterations
    // times its own instructions plus its inner loops' costs. Loops come
    // outer before inner, so the reverse order sees children first.
    const std::size_t n = all.size();
    std::vector<double> inner_cost(n, 0);
    std::vector<bool> known(n, true);
    std::vector<bool> warned_inside(n, false);
    for (std::size_t k = n; k-- > 0;) {
        const auto i = static_cast<std::uint32_t>(k);
        const LoopVerdict& v = verdicts[i];
        const std::uint32_t parent = all[i].parent;
        double cost = 0;
        bool warned = warned_inside[i];
        if (v.status == LoopStatus::Unbounded || v.status == LoopStatus::Infinite || !known[i]) {
            known[i] = false;
        } else if (v.status != LoopStatus::Unreached) {
            const double per_iteration = own_instructions(context, loops, i) + inner_cost[i];
            cost = static_cast<double>(v.iterations) * per_iteration;
            if (cost > static_cast<double>(kKernelInsnLimit) && !warned) {
                const std::uint32_t head = report_insn(context, all[i].head, v);
                std::vector<std::string> notes{fmt::format("about {} iterations × {} instructions per iteration{}",
                                                           v.iterations, static_cast<std::uint64_t>(per_iteration),
                                                           inner_cost[i] > 0 ? " (inner loops included)" : "")};
                // A loop with branches inside may be pruned where iterations
                // meet (the estimate is then an upper bound): a warning. One
                // walked whole is refused ("BPF program is too large").
                const bool certain = walked_whole(context, loops, i);
                if (!certain) {
                    notes.emplace_back(
                        "an upper bound: the kernel may prune iterations where the loop's branches "
                        "join, when the counter is not precise there");
                }
                std::string message = fmt::format(
                    "{}: the kernel will process about {} instructions to verify it, more than its "
                    "limit of {}",
                    loop_name(context, head), cost >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(cost),
                    kKernelInsnLimit);
                std::string hint = "use bpf_loop(), an open-coded iterator (bpf_for), or a smaller bound";
                if (certain) {
                    reporter.error("loop.kernel_budget", head, std::move(message), std::move(notes), std::move(hint));
                } else {
                    reporter.warning("loop.kernel_budget", head, std::move(message), std::move(notes), std::move(hint));
                }
                warned = true;
            }
        }
        if (parent != termination::kNoLoop) {
            inner_cost[parent] += cost;
            known[parent] = known[parent] && known[i];
            warned_inside[parent] = warned_inside[parent] || warned;
        }
    }
}

}  // namespace bpfcheck::analyzer
