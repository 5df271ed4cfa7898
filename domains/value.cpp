// Value lattice. Values of different kinds join to Any (the kernel would
// refuse to merge such states; any later use of the register is reported).
// Pointers of one kind into different regions join to Any as well, except
// that numbers and ids are kept when they agree, sized memory keeps the
// smaller size, and BTF pointers to different types become BTF pointers of
// unknown type (region 0, above every type id in the order). Uninit joined with anything
// is Uninit-or-that: we keep Uninit, the conservative answer for "may be
// uninitialised" checks.
#include "domains/value.hpp"

#include "domains/scalar_ops.hpp"
#include "domains/stack.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace bpfcheck::domains {

std::string_view kind_name(Kind kind) {
    switch (kind) {
        case Kind::Uninit:
            return "uninit";
        case Kind::Scalar:
            return "scalar";
        case Kind::Ctx:
            return "ctx";
        case Kind::Stack:
            return "fp";
        case Kind::Packet:
            return "pkt";
        case Kind::PacketMeta:
            return "pkt_meta";
        case Kind::PacketEnd:
            return "pkt_end";
        case Kind::MapPtr:
            return "map_ptr";
        case Kind::MapPtrOrNull:
            return "map_ptr_or_null";
        case Kind::MapValue:
            return "map_value";
        case Kind::MapValueOrNull:
            return "map_value_or_null";
        case Kind::MapKey:
            return "map_key";
        case Kind::Mem:
            return "mem";
        case Kind::MemOrNull:
            return "mem_or_null";
        case Kind::BtfId:
            return "ptr_";
        case Kind::BtfIdOrNull:
            return "ptr_or_null_";
        case Kind::FlowKeys:
            return "flow_keys";
        case Kind::Socket:
            return "sock";
        case Kind::SocketOrNull:
            return "sock_or_null";
        case Kind::Func:
            return "func";
        case Kind::Arena:
            return "arena";
        case Kind::Any:
            return "any";
    }
    return "?";
}

bool is_pointer(Kind kind) {
    return kind != Kind::Uninit && kind != Kind::Scalar && kind != Kind::Any;
}

bool is_nullable(Kind kind) {
    return kind == Kind::MapValueOrNull || kind == Kind::MapPtrOrNull || kind == Kind::MemOrNull ||
           kind == Kind::BtfIdOrNull || kind == Kind::SocketOrNull;
}

Kind non_null_kind(Kind kind) {
    switch (kind) {
        case Kind::MapValueOrNull:
            return Kind::MapValue;
        case Kind::MapPtrOrNull:
            return Kind::MapPtr;
        case Kind::MemOrNull:
            return Kind::Mem;
        case Kind::BtfIdOrNull:
            return Kind::BtfId;
        case Kind::SocketOrNull:
            return Kind::Socket;
        default:
            return kind;
    }
}

Kind nullable_kind(Kind kind) {
    switch (kind) {
        case Kind::MapValue:
            return Kind::MapValueOrNull;
        case Kind::MapPtr:
            return Kind::MapPtrOrNull;
        case Kind::Mem:
            return Kind::MemOrNull;
        case Kind::BtfId:
            return Kind::BtfIdOrNull;
        case Kind::Socket:
            return Kind::SocketOrNull;
        default:
            return is_nullable(kind) ? kind : Kind::Any;
    }
}

// The pointer kinds with no maybe-null kind that a join with NULL keeps as
// NULL-or-that-pointer (Value::null_or_kind()): those whose every use a
// check decides from the kind alone, and that nothing invalidates but
// MachineState::invalidate_packet_pointers, which knows them.
bool null_or_allowed(Kind kind) {
    return kind == Kind::Packet || kind == Kind::PacketMeta || kind == Kind::PacketEnd || kind == Kind::Ctx;
}

Value Value::uninit() {
    static const Value kUninit(Kind::Uninit, Scalar::top());  // built once: every dead register is one
    return kUninit;
}
Value Value::any() {
    return Value(Kind::Any, Scalar::top());
}
Value Value::btf_or_number() {
    Value v(Kind::Any, Scalar::top());
    v.m_region_set = kBtfOrNumberTag;
    return v;
}
Value Value::pointer(Kind kind, std::uint32_t region, const Scalar& offset, std::uint32_t id) {
    Value v(kind, offset);
    v.m_region = region;
    const bool map_kind = kind == Kind::MapPtr || kind == Kind::MapPtrOrNull || kind == Kind::MapValue ||
                          kind == Kind::MapValueOrNull || kind == Kind::MapKey;
    v.m_region_set = map_kind && region < 64 ? (1ULL << region) : 0;
    v.m_id = id;
    if (const auto c = offset.as_constant()) {
        v.m_fixed_offset = static_cast<std::int64_t>(*c);
    }
    return v;
}

