// Trace partitioning by shape (Mauborgne and Rival, "Trace Partitioning in
// Abstract Interpretation Based Static Analyzers", ESOP 2005): at a join, the
// states whose registers and spilled pointers hold the same kinds of value
// (same "shape") are joined; states of different shapes are kept apart, up to
// kMaxPartitions per program point and iteration of its loop (another
// constant in a loop counter; kMaxPartitionsInAll in all): a loop walked
// iteration by iteration as the kernel walks it does not fold one
// iteration's paths for room for the next's (XDP-Firewall's filter loop,
// two rounds of 19 paths each). The kernel explores paths one by one and
// never merges a map-value pointer with a stack pointer; this keeps us from
// doing so either, at a bounded cost. Beyond the budget, states are folded
// by nearness (MachineState::shape_distance), and never two iterations of a
// loop (different constants in its counter registers, loop_counters.hpp)
// while states of one iteration can still be folded: a join of two counter
// values is widened at the loop head, and the counter and every offset
// moving with it are lost (Debian's ksnoop, whose loop body has more path
// shapes than the budget, was refused so). A counter clang keeps in a stack
// slot between iterations (loaded, stepped, compared and stored back: the
// selftests' pyperf180 and strobemeta) is a counter too: its constant takes
// part in the shape at the program points of its loop, so iterations stay
// apart there as they do for a counter register.
//
// A state that a part already covers (leq) adds nothing, whatever its
// shape: the kernel's is_state_visited prunes a state that a visited one
// covers, and the partition's union is the same without it. Programs whose
// paths differ in a flag or a spill the later code never tells apart
// (pyperf, strobemeta) otherwise keep a part per path up to the budget.
//
// Parts are shared, copy on write (SharedPart): a fixpoint copies whole
// partitioned states (a head's stability test, every edge's output, the
// transfer memo's entries), and most parts pass through a round unchanged.
// Copying a partitioned state copies pointers; a part is cloned only when
// it is written while another state holds it; joining, widening or
// narrowing a part with the very same part changes nothing and is skipped.
#pragma once

#include "domains/lattice.hpp"
#include "domains/loop_iterations.hpp"
#include "domains/machine_state.hpp"
#include "domains/shared_part.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace bpfcheck::domains {

inline constexpr std::size_t kMaxPartitions = 32;
// At a program point of a walked loop, each iteration (another constant in
// a loop counter) has kMaxPartitions parts of its own, up to this many in all.
inline constexpr std::size_t kMaxPartitionsInAll = 2 * kMaxPartitions;

class PartitionedState {
public:
    static PartitionedState bottom() { return PartitionedState(); }
    static PartitionedState of(MachineState state) {
        PartitionedState p;
        p.add(std::move(state), kNoId);
        return p;
    }

    // stamps()[i]: 0, or a stamp the analyzer's transfer memo gave a state
    // equal to parts()[i] (transfer_memo.hpp): the memo then finds the part
    // by this integer instead of comparing whole states. A part keeps the
    // stamp it came with only while nothing is joined, widened or narrowed
    // into it; any change of the part clears it (rekey).
    [[nodiscard]] std::uint64_t stamp(std::size_t i) const { return m_entries[i].stamp; }
    // Every part's stamp, in order (for tests and diagnostics).
    [[nodiscard]] std::vector<std::uint64_t> stamps() const {
        std::vector<std::uint64_t> all;
        all.reserve(m_entries.size());
        for (const FiledPart& entry : m_entries) {
            all.push_back(entry.stamp);
        }
        return all;
    }

    [[nodiscard]] bool is_bottom() const { return m_entries.empty(); }
    [[nodiscard]] PartsView parts() const { return PartsView(m_entries); }
    // parts()[i] itself, to share it.
    [[nodiscard]] const SharedPart& shared_part(std::size_t i) const { return m_entries[i].state; }
    // shapes()[i]: the shape parts()[i] was filed under (a folded part keeps the first one's).
    [[nodiscard]] std::uint64_t shape(std::size_t i) const { return m_entries[i].shape; }
    // The parts as states (copies: they may be shared), leaving bottom.
    std::vector<MachineState> take_parts() {
        std::vector<MachineState> states = parts().to_vector();
        m_entries.clear();
        return states;
    }

