// Which kernel functions a program calls that the running kernel does not
// have: libbpf resolves every non-weak kfunc extern in the kernel's BTF or a
// loaded module's (/sys/kernel/btf/vmlinux, /sys/kernel/btf/<module>) and
// refuses the object when one is in neither ("extern (func ksym) 'X': not
// found in kernel or module BTFs"). The analysis then reports the call
// instead of reading its result as a number (AnalysisOptions::
// kfuncs_missing_on_running_kernel).
#pragma once

#include "cfg/program/kernel_types.hpp"
#include "cfg/program/program.hpp"

#include <string>
#include <vector>

namespace bpfcheck::cli {

// Of the non-weak kfuncs `program` calls, those neither the running kernel's
// BTF nor a loaded module's has; empty when /sys/kernel/btf/vmlinux cannot
// be read. `vmlinux`: the running kernel's types where the command has read
// them already (KernelBtfOption::running_kernel), else null and they are
// read here. The BTFs are read once per process, modules only when a kfunc
// is not in vmlinux.
std::vector<std::string> kfuncs_missing_on_running_kernel(const model::Program& program,
                                                          const model::KernelTypes* vmlinux);

}  // namespace bpfcheck::cli
