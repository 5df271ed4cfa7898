// bpfcheck's command line: parses arguments with CLI11 and dispatches to the
// subcommands. Usage errors exit with 2, like bad input.
#include "cfg/loader/section_types.hpp"
#include "cli/commands.hpp"
#include "cli/explain/explain_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

// --type takes a program type as `list` prints it, or a section name that a
// loader convention types ("tc", "classifier", "lwt_out"), as users write it;
// an unknown one is kept, for the command to refuse, naming it. A section
// name's expected attach type goes to `attach` (when given).
void add_type_option(CLI::App* command, std::string& type, std::string* attach = nullptr) {
    command
        ->add_option("--type", type,
                     "Program type (as `list` prints, or a section name such as tc) for sections no convention names")
        ->transform(
            [attach](const std::string& value) {
                if (attach != nullptr) {
                    *attach = bpfcheck::loader::attach_type_named(value);
                }
                return bpfcheck::loader::program_type_named(value);
            },
            "", "type");
}

int run(int argc, char** argv) {
    using namespace bpfcheck::cli;
    CLI::App app{"bpfcheck: static verifier for eBPF objects"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "bpfcheck 0.1.0");

    ListOptions list;
    auto* list_cmd = app.add_subcommand("list", "List the programs and maps of a BPF object");
    list_cmd->add_option("object", list.object, "BPF ELF object")->required();
    list_cmd->add_option("--format", list.format, "Output format")->check(CLI::IsMember({"text", "json"}));

    DisasmOptions disasm;
    auto* disasm_cmd = app.add_subcommand("disasm", "Print instructions as the kernel verifier log does");
    disasm_cmd->add_option("object", disasm.object, "BPF ELF object")->required();
    disasm_cmd->add_option("--program", disasm.programs, "Only this program (repeatable)");

    CfgOptions cfg;
    auto* cfg_cmd = app.add_subcommand("cfg", "Print a program's control-flow graph");
    cfg_cmd->add_option("object", cfg.object, "BPF ELF object")->required();
    cfg_cmd->add_option("--program", cfg.program,
                        "Program name (dot output needs one when the object has several; text prints all)");
    cfg_cmd->add_option("--format", cfg.format, "Output format")->check(CLI::IsMember({"dot", "text"}));

    CheckOptions check;
    auto* check_cmd = app.add_subcommand("check", "Verify programs: prove memory safety, report violations");
    check_cmd->add_option("object", check.objects, "BPF ELF object(s)")->required();
    check_cmd->add_option("--program", check.programs, "Only this program (repeatable)");
    add_type_option(check_cmd, check.type, &check.type_attach);
    check_cmd->add_flag("--unprivileged", check.unprivileged, "Apply the rules for loaders without CAP_PERFMON");
    check_cmd->add_option("--format", check.format, "Output format")
        ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
    check_cmd->add_flag("--invariants", check.invariants, "Print the abstract state before each instruction");
    check_cmd->add_option("--kernel", check.kernel,
                          "Target kernel version(s) X.Y[.Z][,...], one verdict each (default: the running kernel)");
    check_cmd->add_option("-j,--jobs", check.jobs, "Worker threads (default: the number of cores)");
    check_cmd->add_option("--source-root", check.source_root, "SARIF/GitHub paths are relative to this directory");
    check_cmd->add_option("--config", check.config, "Config file (default: the nearest .bpfcheck.yaml)");
    check_cmd->add_option("--baseline", check.baseline, "Report only findings not in this baseline");
    check_cmd->add_option("--write-baseline", check.write_baseline, "Record the current findings as a baseline");
    check_cmd
        ->add_option("--private-stack", check.private_stack,
                     "Does the target kernel run kprobe/tracepoint/perf_event/raw_tp/tracing programs on private "
                     "stacks (no 512-byte limit on a call chain): auto (probe the running kernel, cached per boot; "
                     "for --kernel, that release's default), yes, no")
        ->check(CLI::IsMember({"auto", "yes", "no"}));
    check_cmd->add_option(
        "--btf", check.btf,
        "Kernel BTF that types tracing programs (default: /sys/kernel/btf/vmlinux when present; none: no types)");
    check_cmd->add_option("--kconfig", check.kconfig,
                          "Kernel build configuration that fills CONFIG_ externs, as libbpf does (default: the running "
                          "kernel's /boot/config-$(uname -r) or /proc/config.gz; none: unknown)");
    check_cmd->add_option("--timeout", check.timeout_seconds, "Analysis time limit per program, in seconds")
        ->check(CLI::PositiveNumber);
    check_cmd->add_option("--max-memory", check.max_memory_mib, "Memory budget of the analysis, in MiB (0: none)");

    CompareOptions compare;
    auto* compare_cmd = app.add_subcommand(
        "compare", "Compare bpfcheck's verdicts, time and memory with the running kernel's verifier");
    compare_cmd->add_option("inputs", compare.inputs, "BPF ELF objects, or directories (every *.o, recursively)")
        ->required();
    compare_cmd->add_option("--program", compare.programs, "Only this program (repeatable)");
    add_type_option(compare_cmd, compare.type, &compare.type_attach);
    compare_cmd->add_flag("--unprivileged", compare.unprivileged,
                          "Analyse, and load, without CAP_SYS_ADMIN and CAP_PERFMON");
    compare_cmd->add_option("--format", compare.format, "Output format")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    compare_cmd
        ->add_option("--private-stack", compare.private_stack,
                     "Does the running kernel give tracing programs private stacks: auto (probe it), yes, no")
        ->check(CLI::IsMember({"auto", "yes", "no"}));
    compare_cmd->add_option(
        "--btf", compare.btf,
        "Kernel BTF that types tracing programs (default: /sys/kernel/btf/vmlinux when present; none: no types)");
    compare_cmd->add_option(
        "--kconfig", compare.kconfig,
        "Kernel build configuration that fills CONFIG_ externs, as libbpf does (default: the running "
        "kernel's /boot/config-$(uname -r) or /proc/config.gz; none: unknown)");
    compare_cmd
        ->add_option("--timeout", compare.timeout_seconds, "bpfcheck's analysis time limit per program, in seconds")
        ->check(CLI::PositiveNumber);
    compare_cmd->add_option("--max-memory", compare.max_memory_mib, "Memory budget of the analysis, in MiB (0: none)");

    ExplainOptions explain;
    auto* explain_cmd = app.add_subcommand("explain", "Explain why the kernel's verifier refused a program");
    explain_cmd->add_option("log", explain.log, "Verifier log file (- for standard input)");
    explain_cmd->add_option("--object", explain.object, "The BPF object the log is about (or to load and explain)");
    explain_cmd->add_option("--program", explain.program, "The program of the object");
    add_type_option(explain_cmd, explain.type);
    explain_cmd->add_option("--format", explain.format, "Output format")
        ->check(CLI::IsMember({"text", "json", "html"}));
    explain_cmd->add_option("--btf", explain.btf, "Kernel BTF for bpfcheck's analysis (as for check)");
    explain_cmd->add_flag("--unprivileged", explain.unprivileged,
                          "Analyse, and load, without CAP_SYS_ADMIN/CAP_PERFMON");
    explain_cmd->add_flag("--catalog", explain.catalog, "Print the catalog of the kernel's messages bpfcheck knows");
    explain_cmd->add_flag("--no-kernel", explain.no_kernel, "With --object and no log: explain bpfcheck's own error");
    MinKernelOptions min_kernel;
    auto* min_kernel_cmd =
        app.add_subcommand("min-kernel", "Oldest kernel release each program loads on, and what blocks older ones");
    min_kernel_cmd->add_option("object", min_kernel.objects, "BPF ELF objects, or directories")->required();
    min_kernel_cmd->add_option("--program", min_kernel.programs, "Only this program (repeatable)");
    add_type_option(min_kernel_cmd, min_kernel.type);
    min_kernel_cmd->add_option("--format", min_kernel.format, "Output format")->check(CLI::IsMember({"text", "json"}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? kExitOk : kExitBadInput;
    }
    try {
        if (list_cmd->parsed()) {
            return run_list(list);
        }
        if (disasm_cmd->parsed()) {
            return run_disasm(disasm);
        }
        if (cfg_cmd->parsed()) {
            return run_cfg(cfg);
        }
        if (check_cmd->parsed()) {
            return run_check(check);
        }
        if (compare_cmd->parsed()) {
            return run_compare(compare);
        }
        if (explain_cmd->parsed()) {
            return run_explain(explain);
        }
        if (min_kernel_cmd->parsed()) {
            return run_min_kernel(min_kernel);
        }
    } catch (const std::exception& error) {
        std::cerr << "bpfcheck: internal error: " << error.what() << "\n";
        return kExitBadInput;
    }
    return kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        std::cerr << "bpfcheck: internal error: " << error.what() << "\n";
        return 2;
    }
}
