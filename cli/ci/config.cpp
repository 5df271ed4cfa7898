// Reading .bpfcheck.yaml with yaml-cpp (see config.hpp). Unknown keys, check
// ids and severities are errors, so a typo does not silently disable nothing.
#include "cli/ci/config.hpp"

#include "analyzer/check_registry.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace bpfcheck::cli::ci {

namespace {

bool known_check(const std::string& id) {
    return !analyzer::check_summary(id).empty();
}

std::optional<analyzer::Severity> parse_severity(const std::string& text) {
    if (text == "error") {
        return analyzer::Severity::Error;
    }
    if (text == "warning") {
        return analyzer::Severity::Warning;
    }
    if (text == "note") {
        return analyzer::Severity::Note;
    }
    return std::nullopt;
}

std::vector<std::string> string_list(const YAML::Node& node) {
    std::vector<std::string> out;
    if (node.IsScalar()) {
        out.push_back(node.as<std::string>());
    } else {
        for (const auto& item : node) {
            out.push_back(item.as<std::string>());
        }
    }
    return out;
}

}  // namespace

Expected<Config> load_config(const std::string& path) {
    namespace fs = std::filesystem;
    Config config;
    config.path = path;
    try {
        const YAML::Node root = YAML::LoadFile(path);
        if (root.IsNull()) {
            return config;
        }
        if (!root.IsMap()) {
            return Error{fmt::format("{}: expected a mapping of settings", path)};
        }
        for (const auto& entry : root) {
            const auto key = entry.first.as<std::string>();
            const YAML::Node& value = entry.second;
            if (key == "kernels") {
                config.kernels = string_list(value);
            } else if (key == "types") {
                for (const auto& type : value) {
                    config.types[type.first.as<std::string>()] = type.second.as<std::string>();
                }
            } else if (key == "disable") {
                for (const std::string& id : string_list(value)) {
                    if (!known_check(id)) {
                        return Error{fmt::format("{}: disable: unknown check id '{}'", path, id)};
                    }
                    config.disabled.insert(id);
                }
            } else if (key == "severity") {
                for (const auto& item : value) {
                    const auto id = item.first.as<std::string>();
                    const auto level = parse_severity(item.second.as<std::string>());
                    if (!known_check(id)) {
                        return Error{fmt::format("{}: severity: unknown check id '{}'", path, id)};
                    }
                    if (!level) {
                        return Error{fmt::format("{}: severity of {}: want error, warning or note, not '{}'", path, id,
                                                 item.second.as<std::string>())};
                    }
                    config.severities[id] = *level;
                }
            } else if (key == "baseline") {
                const fs::path baseline = value.as<std::string>();
                config.baseline =
                    (baseline.is_absolute() ? baseline : fs::absolute(path).parent_path() / baseline).string();
            } else if (key == "compile") {
                if (value["command"]) {
                    config.compile_command = value["command"].as<std::string>();
                }
                if (value["flags"]) {
                    config.compile_flags = string_list(value["flags"]);
                }
            } else {
                return Error{fmt::format(
                    "{}: unknown setting '{}' (kernels, types, disable, severity, baseline, compile)", path, key)};
            }
        }
    } catch (const YAML::Exception& error) {
        return Error{fmt::format("{}: {}", path, error.what())};
    }
    return config;
}

std::optional<std::string> find_config(const std::string& object) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::path dir = fs::absolute(object, error).parent_path();
    while (!dir.empty()) {
        const fs::path candidate = dir / kConfigName;
        if (fs::is_regular_file(candidate, error)) {
            return candidate.string();
        }
        if (dir == dir.root_path()) {
            break;
        }
        dir = dir.parent_path();
    }
    return std::nullopt;
}

}  // namespace bpfcheck::cli::ci
