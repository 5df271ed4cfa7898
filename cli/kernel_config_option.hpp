// The --kconfig option of `check` and `compare`: the target kernel's build
// configuration, from which libbpf fills an object's CONFIG_ externs
// (analyzer/platform/kernel_config.hpp). "" (the default): for the running
// kernel, the file libbpf reads (/boot/config-$(uname -r), else
// /proc/config.gz), when there is one; for a --kernel target, none. "none":
// unknown. Anything else: a configuration file (plain or gzip), which must
// read, for every target. Read only when a selected object has a CONFIG_
// extern, and at most once.
#pragma once

#include "analyzer/platform/kernel_config.hpp"
#include "cfg/program/program.hpp"

#include <optional>
#include <string>

namespace bpfcheck::cli {

class KernelConfigOption {
public:
    explicit KernelConfigOption(std::string spec) : m_spec(std::move(spec)) {}
    // Reads an explicitly given file now; its error when it does not read.
    [[nodiscard]] std::optional<std::string> load_explicit();
    // The configuration `object` is filled from on a target (`running`: the
    // running kernel): null when it has no CONFIG_ extern or none is known.
    const analyzer::KernelConfig* for_object(const model::BpfObject& object, bool running);

private:
    std::string m_spec;
    bool m_tried = false;
    std::optional<analyzer::KernelConfig> m_config;
};

}  // namespace bpfcheck::cli
