// The checker: decides the obligations of an instruction
// (analyzer/obligations/) against its converged pre-state, taken const, and
// reports what may fail. Side-effect free on the analysis state: where one
// obligation of an instruction must see another's assumption (an operand
// read before it was written is, from then on, an unknown number), the
// checker works on its own local values. One file per family: check_*.cpp.
// The model is PREVAIL's src/crab/ebpf_checker.cpp.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/checks/check_sink.hpp"
#include "analyzer/obligations/obligation.hpp"
#include "domains/machine_state.hpp"

#include <string>

namespace bpfcheck::analyzer {

class Executor;

class Checker {
public:
    // `executor`: for the families still checked on its fused path (LegacyChecks).
    Checker(const AnalysisContext& context, const Executor& executor) : m_context(context), m_executor(executor) {}

    // Decides every obligation of instruction `pc` against `state`.
    void check(std::uint32_t pc, const domains::MachineState& state, CheckSink& sink) const;

private:
    void decide(std::uint32_t pc, const Initialised& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ReadOnlyFramePointer& o, const domains::MachineState& state,
                CheckSink& sink) const;
    void decide(std::uint32_t pc, const NoIndirectCall& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidByteSwap& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidAlu& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidComparison& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidExit& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidAccess& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidLoad& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidStore& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidAtomic& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidPacketLoad& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const LegacyChecks& o, const domains::MachineState& state, CheckSink& sink) const;

    void record_alu_masking(std::uint32_t pc, std::uint64_t record, int dst, bool is_add, CheckSink& sink) const;

    const AnalysisContext& m_context;
    const Executor& m_executor;
};

// The value an instruction sees in register `reg`: an unknown number (marked
// as a reported fault) where it was never written, as the transfer assumes
// after uninit.register.
domains::Value operand_value(const domains::MachineState& state, int reg);

// "R3=map_value(...)": the note naming a register's abstract value.
std::string describe_value(int reg, const domains::Value& value);
inline std::string describe(const domains::MachineState& state, int reg) {
    return describe_value(reg, state.reg(reg));
}

}  // namespace bpfcheck::analyzer
