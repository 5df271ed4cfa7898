// Machine-state lattice: frame-wise and register-wise. States with different
// call depths never meet at one program point of a function (the analyzer
// analyses each call in its caller's context), so a depth mismatch is a
// bug-guard that yields the larger element rather than a crash.
#include "domains/machine_state.hpp"

#include "domains/relations_reduce.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <iterator>
#include <limits>
#include <vector>

namespace bpfcheck::domains {

namespace {
Frame fresh_frame(std::uint32_t frame_index, std::uint32_t callsite) {
    Frame frame{{Value::uninit(), Value::uninit(), Value::uninit(), Value::uninit(), Value::uninit(), Value::uninit(),
                 Value::uninit(), Value::uninit(), Value::uninit(), Value::uninit(), Value::uninit()},
                Stack::uninitialised(),
                callsite};
    frame.regs[10] = Value::pointer(Kind::Stack, frame_index, Scalar::constant(kStackSize));
    return frame;
}
}  // namespace

MachineState MachineState::bottom() {
    MachineState s;
    s.m_bottom = true;
    return s;
}

MachineState MachineState::entry(const Value& r1) {
    MachineState s;
    s.m_frames.push_back(fresh_frame(0, 0));
    s.m_frames.back().regs[1] = r1;
    return s;
}

bool MachineState::leq(const MachineState& other) const {
    if (m_bottom) {
        return true;
    }
    if (other.m_bottom || m_frames.size() != other.m_frames.size()) {
        return false;
    }
    // Cheapest first: the registers (the innermost frame's differ most
    // often), the held references, then the 512-byte stacks. The register
    // that decided the last comparison first: states compared in a row (the
    // parts of one program point) most often differ in the same one, and
    // leq is a conjunction, so the order changes only its cost.
    thread_local int deciding = 0;
    const std::size_t innermost = m_frames.size() - 1;
    if (!m_frames.empty() && !m_frames[innermost].regs[static_cast<std::size_t>(deciding)].leq(
                                 other.m_frames[innermost].regs[static_cast<std::size_t>(deciding)])) {
        return false;
    }
    // The stacks' cheap tests (a slot spilled there and not here, the spill
    // that decided the last comparison) before the registers: in the parts
    // of one program point they fail more often than any one register but the
    // deciding one (Cilium's tail calls: 85% of the comparisons the stacks decide).
    for (std::size_t f = m_frames.size(); f-- > 0;) {
        if (!m_frames[f].stack.may_leq(other.m_frames[f].stack)) {
            return false;
        }
    }
    for (std::size_t f = m_frames.size(); f-- > 0;) {
        for (int r = 0; r < kRegisterCount; ++r) {
            if (!m_frames[f].regs[static_cast<std::size_t>(r)].leq(
                    other.m_frames[f].regs[static_cast<std::size_t>(r)])) {
                if (f == innermost) {
                    deciding = r;
                }
                return false;
            }
        }
    }
    // Holding more references is not "smaller": require the same set.
    if (m_refs != other.m_refs) {
        return false;
    }
    for (std::size_t f = m_frames.size(); f-- > 0;) {
        if (!m_frames[f].stack.leq(other.m_frames[f].stack)) {
            return false;
        }
    }
    if (m_relations.leq(other.m_relations)) {
        return true;
    }
    // What this state's intervals imply counts too: a constant register on
    // the line `off = 8 * n` that a join drew through earlier constants lies
    // on it without naming it (settling heads need that to converge).
    Relations implied = m_relations;
    complete_from_intervals(*this, implied, other.m_relations);
    return implied.leq(other.m_relations);
}

std::string MachineState::explain_not_leq(const MachineState& other) const {
    if (m_bottom || other.m_bottom || m_frames.size() != other.m_frames.size()) {
        return "bottom or frame count";
    }
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        for (int r = 0; r < kRegisterCount; ++r) {
            const Value& a = m_frames[f].regs[static_cast<std::size_t>(r)];
            const Value& b = other.m_frames[f].regs[static_cast<std::size_t>(r)];
            if (!a.leq(b)) {
                return fmt::format("frame {} R{}: {} ({}) vs {} ({})", f, r, a.to_string(), a.identity_string(),
                                   b.to_string(), b.identity_string());
            }
        }
        if (!m_frames[f].stack.leq(other.m_frames[f].stack)) {
            for (int slot = 0; slot < kStackSlots; ++slot) {
                const auto& a = m_frames[f].stack.spill(slot);
                const auto& b = other.m_frames[f].stack.spill(slot);
                if (a && b && !a->leq(*b)) {
                    return fmt::format("frame {} slot {}: {} (id {}) vs {} (id {})", f, slot, a->to_string(), a->id(),
                                       b->to_string(), b->id());
                }
                if (b && !a) {
                    return fmt::format("frame {} slot {}: no spill vs {}", f, slot, b->to_string());
                }
            }
            return fmt::format("frame {} stack bytes", f);
        }
    }
    if (m_refs != other.m_refs) {
        return "references differ";
    }
    return m_relations.leq(other.m_relations) ? "leq" : "relations differ";
}

