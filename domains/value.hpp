// The abstract value of a register or spilled stack slot: what kind of thing
// it is (scalar, or a pointer into which region), a numeric part (the scalar
// itself, or the pointer's offset from its region's base), and the identities
// that let one check refine many copies: `id` is shared by copies of a value,
// so a null check or a packet bounds check on one copy refines them all, as
// the kernel's reg->id does. The other identities are fields of their own:
// `ref` is the kernel's ref_obj_id (the acquired reference a pointer carries),
// `released_from` the reference a number's pointer carried before it was
// released (or `error_argument`, the tracing argument the kernel hands over
// as a number: both say why a number stands where a pointer was),
// `untrusted` marks the kernel's PTR_UNTRUSTED, `plain` a kernel pointer with
// no trust modifier at all (the kernel's bare ptr_), `fault_reported` says
// the number stands for a value whose fault was already reported, and
// `marker` (with `iter_type`) says which stack object slot a spilled value
// marks. Each is kept by a join only when both sides agree, and is a fact
// below "no such fact" in the order.
#pragma once

#include "domains/scalar.hpp"

#include <cstdint>
#include <optional>
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
    Arena,         // into the program's arena (PTR_TO_ARENA, from addr_space_cast): any offset, data unknown
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
// What a spilled value marks on the stack, apart from its own value: the
// kernel's STACK_DYNPTR slots (a struct bpf_dynptr's first and second 8-byte
// slot; the first carries the dynptr's reference) and STACK_ITER slots (an
// open-coded iterator's first slot, the one its pointer designates, and the
// rest; the marker also carries the iterator type).
enum class SlotMarker : std::uint8_t { None, DynptrFirst, DynptrSecond, IterFirst, IterRest };
std::string_view marker_name(SlotMarker marker);
// The regions of BTF pointers to objects the program allocated (bpf_obj_new:
// the kernel's PTR_TO_BTF_ID | MEM_ALLOC): an owning reference (it carries
// the acquired reference) or a non-owning one (NON_OWN_REF: a node a
// bpf_rbtree or bpf_list owns, usable until bpf_spin_unlock). Their type is
// the program's own, which bpfcheck does not read: accesses are unchecked.
inline constexpr std::uint32_t kAllocObjectRegion = 0xfffffff8U;
inline constexpr std::uint32_t kNonOwningRegion = 0xfffffff9U;
// The size of a raw tracepoint's writable buffer (Mem; the kernel's
// PTR_TO_TP_BUFFER), which the load does not know: the attach checks the
// largest offset the program reached against the tracepoint's own size.
// BPF_MAX_VAR_OFF (1 << 29) bounds every offset before that.
inline constexpr std::uint32_t kTpBufferRegion = 1U << 29;
inline constexpr bool is_alloc_region(std::uint32_t region) {
    return region == kAllocObjectRegion || region == kNonOwningRegion;
}
// The kind a non-null pointer has when NULL is possible too (Any when none).
Kind nullable_kind(Kind kind);
// Whether a join of NULL with a pointer of this kind (which has no
// maybe-null kind) remembers the pointer (Value::null_or_kind()).
bool null_or_allowed(Kind kind);

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
    // A join of kernel (BTF) pointers with numbers and nothing else: a
    // tracing program's pointer on one path and a number read with
    // bpf_probe_read_kernel on another (a walk that starts at an argument).
    // Unusable as a pointer, like any(), but the kernel allows each side the
    // 64-bit add or subtract of a number, so a privileged program may move it.
    static Value btf_or_number();
    [[nodiscard]] bool is_btf_or_number() const {
        return m_kind == Kind::Any && m_null_or == Kind::Uninit && m_region_set == kBtfOrNumberTag;
    }
    static Value scalar(const Scalar& number) { return Value(Kind::Scalar, number); }
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
    // A number that stands for a value whose fault (an uninitialised register
    // read, a forbidden pointer operation) was already reported: dereferencing
    // it or passing it on is not reported again.
    [[nodiscard]] bool fault_reported() const { return m_fault_reported; }
    // Whether this value stands for a reported fault and `other` does not
    // (neither uninitialised). The kernel stops a path at its first error, so
    // what stands for a fault is below every other value: a join keeps the
    // other side, and a later use reports what the other paths do wrong, not
    // the fault again as a register of different kinds on different paths.
    [[nodiscard]] bool only_this_faulted(const Value& other) const {
        return m_fault_reported && !other.m_fault_reported && m_kind != Kind::Uninit && other.m_kind != Kind::Uninit;
    }
    void set_fault_reported(bool reported) { m_fault_reported = reported; }
    // A kernel pointer the kernel marks PTR_UNTRUSTED (bpf_rdonly_cast's
    // result, and whatever pointer is read through one): readable, but never
    // an argument that must be trusted or RCU-protected. Kept by a join only
    // when both sides have it.
    [[nodiscard]] bool untrusted() const { return m_untrusted; }
    void set_untrusted(bool untrusted) { m_untrusted = untrusted; }
    // A kernel pointer the kernel types PTR_TO_BTF_ID with neither
    // PTR_TRUSTED nor MEM_RCU nor a reference (an iterator's context
    // argument, bpf_skc_to_tcp_sock's result, a member walked from an
    // unlisted field): a helper takes it, a KF_TRUSTED_ARGS kfunc does not,
    // and members walked from it are never trusted (check_ptr_to_btf_access's
    // "Old compat" branch). Kept by a join only when both sides have it.
    [[nodiscard]] bool plain() const { return m_plain != Plain::No; }
    void set_plain(bool plain) { m_plain = plain ? Plain::Yes : Plain::No; }
    // A plain pointer that is an fentry, fexit or fmod_ret program's own
    // argument (prog_args_trusted): members walked from it stay plain on
    // every kernel, as the kernel's fexit selftests pass them to helpers.
    // Joined with another plain pointer it is plain (the stricter walks).
    [[nodiscard]] bool plain_argument() const { return m_plain == Plain::Argument; }
    void set_plain_argument() { m_plain = Plain::Argument; }
    // A kernel pointer the kernel marks MEM_RCU: read in an RCU critical
    // section from a kptr or an RCU-protected member. bpf_rcu_read_unlock
    // makes every such pointer PTR_UNTRUSTED (and no longer maybe-NULL),
    // which KF_RCU and KF_TRUSTED_ARGS kfuncs refuse. Kept by a join only
    // when both sides have it.
    [[nodiscard]] bool rcu() const { return m_rcu; }
    void set_rcu(bool rcu) { m_rcu = rcu; }
    // A number that was a copy of a pointer carrying reference `ref` until the
    // reference was released (0: none).
    [[nodiscard]] std::uint32_t released_from() const {
        return m_number_origin < kErrorArgumentOrigin ? m_number_origin : 0;
    }
    void set_released_from(std::uint32_t ref) { m_number_origin = ref; }
    // A number that is a tp_btf program's argument `index` (from 0), a kernel
    // pointer the kernel hands over as a number because it may hold an
    // ERR_PTR (raw_tp_null_args); -1: none.
    [[nodiscard]] int error_argument() const {
        return m_number_origin >= kErrorArgumentOrigin ? static_cast<int>(m_number_origin - kErrorArgumentOrigin) : -1;
    }
    void set_error_argument(std::uint32_t index) { m_number_origin = kErrorArgumentOrigin + (index & 0xffU); }
    // The stack object slot a spilled value marks, and for iterators their
    // type (an index of the platform's iterator table).
    [[nodiscard]] SlotMarker marker() const { return m_marker; }
    [[nodiscard]] std::uint8_t iter_type() const { return m_iter_type; }
    void set_marker(SlotMarker marker, std::uint8_t iter_type = 0) {
        m_marker = marker;
        m_iter_type = iter_type;
    }
    [[nodiscard]] bool marks_stack_object() const { return m_marker != SlotMarker::None; }
    [[nodiscard]] bool marks_iter(std::uint8_t iter_type, bool first) const {
        return m_marker == (first ? SlotMarker::IterFirst : SlotMarker::IterRest) && m_iter_type == iter_type;
    }
    [[nodiscard]] bool marks_any_iter() const {
        return m_marker == SlotMarker::IterFirst || m_marker == SlotMarker::IterRest;
    }
    // Copies `from`'s facts (fault reported, released reference, marker):
    // for a copy of a number made as a new Value.
    void take_facts(const Value& from) {
        m_fault_reported = from.m_fault_reported;
        m_number_origin = from.m_number_origin;
        m_marker = from.m_marker;
        m_iter_type = from.m_iter_type;
    }
    void clear_facts() { take_facts(Value::unknown_scalar()); }
    // Packet pointers: the constant offset since the variable part `id`
    // joined (kernel reg->off), and the bytes proven readable from that
    // variable base (kernel reg->range).
    [[nodiscard]] std::int64_t fixed_offset() const { return m_fixed_offset; }
    void set_fixed_offset(std::int64_t off) { m_fixed_offset = off; }
    [[nodiscard]] std::int64_t range() const { return m_range; }
    void set_range(std::int64_t range) { m_range = range; }
    void set_kind(Kind kind) {
        m_kind = kind;
        m_null_or = Kind::Uninit;
    }
    // An Any that is NULL on some paths and, on the others, a pointer of a
    // kind with no maybe-null kind (a packet pointer, the context): the
    // pointer's kind; Kind::Uninit for any other value. Every check sees
    // Any; a null check gives the pointer back, as the kernel, which walks
    // the two paths apart, has it there. Its id() names its nullness:
    // values of one id are NULL on the same paths (a join names them as
    // JoinNames does), so a null check on one copy refines them all. The
    // pointer's own id is kept aside (pointers of these kinds carry no
    // reference, so in the ref field).
    [[nodiscard]] Kind null_or_kind() const { return m_null_or; }
    // The pointer such a value is where it is not NULL.
    [[nodiscard]] Value non_null_part() const {
        Value v = *this;
        v.m_kind = m_null_or;
        v.m_null_or = Kind::Uninit;
        v.m_id = m_ref;
        v.m_ref = 0;
        return v;
    }

    // Forgets the names this value holds that `other` (the value in the same
    // place of another state; null: none) does not hold: its id, and the id
    // a NULL-or-pointer keeps for its pointer. What is left covers more.
    void forget_names_differing_from(const Value* other) {
        if (m_id != kNoId && (other == nullptr || other->m_id != m_id)) {
            m_id = kNoId;
        }
        if (m_null_or != Kind::Uninit && m_ref != 0) {
            const std::uint32_t theirs = other == nullptr                   ? 0
                                         : other->m_null_or != Kind::Uninit ? other->m_ref
                                                                            : other->m_id;
            if (theirs != m_ref) {
                m_ref = 0;
            }
        }
    }

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

    // The value as the kernel's log shows it (numbers without identities).
    [[nodiscard]] std::string to_string() const;
    // Every identity: id, ref and the facts (for debugging and explanations).
    [[nodiscard]] std::string identity_string() const;
    bool operator==(const Value&) const = default;

