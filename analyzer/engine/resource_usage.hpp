// The analysing process's resident memory, for the analysis's memory budget.
#pragma once

#include <cstdint>

namespace bpfcheck::analyzer {

// Resident set size in bytes (/proc/self/statm); 0 where it cannot be read.
std::uint64_t resident_bytes();

}  // namespace bpfcheck::analyzer
