// The kernel's rules for kfunc calls that do not depend on the kfunc's
// reference semantics, and for the two critical sections a program opens
// with kfuncs: the RCU read section (bpf_rcu_read_lock/unlock, the
// verifier's active_rcu_lock) and the preemption-disabled region
// (bpf_preempt_disable/enable, active_preempt_lock, which nests). From
// kernel/bpf/verifier.c (Linux 6.12): check_kfunc_call (the sections,
// "kernel func %s is sleepable within ..."), fetch_kfunc_meta ("calling
// kernel function %s is not allowed": the kfunc is not in an id set
// registered for the program type), check_kfunc_args ("Possibly NULL
// pointer passed to trusted arg%d" for KF_TRUSTED_ARGS and KF_RCU kfuncs),
// check_helper_call (helpers that might sleep, tail calls), check_func_call
// (no global function call with preemption disabled before Linux 6.15,
// then none that may sleep), check_ld_abs and do_check's BPF_EXIT (a
// section left open at the main program's exit). Each decides from a const
// state; the transfer (opening and closing the sections) is
// Executor::enter_or_leave_section.
#include "analyzer/checks/checker.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/platform/rule_releases.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <variant>
#include <vector>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

namespace {

// A register value the kernel sees as NULL or maybe NULL (register_is_null,
// type_may_be_null).
bool may_be_null(const Value& value) {
    if (value.fault_reported()) {
        return false;
    }
    if (domains::is_nullable(value.kind())) {
        return true;
    }
    return value.is_scalar() && value.number().is_constant() && value.number().umin == 0;
}

// Pointers to memory that is no kernel object.
bool is_other_memory(Kind kind) {
    switch (kind) {
        case Kind::Ctx:
        case Kind::Stack:
        case Kind::Packet:
        case Kind::PacketMeta:
        case Kind::PacketEnd:
        case Kind::MapPtr:
        case Kind::MapValue:
        case Kind::MapKey:
        case Kind::Mem:
        case Kind::FlowKeys:
        case Kind::Func:
            return true;
        default:
            return false;
    }
}

// Why is_trusted_reg / is_rcu_reg refuse `value` as a pointer argument of a
// KF_TRUSTED_ARGS or KF_RCU kfunc; nullptr when they take it. A PTR_UNTRUSTED
// pointer is neither trusted nor RCU-protected, and no more is a plain
// PTR_TO_BTF_ID (no PTR_TRUSTED, no MEM_RCU, no reference); and MEM_RCU
// alone is not PTR_TRUSTED: only a KF_RCU kfunc takes such a pointer.
const char* untrusted_reason(const domains::Value& value, const KfuncPrototype& kfunc) {
    if (value.untrusted()) {
        return "untrusted pointer (bpf_rdonly_cast's result, a pointer read from a member the kernel does not list "
               "as trusted, or an RCU pointer kept past bpf_rcu_read_unlock)";
    }
    if (value.ref() != 0) {
        return nullptr;
    }
    if (value.plain()) {
        return "plain kernel pointer (an fentry/fexit argument, an iterator's object, a helper's result without "
               "PTR_TRUSTED, or a pointer read from a member the kernel does not list as trusted)";
    }
    if (value.rcu() && !kfunc.has(kKfRcu) && !domains::is_alloc_region(value.region())) {
        return "RCU-protected pointer (MEM_RCU: read from a member the kernel lists as RCU-safe or tags __rcu, "
               "which is not PTR_TRUSTED)";
    }
    return nullptr;
}

}  // namespace

