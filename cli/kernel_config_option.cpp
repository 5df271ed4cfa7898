// --kconfig (see kernel_config_option.hpp).
#include "cli/kernel_config_option.hpp"

#include <sys/utsname.h>
#include <zlib.h>

#include <algorithm>
#include <array>

namespace bpfcheck::cli {

namespace {

// A configuration file's text, gzip or plain (zlib reads both); nullopt
// when it cannot be opened.
std::optional<std::string> read_config_file(const std::string& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) {
        return std::nullopt;
    }
    std::string text;
    std::array<char, 65536> buffer{};
    int got = 0;
    while ((got = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0) {
        text.append(buffer.data(), static_cast<std::size_t>(got));
    }
    const bool failed = got < 0;
    gzclose(file);
    if (failed) {
        return std::nullopt;
    }
    return text;
}

bool has_config_extern(const model::BpfObject& object) {
    return std::any_of(object.kconfig_externs.begin(), object.kconfig_externs.end(),
                       [](const model::KconfigExtern& ext) { return ext.name.starts_with("CONFIG_"); });
}

}  // namespace

std::optional<std::string> KernelConfigOption::load_explicit() {
    if (m_spec.empty() || m_spec == "none") {
        return std::nullopt;
    }
    m_tried = true;
    const auto text = read_config_file(m_spec);
    if (!text) {
        return "cannot read kernel configuration '" + m_spec + "'";
    }
    m_config = analyzer::parse_kernel_config(*text);
    return std::nullopt;
}

const analyzer::KernelConfig* KernelConfigOption::for_object(const model::BpfObject& object, bool running) {
    if (m_spec == "none" || !has_config_extern(object) || (m_spec.empty() && !running)) {
        return nullptr;
    }
    if (!m_tried) {
        m_tried = true;
        // libbpf's order (bpf_object__read_kconfig_file).
        utsname name{};
        std::vector<std::string> candidates;
        if (uname(&name) == 0) {
            candidates.push_back(std::string("/boot/config-") + name.release);
        }
        candidates.emplace_back("/proc/config.gz");
        for (const std::string& path : candidates) {
            if (auto text = read_config_file(path)) {
                m_config = analyzer::parse_kernel_config(*text);
                break;
            }
        }
    }
    return m_config ? &*m_config : nullptr;
}

}  // namespace bpfcheck::cli
