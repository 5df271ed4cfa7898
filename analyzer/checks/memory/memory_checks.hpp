// The checks of one memory access per region (check_mem_access and the
// region checks it calls), shared by the ValidAccess decider and the
// helper-memory checks of the call path: each reports what may fail and
// reads nothing but its arguments.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"
#include "analyzer/transfer/executor.hpp"
#include "domains/machine_state.hpp"

namespace bpfcheck::analyzer {

struct CheckSink;

// The deepest stack byte a function's frame was seen to touch (into
// `sink`): the current frame's function, or the one whose call pushed the
// frame above it.
void note_stack_touch(const AnalysisContext& context, std::uint32_t pc, const domains::MachineState& state,
                      std::uint32_t frame, int lowest_byte, bool in_fastcall_pattern, CheckSink& sink);

// Where an access happens: the instruction, the base register and its value
// as the access sees it (for the notes), and where to report.
struct AccessSite {
    const AnalysisContext& context;
    const Executor& executor;  // the stack objects and slices it tracks
    std::uint32_t pc;
    int base;
    const domains::Value& base_value;
    Reporter& reporter;
};

// Whether the access of stack bytes [lo, hi) of `frame` through `reg`
// must not happen (Executor::refuses_stack_object_access); reports it.
bool check_stack_object_access(const Executor& executor, std::uint32_t pc, int reg, std::uint32_t frame, int lo, int hi,
                               Executor::StackObjectAccess access, const domains::MachineState& state,
                               Reporter& reporter);

// A packet access at `pointer` + `offset` (check_packet_access).
void check_packet_access(const AccessSite& site, const domains::Value& pointer, std::int64_t offset, int width,
                         bool is_write);
// A map value, map key, helper memory, flow keys or socket access
// (check_map_access, check_mem_region_access, check_flow_keys_access,
// check_sock_access).
void check_sized_region_access(const AccessSite& site, const domains::Value& pointer, std::int64_t offset, int width,
                               bool is_write);
// A context access (check_ctx_access; btf_ctx_access for tracing programs).
void check_context_access(const AccessSite& site, const domains::Value& pointer, std::int64_t offset, int width,
                          bool is_write);
// A read of a map's own kernel struct through a map pointer
// (check_ptr_to_map_access): at non-negative offsets, member by member.
void check_map_struct_access(const AccessSite& site, const domains::Value& pointer, std::int64_t offset, int width);
// A read through a BTF-typed kernel pointer (check_ptr_to_btf_access);
// `core_reloc`: the instruction's offset is rewritten by libbpf (unchecked).
void check_btf_access(const AccessSite& site, const domains::Value& pointer, std::int64_t offset, int width,
                      bool is_write, bool core_reloc);

}  // namespace bpfcheck::analyzer
