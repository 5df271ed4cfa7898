// The abstract semantics of one instruction, and of one CFG edge: the
// transfer functions assume the instruction's obligations (checked apart,
// by analyzer/checks/, against the converged states) — a failed check does
// not stop the analysis, so one error does not cascade — and apply its
// effect. Split by instruction family: executor_alu.cpp,
// executor_memory.cpp, executor_branch.cpp, executor_call.cpp. Calls too
// only assume and apply: their checks (analyzer/checks/check_*_call.cpp)
// run the same steps on the checker's own copy of the state.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/helpers/helper_variants.hpp"
#include "analyzer/platform/kfuncs/btf_trust.hpp"
#include "analyzer/platform/raw_tracepoint_args.hpp"
#include "analyzer/transfer/memory_regions.hpp"
#include "domains/machine_state.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bpfcheck::analyzer {

// Analyses a bpf-to-bpf call in the caller's context: given the state at the
// call (callee frame already pushed), returns the join of the callee's exit
// states (frame still pushed).
// The exit states come back as separate partitions (one per shape), so that
// a caller can keep, e.g., "returned -1, buffer unwritten" apart from
// "returned 0, buffer written". Empty: the callee never returns.
using CallAnalyzer =
    std::function<std::vector<domains::MachineState>(std::uint32_t callee_function, const domains::MachineState&)>;

// Ends the analysis with verdict error (a budget, a fixpoint not reached).
using AbortHook = std::function<void(std::string reason)>;

struct KfuncPrototype;
struct HelperPrototype;

// What a helper's arguments gave the call, argument by argument
// (apply_helper_arg): the map, the callback, the reference it releases.
struct HelperArgs {
    std::uint32_t map = domains::kNoRegion;
    std::optional<domains::Value> map_pointer;
    std::optional<domains::Value> callback;
    std::uint32_t released_ref = 0;
    // False once the released argument failed its own check (assumed
    // refused: nothing is released).
    bool release_checked = true;
};

class Executor {
public:
    Executor(
        const AnalysisContext& context, CallAnalyzer call_analyzer, AbortHook abort = [](const std::string&) {})
        : m_context(context), m_call_analyzer(std::move(call_analyzer)), m_abort(std::move(abort)) {
        const std::size_t count = context.program.insns.size();
        m_core_reloc_index.resize(count, kNoCoreReloc);
        m_core_field_offsets.reserve(context.program.core_relocs.size());
        for (std::uint32_t i = 0; i < context.program.core_relocs.size(); ++i) {
            const model::CoreReloc& reloc = context.program.core_relocs[i];
            const isa::Alu* move = nullptr;
            if (reloc.insn < count) {
                m_core_reloc_index[reloc.insn] = i;
                move = std::get_if<isa::Alu>(&context.program.insns[reloc.insn]);
            }
            // Decided once per program, as libbpf relocates once; only moves
            // take the kernel's offset (execute_alu).
            const bool moves_constant = move != nullptr && move->op == isa::AluOp::Mov && !move->src.is_register;
            m_core_field_offsets.push_back(moves_constant ? kernel_member_offset(reloc) : std::nullopt);
        }
        // Decided once per program: whether libbpf relocates each __weak
        // ksym load to 0 (weak_ksym_resolves asks the kernel's BTF).
        m_weak_ksym_zero.resize(count, false);
        m_kfunc_incompatible.resize(count, false);
        for (std::size_t pc = 0; pc < count && pc < context.program.refs.size(); ++pc) {
            const auto& ref = context.program.refs[pc];
            m_weak_ksym_zero[pc] = ref.weak && !weak_ksym_resolves(ref.symbol);
            m_kfunc_incompatible[pc] =
                !ref.weak && ref.kind == model::RelocKind::Kfunc && kfunc_prototype_incompatible(ref.symbol);
        }
        decide_btf_arg_trust();
    }

