// The abstract machine state at one program point: the call frames (each
// with its registers and 512-byte stack), and the references the program
// holds (acquired sockets, ring-buffer records, spin locks) that must be
// released. The product of the per-register and per-stack domains, with one
// explicit reduce() that propagates facts shared through value ids.
#pragma once

#include "domains/block_pool.hpp"
#include "domains/lattice.hpp"
#include "domains/relations.hpp"
#include "domains/stack.hpp"
#include "domains/value.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace bpfcheck::domains {

inline constexpr int kRegisterCount = 11;
inline constexpr int kMaxFrames = 8;

struct Frame {
    std::array<Value, kRegisterCount> regs;
    Stack stack;
    std::uint32_t callsite = 0;  // instruction that called this frame (0 for the entry frame)
    // The call site is bookkeeping, not state: two calls of a function from
    // identical states are one analysis (the per-function cache relies on it).
    bool operator==(const Frame& other) const { return regs == other.regs && stack == other.stack; }
};

// A held reference: acquired at `insn`, identified by `id` (values carrying
// it have Value::ref() == id).
// The bpf_spin_lock a program holds is a held reference with this id (one
// lock at a time, as the kernel allows); `insn` is where it was taken.
inline constexpr std::uint32_t kSpinLockRef = 0xfffffff0U;

struct HeldReference {
    std::uint32_t id = 0;
    std::uint32_t insn = 0;
    // For the spin lock: which lock (map << 32 | offset in the value), or
    // kUnknownLock when the pointer does not say.
    std::uint64_t lock = 0;
    bool operator==(const HeldReference&) const = default;
    auto operator<=>(const HeldReference&) const = default;  // the canonical order of held references
};
inline constexpr std::uint64_t kUnknownLock = ~0ULL;
// The kernel's active_rcu_lock (a bpf_rcu_read_lock section) and
// active_preempt_lock (bpf_preempt_disable nesting, one held reference per
// level, up to kMaxPreemptDepth) are held references with these ids: they
// are no objects to release, but they must be closed before the program exits.
inline constexpr std::uint32_t kRcuLockRef = 0xfffffff1U;
// A second bpf_rcu_read_lock inside the section: an error the kernel reports;
// held so that its matching unlock is not reported too.
inline constexpr std::uint32_t kRcuNestedRef = 0xfffffff2U;
inline constexpr std::uint32_t kPreemptRefBase = 0xffffffe0U;
inline constexpr std::uint32_t kMaxPreemptDepth = 16;
inline constexpr bool is_preempt_ref(std::uint32_t id) {
    return id >= kPreemptRefBase && id < kPreemptRefBase + kMaxPreemptDepth;
}
inline constexpr bool is_section_ref(std::uint32_t id) {
    return id == kRcuLockRef || id == kRcuNestedRef || is_preempt_ref(id);
}

class MachineState {
public:
    static MachineState bottom();
    // The entry state: r1 = `r1`, r10 = frame pointer, everything else uninit.
    static MachineState entry(const Value& r1);

    [[nodiscard]] bool is_bottom() const { return m_bottom; }
    void set_bottom() { m_bottom = true; }
    [[nodiscard]] bool leq(const MachineState& other) const;
    // Why `leq(other)` is false (first difference found), for debugging.
    [[nodiscard]] std::string explain_not_leq(const MachineState& other) const;
    // `site`: the CFG vertex where the states meet (identities created by the
    // join derive from it); kNoId when the join has no site.
    void join_with(const MachineState& other, std::uint32_t site = kNoId);
    void widen_with(const MachineState& other, std::span<const std::int64_t> thresholds, std::uint32_t site = kNoId);
    void narrow_with(const MachineState& other);
    // Drops every identity (Value::id, and the pointer's id a NULL-or-pointer
    // keeps) that `other`'s value in the same register or slot does not
    // share (Value::forget_names_differing_from). A join names the identities it
    // creates after its site, so a part widened with a state can still
    // differ from it in names alone, and leq (which compares identities as
    // facts) would never find it covered: forgetting them (a weaker state)
    // lets a settling loop head converge.
    void forget_ids_differing_from(const MachineState& other);

    [[nodiscard]] std::size_t frame_count() const { return m_frames.size(); }
    [[nodiscard]] std::uint32_t current_frame() const { return static_cast<std::uint32_t>(m_frames.size() - 1); }
    Frame& frame(std::size_t index) { return m_frames[index]; }
    [[nodiscard]] const Frame& frame(std::size_t index) const { return m_frames[index]; }
    Value& reg(int r) { return m_frames.back().regs[static_cast<std::size_t>(r)]; }
    [[nodiscard]] const Value& reg(int r) const { return m_frames.back().regs[static_cast<std::size_t>(r)]; }
    Stack& stack(std::size_t frame_index) { return m_frames[frame_index].stack; }
    [[nodiscard]] const Stack& stack(std::size_t frame_index) const { return m_frames[frame_index].stack; }

