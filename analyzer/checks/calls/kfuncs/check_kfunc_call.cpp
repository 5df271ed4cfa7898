// ValidKfuncCall (check_kfunc_call): the kfunc is allowed for this program
// type; its trusted, RCU and BTF-typed arguments; the RCU and preemption
// sections and the bpf_spin_lock it may run under; the graph (rbtree,
// list) arguments and bpf_rbtree_add's less callback, checked in its
// calling context; map arguments; what it releases (check_func_arg_reg_off,
// a referenced kernel object); iterator and dynptr arguments; a dynptr
// slice's buffer. The checks run in the kernel's order against the state
// the steps before them left: the checker replays the transfer's steps
// (sections, the release, Executor::execute_kfunc) on its own copy.
#include "analyzer/checks/calls/call_context_rules.hpp"
#include "analyzer/checks/calls/kfuncs/allocated_object_rules.hpp"
#include "analyzer/checks/calls/kfuncs/kfunc_arg_offsets.hpp"
#include "analyzer/checks/calls/kfuncs/rdonly_cast_type.hpp"
#include "analyzer/checks/checker.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

void Checker::decide(std::uint32_t pc, const ValidKfuncCall& /*o*/, const MachineState& state, CheckSink& sink) const {
    Reporter& reporter = sink.reporter;
    const Executor& executor = m_executor;
    const std::string& name = m_context.program.refs[pc].symbol;
    if (executor.weak_ksym_unresolved(pc)) {
        // libbpf leaves a call to a __weak kfunc the kernel lacks
        // unresolved (imm 0, or a poisoned call), which the kernel refuses
        // unless dead code elimination removed it (fixup_kfunc_call).
        reporter.error("helper.unavailable", pc,
                       fmt::format("invalid kernel function call not eliminated in verifier pass: the kernel has no "
                                   "kfunc {} (a __weak extern libbpf leaves unresolved), and this call is reachable",
                                   name),
                       {}, fmt::format("guard the call with if (bpf_ksym_exists({})) so the verifier drops it", name));
        return;
    }
    if (executor.kfunc_prototype_refused(pc)) {
        reporter.error("helper.unavailable", pc,
                       fmt::format("extern (func ksym) '{}': func_proto incompatible with kernel: the object declares "
                                   "{} with another prototype than the kernel's BTF, and libbpf refuses the object",
                                   name, name),
                       {},
                       "declare the kfunc as the kernel does (vmlinux.h or the kernel's prototype): same number "
                       "and kinds of arguments, structs declared as structs, not forward declarations");
        return;
    }
    if (executor.kfunc_missing_on_running_kernel(pc)) {
        reporter.error("helper.unavailable", pc,
                       fmt::format("kernel function {} is in neither the running kernel's BTF nor a loaded "
                                   "module's: libbpf refuses the object (\"extern (func ksym) '{}': not found in "
                                   "kernel or module BTFs\")",
                                   name, name),
                       {},
                       fmt::format("load the module or use a kernel built with it, or declare {} __weak and "
                                   "guard the call with if (bpf_ksym_exists({}))",
                                   name, name));
        return;
    }
    if ((name == "bpf_obj_new_impl" || name == "bpf_percpu_obj_new_impl") && !m_context.program.has_func_info) {
        // check_kfunc_call: the object's type is one of the program's BTF,
        // which the kernel keeps only when func or line info comes with it
        // (check_btf_info).
        reporter.error("call.no_func_info", pc,
                       "bpf_obj_new/bpf_percpu_obj_new requires prog BTF: the program is loaded without func info, "
                       "so the kernel keeps none of the object's BTF for it",
                       {}, "load the object with its .BTF.ext (clang -g)");
    }
    const auto kfunc = find_kfunc(name);
    MachineState local = state;
    if (kfunc) {
        check_kfunc_program_type(pc, *kfunc, reporter);
        check_dev_bound_kfunc(m_context, pc, *kfunc, reporter);
        check_sleepable_kfunc(m_context, pc, *kfunc, reporter);
        check_css_task_iter_allowed(m_context, pc, *kfunc, reporter);
        check_kfunc_trusted_args(pc, *kfunc, local, reporter);
        check_kfunc_btf_args(pc, *kfunc, local, reporter);
        check_kfunc_in_sections(pc, *kfunc, local, reporter);
        executor.enter_or_leave_section(pc, *kfunc, local);
    }
    if (const domains::HeldReference* lock = local.held_lock()) {
        // Only the graph and numeric-iterator kfuncs may run under a bpf_spin_lock.
        const bool allowed = name.rfind("bpf_list_", 0) == 0 || name.rfind("bpf_rbtree_", 0) == 0 ||
                             name.rfind("bpf_iter_num_", 0) == 0 || name == "bpf_refcount_acquire_impl";
        if (!allowed) {
            reporter.error("ref.lock_held", pc,
                           fmt::format("function calls are not allowed while holding a lock: kfunc {} is called "
                                       "while the lock taken at insn {} is held",
                                       name, lock->insn),
                           {}, "call it before bpf_spin_lock or after bpf_spin_unlock");
        }
    }
    if (name == "bpf_throw") {
        check_throw(pc, local, reporter);
    }
    if (!kfunc) {
        return;
    }
    check_kfunc_arg_offsets(pc, *kfunc, local, reporter);
    check_rdonly_cast_type(m_context, pc, kfunc->name, local, reporter);
    check_obj_new_type(m_context, pc, kfunc->name, local, reporter);
    check_obj_drop_kind(m_context, pc, kfunc->name, local, reporter);
    check_graph_kfunc_args(pc, *kfunc, local, reporter);
    check_less_callback(pc, *kfunc, local, sink);
    check_kfunc_map_args(pc, *kfunc, local, reporter);
    if (kfunc->releases_arg >= 0) {
        const int reg = kfunc->releases_arg + 1;
        const Value value = local.reg(reg);
        const auto offset = value.number().as_constant();
        if (value.is_pointer() && offset && *offset != 0) {
            // check_func_arg_reg_off: a release function takes the object itself.
            reporter.error("ref.release_offset", pc,
                           fmt::format("R{} must have zero offset when passed to release func {}: it points {} "
                                       "bytes into the object",
                                       reg, name, static_cast<std::int64_t>(*offset)),
                           {describe(local, reg)}, "release the pointer the acquiring function returned");
        }
        if (domains::is_nullable(value.kind())) {
            reporter.error(
                "null.deref", pc,
                fmt::format("possibly NULL pointer passed to trusted arg{} of {}", kfunc->releases_arg, name),
                {describe(local, reg)}, fmt::format("check R{} != NULL before the call", reg));
        }
        check_release_struct(pc, *kfunc, local, reporter);
        // Only a kernel object that an acquiring kfunc (or bpf_kptr_xchg) returned.
        const bool released = executor.apply_kfunc_release(*kfunc, local);
        if (!released && value.kind() != Kind::Uninit && !value.fault_reported()) {
            reporter.error("ref.release_unacquired", pc,
                           fmt::format("release kernel function {} expects a referenced pointer; R{} holds no "
                                       "acquired reference",
                                       name, reg),
                           {describe(local, reg)}, "release only what an acquiring kfunc returned, exactly once");
        }
    }
    check_kfunc_stack_args(pc, *kfunc, local, reporter);
    check_dynptr_slice_args(pc, *kfunc, local, sink);
    check_kfunc_sized_buffers(pc, *kfunc, local, sink);
}