    // After a bpf_tail_call in a subprogram (`after`: the state past the
    // call), the state in which the tail call happened and the subprogram
    // returns to its caller (R0 the called program's, packet pointers
    // stale); nullopt elsewhere. The analyzer files it with the subprogram's
    // exits.
    [[nodiscard]] std::optional<domains::MachineState> subprogram_tail_call_return(
        std::uint32_t pc, const domains::MachineState& after) const;
    // `forks` receives further states after this instruction when it splits
    // the state (a call whose callee returns in several shapes); without it
    // those states are joined into `state`.
    void execute(std::uint32_t pc, domains::MachineState& state,
                 std::vector<domains::MachineState>* forks = nullptr) const;
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
    // bpf_fastcall spill/fill patterns (check_fastcall_stack_contract).
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
    [[nodiscard]] bool has_core_reloc(std::uint32_t pc) const { return core_reloc(pc) != nullptr; }
    // `alu` (at `pc`) adds a register that holds a CO-RE field offset: the
    // register was last set, in the instructions just before, by a move of a
    // constant libbpf relocates (clang's `r2 = <offset>; r1 += r2`).
    [[nodiscard]] bool core_offset_register(std::uint32_t pc, const isa::Alu& alu) const;
    // The byte offset libbpf writes into the move at `pc` for the running
    // kernel (kernel_member_offset of its relocation); nullopt when none.
    [[nodiscard]] std::optional<std::uint32_t> core_field_offset(std::uint32_t pc) const {
        if (pc >= m_core_reloc_index.size() || m_core_reloc_index[pc] == kNoCoreReloc) {
            return std::nullopt;
        }
        return m_core_field_offsets[m_core_reloc_index[pc]];
    }
    // The member a CO-RE field relocation at `pc` ends at, as the object's
    // BTF types it (Unknown: none, or not resolved).
    [[nodiscard]] model::CoreMember core_member(std::uint32_t pc) const {
        const model::CoreReloc* reloc = core_reloc(pc);
        return reloc != nullptr ? reloc->member : model::CoreMember::Unknown;
    }
    // A __weak ksym at `pc` (a load or a kfunc call) that libbpf leaves
    // unresolved: the kernel's BTF has no such symbol, or an incompatible one.
    [[nodiscard]] bool weak_ksym_unresolved(std::uint32_t pc) const {
        return pc < m_weak_ksym_zero.size() && m_weak_ksym_zero[pc];
    }
    // Whether the call at `pc` is of a non-weak kfunc whose prototype the
    // kernel's BTF has otherwise (bpf_core_types_are_compat): libbpf refuses
    // the object ("extern (func ksym) 'X': func_proto incompatible with
    // kernel"), so no path goes past it.
    [[nodiscard]] bool kfunc_prototype_refused(std::uint32_t pc) const {
        return pc < m_kfunc_incompatible.size() && m_kfunc_incompatible[pc];
    }
    // Whether the call at `pc` is of a non-weak kfunc the running kernel
    // lacks (AnalysisOptions::kfuncs_missing_on_running_kernel): libbpf
    // refuses the object, so no path goes past it.
    [[nodiscard]] bool kfunc_missing_on_running_kernel(std::uint32_t pc) const {
        const auto& missing = m_context.options.kfuncs_missing_on_running_kernel;
        return std::find(missing.begin(), missing.end(), m_context.program.refs[pc].symbol) != missing.end();
    }
    // The CO-RE relocation at `pc`, or nullptr.
    [[nodiscard]] const model::CoreReloc* core_reloc(std::uint32_t pc) const {
        if (pc >= m_core_reloc_index.size() || m_core_reloc_index[pc] == kNoCoreReloc) {
            return nullptr;
        }
        return &m_context.program.core_relocs[m_core_reloc_index[pc]];
    }

    // What the checks (analyzer/checks/) read of the executor's models:
    // dynptr and iterator stack slots and read-only slices
    // (executor_stack_objects.cpp), map structs. Queries of a const state.
    enum class StackObjectAccess : std::uint8_t { Read, HelperRead, Write, HelperWrite };
    // Whether the access of stack bytes [lo, hi) of `frame` must not happen
    // (a read of a dynptr or iterator, a helper write into a dynptr, a write
    // over a referenced dynptr): check_stack_object_access reports it.
    [[nodiscard]] bool refuses_stack_object_access(std::uint32_t frame, int lo, int hi, StackObjectAccess access,
                                                   const domains::MachineState& state) const;
    // bpf_dynptr_slice's slices are read-only (MEM_RDONLY).
    [[nodiscard]] bool read_only_slice(const domains::Value& pointer) const;
    // The BTF type of the kernel struct a map pointer points to (0: unknown).
    [[nodiscard]] std::uint32_t map_struct_type(std::uint32_t pc, const domains::Value& pointer) const;
    // The kernel type id of a helper's RET_PTR_TO_BTF_ID result (0: unknown).
    [[nodiscard]] std::uint32_t helper_ret_type(const HelperPrototype& proto) const;
    // check_reg_type's btf_struct_ids_match for a helper's BTF argument:
    // "R2 is of type task_struct but cgroup is expected", or nothing.
    [[nodiscard]] std::optional<std::string> helper_btf_struct_problem(const HelperPrototype& proto, int i,
                                                                       const domains::Value& value) const;
    [[nodiscard]] bool in_fastcall_pattern(std::uint32_t pc) const {
        return pc < m_fastcall_pattern.size() && m_fastcall_pattern[pc];
    }
    // The return range check_return_code enforces at the main program's exit.
    [[nodiscard]] std::optional<ReturnRange> exit_return_range() const;

private:
    // The call checks (analyzer/checks/check_*_call.cpp) read the models
    // below and replay the call's steps on their own copy of the state.
    friend class Checker;