    [[nodiscard]] bool leq(const PartitionedState& other) const {
        // Each part must be covered by some part of `other` (a folded part
        // may hold states of several shapes, so shapes alone cannot pair them).
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            const auto match = other.find(m_entries[i].shape);
            if (match && covers(other.m_entries[*match].state, m_entries[i].state)) {
                continue;
            }
            const bool covered = std::any_of(other.m_entries.begin(), other.m_entries.end(),
                                             [&](const FiledPart& o) { return covers(o.state, m_entries[i].state); });
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    // The loop counters of the program point this state belongs to (see
    // loop_iterations.hpp); a state made by joining others inherits theirs.
    // `slots`: the current frame's stack slots (bit s: r10 - 512 + 8 * s)
    // that hold a counter between iterations.
    // `in_loop`: the program point is in a loop, whose counters key its
    // iterations; each iteration then has a budget of its own (see
    // kMaxPartitionsInAll). Elsewhere the counters are the registers a
    // branch decides on, the parts share one budget, and packet pointers
    // that proved a range key the parts too (LoopCounters).
    void set_loop_counters(std::uint16_t counters, std::uint64_t slots = 0, bool in_loop = false) {
        m_in_loop = in_loop;
        if (const LoopCounters loop(counters, slots, in_loop); !(loop == m_loop)) {
            m_loop = loop;
            for (std::size_t i = 0; i < m_entries.size(); ++i) {
                m_entries[i].counts = counts_of(m_entries[i].state);  // the parts are unchanged: they keep their stamps
                m_entries[i].no_alike = 0;                            // iterations are told apart anew
            }
        }
    }

    // The shape `state` is filed under here: MachineState::shape() with the
    // constants of this program point's loop counters (LoopCounters::shape_of).
    [[nodiscard]] std::uint64_t shape_of(const MachineState& state) const {
        return m_loop.shape_of(state, state.shape());
    }

    void join_with(const PartitionedState& other, std::uint32_t site = kNoId) {
        inherit_counters(other);
        for (std::size_t i = 0; i < other.m_entries.size(); ++i) {
            add_shared(other.m_entries[i].state, site, other.m_entries[i].stamp);
        }
    }

    // The same join, taking `other`'s parts instead of copying them.
    void join_with(PartitionedState&& other, std::uint32_t site = kNoId) {
        if (m_entries.empty() && m_loop.empty()) {
            *this = std::move(other);  // bottom joined with `other` is `other`, filed as it is
            return;
        }
        if (m_loop.empty()) {
            m_loop = other.m_loop;
        }
        for (std::size_t i = 0; i < other.m_entries.size(); ++i) {
            add_shared(std::move(other.m_entries[i].state), site, other.m_entries[i].stamp);
        }
    }

    void widen_with(const PartitionedState& other, std::span<const std::int64_t> thresholds,
                    std::uint32_t site = kNoId) {
        widen_parts(other, thresholds, site, false);
    }

    // widen_with, except that a part whose loop counters hold a constant (one
    // iteration of a loop still being walked) is joined with what flows into
    // it, not widened: the loop's earlier iterations change, one per round,
    // and the values that follow them (an offset summed over the iterations)
    // stay bounded, as the kernel's walk keeps them; widening them would
    // lose the bound. The fixpoint calls it only for the rounds that walk the
    // loop to its end (loop_walk.hpp), so the head still converges.
    void widen_except_iterations(const PartitionedState& other, std::span<const std::int64_t> thresholds,
                                 std::uint32_t site = kNoId) {
        widen_parts(other, thresholds, site, true);
    }

    // Widening that adds no part (FixpointEngine's settling, once a loop
    // head has used its rounds): each part of `other` that no part covers is
    // widened into the part of its shape, else into the nearest part. The
    // number of parts stays fixed and each only grows by widening, so the
    // head converges whatever the loop does.
    void settle_with(const PartitionedState& other, std::span<const std::int64_t> thresholds,
                     std::uint32_t site = kNoId) {
        inherit_counters(other);
        if (m_entries.empty()) {
            join_with(other, site);
            return;
        }
        std::vector<std::pair<std::size_t, const MachineState*>> widened;
        for (std::size_t i = 0; i < other.m_entries.size(); ++i) {
            const SharedPart& part = other.m_entries[i].state;
            const auto match = find(other.m_entries[i].shape);
            if (match && covers(m_entries[*match].state, part)) {
                continue;
            }
            if (std::any_of(m_entries.begin(), m_entries.end(),
                            [&](const FiledPart& o) { return covers(o.state, part); })) {
                continue;
            }
            const std::size_t target = match ? *match : nearest(*part);
            widen_joined(target, *part, thresholds, site);
            widened.emplace_back(target, part.get());
        }
        // Names alone may keep a part apart from the one it was widened into
        // (see forget_ids_differing_from): once every part is widened in, as
        // a later join into the same part names its values anew (a NULL with
        // an id, then a NULL-or-pointer named by the join site, covers it no
        // more); forgotten before, the head never covered what flows in and
        // walked round after round with nothing new (XDP-Firewall's
        // 1000-filter loop, until the time limit).
        for (const auto& [target, part] : widened) {
            if (!part->leq(*m_entries[target].state)) {
                own(target).forget_ids_differing_from(*part);
                rekey(target);
            }
        }
    }

    // Narrowing with F(this): each incoming part narrows the part that covers
    // it (its own shape first, else any covering part); a part nothing flows
    // into is dropped. When some incoming part is covered by none, nothing is
    // narrowed (folded parts may hold several shapes, so pairing by shape
    // alone would be unsound).
    void narrow_with(const PartitionedState& other) {
        std::vector<SharedPart> into(m_entries.size());
        for (std::size_t j = 0; j < other.m_entries.size(); ++j) {
            std::optional<std::size_t> target = find(other.m_entries[j].shape);
            if (target && !covers(m_entries[*target].state, other.m_entries[j].state)) {
                target.reset();
            }
            for (std::size_t i = 0; i < m_entries.size() && !target; ++i) {
                if (covers(m_entries[i].state, other.m_entries[j].state)) {
                    target = i;
                }
            }
            if (!target) {
                return;
            }
            if (!into[*target]) {
                into[*target] = other.m_entries[j].state;
            } else if (into[*target] != other.m_entries[j].state) {
                MachineState joined = *into[*target];
                joined.join_with(*other.m_entries[j].state);
                into[*target] = share_part(std::move(joined));
            }
        }
        std::vector<FiledPart> kept;
        kept.reserve(m_entries.size());
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            if (!into[i]) {
                continue;  // nothing flows in: unreachable at this head
            }
            if (into[i] != m_entries[i].state) {
                own(i).narrow_with(*into[i]);
            }
            if (!m_entries[i].state->is_bottom()) {
                kept.push_back(FiledPart{std::move(m_entries[i].state), m_entries[i].shape, 0, Counts{}});
            }
        }
        m_entries = std::move(kept);
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            rekey(i);
        }
    }

    // Adds a state: joined into the part of the same shape, or a new part
    // (which keeps `stamp`, see stamps()).
    void add(MachineState state, std::uint32_t site, std::uint64_t stamp = 0) {
        if (state.is_bottom()) {
            return;
        }
        const std::uint64_t shape = shape_of(state);
        add_shaped(share_part(std::move(state)), shape, site, stamp);
    }
    void add_shared(SharedPart state, std::uint32_t site, std::uint64_t stamp = 0) {
        add_part(std::move(state), std::nullopt, site, stamp, Covered::Kept);
    }

    // add() of a state whose shape() the caller knows.
    void add_shaped(SharedPart state, std::uint64_t shape, std::uint32_t site, std::uint64_t stamp = 0) {
        add_part(std::move(state), shape, site, stamp, Covered::Kept);
    }

    // What becomes of the parts a new part covers (of its own iteration).
    // Dropped: they add nothing to what the state describes, and every part
    // is walked on; for a block's or an edge's results. Kept: a join at a
    // loop head never drops a part, so that its parts only grow and the head
    // settles (FixpointEngine). Unchecked: a part of a new shape is filed
    // without asking whether a part covers it (nor it a part): for the parts
    // of one state that already did not cover each other, passed on with
    // little change (an edge's branch condition); a part covered after all
    // costs a walk of its own, never a verdict, and the joins where paths
    // meet still prune it.
    enum class Covered : std::uint8_t { Kept, Dropped, Unchecked };

    // add() of a shared state, with its shape when the caller knows it.
    void add_part(SharedPart state, std::optional<std::uint64_t> known_shape, std::uint32_t site, std::uint64_t stamp,
                  Covered covered) {
        if (state->is_bottom()) {
            return;
        }
        const std::uint64_t shape = known_shape ? *known_shape : part_facts::held(state).shape_under(m_loop);
        if (const auto match = find(shape)) {
            const std::size_t i = *match;
            if (covers(m_entries[i].state, state)) {
                return;
            }
            if (m_entries[i].state->leq(*state)) {
                // The join would be `state` itself (a loop's part widened, or
                // grown by a later round): take it instead of computing it.
                m_entries[i].state = std::move(state);
                m_entries[i].counts = counts_of(m_entries[i].state);
                m_entries[i].stamp = stamp;
                m_entries[i].no_alike = 0;
                return;
            }
            own(i).join_with(*state, site);
            rekey(i);
            return;
        }
        const Counts counts = counts_of(state);
        if (covered != Covered::Unchecked && subsumed(state, counts)) {
            return;  // the kernel's is_state_visited prunes it so
        }
        if (covered == Covered::Dropped) {
            drop_parts_covered_by(*state, counts);
        }
        if (over_budget(counts)) {
            fold(std::move(state), counts, shape, site, stamp);
            return;
        }
        insert(std::move(state), counts, shape, stamp);
    }

    // The parts of this state that are not parts of `before` (not the very
    // same shared part): where this state was made from a copy of `before`,
    // the parts changed or added since (a shared part is copied before it
    // is written, see own()).
    [[nodiscard]] PartitionedState changed_since(const PartitionedState& before) const {
        PartitionedState changed;
        changed.m_loop = m_loop;
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            const SharedPart& part = m_entries[i].state;
            if (std::none_of(before.m_entries.begin(), before.m_entries.end(),
                             [&](const FiledPart& old) { return old.state == part; })) {
                changed.m_entries.push_back(m_entries[i]);
            }
        }
        return changed;
    }

    [[nodiscard]] MachineState joined() const {
        MachineState all = MachineState::bottom();
        for (const FiledPart& entry : m_entries) {
            all.join_with(*entry.state);
        }
        return all;
    }

    // Stamps are bookkeeping, not state: equal parts may carry different ones.
    bool operator==(const PartitionedState& other) const {
        return m_loop == other.m_loop && std::equal(m_entries.begin(), m_entries.end(), other.m_entries.begin(),
                                                    other.m_entries.end(), [](const FiledPart& a, const FiledPart& b) {
                                                        return a.shape == b.shape && a.counts.key == b.counts.key &&
                                                               (a.state == b.state || *a.state == *b.state);
                                                    });
    }

