// What the checking pass collects while the checker decides obligations:
// the diagnostics, and the facts that span the paths to an instruction
// (which bases a memory instruction was seen with, the deepest stack byte a
// function touched). The checker reads only const states; this is its one
// output, owned by the analysis driver and passed explicitly.
#pragma once

#include "analyzer/reporter.hpp"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace bpfcheck::analyzer {

struct CheckSink {
    explicit CheckSink(Reporter& to) : reporter(to) {}
    Reporter& reporter;
    // Per memory instruction: seen with a context base (bit 0) and with
    // another base (bit 1); the kernel rewrites context accesses per
    // instruction, so one instruction cannot serve both.
    std::unordered_map<std::uint32_t, std::uint8_t> base_kinds;
    // Per function: the deepest stack byte its frames were seen to touch.
    std::vector<int> touched_depths;
};

}  // namespace bpfcheck::analyzer