    void execute_alu(std::uint32_t pc, const isa::Alu& alu, domains::MachineState& state) const;
    // AND or OR with a constant of a register that holds -1 or 0 (its signed
    // range exactly [-1, 0]): since Linux 6.18 the kernel verifies the two
    // values as two paths (maybe_fork_scalars). `state`'s register becomes
    // -1 and the returned copy's 0; nullopt where the rule does not apply.
    [[nodiscard]] std::optional<domains::MachineState> split_sign_mask(const isa::Alu& alu,
                                                                       domains::MachineState& state) const;
    void execute_endian(const isa::Endian& endian, domains::MachineState& state) const;
    void execute_load(std::uint32_t pc, const isa::Load& load, domains::MachineState& state) const;
    void execute_store(std::uint32_t pc, const isa::Store& store, domains::MachineState& state) const;
    void execute_atomic(std::uint32_t pc, const isa::Atomic& atomic, domains::MachineState& state) const;
    void execute_ld_imm64(std::uint32_t pc, const isa::LoadImm64& load, domains::MachineState& state) const;
    // Whether the ksym `symbol` is a function (a kfunc's address).
    [[nodiscard]] bool is_function_ksym(const std::string& symbol) const;
    [[nodiscard]] bool weak_ksym_resolves(const std::string& symbol) const;
    [[nodiscard]] bool kfunc_prototype_incompatible(const std::string& symbol) const;
    void execute_packet_load(const isa::LoadPacket& load, domains::MachineState& state) const;
    void execute_call(std::uint32_t pc, const isa::Call& call, domains::MachineState& state,
                      std::vector<domains::MachineState>* forks) const;
    void execute_kfunc(std::uint32_t pc, domains::MachineState& state) const;
    // A release kfunc's argument: whether its reference was released.
    bool apply_kfunc_release(const KfuncPrototype& kfunc, domains::MachineState& state) const;
    // Allocated objects and their collections (executor_graph.cpp).
    // Kfunc map arguments (executor_kfunc_maps.cpp).
    // kptr fields of map values (executor_kptr.cpp).
    [[nodiscard]] const model::MapDef* kptr_map(const domains::Value& pointer) const;
    // A load of the kernel-typed kptr field at R`base` + `offset` (8 bytes at
    // its start): the kernel's typed pointer, else nullopt (analyzer/transfer/
    // calls/executor_kptr.cpp).
    [[nodiscard]] std::optional<domains::Value> kptr_load(std::uint32_t pc, const domains::Value& base,
                                                          std::int64_t offset, int width,
                                                          const domains::MachineState& state) const;
    [[nodiscard]] bool in_rbtree_callback(const domains::MachineState& state) const;
    void give_node_to_collection(const domains::Value& node, domains::MachineState& state) const;
    void execute_helper(std::uint32_t pc, const isa::Call& call, domains::MachineState& state) const;
    // Helper arguments (helper_args.cpp): argument `i`'s effect on the state
    // and on `args`, assuming its check; the type check of the kinds that
    // are only checked ("expected ..."; nullopt: accepted). `write_memory`
    // false leaves out what the helper writes to the stack (a caller that
    // reads no memory of the state afterwards).
    void apply_helper_arg(std::uint32_t pc, const HelperPrototype& proto, int i, domains::MachineState& state,
                          HelperArgs& args, bool write_memory = true) const;
    [[nodiscard]] std::optional<std::string> helper_arg_problem(const HelperPrototype& proto, int i,
                                                                const domains::Value& value,
                                                                const domains::MachineState& state,
                                                                const HelperArgs& args) const;
    // The release of a helper's released argument: false where it holds no
    // acquired reference (nothing to release is true).
    bool apply_helper_release(const HelperPrototype& proto, const HelperArgs& args, domains::MachineState& state) const;
    // A helper's callback: the caller's state before every invocation, to a
    // fixpoint (false: not reached, the analysis aborted); the callee's
    // entry state from a state before an invocation.
    bool run_callback(std::uint32_t pc, std::int32_t helper, const HelperPrototype& proto, const HelperArgs& args,
                      domains::MachineState& state) const;
    [[nodiscard]] domains::MachineState callback_entry(std::uint32_t pc, std::int32_t helper, const HelperArgs& args,
                                                       const domains::MachineState& at_call,
                                                       const domains::MachineState& before) const;
    [[nodiscard]] std::uint32_t callback_function(const domains::Value& callback) const;
    // The effect of helper memory (a write marks the stack bytes written).
    void apply_helper_memory(const domains::Value& pointer, const domains::Scalar& size, bool write,
                             domains::MachineState& state) const;
    // The first map a map pointer may be that helper `helper` does not take
    // (check_map_func_compatibility).
    [[nodiscard]] std::optional<std::size_t> incompatible_map(std::int32_t helper,
                                                              const domains::Value& map_pointer) const;
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
    // An initialised RCU-protected iterator (iter_rcu_protected) that may be
    // untrusted on some path: its slots hold 0 while it is usable (the
    // kernel's MEM_RCU) and 1 once untrusted (PTR_UNTRUSTED), and a join of
    // both paths holds [0, 1].
    [[nodiscard]] bool untrusted_iter(const domains::Value& pointer, const struct KfuncPrototype& kfunc,
                                      const domains::MachineState& state) const;
    void initialise_helper_dynptrs(std::uint32_t pc, std::int32_t helper, const struct HelperPrototype& proto,
                                   domains::MachineState& state) const;
    void apply_dynptr_slice_args(const struct KfuncPrototype& kfunc, domains::MachineState& state) const;
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
    // Kfunc rules and the RCU / preemption sections (executor_sections.cpp):
    // checks decide from the state before the call; enter_or_leave_section
    // is the transfer.
    void enter_or_leave_section(std::uint32_t pc, const KfuncPrototype& kfunc, domains::MachineState& state) const;
    [[nodiscard]] bool function_might_sleep(std::uint32_t function) const;
    // map.no_btf: a bpf_spin_lock, bpf_timer or kptr argument in the value of a map without BTF.
    void execute_local_call(std::uint32_t pc, const isa::Call& call, domains::MachineState& state,
                            std::vector<domains::MachineState>* forks) const;
    [[nodiscard]] std::uint32_t local_callee(std::uint32_t pc, const isa::Call& call) const;
    // Global functions: verified from their BTF prototype, not the caller's state.
    [[nodiscard]] const model::FunctionSignature* global_signature(std::uint32_t callee) const;
    [[nodiscard]] bool changes_packet_data(std::uint32_t function) const;
    [[nodiscard]] domains::Value trusted_param_entry(const model::FunctionParam& param, std::uint32_t index) const;
    void execute_global_call(std::uint32_t pc, std::uint32_t callee, const model::FunctionSignature& signature,
                             domains::MachineState& state) const;
    // A global function's entry state: from its prototype alone.
    [[nodiscard]] domains::MachineState global_entry(const model::FunctionSignature& signature) const;

