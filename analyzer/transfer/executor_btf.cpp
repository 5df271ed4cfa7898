// Tracing programs (fentry/fexit/fmod_ret, lsm, tp_btf, iter) against the
// kernel's BTF: the context is the attach target's arguments, one 8-byte slot
// each (btf_ctx_access in kernel/bpf/btf.c), and pointers to kernel structs
// are read member by member (check_ptr_to_btf_access in verifier.c, through
// btf_struct_access). Pointer arguments are PTR_TO_BTF_ID; so are pointer
// members read from them (untrusted, but readable: the JIT turns such reads
// into loads that fault safely, so the kernel does not ask for NULL checks).
// Pointers to anything but a struct are numbers to the kernel.
//
// What stays unchecked, as before: BTF pointers of unknown type (region 0:
// helpers such as bpf_get_current_task_btf, ksyms, joins of different
// types), and instructions carrying a CO-RE relocation, whose offsets libbpf
// rewrites for the running kernel at load time (we do not apply CO-RE).
#include "analyzer/transfer/executor.hpp"
#include "cfg/program/map_type.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;
using model::KernelArg;

namespace {

Value scalar_of_width(int width) {
    return width == 8 ? Value::unknown_scalar() : Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
}

// A BTF pointer of unknown type: "pointer or number", reads unchecked.
Value untyped_btf() {
    return Value::pointer(Kind::BtfId, 0, Scalar::constant(0));
}

}  // namespace

Value Executor::access_btf_args(std::uint32_t pc, int base, std::int64_t off, int width, MachineState& state,
                                Reporter* reporter) const {
    const model::AttachTarget& target = *m_context.attach;
    auto fail = [&](std::string message) {
        if (reporter != nullptr) {
            reporter->error("ctx.bad_access", pc, std::move(message), {describe(state, base)});
        }
        return Value::unknown_scalar();
    };
    if (off % 8 != 0) {
        return fail(fmt::format("invalid bpf_context access off={} size={}: func '{}' offset {} is not multiple of 8",
                                off, width, target.function, off));
    }
    // The argument whose slots hold `off`; past them, the return value where
    // the program may read it.
    const KernelArg* arg = nullptr;
    std::int64_t slot_end = 0;
    std::size_t index = 0;
    for (; index < target.args.size(); ++index) {
        slot_end += 8 * static_cast<std::int64_t>(target.args[index].slots());
        if (off < slot_end) {
            arg = &target.args[index];
            break;
        }
    }
    if (arg == nullptr && target.ret && off < slot_end + 8) {
        arg = &*target.ret;
        // The return value an lsm_mac program reads is within the range its
        // hook allows (btf_ctx_access is_retval, __mark_reg_s32_range).
        if (const auto range = exit_return_range(); range && lsm_mac_with_hook(m_context) && width == 8) {
            Scalar retval = Scalar::signed_range(range->min, range->max);
            retval.s32min = static_cast<std::int32_t>(range->min);
            retval.s32max = static_cast<std::int32_t>(range->max);
            retval.reduce();
            return Value::scalar(retval);
        }
    }
    if (arg == nullptr) {
        const std::size_t kernel_index = off < slot_end + 8 ? target.args.size() : target.args.size() + 1;
        return fail(
            fmt::format("invalid bpf_context access off={} size={}: func '{}' doesn't have {}-th argument "
                        "({} has {} argument{}{})",
                        off, width, target.function, kernel_index + 1, target.section, target.args.size(),
                        target.args.size() == 1 ? "" : "s", target.ret ? ", then its return value" : ""));
    }
    const std::string what =
        arg->name.empty() ? std::string("the return value") : fmt::format("arg{} '{}'", index, arg->name);
    switch (arg->kind) {
        case KernelArg::Kind::Unreadable:
            return fail(
                fmt::format("invalid bpf_context access off={} size={}: func '{}' {} has type {}. Only pointer "
                            "access is allowed",
                            off, width, target.function, what, arg->type_name));
        case KernelArg::Kind::Scalar:
            return scalar_of_width(width);
        default:
            break;
    }
    if (width != 8) {
        return fail(
            fmt::format("invalid bpf_context access off={} size={}: func '{}' size {} must be 8 ({} is a "
                        "pointer, {})",
                        off, width, target.function, width, what, arg->type_name));
    }
    if (arg->kind == KernelArg::Kind::OtherPointer) {
        // btf_ctx_access: "the same as scalar from the verifier safety POV"
        // (iterators' buffers excepted, typed by their registration).
        return target.iterator ? untyped_btf() : Value::unknown_scalar();
    }
    if (arg->nullable) {
        return Value::pointer(Kind::BtfIdOrNull, arg->type_id, Scalar::constant(0), kNullableIdBase + pc);
    }
    return Value::pointer(Kind::BtfId, arg->type_id, Scalar::constant(0));
}

