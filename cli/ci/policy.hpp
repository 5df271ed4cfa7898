// What a repository decides about findings, applied after analysis: checks
// the config disables, severities it changes, findings a source comment
// suppresses (`// bpfcheck: ignore[packet.bounds] reason`, on the line the
// finding points at, read from the line text BTF line info carries) and
// findings a baseline holds. Dropped findings are counted; a program whose
// remaining findings hold no error passes.
#pragma once

#include "cli/check_report.hpp"
#include "cli/ci/baseline.hpp"
#include "cli/ci/config.hpp"

#include <set>
#include <string>
#include <string_view>

namespace bpfcheck::cli::ci {

// The check ids a source line's suppression comment names ("*": all);
// empty when the line has none.
std::set<std::string> suppressed_ids(std::string_view line);

// Fingerprints must be computed (report.fingerprints) before.
void apply_policy(const ObjectReport& object, ProgramReport& program, const Config& config, const Baseline* baseline);

}  // namespace bpfcheck::cli::ci