private:
    Value(Kind kind, const Scalar& number) : m_kind(kind), m_number(number) {}

    // The identity fields other than the ids (see the file comment).
    [[nodiscard]] bool facts_leq(const Value& other) const;
    // A join or widening with a value one side of which alone stands for a
    // reported fault (only_this_faulted) is the other side: true when that
    // decided it (this is then that side).
    bool joined_past_fault(const Value& other) {
        if (other.only_this_faulted(*this)) {
            return true;
        }
        if (only_this_faulted(other)) {
            *this = other;
            return true;
        }
        return false;
    }
    void join_facts(const Value& other);
    void join_parts(const Value& other, std::uint32_t fresh_id);
    // join_parts where the join is NULL-or-a-pointer (null_or_kind()).
    [[nodiscard]] bool join_null_or(const Value& other, std::uint32_t fresh_id);
    [[nodiscard]] bool joins_to_null_or(const Value& other) const;
    // NULL-or-`pointer`, its nullness named `nullness`.
    static Value null_or(const Value& pointer, std::uint32_t nullness);
    [[nodiscard]] std::string facts_string() const;

    // m_region_set of btf_or_number(), which no other Any has.
    static constexpr std::uint64_t kBtfOrNumberTag = std::uint64_t{1} << 63;
    // m_number_origin from here up: error_argument(); below: a reference id.
    static constexpr std::uint32_t kErrorArgumentOrigin = 0xffffff00U;

    Kind m_kind;
    // Packed beside the kind, in what would be padding.
    SlotMarker m_marker = SlotMarker::None;
    std::uint8_t m_iter_type = 0;
    bool m_fault_reported = false;
    Kind m_null_or = Kind::Uninit;  // see null_or_kind()
    bool m_untrusted = false;       // see untrusted()
    enum class Plain : std::uint8_t { No, Yes, Argument };
    static bool plain_leq(Plain mine, Plain theirs);
    static Plain plain_join(Plain a, Plain b);
    Plain m_plain = Plain::No;  // see plain(), plain_argument()
    bool m_rcu = false;         // see rcu()
    Scalar m_number;
    std::uint32_t m_region = kNoRegion;
    // released_from() or error_argument(): one of them, as a number has one origin.
    std::uint32_t m_number_origin = 0;
    std::uint64_t m_region_set = 0;
    std::uint32_t m_id = 0;
    std::uint32_t m_ref = 0;
    std::int64_t m_fixed_offset = 0;
    std::int64_t m_range = 0;
};

