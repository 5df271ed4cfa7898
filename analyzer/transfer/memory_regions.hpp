// The memory regions a pointer may point into, as facts both the transfer
// (what a load yields) and the checker (whether the access is allowed) read:
// the bytes an access spans, the maps a map pointer may refer to, which
// context field an offset selects, which attach-target argument a BTF
// context slot holds. Pure functions of their arguments.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "domains/value.hpp"

#include <cstdint>
#include <string>

namespace bpfcheck::analyzer {

// sizeof(struct bpf_flow_keys): what a flow dissector's ctx->flow_keys points to
// (check_flow_keys_access).
inline constexpr std::uint32_t kFlowKeysSize = 56;
// MAX_PACKET_OFF: a packet pointer's offset beyond this is refused.
inline constexpr std::int64_t kMaxPacketOffset = 0xffff;
// sizeof(struct bpf_sock), what a PTR_TO_SOCKET may read.
inline constexpr std::uint64_t kSocketSize = 80;

// Widest signed range of the accessed bytes: [min_offset, max_offset + width).
struct Span {
    std::int64_t lo;
    std::int64_t hi;  // exclusive
};
// Saturating: offsets near the int64 extremes must not wrap back into range.
Span span_of(const domains::Scalar& offset, std::int64_t extra, int width);

// A load of `width` bytes whose value is not known: a number of that width.
domains::Value scalar_of_width(int width);

// The maps a map pointer or map value may refer to (several after joins).
struct MapSet {
    std::uint32_t key_min = 0, key_max = 0, value_min = 0, value_max = 0;
    bool read_only = false;                 // .rodata, BPF_F_RDONLY_PROG
    bool write_only = false;                // BPF_F_WRONLY_PROG
    const model::MapDef* single = nullptr;  // when exactly one map
};
MapSet maps_of(const model::BpfObject& object, const domains::Value& pointer);
// The names of those maps, quoted, for messages ('a', 'b').
std::string map_names(const model::BpfObject& object, const domains::Value& pointer);

// The context fields covering byte `off` of an access (check_ctx_access):
// the first that decides it (allows it, or refuses a write to a read-only
// field), else the first whose width rules refuse it, else the first not
// available to the program's attach type.
struct ContextFieldMatch {
    const ContextField* decided = nullptr;
    bool read_only = false;      // `decided` refuses the write
    bool needs_cap_bpf = false;  // `decided` is refused without CAP_BPF
    const ContextField* refused = nullptr;
    const ContextField* unavailable = nullptr;
};
ContextFieldMatch match_context_field(const AnalysisContext& context, std::int64_t off, int width, bool is_write);

// The attach target's argument whose 8-byte slots hold context offset `off`
// (btf_ctx_access), or past them its return value; null: none.
struct BtfArgSlot {
    const model::KernelArg* arg = nullptr;
    std::size_t index = 0;
    std::int64_t slot_end = 0;  // end of the arguments' slots
};
BtfArgSlot btf_arg_at(const model::AttachTarget& target, std::int64_t off);

}  // namespace bpfcheck::analyzer
