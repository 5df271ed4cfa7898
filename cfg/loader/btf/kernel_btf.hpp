// Reading the kernel's types (vmlinux BTF) with libbpf, behind the
// model::KernelTypes interface (cfg/program/kernel_types.hpp).
#pragma once

#include "cfg/expected.hpp"
#include "cfg/program/kernel_types.hpp"

#include <memory>
#include <string>

struct btf;

namespace bpfcheck::loader {

using namespace model;  // NOLINT(google-build-using-namespace): the loader implements the model

// Parses a BTF file (raw, as /sys/kernel/btf/vmlinux, or an ELF with .BTF).
Expected<std::unique_ptr<KernelTypes>> load_kernel_btf(const std::string& path);

// libbpf's handle on the types load_kernel_btf read (null for other
// KernelTypes): the base a module's split BTF is read against.
const btf* libbpf_types(const KernelTypes& types);

}  // namespace bpfcheck::loader
