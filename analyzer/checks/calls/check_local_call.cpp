// ValidLocalCall (check_func_call): the call stack stays within the
// kernel's 8 frames; no lock is held across the call (before Linux 6.9);
// a global function's arguments match its BTF prototype
// (btf_check_subprog_call), which must be one the kernel can verify
// (btf_prepare_func_args), and its body, verified on its own, exits with
// a number and nothing held. Each callee's body is checked in its calling
// context by the driver's walk of its converged states (CalleeChecker).
#include "analyzer/checks/checker.hpp"
#include "analyzer/platform/rule_releases.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

void Checker::decide(std::uint32_t pc, const ValidLocalCall& /*o*/, const MachineState& state, CheckSink& sink) const {
    Reporter& reporter = sink.reporter;
    const auto& call = std::get<isa::Call>(m_context.program.insns[pc]);
    const std::uint32_t callee = m_executor.local_callee(pc, call);
    if (state.frame_count() >= static_cast<std::size_t>(domains::kMaxFrames)) {
        reporter.error("call.depth", pc,
                       fmt::format("the call stack of {} frames is too deep (the kernel allows {})",
                                   state.frame_count() + 1, domains::kMaxFrames),
                       {}, "reduce the nesting of bpf-to-bpf calls");
        return;
    }
    if (const model::FunctionSignature* signature = m_executor.global_signature(callee)) {
        check_global_call(pc, callee, *signature, state, sink);
        return;
    }
    check_global_prototype(pc, callee, reporter);
    if (const domains::HeldReference* lock = state.held_lock()) {
        const std::uint32_t target_version = m_context.options.kernel_version;
        const bool static_calls_allowed = rule_release::holds(rule_release::kCallsUnderLock, target_version);
        if (!static_calls_allowed) {
            reporter.error("ref.lock_held", pc,
                           fmt::format("function calls are not allowed while holding a lock (taken at insn {}); "
                                       "Linux 6.9 allows calls of static functions",
                                       lock->insn),
                           {}, "release the lock before the call, or target Linux 6.9 or later");
        }
    }
    MachineState entry = state;
    entry.push_frame(pc);
    m_check_callee(callee, entry);
}