// Plain pointers: an argument's (walks stay plain) is below any plain one
// (walks may be untrusted), which is below no fact: the join of an argument
// with another plain pointer is plain, as the stricter walk holds for both.
bool Value::plain_leq(Plain mine, Plain theirs) {
    return theirs == Plain::No || mine == theirs || (mine == Plain::Argument && theirs == Plain::Yes);
}
Value::Plain Value::plain_join(Plain a, Plain b) {
    if (a == Plain::No || b == Plain::No) {
        return Plain::No;
    }
    return a == b ? a : Plain::Yes;
}

// A fact (fault reported, released reference, stack object marker) is below
// its absence; two different facts are unordered.
bool Value::facts_leq(const Value& other) const {
    return (!other.m_fault_reported || m_fault_reported) && (!other.m_untrusted || m_untrusted) &&
           plain_leq(m_plain, other.m_plain) && (!other.m_rcu || m_rcu) &&
           (other.m_number_origin == 0 || m_number_origin == other.m_number_origin) &&
           (other.m_marker == SlotMarker::None || (m_marker == other.m_marker && m_iter_type == other.m_iter_type));
}

// The join keeps a fact only when both sides have it.
void Value::join_facts(const Value& other) {
    m_fault_reported = m_fault_reported && other.m_fault_reported;
    m_untrusted = m_untrusted && other.m_untrusted;
    m_plain = plain_join(m_plain, other.m_plain);
    m_rcu = m_rcu && other.m_rcu;
    if (m_number_origin != other.m_number_origin) {
        m_number_origin = 0;
    }
    if (m_marker != other.m_marker || m_iter_type != other.m_iter_type) {
        m_marker = SlotMarker::None;
        m_iter_type = 0;
    }
}

bool Value::leq(const Value& other) const {
    if (other.m_kind == Kind::Uninit || only_this_faulted(other)) {
        return true;
    }
    if (other.m_kind == Kind::Any && other.m_null_or != Kind::Uninit) {
        // NULL or a pointer: NULL, that pointer, or a smaller NULL-or-pointer
        // whose nullness is named alike (a name is a relational fact).
        const bool unnamed = other.m_id == 0 || other.m_id == kNoId;
        if (m_kind == Kind::Scalar && m_number.as_constant() == 0U) {
            return unnamed && facts_leq(other);
        }
        if (m_kind == Kind::Any && (m_null_or != other.m_null_or || !(unnamed || m_id == other.m_id))) {
            return false;
        }
        if (m_kind != Kind::Any && !unnamed) {
            return false;
        }
        const Value mine = m_kind == Kind::Any ? non_null_part() : *this;
        return mine.leq(other.non_null_part());
    }
    if (other.is_btf_or_number()) {
        return m_kind == Kind::Scalar || m_kind == Kind::BtfId || m_kind == Kind::BtfIdOrNull || is_btf_or_number();
    }
    if (other.m_kind == Kind::Any) {
        return m_kind != Kind::Uninit;
    }
    if (!facts_leq(other)) {
        return false;
    }
    // Identities are relational facts; "none" (0 or kNoId) constrains nothing.
    auto id_ok = [](std::uint32_t mine, std::uint32_t theirs) {
        return theirs == 0 || theirs == kNoId || mine == theirs;
    };
    if (m_kind == Kind::Scalar && other.m_kind == Kind::Scalar) {
        return id_ok(m_id, other.m_id) && m_number.leq(other.m_number);
    }
    if (m_kind == Kind::Scalar && m_number.as_constant() == 0U && is_nullable(other.m_kind)) {
        return true;  // NULL is one of a maybe-null pointer's values
    }
    const bool kind_ok = m_kind == other.m_kind || (is_nullable(other.m_kind) && nullable_kind(m_kind) == other.m_kind);
    if (!kind_ok) {
        return false;
    }
    const bool sized = m_kind == Kind::Mem || m_kind == Kind::MemOrNull;
    const bool btf = m_kind == Kind::BtfId || m_kind == Kind::BtfIdOrNull;
    const bool region_ok =
        m_region == other.m_region || (sized && m_region >= other.m_region) || (btf && other.m_region == 0) ||
        (other.m_region == kManyMaps && m_region_set != 0 && (m_region_set & ~other.m_region_set) == 0);
    if (!region_ok || !id_ok(m_id, other.m_id) || (other.m_ref != 0 && m_ref != other.m_ref)) {
        return false;
    }
    if (m_kind == Kind::Packet || m_kind == Kind::PacketMeta) {
        if (m_id == other.m_id && m_fixed_offset == other.m_fixed_offset) {
            if (m_range < other.m_range) {
                return false;
            }
        } else if (std::max<std::int64_t>(0, m_range - m_fixed_offset) <
                   std::max<std::int64_t>(0, other.m_range - other.m_fixed_offset)) {
            // What each proves past its own position; nothing proven is 0, not
            // negative (the join clamps the same way).
            return false;
        }
    }
    return m_number.leq(other.m_number);
}

