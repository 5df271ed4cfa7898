// The abstract semantics of one instruction, and of one CFG edge: the
// transfer functions assume the instruction's obligations (checked apart,
// by analyzer/checks/, against the converged states) — a failed check does
// not stop the analysis, so one error does not cascade — and apply its
// effect. Split by instruction family: executor_alu.cpp,
// executor_memory.cpp, executor_branch.cpp, executor_call.cpp. The families
// not yet split from their checks still take a nullable Reporter (the
// fused path, execute_fused, which the checker's LegacyChecks adapter runs).
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"
#include "analyzer/transfer/memory_regions.hpp"
#include "domains/machine_state.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace bpfcheck::analyzer {

// Analyses a bpf-to-bpf call in the caller's context: given the state at the
// call (callee frame already pushed), returns the join of the callee's exit
// states (frame still pushed).
// The exit states come back as separate partitions (one per shape), so that
// a caller can keep, e.g., "returned -1, buffer unwritten" apart from
// "returned 0, buffer written". Empty: the callee never returns.
using CallAnalyzer = std::function<std::vector<domains::MachineState>(std::uint32_t callee_function,
                                                                      const domains::MachineState&, Reporter*)>;

// Ends the analysis with verdict error (a budget, a fixpoint not reached).
using AbortHook = std::function<void(std::string reason)>;

struct KfuncPrototype;

class Executor {
public:
    Executor(
        const AnalysisContext& context, CallAnalyzer call_analyzer, AbortHook abort = [](const std::string&) {})
        : m_context(context), m_call_analyzer(std::move(call_analyzer)), m_abort(std::move(abort)) {
        m_core_insns.resize(context.program.insns.size(), false);
        for (const model::CoreReloc& reloc : context.program.core_relocs) {
            if (reloc.insn < m_core_insns.size()) {
                m_core_insns[reloc.insn] = true;
            }
        }
    }

    // `forks` receives further states after this instruction when it splits
    // the state (a call whose callee returns in several shapes); without it
    // those states are joined into `state`.
    void execute(std::uint32_t pc, domains::MachineState& state,
                 std::vector<domains::MachineState>* forks = nullptr) const;
    // The families whose checks are not yet obligations, checked and applied
    // together (the LegacyChecks adapter runs this on the checker's copy).
    void execute_fused(std::uint32_t pc, domains::MachineState& state, Reporter* reporter,
                       std::vector<domains::MachineState>* forks) const;
    // The edge's condition assumed: on the values (the kernel's rules), and
    // on the relations (relational_transfer.hpp) where they are tracked.
    [[nodiscard]] domains::MachineState assume(const cfg::Edge& edge, domains::MachineState state) const;
    [[nodiscard]] domains::MachineState assume_values(const cfg::Edge& edge, domains::MachineState state) const;
    // The speculative path along an edge `assume` finds dead, where the
    // target kernel verifies one (unprivileged, before Linux 6.17).
    [[nodiscard]] std::optional<domains::MachineState> speculative_path(const cfg::Edge& edge,
                                                                        const domains::MachineState& state) const;
    // The id register `reg` (a scalar) shares with a copy being made of it
    // (assign_scalar_id_before_mov): its own, or a fresh one from `pc`.
    std::uint32_t share_scalar_id(std::uint32_t pc, int reg, domains::MachineState& state) const;
    // The entry state of the program's main function.
    [[nodiscard]] domains::MachineState entry_state() const;
    // Per function: the deepest stack byte the checking pass saw it touch
    // (loads, stores and helper memory, through any frame's pointer).
    [[nodiscard]] const std::vector<int>& touched_stack_depths() const { return m_touched_depths; }
    // The same, counting only instructions outside bpf_fastcall spill/fill
    // patterns (check_fastcall_stack_contract), once set_fastcall_patterns
    // has named them.
    [[nodiscard]] const std::vector<int>& touched_outside_fastcall() const { return m_touched_outside_fastcall; }
    void set_fastcall_patterns(std::vector<bool> pattern) { m_fastcall_pattern = std::move(pattern); }
    // Widening thresholds: 0, common packet/stack sizes, and the constants of
    // the program's own comparisons.
    [[nodiscard]] const std::vector<std::int64_t>& thresholds() const { return m_thresholds; }
    // The constants (and their neighbours) the jumps of the loop that block
    // `head` belongs to compare with; empty outside loops.
    [[nodiscard]] std::span<const std::int64_t> loop_thresholds(std::uint32_t head) const {
        if (head >= m_loop_of_block.size() || m_loop_of_block[head] < 0) {
            return {};
        }
        return m_loop_thresholds[static_cast<std::size_t>(m_loop_of_block[head])];
    }
    void collect_thresholds();
    // Instructions libbpf rewrites with CO-RE relocations: their offsets are
    // the compile-time ones, not the running kernel's.
    [[nodiscard]] bool has_core_reloc(std::uint32_t pc) const { return pc < m_core_insns.size() && m_core_insns[pc]; }

