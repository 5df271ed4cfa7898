// Where `check` finds the repository's policy: the config of each object
// (--config, else the nearest .bpfcheck.yaml above it) and the baseline
// (--baseline, else the config's; none while writing one), each file read
// once. A file that does not parse sets error() and gives null.
#pragma once

#include "cli/ci/baseline.hpp"
#include "cli/ci/config.hpp"

#include <map>
#include <optional>
#include <string>

namespace bpfcheck::cli::ci {

// Configs and baselines, read once each.
class PolicySources {
public:
    PolicySources(std::string config, std::string baseline, bool writing_baseline)
        : m_config(std::move(config)), m_baseline(std::move(baseline)), m_writing(writing_baseline) {}

    // The config for `object`: --config, else the nearest .bpfcheck.yaml.
    const Config* config_for(const std::string& object) {
        const std::optional<std::string> path = m_config.empty() ? find_config(object) : std::optional(m_config);
        if (!path) {
            return &m_none;
        }
        auto it = m_configs.find(*path);
        if (it == m_configs.end()) {
            auto loaded = load_config(*path);
            if (!loaded) {
                m_error = loaded.error().message;
                return nullptr;
            }
            it = m_configs.emplace(*path, std::move(*loaded)).first;
        }
        return &it->second;
    }

    // The baseline to compare against: --baseline, else the config's; none
    // when writing one.
    const Baseline* baseline_for(const Config& config) {
        if (m_writing) {
            return nullptr;
        }
        const std::string& path = m_baseline.empty() ? config.baseline : m_baseline;
        if (path.empty()) {
            return nullptr;
        }
        auto it = m_baselines.find(path);
        if (it == m_baselines.end()) {
            auto loaded = read_baseline(path);
            if (!loaded) {
                m_error = loaded.error().message;
                return nullptr;
            }
            it = m_baselines.emplace(path, std::move(*loaded)).first;
        }
        return &it->second;
    }

    [[nodiscard]] const std::string& error() const { return m_error; }

private:
    std::string m_config;
    std::string m_baseline;
    bool m_writing;
    Config m_none;
    std::map<std::string, Config> m_configs;
    std::map<std::string, Baseline> m_baselines;
    std::string m_error;
};

}  // namespace bpfcheck::cli::ci
