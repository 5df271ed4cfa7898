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

}  // namespace

bool DeferredChecks::claim(std::uint32_t block, const domains::SharedPart& part) {
    if (hopeless()) {
        return false;  // the checking pass walks the loop blocks anyway: check nothing more here
    }
    std::vector<domains::SharedPart>& claimed = m_claimed[block];
    if (std::find(claimed.begin(), claimed.end(), part) != claimed.end()) {
        return false;
    }
    claimed.push_back(part);
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
            if (std::find(found->second.begin(), found->second.end(), state->shared_part(i)) == found->second.end()) {
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
