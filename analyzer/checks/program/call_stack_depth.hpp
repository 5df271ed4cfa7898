// Checks on the chains of bpf-to-bpf calls, as the kernel's
// check_max_stack_depth walks them after verification: the stacks of a
// chain's frames (each the deepest byte its function touched, rounded up to
// 16 bytes as the JIT does) must add up to at most 512 bytes
// (`call.stack_depth`), except frames of 64 bytes or more of programs that
// run on a private stack (kprobe, tracepoint, perf_event, raw_tracepoint,
// tracing without tail calls, on a kernel that gives them one: see
// platform/private_stack.hpp; a note `call.private_stack` says when that
// decided the verdict); and a function that tail-calls must not be reached below frames that add
// up to 256 bytes or more (`tailcall.stack_depth`: the caller frames stay
// on the stack across up to 33 tail calls).
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

#include <span>

namespace bpfcheck::analyzer {

// `depths[f]`: the deepest stack byte function f's frames touched (0..512).
void check_call_stack_depth(const AnalysisContext& context, std::span<const int> depths, Reporter& reporter);

}  // namespace bpfcheck::analyzer
