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

// The type `--type` gives `program`: it names the type of programs no loader
// convention types (as kverdict's --default-type and bpftool's fallback do);
// a program whose section a convention names keeps that type (an object may
// mix both: `xdp_mark` and iproute2's `tc_mark`). "" when it gives none.
inline std::string type_option_for(const model::Program& program, const std::string& type_option) {
    return program.type.empty() ? type_option : std::string{};
}

}  // namespace bpfcheck::cli