void MachineState::join_with(const MachineState& other, std::uint32_t site) {
    if (other.m_bottom) {
        return;
    }
    if (m_bottom || m_frames.size() != other.m_frames.size()) {
        if (m_bottom) {
            *this = other;
        }
        return;
    }
    m_may_hold_unreduced = m_may_hold_unreduced || other.m_may_hold_unreduced;
    if (*this == other) {
        return;  // a ⊔ a = a (identical identities need no renaming); cheap when the stacks are shared
    }
    join_relations_of(other, nullptr);
    JoinNames names(site);
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        const auto slot_base = static_cast<std::uint32_t>(f * (kRegisterCount + kStackSlots));
        for (int r = 0; r < kRegisterCount; ++r) {
            m_frames[f].regs[static_cast<std::size_t>(r)].join_with(other.m_frames[f].regs[static_cast<std::size_t>(r)],
                                                                    names, slot_base + static_cast<std::uint32_t>(r));
        }
        m_frames[f].stack.join_with(other.m_frames[f].stack, names, slot_base + kRegisterCount);
    }
    // A reference held on either path may be held: keep the union.
    for (const HeldReference& ref : other.m_refs) {
        hold(ref);
    }
    reduce_affine(*this);  // the joined intervals bounded by the equalities both sides keep
}

void MachineState::widen_with(const MachineState& other, std::span<const std::int64_t> thresholds, std::uint32_t site) {
    if (other.m_bottom) {
        return;
    }
    if (m_bottom || m_frames.size() != other.m_frames.size()) {
        if (m_bottom) {
            *this = other;
        }
        return;
    }
    m_may_hold_unreduced = true;
    join_relations_of(other, &thresholds);
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        const auto slot_base = static_cast<std::uint32_t>(f * (kRegisterCount + kStackSlots));
        for (int r = 0; r < kRegisterCount; ++r) {
            const std::uint32_t fresh =
                site == kNoId ? kNoId : join_id(site, slot_base + static_cast<std::uint32_t>(r));
            m_frames[f].regs[static_cast<std::size_t>(r)].widen_with(
                other.m_frames[f].regs[static_cast<std::size_t>(r)], thresholds, fresh);
        }
        m_frames[f].stack.widen_with(other.m_frames[f].stack, thresholds, site, slot_base + kRegisterCount);
    }
    for (const HeldReference& ref : other.m_refs) {
        hold(ref);
    }
    reduce_affine(*this);  // a widened offset bounded again by the counter it moves with
}

