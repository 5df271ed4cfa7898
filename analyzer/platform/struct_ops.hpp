// What a struct_ops type's verifier_ops let its programs do beyond the
// generic rules, as data: its is_valid_access may retype arguments
// (bpf_tcp_ca_is_valid_access promotes `struct sock *` to `struct tcp_sock *`)
// and its btf_struct_access may allow writes through kernel pointers that
// check_ptr_to_btf_access otherwise refuses ("only read is supported").
// A struct_ops type with no row gets the generic rules: arguments as BTF
// declares them, kernel structs read-only.
#pragma once

#include <span>
#include <string_view>

namespace bpfcheck::analyzer {

// A member a struct_ops program may write: `member` of struct `container`
// (which sits at offset 0 of the writable struct, as sock and
// inet_connection_sock do in tcp_sock). The kernel's `case offsetof(...)`
// allows writes starting at the member; `case bpf_ctx_range(...)` (anywhere)
// at any offset inside it. Either must end within the member.
struct StructOpsWritableMember {
    std::string_view container;
    std::string_view member;  // "icsk_ack.pending": through nested structs
    bool anywhere = false;
};

struct StructOpsRules {
    std::string_view struct_ops;                        // the kernel struct of the callbacks, e.g. "tcp_congestion_ops"
    std::string_view kernel_ops;                        // its verifier_ops callbacks, for messages
    std::string_view promote_from;                      // is_valid_access: arguments pointing to this struct ...
    std::string_view promote_to;                        // ... point to this one instead ("" for no promotion)
    std::string_view writable_struct;                   // btf_struct_access: writes only through pointers to it ...
    std::span<const StructOpsWritableMember> writable;  // ... at these members
};

// The rules of struct_ops type `struct_ops`, or nullptr for the generic ones.
const StructOpsRules* struct_ops_rules(std::string_view struct_ops);

// Whether callback `member` of struct_ops type `struct_ops` is one the
// kernel does not let BPF implement: its cfi_stubs entry is NULL
// (bpf_struct_ops_supported; check_struct_ops_btf_id: "attach to
// unsupported member"). Types without a row: every member is supported.
bool struct_ops_member_unsupported(std::string_view struct_ops, std::string_view member);

}  // namespace bpfcheck::analyzer
