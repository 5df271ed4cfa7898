// Calls of global functions. The kernel verifies a global (non-static)
// function once, on its own, from its BTF prototype — numbers are unknown,
// a `struct <program context> *` is the context, any other pointer to a
// sized type is memory of that size that may be NULL — and checks each call
// only against that prototype: the caller's values do not flow in, and only
// an unknown number (R0) and possibly rewritten argument memory flow back.
#include "analyzer/platform/helper_prototype.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

enum class GlobalParam : std::uint8_t { Scalar, Context, Memory };

std::optional<GlobalParam> classify(const model::FunctionParam& param, std::string_view context_struct) {
    switch (param.kind) {
        case model::ParamKind::Scalar:
            return GlobalParam::Scalar;
        case model::ParamKind::Pointer:
            if (param.tag_ctx || (!context_struct.empty() && param.pointee == context_struct)) {
                return GlobalParam::Context;
            }
            if (param.pointee_size > 0) {
                return GlobalParam::Memory;
            }
            return std::nullopt;
        case model::ParamKind::Unsupported:
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

const model::FunctionSignature* Executor::global_signature(std::uint32_t callee) const {
    const auto& pieces = m_context.program.functions;
    if (callee >= pieces.size() || pieces[callee].function >= m_context.object.functions.size()) {
        return nullptr;
    }
    const model::Function& function = m_context.object.functions[pieces[callee].function];
    // Without func info the kernel knows no function's linkage: all are static
    // (subprog_is_global), analysed in their caller's context.
    if (!m_context.program.has_func_info || function.is_program || !function.signature ||
        !function.signature->global_linkage || function.signature->params.size() > 5) {
        return nullptr;
    }
    for (const model::FunctionParam& param : function.signature->params) {
        if (!classify(param, m_context.type.context_struct)) {
            return nullptr;  // a prototype we cannot model: analyse the call in the caller's context
        }
    }
    return &*function.signature;
}

void Executor::execute_global_call(std::uint32_t pc, std::uint32_t callee, const model::FunctionSignature& signature,
                                   MachineState& state, Reporter* reporter) const {
    const auto& function = m_context.object.functions[m_context.program.functions[callee].function];
    if (reporter != nullptr) {
        if (const domains::HeldReference* lock = state.held_lock()) {
            reporter->error("ref.lock_held", pc,
                            fmt::format("global function calls are not allowed while holding a lock (taken at insn "
                                        "{}): {}() is verified on its own",
                                        lock->insn, function.name),
                            {}, "release the lock before the call, or make the function static");
        }
        if (!signature.returns_scalar) {
            reporter->error("call.global_return", pc,
                            fmt::format("global function {}() returns {}, not a number: the kernel supports only "
                                        "global functions that return an integer",
                                        function.name, signature.return_type),
                            {}, fmt::format("make {}() return int, or declare it static", function.name));
        }
    }
    // The caller's side: each argument against its parameter.
    MachineState entry = entry_state();
    entry.push_frame(0);
    for (int r = 1; r <= 5; ++r) {
        entry.reg(r) = Value::uninit();
    }
    for (std::size_t i = 0; i < signature.params.size(); ++i) {
        const int reg = static_cast<int>(i) + 1;
        const GlobalParam param = *classify(signature.params[i], m_context.type.context_struct);
        const Value value = read_reg(pc, reg, state, reporter);
        auto mismatch = [&](const std::string& expected) {
            if (reporter != nullptr) {
                reporter->error("call.global_arg", pc,
                                fmt::format("argument {} (R{}) of global function {}() is {}, but its BTF prototype "
                                            "declares {}",
                                            reg, reg, function.name, value.to_string(), expected),
                                {describe(state, reg)},
                                "pass what the prototype declares: the kernel checks the call against it alone");
            }
        };
        switch (param) {
            case GlobalParam::Scalar:
                entry.reg(reg) = Value::unknown_scalar();
                if (value.kind() != Kind::Uninit && !value.is_scalar()) {
                    mismatch("a number");
                }
                break;
            case GlobalParam::Context:
                entry.reg(reg) = entry.frame(0).regs[1];
                if (value.kind() != Kind::Ctx || value.number().as_constant() != 0U) {
                    mismatch(fmt::format("the program's context (struct {} *)", m_context.type.context_struct));
                }
                break;
            case GlobalParam::Memory: {
                const std::uint32_t size = signature.params[i].pointee_size;
                // __arg_nonnull: the function may use it unchecked, so every caller must pass memory.
                const bool nonnull = signature.params[i].tag_nonnull;
                entry.reg(reg) = nonnull ? Value::pointer(Kind::Mem, size, Scalar::constant(0))
                                         : Value::pointer(Kind::MemOrNull, size, Scalar::constant(0),
                                                          kGlobalArgIdBase + static_cast<std::uint32_t>(i));
                const bool is_null = value.is_scalar() && value.number().as_constant() == 0U;
                if (is_null && nonnull) {
                    mismatch(fmt::format("a pointer to {} bytes ({} *) that is not NULL (__arg_nonnull)", size,
                                         signature.params[i].pointee));
                    break;
                }
                if (is_null || value.kind() == Kind::Uninit) {
                    break;
                }
                if (!value.is_pointer() || domains::is_nullable(value.kind())) {
                    mismatch(fmt::format("a pointer to {} bytes ({} *){}", size, signature.params[i].pointee,
                                         domains::is_nullable(value.kind()) ? " (check it against NULL first)" : ""));
                    break;
                }
                // The kernel checks the memory as read and as written.
                check_helper_memory(pc, reg, value, Scalar::constant(size), false, state, reporter);
                check_helper_memory(pc, reg, value, Scalar::constant(size), true, state, reporter);
                break;
            }
        }
    }
    // The callee's side, once for every call (the entry does not depend on the caller).
    for (const MachineState& exit : m_call_analyzer(callee, entry, reporter)) {
        if (reporter == nullptr || exit.is_bottom() || exit.frame_count() != 2) {
            continue;
        }
        const Value& r0 = exit.reg(0);
        const auto& exits = m_context.cfg.functions()[callee].exits;
        const std::uint32_t at = exits.empty() ? pc : m_context.cfg.block(exits.front()).last;
        // Verified on its own, the function exits as a program does: what it
        // acquired and did not release is a leak (the caller never sees it).
        for (const domains::HeldReference& ref : exit.references()) {
            if (ref.id == domains::kSpinLockRef) {
                reporter->error("ref.lock_held", at,
                                fmt::format("bpf_spin_unlock is missing at the exit of global function {}() (lock "
                                            "taken at insn {})",
                                            function.name, ref.insn),
                                {}, "unlock before returning from the global function");
            } else {
                reporter->error("ref.leak", at,
                                fmt::format("reference acquired at instruction {} is not released at the exit of "
                                            "global function {}()",
                                            ref.insn, function.name),
                                {}, "release it inside the global function on every path");
            }
        }
        if (r0.kind() != Kind::Uninit && !r0.is_scalar()) {
            reporter->error("call.global_return", at,
                            fmt::format("at the exit of global function {}() R0 is {}, not a number", function.name,
                                        r0.to_string()),
                            {}, "global functions may return only numbers");
        }
    }
    if (changes_packet_data(callee)) {
        // As after bpf_skb_pull_data: every packet pointer of the caller is stale.
        state.invalidate_packet_pointers();
    }
    for (int r = 1; r <= 5; ++r) {
        state.reg(r) = Value::uninit();
    }
    state.reg(0) = Value::unknown_scalar();
}

// Whether `function`, or a function it calls, calls a helper that may move
// the packet (bpf_skb_pull_data, bpf_xdp_adjust_head, ...).
bool Executor::changes_packet_data(std::uint32_t function) const {
    std::vector<std::uint32_t> todo{function};
    std::vector<bool> seen(m_context.cfg.functions().size(), false);
    while (!todo.empty()) {
        const std::uint32_t f = todo.back();
        todo.pop_back();
        if (f >= seen.size() || seen[f]) {
            continue;
        }
        seen[f] = true;
        const cfg::FunctionInfo& info = m_context.cfg.functions()[f];
        for (std::uint32_t pc = info.first_insn; pc < info.first_insn + info.insn_count; ++pc) {
            const auto* call = std::get_if<isa::Call>(&m_context.program.insns[pc]);
            if (call != nullptr && call->kind == isa::CallKind::Helper) {
                if (const auto proto = find_helper(call->imm); proto && proto->changes_packet_data) {
                    return true;
                }
                // A tail call from a subprogram returns to the subprogram's
                // caller once the called program ran, which may have changed
                // the packet (the kernel counts it as changing packet data).
                if (call->imm == kHelperTailCall) {
                    return true;
                }
            }
        }
        todo.insert(todo.end(), info.callees.begin(), info.callees.end());
    }
    return false;
}

}  // namespace bpfcheck::analyzer