void MachineState::join_relations_of(const MachineState& other, std::span<const std::int64_t>* widen) {
    const auto apply = [&](const Relations& theirs) {
        if (widen != nullptr) {
            m_relations.widen_with(theirs, *widen);
        } else {
            m_relations.join_with(theirs);
        }
    };
    if (!m_relations.tracked()) {
        apply(other.m_relations);
        return;
    }
    // Before the values are joined: the relations each side's intervals
    // imply, so that the join keeps what holds on both.
    const std::vector<ConstantEquality> equalities = constant_differences(*this, other);
    const std::vector<AffineEquality> lines = affine_from_constants(*this, other);
    if (equalities.empty() && lines.empty() && m_relations.empty() && other.m_relations.empty()) {
        apply(other.m_relations);
        return;
    }
    Relations theirs = other.m_relations;
    for (const ConstantEquality& e : equalities) {
        m_relations.constrain_equal(e.x, e.y, e.d);
        theirs.constrain_equal(e.x, e.y, e.d);
    }
    for (const AffineEquality& e : lines) {
        m_relations.add_affine(e);
        theirs.add_affine(e);
    }
    complete_from_intervals(*this, m_relations, theirs);
    complete_from_intervals(other, theirs, m_relations);
    apply(theirs);
}

void MachineState::narrow_with(const MachineState& other) {
    if (m_bottom || other.m_bottom || m_frames.size() != other.m_frames.size()) {
        if (other.m_bottom) {
            m_bottom = true;
        }
        return;
    }
    m_may_hold_unreduced = true;
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        for (int r = 0; r < kRegisterCount; ++r) {
            m_frames[f].regs[static_cast<std::size_t>(r)].narrow_with(
                other.m_frames[f].regs[static_cast<std::size_t>(r)]);
        }
    }
    m_relations.narrow_with(other.m_relations);
}

void MachineState::forget_ids_differing_from(const MachineState& other) {
    if (m_bottom || other.m_bottom || m_frames.size() != other.m_frames.size()) {
        return;
    }
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        for (std::size_t r = 0; r < m_frames[f].regs.size(); ++r) {
            m_frames[f].regs[r].forget_names_differing_from(&other.m_frames[f].regs[r]);
        }
        m_frames[f].stack.forget_ids_differing_from(other.m_frames[f].stack);
    }
}

void MachineState::reduce() {
    if (m_bottom) {
        return;
    }
    bool empty = false;
    for_each_value([&](Value& v) {
        if (v.kind() == Kind::Uninit || v.kind() == Kind::Any) {
            return;
        }
        v.number().reduce();
        empty = empty || v.number().is_bottom();
    });
    if (empty) {
        m_bottom = true;
    }
    m_may_hold_unreduced = false;
}

void MachineState::push_frame(std::uint32_t callsite) {
    m_relations.forget_frames_from(static_cast<std::uint32_t>(m_frames.size()));
    Frame callee = fresh_frame(static_cast<std::uint32_t>(m_frames.size()), callsite);
    for (int r = 1; r <= 5; ++r) {
        callee.regs[static_cast<std::size_t>(r)] = m_frames.back().regs[static_cast<std::size_t>(r)];
    }
    m_frames.push_back(std::move(callee));
}

void MachineState::pop_frame() {
    const Value r0 = m_frames.back().regs[0];
    const auto popped = static_cast<std::uint32_t>(m_frames.size() - 1);
    m_frames.pop_back();
    m_relations.forget_frames_from(popped);
    for (int r = 0; r <= 5; ++r) {
        m_relations.forget_reg(popped - 1, r);
    }
    Frame& caller = m_frames.back();
    caller.regs[0] = r0;
    for (int r = 1; r <= 5; ++r) {
        caller.regs[static_cast<std::size_t>(r)] = Value::uninit();
    }
    // Pointers into the popped frame's stack are dangling now.
    for_each_value_where([&](const Value& v) { return v.kind() == Kind::Stack && v.region() >= popped; },
                         [](Value& v) { v = Value::any(); });
}

