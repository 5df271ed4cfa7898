// The context of netfilter programs (BPF_PROG_TYPE_NETFILTER, Linux 6.4):
// struct bpf_nf_ctx as nf_is_valid_access (net/netfilter/nf_bpf_link.c)
// allows it: read-only, both members read 8 bytes whole, each a trusted
// pointer (nf_ptr_to_btf_id) to struct nf_hook_state and struct sk_buff.
// A table of program_types.cpp's kProgramTypes.
#pragma once

#include "analyzer/platform/program_type.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer::netfilter_context {

constexpr ContextField btf_pointer(std::uint32_t off, std::string_view name, std::string_view btf_struct) {
    ContextField field{off, 8, name, FieldAccess::ReadOnly, domains::Kind::BtfId, NarrowReads::No};
    field.btf_struct = btf_struct;
    return field;
}

inline constexpr std::array kFields = {
    btf_pointer(0, "state", "nf_hook_state"),
    btf_pointer(8, "skb", "sk_buff"),
};

}  // namespace bpfcheck::analyzer::netfilter_context
