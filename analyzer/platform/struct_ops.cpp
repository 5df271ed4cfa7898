// The struct_ops rules of struct_ops.hpp, from the kernel's sources (Linux
// 6.12). tcp_congestion_ops: net/ipv4/bpf_tcp_ca.c, bpf_tcp_ca_verifier_ops:
//   * bpf_tcp_ca_is_valid_access: an argument of type `struct sock *`
//     (PTR_TO_BTF_ID without unsafe modifiers) becomes `struct tcp_sock *`;
//   * bpf_tcp_ca_btf_struct_access: writes only through a `struct tcp_sock *`
//     (else "only read is supported"), at the members of its switch (else "no
//     write support to tcp_sock at off %d"), ending inside the member (else
//     "write access at off %d with size %d beyond the member of tcp_sock").
// The callbacks BPF may not implement: those __bpf_ops_tcp_congestion_ops
// (the cfi_stubs) leaves NULL, of the struct's function pointers.
#include "analyzer/platform/struct_ops.hpp"

#include <array>

namespace bpfcheck::analyzer {
namespace {

constexpr std::array kTcpCaWritable{
    StructOpsWritableMember{"sock", "sk_pacing_rate"},
    StructOpsWritableMember{"sock", "sk_pacing_status"},
    StructOpsWritableMember{"inet_connection_sock", "icsk_ca_priv", true},
    StructOpsWritableMember{"inet_connection_sock", "icsk_ack.pending"},
    StructOpsWritableMember{"tcp_sock", "snd_cwnd"},
    StructOpsWritableMember{"tcp_sock", "snd_cwnd_cnt"},
    StructOpsWritableMember{"tcp_sock", "snd_cwnd_stamp"},
    StructOpsWritableMember{"tcp_sock", "snd_ssthresh"},
    StructOpsWritableMember{"tcp_sock", "ecn_flags"},
    StructOpsWritableMember{"tcp_sock", "app_limited"},
};

constexpr std::array kRules{
    StructOpsRules{"tcp_congestion_ops", "bpf_tcp_ca_verifier_ops", "sock", "tcp_sock", "tcp_sock", kTcpCaWritable},
};

struct UnsupportedMember {
    std::string_view struct_ops;
    std::string_view member;
};

constexpr std::array kUnsupportedMembers{
    UnsupportedMember{"tcp_congestion_ops", "get_info"},
};

}  // namespace

bool struct_ops_member_unsupported(std::string_view struct_ops, std::string_view member) {
    for (const UnsupportedMember& row : kUnsupportedMembers) {
        if (row.struct_ops == struct_ops && row.member == member) {
            return true;
        }
    }
    return false;
}

const StructOpsRules* struct_ops_rules(std::string_view struct_ops) {
    for (const StructOpsRules& rules : kRules) {
        if (rules.struct_ops == struct_ops) {
            return &rules;
        }
    }
    return nullptr;
}

}  // namespace bpfcheck::analyzer