// process_kf_arg_ptr_to_btf_id: a referenced kernel object passed to a
// release kfunc must be exactly the struct its prototype names
// (strict_type_match: btf_struct_ids_match does not look into its first
// member), e.g. bpf_skb_ct_alloc's struct nf_conn___init is not the struct
// nf_conn bpf_ct_release takes. The object's struct is what the kfunc that
// acquired it returns, by the kernel's BTF; objects the program allocated
// and references helpers acquired are not checked here.
void Checker::check_release_struct(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                   Reporter& reporter) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    const int reg = kfunc.releases_arg + 1;
    const Value& value = state.reg(reg);
    if (types == nullptr || value.ref() == 0 || value.kind() != Kind::BtfId ||
        domains::is_alloc_region(value.region())) {
        return;
    }
    const auto& held = state.references();
    const auto acquired = std::find_if(held.begin(), held.end(), [&](const auto& r) { return r.id == value.ref(); });
    if (acquired == held.end() || acquired->insn >= m_context.program.refs.size() ||
        m_context.program.refs[acquired->insn].kind != model::RelocKind::Kfunc) {
        return;
    }
    const std::string& acquirer = m_context.program.refs[acquired->insn].symbol;
    const std::string have = types->function_pointee_struct(essential_name(acquirer), -1);
    const std::string wanted = types->function_pointee_struct(kfunc.name, kfunc.releases_arg);
    if (have.empty() || wanted.empty() || have == wanted) {
        return;
    }
    reporter.error("helper.arg_type", pc,
                   fmt::format("kernel function {} args#{} expected pointer to STRUCT {} but R{} has a pointer to "
                               "STRUCT {} ({}'s result)",
                               kfunc.name, kfunc.releases_arg, wanted, reg, have, acquirer),
                   {describe(state, reg)},
                   fmt::format("release it with the kfunc that takes struct {}, or convert it first", have));
}

