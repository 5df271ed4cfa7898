// The trust of a pointer read from a member of another (check_ptr_to_btf_access
// in kernel/bpf/verifier.c): the BTF_TYPE_SAFE_* rows and the walk rule, both
// under Linux 6.12's rule (a walk that keeps no trust leaves the pointer
// plain) and the stricter one of the running 6.18 kernel (PTR_UNTRUSTED).
// Sleepable programs outside bpf_rcu_read_lock cannot be loaded where the
// tests run without a sleepable attach point, so that branch is checked here.
#include "analyzer/platform/kfuncs/btf_trust.hpp"

#include <catch2/catch.hpp>

using namespace bpfcheck::analyzer;

TEST_CASE("the kernel's lists of fields that keep their parent's trust") {
    CHECK(btf_safe_field("task_struct", "group_leader") == SafeField::Rcu);
    CHECK(btf_safe_field("task_struct", "real_parent") == SafeField::Rcu);
    CHECK(btf_safe_field("task_struct", "parent") == SafeField::None);
    CHECK(btf_safe_field("task_struct", "mm") == SafeField::None);
    CHECK(btf_safe_field("mm_struct", "exe_file") == SafeField::RcuOrNull);
    CHECK(btf_safe_field("file", "f_inode") == SafeField::Trusted);
    CHECK(btf_safe_field("socket", "sk") == SafeField::TrustedOrNull);
    CHECK(btf_safe_field("socket___flavour", "sk") == SafeField::TrustedOrNull);  // CO-RE flavours
    CHECK(btf_safe_field("sock", "sk") == SafeField::None);
    CHECK(iterator_arg_trusted("task", "task"));
    CHECK_FALSE(iterator_arg_trusted("task_file", "task"));
    CHECK_FALSE(iterator_arg_trusted("task_vma", "vma"));
}

TEST_CASE("walked pointers: trust kept only through listed fields") {
    const WalkedField unlisted{true, SafeField::None, false};
    const WalkedField rcu{true, SafeField::Rcu, false};
    const WalkedField trusted{true, SafeField::Trusted, false};
    const WalkedField rcu_tagged{true, SafeField::None, true};
    const WalkedField unknown{};
    for (const bool strict : {false, true}) {
        // Untrusted bases make untrusted pointers.
        CHECK(walked_trust(BtfTrust::Untrusted, trusted, true, strict) == BtfTrust::Untrusted);
        // Listed fields of trusted bases.
        CHECK(walked_trust(BtfTrust::Trusted, trusted, false, strict) == BtfTrust::Trusted);
        CHECK(walked_trust(BtfTrust::Trusted, rcu, true, strict) == BtfTrust::Trusted);
        CHECK(walked_trust(BtfTrust::Trusted, rcu_tagged, true, strict) == BtfTrust::Trusted);
        // Outside an RCU critical section only fully trusted fields stay trusted.
        CHECK(walked_trust(BtfTrust::Trusted, rcu, false, strict) == BtfTrust::Untrusted);
        CHECK(walked_trust(BtfTrust::Trusted, unlisted, false, strict) == BtfTrust::Untrusted);
        // A member bpfcheck cannot name is assumed to keep its trust.
        CHECK(walked_trust(BtfTrust::Trusted, unknown, true, strict) == BtfTrust::Trusted);
    }
    // Linux 6.12: clear_trusted_flags leaves plain pointers.
    CHECK(walked_trust(BtfTrust::Trusted, unlisted, true, false) == BtfTrust::Plain);
    CHECK(walked_trust(BtfTrust::Plain, trusted, true, false) == BtfTrust::Plain);
    // The running 6.18 kernel: PTR_UNTRUSTED.
    CHECK(walked_trust(BtfTrust::Trusted, unlisted, true, true) == BtfTrust::Untrusted);
    CHECK(walked_trust(BtfTrust::Plain, trusted, true, true) == BtfTrust::Untrusted);
    CHECK(walked_plain_is_untrusted((6U << 16) | (18U << 8)));
    CHECK_FALSE(walked_plain_is_untrusted((6U << 16) | (12U << 8)));
    CHECK_FALSE(walked_plain_is_untrusted(0));
}
