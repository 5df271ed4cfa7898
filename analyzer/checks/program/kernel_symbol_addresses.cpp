// Kernel variables without an address in the kernel's symbol table (see
// kernel_symbol_addresses.hpp).
#include "analyzer/checks/program/kernel_symbol_addresses.hpp"

#include "analyzer/platform/kfuncs/kfunc_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace bpfcheck::analyzer {

void check_kernel_symbol_addresses(const AnalysisContext& context, Reporter& reporter) {
    const auto& missing = context.options.ksyms_missing_from_kallsyms;
    if (missing.empty()) {
        return;
    }
    const model::Program& program = context.program;
    const model::KernelTypes* types = context.options.kernel_types;
    std::vector<std::string> reported;  // once per variable, at its first load
    for (std::uint32_t pc = 0; pc < program.refs.size(); ++pc) {
        const model::InsnRef& ref = program.refs[pc];
        if (ref.kind != model::RelocKind::Ksym ||
            std::find(missing.begin(), missing.end(), ref.symbol) == missing.end() ||
            std::find(reported.begin(), reported.end(), ref.symbol) != reported.end()) {
            continue;
        }
        // A __weak variable the kernel's BTF lacks too is relocated to 0 by
        // libbpf: the kernel never looks it up (without the kernel's BTF,
        // whether it does is unknown: not reported).
        if (ref.weak && (types == nullptr || types->has_symbol(essential_name(ref.symbol)) != true)) {
            continue;
        }
        reporter.error("ksym.unavailable", pc,
                       fmt::format("ldimm64 failed to find the address for kernel symbol '{}': the running kernel's "
                                   "symbol table (/proc/kallsyms) does not list it, so the kernel refuses the "
                                   "program before verifying it (kernels built without CONFIG_KALLSYMS_ALL list "
                                   "functions, not variables)",
                                   essential_name(ref.symbol)),
                       {}, "load on a kernel built with CONFIG_KALLSYMS_ALL, or read the value another way");
        reported.push_back(ref.symbol);
    }
}

}  // namespace bpfcheck::analyzer
