// `--format github`: GitHub Actions workflow commands, one annotation per
// finding (`::error file=F,line=L,col=C,title=ID::MESSAGE`), escaped as the
// runner parses them. A step shows at most 10 annotations of each level, so
// the findings past that are printed as plain lines in a folded group; a
// summary line ends the output.
#pragma once

#include "cli/check_report.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace bpfcheck::cli::report {

inline constexpr std::size_t kGithubAnnotationsPerLevel = 10;

// The escapes of a workflow command's message (%, CR, LF) and of its
// property values (also ':' and ',').
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

void render_github(std::ostream& out, const std::vector<ObjectReport>& reports, const std::string& source_root);

}  // namespace bpfcheck::cli::report
