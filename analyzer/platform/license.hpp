// Which license strings the kernel takes as GPL-compatible: its
// license_is_gpl_compatible() (include/linux/license.h), which decides
// prog->gpl_compatible for GPL-only helpers and kfuncs and for the program
// types that require a GPL-compatible license (struct_ops).
#pragma once

#include <string_view>

namespace bpfcheck::analyzer {

inline bool license_is_gpl_compatible(std::string_view license) {
    return license == "GPL" || license == "GPL v2" || license == "GPL and additional rights" ||
           license == "Dual BSD/GPL" || license == "Dual MIT/GPL" || license == "Dual MPL/GPL";
}

}  // namespace bpfcheck::analyzer