// Whether a value's region takes part in the shape of a state (trace
// partitioning): pointers to different maps, or into their values, are kept
// apart where the budget allows, as the kernel never joins them (regsafe
// compares map_ptr): a lookup's result or a default in .rodata, each then
// read with offsets only its own value has. So are two callbacks (a
// function's address: regsafe wants the same subprogram), whose join is no
// callback at all.
inline bool region_shapes(const Value& value) {
    const Kind kind = value.kind();
    return kind == Kind::MapValue || kind == Kind::MapValueOrNull || kind == Kind::MapPtr ||
           kind == Kind::MapPtrOrNull || kind == Kind::Func;
}

// The constant offset, when small, of a pointer that the kernel reads only
// at constant offsets although the object has members at many (a kernel
// object through BTF: "R3 is a pointer to struct tcp_sock with a variable
// offset"; a socket; flow keys): it takes part in the shape too. Two paths that
// point at different members (`max(tp->snd_cwnd, tp->packets_out)`
// compiled as a choice of address, then one load) are walked apart by the
// kernel; joined, the pointer had a variable offset the load cannot take.
// (A context pointer is read only at offset 0 plus the instruction's: the
// kernel refuses any other, joined or not.)
inline std::optional<std::uint64_t> constant_offset_shape(const Value& value) {
    const Kind kind = value.kind();
    if (kind != Kind::BtfId && kind != Kind::BtfIdOrNull && kind != Kind::Socket && kind != Kind::SocketOrNull &&
        kind != Kind::FlowKeys) {
        return std::nullopt;
    }
    const auto offset = value.number().as_constant();
    return offset && *offset < 0x10000U ? offset : std::nullopt;
}

}  // namespace bpfcheck::domains