std::uint32_t JoinNames::name(std::uint32_t mine, std::uint32_t theirs, std::int64_t delta, std::uint32_t slot,
                              bool zero_is_identity) {
    if (m_site == kNoId) {
        return kNoId;
    }
    const bool related =
        (mine != 0 || zero_is_identity) && mine != kNoId && (theirs != 0 || zero_is_identity) && theirs != kNoId;
    if (related) {
        for (const Entry& entry : m_entries) {
            if (entry.mine == mine && entry.theirs == theirs && entry.delta == delta) {
                return entry.name;
            }
        }
    }
    const std::uint32_t fresh = join_id(m_site, slot);
    if (related) {
        m_entries.push_back(Entry{mine, theirs, delta, fresh});
    }
    return fresh;
}

void Value::join_with(const Value& other, JoinNames& names, std::uint32_t slot) {
    if (*this == other) {
        return;  // a ⊔ a = a, identities too (only differing ones are renamed); most spills at a join
    }
    if (joined_past_fault(other)) {
        return;
    }
    const bool both_packets = (m_kind == Kind::Packet || m_kind == Kind::PacketMeta) && m_kind == other.m_kind &&
                              !(m_id == other.m_id && m_fixed_offset == other.m_fixed_offset);
    if (both_packets) {
        // Rebase on the other side's fixed offset; members of one group keep
        // one base (their offset difference is the same on both sides).
        const std::int64_t delta = m_fixed_offset - other.m_fixed_offset;
        const std::uint32_t name = names.name(m_id, other.m_id, delta, slot, true);
        m_number.join_with(other.m_number);
        // Range 0 proves nothing (not even base <= data_end): rebasing it must
        // not turn it into a claim.
        m_range = m_range == 0 || other.m_range == 0
                      ? 0
                      : std::max<std::int64_t>(0, std::min(other.m_range, m_range - delta));
        m_fixed_offset = other.m_fixed_offset;
        m_id = name;
        if (m_ref != other.m_ref) {
            m_ref = 0;
        }
        join_facts(other);
        return;
    }
    if (m_kind == Kind::Scalar && other.m_kind == Kind::Scalar) {
        const bool related = m_id != 0 && other.m_id != 0 && m_id != kNoId && other.m_id != kNoId;
        const std::uint32_t name =
            m_id == other.m_id ? m_id : (related && names.has_site() ? names.name(m_id, other.m_id, 0, slot) : 0);
        m_number.join_with(other.m_number);
        m_id = name;
        join_facts(other);
        return;
    }
    if (joins_to_null_or(other)) {
        // Name the nullness by what each side is: NULL, a pointer, or a
        // NULL-or-pointer of a name; alike on both sides, NULL alike.
        constexpr std::uint32_t kNullSide = 0x7ffffff0U;
        constexpr std::uint32_t kPointerSide = 0x7ffffff1U;
        const auto side = [&](const Value& v) {
            if (v.m_kind == Kind::Scalar) {
                return kNullSide;
            }
            return v.m_null_or != Kind::Uninit ? v.m_id : kPointerSide;
        };
        join_with(other, names.name(side(*this), side(other), 0, slot));
        return;
    }
    const std::uint32_t fresh = m_id == other.m_id ? m_id : names.name(m_id, other.m_id, 0, slot);
    join_with(other, fresh);
}

