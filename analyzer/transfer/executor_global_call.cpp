// Calls of global functions. The kernel verifies a global (non-static)
// function once, on its own, from its BTF prototype — numbers are unknown,
// a `struct <program context> *` is the context, an `__arg_trusted` pointer
// is a trusted kernel object (NULL too with `__arg_nullable`), any other
// pointer to a sized type is memory of that size that may be NULL — and checks each call
// only against that prototype: the caller's values do not flow in, and only
// an unknown number (R0) and possibly rewritten argument memory flow back.
#include "analyzer/platform/helper_prototype.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/reachable_calls.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

enum class GlobalParam : std::uint8_t { Scalar, Context, Memory, Trusted };

std::optional<GlobalParam> classify(const model::FunctionParam& param, std::string_view context_struct) {
    switch (param.kind) {
        case model::ParamKind::Scalar:
            return GlobalParam::Scalar;
        case model::ParamKind::Pointer:
            if (param.tag_trusted) {
                return GlobalParam::Trusted;  // __arg_trusted: a kernel object, whatever its size
            }
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

// An __arg_trusted parameter, as btf_check_func_arg_match takes it
// (ARG_PTR_TO_BTF_ID | PTR_TRUSTED, | PTR_MAYBE_NULL with __arg_nullable):
// what is wrong with the caller's value, if anything. Unknown numbers pass:
// bpfcheck reads some kernel pointers (kptrs, pointer members) as numbers.
std::optional<std::string> trusted_arg_problem(const model::FunctionParam& param, const Value& value) {
    const std::string expected = fmt::format("a trusted pointer to struct {}{} (__arg_trusted)", param.pointee,
                                             param.tag_nullable ? " or NULL" : "");
    const bool is_null = value.is_scalar() && value.number().as_constant() == 0U;
    if ((is_null || domains::is_nullable(value.kind())) && !param.tag_nullable) {
        return expected + ", not NULL" + (is_null ? "" : " (check it against NULL first)");
    }
    switch (value.kind()) {
        case Kind::Ctx:
        case Kind::Stack:
        case Kind::Packet:
        case Kind::PacketMeta:
        case Kind::PacketEnd:
        case Kind::MapPtr:
        case Kind::MapValue:
        case Kind::MapKey:
        case Kind::Mem:
        case Kind::MemOrNull:
        case Kind::MapValueOrNull:
        case Kind::FlowKeys:
        case Kind::Func:
            return expected;
        default:
            return std::nullopt;
    }
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

// btf_prepare_func_args: an untagged pointer parameter of a global function
// (not the context, not a kernel object, not arena memory) is memory of its
// pointee's size, so a pointee of unknown size (void, a struct only declared)
// makes the kernel refuse the function: "arg#%d reference type('%s') size
// cannot be determined". Such a function is analysed as if static.
void Executor::check_global_prototype(std::uint32_t pc, std::uint32_t callee, Reporter* reporter) const {
    const auto& pieces = m_context.program.functions;
    if (reporter == nullptr || callee >= pieces.size() ||
        pieces[callee].function >= m_context.object.functions.size()) {
        return;
    }
    const model::Function& function = m_context.object.functions[pieces[callee].function];
    if (!m_context.program.has_func_info || function.is_program || !function.signature ||
        !function.signature->global_linkage) {
        return;
    }
    const std::vector<model::FunctionParam>& params = function.signature->params;
    for (std::size_t i = 0; i < params.size() && i < 5; ++i) {
        const model::FunctionParam& param = params[i];
        // kprobe programs also take the bpf_user_pt_regs_t typedef as their context.
        const bool kprobe_ctx = m_context.type.name == "kprobe" && param.pointee == "bpf_user_pt_regs_t";
        const bool tagged = param.tag_ctx || param.tag_trusted || param.tag_arena || kprobe_ctx;
        if (param.kind != model::ParamKind::Pointer || param.pointee_size > 0 || tagged ||
            (!m_context.type.context_struct.empty() && param.pointee == m_context.type.context_struct)) {
            continue;
        }
        reporter->error("call.global_arg", pc,
                        fmt::format("arg#{} of global function {}(): reference type ('{}') size cannot be determined: "
                                    "the kernel verifies the function from its prototype, where an untagged pointer "
                                    "is memory of its pointee's size",
                                    i, function.name, param.pointee.empty() ? "unknown" : param.pointee),
                        {},
                        fmt::format("give the parameter a sized type, tag it (__arg_ctx, __arg_trusted), or make "
                                    "{}() static",
                                    function.name));
        return;
    }
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
        check_global_call_in_sections(pc, callee, state, reporter);
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
            case GlobalParam::Trusted:
                entry.reg(reg) = trusted_param_entry(signature.params[i], static_cast<std::uint32_t>(i));
                if (const auto problem = trusted_arg_problem(signature.params[i], value)) {
                    mismatch(*problem);
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
                const bool maybe_null = domains::is_nullable(value.kind());
                if (!value.is_pointer() || (maybe_null && nonnull)) {
                    mismatch(fmt::format("a pointer to {} bytes ({} *){}", size, signature.params[i].pointee,
                                         maybe_null ? " that is not NULL (__arg_nonnull: check it first)" : ""));
                    break;
                }
                // The kernel checks the memory as read and as written; a
                // pointer that may be NULL (the parameter is ARG_PTR_TO_MEM |
                // PTR_MAYBE_NULL) as if it were not (check_mem_reg).
                Value memory = value;
                if (maybe_null) {
                    memory.set_kind(domains::non_null_kind(value.kind()));
                }
                check_helper_memory(pc, reg, memory, Scalar::constant(size), false, state, reporter);
                check_helper_memory(pc, reg, memory, Scalar::constant(size), true, state, reporter);
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
        check_sections_open(at, exit, fmt::format("at the exit of global function {}()", function.name), reporter);
        for (const domains::HeldReference& ref : exit.references()) {
            if (domains::is_section_ref(ref.id)) {
                continue;  // check_sections_open
            }
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
        invalidate_packet_slices(state);
    }
    for (int r = 1; r <= 5; ++r) {
        state.reg(r) = Value::uninit();
    }
    state.reg(0) = Value::unknown_scalar();
}

// The callee's view of an __arg_trusted parameter: a kernel object of the
// pointee's type (unknown type without the kernel's BTF), maybe NULL with
// __arg_nullable.
Value Executor::trusted_param_entry(const model::FunctionParam& param, std::uint32_t index) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    const std::uint32_t type_id = types != nullptr ? types->find_struct(param.pointee) : 0;
    if (param.tag_nullable) {
        return Value::pointer(Kind::BtfIdOrNull, type_id, Scalar::constant(0), kGlobalArgIdBase + index);
    }
    return Value::pointer(Kind::BtfId, type_id, Scalar::constant(0));
}

// Whether `function`, or a function it calls, calls a helper that may move
// the packet (bpf_skb_pull_data, bpf_xdp_adjust_head, ...).
bool Executor::changes_packet_data(std::uint32_t function) const {
    return any_reachable_call(m_context, function, [](std::uint32_t /*pc*/, const isa::Call& call) {
        if (call.kind != isa::CallKind::Helper) {
            return false;
        }
        // A tail call from a subprogram returns to the subprogram's caller
        // once the called program ran, which may have changed the packet
        // (the kernel counts it as changing packet data).
        const auto proto = find_helper(call.imm);
        return (proto && proto->changes_packet_data) || call.imm == kHelperTailCall;
    });
}

}  // namespace bpfcheck::analyzer
