#include "analyzer/checks/number_origin.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

std::optional<NumberOrigin> number_origin(const AnalysisContext& context, int reg, const domains::Value& value) {
    const int index = value.error_argument();
    if (!value.is_scalar() || index < 0 || context.attach == nullptr) {
        return std::nullopt;
    }
    const model::AttachTarget& target = *context.attach;
    const auto i = static_cast<std::size_t>(index);
    std::string what;
    if (i < target.args.size()) {
        const model::KernelArg& arg = target.args[i];
        what = arg.name.empty() ? fmt::format(" ({})", arg.type_name)
                                : fmt::format(" ('{}', {})", arg.name, arg.type_name);
    }
    // btf_ctx_access: "marking pointer arg%d as scalar as it may encode error".
    return NumberOrigin{
        fmt::format("R{} is argument {}{} of {}, which the kernel hands over as a number: the tracepoint may "
                    "pass an error pointer there (raw_tp_null_args, Linux 6.13 and later: \"marking pointer "
                    "arg{} as scalar as it may encode error\")",
                    reg, index, what, target.section, index),
        "read the argument with BPF_CORE_READ (bpf_probe_read_kernel), or cast it with bpf_core_cast after "
        "checking it is not an error pointer (IS_ERR_VALUE)"};
}

}  // namespace bpfcheck::analyzer
