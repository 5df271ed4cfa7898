#include "analyzer/engine/edge_transfer.hpp"

namespace bpfcheck::analyzer {

using domains::MachineState;

domains::PartitionedState transfer_edge(const EdgeTransfer& in, const cfg::Edge& e,
                                        const domains::PartitionedState& post) {
    domains::PartitionedState result = domains::PartitionedState::bottom();
    result.set_loop_counters(in.blocks.loop_counters[e.to], in.blocks.counter_slots[e.to], in.blocks.in_loop[e.to]);
    const DeadRegisters dead = in.blocks.dead_registers(e.to);
    // An edge without a condition only forgets dead registers: that
    // costs less than the memo's lookup (a whole-state comparison) and
    // its copies, so only conditional edges are remembered.
    const bool memoize = in.blocks.walked_again[e.to] && e.condition.has_value();
    // In a loop, a part that covers others replaces them (Covered::Dropped).
    // Elsewhere an edge's parts come from one block's end state, whose
    // parts already did not cover each other, and a branch condition seldom
    // makes one cover another (31 of 14,515 comparisons in Cilium's
    // tail_handle_snat_fwd_ipv4, a tenth of its analysis): they are filed
    // unchecked, and the join where paths meet prunes them.
    const auto covered = in.blocks.in_component[e.to] ? domains::PartitionedState::Covered::Dropped
                                                      : domains::PartitionedState::Covered::Unchecked;
    const auto file = [&](domains::SharedPart part, std::optional<std::uint64_t> shape, std::uint64_t stamp) {
        result.add_part(std::move(part), shape, domains::kNoId, stamp, covered);
    };
    const std::size_t slot = in.cfg.block_count() + static_cast<std::size_t>(&e - in.cfg.edges().data());
    for (std::size_t i = 0; i < post.parts().size(); ++i) {
        const domains::SharedPart& shared = post.shared_part(i);
        const MachineState& part = *shared;
        if (memoize) {
            if (const auto* known = in.memo.find(slot, post.shape(i), shared, post.stamp(i))) {
                if (known->state) {
                    file(known->state, known->shape, known->stamp);
                }
                continue;
            }
        }
        // Not remembered, an edge's output is named after its input's stamp.
        const auto derived_stamp = [&] {
            return in.blocks.walked_again[e.to] ? in.memo.derived_stamp(slot, post.stamp(i)) : 0;
        };
        if (!e.condition && !holds_dead_registers(part, dead)) {
            // Nothing to assume or forget: the part itself flows on.
            file(shared, std::nullopt, derived_stamp());
            continue;
        }
        MachineState along = in.executor.assume(e, part);
        if (along.is_bottom()) {
            if (auto speculative = in.executor.speculative_path(e, part)) {
                along = std::move(*speculative);
            }
        }
        forget_dead_registers(along, dead);
        if (!memoize) {
            if (!along.is_bottom()) {
                file(domains::share_part(std::move(along)), std::nullopt, derived_stamp());
            }
        } else if (along.is_bottom()) {
            if (in.memo.keeps(slot)) {
                in.memo.remember(slot, post.shape(i), shared, {}, post.stamp(i));
            }
        } else {
            const std::uint64_t shape = result.shape_of(along);
            domains::SharedPart out = domains::share_part(std::move(along));
            std::uint64_t stamp = 0;
            if (in.memo.keeps(slot)) {
                stamp = in.memo.remember(slot, post.shape(i), shared, {out, shape, 0}, post.stamp(i));
            }
            file(std::move(out), shape, stamp);
        }
    }
    return result;
}

}  // namespace bpfcheck::analyzer
