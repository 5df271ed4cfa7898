// The induction analysis: its locations (registers, the stack cells the loop
// addresses through r10), the join and widening of `head(x) + k` relations,
// and the chaotic iteration over one loop's blocks (lowest WTO position
// first, widening at inner heads after two joins). Transfer functions are in
// termination_delta_transfer.cpp.
#include "analyzer/termination/termination_delta.hpp"

#include "analyzer/termination/termination_counter.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <queue>

namespace bpfcheck::analyzer::termination {

using domains::Kind;

namespace {
constexpr int kFrameBytes = 512;
}  // namespace

DeltaAnalysis::DeltaAnalysis(const AnalysisContext& context, const FunctionLoops& loops, const Loop& loop,
                             const domains::PartitionedState& head_state)
    : m_context(context), m_loops(loops), m_loop(loop), m_head_state(head_state) {
    if (!head_state.parts().empty()) {
        m_frame = head_state.parts().front().current_frame();
    }
    collect_cells();
    m_head_reach.resize(m_location_count);
    for (std::size_t l = 0; l < m_location_count; ++l) {
        StackReach reach;
        bool first = true;
        for (const domains::MachineState& part : head_state.parts()) {
            if (part.frame_count() != m_frame + 1) {
                reach.may = true;
                reach.bounded = false;
                break;
            }
            std::optional<domains::Value> value;
            if (l < kRegisterLocations) {
                value = part.reg(l);
            } else if (cell_offset(l) % 8 == 0) {
                value = part.stack(m_frame).load(cell_offset(l), 8);
            }
            if (!value) {
                continue;
            }
            if (value->kind() == Kind::Any) {
                reach.may = true;
                reach.bounded = false;
                break;
            }
            if (value->kind() != Kind::Stack || value->region() != m_frame) {
                continue;
            }
            const domains::Scalar& off = value->number();
            const bool finite = off.smin > -kInfinity && off.smax < kInfinity;
            if (!finite) {
                reach.may = true;
                reach.bounded = false;
                break;
            }
            reach.lo = first ? off.smin : std::min(reach.lo, off.smin);
            reach.hi = first ? off.smax : std::max(reach.hi, off.smax);
            reach.may = true;
            reach.bounded = true;
            first = false;
        }
        m_head_reach[l] = reach;
    }
}

void DeltaAnalysis::collect_cells() {
    std::vector<bool> used(kCells, false);
    const auto& insns = m_context.program.insns;
    auto mark = [&](int base, int offset, int width) {
        const int o = kFrameBytes + offset;
        if (base != isa::kFramePointer || o < 0 || o + width > kFrameBytes) {
            return;
        }
        for (int c = o / kCellBytes; c <= (o + width - 1) / kCellBytes; ++c) {
            used[static_cast<std::size_t>(c)] = true;
        }
    };
    for (const cfg::BlockId block : m_loop.blocks) {
        const cfg::BasicBlock& b = m_context.cfg.block(block);
        for (std::uint32_t pc = b.first; pc <= b.last; ++pc) {
            const isa::Instruction& insn = insns[pc];
            if (const auto* load = std::get_if<isa::Load>(&insn)) {
                mark(load->base, load->offset, load->width);
            } else if (const auto* store = std::get_if<isa::Store>(&insn)) {
                mark(store->base, store->offset, store->width);
            } else if (const auto* atomic = std::get_if<isa::Atomic>(&insn)) {
                mark(atomic->base, atomic->offset, atomic->width);
            }
        }
    }
    m_cell_slot.assign(kCells, -1);
    for (int c = 0; c < kCells; ++c) {
        if (used[static_cast<std::size_t>(c)]) {
            m_cell_slot[static_cast<std::size_t>(c)] = static_cast<int>(m_slot_cell.size());
            m_slot_cell.push_back(c);
        }
    }
    m_location_count = kRegisterLocations + m_slot_cell.size();
}

std::optional<Location> DeltaAnalysis::cell_location(int frame_offset) const {
    if (frame_offset < 0 || frame_offset >= kFrameBytes) {
        return std::nullopt;
    }
    const int slot = m_cell_slot[static_cast<std::size_t>(frame_offset / kCellBytes)];
    if (slot < 0) {
        return std::nullopt;
    }
    return static_cast<Location>(kRegisterLocations + slot);
}

int DeltaAnalysis::cell_offset(Location location) const {
    return m_slot_cell[location - kRegisterLocations] * kCellBytes;
}

std::string DeltaAnalysis::name(Location location) const {
    if (location < kRegisterLocations) {
        return fmt::format("R{}", location);
    }
    return fmt::format("the stack slot fp-{}", kFrameBytes - cell_offset(location));
}

std::optional<domains::Scalar> DeltaAnalysis::number_in(const domains::MachineState& state, Location location,
                                                        bool low32_view) const {
    if (state.is_bottom() || state.frame_count() != m_frame + 1) {
        return std::nullopt;
    }
    std::optional<domains::Value> value;
    if (location < kRegisterLocations) {
        value = state.reg(location);
    } else {
        const int o = cell_offset(location);
        if (o % 8 != 0 && !low32_view) {
            return std::nullopt;
        }
        value = state.stack(m_frame).load(o, low32_view ? 4 : 8);
    }
    if (!value || !value->is_scalar()) {
        return std::nullopt;
    }
    return value->number();
}

std::optional<domains::Scalar> DeltaAnalysis::head_number(Location location, bool low32_view) const {
    std::optional<domains::Scalar> result;
    for (const domains::MachineState& part : m_head_state.parts()) {
        const auto number = number_in(part, location, low32_view);
        if (!number) {
            return std::nullopt;
        }
        if (!result) {
            result = number;
        } else {
            result->join_with(*number);
        }
    }
    return result;
}

DeltaAnalysis::State DeltaAnalysis::identity() const {
    State state(m_location_count);
    for (Location l = 0; l < kRegisterLocations; ++l) {
        state[l] = Relation::offset(l, Width::Full, 0, 0);
    }
    for (Location l = kRegisterLocations; l < m_location_count; ++l) {
        const bool eight = cell_offset(l) % 8 == 0;
        state[l] = Relation::offset(l, Width::Full, 0, 0, eight ? CellTag::Low8 : CellTag::Whole4);
    }
    return state;
}

DeltaAnalysis::StackReach DeltaAnalysis::reach(const Relation& r) const {
    switch (r.kind) {
        case RelKind::Unknown:
            return StackReach{true, false, 0, 0};
        case RelKind::Offset: {
            if (r.width != Width::Full || r.tag == CellTag::Whole4 || r.tag == CellTag::High8) {
                return {};
            }
            const StackReach& head = m_head_reach[r.base];
            if (!head.may) {
                return {};
            }
            if (!head.bounded || r.lo <= -kInfinity || r.hi >= kInfinity) {
                return StackReach{true, false, 0, 0};
            }
            return StackReach{true, true, head.lo + r.lo, head.hi + r.hi};
        }
        default:
            return {};
    }
}

bool DeltaAnalysis::is_nonpointer(const Relation& r) const {
    return r.tag == CellTag::Whole4 || r.tag == CellTag::High8 || !reach(r).may;
}

Relation DeltaAnalysis::join(const Relation& a, const Relation& b, bool widen) const {
    if (a == b || b.kind == RelKind::Bottom) {
        return a;
    }
    if (a.kind == RelKind::Bottom) {
        return b;
    }
    if (a.kind == RelKind::Offset && b.kind == RelKind::Offset && a.base == b.base && a.width == b.width &&
        a.tag == b.tag) {
        Relation r = a;
        if (widen) {
            r.lo = b.lo < a.lo ? -kInfinity : a.lo;
            r.hi = b.hi > a.hi ? kInfinity : a.hi;
        } else {
            r.lo = std::min(a.lo, b.lo);
            r.hi = std::max(a.hi, b.hi);
        }
        return r;
    }
    const CellTag tag = a.tag == b.tag ? a.tag : CellTag::None;
    if (a.kind == RelKind::Unknown || b.kind == RelKind::Unknown) {
        return Relation::unknown(tag);
    }
    return is_nonpointer(a) && is_nonpointer(b) ? Relation::opaque(tag) : Relation::unknown(tag);
}

Relation DeltaAnalysis::extrapolate(const Relation& before, const Relation& after, std::uint64_t rounds,
                                    std::uint64_t counted) const {
    if (before.kind != RelKind::Offset || after.kind != RelKind::Offset || before.base != after.base ||
        before.width != after.width || before.tag != after.tag) {
        return join(before, after, true);
    }
    // `before` holds the first arrival and `counted` rounds; each further
    // round adds at most the growth of the last one.
    const std::uint64_t further = rounds > counted ? rounds - counted : 0;
    const auto grown = [&](std::int64_t from, std::int64_t by) -> std::int64_t {
        const Wide far = static_cast<Wide>(from) + static_cast<Wide>(by) * further;
        return far >= kInfinity ? kInfinity : far <= -kInfinity ? -kInfinity : static_cast<std::int64_t>(far);
    };
    Relation r = before;
    r.hi = after.hi > before.hi ? grown(before.hi, after.hi - before.hi) : before.hi;
    r.lo = after.lo < before.lo ? grown(before.lo, after.lo - before.lo) : before.lo;
    return r;
}

bool DeltaAnalysis::run(std::uint64_t& budget) {
    const auto n = static_cast<std::uint32_t>(m_loop.blocks.size());
    const cfg::Wto& wto = m_context.cfg.functions()[m_context.cfg.block(m_loop.head).function].wto;
    const auto& elements = wto.elements();
    // Local indices are WTO positions relative to the head; edges back into
    // the head are cut (what reaches a latch is the cycle's effect).
    std::vector<std::vector<std::uint32_t>> predecessors(n);
    std::vector<std::vector<std::uint32_t>> successors(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        for (const cfg::Edge* edge : m_loops.out_edges(m_loop.blocks[i])) {
            if (edge->to == m_loop.head || !m_loops.contains(m_loop, edge->to)) {
                continue;
            }
            const std::uint32_t to = wto.position(edge->to) - m_loop.begin;
            successors[i].push_back(to);
            predecessors[to].push_back(i);
        }
    }
    std::vector<bool> inner_head(n, false);
    std::vector<std::optional<std::uint64_t>> inner_bound(n);
    for (std::uint32_t i = 1; i < n; ++i) {
        inner_head[i] = elements[m_loop.begin + i].is_head;
        if (inner_head[i] && m_inner_iterations) {
            inner_bound[i] = m_inner_iterations(m_loop.blocks[i]);
        }
    }
    // Inner heads whose relations were extrapolated over their loop's
    // iterations: later rounds of that loop add nothing (its entry, from
    // blocks before it in the order, no longer changes by then).
    std::vector<bool> extrapolated(n, false);
    m_post.assign(n, State());
    m_reached.assign(n, false);
    std::vector<State> head_pre(n);
    std::vector<std::uint32_t> visits(n, 0);
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> queue;
    std::vector<bool> queued(n, false);
    queue.push(0);
    queued[0] = true;
    std::uint64_t steps = 0;
    while (!queue.empty()) {
        const std::uint32_t i = queue.top();
        queue.pop();
        queued[i] = false;
        State in;
        if (i == 0) {
            in = identity();
        } else {
            bool any = false;
            for (const std::uint32_t p : predecessors[i]) {
                if (!m_reached[p]) {
                    continue;
                }
                if (!any) {
                    in = m_post[p];
                    any = true;
                    continue;
                }
                for (std::size_t l = 0; l < m_location_count; ++l) {
                    in[l] = join(in[l], m_post[p][l], false);
                }
            }
            if (!any) {
                continue;
            }
            if (inner_head[i]) {
                State& old = head_pre[i];
                if (extrapolated[i]) {
                    if (m_reached[i]) {
                        continue;
                    }
                    in = old;
                } else if (!old.empty()) {
                    const bool widen = ++visits[i] > 2;
                    if (widen && inner_bound[i]) {
                        for (std::size_t l = 0; l < m_location_count; ++l) {
                            // `old` holds the first arrival and the returns since.
                            in[l] = extrapolate(old[l], join(old[l], in[l], false), *inner_bound[i], visits[i] - 1);
                        }
                        extrapolated[i] = true;
                    } else {
                        for (std::size_t l = 0; l < m_location_count; ++l) {
                            in[l] = join(old[l], in[l], widen);
                        }
                        if (in == old && m_reached[i]) {
                            continue;
                        }
                    }
                }
                old = in;
            }
        }
        const cfg::BasicBlock& block = m_context.cfg.block(m_loop.blocks[i]);
        for (std::uint32_t pc = block.first; pc <= block.last; ++pc) {
            if (budget == 0) {
                return false;
            }
            --budget;
            transfer(pc, in);
        }
        if ((++steps & 0xfff) == 0 && std::chrono::steady_clock::now() > m_context.deadline) {
            return false;
        }
        if (m_reached[i] && in == m_post[i]) {
            continue;
        }
        m_post[i] = std::move(in);
        m_reached[i] = true;
        for (const std::uint32_t s : successors[i]) {
            if (!queued[s]) {
                queued[s] = true;
                queue.push(s);
            }
        }
    }
    return true;
}

Relation DeltaAnalysis::at_end(cfg::BlockId block, Location location) const {
    const std::uint32_t position = m_context.cfg.functions()[m_context.cfg.block(block).function].wto.position(block);
    if (position == cfg::Wto::kNone || position < m_loop.begin || position >= m_loop.end) {
        return Relation{};
    }
    const std::uint32_t i = position - m_loop.begin;
    if (i >= m_reached.size() || !m_reached[i]) {
        return Relation{};
    }
    return m_post[i][location];
}

Relation DeltaAnalysis::around_cycle(Location location) const {
    Relation result;
    for (const cfg::Edge* edge : m_loop.back_edges) {
        result = join(result, at_end(edge->from, location), false);
    }
    return result;
}

}  // namespace bpfcheck::analyzer::termination
