// The kernel's lists of fields that keep their parent's trust, as rows
// (kernel/bpf/verifier.c, BTF_TYPE_SAFE_* of Linux 6.12, plus
// cgroup_subsys_state's cgroup, which the running Linux 6.18 kernel's BTF
// lists as cgroup_subsys_state__safe_rcu), and the walk rule of
// check_ptr_to_btf_access. Where a field's list changed between releases
// (dentry's d_inode: trusted in 6.12, trusted-or-NULL later) the row keeps
// the more trusting kind: bpfcheck does not ask for the NULL check then.
#include "analyzer/platform/kfuncs/btf_trust.hpp"
#include "analyzer/platform/rule_releases.hpp"

#include <array>

namespace bpfcheck::analyzer {
namespace {

struct SafeFieldRow {
    std::string_view type;
    std::string_view field;
    SafeField kind;
};

constexpr std::array kSafeFields{
    // RCU trusted: trusted in an RCU critical section, never NULL.
    SafeFieldRow{"task_struct", "cpus_ptr", SafeField::Rcu},
    SafeFieldRow{"task_struct", "cgroups", SafeField::Rcu},
    SafeFieldRow{"task_struct", "real_parent", SafeField::Rcu},
    SafeFieldRow{"task_struct", "group_leader", SafeField::Rcu},
    SafeFieldRow{"cgroup", "kn", SafeField::Rcu},
    SafeFieldRow{"css_set", "dfl_cgrp", SafeField::Rcu},
    SafeFieldRow{"cgroup_subsys_state", "cgroup", SafeField::Rcu},
    // RCU trusted, may be NULL.
    SafeFieldRow{"mm_struct", "exe_file", SafeField::RcuOrNull},
    SafeFieldRow{"sk_buff", "sk", SafeField::RcuOrNull},
    SafeFieldRow{"request_sock", "sk", SafeField::RcuOrNull},
    // Fully trusted, also outside RCU critical sections, never NULL.
    SafeFieldRow{"bpf_iter_meta", "seq", SafeField::Trusted},
    SafeFieldRow{"bpf_iter__task", "meta", SafeField::Trusted},
    SafeFieldRow{"bpf_iter__task", "task", SafeField::Trusted},
    SafeFieldRow{"linux_binprm", "file", SafeField::Trusted},
    SafeFieldRow{"file", "f_inode", SafeField::Trusted},
    SafeFieldRow{"dentry", "d_inode", SafeField::Trusted},
    // Fully trusted, may be NULL.
    SafeFieldRow{"socket", "sk", SafeField::TrustedOrNull},
};

std::string_view without_flavour(std::string_view name) {
    const std::size_t flavour = name.find("___");
    return flavour == std::string_view::npos ? name : name.substr(0, flavour);
}

}  // namespace

SafeField btf_safe_field(std::string_view struct_name, std::string_view field) {
    const std::string_view type = without_flavour(struct_name);
    for (const SafeFieldRow& row : kSafeFields) {
        if (row.type == type && row.field == field) {
            return row.kind;
        }
    }
    return SafeField::None;
}

bool iterator_arg_trusted(std::string_view iter, std::string_view arg) {
    return iter == "task" && arg == "task";  // task_iter.c: task_reg_info, PTR_TO_BTF_ID_OR_NULL | PTR_TRUSTED
}

BtfTrust walked_trust(BtfTrust base, WalkedField field, bool in_rcu_cs, bool strict) {
    switch (base) {
        case BtfTrust::Untrusted:
            // "If this is an untrusted pointer, all pointers formed by
            // walking it also inherit the untrusted flag."
            return BtfTrust::Untrusted;
        case BtfTrust::Plain:
            // "Old compat. Deprecated": clear_trusted_flags.
            return strict ? BtfTrust::Untrusted : BtfTrust::Plain;
        case BtfTrust::Trusted:
            break;
    }
    if (!field.known) {
        return BtfTrust::Trusted;  // not decided here: assumed to keep its trust
    }
    if (field.safe == SafeField::Trusted || field.safe == SafeField::TrustedOrNull) {
        return BtfTrust::Trusted;  // type_is_trusted, type_is_trusted_or_null
    }
    if (!in_rcu_cs) {
        return BtfTrust::Untrusted;  // "If not in RCU CS ... aggressively mark as untrusted"
    }
    if (field.safe == SafeField::Rcu || field.safe == SafeField::RcuOrNull || field.rcu_tagged) {
        return BtfTrust::Trusted;  // MEM_RCU (an __rcu one may be NULL)
    }
    // "walking unknown pointers yields old deprecated PTR_TO_BTF_ID"
    return strict ? BtfTrust::Untrusted : BtfTrust::Plain;
}

bool walked_is_rcu(const WalkedField& field, bool in_rcu_cs) {
    return in_rcu_cs && field.known && field.safe != SafeField::Trusted && field.safe != SafeField::TrustedOrNull &&
           (field.safe == SafeField::Rcu || field.safe == SafeField::RcuOrNull || field.rcu_tagged);
}

bool walked_plain_is_untrusted(std::uint32_t kernel_version) {
    return kernel_version >= rule_release::kStrictWalkedPointers;  // 0 (unknown): 6.12's rule
}

}  // namespace bpfcheck::analyzer