void Value::join_with(const Value& other, std::uint32_t fresh_id) {
    if (m_kind == Kind::Uninit || other.m_kind == Kind::Uninit) {
        *this = uninit();
        return;
    }
    if (joined_past_fault(other)) {
        return;
    }
    if (m_kind == Kind::Scalar && other.m_kind == Kind::Scalar) {
        m_number.join_with(other.m_number);
        if (m_id != other.m_id) {
            m_id = 0;  // no longer one value shared by copies
        }
        join_facts(other);
        return;
    }
    const bool fault_reported = m_fault_reported && other.m_fault_reported;
    const bool untrusted = m_untrusted && other.m_untrusted;
    const Plain plain = plain_join(m_plain, other.m_plain);
    const bool rcu = m_rcu && other.m_rcu;
    const std::uint32_t number_origin = m_number_origin == other.m_number_origin ? m_number_origin : 0;
    const bool same_marker = m_marker == other.m_marker && m_iter_type == other.m_iter_type;
    const SlotMarker marker = same_marker ? m_marker : SlotMarker::None;
    const std::uint8_t iter_type = same_marker ? m_iter_type : 0;
    join_parts(other, fresh_id);
    m_untrusted = untrusted;
    m_plain = plain;
    m_rcu = rcu;
    if (m_kind != Kind::Uninit && (m_kind != Kind::Any || m_null_or != Kind::Uninit)) {
        m_fault_reported = fault_reported;
        m_number_origin = number_origin;
        m_marker = marker;
        m_iter_type = iter_type;
    }
}

// The join of a pointer with a pointer or a number (join_with without the
// facts, which it sets around this).
Value Value::null_or(const Value& pointer, std::uint32_t nullness) {
    Value v = pointer;
    v.m_kind = Kind::Any;
    v.m_null_or = pointer.m_kind;
    v.m_ref = pointer.m_id;
    v.m_id = nullness;
    return v;
}

// Whether the join of this and `other` is NULL-or-a-pointer: NULL with a
// pointer of a kind null_or_allowed() names, or a NULL-or-pointer with NULL,
// a pointer of its kind or another NULL-or-pointer.
bool Value::joins_to_null_or(const Value& other) const {
    const bool this_null = m_kind == Kind::Scalar && m_number.as_constant() == 0U;
    const bool other_null = other.m_kind == Kind::Scalar && other.m_number.as_constant() == 0U;
    if (m_null_or != Kind::Uninit || other.m_null_or != Kind::Uninit) {
        return true;
    }
    return (this_null && null_or_allowed(other.m_kind)) || (other_null && null_or_allowed(m_kind));
}

// The join of a NULL-or-pointer (see joins_to_null_or): NULL-or-the-join of
// the pointers, its nullness named `fresh_id` (kept where both sides share
// one name). False where the join is not one.
bool Value::join_null_or(const Value& other, std::uint32_t fresh_id) {
    if (!joins_to_null_or(other)) {
        return false;
    }
    const bool this_null = m_kind == Kind::Scalar && m_number.as_constant() == 0U;
    const bool other_null = other.m_kind == Kind::Scalar && other.m_number.as_constant() == 0U;
    const std::uint32_t nullness =
        m_null_or != Kind::Uninit && other.m_null_or == m_null_or && m_id == other.m_id ? m_id : fresh_id;
    // joins_to_null_or let through NULL only beside a pointer of an allowed
    // kind or a NULL-or-pointer (kind Any, m_null_or set), never beside NULL.
    if (this_null || other_null) {
        const Value& rest = this_null ? other : *this;
        *this = null_or(rest.m_kind == Kind::Any ? rest.non_null_part() : rest, nullness);
        return true;
    }
    const Value theirs = other.m_null_or != Kind::Uninit ? other.non_null_part() : other;
    Value mine = m_null_or != Kind::Uninit ? non_null_part() : *this;
    if (!mine.is_pointer() || mine.m_kind != theirs.m_kind) {
        *this = any();
        return true;
    }
    mine.join_parts(theirs, fresh_id);
    if (!mine.is_pointer()) {
        *this = any();
        return true;
    }
    *this = null_or(mine, nullness);
    return true;
}

