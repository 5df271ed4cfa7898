// The abstract value of a register or spilled stack slot: what kind of thing
// it is (scalar, or a pointer into which region), a numeric part (the scalar
// itself, or the pointer's offset from its region's base), and the identities
// that let one check refine many copies: `id` is shared by copies of a value,
// so a null check or a packet bounds check on one copy refines them all, as
// the kernel's reg->id does.
#pragma once

#include "domains/scalar.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcheck::domains {

enum class Kind : std::uint8_t {
    Uninit,          // never written
    Scalar,          // a number
    Ctx,             // the program's context
    Stack,           // a frame's stack; `region` is the frame index
    Packet,          // packet data (skb->data, xdp->data)
    PacketMeta,      // packet metadata (xdp->data_meta)
    PacketEnd,       // one past the packet (data_end)
    MapPtr,          // a map itself (ld_imm64 of a map); `region` is the map index
    MapValue,        // inside a map value; `region` is the map index
    MapValueOrNull,  // a map lookup's result before its null check
    MapKey,          // a map key passed to a callback
    Mem,             // memory of `region` bytes from a helper (ringbuf record, per-cpu ptr)
    MemOrNull,
    BtfId,  // a kernel object described by BTF; `region` is its kernel type id, 0 when unknown
    BtfIdOrNull,
    FlowKeys,  // a flow dissector's struct bpf_flow_keys (ctx->flow_keys); `region` is its size
    Socket,    // struct bpf_sock and its relatives
    SocketOrNull,
    Func,          // a subprogram's address (callback); `region` is its first instruction
    MapPtrOrNull,  // a map-in-map lookup's result (an inner map) before its null check
    Any,           // join of incompatible kinds: unusable except as a scalar-free move
};

std::string_view kind_name(Kind kind);
bool is_pointer(Kind kind);
bool is_nullable(Kind kind);
// The kind a nullable pointer has once proven non-null.
Kind non_null_kind(Kind kind);

inline constexpr std::uint32_t kNoRegion = 0xffffffffU;
inline constexpr std::uint32_t kNoId = 0xffffffffU;
inline constexpr std::uint32_t kManyMaps = 0xfffffffeU;
// Identities created at a join: the site (a CFG vertex) and the slot (register
// or stack slot) in the high bit range no instruction-derived id uses.
inline constexpr std::uint32_t join_id(std::uint32_t site, std::uint32_t slot) {
    return 0x80000000U | ((site & 0x1fffffU) << 10) | (slot & 0x3ffU);
}
// The identity of a number that stands for a value whose fault was already
// reported (an uninitialised register read, a forbidden pointer operation):
// dereferencing it or passing it on is not reported again.
inline constexpr std::uint32_t kReportedFaultId = 0x3ffffffeU;
// The identity of the spilled value that marks an initialised struct
// bpf_dynptr (its first 8-byte slot); it carries the dynptr's reference.
inline constexpr std::uint32_t kDynptrSlotId = 0x3ffffffdU;
// The identity of the marker in a dynptr's second 8-byte slot: the kernel
// marks both slots STACK_DYNPTR, and a dynptr is whole only with both.
inline constexpr std::uint32_t kDynptrSecondSlotId = 0x3ffffffcU;
// The identities of the markers in an open-coded iterator's stack slots
// (the kernel's STACK_ITER): the iterator type and whether the slot is the
// iterator's first (the one its pointer designates).
inline constexpr std::uint32_t kIterSlotIdBase = 0x3fffff00U;
inline constexpr std::uint32_t iter_slot_id(std::uint8_t iter_type, bool first) {
    return kIterSlotIdBase | ((static_cast<std::uint32_t>(iter_type) & 0x3fU) << 1) | (first ? 0U : 1U);
}
inline constexpr bool is_iter_slot_id(std::uint32_t id) {
    return (id & 0xffffff80U) == kIterSlotIdBase;
}
// Whether a spilled value marks a dynptr's or an iterator's stack slot.
inline constexpr bool is_stack_object_id(std::uint32_t id) {
    return id == kDynptrSlotId || id == kDynptrSecondSlotId || is_iter_slot_id(id);
}
// The identity of the numbers a released pointer's copies become.
inline constexpr std::uint32_t kReleasedIdFlag = 0x40000000U;
inline constexpr std::uint32_t released_id(std::uint32_t ref) {
    return kReleasedIdFlag | (ref & 0x3fffffffU);
}
inline constexpr bool is_released_id(std::uint32_t id) {
    return (id & 0xc0000000U) == kReleasedIdFlag;
}
// The regions of BTF pointers to objects the program allocated (bpf_obj_new:
// the kernel's PTR_TO_BTF_ID | MEM_ALLOC): an owning reference (it carries
// the acquired reference) or a non-owning one (NON_OWN_REF: a node a
// bpf_rbtree or bpf_list owns, usable until bpf_spin_unlock). Their type is
// the program's own, which bpfcheck does not read: accesses are unchecked.
inline constexpr std::uint32_t kAllocObjectRegion = 0xfffffff8U;
inline constexpr std::uint32_t kNonOwningRegion = 0xfffffff9U;
inline constexpr bool is_alloc_region(std::uint32_t region) {
    return region == kAllocObjectRegion || region == kNonOwningRegion;
}
// The kind a non-null pointer has when NULL is possible too (Any when none).
Kind nullable_kind(Kind kind);

