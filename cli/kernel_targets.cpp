// Parsing kernel targets and resolving their private-stack setting (see
// kernel_targets.hpp).
#include "cli/kernel_targets.hpp"

#include "analyzer/platform/private_stack.hpp"

#include <fmt/format.h>

#include <sys/utsname.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace bpfcheck::cli {

std::optional<std::uint32_t> parse_kernel_version(const std::string& text) {
    unsigned major = 0, minor = 0, patch = 0;
    const int fields = std::sscanf(text.c_str(), "%u.%u.%u", &major, &minor, &patch);
    if (fields < 2 || major > 255 || minor > 255) {
        return std::nullopt;
    }
    return (major << 16) | (minor << 8) | std::min(patch, 255U);
}

std::uint32_t running_kernel_version() {
    utsname name{};
    if (uname(&name) != 0) {
        return 0;
    }
    return parse_kernel_version(name.release).value_or(0);
}

Expected<std::vector<KernelTarget>> parse_kernel_targets(const std::vector<std::string>& versions) {
    std::vector<KernelTarget> targets;
    for (const std::string& text : versions) {
        const auto version = parse_kernel_version(text);
        if (!version) {
            return Error{fmt::format("want a version like 6.1 or 5.15.120, not '{}'", text)};
        }
        targets.push_back(KernelTarget{text, *version, false});
    }
    return targets;
}

Expected<std::vector<KernelTarget>> parse_kernel_targets(const std::string& list) {
    std::vector<std::string> versions;
    std::stringstream stream(list);
    for (std::string item; std::getline(stream, item, ',');) {
        versions.push_back(item);
    }
    if (!list.empty() && (versions.empty() || list.back() == ',')) {
        return Error{fmt::format("want a version like 6.1 or 5.15.120, not '{}'", list)};
    }
    return parse_kernel_targets(versions);
}

const PrivateStackSetting* PrivateStackResolver::for_program(const model::Program& program,
                                                             const std::string& type_override,
                                                             const KernelTarget& target) {
    const std::string& type = type_override.empty() ? program.type : type_override;
    if (m_option == "auto" && !analyzer::private_stack_type(type, program.section)) {
        return nullptr;
    }
    const auto key = std::make_pair(target.running, target.version);
    auto it = m_resolved.find(key);
    if (it == m_resolved.end()) {
        it = m_resolved.emplace(key, resolve_private_stack(m_option, target.running, target.version)).first;
        if (!it->second.note.empty()) {
            std::cerr << "bpfcheck: note: " << it->second.note << "\n";
        }
    }
    return &it->second;
}

}  // namespace bpfcheck::cli
