// SARIF 2.1.0 as GitHub code scanning reads it: one rule per check id of
// the registry, results with repository-relative URIs (uriBaseId SRCROOT,
// resolved by originalUriBaseIds), the object, program and instruction as
// logical locations, and partialFingerprints that survive unrelated edits.
#pragma once

#include "cli/check_report.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace bpfcheck::cli::report {

struct SarifOptions {
    std::string source_root;  // what URIs are relative to; empty: the current directory
};

void render_sarif(std::ostream& out, const std::vector<ObjectReport>& reports, const SarifOptions& options);

}  // namespace bpfcheck::cli::report
