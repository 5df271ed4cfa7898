// What the checking pass collects while the checker decides obligations:
// the diagnostics, and the facts that span the paths to an instruction
// (which bases a memory instruction was seen with, the deepest stack byte a
// function touched). The checker reads only const states; this is its one
// output, owned by the analysis driver and passed explicitly.
#pragma once

#include "analyzer/reporter.hpp"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace bpfcheck::analyzer {

struct CheckSink {
    explicit CheckSink(Reporter& to) : reporter(to) {}
    Reporter& reporter;
    // Per memory instruction: the kind of pointer it was first seen with (a
    // domains::Kind); the kernel rewrites context, socket and BTF accesses
    // per instruction, so such an instruction serves one kind only.
    std::unordered_map<std::uint32_t, std::uint8_t> base_kinds;
    // The memory instructions seen with a second kind that the kernel does
    // not refuse there (neither is rewritten): which kind came first then
    // depends on the order of the paths (analyzer/engine/deferred_checks.hpp).
    std::vector<std::uint32_t> mixed_base_kinds;
    // Per add/subtract with a register operand, without CAP_BPF: how the
    // kernel would mask it (pointer_sanitation.hpp, masking_record); one
    // instruction is masked one way on every path.
    std::unordered_map<std::uint32_t, std::uint64_t> alu_masking;
    // Per function: the deepest stack byte its frames were seen to touch.
    std::vector<int> touched_depths;
    // The same, counting only instructions outside bpf_fastcall spill/fill
    // patterns (check_fastcall_stack_contract).
    std::vector<int> touched_outside_fastcall;
    // Per tail call, without CAP_BPF: the prog array it was first seen with
    // (record_func_map); a tail call reached with two is refused.
    std::unordered_map<std::uint32_t, std::uint32_t> tail_call_maps;
};

}  // namespace bpfcheck::analyzer