void Checker::check_kfunc_program_type(std::uint32_t pc, const KfuncPrototype& kfunc, Reporter& reporter) const {
    const bool registered = kfunc_allowed_for(kfunc, m_context.type.name);
    if (registered && kfunc.iterators_only && expected_attach_type(m_context) != "trace_iter") {
        // The set's filter refuses it (fetch_kfunc_meta: -EACCES).
        reporter.error("helper.not_for_type", pc,
                       fmt::format("calling kernel function {} is not allowed: only iterator programs (SEC(\"iter/"
                                   "tcp\"), SEC(\"iter/udp\")) may call it",
                                   kfunc.name),
                       {}, "call it from an iterator over the sockets to destroy");
        return;
    }
    if (registered) {
        return;
    }
    reporter.error(
        "helper.not_for_type", pc,
        fmt::format("calling kernel function {} is not allowed in {} programs: no kfunc set holding it is "
                    "registered for the program type",
                    kfunc.name, m_context.type.name),
        {},
        kfunc.program_types.empty()
            ? std::string("call it from a program type whose kfunc sets hold it (tracing, lsm, syscall, ...)")
            : fmt::format("{} is registered for: {}", kfunc.name, kfunc.program_types));
}

void Checker::check_kfunc_trusted_args(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                       Reporter& reporter) const {
    if (!(kfunc.has(kKfTrustedArgs) || kfunc.has(kKfRcu))) {
        return;
    }
    for (int arg = 0; arg < 5; ++arg) {
        const domains::Value& value = state.reg(arg + 1);
        const bool pointer_arg = (kfunc.ptr_args & (1U << arg)) != 0;
        const char* not_trusted = untrusted_reason(value, kfunc);
        if (pointer_arg && not_trusted != nullptr) {
            reporter.error("helper.arg_type", pc,
                           fmt::format("R{} must be {}: arg{} of {} takes no {}", arg + 1,
                                       kfunc.has(kKfTrustedArgs) ? "referenced or trusted" : "a rcu pointer", arg,
                                       kfunc.name, not_trusted),
                           {describe(state, arg + 1)},
                           "pass a trusted pointer: a program's trusted argument, an acquired reference, or one read "
                           "inside bpf_rcu_read_lock()");
            return;
        }
        if ((kfunc.ptr_args & (1U << arg)) == 0 || !may_be_null(state.reg(arg + 1))) {
            continue;
        }
        reporter.error(
            "null.deref", pc,
            fmt::format("Possibly NULL pointer passed to trusted arg{} of {}: the kfunc takes only {} pointers", arg,
                        kfunc.name, kfunc.has(kKfTrustedArgs) ? "trusted" : "trusted or RCU-protected"),
            {describe(state, arg + 1)}, fmt::format("check R{} != NULL before the call", arg + 1));
        return;  // the kernel stops at the first
    }
}

void Checker::check_kfunc_btf_args(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                   Reporter& reporter) const {
    if (check_kfunc_arg_structs(pc, kfunc, state, reporter)) {
        return;
    }
    // check_kfunc_args: a number where the prototype has a pointer is no
    // kernel object, nor memory get_kfunc_ptr_arg_type's catch-all takes
    // (check_helper_mem_access: "R1 type=scalar expected=fp"); only a NULL
    // may stand for one, where the kfunc lets it.
    for (int arg = 0; arg < 5; ++arg) {
        const domains::Value& value = state.reg(arg + 1);
        if ((kfunc.ptr_args & (1U << arg)) == 0 || value.kind() != domains::Kind::Scalar ||
            value.number().as_constant() == 0U) {
            continue;
        }
        reporter.error("helper.arg_type", pc,
                       fmt::format("R{} type=scalar: arg#{} of {} is a pointer, and R{} holds a number", arg + 1, arg,
                                   kfunc.name, arg + 1),
                       {describe(state, arg + 1)},
                       "pass a pointer there: a kernel object, or memory the kfunc may read");
        return;
    }
    for (int arg = 0; arg < 5; ++arg) {
        if ((kfunc.btf_args & (1U << arg)) == 0 || !is_other_memory(state.reg(arg + 1).kind())) {
            continue;
        }
        reporter.error("helper.arg_type", pc,
                       fmt::format("arg#{} of {} must be a pointer to a kernel object (PTR_TO_BTF_ID), not {}: the "
                                   "struct it points to holds more than numbers, so the kernel does not take other "
                                   "memory for it",
                                   arg, kfunc.name, domains::kind_name(state.reg(arg + 1).kind())),
                       {describe(state, arg + 1)},
                       "pass the kernel object itself (a tracing argument, an acquired pointer)");
        return;
    }
}

