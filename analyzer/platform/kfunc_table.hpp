// The kernel functions (kfuncs) whose reference semantics bpfcheck models:
// which acquire a reference (KF_ACQUIRE, possibly NULL: KF_RET_NULL) and
// which release one (KF_RELEASE), as the kernel's kfunc id sets declare them.
// Other kfuncs return an unknown number and take any arguments.
#pragma once

#include <optional>
#include <string_view>

namespace bpfcheck::analyzer {

struct KfuncPrototype {
    std::string_view name;
    bool acquires = false;     // returns a new reference (a kernel object pointer)
    bool may_be_null = false;  // the returned pointer must be checked against NULL
    int releases_arg = -1;     // argument (0-based) whose reference it releases
};

std::optional<KfuncPrototype> find_kfunc(std::string_view name);

}  // namespace bpfcheck::analyzer