    // What the memory checks (analyzer/checks/) read of the executor's
    // models: kptr fields of map values (executor_kptr.cpp), dynptr and
    // iterator stack slots and read-only slices (executor_stack_objects.cpp).
    // Each decides from a const state; a null Reporter only decides.
    void check_map_kptr_access(std::uint32_t pc, int base, std::int64_t offset, int width, bool is_write,
                               const domains::MachineState& state, Reporter* reporter) const;
    enum class StackObjectAccess : std::uint8_t { Read, HelperRead, Write, HelperWrite };
    // Whether the access of stack bytes [lo, hi) of `frame` through `reg`
    // must not happen (a read of a dynptr or iterator, a helper write into a
    // dynptr, a write over a referenced dynptr); reports it.
    bool check_stack_object_access(std::uint32_t pc, int reg, std::uint32_t frame, int lo, int hi,
                                   StackObjectAccess access, const domains::MachineState& state,
                                   Reporter* reporter) const;
    // bpf_dynptr_slice's slices are read-only (MEM_RDONLY).
    [[nodiscard]] bool read_only_slice(const domains::Value& pointer) const;
    // The BTF type of the kernel struct a map pointer points to (0: unknown).
    [[nodiscard]] std::uint32_t map_struct_type(std::uint32_t pc, const domains::Value& pointer) const;
    [[nodiscard]] bool in_fastcall_pattern(std::uint32_t pc) const {
        return pc < m_fastcall_pattern.size() && m_fastcall_pattern[pc];
    }
    // A section (RCU, preemption) still open where the kernel's verification
    // of a function ends (the main program's exit, a global function's exit).
    void check_sections_open(std::uint32_t pc, const domains::MachineState& state, std::string_view where,
                             Reporter* reporter) const;
    void check_ld_abs_in_sections(std::uint32_t pc, const domains::MachineState& state, Reporter* reporter) const;
    // The return range check_return_code enforces at the main program's exit.
    [[nodiscard]] std::optional<ReturnRange> exit_return_range() const;

private:
    void execute_alu(std::uint32_t pc, const isa::Alu& alu, domains::MachineState& state) const;
    void execute_endian(const isa::Endian& endian, domains::MachineState& state) const;
    void execute_load(std::uint32_t pc, const isa::Load& load, domains::MachineState& state) const;
    void execute_store(std::uint32_t pc, const isa::Store& store, domains::MachineState& state) const;
    void execute_atomic(std::uint32_t pc, const isa::Atomic& atomic, domains::MachineState& state) const;
    void execute_ld_imm64(std::uint32_t pc, const isa::LoadImm64& load, domains::MachineState& state) const;
    void execute_packet_load(const isa::LoadPacket& load, domains::MachineState& state) const;
    void execute_call(std::uint32_t pc, const isa::Call& call, domains::MachineState& state, Reporter* reporter,
                      std::vector<domains::MachineState>* forks) const;
    void execute_kfunc(std::uint32_t pc, domains::MachineState& state, Reporter* reporter) const;
    // Allocated objects and their collections (executor_graph.cpp).
    void check_graph_root_locked(std::uint32_t pc, std::string_view kfunc, int reg, const domains::MachineState& state,
                                 Reporter* reporter) const;
    void check_graph_kfunc_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                Reporter* reporter) const;
    // Kfunc map arguments (executor_kfunc_maps.cpp).
    void check_kfunc_map_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                              Reporter* reporter) const;
    // kptr fields of map values (executor_kptr.cpp).
    [[nodiscard]] const model::MapDef* kptr_map(const domains::Value& pointer) const;
    void check_kptr_indirect_access(std::uint32_t pc, int arg_reg, const domains::Value& pointer, std::uint64_t bytes,
                                    const domains::MachineState& state, Reporter* reporter) const;
    [[nodiscard]] bool in_rbtree_callback(const domains::MachineState& state) const;
    void check_less_callback(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                             Reporter* reporter) const;
    void give_node_to_collection(const domains::Value& node, domains::MachineState& state) const;
    void execute_helper(std::uint32_t pc, const isa::Call& call, domains::MachineState& state,
                        Reporter* reporter) const;
    [[nodiscard]] std::uint64_t lock_key(const domains::Value& pointer) const;
    bool release_reference(domains::MachineState& state, std::uint32_t ref) const;
    [[nodiscard]] std::optional<int> dynptr_slot_offset(const domains::Value& pointer) const;
    [[nodiscard]] bool initialised_dynptr(const domains::Value& pointer, const domains::MachineState& state) const;
    [[nodiscard]] std::uint32_t dynptr_reference(const domains::Value& pointer,
                                                 const domains::MachineState& state) const;
    // Dynptrs and iterators in stack slots (executor_stack_objects.cpp).
    [[nodiscard]] bool referenced_dynptr_in(const domains::MachineState& state, std::uint32_t frame, int lo,
                                            int hi) const;
    [[nodiscard]] bool stack_object_in(const domains::MachineState& state, std::uint32_t frame, int lo, int hi) const;
    // A write over a dynptr's slots destroys it (both slots).
    void destroy_dynptrs(domains::MachineState& state, std::uint32_t frame, int lo, int hi) const;
    void mark_dynptr(domains::MachineState& state, std::uint32_t frame, int offset, std::uint32_t ref) const;
    [[nodiscard]] bool initialised_iter(const domains::Value& pointer, const struct KfuncPrototype& kfunc,
                                        const domains::MachineState& state) const;
    void check_kfunc_stack_args(std::uint32_t pc, const struct KfuncPrototype& kfunc,
                                const domains::MachineState& state, Reporter* reporter) const;
    void initialise_helper_dynptrs(std::uint32_t pc, std::int32_t helper, const struct HelperPrototype& proto,
                                   domains::MachineState& state, Reporter* reporter) const;
    void check_dynptr_slice_args(std::uint32_t pc, const struct KfuncPrototype& kfunc, domains::MachineState& state,
                                 Reporter* reporter) const;
    // Whether the dynptr a pointer designates is an skb dynptr (from
    // bpf_dynptr_from_skb; a clone's parent is not recorded).
    [[nodiscard]] bool skb_dynptr(const domains::Value& pointer, const domains::MachineState& state) const;
    // When the packet may move: slices of skb and xdp dynptrs (and of
    // clones, whose parent is not recorded) are invalid
    // (clear_all_pkt_pointers), as packet pointers are.
    void invalidate_packet_slices(domains::MachineState& state) const;
    // The slice bpf_dynptr_slice(_rdwr) returns: memory of the constant size or NULL.
    [[nodiscard]] domains::Value kfunc_slice(std::uint32_t pc, const struct KfuncPrototype& kfunc,
                                             domains::MachineState& state) const;
    void apply_kfunc_stack_args(std::uint32_t pc, const struct KfuncPrototype& kfunc,
                                domains::MachineState& state) const;
    // Whether reference `ref` was acquired by a call of helper `helper`.
    [[nodiscard]] bool acquired_by_helper(std::uint32_t ref, std::int32_t helper) const;
    [[nodiscard]] domains::Value dynptr_slice(std::uint32_t pc, domains::MachineState& state) const;
    void check_dynptr_from_mem_source(std::uint32_t pc, const domains::MachineState& state, Reporter* reporter) const;
    void check_held_resources(std::uint32_t pc, std::int32_t helper, const domains::MachineState& state,
                              Reporter* reporter) const;
    void check_helper_availability(std::uint32_t pc, const struct HelperPrototype& proto, Reporter* reporter) const;
    // Kfunc rules and the RCU / preemption sections (executor_sections.cpp):
    // checks decide from the state before the call; enter_or_leave_section
    // is the transfer.
    void check_kfunc_program_type(std::uint32_t pc, const struct KfuncPrototype& kfunc, Reporter* reporter) const;
    void check_kfunc_trusted_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                  Reporter* reporter) const;
    void check_kfunc_btf_args(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                              Reporter* reporter) const;
    void check_kfunc_in_sections(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                                 Reporter* reporter) const;
    void enter_or_leave_section(std::uint32_t pc, const KfuncPrototype& kfunc, domains::MachineState& state) const;
    void check_helper_in_sections(std::uint32_t pc, const HelperPrototype& proto, const domains::MachineState& state,
                                  Reporter* reporter) const;
    void check_global_call_in_sections(std::uint32_t pc, std::uint32_t callee, const domains::MachineState& state,
                                       Reporter* reporter) const;
    [[nodiscard]] bool function_might_sleep(std::uint32_t function) const;
    bool check_map_compatibility(std::uint32_t pc, std::int32_t helper, std::string_view helper_name,
                                 const domains::Value& map_pointer, Reporter* reporter) const;
    // map.no_btf: a bpf_spin_lock, bpf_timer or kptr argument in the value of a map without BTF.
    void check_map_has_btf(std::uint32_t pc, int reg, const domains::Value& value, std::string_view what,
                           Reporter* reporter) const;
    void execute_local_call(std::uint32_t pc, const isa::Call& call, domains::MachineState& state, Reporter* reporter,
                            std::vector<domains::MachineState>* forks) const;
    // Global functions: verified from their BTF prototype, not the caller's state.
    [[nodiscard]] const model::FunctionSignature* global_signature(std::uint32_t callee) const;
    void check_global_prototype(std::uint32_t pc, std::uint32_t callee, Reporter* reporter) const;
    [[nodiscard]] bool changes_packet_data(std::uint32_t function) const;
    [[nodiscard]] domains::Value trusted_param_entry(const model::FunctionParam& param, std::uint32_t index) const;
    void execute_global_call(std::uint32_t pc, std::uint32_t callee, const model::FunctionSignature& signature,
                             domains::MachineState& state, Reporter* reporter) const;

    // Reads register `r` as an operand, assuming Initialised: an unknown
    // scalar (a reported fault) where it was never written.
    const domains::Value& read_operand(int r, domains::MachineState& state) const;
    // The same, reporting uninit.register (the fused path).
    const domains::Value& read_reg(std::uint32_t pc, int r, domains::MachineState& state, Reporter* reporter) const;
    // A memory access through `base` + `offset` of `width` bytes, assumed
    // valid (ValidAccess): the loaded value (for reads), the stored bytes.
    domains::Value access_memory(std::uint32_t pc, int base, std::int64_t offset, int width, bool is_write,
                                 const domains::Value* stored, domains::MachineState& state) const;
    domains::Value access_stack(const domains::Value& pointer, std::int64_t offset, int width, bool is_write,
                                const domains::Value* stored, domains::MachineState& state) const;
    domains::Value access_context(std::uint32_t pc, const domains::Value& pointer, std::int64_t offset, int width,
                                  bool is_write) const;
    // Tracing programs whose attach target is known: the typed arguments.
    domains::Value access_btf_args(std::uint32_t pc, std::int64_t off, int width) const;
    // Reads through a BTF-typed kernel pointer (region: its struct's type id).
    domains::Value access_btf(std::uint32_t pc, const domains::Value& pointer, std::int64_t offset, int width,
                              bool is_write) const;
    // Reads of a map's own struct through a map pointer (check_ptr_to_map_access).
    domains::Value access_map_struct(std::uint32_t pc, const domains::Value& pointer, std::int64_t offset,
                                     int width) const;
    domains::Value access_sized_region(const domains::Value& pointer, std::int64_t offset, int width,
                                       bool is_write) const;
    // Checks that [pointer, pointer + size) is readable (`must_be_initialised`)
    // or writable memory for a helper; marks written stack bytes.
    void check_helper_memory(std::uint32_t pc, int arg_reg, const domains::Value& pointer, const domains::Scalar& size,
                             bool write, domains::MachineState& state, Reporter* reporter) const;
    // The maps a map pointer or map value may refer to (several after joins).
    [[nodiscard]] MapSet maps_of(const domains::Value& pointer) const;
    // Null checks and packet range checks spread to every copy sharing an id.
    [[nodiscard]] bool is_acquisition_result(const domains::MachineState& state, const domains::Value& pointer) const;
    void mark_non_null(domains::MachineState& state, std::uint32_t id, bool is_null) const;
    void mark_packet_range(domains::MachineState& state, domains::Kind kind, std::uint32_t id,
                           std::int64_t range) const;
    void refine_scalar_copies(domains::MachineState& state, std::uint32_t id, const domains::Scalar& number) const;
    [[nodiscard]] std::string describe(const domains::MachineState& state, int reg) const;

    const AnalysisContext& m_context;
    CallAnalyzer m_call_analyzer;
    AbortHook m_abort;
    std::vector<std::int64_t> m_thresholds;
    // Relations between values are tracked in programs with loops only
    // (elsewhere the kernel's path walk is exact and they cost for nothing).
    bool m_relations_on = false;
    std::vector<std::int32_t> m_loop_of_block;  // the loop (index in cfg.loops()) of each block, or -1
    std::vector<std::vector<std::int64_t>> m_loop_thresholds;
    // Legacy (the fused call path). Per tail call, without CAP_BPF: the prog
    // array it was seen with (record_func_map); a tail call reached with two
    // is refused.
    mutable std::unordered_map<std::uint32_t, std::uint32_t> m_tail_call_maps;
    void check_tail_call_map(std::uint32_t pc, const domains::MachineState& state, Reporter* reporter) const;
    // Legacy (the fused call path): the deepest stack byte helper memory
    // touched, per function, written while checking. Memory instructions
    // report theirs to the checker's CheckSink instead.
    mutable std::vector<int> m_touched_depths;
    mutable std::vector<int> m_touched_outside_fastcall;
    std::vector<bool> m_fastcall_pattern;
    void note_stack_touch(std::uint32_t pc, const domains::MachineState& state, std::uint32_t frame,
                          int lowest_byte) const;
    std::vector<bool> m_core_insns;
};

// Whether `value` is an owning reference to an object (it carries a held reference).
bool is_owning_reference(const domains::Value& value, const domains::MachineState& state);
// What bpf_obj_new, bpf_refcount_acquire and the graph kfuncs return.
domains::Value alloc_result(const KfuncPrototype& kfunc, bool may_be_null, std::uint32_t nullable_id);
// At bpf_spin_unlock: non-owning references become unknown numbers.
void invalidate_non_owning_refs(domains::MachineState& state);

// Identity numbers are derived from the creating instruction so that they
// agree on every path through it.
inline constexpr std::uint32_t kNullableIdBase = 1U << 20;
inline constexpr std::uint32_t kScalarIdBase = 2U << 20;
inline constexpr std::uint32_t kPacketIdBase = 3U << 20;
inline constexpr std::uint32_t kRefIdBase = 4U << 20;
inline constexpr std::uint32_t kGlobalArgIdBase = 5U << 20;  // + argument index
// The identity of a dynptr that holds no reference (local, skb, xdp): its
// slices carry it, so destroying the dynptr invalidates them.
inline constexpr std::uint32_t kDynptrIdBase = 6U << 20;

}  // namespace bpfcheck::analyzer
