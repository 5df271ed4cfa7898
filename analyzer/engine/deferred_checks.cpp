#include "analyzer/engine/deferred_checks.hpp"

#include <algorithm>

namespace bpfcheck::analyzer {

namespace {

// A fact per instruction that both sinks hold with different values.
template <typename Map>
bool differs(const Map& mine, const Map& theirs) {
    return std::any_of(mine.begin(), mine.end(), [&](const auto& entry) {
        const auto found = theirs.find(entry.first);
        return found != theirs.end() && found->second != entry.second;
    });
}

template <typename Map>
void merge_into(const Map& mine, Map& theirs) {
    for (const auto& [key, value] : mine) {
        theirs.try_emplace(key, value);
    }
}

void merge_max(const std::vector<int>& mine, std::vector<int>& theirs) {
    if (theirs.size() < mine.size()) {
        theirs.resize(mine.size(), 0);
    }
    for (std::size_t i = 0; i < mine.size(); ++i) {
        theirs[i] = std::max(theirs[i], mine[i]);
    }
}

// Whether `earlier` was taken from `part` itself (the same control block:
// no address reused by a later part can match an expired one).
bool same_part(const std::weak_ptr<const domains::MachineState>& earlier, const domains::SharedPart& part) {
    return !earlier.owner_before(part) && !part.owner_before(earlier);
}

}  // namespace

bool DeferredChecks::claim(std::uint32_t block, const domains::SharedPart& part) {
    if (hopeless()) {
        return false;  // the checking pass walks the loop blocks anyway: check nothing more here
    }
    std::vector<std::weak_ptr<const domains::MachineState>>& claimed = m_claimed[block];
    for (const auto& earlier : claimed) {
        if (earlier.expired()) {
            // A part checked here is in no state any more (widened or
            // folded away): the converged state is not what was checked,
            // so nothing here can be adopted. Stop checking and holding.
            give_up();
            m_claimed.clear();
            return false;
        }
        if (same_part(earlier, part)) {
            return false;
        }
    }
    claimed.emplace_back(part);
    return true;
}

bool DeferredChecks::covers_exactly(std::span<const std::uint32_t> blocks,
                                    const std::function<const domains::PartitionedState*(std::uint32_t)>& pre) const {
    std::size_t matched = 0;
    for (const std::uint32_t block : blocks) {
        const domains::PartitionedState* state = pre(block);
        const std::size_t parts = state == nullptr ? 0 : state->parts().size();
        const auto found = m_claimed.find(block);
        const std::size_t claimed = found == m_claimed.end() ? 0 : found->second.size();
        if (parts != claimed) {
            return false;  // a part never checked, or one checked and then widened away
        }
        for (std::size_t i = 0; i < parts; ++i) {
            const domains::SharedPart& part = state->shared_part(i);
            if (std::none_of(found->second.begin(), found->second.end(),
                             [&](const auto& earlier) { return same_part(earlier, part); })) {
                return false;
            }
        }
        matched += found == m_claimed.end() ? 0 : 1;
    }
    return matched == m_claimed.size();  // no block outside `blocks` was checked here
}

bool DeferredChecks::conflicts_with(const CheckSink& into) const {
    return differs(m_sink.base_kinds, into.base_kinds) || differs(m_sink.alu_masking, into.alu_masking) ||
           differs(m_sink.tail_call_maps, into.tail_call_maps);
}

bool DeferredChecks::adopt(std::span<const std::uint32_t> blocks,
                           const std::function<const domains::PartitionedState*(std::uint32_t)>& pre,
                           CheckSink& into) const {
    if (hopeless() || !covers_exactly(blocks, pre) || conflicts_with(into)) {
        return false;
    }
    merge_into(m_sink.base_kinds, into.base_kinds);
    merge_into(m_sink.alu_masking, into.alu_masking);
    merge_into(m_sink.tail_call_maps, into.tail_call_maps);
    merge_max(m_sink.touched_depths, into.touched_depths);
    merge_max(m_sink.touched_outside_fastcall, into.touched_outside_fastcall);
    return true;
}

}  // namespace bpfcheck::analyzer
