// Which license strings the kernel takes as GPL-compatible: its
// license_is_gpl_compatible() (include/linux/license.h), which decides
// prog->gpl_compatible for GPL-only helpers and kfuncs and for the program
// types that require a GPL-compatible license (struct_ops).
#pragma once

#include "analyzer/platform/rule_releases.hpp"

#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

inline bool license_is_gpl_compatible(std::string_view license) {
    return license == "GPL" || license == "GPL v2" || license == "GPL and additional rights" ||
           license == "Dual BSD/GPL" || license == "Dual MIT/GPL" || license == "Dual MPL/GPL";
}

// check_ptr_to_btf_access: a program that is not GPL-compatible may not read
// or write kernel structures through BTF pointers ("Cannot access kernel
// 'struct X' from non-GPL compatible program"). The test came with the
// verifier change that also dropped allow_ptr_to_map_access, in Linux 6.2;
// 0 (unknown version): yes.
constexpr bool kernel_struct_access_needs_gpl(std::uint32_t kernel_version) {
    return rule_release::holds(rule_release::kNonGplBtfRefused, kernel_version);
}

}  // namespace bpfcheck::analyzer
