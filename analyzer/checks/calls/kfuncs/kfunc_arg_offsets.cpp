// The variable-offset rule of check_func_arg_reg_off for kfunc arguments.
// bpfcheck's own offsets of kernel and allocated objects are ranges where
// the kernel's are constants in two cases: a node a graph kfunc returns (its
// offset inside the object is the root's __contains declaration, which
// bpfcheck does not read: any offset of an object of at most 4096 bytes),
// and a join of paths that point to different members. Both stay within one
// object's 4096 bytes, so only an offset that varies by more than that is
// reported: one the program made variable itself (a number added to the
// pointer), as the kernel refuses it.
#include "analyzer/checks/calls/kfuncs/kfunc_arg_offsets.hpp"

#include "analyzer/checks/checker.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;

namespace {

// bpf_mem_alloc's largest size class: no object, kernel or allocated, that
// a kfunc argument points into is larger as far as bpfcheck's own ranges go.
constexpr std::uint64_t kObjectSpan = 4096;

bool definitely_variable(const domains::Scalar& offset) {
    if (offset.is_bottom() || offset.as_constant()) {
        return false;
    }
    const auto signed_span = static_cast<std::uint64_t>(offset.smax) - static_cast<std::uint64_t>(offset.smin);
    const std::uint64_t unsigned_span = offset.umax - offset.umin;
    return signed_span >= kObjectSpan && unsigned_span >= kObjectSpan;
}

}  // namespace

void check_kfunc_arg_offsets(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                             Reporter& reporter) {
    unsigned pointer_args = kfunc.ptr_args;
    for (const int arg : {kfunc.root_arg, kfunc.owned_node_arg, kfunc.non_owning_node_arg, kfunc.refcounted_arg}) {
        if (arg >= 0) {
            pointer_args |= 1U << arg;
        }
    }
    for (int arg = 0; arg < 5; ++arg) {
        const domains::Value& value = state.reg(arg + 1);
        if ((pointer_args & (1U << arg)) == 0 || value.kind() != Kind::BtfId || !definitely_variable(value.number())) {
            continue;
        }
        reporter.error("helper.arg_type", pc,
                       fmt::format("variable ptr_ access var_off={} disallowed: arg{} of {} points into its object "
                                   "at a variable offset",
                                   value.number().to_string(), arg, kfunc.name),
                       {describe_value(arg + 1, value)},
                       "pass the object, or one of its members, at a constant offset");
        return;
    }
}

}  // namespace bpfcheck::analyzer
