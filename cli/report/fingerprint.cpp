// Fingerprint computation (see fingerprint.hpp): two 64-bit FNV-1a hashes
// with different offsets over a key of the stable parts of a finding.
#include "cli/report/fingerprint.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <map>

namespace bpfcheck::cli::report {

namespace {

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash) {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::string without(std::string_view text, int (*drop)(int)) {
    std::string out;
    for (const char c : text) {
        if (drop(static_cast<unsigned char>(c)) == 0) {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> fingerprints(const ObjectReport& object, const ProgramReport& program) {
    std::vector<std::string> out;
    std::map<std::string, unsigned> occurrences;
    const std::string object_name = std::filesystem::path(object.path).filename().string();
    for (const analyzer::Diagnostic& d : program.result.diagnostics) {
        const SourceLocation location = locate(*object.object, *program.program, d.insn);
        std::string where;
        if (location.line != 0 && !location.text.empty()) {
            where = std::filesystem::path(location.file).filename().string() + "|" +
                    without(location.text, [](int c) { return std::isspace(c); });
        } else {
            where = "message|" + without(d.message, [](int c) { return std::isdigit(c); });
        }
        const std::string key =
            fmt::format("v1|{}|{}|{}|{}|{}", object_name, program.program->name, program.kernel, d.id, where);
        const unsigned occurrence = occurrences[key]++;
        const std::string full = fmt::format("{}|{}", key, occurrence);
        out.push_back(
            fmt::format("{:016x}{:016x}", fnv1a(full, 0xcbf29ce484222325ULL), fnv1a(full, 0x84222325cbf29ce4ULL)));
    }
    return out;
}

}  // namespace bpfcheck::cli::report
