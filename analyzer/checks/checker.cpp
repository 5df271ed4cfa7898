// The checker's dispatch over an instruction's obligations (an exhaustive
// visit: an obligation kind without a decider does not compile), and the
// deciders of the register-level obligations: operands written, r10 read
// only, no indirect call, no byte swap of a pointer. The deciders of the
// other families are in check_*.cpp.
#include "analyzer/checks/checker.hpp"

#include "analyzer/obligations/obligations_of.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

Value operand_value(const MachineState& state, int reg) {
    const Value& value = state.reg(reg);
    if (value.kind() != Kind::Uninit) {
        return value;
    }
    Value assumed = Value::unknown_scalar();
    assumed.set_fault_reported(true);
    return assumed;
}

std::string describe_value(int reg, const Value& value) {
    return fmt::format("R{}={}", reg, value.to_string());
}

Checker::Checker(const AnalysisContext& context, const Executor& executor, CalleeChecker check_callee)
    : m_context(context),
      m_executor(executor),
      m_check_callee(std::move(check_callee)),
      m_obligations(context.program.insns.size()),
      m_listed(context.program.insns.size(), false) {}

void Checker::check(std::uint32_t pc, const MachineState& state, CheckSink& sink) const {
    if (!m_listed[pc]) {
        m_obligations[pc] = obligations_of(m_context.program.insns[pc], m_context.options);
        m_listed[pc] = true;
    }
    // Not invalidated by a check of a callee (which may list its own): the
    // outer vector never grows.
    for (const Obligation& obligation : m_obligations[pc]) {
        std::visit([&](const auto& o) { decide(pc, o, state, sink); }, obligation);
    }
}

void Checker::decide(std::uint32_t pc, const Initialised& o, const MachineState& state, CheckSink& sink) const {
    if (state.reg(o.reg).kind() == Kind::Uninit) {
        sink.reporter.error("uninit.register", pc,
                            fmt::format("R{} is read before it is written (R{} !read_ok)", o.reg, o.reg),
                            {fmt::format("R{} has no value on at least one path to this instruction", o.reg)},
                            fmt::format("assign R{} on every path before this instruction", o.reg));
    }
}

void Checker::decide(std::uint32_t pc, const ReadOnlyFramePointer& /*o*/, const MachineState& /*state*/,
                     CheckSink& sink) const {
    sink.reporter.error("stack.frame_pointer", pc, "frame pointer is read only: this instruction writes r10", {},
                        "use another register; r10 always points to the top of the stack frame");
}

void Checker::decide(std::uint32_t pc, const NoIndirectCall& /*o*/, const MachineState& /*state*/,
                     CheckSink& sink) const {
    sink.reporter.error("call.indirect", pc, "indirect calls (callx) are not supported by the kernel");
}

void Checker::decide(std::uint32_t pc, const ValidByteSwap& o, const MachineState& state, CheckSink& sink) const {
    // check_alu_op: a byte swap of a pointer leaks it; where pointers may
    // leak (CAP_PERFMON) the result is an unknown scalar.
    const Value value = operand_value(state, o.reg);
    if (!value.is_scalar() && m_context.options.unprivileged) {
        sink.reporter.error("pointer.arithmetic", pc,
                            fmt::format("R{} pointer arithmetic prohibited (byte swap of a pointer)", o.reg),
                            {describe_value(o.reg, value)});
    }
}

}  // namespace bpfcheck::analyzer
