// Relative paths and URI encoding for SARIF and GitHub annotations.
#include "cli/report/uri.hpp"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>

namespace bpfcheck::cli::report {

std::optional<std::string> relative_to_root(const std::string& path, const std::string& root) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path absolute = fs::weakly_canonical(fs::absolute(path, error), error);
    const fs::path base = fs::weakly_canonical(fs::absolute(root.empty() ? "." : root, error), error);
    if (error) {
        return std::nullopt;
    }
    const fs::path relative = absolute.lexically_relative(base);
    if (relative.empty() || *relative.begin() == "..") {
        return std::nullopt;
    }
    return relative.generic_string();
}

std::string uri_encode(const std::string& path) {
    std::string out;
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += fmt::format("%{:02X}", u);
        }
    }
    return out;
}

}  // namespace bpfcheck::cli::report
