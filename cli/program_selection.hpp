// Picking programs of an object by name (--program), with a clear message
// naming the available ones when a name does not match.
#pragma once

#include "cfg/expected.hpp"
#include "cfg/program/program.hpp"

#include <string>
#include <vector>

namespace bpfcheck::cli {

// All programs when `names` is empty.
Expected<std::vector<const model::Program*>> select_programs(const model::BpfObject& object,
                                                              const std::vector<std::string>& names);

}  // namespace bpfcheck::cli
