// The subcommands of the bpfcheck command line, each a function from parsed
// options to an exit code (0 success, 1 violations found, 2 bad input or usage).
#pragma once

#include <string>
#include <vector>

namespace bpfcheck::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitViolation = 1;
inline constexpr int kExitBadInput = 2;

struct ListOptions {
    std::string object;
    std::string format = "text";
};

struct DisasmOptions {
    std::string object;
    std::vector<std::string> programs;
    bool raw_bytes = false;
};

struct CfgOptions {
    std::string object;
    std::string program;
    std::string format = "dot";
};

struct CheckOptions {
    std::vector<std::string> objects;  // objects, or directories searched for BPF ELF files
    std::vector<std::string> programs;
    std::string type;
    std::string type_attach;  // the expected attach type --type's section name carries
    std::string format = "text";
    bool unprivileged = false;
    bool invariants = false;
    double timeout_seconds = 60;
    std::uint64_t max_memory_mib = 4096;
    std::string kernel;  // target kernel "X.Y[.Z]"; empty: the running kernel
    // Does the target give tracing programs private stacks: auto (probe the
    // running kernel; the version rule for --kernel), yes, no.
    std::string private_stack = "auto";
    std::string btf;  // kernel BTF file; empty: /sys/kernel/btf/vmlinux when present; "none"
    std::string
        kconfig;        // kernel configuration file; empty: the running kernel's (cli/kernel_config_option.hpp); "none"
    unsigned jobs = 0;  // worker threads; 0: the number of cores
    // CI: cli/ci/ (config, baseline, suppressions), cli/report/ (sarif, github).
    std::string source_root;     // what SARIF and GitHub paths are relative to; empty: the current directory
    std::string config;          // .bpfcheck.yaml; empty: the nearest one above each object
    std::string baseline;        // report only findings not in it
    std::string write_baseline;  // record the findings in it
};

// `min-kernel`: see cli/min_kernel/min_kernel_command.cpp.
struct MinKernelOptions {
    std::vector<std::string> objects;
    std::vector<std::string> programs;
    std::string type;
    std::string format = "text";
};

// `compare`: see compare_command.cpp.
struct CompareOptions {
    std::vector<std::string> inputs;  // objects, or directories searched recursively for *.o
    std::vector<std::string> programs;
    std::string type;
    std::string type_attach;  // the expected attach type --type's section name carries
    std::string format = "table";
    bool unprivileged = false;
    double timeout_seconds = 60;
    std::uint64_t max_memory_mib = 4096;
    std::string btf;                     // as CheckOptions::btf
    std::string kconfig;                 // as CheckOptions::kconfig
    std::string private_stack = "auto";  // as CheckOptions::private_stack (auto: probe the running kernel)
};

int run_list(const ListOptions& options);
int run_disasm(const DisasmOptions& options);
int run_cfg(const CfgOptions& options);
int run_check(const CheckOptions& options);
int run_compare(const CompareOptions& options);
int run_min_kernel(const MinKernelOptions& options);

}  // namespace bpfcheck::cli