// process_kf_arg_ptr_to_btf_id: a kernel object passed where the kfunc's
// prototype names a struct must be that struct, or begin with it at the
// pointer's offset (btf_struct_ids_match walks the structs nested there);
// "kernel function %s args#%d expected pointer to STRUCT %s but R%d has a
// pointer to STRUCT %s", but for the projections of the context). A
// released argument is matched strictly
// (check_release_struct); objects the program allocated carry its own types.
bool Checker::check_kfunc_arg_structs(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                      Reporter& reporter) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    if (types == nullptr) {
        return false;
    }
    for (int arg = 0; arg < 5; ++arg) {
        const domains::Value& value = state.reg(arg + 1);
        const auto offset = value.number().as_constant();
        if (arg == kfunc.releases_arg || value.kind() != domains::Kind::BtfId || value.region() == 0 ||
            domains::is_alloc_region(value.region()) || !offset || static_cast<std::int64_t>(*offset) < 0) {
            continue;
        }
        const std::string wanted = types->function_pointee_struct(kfunc.name, arg);
        if (wanted.empty() || types->struct_at_offset_is(value.region(), static_cast<std::uint32_t>(*offset), wanted)) {
            continue;
        }
        std::string have = types->type_name(value.region());
        // btf_is_projection_of: a kfunc taking the program's view of the
        // context (__sk_buff, xdp_md) takes the kernel struct under it.
        if ((wanted == "__sk_buff" && have == "struct sk_buff") || (wanted == "xdp_md" && have == "struct xdp_buff")) {
            continue;
        }
        if (have.starts_with("struct ")) {
            have = "STRUCT " + have.substr(7);  // as the kernel's btf_type_str writes it
        }
        reporter.error(
            "helper.arg_type", pc,
            fmt::format("kernel function {} args#{} expected pointer to STRUCT {} but R{} has a pointer "
                        "to {}{}",
                        kfunc.name, arg, wanted, arg + 1, have,
                        *offset == 0 ? std::string{} : fmt::format(" (at offset {})", *offset)),
            {describe(state, arg + 1)},
            fmt::format("pass a struct {} (or an object that begins with one at the pointer's offset)", wanted));
        return true;
    }
    return false;
}

void Checker::check_kfunc_in_sections(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                      Reporter& reporter) const {
    const bool rcu = state.rcu_locked();
    const std::uint32_t preempt = state.preempt_depth();
    switch (kfunc.section) {
        case KfuncSection::RcuLock:
            if (rcu) {
                reporter.error("ref.rcu_lock", pc, fmt::format("nested rcu read lock (kernel function {})", kfunc.name),
                               {}, "call bpf_rcu_read_unlock before taking the RCU read lock again");
            }
            return;
        case KfuncSection::RcuUnlock:
            if (!rcu) {
                reporter.error("ref.rcu_lock", pc,
                               fmt::format("unmatched rcu read unlock (kernel function {})", kfunc.name), {},
                               "call bpf_rcu_read_lock first, on every path that reaches the unlock");
            }
            return;
        case KfuncSection::PreemptEnable:
            if (preempt == 0) {
                reporter.error("ref.preempt", pc,
                               fmt::format("unmatched attempt to enable preemption (kernel function {})", kfunc.name),
                               {}, "call bpf_preempt_disable first, on every path that reaches this call");
            }
            return;
        case KfuncSection::PreemptDisable:
            return;
        case KfuncSection::None:
            break;
    }
    if (!kfunc.has(kKfSleepable)) {
        return;
    }
    if (rcu) {
        reporter.error("ref.rcu_lock", pc,
                       fmt::format("kernel func {} is sleepable within rcu_read_lock region", kfunc.name), {},
                       "call it after bpf_rcu_read_unlock");
    } else if (preempt > 0) {
        reporter.error("ref.preempt", pc,
                       fmt::format("kernel func {} is sleepable within non-preemptible region", kfunc.name), {},
                       "call it after bpf_preempt_enable");
    }
}

