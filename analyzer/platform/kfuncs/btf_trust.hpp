// What trust a kernel pointer read from a member of another carries
// (check_ptr_to_btf_access in kernel/bpf/verifier.c, after btf_struct_access):
// the fields the kernel lists as keeping their parent's trust
// (BTF_TYPE_SAFE_TRUSTED / _TRUSTED_OR_NULL / _RCU / _RCU_OR_NULL, read by
// type_is_trusted, type_is_trusted_or_null, type_is_rcu and
// type_is_rcu_or_null through btf_nested_type_is_trusted), the iterator
// context arguments registered PTR_TRUSTED, and the rule itself as a pure
// function of the base pointer's trust, the field and whether the program
// is in an RCU critical section (in_rcu_cs). A helper's ARG_PTR_TO_BTF_ID
// refuses what the rule makes untrusted (check_reg_type).
#pragma once

#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

// How a listed field keeps its parent's trust; None: not listed.
enum class SafeField : std::uint8_t { None, Trusted, TrustedOrNull, Rcu, RcuOrNull };

// The list entry for member `field` of struct `struct_name` (names without
// "struct "; a CO-RE flavour suffix "___x" is ignored).
SafeField btf_safe_field(std::string_view struct_name, std::string_view field);

// Whether iterator `iter` (the name after "iter/") registers its context
// argument `arg` as PTR_TRUSTED (the ctx_arg_info of kernel/bpf/*_iter.c,
// net/...: only bpf_iter__task's task); the others are plain
// PTR_TO_BTF_ID_OR_NULL.
bool iterator_arg_trusted(std::string_view iter, std::string_view arg);

// A kernel pointer's trust as check_ptr_to_btf_access distinguishes it:
// trusted or RCU-protected (PTR_TRUSTED, MEM_RCU, a reference, or not known
// to be otherwise), plain (no flag), or PTR_UNTRUSTED.
enum class BtfTrust : std::uint8_t { Trusted, Plain, Untrusted };

struct WalkedField {
    bool known = false;  // the member read is known (its struct and name)
    SafeField safe = SafeField::None;
    bool rcu_tagged = false;  // the member's pointer carries the __rcu type tag (MEM_RCU)
};

// The trust of a pointer read from a member of a `base` pointer.
// `strict`: the target kernel gives PTR_UNTRUSTED where Linux 6.12 left the
// pointer plain (walked_plain_is_untrusted).
BtfTrust walked_trust(BtfTrust base, WalkedField field, bool in_rcu_cs, bool strict);

// Whether a trusted pointer read from `field` is MEM_RCU: an RCU-protected
// or __rcu member read in an RCU critical section (check_ptr_to_btf_access),
// which bpf_rcu_read_unlock makes untrusted.
bool walked_is_rcu(const WalkedField& field, bool in_rcu_cs);

// Linux 6.12's check_ptr_to_btf_access leaves a pointer walked from a plain
// base ("Old compat"), or from a trusted one through an unlisted field in an
// RCU critical section, plain (clear_trusted_flags). The running Linux 6.18
// kernel types both PTR_UNTRUSTED (its log: "R7=untrusted_ptr_file()" for an
// iterator's vma->vm_file, "untrusted_ptr_task_struct()" for a tp_btf
// argument's task->parent); the release that changed it is not known here,
// so targets from 6.18 on get the strict rule. `kernel_version` is
// KERNEL_VERSION(a, b, c); 0 (unknown) keeps 6.12's rule.
bool walked_plain_is_untrusted(std::uint32_t kernel_version);

}  // namespace bpfcheck::analyzer