void MachineState::acquire(std::uint32_t id, std::uint32_t insn, std::uint64_t lock) {
    hold(HeldReference{id, insn, lock});
}

// References are kept sorted and unique, whatever order they were acquired
// or joined in, so that == and leq compare sets, not sequences.
void MachineState::hold(const HeldReference& ref) {
    const auto at = std::lower_bound(m_refs.begin(), m_refs.end(), ref);
    if (at == m_refs.end() || !(*at == ref)) {
        m_refs.insert(at, ref);
    }
}

bool MachineState::release(std::uint32_t id) {
    const auto found = std::find_if(m_refs.begin(), m_refs.end(), [&](const auto& r) { return r.id == id; });
    if (found == m_refs.end()) {
        return false;
    }
    m_refs.erase(found);
    // Every copy of the released pointer is dead: an unknown number now, as
    // the kernel's release_reference leaves it for a privileged loader.
    for_each_value_where([&](const Value& v) { return v.ref() == id; },
                         [&](Value& v) {
                             v = Value::unknown_scalar();
                             v.set_released_from(id);
                         });
    return true;
}

bool MachineState::release_lock(std::uint64_t lock) {
    auto found = std::find_if(m_refs.begin(), m_refs.end(),
                              [&](const auto& r) { return r.id == kSpinLockRef && r.lock == lock; });
    if (found == m_refs.end()) {
        found = std::find_if(m_refs.begin(), m_refs.end(), [&](const auto& r) {
            return r.id == kSpinLockRef && (r.lock == kUnknownLock || lock == kUnknownLock);
        });
    }
    if (found == m_refs.end()) {
        return false;
    }
    m_refs.erase(found);
    return true;
}

void MachineState::invalidate_packet_pointers(bool leaks_allowed) {
    m_relations.forget_packet();
    for_each_value_where(
        [](const Value& v) {
            const Kind kind = v.kind() == Kind::Any ? v.null_or_kind() : v.kind();  // NULL-or-a-packet-pointer too
            return kind == Kind::Packet || kind == Kind::PacketMeta || kind == Kind::PacketEnd;
        },
        [&](Value& v) { v = leaks_allowed ? Value::unknown_scalar() : Value::uninit(); });
}

namespace {
// A register's stack pointer at a known offset names one object on the
// stack (a key, a buffer): the kernel never joins pointers to two (regsafe:
// PTR_TO_STACK compares offsets), and their join, a pointer with a variable
// offset, would ask a helper for every byte of both objects.
std::optional<std::uint64_t> stack_object(const Value& v) {
    if (v.kind() != Kind::Stack) {
        return std::nullopt;
    }
    const auto c = v.number().as_constant();
    if (!c || *c >= 0x10000U) {
        return std::nullopt;
    }
    return std::uint64_t{v.region()} * 0x10000U + *c;
}
}  // namespace

bool MachineState::stack_objects_kept_by(const MachineState& other) const {
    if (m_bottom || other.m_bottom || m_frames.size() != other.m_frames.size()) {
        return true;
    }
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        bool kept = true;
        m_frames[f].stack.visit_spills([&](int slot, const Value& v) {
            kept = kept && (!v.marks_stack_object() || other.m_frames[f].stack.spill(slot) != nullptr);
        });
        if (!kept) {
            return false;
        }
    }
    return true;
}

std::uint64_t MachineState::mix_checked_packet_pointers(std::uint64_t shape) const {
    const auto mix = [&](std::uint64_t x) { shape = (shape ^ x) * 0x100000001b3ULL; };
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        const Frame& frame = m_frames[f];
        for (std::size_t r = 0; r < frame.regs.size(); ++r) {
            const Value& v = frame.regs[r];
            if ((v.kind() != Kind::Packet && v.kind() != Kind::PacketMeta) || v.range() <= 0) {
                continue;
            }
            mix((f * kRegisterCount + r) << 32U | static_cast<std::uint32_t>(v.fixed_offset()));
            const auto variable = v.number().as_constant();
            mix(variable ? *variable : (std::uint64_t{1} << 63U) | v.id());
        }
    }
    return shape;
}