void Value::join_parts(const Value& other, std::uint32_t fresh_id) {
    if (join_null_or(other, fresh_id)) {
        return;
    }
    // A pointer on one side and NULL on the other: a maybe-null pointer.
    const bool this_null = m_kind == Kind::Scalar && m_number.as_constant() == 0U;
    const bool other_null = other.m_kind == Kind::Scalar && other.m_number.as_constant() == 0U;
    if ((this_null && domains::is_pointer(other.m_kind)) || (other_null && domains::is_pointer(m_kind))) {
        const Value& pointer = this_null ? other : *this;
        const Kind kind = nullable_kind(pointer.m_kind);
        if (kind == Kind::Any) {
            *this = any();
            return;
        }
        *this = pointer;
        m_kind = kind;
        m_id = fresh_id;
        return;
    }
    const bool same_kind = m_kind == other.m_kind ||
                           (nullable_kind(m_kind) == other.m_kind && is_nullable(other.m_kind)) ||
                           (nullable_kind(other.m_kind) == m_kind && is_nullable(m_kind));
    // Sized memory of different sizes: the smaller size holds for both.
    const bool sized = (m_kind == Kind::Mem || m_kind == Kind::MemOrNull) &&
                       (other.m_kind == Kind::Mem || other.m_kind == Kind::MemOrNull);
    if (sized && m_region != other.m_region) {
        const std::uint32_t smaller = std::min(m_region, other.m_region);
        Value copy = other;
        copy.m_region = smaller;
        m_region = smaller;
        join_parts(copy, fresh_id);
        return;
    }
    // BTF pointers to different types: a BTF pointer of unknown type (region 0).
    const bool btf = (m_kind == Kind::BtfId || m_kind == Kind::BtfIdOrNull) &&
                     (other.m_kind == Kind::BtfId || other.m_kind == Kind::BtfIdOrNull);
    if (btf && m_region != other.m_region) {
        Value copy = other;
        copy.m_region = 0;
        m_region = 0;
        join_parts(copy, fresh_id);
        return;
    }
    // Kernel pointers joined with numbers (and nothing else): btf_or_number().
    const auto btf_or_number_side = [](const Value& v) {
        return v.m_kind == Kind::Scalar || v.m_kind == Kind::BtfId || v.m_kind == Kind::BtfIdOrNull ||
               v.is_btf_or_number();
    };
    if ((!same_kind || m_kind == Kind::Any) && btf_or_number_side(*this) && btf_or_number_side(other)) {
        *this = btf_or_number();
        return;
    }
    const bool several_maps = m_region != other.m_region && m_region_set != 0 && other.m_region_set != 0;
    if (!same_kind || (m_region != other.m_region && !several_maps) || m_kind == Kind::Any ||
        other.m_kind == Kind::Any) {
        *this = any();
        return;
    }
    if (several_maps) {
        m_region = kManyMaps;
        m_region_set |= other.m_region_set;
    }
    if (m_kind != other.m_kind) {
        m_kind = is_nullable(m_kind) ? m_kind : other.m_kind;  // the maybe-null side wins
    }
    m_number.join_with(other.m_number);
    if (m_ref != other.m_ref) {
        m_ref = 0;
    }
    if (m_kind == Kind::Packet || m_kind == Kind::PacketMeta) {
        if (m_id == other.m_id && m_fixed_offset == other.m_fixed_offset) {
            m_range = std::min(m_range, other.m_range);
            return;
        }
        // Different bases: rebase on the pointer itself, keeping what each
        // side proved past its own position.
        const std::int64_t mine = m_range - m_fixed_offset;
        const std::int64_t theirs = other.m_range - other.m_fixed_offset;
        m_range = m_range == 0 || other.m_range == 0 ? 0 : std::max<std::int64_t>(0, std::min(mine, theirs));
        m_fixed_offset = 0;
        m_id = fresh_id;
        return;
    }
    if (m_id != other.m_id) {
        m_id = fresh_id;
    }
}

