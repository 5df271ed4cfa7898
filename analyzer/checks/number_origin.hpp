// Why a number stands where the program expected a pointer, when the
// number's origin says so (Value::error_argument): a note and a fix for the
// diagnostics of a dereference or a helper argument.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "domains/value.hpp"

#include <optional>
#include <string>

namespace bpfcheck::analyzer {

struct NumberOrigin {
    // "R1 is argument 1 ('info', struct kernel_siginfo *) of tp_btf/signal_deliver,
    // which the kernel hands over as a number ..."
    std::string note;
    std::string hint;  // the fix
};

// Nothing when `value` (held in R`reg`) has no such origin.
std::optional<NumberOrigin> number_origin(const AnalysisContext& context, int reg, const domains::Value& value);

}  // namespace bpfcheck::analyzer
