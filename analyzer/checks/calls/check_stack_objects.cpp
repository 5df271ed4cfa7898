// The checks of dynptr and iterator stack objects (the rules are listed in
// analyzer/transfer/calls/executor_stack_objects.cpp, with their transfer): their
// slots are not data, a referenced dynptr is not overwritten, kfunc
// iterator and dynptr arguments (process_iter_arg, process_dynptr_func),
// bpf_dynptr_from_mem's data.
#include "analyzer/checks/checker.hpp"
#include "analyzer/checks/memory/memory_checks.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

// The kernel's checks of a kfunc's iterator and dynptr arguments
// (check_kfunc_args: KF_ARG_PTR_TO_ITER, KF_ARG_PTR_TO_DYNPTR).
void Checker::check_kfunc_stack_args(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                     Reporter& reporter) const {
    auto arg_error = [&](int arg, const std::string& message, std::string hint) {
        reporter.error("helper.arg_type", pc, fmt::format("{} arg#{}: {}", kfunc.name, arg, message),
                       {describe(state, arg + 1)}, std::move(hint));
    };
    auto unusable = [](const Value& value) { return value.kind() == Kind::Uninit || value.fault_reported(); };
    if (kfunc.iter_role != IterRole::None && !unusable(state.reg(1))) {
        const Value& iter = state.reg(1);
        const std::string type(iter_type_name(kfunc.iter_type));
        const std::string fault = object_pointer_fault(iter, kfunc.iter_slots * 8, "iter");
        if (!fault.empty()) {
            arg_error(0, fault, fmt::format("pass &it of a local struct bpf_iter_{}", type));
        } else if (kfunc.iter_role == IterRole::New) {
            const int offset = *object_offset(iter, kfunc.iter_slots * 8);
            bool iter_slot = false;
            for (int i = 0; i < kfunc.iter_slots; ++i) {
                iter_slot = iter_slot || slot_mark(state.stack(iter.region()), offset / 8 + i).marks_any_iter();
            }
            if (iter_slot) {
                arg_error(
                    0, fmt::format("expected uninitialized iter_{} as arg #0: it holds a live iterator", type),
                    fmt::format("destroy the iterator (bpf_iter_{}_destroy) before creating another there", type));
            } else if (iter_rcu_protected(kfunc.iter_type) &&
                       rcu_protected_call_needs_rcu_cs(m_context.options.kernel_version) &&
                       !m_executor.in_rcu_cs(state)) {
                reporter.error("ref.rcu_lock", pc,
                               fmt::format("kernel func {} requires RCU critical section protection", kfunc.name),
                               {"a sleepable program is in an RCU read section only between bpf_rcu_read_lock and "
                                "bpf_rcu_read_unlock"},
                               fmt::format("call bpf_rcu_read_lock before bpf_iter_{}_new and unlock after its "
                                           "destroy",
                                           type));
            }
        } else if (!m_executor.initialised_iter(iter, kfunc, state)) {
            arg_error(0, fmt::format("expected an initialized iter_{} as arg #0", type),
                      fmt::format("create it with bpf_iter_{}_new first, and do not overwrite or destroy it before "
                                  "this call",
                                  type));
        } else if (m_executor.untrusted_iter(iter, kfunc, state)) {
            reporter.error("ref.rcu_lock", pc, fmt::format("expected an RCU CS when using {}", kfunc.name),
                           {fmt::format("the iterator was created outside an RCU read section or kept past "
                                        "bpf_rcu_read_unlock; a sleepable program is in one only between "
                                        "bpf_rcu_read_lock and bpf_rcu_read_unlock"),
                            describe(state, 1)},
                           fmt::format("call bpf_rcu_read_lock before bpf_iter_{}_new and unlock after its "
                                       "destroy, with no unlock between",
                                       type));
        }
    }
    for (int arg = 0; arg < 5; ++arg) {
        const bool initialised = ((kfunc.dynptr_args >> arg) & 1U) != 0;
        const bool uninit = kfunc.uninit_dynptr_arg == arg;
        const Value& value = state.reg(arg + 1);
        if ((!initialised && !uninit) || unusable(value)) {
            continue;
        }
        // A number other than a known constant may be a callback's
        // CONST_PTR_TO_DYNPTR, which bpfcheck does not tell apart.
        if (value.is_scalar() && !value.number().is_constant()) {
            continue;
        }
        if (value.kind() != Kind::Stack) {
            arg_error(arg,
                      fmt::format("expected pointer to stack or const struct bpf_dynptr, got {}",
                                  domains::kind_name(value.kind())),
                      "pass &dynptr of a local struct bpf_dynptr");
            continue;
        }
        const std::string fault = object_pointer_fault(value, kDynptrBytes, "dynptr");
        if (!fault.empty()) {
            arg_error(arg, fault, "pass &dynptr of a local struct bpf_dynptr");
        } else if (initialised && !m_executor.initialised_dynptr(value, state)) {
            arg_error(arg, fmt::format("Expected an initialized dynptr as arg #{}", arg),
                      "initialise the dynptr first, and do not overwrite or release it before this call");
        } else if (uninit) {
            const int offset = *object_offset(value, kDynptrBytes);
            check_stack_object_access(m_executor, pc, arg + 1, value.region(), offset, offset + kDynptrBytes,
                                      Executor::StackObjectAccess::Write, state, reporter);
        }
    }
}

// check_helper_call: bpf_dynptr_from_mem takes map value memory only
// ("Unsupported reg type ... for bpf_dynptr_from_mem data").
void Checker::check_dynptr_from_mem_source(std::uint32_t pc, const MachineState& state, Reporter& reporter) const {
    const Value& data = state.reg(1);
    if (data.kind() == Kind::MapValue || data.kind() == Kind::Uninit) {
        return;
    }
    reporter.error("helper.arg_type", pc,
                   fmt::format("Unsupported reg type {} for bpf_dynptr_from_mem data: it takes map value memory only",
                               domains::kind_name(data.kind())),
                   {describe(state, 1)}, "put the data in a map value (or a global variable) first");
}

bool check_stack_object_access(const Executor& executor, std::uint32_t pc, int reg, std::uint32_t frame, int lo, int hi,
                               Executor::StackObjectAccess access, const MachineState& state, Reporter& reporter) {
    using Access = Executor::StackObjectAccess;
    if (!executor.refuses_stack_object_access(frame, lo, hi, access, state)) {
        return false;
    }
    if (access == Access::Write) {
        reporter.error("ref.dynptr_overwrite", pc,
                       fmt::format("cannot overwrite referenced dynptr: the write at r10{:+d} covers the stack "
                                   "slots of a ring-buffer dynptr",
                                   lo - domains::kStackSize),
                       {describe(state, reg)}, "submit or discard the dynptr before reusing its stack slots");
        return true;
    }
    const std::string message =
        access == Access::HelperWrite
            ? fmt::format(
                  "potential write to dynptr at off={} disallowed: a helper writes into the stack "
                  "slots of a struct bpf_dynptr",
                  lo - domains::kStackSize)
            : fmt::format(
                  "invalid {}read from stack off {}: the bytes belong to a dynptr or an iterator, "
                  "which are not data",
                  access == Access::HelperRead ? "indirect " : "", lo - domains::kStackSize);
    reporter.error("stack.object_slot", pc, message, {describe(state, reg)},
                   "use the dynptr and iterator kfuncs and helpers; do not read or copy their structs");
    return true;
}

}  // namespace bpfcheck::analyzer
