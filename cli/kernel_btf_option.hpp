// The --btf option of `check` and `compare`: which kernel BTF types tracing
// programs. "" (the default): /sys/kernel/btf/vmlinux when present; "none":
// no kernel types; anything else: a BTF file, which must load. The default
// is read only when a selected program needs it (parsing vmlinux BTF costs
// tens of milliseconds), and at most once.
#pragma once

#include "cfg/loader/btf/kernel_btf.hpp"
#include "cfg/program/program.hpp"

#include <memory>
#include <optional>
#include <string>

namespace bpfcheck::cli {

inline constexpr const char* kDefaultKernelBtf = "/sys/kernel/btf/vmlinux";

class KernelBtfOption {
public:
    explicit KernelBtfOption(std::string spec) : m_spec(std::move(spec)) {}
    // Loads an explicitly given file now; its error when it does not load.
    [[nodiscard]] std::optional<std::string> load_explicit();
    // The kernel types for `program` of `object` (checked as `type_override`
    // when not empty): null for programs that need none, or when there are none.
    const model::KernelTypes* for_program(const model::BpfObject& object, const model::Program& program,
                                          const std::string& type_override);

    // The running kernel's own types (/sys/kernel/btf/vmlinux, the default),
    // when a program has made them read; null otherwise.
    [[nodiscard]] const model::KernelTypes* running_kernel() const { return m_spec.empty() ? m_types.get() : nullptr; }

private:
    std::string m_spec;
    bool m_tried = false;
    std::unique_ptr<model::KernelTypes> m_types;
};

}  // namespace bpfcheck::cli