    // Reads register `r` as an operand, assuming Initialised: an unknown
    // scalar (a reported fault) where it was never written.
    const domains::Value& read_operand(int r, domains::MachineState& state) const;
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
    // Decided once per program (executor_btf.cpp): m_args_plain and m_raw_tp_args.
    void decide_btf_arg_trust();
    // Reads through a BTF-typed kernel pointer (region: its struct's type
    // id); `in_rcu_cs`: the kernel's in_rcu_cs at the read.
    domains::Value access_btf(std::uint32_t pc, const domains::Value& pointer, std::int64_t offset, int width,
                              bool is_write, bool in_rcu_cs) const;
    // What a read of a pointer member tells the trust rule.
    struct WalkedMember {
        WalkedField field;
        bool union_untrusted = false;  // found through a union of several members
    };
    // The kernel's in_rcu_cs: in a bpf_rcu_read_lock section, holding a
    // bpf_spin_lock, or in a program that does not sleep.
    [[nodiscard]] bool in_rcu_cs(const domains::MachineState& state) const {
        return state.rcu_locked() || state.held_lock() != nullptr || !m_context.program.sleepable;
    }
    // The member read itself, before the pointer's trust is passed on.
    domains::Value access_btf_member(std::uint32_t pc, const domains::Value& pointer, std::int64_t offset, int width,
                                     bool is_write, WalkedMember* walked = nullptr) const;
    [[nodiscard]] WalkedField core_walked_field(std::uint32_t pc, const domains::Value& pointer) const;
    // Reads of a map's own struct through a map pointer (check_ptr_to_map_access).
    domains::Value access_map_struct(std::uint32_t pc, const domains::Value& pointer, std::int64_t offset,
                                     int width) const;
    domains::Value access_sized_region(const domains::Value& pointer, std::int64_t offset, int width,
                                       bool is_write) const;
    // The maps a map pointer or map value may refer to (several after joins).
    [[nodiscard]] MapSet maps_of(const domains::Value& pointer) const;
    // Null checks and packet range checks spread to every copy sharing an id.
    [[nodiscard]] bool is_acquisition_result(const domains::MachineState& state, const domains::Value& pointer) const;
    void mark_non_null(domains::MachineState& state, std::uint32_t id, bool is_null) const;
    void mark_packet_range(domains::MachineState& state, domains::Kind kind, std::uint32_t id,
                           std::int64_t range) const;
    // False when a copy is refined to nothing (the path is infeasible).
    [[nodiscard]] bool refine_scalar_copies(domains::MachineState& state, std::uint32_t id,
                                            const domains::Scalar& number) const;
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
    std::vector<bool> m_fastcall_pattern;
    static constexpr std::uint32_t kNoCoreReloc = 0xffffffffU;
    // A CO-RE field offset relocation of a member of the root struct: that
    // member's offset in the running kernel's struct, found by name in its
    // BTF; nullopt for other relocations, or when not found.
    [[nodiscard]] std::optional<std::uint32_t> kernel_member_offset(const model::CoreReloc& reloc) const;
    std::vector<std::uint32_t> m_core_reloc_index;  // per insn: index in program.core_relocs
    // per relocation: kernel_member_offset
    std::vector<std::optional<std::uint32_t>> m_core_field_offsets;
    std::vector<bool> m_weak_ksym_zero;      // per insn: a __weak ksym load libbpf makes 0
    std::vector<bool> m_kfunc_incompatible;  // per instruction: see kfunc_prototype_refused
    // The program's BTF arguments are plain PTR_TO_BTF_ID (prog_args_trusted:
    // fentry, fexit, fmod_ret, the lsm hooks that allocate or free their object).
    bool m_args_plain = false;
    // tp_btf programs: per argument, what the kernel's raw_tp_null_args says.
    std::vector<RawTracepointArg> m_raw_tp_args;
};

