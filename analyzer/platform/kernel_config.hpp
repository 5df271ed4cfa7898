// A kernel's build configuration, as libbpf reads it to fill an object's
// `.kconfig` externs (bpf_object__read_kconfig_file: /boot/config-$(uname -r),
// else /proc/config.gz), and the bytes libbpf writes for each extern
// (bpf_object__resolve_externs, set_kcfg_value_*). libbpf freezes the
// `.kconfig` map read-only, so the verifier reads those bytes as constants
// (bpf_map_direct_read): a branch on `CONFIG_X` or `LINUX_KERNEL_VERSION` is
// decided when the program loads, and the kernel never walks the other side.
#pragma once

#include "cfg/program/program.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bpfcheck::analyzer {

struct KernelConfig {
    // CONFIG_X -> what follows '=' on its line ("y", "m", "250", "\"str\"");
    // a "# CONFIG_X is not set" line names nothing, as for libbpf.
    std::unordered_map<std::string, std::string> values;
};

KernelConfig parse_kernel_config(std::string_view text);

// The bytes libbpf writes for `ext` (ext.size of them, at least one) into
// the `.kconfig` map of a kernel of `kernel_version` (KERNEL_VERSION(a, b,
// c); 0: unknown) built with `config` (null: unknown). Nullopt when they
// cannot be known here, and where libbpf refuses the extern (a strong
// CONFIG_ extern the configuration lacks, 'm' for a bool, a number for a
// string, a value out of the type's range): the object does not load then.
// The LINUX_ externs are libbpf's own: LINUX_KERNEL_VERSION, and
// LINUX_HAS_BPF_COOKIE and LINUX_HAS_SYSCALL_WRAPPER as its probes answer
// on x86-64 (Linux 5.15 and 4.17 on); an unknown weak one is 0.
std::optional<std::vector<std::uint8_t>> kconfig_extern_bytes(const model::KconfigExtern& ext,
                                                              const KernelConfig* config, std::uint32_t kernel_version);

// A `width`-byte load at `offset` of the `.kconfig` map: the constant
// libbpf put there, when known (kconfig_extern_bytes).
std::optional<std::uint64_t> kconfig_load(std::span<const model::KconfigExtern> externs, const KernelConfig* config,
                                          std::uint32_t kernel_version, std::int64_t offset, int width);

}  // namespace bpfcheck::analyzer