Value Executor::access_btf(std::uint32_t pc, int base, const Value& pointer, std::int64_t offset, int width,
                           bool is_write, MachineState& state, Reporter* reporter) const {
    auto fail = [&](std::string id, std::string message, std::string hint = {}) {
        if (reporter != nullptr) {
            reporter->error(std::move(id), pc, std::move(message), {describe(state, base)}, std::move(hint));
        }
        return Value::unknown_scalar();
    };
    if (domains::is_alloc_region(pointer.region())) {
        // An object the program allocated (MEM_ALLOC): its own type, which
        // it reads and writes (check_ptr_to_btf_access); bpfcheck does not
        // read that type, so the access is not checked further.
        return scalar_of_width(width);
    }
    if (is_write) {
        return fail("pointer.btf_write",
                    fmt::format("write through R{}, a kernel (BTF) pointer, is not allowed", base));
    }
    const model::KernelTypes* types = m_context.options.kernel_types;
    if (pointer.region() == 0 || types == nullptr || has_core_reloc(pc)) {
        return width == 8 ? untyped_btf() : Value::unknown_scalar();
    }
    const std::string type_name = types->type_name(pointer.region());
    const auto constant = pointer.number().as_constant();
    if (!constant) {
        return fail("btf.bad_access",
                    fmt::format("R{} is a pointer to {} with a variable offset ({}): the kernel reads BTF pointers "
                                "only at constant offsets",
                                base, type_name, pointer.number().to_string()),
                    "read kernel memory at a variable offset with bpf_probe_read_kernel");
    }
    const std::int64_t off = static_cast<std::int64_t>(*constant) + offset;
    if (off < 0 || off > 0xffffffffLL) {
        return fail("btf.bad_access",
                    fmt::format("R{} is a pointer to {}: invalid negative access: off={}", base, type_name, off));
    }
    const model::MemberRead read =
        types->read_member(pointer.region(), static_cast<std::uint32_t>(off), static_cast<std::uint32_t>(width));
    switch (read.kind) {
        case model::MemberRead::Kind::Invalid:
            return fail(
                "btf.bad_access",
                fmt::format("{}-byte read at off {} of {} through R{}: {}", width, off, type_name, base, read.error),
                fmt::format("read members of {} as the kernel's BTF ({}) lays them out", type_name, types->source()));
        case model::MemberRead::Kind::StructPointer:
            return Value::pointer(Kind::BtfId, read.type_id, Scalar::constant(0));
        case model::MemberRead::Kind::OtherPointer:
            // The kernel makes it untrusted read-only memory of size 0 (older
            // kernels: a number): only helpers such as bpf_probe_read_kernel
            // may read what it points to.
            return Value::unknown_scalar();
        case model::MemberRead::Kind::Scalar:
            break;
    }
    return scalar_of_width(width);
}

namespace {

// The struct a map type's ops name as its BTF type (map->ops->map_btf_id),
// for the common map types; empty: not checked here.
std::string_view map_struct_name(std::uint32_t map_type) {
    namespace mt = model::map_type;
    switch (map_type) {
        case mt::kArray:
        case mt::kPercpuArray:
        case mt::kProgArray:
        case mt::kPerfEventArray:
        case mt::kCgroupArray:
        case mt::kArrayOfMaps:
            return "bpf_array";
        case mt::kHash:
        case mt::kPercpuHash:
        case mt::kLruHash:
        case mt::kLruPercpuHash:
        case mt::kHashOfMaps:
            return "bpf_htab";
        default:
            return {};
    }
}

}  // namespace

// check_ptr_to_map_access: with CAP_PERFMON a program may read the map's
// kernel struct (struct bpf_array for an array, ...), at non-negative
// offsets, member by member as btf_struct_access walks it.
Value Executor::access_map_struct(std::uint32_t pc, int base, const Value& pointer, std::int64_t offset, int width,
                                  MachineState& state, Reporter* reporter) const {
    // "R%d is %s invalid negative access": whatever the map's struct, with or without its BTF.
    if (const auto constant = pointer.number().as_constant();
        constant && static_cast<std::int64_t>(*constant) + offset < 0 && !has_core_reloc(pc)) {
        if (reporter != nullptr) {
            reporter->error("btf.bad_access", pc,
                            fmt::format("R{} is a map's struct: invalid negative access: off={}", base,
                                        static_cast<std::int64_t>(*constant) + offset),
                            {describe(state, base)}, "read the map's fields at their offsets from the map pointer");
        }
        return Value::unknown_scalar();
    }
    const model::KernelTypes* types = m_context.options.kernel_types;
    const auto& maps = m_context.object.maps;
    if (types == nullptr || pointer.region() >= maps.size() || has_core_reloc(pc)) {
        return Value::unknown_scalar();
    }
    const std::string_view name = map_struct_name(maps[pointer.region()].type);
    const std::uint32_t id = name.empty() ? 0 : types->find_struct(name);
    if (id == 0) {
        return Value::unknown_scalar();
    }
    return access_btf(pc, base, Value::pointer(Kind::BtfId, id, pointer.number()), offset, width, false, state,
                      reporter);
}

}  // namespace bpfcheck::analyzer
