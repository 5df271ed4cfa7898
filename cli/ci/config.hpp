// `.bpfcheck.yaml`: a repository's settings for `check`, found by walking up
// from each object's directory (or given with --config):
//
//   kernels: ["5.10", "6.1"]       # targets, as --kernel 5.10,6.1
//   types:                         # program-type overrides, by program or section name
//     my_prog: xdp
//   disable: [div.by_zero]         # checks not reported
//   severity:                      # error | warning | note
//     loop.unbounded: warning
//   baseline: bpfcheck-baseline.json   # as --baseline, relative to this file
//   compile:                       # for the pre-commit hook on sources
//     command: clang
//     flags: [-O2, -g, -target, bpf]
#pragma once

#include "analyzer/diagnostic.hpp"
#include "cfg/expected.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bpfcheck::cli::ci {

inline constexpr const char* kConfigName = ".bpfcheck.yaml";

struct Config {
    std::string path;  // the file it was read from; empty: no config
    std::vector<std::string> kernels;
    std::map<std::string, std::string> types;
    std::set<std::string> disabled;
    std::map<std::string, analyzer::Severity> severities;
    std::string baseline;  // absolute, or empty
    std::string compile_command;
    std::vector<std::string> compile_flags;
};

Expected<Config> load_config(const std::string& path);

// The nearest .bpfcheck.yaml in the directory of `object` or above it.
std::optional<std::string> find_config(const std::string& object);

}  // namespace bpfcheck::cli::ci
