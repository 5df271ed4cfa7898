// The per-helper argument rules of check_helper_call (verifier.c, 6.12),
// after check_func_arg has checked each argument's kind.
#include "analyzer/checks/calls/helpers/helper_call_rules.hpp"

#include <fmt/format.h>

#include <string>

namespace bpfcheck::analyzer {
namespace {

constexpr std::int32_t kHelperGetLocalStorage = 81;
constexpr std::int64_t kMaxErrno = 4095;

// `case BPF_FUNC_get_local_storage: if (!register_is_null(&regs[BPF_REG_2]))
// "get_local_storage() doesn't support non-zero flags"`.
void check_local_storage_flags(std::uint32_t pc, const domains::MachineState& state, Reporter& reporter) {
    const domains::Value& flags = state.reg(2);
    if (flags.is_scalar() && flags.number().as_constant() == 0U) {
        return;
    }
    if (flags.kind() == domains::Kind::Uninit) {
        return;  // uninit.register says it
    }
    reporter.error("helper.arg_type", pc,
                   fmt::format("get_local_storage() doesn't support non-zero flags: R2 is {}", flags.to_string()), {},
                   "pass 0 as bpf_get_local_storage's flags");
}

}  // namespace

void check_ctx_arg_offset(std::uint32_t pc, int reg, const domains::Value& pointer, Reporter& reporter) {
    const auto offset = pointer.number().as_constant();
    if (offset && *offset == 0U) {
        return;
    }
    std::string message;
    if (!offset) {
        message = fmt::format("variable ctx access var_off={} disallowed: R{} is the context plus a variable offset",
                              pointer.number().to_string(), reg);
    } else if (static_cast<std::int64_t>(*offset) < 0) {
        message = fmt::format("negative offset ctx ptr R{} off={} disallowed", reg, static_cast<std::int64_t>(*offset));
    } else {
        message = fmt::format("dereference of modified ctx ptr R{} off={} disallowed", reg, *offset);
    }
    reporter.error("helper.arg_type", pc, std::move(message), {},
                   fmt::format("pass the context pointer itself (the program's first argument) as R{}", reg));
}

void check_release_arg_offset(std::uint32_t pc, int reg, const domains::Value& pointer, Reporter& reporter) {
    if (!pointer.is_pointer()) {
        return;
    }
    const auto offset = pointer.number().as_constant();
    if (offset && *offset == 0U) {
        return;
    }
    reporter.error("helper.arg_type", pc,
                   fmt::format("R{} must have zero offset when passed to release func: its offset is {}", reg,
                               pointer.number().to_string()),
                   {pointer.to_string()}, "release the pointer the helper returned, not a pointer into it");
}

void check_helper_call_rules(std::uint32_t pc, std::int32_t helper, const domains::MachineState& state,
                             Reporter& reporter) {
    if (state.is_bottom()) {
        return;
    }
    if (helper == kHelperGetLocalStorage) {
        check_local_storage_flags(pc, state, reporter);
    }
}

std::optional<domains::Scalar> refined_return_range(std::int32_t helper, const domains::MachineState& before) {
    // The register holding the size (meta->msize_max_value comes from it).
    int size_reg = 0;
    switch (helper) {
        case 67:   // bpf_get_stack(ctx, buf, size, flags)
        case 141:  // bpf_get_task_stack(task, buf, size, flags)
            size_reg = 3;
            break;
        case 45:   // bpf_probe_read_str(dst, size, src)
        case 114:  // bpf_probe_read_user_str
        case 115:  // bpf_probe_read_kernel_str
            size_reg = 2;
            break;
        default:
            return std::nullopt;
    }
    if (before.is_bottom() || !before.reg(size_reg).is_scalar()) {
        return std::nullopt;
    }
    const std::uint64_t msize = before.reg(size_reg).number().umax;
    if (msize > 0x7fffffffU) {
        return std::nullopt;  // refused as a size already
    }
    // ret->smax = s32_max = msize_max_value (as the kernel's s64 and s32 fields take it)
    domains::Scalar r = domains::Scalar::top();
    r.smin = -kMaxErrno;
    r.smax = static_cast<std::int64_t>(msize);
    r.s32min = static_cast<std::int32_t>(-kMaxErrno);
    r.s32max = static_cast<std::int32_t>(static_cast<std::uint32_t>(msize));
    r.reduce();
    if (r.is_bottom()) {
        return std::nullopt;
    }
    return r;
}

}  // namespace bpfcheck::analyzer
