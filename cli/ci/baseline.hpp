// Baselines: the findings a code base already has, recorded once
// (--write-baseline) so that later checks (--baseline) report only new
// ones. Findings match by fingerprint (cli/report/fingerprint.hpp), never by
// line number, so a finding that moves is not new. The file is JSON:
//   {"version": 1, "tool": "bpfcheck", "findings": [{"fingerprint", "id",
//    "object", "program", "kernel", "message"}]}
#pragma once

#include "cfg/expected.hpp"
#include "cli/check_report.hpp"

#include <set>
#include <string>
#include <vector>

namespace bpfcheck::cli::ci {

struct Baseline {
    std::set<std::string> fingerprints;
};

Expected<Baseline> read_baseline(const std::string& path);

// Writes every finding of `reports`; an error message when it cannot.
std::optional<std::string> write_baseline(const std::string& path, const std::vector<ObjectReport>& reports);

}  // namespace bpfcheck::cli::ci
