// bpf_throw may not run inside a callback: the kernel's check_max_stack_depth
// walks each function's direct calls and refuses a bpf_throw in a subprogram
// that is a callback (is_cb: its address passed to bpf_loop, a timer, the
// less callback of bpf_rbtree_add, ...) or that one of them calls
// ("bpf_throw kfunc (insn N) cannot be called from callback subprog M").
// Checked on the instructions, as the kernel checks it outside its walk.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

namespace bpfcheck::analyzer {

// `call.throw_in_callback`: a bpf_throw reached from a callback through direct calls.
void check_throw_in_callback(const AnalysisContext& context, Reporter& reporter);

}  // namespace bpfcheck::analyzer
