// Every check bpfcheck runs, by stable dotted id, with a one-line summary.
// Diagnostics use these ids; SARIF rules and the documentation list them.
#pragma once

#include <span>
#include <string_view>

namespace bpfcheck::analyzer {

struct CheckInfo {
    std::string_view id;
    std::string_view summary;
};

std::span<const CheckInfo> all_checks();
// Summary of `id`, empty when unknown.
std::string_view check_summary(std::string_view id);

}  // namespace bpfcheck::analyzer
