// Helpers whose prototype depends on the program type: the kernel's
// per-type get_func_proto callbacks return, for one helper id, different
// struct bpf_func_proto's (bpf_get_socket_cookie takes an skb in tc, a
// struct bpf_sock_addr in cgroup/connect4, any socket pointer in tracing).
// helper_table.cpp holds the general proto; this table holds the variants,
// as data, and find_helper_for() picks the one a program gets.
#pragma once

#include "analyzer/platform/helpers/helper_prototype.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace bpfcheck::analyzer {

// Who asks: the program type and expected attach type as libbpf spells them,
// and, for tracing programs, the kernel function they attach to ("" when
// unknown; "bpf_iter_tcp" for iter/tcp).
struct HelperCaller {
    std::string_view program_type;
    std::string_view attach_type;
    std::string_view attach_function;
};

// The prototype `caller` gets for helper `id`: a variant of the table's, or
// the table's own; nullopt for ids the table does not know.
std::optional<HelperPrototype> find_helper_for(std::int32_t id, const HelperCaller& caller);

// Whether the type's get_func_proto returns NULL for helper `id` for this
// caller although other variants of the type get it (tcp_congestion_ops'
// release callback may not call bpf_setsockopt).
bool helper_withheld(std::int32_t id, const HelperCaller& caller);

// Whether a variant gives `caller` a proto for helper `id` (e.g. the tcp
// iterator's bpf_setsockopt, which the tracing type's table does not list).
bool helper_granted(std::int32_t id, const HelperCaller& caller);

}  // namespace bpfcheck::analyzer