void Value::widen_with(const Value& other, std::span<const std::int64_t> thresholds, std::uint32_t fresh_id) {
    if (joined_past_fault(other)) {
        return;
    }
    if (m_kind == Kind::Scalar && other.m_kind == Kind::Scalar) {
        m_number.widen_with(other.m_number, thresholds);
        if (m_id != other.m_id) {
            m_id = 0;
        }
        join_facts(other);
        return;
    }
    const Scalar before = m_number;
    join_with(other, fresh_id);
    if (is_pointer() || m_null_or != Kind::Uninit) {
        Scalar widened = before;
        widened.widen_with(m_number, thresholds);
        m_number = widened;
    }
}

void Value::narrow_with(const Value& other) {
    if (m_kind == other.m_kind && m_null_or == other.m_null_or && m_region == other.m_region) {
        m_number.narrow_with(other.m_number);
    }
}

std::string_view marker_name(SlotMarker marker) {
    switch (marker) {
        case SlotMarker::None:
            return "";
        case SlotMarker::DynptrFirst:
            return "dynptr";
        case SlotMarker::DynptrSecond:
            return "dynptr2";
        case SlotMarker::IterFirst:
            return "iter";
        case SlotMarker::IterRest:
            return "iter_rest";
    }
    return "?";
}

std::string Value::identity_string() const {
    std::string out = fmt::format("id={} ref={}", m_id, m_ref);
    const std::string facts = facts_string();
    return facts.empty() ? out : out + " " + facts.substr(1);
}

// The facts, as ",name" parts.
std::string Value::facts_string() const {
    std::string out;
    if (m_fault_reported)
        out += ",fault_reported";
    if (m_untrusted)
        out += ",untrusted";
    if (m_plain != Plain::No)
        out += ",plain";
    if (m_rcu)
        out += ",rcu";
    if (released_from() != 0)
        out += fmt::format(",released_ref={}", released_from());
    if (error_argument() >= 0)
        out += fmt::format(",error_arg={}", error_argument());
    if (m_marker == SlotMarker::IterFirst || m_marker == SlotMarker::IterRest) {
        out += fmt::format(",{}#{}", marker_name(m_marker), m_iter_type);
    } else if (m_marker != SlotMarker::None) {
        out += fmt::format(",{}", marker_name(m_marker));
    }
    return out;
}

std::string Value::to_string() const {
    switch (m_kind) {
        case Kind::Uninit:
            return "uninit";
        case Kind::Any:
            return is_btf_or_number() ? "ptr_btf_or_scalar" : "any";
        case Kind::Scalar:
            return m_number.to_string();  // as the kernel prints it; identity_string() has the rest
        default:
            break;
    }
    // Stack pointers as the kernel prints them, from the frame pointer: fp-8,
    // fp0 (the offset is kept from the frame's bottom).
    if (m_kind == Kind::Stack) {
        if (const auto c = m_number.as_constant()) {
            return fmt::format("fp{}", static_cast<std::int64_t>(*c) - kStackSize);
        }
        const Scalar from_fp =
            scalar_binary(ArithOp::Sub, m_number, Scalar::constant(static_cast<std::uint64_t>(kStackSize)), true);
        return fmt::format("fp(off={}{})", from_fp.to_string(), facts_string());
    }
    std::string out{kind_name(m_kind)};
    if (m_kind == Kind::BtfId || m_kind == Kind::BtfIdOrNull) {
        out += m_region == kAllocObjectRegion ? std::string("alloc")
               : m_region == kNonOwningRegion ? std::string("alloc_non_own")
                                              : fmt::format("btf#{}", m_region);
    }
    std::string details;
    auto add = [&](const std::string& part) { details += (details.empty() ? "" : ",") + part; };
    // The kernel prints an id where it links copies: NULL checks, packet
    // range checks, socket references.
    const bool linked = is_nullable(m_kind) || m_kind == Kind::Packet || m_kind == Kind::PacketMeta ||
                        m_kind == Kind::PacketEnd || m_kind == Kind::Socket;
    if (linked && m_id != 0 && m_id != kNoId)
        add(fmt::format("id={}", m_id));
    if (const auto c = m_number.as_constant()) {
        add(fmt::format("off={}", static_cast<std::int64_t>(*c)));
    } else {
        add(fmt::format("off={}", m_number.to_string()));
    }
    if (m_kind == Kind::Packet || m_kind == Kind::PacketMeta)
        add(fmt::format("r={}", m_range));
    if (m_ref != 0)
        add(fmt::format("ref_obj_id={}", m_ref));
    return out + "(" + details + facts_string() + ")";
}

}  // namespace bpfcheck::domains