void Checker::check_global_call(std::uint32_t pc, std::uint32_t callee, const model::FunctionSignature& signature,
                                const MachineState& state, CheckSink& sink) const {
    Reporter& reporter = sink.reporter;
    const auto& function = m_context.object.functions[m_context.program.functions[callee].function];
    if (const domains::HeldReference* lock = state.held_lock()) {
        reporter.error("ref.lock_held", pc,
                       fmt::format("global function calls are not allowed while holding a lock (taken at insn "
                                   "{}): {}() is verified on its own",
                                   lock->insn, function.name),
                       {}, "release the lock before the call, or make the function static");
    }
    check_global_call_in_sections(pc, callee, state, reporter);
    if (!signature.returns_scalar) {
        reporter.error("call.global_return", pc,
                       fmt::format("global function {}() returns {}, not a number: the kernel supports only "
                                   "global functions that return an integer",
                                   function.name, signature.return_type),
                       {}, fmt::format("make {}() return int, or declare it static", function.name));
    }
    // The caller's side: each argument against its parameter, in order, on
    // the checker's copy (argument memory is written as the transfer writes it).
    MachineState local = state;
    for (std::size_t i = 0; i < signature.params.size(); ++i) {
        const int reg = static_cast<int>(i) + 1;
        const GlobalParam param = *classify_global_param(signature.params[i], m_context.type.context_struct);
        decide(pc, Initialised{reg}, local, sink);
        const Value value = m_executor.read_operand(reg, local);
        auto mismatch = [&](const std::string& expected) {
            reporter.error("call.global_arg", pc,
                           fmt::format("argument {} (R{}) of global function {}() is {}, but its BTF prototype "
                                       "declares {}",
                                       reg, reg, function.name, value.to_string(), expected),
                           {describe(local, reg)},
                           "pass what the prototype declares: the kernel checks the call against it alone");
        };
        switch (param) {
            case GlobalParam::Scalar:
                if (value.kind() != Kind::Uninit && !value.is_scalar()) {
                    mismatch("a number");
                }
                break;
            case GlobalParam::Context:
                if (value.kind() != Kind::Ctx || value.number().as_constant() != 0U) {
                    mismatch(fmt::format("the program's context (struct {} *)", m_context.type.context_struct));
                }
                break;
            case GlobalParam::Trusted:
                if (const auto problem = trusted_arg_problem(signature.params[i], value)) {
                    mismatch(*problem);
                }
                break;
            case GlobalParam::Dynptr: {
                // btf_check_func_arg_match, ARG_PTR_TO_DYNPTR | MEM_RDONLY
                // (check_func_arg_reg_off, process_dynptr_func): an
                // initialised dynptr on the caller's stack, or the one it was
                // given unmodified (CONST_PTR_TO_DYNPTR: an unknown number to
                // bpfcheck, which cannot tell whether it was moved, so refused).
                if (value.kind() != Kind::Uninit &&
                    (value.kind() != Kind::Stack || !m_executor.initialised_dynptr(value, local))) {
                    mismatch("an initialised dynptr (struct bpf_dynptr *)");
                }
                break;
            }
            case GlobalParam::Memory: {
                const std::uint32_t size = signature.params[i].pointee_size;
                // __arg_nonnull: the function may use it unchecked, so every caller must pass memory.
                const bool nonnull = signature.params[i].tag_nonnull;
                const bool is_null = value.is_scalar() && value.number().as_constant() == 0U;
                if (is_null && nonnull) {
                    mismatch(fmt::format("a pointer to {} bytes ({} *) that is not NULL (__arg_nonnull)", size,
                                         signature.params[i].pointee));
                    break;
                }
                if (is_null || value.kind() == Kind::Uninit) {
                    break;
                }
                const bool maybe_null = domains::is_nullable(value.kind());
                if (!value.is_pointer() || (maybe_null && nonnull)) {
                    mismatch(fmt::format("a pointer to {} bytes ({} *){}", size, signature.params[i].pointee,
                                         maybe_null ? " that is not NULL (__arg_nonnull: check it first)" : ""));
                    break;
                }
                // The kernel checks the memory as read and as written (check_mem_reg).
                const Value memory = *global_memory_argument(signature.params[i], value);
                check_helper_memory(pc, reg, memory, Scalar::constant(size), false, local, sink);
                check_helper_memory(pc, reg, memory, Scalar::constant(size), true, local, sink);
                m_executor.apply_helper_memory(memory, Scalar::constant(size), true, local);
                break;
            }
        }
    }
    // The callee's side, once for every call (the entry does not depend on the caller).
    for (const MachineState& exit : m_check_callee(callee, m_executor.global_entry(signature))) {
        if (exit.is_bottom() || exit.frame_count() != 2) {
            continue;
        }
        const Value& r0 = exit.reg(0);
        const auto& exits = m_context.cfg.functions()[callee].exits;
        const std::uint32_t at = exits.empty() ? pc : m_context.cfg.block(exits.front()).last;
        // Verified on its own, the function exits as a program does: what it
        // acquired and did not release is a leak (the caller never sees it).
        check_sections_open(at, exit, fmt::format("at the exit of global function {}()", function.name), reporter);
        for (const domains::HeldReference& ref : exit.references()) {
            if (domains::is_section_ref(ref.id)) {
                continue;  // check_sections_open
            }
            if (ref.id == domains::kSpinLockRef) {
                reporter.error("ref.lock_held", at,
                               fmt::format("bpf_spin_unlock is missing at the exit of global function {}() (lock "
                                           "taken at insn {})",
                                           function.name, ref.insn),
                               {}, "unlock before returning from the global function");
            } else {
                reporter.error("ref.leak", at,
                               fmt::format("reference acquired at instruction {} is not released at the exit of "
                                           "global function {}()",
                                           ref.insn, function.name),
                               {}, "release it inside the global function on every path");
            }
        }
        if (r0.kind() != Kind::Uninit && !r0.is_scalar()) {
            reporter.error("call.global_return", at,
                           fmt::format("at the exit of global function {}() R0 is {}, not a number", function.name,
                                       r0.to_string()),
                           {}, "global functions may return only numbers");
        }
    }
}

}  // namespace bpfcheck::analyzer