std::uint64_t MachineState::shape() const {
    // FNV-1a over the kinds; only used to group states, collisions merely merge.
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    auto mix = [&](std::uint64_t x) {
        hash ^= x;
        hash *= 0x100000001b3ULL;
    };
    mix(m_frames.size());
    for (const Frame& frame : m_frames) {
        for (const Value& v : frame.regs) {
            const Kind kind = v.kind();
            mix(static_cast<std::uint64_t>(kind));
            if (kind == Kind::Uninit) {
                continue;  // most registers at a block's entry: dead ones are forgotten
            }
            // Small constants take part too: paths that set a flag or a loop
            // counter to different constants stay apart, as the kernel keeps
            // them apart by walking each path (and each loop iteration).
            if (kind == Kind::Scalar) {
                if (const auto c = v.number().as_constant(); c && *c < 0x10000U) {
                    mix(0x10000U + *c);
                }
                continue;
            }
            // Socket pointers of different socket types (region) never join,
            // nor pointers to different maps or into their values.
            if (kind == Kind::Socket || kind == Kind::SocketOrNull) {
                mix(0x20000U + v.region());
            } else if (region_shapes(v)) {
                mix(0x30000U + v.region());
            } else if (const auto slot = stack_object(v)) {
                mix(0x40000U + *slot);
            }
            if (const auto offset = constant_offset_shape(v)) {
                mix(0x50000U + *offset);
            }
        }
        // A spilled number does not: a state that spilled one at a slot and
        // a state that wrote other bytes there, or none, are one shape. The
        // kernel prunes such states with each other (stacksafe: a slot the
        // visited state never wrote, or an imprecise spilled scalar, matches
        // anything), and their join is the slot's common bytes (unwritten
        // where one side never wrote it). Told apart, Cilium's paths kept a
        // part per combination of the scalars they spilled (a third of its
        // analysis time). A dynptr's or an iterator's slots are objects,
        // not numbers: they still count.
        frame.stack.visit_spills([&](int slot, const Value& spilled) {
            if (spilled.is_scalar() && !spilled.marks_stack_object()) {
                return;
            }
            mix(0x100U + static_cast<std::uint64_t>(slot) * 32U + static_cast<std::uint64_t>(spilled.kind()));
            if (region_shapes(spilled)) {
                mix(0x30000U + spilled.region());
            }
        });
    }
    for (const HeldReference& ref : m_refs) {
        mix(ref.id);
        // Paths holding different locks (or one taken elsewhere) stay apart,
        // as the kernel walks them apart: their join would hold both.
        if (ref.id == kSpinLockRef) {
            mix(ref.insn);
            mix(ref.lock);
        }
    }
    return hash;
}

