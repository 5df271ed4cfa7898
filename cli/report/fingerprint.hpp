// Fingerprints of findings that survive unrelated edits: a hash of the
// object's file name, the program, the target kernel, the check id, the
// source file name and the offending line's text with whitespace removed,
// and the finding's occurrence among those sharing all of these. No line or
// instruction number goes in, so inserting lines elsewhere changes nothing.
// Findings without line info hash their message with digits removed.
#pragma once

#include "cli/check_report.hpp"

#include <string>
#include <vector>

namespace bpfcheck::cli::report {

// One 32-hex-digit fingerprint per diagnostic of `program`, in order.
std::vector<std::string> fingerprints(const ObjectReport& object, const ProgramReport& program);

}  // namespace bpfcheck::cli::report