// Names the identities a join creates. Values that were related on both
// sides (one shared id on this side, one on the other, and for packet
// pointers the same offset difference) get one shared name, so a check on
// one of them after the join still refines the others.
class JoinNames {
public:
    explicit JoinNames(std::uint32_t site) : m_site(site) {}
    // `slot` numbers the register or stack slot, for a name unique to it.
    // `zero_is_identity`: for packet pointers, id 0 names the packet start itself.
    std::uint32_t name(std::uint32_t mine, std::uint32_t theirs, std::int64_t delta, std::uint32_t slot,
                       bool zero_is_identity = false);
    [[nodiscard]] bool has_site() const { return m_site != kNoId; }

private:
    struct Entry {
        std::uint32_t mine;
        std::uint32_t theirs;
        std::int64_t delta;
        std::uint32_t name;
    };
    std::uint32_t m_site;
    std::vector<Entry> m_entries;
};

class Value {
public:
    static Value bottom() { return scalar(Scalar::bottom()); }  // no value at all (an unreachable read)
    static Value uninit();
    static Value any();
    static Value scalar(const Scalar& number);
    static Value constant(std::uint64_t number) { return scalar(Scalar::constant(number)); }
    static Value unknown_scalar() { return scalar(Scalar::top()); }
    static Value pointer(Kind kind, std::uint32_t region, const Scalar& offset, std::uint32_t id = 0);

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] bool is_scalar() const { return m_kind == Kind::Scalar; }
    [[nodiscard]] bool is_pointer() const { return domains::is_pointer(m_kind); }
    [[nodiscard]] const Scalar& number() const { return m_number; }
    Scalar& number() { return m_number; }
    [[nodiscard]] std::uint32_t region() const { return m_region; }
    // Map pointers and map values that may point into one of several maps
    // (joined paths) have region kManyMaps and the maps' indices in this set.
    [[nodiscard]] std::uint64_t region_set() const { return m_region_set; }
    void set_region(std::uint32_t region, std::uint64_t region_set) {
        m_region = region;
        m_region_set = region_set;
    }
    [[nodiscard]] std::uint32_t id() const { return m_id; }
    void set_id(std::uint32_t id) { m_id = id; }
    [[nodiscard]] std::uint32_t ref() const { return m_ref; }
    void set_ref(std::uint32_t ref) { m_ref = ref; }
    // Packet pointers: the constant offset since the variable part `id`
    // joined (kernel reg->off), and the bytes proven readable from that
    // variable base (kernel reg->range).
    [[nodiscard]] std::int64_t fixed_offset() const { return m_fixed_offset; }
    void set_fixed_offset(std::int64_t off) { m_fixed_offset = off; }
    [[nodiscard]] std::int64_t range() const { return m_range; }
    void set_range(std::int64_t range) { m_range = range; }
    void set_kind(Kind kind) { m_kind = kind; }

    [[nodiscard]] bool is_bottom() const { return m_number.is_bottom() && m_kind == Kind::Scalar; }
    [[nodiscard]] bool leq(const Value& other) const;
    [[nodiscard]] bool equals(const Value& other) const { return leq(other) && other.leq(*this); }
    // `fresh_id`: the identity to give a pointer whose two sides have
    // different identities (derived from the join site, so it is the same on
    // every iteration); kNoId when there is none.
    void join_with(const Value& other, std::uint32_t fresh_id = kNoId);
    // The join that keeps relations between values (see JoinNames).
    void join_with(const Value& other, JoinNames& names, std::uint32_t slot);
    void widen_with(const Value& other, std::span<const std::int64_t> thresholds, std::uint32_t fresh_id = kNoId);
    void narrow_with(const Value& other);

    [[nodiscard]] std::string to_string() const;
    bool operator==(const Value&) const = default;

private:
    Value(Kind kind, const Scalar& number) : m_kind(kind), m_number(number) {}

    Kind m_kind;
    Scalar m_number;
    std::uint32_t m_region = kNoRegion;
    std::uint64_t m_region_set = 0;
    std::uint32_t m_id = 0;
    std::uint32_t m_ref = 0;
    std::int64_t m_fixed_offset = 0;
    std::int64_t m_range = 0;
};

}  // namespace bpfcheck::domains
