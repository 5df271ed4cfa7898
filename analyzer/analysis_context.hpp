// Everything one analysis reads, passed explicitly: the object and program,
// their CFG, the program type, the options (privilege, limits, kernel
// types) and, for tracing programs, their attach target's arguments.
#pragma once

#include "analyzer/platform/kernel_config.hpp"
#include "analyzer/platform/program_type.hpp"
#include "cfg/cfg.hpp"
#include "cfg/program/kernel_types.hpp"
#include "cfg/program/program.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace bpfcheck::analyzer {

struct AnalysisOptions {
    // With a program type given by the user (AnalyzeRequest::type_override):
    // the expected attach type the section name they gave carries
    // (--type cgroup/connect4), as libbpf would set it; empty: none.
    std::string attach_type_override;
    // Without CAP_BPF/CAP_PERFMON the kernel forbids reading uninitialised
    // stack, leaking pointers and comparing them.
    bool unprivileged = false;
    double timeout_seconds = 60;
    // The kernel the program will be loaded into, as KERNEL_VERSION(a, b, c)
    // = a << 16 | b << 8 | c: the value of the LINUX_KERNEL_VERSION kconfig
    // extern. 0: unknown.
    std::uint32_t kernel_version = 0;
    // Whether that kernel runs kprobe, tracepoint, perf_event, raw_tracepoint
    // and tracing programs on private stacks (analyzer/platform/private_stack.hpp):
    // its build decides, so the command line probes the running kernel or
    // takes --private-stack. Unset: private_stack_by_version(kernel_version).
    std::optional<bool> private_stack;
    // How private_stack was decided, for the diagnostics that depend on it
    // (e.g. "probed on the running kernel"); empty: the version rule.
    std::string private_stack_source;
    // Helpers the running kernel, asked (libbpf_probe_bpf_helper), does not
    // offer this program type although its version would: its build options
    // (CONFIG_BPF_KPROBE_OVERRIDE) or lockdown mode (bpf_probe_write_user)
    // leave them out. Empty: not asked (another target, or no bpf()).
    std::vector<std::int32_t> helpers_missing_on_running_kernel;
    // Non-weak kfuncs (by symbol) that neither the running kernel's BTF nor
    // a loaded module's has (cli/kernel/kfunc_presence.hpp): libbpf refuses
    // the object. Empty: not asked (another target, or no kernel BTF).
    std::vector<std::string> kfuncs_missing_on_running_kernel;
    // Kernel variables (ksyms, by symbol) the program loads whose names the
    // running kernel's symbol table lacks (cli/kernel/kallsyms_presence.hpp):
    // the kernel refuses the program. Empty: not asked.
    std::vector<std::string> ksyms_missing_from_kallsyms;
    std::uint64_t max_block_visits = 5'000'000;
    // The process's resident memory the analysis may grow to, in MiB (0: no limit).
    std::uint64_t max_memory_mib = 4096;
    // That kernel's build configuration (--kconfig), from which libbpf
    // fills the object's CONFIG_ externs. Null: unknown (their loads are
    // numbers).
    const KernelConfig* kernel_config = nullptr;
    // The kernel's types (--btf): tracing programs' arguments and the
    // structs their pointers point to. Null: untyped (reads unchecked).
    const model::KernelTypes* kernel_types = nullptr;
};

struct AnalysisContext {
    const model::BpfObject& object;
    const model::Program& program;
    const cfg::Cfg& cfg;
    const ProgramType& type;
    AnalysisOptions options;
    std::chrono::steady_clock::time_point deadline;
    // BtfArgs programs whose attach target kernel_types knows: its arguments.
    const model::AttachTarget* attach = nullptr;
};

// The program's expected attach type, as the loader's section rules named it
// for its type; when the analysis runs it as another type (--type), the one
// the user's section name carried, if any.
inline std::string_view expected_attach_type(const AnalysisContext& context) {
    return context.type.name == context.program.type ? std::string_view{context.program.attach_type}
                                                     : std::string_view{context.options.attach_type_override};
}

// The kernel function the program attaches to: as the kernel's BTF names
// it, else from its section ("fentry/vfs_open", "lsm/file_open" for hook
// bpf_lsm_file_open, "fexit/module:func"); empty for programs that attach to
// no function or name none.
inline std::string attach_function(const AnalysisContext& context) {
    if (context.attach != nullptr) {
        return context.attach->function;
    }
    const std::string_view type = context.type.name;
    if (type != "tracing" && type != "lsm") {
        return {};
    }
    std::string_view section = context.program.section;
    const std::size_t slash = section.find('/');
    if (slash == std::string_view::npos || expected_attach_type(context) == "trace_iter") {
        return {};
    }
    std::string_view name = section.substr(slash + 1);
    if (const std::size_t colon = name.find(':'); colon != std::string_view::npos) {
        name = name.substr(colon + 1);  // module:function
    }
    if (name.empty()) {
        return {};
    }
    return type == "lsm" ? "bpf_lsm_" + std::string{name} : std::string{name};
}

// An lsm_mac program whose hook the kernel's BTF names: its return range is
// the hook's (bpf_lsm_get_retval_range).
inline bool lsm_mac_with_hook(const AnalysisContext& context) {
    return context.type.name == "lsm" && expected_attach_type(context) == "lsm_mac" && context.attach != nullptr;
}

// The BTF prototype of the program's entry function, or nullptr.
inline const model::FunctionSignature* entry_signature(const AnalysisContext& context) {
    if (context.program.functions.empty() ||
        context.program.functions.front().function >= context.object.functions.size()) {
        return nullptr;
    }
    const auto& signature = context.object.functions[context.program.functions.front().function].signature;
    return signature ? &*signature : nullptr;
}

}  // namespace bpfcheck::analyzer
