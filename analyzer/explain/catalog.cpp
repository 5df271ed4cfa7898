// Matching a verifier message against the catalog; see catalog.hpp. The
// patterns are compiled once, on first use.
#include "analyzer/explain/catalog.hpp"
#include "analyzer/explain/log_numbers.hpp"

#include <regex>
#include <vector>

namespace bpfcheck::explain {

std::string_view category_name(Category category) {
    switch (category) {
        case Category::Bug:
            return "bug";
        case Category::KernelLimit:
            return "kernel-limit";
        case Category::Environment:
            return "environment";
    }
    return "bug";
}

CatalogMatch match_catalog(std::string_view message) {
    static const std::vector<std::regex> kCompiled = [] {
        std::vector<std::regex> compiled;
        for (const CatalogEntry& entry : catalog()) {
            compiled.emplace_back(std::string(entry.pattern), std::regex::ECMAScript | std::regex::optimize);
        }
        return compiled;
    }();
    const std::string text(message);
    for (std::size_t i = 0; i < kCompiled.size(); ++i) {
        std::smatch match;
        if (!std::regex_search(text, match, kCompiled[i])) {
            continue;
        }
        CatalogMatch found{&catalog()[i], std::nullopt};
        const int group = catalog()[i].insn_group;
        if (group > 0 && static_cast<std::size_t>(group) < match.size() && match[group].matched) {
            found.insn = log_u32(match[group].str());
        }
        return found;
    }
    return {};
}

}  // namespace bpfcheck::explain