// bpf_rbtree_add's less callback (set_rbtree_add_callback_state): called
// with two non-owning nodes while the lock is held, it returns 0 or 1. It
// runs inside the kfunc and leaves the caller's state as it was.
void Checker::check_less_callback(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                  CheckSink& sink) const {
    if (kfunc.less_callback_arg < 0) {
        return;
    }
    const Value& callback = state.reg(kfunc.less_callback_arg + 1);
    if (callback.kind() != Kind::Func) {
        return;
    }
    const std::uint32_t callee = m_context.cfg.block(m_context.cfg.block_of(callback.region())).function;
    MachineState entry = state;
    entry.push_frame(pc);
    for (int r = 1; r <= 5; ++r) {
        entry.reg(r) = Value::unknown_scalar();
    }
    for (int r = 1; r <= 2; ++r) {
        entry.reg(r) = Value::pointer(Kind::BtfId, domains::kNonOwningRegion, domains::Scalar::top());
    }
    const auto& exits = m_context.cfg.functions()[callee].exits;
    const std::uint32_t at = exits.empty() ? pc : m_context.cfg.block(exits.front()).last;
    for (const MachineState& result : m_check_callee(callee, entry)) {
        const Value& r0 = result.reg(0);
        if (r0.kind() != Kind::Uninit && (!r0.is_scalar() || r0.number().smin < 0 || r0.number().smax > 1)) {
            sink.reporter.error("exit.return_range", at,
                                fmt::format("at callback return R0 is {}, should have been in [0, 1]", r0.to_string()),
                                {fmt::format("less callback of {} called at insn {}", kfunc.name, pc)},
                                "return whether the first node sorts before the second (0 or 1)");
            break;
        }
    }
}

// bpf_dynptr_slice(_rdwr): the buffer and its constant size, and a
// writable slice needs a program type that may write packet data
// (check_kfunc_call: may_access_direct_pkt_data).
void Checker::check_dynptr_slice_args(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                      CheckSink& sink) const {
    if (kfunc.buffer_arg < 0) {
        return;
    }
    check_kfunc_buffer(pc, {kfunc.name, kfunc.buffer_arg + 1, true, true}, state, sink);
    if (kfunc.writable_slice && !m_context.type.packet_writable) {
        sink.reporter.error("packet.read_only", pc,
                            fmt::format("{}: the prog does not allow writes to packet data: {} programs may not take "
                                        "a writable dynptr slice",
                                        kfunc.name, m_context.type.name),
                            {describe(state, 1)}, "use bpf_dynptr_slice (read-only) or bpf_dynptr_read");
    }
}

// check_kfunc_args, KF_ARG_PTR_TO_MEM_SIZE: check_kfunc_mem_size_reg reads
// and writes the buffer (a size of 0 allowed) unless it is an optional NULL;
// an __szk size must be a known constant ("R%d must be a known constant").
void Checker::check_kfunc_buffer(std::uint32_t pc, const KfuncBuffer& arg, const MachineState& state,
                                 CheckSink& sink) const {
    const int buffer_reg = arg.buffer_reg;
    const Value buffer = state.reg(buffer_reg);
    const Value& size = state.reg(buffer_reg + 1);
    auto error = [&](std::string id, int reg, std::string message, std::string hint) {
        sink.reporter.error(std::move(id), pc, fmt::format("{}: {}", arg.kfunc, message), {describe(state, reg)},
                            std::move(hint));
    };
    if (!size.is_scalar()) {
        error("helper.arg_type", buffer_reg + 1, fmt::format("R{} is not a size", buffer_reg + 1),
              "pass the buffer's size as a constant");
        return;
    }
    const bool null_buffer = buffer.is_scalar() && buffer.number().as_constant() == 0U;
    if (!(null_buffer && arg.optional) && buffer.kind() != Kind::Uninit) {
        if (size.number().smin < 0 || size.number().umax >= (1ULL << 29)) {
            error("helper.size", buffer_reg + 1,
                  fmt::format("R{} unbounded memory access: memory, len pair leads to invalid memory access",
                              buffer_reg + 1),
                  "pass a constant size no larger than the buffer");
        } else {
            // The kfunc may write the buffer before it reads it (a fill, as
            // bpf_snprintf's): it is typed as read memory, but nothing need
            // be there.
            check_helper_memory(pc, buffer_reg, buffer, size.number(), false, state, sink, true);
            check_helper_memory(pc, buffer_reg, buffer, size.number(), true, state, sink);
        }
    }
    if (arg.constant_size && !size.number().is_constant()) {
        error("helper.arg_type", buffer_reg + 1, fmt::format("R{} must be a known constant", buffer_reg + 1),
              "the size (an __szk parameter) must be a compile-time constant");
    }
}

void Checker::check_kfunc_sized_buffers(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                        CheckSink& sink) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    if (kfunc.buffer_arg >= 0 || types == nullptr) {
        return;
    }
    const std::vector<std::string> names = types->function_param_names(kfunc.name);
    for (std::size_t i = 1; i < names.size() && i < 5; ++i) {
        const std::string_view size = names[i];
        const bool constant = size.ends_with("__szk");
        if (!constant && !size.ends_with("__sz")) {
            continue;
        }
        const std::string_view buffer = names[i - 1];
        check_kfunc_buffer(
            pc,
            {kfunc.name, static_cast<int>(i), buffer.ends_with("__opt") || buffer.ends_with("__nullable"), constant},
            state, sink);
        ++i;  // the size is no buffer
    }
}

}  // namespace bpfcheck::analyzer
