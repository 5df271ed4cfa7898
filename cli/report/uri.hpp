// Paths as the formats CI reads want them: relative to the source root
// (the repository checkout) when they lie under it, with '/' separators.
#pragma once

#include <optional>
#include <string>

namespace bpfcheck::cli::report {

// `path` relative to `root` (both made absolute against the current
// directory); nullopt when it lies outside `root`.
std::optional<std::string> relative_to_root(const std::string& path, const std::string& root);

// RFC 3986 percent-encoding of a path, '/' kept.
std::string uri_encode(const std::string& path);

}  // namespace bpfcheck::cli::report