    // Tightens every scalar (register or spill) from its own views, and makes
    // the whole state bottom when one of them is empty: no execution reaches
    // a state where a register has no possible value.
    void reduce();
    // Whether a scalar may be unreduced: widening and narrowing leave their
    // bounds as they compute them (reduce() would tighten them again); the
    // other transfers reduce what they write. Cleared by reduce(); kept
    // through copies and joins. Bookkeeping, not state: == ignores it.
    [[nodiscard]] bool may_hold_unreduced() const { return m_may_hold_unreduced; }

    // Enter a callee: r1-r5 passed, r6-r9 kept in the caller's frame.
    void push_frame(std::uint32_t callsite);
    // Return from a callee: r0 carried back, r1-r5 clobbered.
    void pop_frame();

    // The relations between values (relations.hpp): empty unless the
    // analyzer tracks them (programs with loops).
    [[nodiscard]] const Relations& relations() const { return m_relations; }
    Relations& relations() { return m_relations; }

    [[nodiscard]] const std::vector<HeldReference>& references() const { return m_refs; }
    // The held bpf_spin_lock, or nullptr.
    [[nodiscard]] const HeldReference* held_lock() const {
        for (const HeldReference& ref : m_refs) {
            if (ref.id == kSpinLockRef) {
                return &ref;
            }
        }
        return nullptr;
    }
    // Inside a bpf_rcu_read_lock section.
    [[nodiscard]] bool rcu_locked() const {
        return std::any_of(m_refs.begin(), m_refs.end(),
                           [](const HeldReference& ref) { return ref.id == kRcuLockRef || ref.id == kRcuNestedRef; });
    }
    // How many bpf_preempt_disable calls are not matched yet.
    [[nodiscard]] std::uint32_t preempt_depth() const {
        return static_cast<std::uint32_t>(std::count_if(
            m_refs.begin(), m_refs.end(), [](const HeldReference& ref) { return is_preempt_ref(ref.id); }));
    }
    void acquire(std::uint32_t id, std::uint32_t insn, std::uint64_t lock = 0);
    // Drops the reference and invalidates every value that carries it: they
    // become unknown numbers whose released_from() is `id`, so a later use can
    // be named a use after release.
    bool release(std::uint32_t id);
    // Drops the held bpf_spin_lock `lock` (of two held after a reported
    // nested lock, that one), or one held when either is unknown; false, and
    // nothing dropped, when another lock is held (a reported unlock of a
    // different lock: the one held stays held for its own unlock).
    bool release_lock(std::uint64_t lock);

    // After a helper that may move the packet: every packet, packet-meta and
    // data_end pointer, in any frame, is unusable (clear_all_pkt_pointers ->
    // mark_reg_invalid): an unknown number when the loader may leak pointers
    // (env->allow_ptr_leaks), else uninitialised.
    void invalidate_packet_pointers(bool leaks_allowed);

    // Whether every stack slot holding a dynptr or an iterator here holds a
    // spill in `other` too (its kind leq compares).
    [[nodiscard]] bool stack_objects_kept_by(const MachineState& other) const;
    // `shape` mixed with each register (of any frame) that points into the
    // packet or its metadata with a range proven: its fixed offset and its
    // variable part's identity (the constant, or the id). The kernel never
    // joins two paths; our join of two such pointers rebases one on the
    // other and keeps the smaller range, losing what each path checked
    // (xdp-tools' xdpfilt_* parse IPv6 extension headers at offsets that
    // differ by path). Partitions outside loops are keyed by them
    // (LoopCounters); in loops the iterations' pointers join and widen.
    [[nodiscard]] std::uint64_t mix_checked_packet_pointers(std::uint64_t shape) const;

    // Applies `update` to every register and spilled value in every frame.
    template <typename Update>
    void for_each_value(Update&& update);
    // Applies `update` to those `select` picks, reading each value in place
    // first (an update of a few values, by identity or kind, does not copy
    // and compare every spill).
    template <typename Select, typename Update>
    void for_each_value_where(Select&& select, Update&& update);
    // Whether `pred` holds for a register or spilled value of any frame.
    template <typename Pred>
    [[nodiscard]] bool any_value(Pred&& pred) const;
    // Gives every value of identity `from` the identity `to` (an identity
    // an instruction derives from its pc, which it makes again: kNoId or 0
    // drop the old values' relation with the new one).
    void rename_id(std::uint32_t from, std::uint32_t to) {
        for_each_value_where([from](const Value& v) { return v.id() == from; }, [to](Value& v) { v.set_id(to); });
    }

