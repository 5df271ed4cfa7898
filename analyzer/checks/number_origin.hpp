// Why a number stands where the program expected a pointer, when the
// number's origin says so (Value::error_argument): a note for the
// diagnostics of a dereference or a helper argument.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "domains/value.hpp"

#include <optional>
#include <string>

namespace bpfcheck::analyzer {

// "R1 is argument 1 ('info', struct kernel_siginfo *) of tp_btf/signal_deliver,
// which the kernel hands over as a number ...", or nothing.
std::optional<std::string> number_origin_note(const AnalysisContext& context, int reg, const domains::Value& value);

// The fix for such a number, or "" when the value has no such origin.
std::string number_origin_hint(const domains::Value& value);

}  // namespace bpfcheck::analyzer
