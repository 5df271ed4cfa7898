// The kernel functions (kfuncs) whose reference semantics bpfcheck models:
// which acquire a reference (KF_ACQUIRE, possibly NULL: KF_RET_NULL) and
// which release one (KF_RELEASE), as the kernel's kfunc id sets declare them;
// and the open-coded iterators' next functions (KF_ITER_NEXT | KF_RET_NULL),
// which return a pointer into the iterator or to the next object, or NULL.
// Other kfuncs return an unknown number and take any arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bpfcheck::analyzer {

struct KfuncPrototype {
    std::string_view name;
    bool acquires = false;     // returns a new reference (a kernel object pointer)
    bool may_be_null = false;  // the returned pointer must be checked against NULL
    int releases_arg = -1;     // argument (0-based) whose reference it releases
    // An iterator's next function: returns NULL at the end, else (read-only)
    // memory of `next_mem` bytes (int * of bpf_iter_num_next), or a kernel
    // object when next_mem is 0.
    bool iter_next = false;
    std::uint32_t next_mem = 0;
};

std::optional<KfuncPrototype> find_kfunc(std::string_view name);

}  // namespace bpfcheck::analyzer
