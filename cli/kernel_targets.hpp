// The kernels `check` verifies against: `--kernel 5.10,6.1,6.6` (or the
// config's `kernels:`) gives one verdict per target; none given means the
// running kernel. Also the per-target private-stack setting, resolved once
// per target in the calling thread (probing the running kernel loads a
// program, and only programs whose type it concerns need it).
#pragma once

#include "cfg/expected.hpp"
#include "cfg/program/program.hpp"
#include "cli/private_stack_option.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bpfcheck::cli {

struct KernelTarget {
    std::string label;          // as given: "6.1"
    std::uint32_t version = 0;  // KERNEL_VERSION(a, b, c)
    bool running = false;       // the running kernel (nothing given)
};

// "6.1" or "5.15.120" (anything after a third number is ignored) as KERNEL_VERSION.
std::optional<std::uint32_t> parse_kernel_version(const std::string& text);
std::uint32_t running_kernel_version();

// A comma-separated list ("" gives none), or a list of versions.
Expected<std::vector<KernelTarget>> parse_kernel_targets(const std::string& list);
Expected<std::vector<KernelTarget>> parse_kernel_targets(const std::vector<std::string>& versions);

class PrivateStackResolver {
public:
    explicit PrivateStackResolver(std::string option) : m_option(std::move(option)) {}
    // Null when the program's type does not care and the option is auto.
    const PrivateStackSetting* for_program(const model::Program& program, const std::string& type_override,
                                           const KernelTarget& target);

private:
    std::string m_option;
    std::map<std::pair<bool, std::uint32_t>, PrivateStackSetting> m_resolved;
};

}  // namespace bpfcheck::cli
