// bpf_fastcall (Linux 6.12, kernel/bpf/verifier.c: mark_fastcall_patterns,
// check_fastcall_stack_contract, remove_fastcall_spills_fills): clang
// surrounds a call of a bpf_fastcall function with spills and fills of the
// caller-saved registers the function does not clobber; where the kernel
// inlines the function (bpf_get_smp_processor_id on x86-64 with the JIT,
// the kfuncs bpf_cast_to_kern_ctx and bpf_rdonly_cast), it removes those
// spills and fills after verification, and the subprogram's stack depth no
// longer counts their slots, before check_max_stack_depth adds up the
// frames. This file finds the patterns from the instructions alone.
#pragma once

#include "analyzer/analysis_context.hpp"

#include <cstdint>
#include <vector>

namespace bpfcheck::analyzer {

struct FastcallPatterns {
    // Per instruction: a spill or fill of some pattern (aux->fastcall_pattern).
    std::vector<bool> pattern;
    // Per function: the stack depth once the patterns' spills and fills are
    // removed (-fastcall_stack_off), or -1 when the kernel keeps them (no
    // inlined call with a pattern, or a pattern around a call it does not
    // inline: keep_fastcall_stack).
    std::vector<int> reduced_depth;
};

FastcallPatterns find_fastcall_patterns(const AnalysisContext& context);

// remove_fastcall_spills_fills on the functions' stack depths: where a
// function's patterns are removable and no other instruction touched the
// stack below them (`outside`: deepest access by other instructions), its
// depth becomes the reduced one. Linux 6.12 and later (bpf_fastcall).
void apply_fastcall_rewrites(const AnalysisContext& context, const FastcallPatterns& patterns,
                             const std::vector<int>& outside, std::vector<int>& depths);

}  // namespace bpfcheck::analyzer