namespace {
// A register's contribution to shape(): its kind, its value when it is a
// small constant, its map when it points to a map or into a map's values,
// its offset when it points where only constant offsets are read.
std::uint64_t shape_feature(const Value& v) {
    std::uint64_t feature = static_cast<std::uint64_t>(v.kind());
    if (v.is_scalar()) {
        if (const auto c = v.number().as_constant(); c && *c < 0x10000U) {
            feature |= (0x10000U + *c) << 8U;
        }
    } else if (region_shapes(v)) {
        feature |= (std::uint64_t{v.region()} + 1U) << 32U;
    } else if (const auto slot = stack_object(v)) {
        feature |= (*slot + 1U) << 32U;
    } else if (const auto offset = constant_offset_shape(v)) {
        feature |= (*offset + 1U) << 32U;
    }
    return feature;
}
bool is_small_constant(std::uint64_t feature) {
    return feature >= (0x10000U << 8U) && feature < (std::uint64_t{1} << 32U);
}

// Weights of shape_distance: two different constants in one register are the
// strongest separation (the kernel walks them as different paths, and their
// join is no longer exact: a loop counter and the offsets moving with it),
// then a register's kind, then a spilled slot's kind or a slot written on
// one side only (a key an error path returned without filling).
constexpr std::size_t kConstantsDiffer = 1024;
constexpr std::size_t kKindsDiffer = 32;

// How many registers of two frames hold different small constants, and how
// many differ otherwise in what shape() counts.
struct RegisterDifferences {
    std::size_t constants = 0;
    std::size_t others = 0;
};
void count_difference(std::uint64_t fa, std::uint64_t fb, RegisterDifferences& d) {
    if (fa != fb) {
        ++(is_small_constant(fa) && is_small_constant(fb) ? d.constants : d.others);
    }
}
RegisterDifferences register_differences(const Frame& a, const Frame& b) {
    RegisterDifferences d;
    for (std::size_t r = 0; r < a.regs.size(); ++r) {
        count_difference(shape_feature(a.regs[r]), shape_feature(b.regs[r]), d);
    }
    return d;
}
RegisterDifferences register_differences(const MachineState::RegisterFeatures& a,
                                         const MachineState::RegisterFeatures& b) {
    RegisterDifferences d;
    for (std::size_t r = 0; r < a.size(); ++r) {
        count_difference(a[r], b[r], d);
    }
    return d;
}
}  // namespace

MachineState::RegisterFeatures MachineState::entry_register_features() const {
    RegisterFeatures features{};
    if (!m_bottom) {
        for (std::size_t r = 0; r < features.size(); ++r) {
            features[r] = shape_feature(m_frames.front().regs[r]);
        }
    }
    return features;
}

std::size_t MachineState::shape_distance(const MachineState& other, std::size_t limit) const {
    if (m_bottom || other.m_bottom) {
        return std::numeric_limits<std::size_t>::max();
    }
    return shape_distance(other, limit, entry_register_features(), other.entry_register_features());
}

std::size_t MachineState::shape_distance(const MachineState& other, std::size_t limit, const RegisterFeatures& mine,
                                         const RegisterFeatures& theirs) const {
    if (m_bottom || other.m_bottom || m_frames.size() != other.m_frames.size()) {
        return std::numeric_limits<std::size_t>::max();
    }
    std::size_t distance = m_refs == other.m_refs ? 0 : kKindsDiffer;
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        const Frame& a = m_frames[f];
        const Frame& b = other.m_frames[f];
        const RegisterDifferences registers = f == 0 ? register_differences(mine, theirs) : register_differences(a, b);
        distance += registers.constants * kConstantsDiffer + registers.others * kKindsDiffer;
        if (distance >= limit) {
            return distance;
        }
        distance += a.stack.spill_kind_difference(b.stack) + a.stack.written_difference(b.stack);
        if (distance >= limit) {
            return distance;
        }
    }
    return distance;
}

bool MachineState::pointers_differ(const MachineState& other) const {
    return signatures_differ(pointer_signature(), other.pointer_signature());
}

MachineState::PointerSignature MachineState::pointer_signature() const {
    PointerSignature signature;
    signature.bottom = m_bottom;
    signature.frames = m_frames.size();
    if (m_bottom) {
        return signature;
    }
    const auto add = [&](std::size_t position, const Value& v) {
        // An unknown number, an uninitialised or unusable value differs from nothing.
        const auto constant = v.is_scalar() ? v.number().as_constant() : std::nullopt;
        if (!v.is_pointer() && !constant) {
            return;
        }
        signature.entries.push_back(
            {static_cast<std::uint16_t>(position), v.kind(), constant == 0U, region_shapes(v) ? v.region() : 0U});
    };
    constexpr std::size_t kPositionsPerFrame = std::size_t{kRegisterCount} + std::size_t{kStackSlots};
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        const Frame& frame = m_frames[f];
        for (std::size_t r = 0; r < frame.regs.size(); ++r) {
            add(f * kPositionsPerFrame + r, frame.regs[r]);
        }
        frame.stack.visit_spills([&](int slot, const Value& spilled) {
            add(f * kPositionsPerFrame + kRegisterCount + static_cast<std::size_t>(slot), spilled);
        });
    }
    return signature;
}

