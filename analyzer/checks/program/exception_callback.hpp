// The exception callback a program names with __exception_cb(NAME) (a BTF
// decl tag "exception_callback:NAME" on its entry function): libbpf finds
// it among the object's global functions and appends it to the program
// (bpf_prog_assign_exc_cb: "cannot find exception callback", "must be a
// global non-hidden function"); the kernel takes one tag at most
// (bpf_find_exception_callback_insn_off: "multiple exception callback tags
// for main subprog"). The kernel verifies the callback as a global function
// of one integer argument (the cookie) that returns the program's return
// value (do_check_common with in_exception_callback_fn), which no
// instruction may call (check_max_stack_depth: "cannot call exception cb
// directly").
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

#include <optional>

namespace bpfcheck::analyzer {

// The CFG function of the program's exception callback, when it has one.
std::optional<std::uint32_t> exception_callback_function(const AnalysisContext& context);

// `call.exception_callback`: the tags name no callback libbpf and the kernel
// accept, or one the kernel refuses (its prototype, a direct call). True
// when the callback is there to analyse.
bool check_exception_callback(const AnalysisContext& context, Reporter& reporter);

}  // namespace bpfcheck::analyzer