void Checker::check_helper_in_sections(std::uint32_t pc, const HelperPrototype& proto, const MachineState& state,
                                       Reporter& reporter) const {
    const bool rcu = state.rcu_locked();
    const bool preempt = state.preempt_depth() > 0;
    if (proto.might_sleep && rcu) {
        reporter.error("ref.rcu_lock", pc,
                       fmt::format("sleepable helper {}#{} in rcu_read_lock region", proto.name, proto.id), {},
                       "call it after bpf_rcu_read_unlock");
    } else if (proto.might_sleep && preempt) {
        reporter.error("ref.preempt", pc,
                       fmt::format("sleepable helper {}#{} in non-preemptible region", proto.name, proto.id), {},
                       "call it after bpf_preempt_enable");
    }
    if (proto.id == kHelperTailCall && rcu) {
        reporter.error("ref.rcu_lock", pc, "tail_call cannot be used inside bpf_rcu_read_lock-ed region", {},
                       "call bpf_rcu_read_unlock before the tail call");
    } else if (proto.id == kHelperTailCall && preempt) {
        reporter.error("ref.preempt", pc, "tail_call cannot be used inside bpf_preempt_disable-ed region", {},
                       "call bpf_preempt_enable before the tail call");
    }
}

void Checker::check_sections_open(std::uint32_t pc, const MachineState& state, std::string_view where,
                                  Reporter& reporter) const {
    if (state.rcu_locked()) {
        reporter.error("ref.rcu_lock", pc, fmt::format("bpf_rcu_read_unlock is missing {}", where), {},
                       "call bpf_rcu_read_unlock on every path before returning");
    }
    if (const std::uint32_t depth = state.preempt_depth(); depth > 0) {
        reporter.error("ref.preempt", pc,
                       fmt::format("{} bpf_preempt_enable{} missing {}", depth, depth == 1 ? " is" : "(s) are", where),
                       {}, "call bpf_preempt_enable once for each bpf_preempt_disable on every path before returning");
    }
}

void Checker::check_global_call_in_sections(std::uint32_t pc, std::uint32_t callee, const MachineState& state,
                                            Reporter& reporter) const {
    const std::uint32_t preempt = state.preempt_depth();
    const std::uint32_t version = m_context.options.kernel_version;
    // Linux 6.15 summarises whether a global function may sleep and refuses
    // only those (check_func_call, "bpf: Summarize sleepable global subprogs").
    const bool summarised = rule_release::holds(rule_release::kSleepableSubprogSummary, version);
    if (!summarised) {
        if (preempt > 0) {
            reporter.error("ref.preempt", pc,
                           "global function calls are not allowed with preemption disabled: the function is verified "
                           "on its own",
                           {}, "call bpf_preempt_enable before the call, or make the function static");
        }
        return;
    }
    if ((preempt > 0 || state.rcu_locked()) && m_executor.function_might_sleep(callee)) {
        reporter.error(preempt > 0 ? "ref.preempt" : "ref.rcu_lock", pc,
                       "global functions that may sleep are not allowed in non-sleepable context, i.e., in a "
                       "RCU/IRQ/preempt-disabled section",
                       {}, "call the function after the section ends, or keep sleeping calls out of it");
    }
}

void Checker::check_ld_abs_in_sections(std::uint32_t pc, const MachineState& state, Reporter& reporter) const {
    if (state.rcu_locked()) {
        reporter.error("ref.rcu_lock", pc, "BPF_LD_[ABS|IND] cannot be used inside bpf_rcu_read_lock-ed region");
    } else if (state.preempt_depth() > 0) {
        reporter.error("ref.preempt", pc, "BPF_LD_[ABS|IND] cannot be used inside bpf_preempt_disable-ed region");
    }
}

}  // namespace bpfcheck::analyzer
