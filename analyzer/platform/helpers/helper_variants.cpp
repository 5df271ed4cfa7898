// The per-program-type variants of helper prototypes, from net/core/filter.c
// (Linux 6.12): each row is one `case BPF_FUNC_x: return &proto;` of a
// get_func_proto callback whose proto differs from helper_table.cpp's.
//   * bpf_get_socket_cookie: tc, sk_skb, socket filters get
//     bpf_get_socket_cookie_proto (the skb context, the table's); cgroup_sock,
//     cgroup_sock_addr and sock_ops get a proto on their own context (also
//     ARG_PTR_TO_CTX); tracing_prog_func_proto (tracing, and lsm through
//     bpf_lsm_func_proto's default) and sk_reuseport_func_proto get
//     bpf_get_socket_ptr_cookie_proto: ARG_PTR_TO_BTF_ID_SOCK_COMMON |
//     PTR_MAYBE_NULL (any socket pointer, or NULL).
//   * bpf_sk_storage_get / delete: sock_filter_func_proto (cgroup_sock)
//     gets bpf_sk_storage_get_cg_sock_proto, on the context (a struct sock
//     there); tracing_prog_func_proto gets the _tracing protos, whose socket
//     is ARG_PTR_TO_BTF_ID_OR_NULL (net/core/bpf_sk_storage.c).
//   * bpf_sk_assign: sk_lookup_func_proto gets bpf_sk_lookup_assign_proto,
//     whose socket is ARG_PTR_TO_SOCKET_OR_NULL (NULL cancels a selection).
//   * bpf_setsockopt / bpf_getsockopt: cg_sockopt_func_proto (cgroup/setsockopt
//     only, kernel/bpf/cgroup.c), bpf_tcp_ca_get_func_proto (struct_ops) and the
//     tcp and unix iterators (bpf_iter_{tcp,unix}_get_func_proto) get
//     bpf_sk_setsockopt_proto / bpf_sk_getsockopt_proto, whose first argument
//     is a socket (ARG_PTR_TO_BTF_ID_SOCK_COMMON), not the context.
#include "analyzer/platform/helpers/helper_variants.hpp"

#include <array>

