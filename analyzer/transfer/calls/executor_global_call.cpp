// Calls of global functions. The kernel verifies a global (non-static)
// function once, on its own, from its BTF prototype — numbers are unknown,
// a `struct <program context> *` is the context, a `struct bpf_dynptr *` a
// dynptr the caller initialised, an `__arg_trusted` pointer is a trusted
// kernel object (NULL too with `__arg_nullable`), any other
// pointer to a sized type is memory of that size that may be NULL — and checks each call
// only against that prototype: the caller's values do not flow in, and only
// an unknown number (R0) and possibly rewritten argument memory flow back.
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/transfer/calls/reachable_calls.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

std::optional<GlobalParam> classify_global_param(const model::FunctionParam& param, std::string_view context_struct) {
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
            // btf_prepare_func_args: a `struct bpf_dynptr *` is a dynptr
            // (ARG_PTR_TO_DYNPTR | MEM_RDONLY); with a tag, the kernel refuses it.
            if (param.pointee == "bpf_dynptr") {
                if (param.tag_nonnull || param.tag_trusted || param.tag_nullable || param.tag_arena) {
                    return std::nullopt;
                }
                return GlobalParam::Dynptr;
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
        if (!classify_global_param(param, m_context.type.context_struct)) {
            return nullptr;  // a prototype we cannot model: analyse the call in the caller's context
        }
    }
    return &*function.signature;
}

MachineState Executor::global_entry(const model::FunctionSignature& signature) const {
    MachineState entry = entry_state();
    entry.push_frame(0);
    for (int r = 1; r <= 5; ++r) {
        entry.reg(r) = Value::uninit();
    }
    for (std::size_t i = 0; i < signature.params.size(); ++i) {
        const int reg = static_cast<int>(i) + 1;
        switch (*classify_global_param(signature.params[i], m_context.type.context_struct)) {
            case GlobalParam::Scalar:
                entry.reg(reg) = Value::unknown_scalar();
                break;
            case GlobalParam::Context:
                entry.reg(reg) = entry.frame(0).regs[1];
                break;
            case GlobalParam::Trusted:
                entry.reg(reg) = trusted_param_entry(signature.params[i], static_cast<std::uint32_t>(i));
                break;
            case GlobalParam::Dynptr: {
                // The kernel's CONST_PTR_TO_DYNPTR to a local dynptr the
                // caller made: here a local dynptr in the caller's frame
                // (frame 0 of the function verified on its own).
                const int offset = domains::kStackSize - 16 * (static_cast<int>(i) + 1);
                mark_dynptr(entry, 0, offset, 0);
                entry.reg(reg) = Value::pointer(Kind::Stack, 0, Scalar::constant(static_cast<std::uint64_t>(offset)));
                break;
            }
            case GlobalParam::Memory: {
                const std::uint32_t size = signature.params[i].pointee_size;
                // __arg_nonnull: the function may use it unchecked, so every caller must pass memory.
                entry.reg(reg) = signature.params[i].tag_nonnull
                                     ? Value::pointer(Kind::Mem, size, Scalar::constant(0))
                                     : Value::pointer(Kind::MemOrNull, size, Scalar::constant(0),
                                                      kGlobalArgIdBase + static_cast<std::uint32_t>(i));
                break;
            }
        }
    }
    return entry;
}

std::optional<Value> global_memory_argument(const model::FunctionParam& param, const Value& value) {
    const bool is_null = value.is_scalar() && value.number().as_constant() == 0U;
    if (is_null || value.kind() == Kind::Uninit) {
        return std::nullopt;
    }
    const bool maybe_null = domains::is_nullable(value.kind());
    if (!value.is_pointer() || (maybe_null && param.tag_nonnull)) {
        return std::nullopt;
    }
    // The kernel checks the memory as read and as written; a pointer that
    // may be NULL (the parameter is ARG_PTR_TO_MEM | PTR_MAYBE_NULL) as if
    // it were not (check_mem_reg).
    Value memory = value;
    if (maybe_null) {
        memory.set_kind(domains::non_null_kind(value.kind()));
    }
    return memory;
}

void Executor::execute_global_call(std::uint32_t /*pc*/, std::uint32_t callee,
                                   const model::FunctionSignature& signature, MachineState& state) const {
    // The caller's side: each argument, as its parameter takes it.
    for (std::size_t i = 0; i < signature.params.size(); ++i) {
        const int reg = static_cast<int>(i) + 1;
        const Value value = read_operand(reg, state);
        if (*classify_global_param(signature.params[i], m_context.type.context_struct) != GlobalParam::Memory) {
            continue;
        }
        if (const auto memory = global_memory_argument(signature.params[i], value)) {
            apply_helper_memory(*memory, Scalar::constant(signature.params[i].pointee_size), true, state);
        }
    }
    // The callee's side, once for every call (the entry does not depend on the caller).
    m_call_analyzer(callee, global_entry(signature));
    if (changes_packet_data(callee)) {
        // As after bpf_skb_pull_data: every packet pointer of the caller is stale.
        state.invalidate_packet_pointers(!m_context.options.unprivileged);
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
