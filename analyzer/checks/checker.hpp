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

#include <functional>
#include <string>
#include <vector>

namespace bpfcheck::analyzer {

class Executor;
struct HelperArgs;
struct HelperPrototype;
struct KfuncPrototype;

// Checks a callee in one calling context (the analysis driver walks the
// callee's converged states with this checker, once per distinct entry
// state) and returns its exit states, the callee's frame still pushed.
using CalleeChecker =
    std::function<std::vector<domains::MachineState>(std::uint32_t callee, const domains::MachineState& entry)>;

class Checker {
public:
    // `executor`: the models the checks read (regions, stack objects,
    // references) and the call steps they replay on their own copy.
    Checker(const AnalysisContext& context, const Executor& executor, CalleeChecker check_callee);

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
    void decide(std::uint32_t pc, const ValidHelperCall& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidKfuncCall& o, const domains::MachineState& state, CheckSink& sink) const;
    void decide(std::uint32_t pc, const ValidLocalCall& o, const domains::MachineState& state, CheckSink& sink) const;

    // Helper calls (check_helper_call.cpp): argument `i` against the state
    // the arguments before it left; the tail call's prog array; the
    // callback's body and return value.
    void check_helper_arg(std::uint32_t pc, const HelperPrototype& proto, int i, const domains::MachineState& state,
                          const HelperArgs& args, CheckSink& sink) const;
    void check_tail_call_map(std::uint32_t pc, const domains::MachineState& state, CheckSink& sink) const;
    void check_callback(std::uint32_t pc, const HelperPrototype& proto, const HelperArgs& args,
                        domains::MachineState& state, CheckSink& sink) const;
    // Helper memory [pointer, pointer + size) (check_helper_mem_access):
    // readable (initialised) or writable (check_helper_memory.cpp).
    // `filled`: a buffer the kernel requires initialised though the helper
    // only writes it (HelperPrototype::fills_buffer).
    void check_helper_memory(std::uint32_t pc, int arg_reg, const domains::Value& pointer, const domains::Scalar& size,
                             bool write, const domains::MachineState& state, CheckSink& sink,
                             bool filled = false) const;
    // Kfunc calls (check_kfunc_call.cpp).
    void check_release_struct(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                              Reporter& reporter) const;
    void check_less_callback(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                             CheckSink& sink) const;
    void check_dynptr_slice_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                 CheckSink& sink) const;
    // KF_ARG_PTR_TO_MEM_SIZE: a buffer argument and the size after it.
    struct KfuncBuffer {
        std::string_view kfunc;
        int buffer_reg;
        bool optional;       // __opt: NULL with any size
        bool constant_size;  // __szk: the size must be a known constant
    };
    void check_kfunc_buffer(std::uint32_t pc, const KfuncBuffer& buffer, const domains::MachineState& state,
                            CheckSink& sink) const;
    // The buffers the kernel's BTF names by their size parameters (NAME__sz,
    // NAME__szk) for kfuncs the table gives no buffer (check_kfunc_args).
    void check_kfunc_sized_buffers(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                   CheckSink& sink) const;
    // Call rules (check_call_rules.cpp) and sections (check_sections.cpp).
    void check_kfunc_program_type(std::uint32_t pc, const KfuncPrototype& kfunc, Reporter& reporter) const;
    void check_kfunc_trusted_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                  Reporter& reporter) const;
    // Whether a kernel object argument is not the struct the kfunc's
    // prototype names (reported); see check_sections.cpp.
    bool check_kfunc_arg_structs(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                 Reporter& reporter) const;
    void check_kfunc_btf_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                              Reporter& reporter) const;
    void check_kfunc_in_sections(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                 Reporter& reporter) const;
    void check_helper_in_sections(std::uint32_t pc, const HelperPrototype& proto, const domains::MachineState& state,
                                  Reporter& reporter) const;
    void check_sections_open(std::uint32_t pc, const domains::MachineState& state, std::string_view where,
                             Reporter& reporter) const;
    // check_return_code on register `reg`, the program's return value
    // (R0 at its exit, bpf_throw's cookie R1 without an exception callback).
    void check_return_value(std::uint32_t pc, int reg, const domains::MachineState& state, std::string_view where,
                            Reporter& reporter) const;
    // bpf_throw: an exit of the whole program (check_throw.cpp).
    void check_throw(std::uint32_t pc, const domains::MachineState& state, Reporter& reporter) const;
    void check_global_call_in_sections(std::uint32_t pc, std::uint32_t callee, const domains::MachineState& state,
                                       Reporter& reporter) const;
    void check_ld_abs_in_sections(std::uint32_t pc, const domains::MachineState& state, Reporter& reporter) const;
    // Whether the kernel has the helper for this program (version, type,
    // privileges, license): false reported, and the call's arguments are not
    // looked at (check_helper_call stops at the proto).
    bool check_helper_availability(std::uint32_t pc, const HelperPrototype& proto, Reporter& reporter) const;
    // check_helper_availability's checks, run each time.
    bool helper_refused(std::uint32_t pc, const HelperPrototype& proto, Reporter& reporter) const;
    void check_map_has_btf(std::uint32_t pc, int reg, const domains::Value& value, std::string_view what,
                           Reporter& reporter) const;
    void check_held_resources(std::uint32_t pc, std::int32_t helper, const domains::MachineState& state,
                              Reporter& reporter) const;
    void check_kfunc_map_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                              Reporter& reporter) const;
    void check_global_prototype(std::uint32_t pc, std::uint32_t callee, Reporter& reporter) const;
    // Graph kfuncs (check_graph.cpp), kptr fields (check_kptr.cpp), stack
    // objects (check_stack_objects.cpp).
    void check_kptr_indirect_access(std::uint32_t pc, int arg_reg, const domains::Value& pointer, std::uint64_t bytes,
                                    const domains::MachineState& state, Reporter& reporter) const;
    void check_dynptr_from_mem_source(std::uint32_t pc, const domains::MachineState& state, Reporter& reporter) const;
    void check_graph_kfunc_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                Reporter& reporter) const;
    void check_kfunc_stack_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                Reporter& reporter) const;
    void check_map_kptr_access(std::uint32_t pc, int base, std::int64_t offset, int width, bool is_write,
                               const domains::MachineState& state, Reporter& reporter) const;
    void check_graph_root_locked(std::uint32_t pc, std::string_view kfunc, int reg, const domains::MachineState& state,
                                 Reporter& reporter) const;
    // Global functions (check_local_call.cpp).
    void check_global_call(std::uint32_t pc, std::uint32_t callee, const model::FunctionSignature& signature,
                           const domains::MachineState& state, CheckSink& sink) const;

    void record_alu_masking(std::uint32_t pc, std::uint64_t record, int dst, bool is_add, CheckSink& sink) const;

    const AnalysisContext& m_context;
    const Executor& m_executor;
    CalleeChecker m_check_callee;
    // Per instruction: its obligations (a function of the instruction and
    // the options alone), listed at its first visit instead of at every one.
    mutable std::vector<std::vector<Obligation>> m_obligations;
    mutable std::vector<bool> m_listed;
    // Helpers (by id) check_helper_availability found available: the
    // answer depends on the program, its type and target alone.
    mutable std::vector<bool> m_helper_available;
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