private:
    using Counts = IterationCounts;

    [[nodiscard]] Counts counts_of(const MachineState& state) const { return m_loop.counts_of(state); }
    [[nodiscard]] const Counts& counts_of(const SharedPart& part) const {
        return part_facts::held(part).counts_under(m_loop);
    }

    // widen_with (join_iterations false) and widen_except_iterations (true).
    void widen_parts(const PartitionedState& other, std::span<const std::int64_t> thresholds, std::uint32_t site,
                     bool join_iterations) {
        inherit_counters(other);
        for (std::size_t i = 0; i < other.m_entries.size(); ++i) {
            const MachineState& part = *other.m_entries[i].state;
            if (const auto match = find(other.m_entries[i].shape)) {
                if (m_entries[*match].state != other.m_entries[i].state) {
                    if (join_iterations && m_entries[*match].counts.known != 0) {
                        own(*match).join_with(part, site);
                    } else {
                        own(*match).widen_with(part, thresholds, site);
                    }
                    rekey(*match);
                }
            } else if (m_entries.size() < kMaxPartitions) {
                add_shared(other.m_entries[i].state, site, other.m_entries[i].stamp);
            } else if (const std::uint64_t key = counts_of(other.m_entries[i].state).key;
                       const auto same = nearest_of_iteration(part, key)) {
                // Not into a part holding another kind of pointer while two
                // parts of this iteration can join without that (as fold()).
                if (pointers_differ(m_entries[*same].state, other.m_entries[i].state) &&
                    join_nearest_alike(key, site, false)) {
                    add_shared(other.m_entries[i].state, site, other.m_entries[i].stamp);
                    continue;
                }
                // Folding must widen too, or the folded part could grow
                // forever (but for an iteration, see widen_except_iterations).
                if (join_iterations && m_entries[*same].counts.known != 0) {
                    join_into(*same, other.m_entries[i].state, site);
                } else {
                    widen_joined(*same, part, thresholds, site);
                }
            } else if (make_room(site)) {
                insert(other.m_entries[i].state, other.m_entries[i].shape, other.m_entries[i].stamp);
            } else {
                widen_joined(nearest(part), part, thresholds, site);
            }
        }
    }

    // Over budget. States that disagree on a loop counter are never joined
    // while another fold is possible (their join would be widened and the
    // counter lost): the new state joins the nearest part of its own
    // iteration; a state of a new iteration takes the place of two parts of
    // the most crowded iteration, which are joined. Only when every part is
    // of another iteration are two iterations joined.
    void fold(SharedPart state, const Counts& counts, std::uint64_t shape, std::uint32_t site, std::uint64_t stamp) {
        // Room in its own iteration but none in all: two parts of the most
        // crowded iteration are joined first.
        if (m_in_loop && parts_of_iteration(counts.key) < kMaxPartitions && make_room(site)) {
            insert(std::move(state), counts, shape, stamp);
            return;
        }
        if (const auto same = nearest_of_iteration(*state, counts.key)) {
            // Not into a part holding another kind of pointer or pointing to
            // other maps, or holding another constant in a register and
            // differing in more than constants, while two parts of this
            // iteration can join without doing so
            // (a join that only loses constants keeps every kind: a flag
            // set on some paths becomes a range).
            const MachineState& nearest = *m_entries[*same].state;
            const bool pointers = pointers_differ(m_entries[*same].state, state);
            const bool constants = nearest.constants_differ(*state) && nearest.differ_beyond_constants(*state);
            if ((constants && join_nearest_alike(counts.key, site, true)) ||
                (pointers && join_nearest_alike(counts.key, site, false))) {
                insert(std::move(state), counts, shape, stamp);
                return;
            }
            join_into(*same, state, site);
        } else if (make_room(site)) {
            insert(std::move(state), counts, shape, stamp);
        } else {
            join_into(nearest(*state), state, site);
        }
    }

    // MachineState::pointers_differ of two parts, from their signatures kept
    // with them (part_facts::HeldState).
    static bool pointers_differ(const SharedPart& a, const SharedPart& b) {
        return MachineState::signatures_differ(part_facts::held(a).pointers(), part_facts::held(b).pointers());
    }

    // Part i joined with `state` (unchanged when it is that very part).
    void join_into(std::size_t i, const SharedPart& state, std::uint32_t site) {
        if (m_entries[i].state != state) {
            own(i).join_with(*state, site);
            rekey(i);
        }
    }

    // Part i widened with its join with `state` (folding must widen too, or
    // a folded part could grow forever).
    void widen_joined(std::size_t i, const MachineState& state, std::span<const std::int64_t> thresholds,
                      std::uint32_t site) {
        MachineState joined = *m_entries[i].state;
        joined.join_with(state, site);
        own(i).widen_with(joined, thresholds, site);
        rekey(i);
    }

    // Part i, made this state's own to be written (copied when shared).
    MachineState& own(std::size_t i) {
        m_entries[i].no_alike = 0;  // it may join with others once written
        if (m_entries[i].state.use_count() != 1) {
            m_entries[i].state = share_part(*m_entries[i].state);
        } else {
            part_facts::held(m_entries[i].state).forget();  // about to be written
        }
        // Held by this state alone: writing it changes no other holder.
        return const_cast<MachineState&>(*m_entries[i].state);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    }

    // Drops the parts `state` covers (those of another iteration cannot be covered).
    void drop_parts_covered_by(const MachineState& state, const Counts& counts) {
        for (std::size_t j = m_entries.size(); j-- > 0;) {
            if (!counts.apart_from(m_entries[j].counts) && m_entries[j].state->leq(state)) {
                m_entries.erase(m_entries.begin() + static_cast<std::ptrdiff_t>(j));
            }
        }
    }

    // Whether some part covers `state`. Parts of other iterations (another
    // constant in a loop counter) cannot, and are not compared: at a loop
    // head every part is of an iteration of its own. Nor can a part where
    // `state` has a dynptr or an iterator and the part has bytes never
    // written (leq's top, but reading the object's bytes is an error where
    // reading unwritten ones is not: the part's walk would not report it).
    [[nodiscard]] bool subsumed(const SharedPart& state, const Counts& counts) const {
        const auto prunes = [&](const FiledPart& part) {
            return covers(part.state, state) && state->stack_objects_kept_by(*part.state);
        };
        if (m_loop.empty()) {
            return std::any_of(m_entries.begin(), m_entries.end(), prunes);
        }
        // Each part's counters were taken when it was filed (FiledPart::counts). A
        // part holding another constant in one cannot cover the state (leq
        // would say so, at more cost).
        for (std::size_t j = 0; j < m_entries.size(); ++j) {
            if (!counts.apart_from(m_entries[j].counts) && prunes(m_entries[j])) {
                return true;
            }
        }
        return false;
    }

    // Whether `big` covers `small` (the very same part always does).
    static bool covers(const SharedPart& big, const SharedPart& small) { return big == small || small->leq(*big); }

    // The part of `state`'s iteration (`key`: its counts_of() key) that
    // differs least from it, if any.
    [[nodiscard]] std::optional<std::size_t> nearest_of_iteration(const MachineState& state, std::uint64_t key) const {
        std::optional<std::size_t> own;
        std::size_t own_distance = std::numeric_limits<std::size_t>::max();
        // Each part's register features are kept with it; the state's are taken once.
        std::optional<MachineState::RegisterFeatures> features;
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            if (m_entries[i].counts.key == key && m_loop.same_iteration(*m_entries[i].state, state)) {
                if (!features) {
                    features = state.entry_register_features();
                }
                const std::size_t d = m_entries[i].state->shape_distance(
                    state, own_distance, part_facts::held(m_entries[i].state).register_features(), *features);
                if (d < own_distance) {
                    own = i;
                    own_distance = d;
                }
            }
        }
        return own;
    }

    // Joins the two nearest parts of the iteration with the most parts;
    // false when every part is of an iteration of its own.
    bool make_room(std::uint32_t site) {
        // Most often every part is of an iteration of its own (a loop walked
        // past the budget): distinct key hashes say so without the keys.
        if (distinct_keys()) {
            return false;
        }
        // Group the parts by iteration once (n keys, not n^2 comparisons):
        // make_room runs on every insertion into a full head.
        const std::size_t n = m_entries.size();
        std::vector<LoopCounters::IterationKey> keys;
        keys.reserve(n);
        for (const FiledPart& part : m_entries) {
            keys.push_back(m_loop.iteration_key(*part.state));
        }
        std::vector<std::size_t> order(n);
        for (std::size_t i = 0; i < n; ++i) {
            order[i] = i;
        }
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
        // The largest group; among equal sizes the one holding the lowest
        // part index, as the quadratic scan chose.
        std::size_t most = 0;
        std::size_t most_count = 0;
        for (std::size_t start = 0; start < n;) {
            std::size_t end = start;
            std::size_t lowest = order[start];
            while (end < n && keys[order[end]] == keys[order[start]]) {
                lowest = std::min(lowest, order[end]);
                ++end;
            }
            const std::size_t count = end - start;
            if (count > most_count || (count == most_count && lowest < most)) {
                most = lowest;
                most_count = count;
            }
            start = end;
        }
        if (most_count < 2) {
            return false;
        }
        std::size_t best_i = most;
        std::size_t best_j = most;
        std::size_t best = std::numeric_limits<std::size_t>::max();
        for (std::size_t i = 0; i < n; ++i) {
            if (keys[i] != keys[most]) {
                continue;
            }
            for (std::size_t j = i + 1; j < n; ++j) {
                if (keys[j] != keys[most]) {
                    continue;
                }
                const std::size_t d = m_entries[i].state->shape_distance(
                    *m_entries[j].state, best, part_facts::held(m_entries[i].state).register_features(),
                    part_facts::held(m_entries[j].state).register_features());
                if (d < best) {
                    best = d;
                    best_i = i;
                    best_j = j;
                }
            }
        }
        const SharedPart moved = std::move(m_entries[best_j].state);
        join_into(best_i, moved, site);
        m_entries.erase(m_entries.begin() + static_cast<std::ptrdiff_t>(best_j));
        return true;
    }

    // Joins the two nearest parts of iteration `key` that hold pointers of
    // the same kinds to the same maps (pointers_differ: no) and, with
    // `same_constants`, no different constants in a register; false when no
    // two do.
    bool join_nearest_alike(std::uint64_t key, std::uint32_t site, bool same_constants) {
        // FiledPart::no_alike: bit 0, a search keeping constants and maps
        // found no partner; bit 1, one keeping only maps found none (so
        // neither would the stricter one).
        const std::uint8_t searched = same_constants ? 1U : 2U;
        const std::size_t n = m_entries.size();
        std::optional<std::pair<std::size_t, std::size_t>> pair;
        std::size_t best = std::numeric_limits<std::size_t>::max();
        // Each part is compared with every other: its registers' features and
        // pointers once (kept with each part while no one writes it:
        // part_facts::HeldState).
        std::vector<const MachineState::RegisterFeatures*> features(n);
        std::vector<const MachineState::PointerSignature*> pointers(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (m_entries[i].counts.key == key) {
                features[i] = &part_facts::held(m_entries[i].state).register_features();
                pointers[i] = &part_facts::held(m_entries[i].state).pointers();
            }
        }
        // The nearest pair that can join without losing a pointer (or a
        // constant): the distance first, bounded by the best so far, as most
        // pairs are no nearer.
        const auto consider = [&](std::size_t i, std::size_t j) {
            const MachineState& a = *m_entries[i].state;
            const MachineState& b = *m_entries[j].state;
            const std::size_t d = a.shape_distance(b, best, *features[i], *features[j]);
            if (d >= best || !m_loop.same_iteration(a, b) || (same_constants && a.constants_differ(b)) ||
                MachineState::signatures_differ(*pointers[i], *pointers[j])) {
                return;
            }
            best = d;
            pair = {i, j};
        };
        for (std::size_t i = 0; i < n; ++i) {
            if (m_entries[i].counts.key != key) {
                continue;
            }
            const bool i_searched = (m_entries[i].no_alike & searched) != 0;
            for (std::size_t j = i + 1; j < n; ++j) {
                if (m_entries[j].counts.key != key || (i_searched && (m_entries[j].no_alike & searched) != 0)) {
                    continue;  // two parts an earlier search found no join for, unchanged since
                }
                consider(i, j);
            }
        }
        if (!pair) {
            for (FiledPart& entry : m_entries) {
                if (entry.counts.key == key) {
                    entry.no_alike |= same_constants ? 1U : 3U;
                }
            }
            return false;
        }
        const SharedPart moved = std::move(m_entries[pair->second].state);
        join_into(pair->first, moved, site);
        m_entries.erase(m_entries.begin() + static_cast<std::ptrdiff_t>(pair->second));
        return true;
    }

    // After a change of part i: its key again, and no stamp (see stamps()).
    void rekey(std::size_t i) {
        m_entries[i].counts = counts_of(m_entries[i].state);
        m_entries[i].stamp = 0;
    }

    void inherit_counters(const PartitionedState& other) {
        if (m_loop.empty()) {
            set_loop_counters(other.m_loop.registers(), other.m_loop.slots(), other.m_in_loop);
        }
    }

    // Whether a new part of iteration `counts` would be one too many: its
    // iteration holds kMaxPartitions parts, or all iterations kMaxPartitionsInAll.
    [[nodiscard]] bool over_budget(const Counts& counts) const {
        if (!m_in_loop) {
            return m_entries.size() >= kMaxPartitions;
        }
        return m_entries.size() >= kMaxPartitionsInAll ||
               (m_entries.size() >= kMaxPartitions && parts_of_iteration(counts.key) >= kMaxPartitions);
    }
    [[nodiscard]] std::size_t parts_of_iteration(std::uint64_t key) const {
        return static_cast<std::size_t>(std::count_if(m_entries.begin(), m_entries.end(),
                                                      [&](const FiledPart& part) { return part.counts.key == key; }));
    }

    // Whether no two parts have equal key hashes (then no two are of one iteration).
    [[nodiscard]] bool distinct_keys() const {
        std::array<std::uint64_t, kMaxPartitionsInAll + 1> sorted{};
        if (m_entries.size() > sorted.size()) {
            return false;
        }
        std::transform(m_entries.begin(), m_entries.end(), sorted.begin(),
                       [](const FiledPart& c) { return c.counts.key; });
        const auto end = sorted.begin() + static_cast<std::ptrdiff_t>(m_entries.size());
        std::sort(sorted.begin(), end);
        return std::adjacent_find(sorted.begin(), end) == end;
    }

    void insert(SharedPart state, std::uint64_t shape, std::uint64_t stamp) {
        const Counts counts = counts_of(state);
        insert(std::move(state), counts, shape, stamp);
    }
    // insert() of a state whose counts_of() the caller took.
    void insert(SharedPart state, const Counts& counts, std::uint64_t shape, std::uint64_t stamp) {
        if (m_entries.empty()) {
            // Room for a few parts at once (most states hold several): one
            // allocation per vector instead of one per doubling.
            constexpr std::size_t kFirstCapacity = 8;
            m_entries.reserve(kFirstCapacity);
        }
        m_entries.insert(position_of(shape), FiledPart{std::move(state), shape, stamp, counts});
    }

    [[nodiscard]] std::size_t nearest(const MachineState& state) const {
        std::size_t best = m_entries.size() - 1;
        std::size_t best_distance = std::numeric_limits<std::size_t>::max();
        const MachineState::RegisterFeatures features = state.entry_register_features();
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            const MachineState& part = *m_entries[i].state;
            const std::size_t distance = part.shape_distance(
                state, best_distance, part_facts::held(m_entries[i].state).register_features(), features);
            if (distance < best_distance) {
                best = i;
                best_distance = distance;
            }
        }
        return best;
    }

    // The first entry whose shape is not below `shape`.
    [[nodiscard]] std::vector<FiledPart>::const_iterator position_of(std::uint64_t shape) const {
        return std::lower_bound(m_entries.begin(), m_entries.end(), shape,
                                [](const FiledPart& entry, std::uint64_t wanted) { return entry.shape < wanted; });
    }

    [[nodiscard]] std::optional<std::size_t> find(std::uint64_t shape) const {
        const auto it = position_of(shape);
        if (it != m_entries.end() && it->shape == shape) {
            return static_cast<std::size_t>(it - m_entries.begin());
        }
        return std::nullopt;
    }

    LoopCounters m_loop;     // the loop counters of this program point (see set_loop_counters)
    bool m_in_loop = false;  // see set_loop_counters
    // Sorted by shape. Each holds its part (shared, copy on write: see
    // own()), the shape it was filed under, its stamp (see stamps()) and its
    // counts_of(), kept up to date.
    std::vector<FiledPart> m_entries;
};

static_assert(FixpointState<PartitionedState>);

}  // namespace bpfcheck::domains
