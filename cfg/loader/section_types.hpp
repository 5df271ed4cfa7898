// The program type libbpf infers from an ELF section name (its section_defs
// table), spelled as libbpf_bpf_prog_type_str spells it ("xdp", "kprobe").
#pragma once

#include <string>
#include <string_view>

namespace bpfcheck::loader {

// "unspec" when no convention names the section.
std::string program_type_for_section(std::string_view section);

// Whether `type` is a program type name we know (for --type).
bool is_known_program_type(std::string_view type);

}  // namespace bpfcheck::loader
