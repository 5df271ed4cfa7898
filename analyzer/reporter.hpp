// Collects diagnostics during the checking pass, once per (check, instruction).
#pragma once

#include "analyzer/diagnostic.hpp"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace bpfcheck::analyzer {

class Reporter {
public:
    void report(Diagnostic diagnostic) {
        if (m_seen.insert({diagnostic.id, diagnostic.insn}).second) {
            m_diagnostics.push_back(std::move(diagnostic));
        }
    }
    void error(std::string id, std::uint32_t insn, std::string message, std::vector<std::string> notes = {},
               std::string hint = {}) {
        report(Diagnostic{std::move(id), Severity::Error, insn, std::move(message), std::move(notes), std::move(hint)});
    }
    void warning(std::string id, std::uint32_t insn, std::string message, std::vector<std::string> notes = {},
                 std::string hint = {}) {
        report(
            Diagnostic{std::move(id), Severity::Warning, insn, std::move(message), std::move(notes), std::move(hint)});
    }
    [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
    [[nodiscard]] bool has_errors() const {
        for (const auto& d : m_diagnostics) {
            if (d.severity == Severity::Error) {
                return true;
            }
        }
        return false;
    }

private:
    std::vector<Diagnostic> m_diagnostics;
    std::set<std::pair<std::string, std::uint32_t>> m_seen;
};

}  // namespace bpfcheck::analyzer