namespace bpfcheck::analyzer {
namespace {

using A = ArgKind;

struct HelperVariant {
    std::int32_t id;
    std::string_view program_type;
    std::string_view attach_type;      // "" for any
    std::string_view attach_function;  // "" for any
    std::string_view kernel_proto;     // the struct bpf_func_proto's name, for the record
    std::array<ArgKind, 5> args;
    // The callback returns NULL for this caller (the call is refused); `args`
    // are those of the type's other variants, so that nothing else is reported.
    bool withheld = false;
    // Whether the row also grants the helper to a caller whose type the
    // availability table (helper_availability_data.inc) does not give it:
    // not where the kernel decides per attach target (sk storage in tracing
    // programs: bpf_sk_storage_tracing_allowed).
    bool grants = true;
};

constexpr std::int32_t kGetSocketCookie = 46;
constexpr std::int32_t kSetsockopt = 49;
constexpr std::int32_t kGetsockopt = 57;
constexpr std::int32_t kSkStorageGet = 107;
constexpr std::int32_t kSkStorageDelete = 108;
constexpr std::int32_t kSkAssign = 124;

constexpr std::array<ArgKind, 5> kPtrCookie{A::SockCommonOrNull};
constexpr std::array<ArgKind, 5> kSkStorageOnCtx{A::ConstMapPtr, A::Ctx, A::MapValueOrNull, A::Anything};
constexpr std::array<ArgKind, 5> kSkStorageGetTracing{A::ConstMapPtr, A::SockCommonOrNull, A::MapValueOrNull,
                                                      A::Anything};
constexpr std::array<ArgKind, 5> kSkStorageDeleteTracing{A::ConstMapPtr, A::SockCommonOrNull};
constexpr std::array<ArgKind, 5> kSkSetsockopt{A::SockCommon, A::Anything, A::Anything, A::ReadableMem, A::ConstSize};
constexpr std::array<ArgKind, 5> kSkGetsockopt{A::SockCommon, A::Anything, A::Anything, A::WritableMem, A::ConstSize};

constexpr std::array kVariants{
    HelperVariant{kGetSocketCookie, "tracing", "", "", "bpf_get_socket_ptr_cookie_proto", kPtrCookie},
    HelperVariant{kGetSocketCookie, "lsm", "", "", "bpf_get_socket_ptr_cookie_proto", kPtrCookie},
    HelperVariant{kGetSocketCookie, "sk_reuseport", "", "", "bpf_get_socket_ptr_cookie_proto", kPtrCookie},
    HelperVariant{kSkStorageGet, "cgroup_sock", "", "", "bpf_sk_storage_get_cg_sock_proto", kSkStorageOnCtx, false,
                  false},
    HelperVariant{kSkStorageGet, "tracing", "", "", "bpf_sk_storage_get_tracing_proto", kSkStorageGetTracing, false,
                  false},
    HelperVariant{kSkStorageDelete, "tracing", "", "", "bpf_sk_storage_delete_tracing_proto", kSkStorageDeleteTracing,
                  false, false},
    HelperVariant{kSkAssign, "sk_lookup", "", "", "bpf_sk_lookup_assign_proto", {A::Ctx, A::SocketOrNull, A::Anything}},
    HelperVariant{kSetsockopt, "cgroup_sockopt", "cgroup_setsockopt", "", "bpf_sk_setsockopt_proto", kSkSetsockopt},
    HelperVariant{kGetsockopt, "cgroup_sockopt", "cgroup_setsockopt", "", "bpf_sk_getsockopt_proto", kSkGetsockopt},
    // bpf_tcp_ca_get_func_proto: not for the release callback ("Does not
    // allow release() to call setsockopt"), nor getsockopt with it.
    // The first row that matches decides: these before struct_ops' own.
    HelperVariant{kSetsockopt, "struct_ops", "", "tcp_congestion_ops:release", "", kSkSetsockopt, true},
    HelperVariant{kGetsockopt, "struct_ops", "", "tcp_congestion_ops:release", "", kSkGetsockopt, true},
    HelperVariant{kSetsockopt, "struct_ops", "", "", "bpf_sk_setsockopt_proto", kSkSetsockopt},
    HelperVariant{kGetsockopt, "struct_ops", "", "", "bpf_sk_getsockopt_proto", kSkGetsockopt},
    HelperVariant{kSetsockopt, "tracing", "", "bpf_iter_tcp", "bpf_sk_setsockopt_proto", kSkSetsockopt},
    HelperVariant{kGetsockopt, "tracing", "", "bpf_iter_tcp", "bpf_sk_getsockopt_proto", kSkGetsockopt},
    HelperVariant{kSetsockopt, "tracing", "", "bpf_iter_unix", "bpf_sk_setsockopt_proto", kSkSetsockopt},
    HelperVariant{kGetsockopt, "tracing", "", "bpf_iter_unix", "bpf_sk_getsockopt_proto", kSkGetsockopt},
};

bool matches(const HelperVariant& variant, std::int32_t id, const HelperCaller& caller) {
    return variant.id == id && variant.program_type == caller.program_type &&
           (variant.attach_type.empty() || variant.attach_type == caller.attach_type) &&
           (variant.attach_function.empty() || variant.attach_function == caller.attach_function);
}

}  // namespace

std::optional<HelperPrototype> find_helper_for(std::int32_t id, const HelperCaller& caller) {
    std::optional<HelperPrototype> proto = find_helper(id);
    if (!proto) {
        return proto;
    }
    for (const HelperVariant& variant : kVariants) {
        if (matches(variant, id, caller)) {
            proto->args = variant.args;
            break;
        }
    }
    return proto;
}

bool helper_granted(std::int32_t id, const HelperCaller& caller) {
    for (const HelperVariant& variant : kVariants) {
        if (variant.grants && matches(variant, id, caller)) {
            return !variant.withheld;
        }
    }
    return false;
}

bool helper_withheld(std::int32_t id, const HelperCaller& caller) {
    for (const HelperVariant& variant : kVariants) {
        if (matches(variant, id, caller)) {
            return variant.withheld;
        }
    }
    return false;
}

}  // namespace bpfcheck::analyzer