    // A hash of the kinds of value each register holds, of the spilled
    // slots that hold no plain number (pointers, dynptr and iterator
    // slots), and of the held references, for partitioning states by shape.
    [[nodiscard]] std::uint64_t shape() const;
    // How far apart two states are in the features shape() hashes, weighted
    // (different constants in a register, then kinds of registers and held
    // references, then kinds of spilled slots): when the partitions are
    // full, a state is folded into the nearest one, so a join loses as little
    // exactness as it can. Once the distance reaches `limit` it is returned
    // as it stands (a nearest-part search needs no more than "not nearer").
    [[nodiscard]] std::size_t shape_distance(const MachineState& other,
                                             std::size_t limit = std::numeric_limits<std::size_t>::max()) const;
    // What shape_distance compares of the entry frame's registers, taken
    // once for a search that compares each state with many others.
    using RegisterFeatures = std::array<std::uint64_t, kRegisterCount>;
    [[nodiscard]] RegisterFeatures entry_register_features() const;
    // shape_distance, with both states' entry_register_features().
    [[nodiscard]] std::size_t shape_distance(const MachineState& other, std::size_t limit, const RegisterFeatures& mine,
                                             const RegisterFeatures& theirs) const;

    // Whether a register or spilled slot holds a pointer here and a pointer
    // of another kind in `other` (a map value and a stack buffer, a map and
    // a map value: their join has no kind, and every use of it fails), or
    // NULL on one side and a pointer that cannot be NULL on the other (a
    // header pointer left NULL on the paths of another protocol), or
    // points to one map here and to another map (or into another map's
    // values) there (their join would be a pointer over several maps). The
    // kernel never joins either: it walks such paths apart. Also a pointer
    // here and a known number there (NULL plus a field's offset, where clang
    // keeps &hdr->field for a header that may be NULL).
    [[nodiscard]] bool pointers_differ(const MachineState& other) const;

    // The pointers and known numbers of a state, by register and spilled
    // slot: pointers_differ of many pairs of states (a partition's search for
    // two parts to join) reads each state's values once.
    struct PointerSignature {
        struct Entry {
            std::uint16_t position;  // frame, then register or spilled slot
            Kind kind;
            bool zero;             // a scalar 0
            std::uint32_t region;  // where region_shapes says the region is part of the shape
        };
        std::vector<Entry> entries;  // by position; values that differ from nothing are left out
        std::size_t frames = 0;
        bool bottom = false;
    };
    [[nodiscard]] PointerSignature pointer_signature() const;
    [[nodiscard]] static bool signatures_differ(const PointerSignature& a, const PointerSignature& b);

    // Whether a register holds one small constant here and another in
    // `other` (shape() counts such constants): their join loses the
    // constant, and with it what later tests of it would tell the paths
    // apart by (a flag that says whether a spilled pointer was checked).
    [[nodiscard]] bool constants_differ(const MachineState& other) const;
    // Whether the two differ in what shape() counts other than those
    // constants: a register's or a spilled slot's kind, a map, a slot
    // written on one side only, the held references.
    [[nodiscard]] bool differ_beyond_constants(const MachineState& other) const;

    [[nodiscard]] std::string to_string() const;
    bool operator==(const MachineState& other) const {
        return m_bottom == other.m_bottom && m_frames == other.m_frames && m_refs == other.m_refs &&
               m_relations == other.m_relations;
    }

private:
    MachineState() = default;
    bool m_bottom = false;
    bool m_may_hold_unreduced = false;                  // see may_hold_unreduced()
    std::vector<Frame, PoolAllocator<Frame>> m_frames;  // recycled blocks: states are copied by the million
    void hold(const HeldReference& ref);
    // The relational part of join_with (widen: of widen_with, with its thresholds).
    void join_relations_of(const MachineState& other, std::span<const std::int64_t>* widen);
    std::vector<HeldReference> m_refs;  // sorted, unique
    Relations m_relations;
};

template <typename Update>
void MachineState::for_each_value(Update&& update) {
    for (Frame& frame : m_frames) {
        for (Value& value : frame.regs) {
            update(value);
        }
        frame.stack.for_each_spill(update);
    }
}

template <typename Select, typename Update>
void MachineState::for_each_value_where(Select&& select, Update&& update) {
    for (Frame& frame : m_frames) {
        for (Value& value : frame.regs) {
            if (select(std::as_const(value))) {
                update(value);
            }
        }
        frame.stack.for_each_spill_where(select, update);
    }
}

template <typename Pred>
bool MachineState::any_value(Pred&& pred) const {
    for (const Frame& frame : m_frames) {
        for (const Value& value : frame.regs) {
            if (pred(value)) {
                return true;
            }
        }
        bool found = false;
        frame.stack.visit_spills([&](int /*slot*/, const Value& value) { found = found || pred(value); });
        if (found) {
            return true;
        }
    }
    return false;
}

static_assert(FixpointState<MachineState>);
static_assert(AbstractDomain<Value>);
static_assert(MeetDomain<Scalar>);

}  // namespace bpfcheck::domains
