// A finding about a program: a value, formatted only by the renderers. The
// source location is looked up from the instruction index through the
// program's line info by whoever renders it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bpfcheck::analyzer {

enum class Severity : std::uint8_t { Error, Warning, Note };

struct Diagnostic {
    std::string id;  // stable check id, e.g. "packet.bounds"
    Severity severity = Severity::Error;
    std::uint32_t insn = 0;
    std::string message;
    std::vector<std::string> notes;  // the abstract state that explains it
    std::string hint;                // one line: how to fix it
};

std::string_view severity_name(Severity severity);

}  // namespace bpfcheck::analyzer