// Global function parameters (executor_global_call.cpp): how the callee
// takes each (nullopt: a prototype bpfcheck does not model); what is wrong
// with a caller's value for an __arg_trusted parameter; the memory a
// caller's value for a memory parameter is checked as (nullopt: none).
enum class GlobalParam : std::uint8_t { Scalar, Context, Memory, Trusted, Dynptr };
std::optional<GlobalParam> classify_global_param(const model::FunctionParam& param, std::string_view context_struct);
std::optional<std::string> trusted_arg_problem(const model::FunctionParam& param, const domains::Value& value);
std::optional<domains::Value> global_memory_argument(const model::FunctionParam& param, const domains::Value& value);

// Stack objects (executor_stack_objects.cpp): the spilled value that may
// mark a slot; the offset of an object of `bytes` bytes a constant
// stack pointer designates; why a pointer cannot designate one (empty: it can).
inline constexpr int kDynptrBytes = 16;  // a struct bpf_dynptr: two stack slots
const domains::Value& slot_mark(const domains::Stack& stack, int slot);
std::optional<int> object_offset(const domains::Value& pointer, int bytes);
std::string object_pointer_fault(const domains::Value& pointer, int bytes, std::string_view what);

// Helper argument kinds (helper_args.cpp).
bool is_helper_size_kind(ArgKind kind);
// Who calls a helper, as the per-type helper prototypes ask (helper_variants.hpp).
HelperCaller helper_caller(const AnalysisContext& context);
bool helper_arg_accepts_null(ArgKind kind);
bool is_sock_map_value(ArgKind kind, const MapSet& maps);
bool helper_size_refused(const domains::Scalar& size);

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
// A packet pointer's variable identity (executor_alu.cpp): generation 0 is
// kPacketIdBase + pc; later ones, for a sum the same instruction made
// earlier on the path, lie above the other bases (below join_id's range).
inline constexpr std::uint32_t kPacketIdGenerations = 4;
inline constexpr std::uint32_t packet_id(std::uint32_t pc, std::uint32_t generation) {
    return generation == 0 ? kPacketIdBase + pc : ((7U + generation) << 20) + pc;
}

}  // namespace bpfcheck::analyzer