bool MachineState::signatures_differ(const PointerSignature& a, const PointerSignature& b) {
    if (a.bottom || b.bottom || a.frames != b.frames) {
        return false;
    }
    const auto differ = [](const PointerSignature::Entry& x, const PointerSignature::Entry& y) {
        if (x.kind == y.kind) {
            return x.region != y.region;  // another map (numbers carry none)
        }
        const bool x_pointer = is_pointer(x.kind);
        if (x_pointer != is_pointer(y.kind)) {
            // A pointer beside a known number: their join is no pointer at
            // all, but NULL beside a maybe-NULL pointer.
            const PointerSignature::Entry& number = x_pointer ? y : x;
            const PointerSignature::Entry& pointer = x_pointer ? x : y;
            return !(number.zero && is_nullable(pointer.kind));
        }
        return x_pointer && non_null_kind(x.kind) != non_null_kind(y.kind);
    };
    // Both by position: only positions present on both sides are compared.
    auto i = a.entries.begin();
    auto j = b.entries.begin();
    while (i != a.entries.end() && j != b.entries.end()) {
        if (i->position < j->position) {
            ++i;
        } else if (j->position < i->position) {
            ++j;
        } else {
            if (differ(*i, *j)) {
                return true;
            }
            ++i;
            ++j;
        }
    }
    return false;
}

bool MachineState::constants_differ(const MachineState& other) const {
    if (m_bottom || other.m_bottom || m_frames.size() != other.m_frames.size()) {
        return false;
    }
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        if (register_differences(m_frames[f], other.m_frames[f]).constants != 0) {
            return true;
        }
    }
    return false;
}

bool MachineState::differ_beyond_constants(const MachineState& other) const {
    if (m_bottom || other.m_bottom || m_frames.size() != other.m_frames.size() || !(m_refs == other.m_refs)) {
        return true;
    }
    for (std::size_t f = 0; f < m_frames.size(); ++f) {
        const Frame& a = m_frames[f];
        const Frame& b = other.m_frames[f];
        if (register_differences(a, b).others != 0 ||
            a.stack.spill_kind_difference(b.stack) + a.stack.written_difference(b.stack) != 0) {
            return true;
        }
    }
    return false;
}

std::string MachineState::to_string() const {
    if (m_bottom) {
        return "unreachable";
    }
    std::string out;
    const Frame& frame = m_frames.back();
    for (int r = 0; r < kRegisterCount; ++r) {
        const Value& v = frame.regs[static_cast<std::size_t>(r)];
        if (v.kind() == Kind::Uninit) {
            continue;
        }
        out += fmt::format("{}R{}={}", out.empty() ? "" : " ", r, v.to_string());
    }
    for (int slot = 0; slot < kStackSlots; ++slot) {
        const int offset = slot * 8 - kStackSize;
        if (const auto& spilled = frame.stack.spill(slot)) {
            out += fmt::format(" fp{}={}", offset, spilled->to_string());
            continue;
        }
        std::string bytes;
        bool any = false;
        for (int i = 0; i < 8; ++i) {
            const StackByte b = frame.stack.byte(slot * 8 + i);
            any = any || b != StackByte::Invalid;
            bytes += b == StackByte::Invalid ? '?' : b == StackByte::Known ? 'k' : 'm';
        }
        if (any) {
            out += fmt::format(" fp{}={}", offset, bytes);
        }
    }
    if (m_frames.size() > 1) {
        out = fmt::format("frame{}: {}", m_frames.size() - 1, out);
    }
    return out;
}

}  // namespace bpfcheck::domains
