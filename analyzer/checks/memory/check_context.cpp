// The context and BTF regions of ValidAccess. The context is accessed
// through the unmodified pointer the program received, at the offsets of
// the program type's layout with the widths each field allows
// (check_ctx_access, the per-type *_is_valid_access of net/core/filter.c);
// tracing programs' contexts are their attach target's arguments, one
// 8-byte slot each (btf_ctx_access); BTF-typed kernel pointers are read
// member by member at constant offsets (check_ptr_to_btf_access).
#include "analyzer/checks/checker.hpp"
#include "analyzer/checks/memory/memory_checks.hpp"
#include "analyzer/checks/memory/struct_ops_access.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/platform/license.hpp"
#include "analyzer/platform/lsm_hooks.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/memory_regions.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Value;
using model::KernelArg;

namespace {

void fail(const AccessSite& site, std::string id, std::string message, std::string hint = {}) {
    site.reporter.error(std::move(id), site.pc, std::move(message), {describe_value(site.base, site.base_value)},
                        std::move(hint));
}

void check_btf_args_access(const AccessSite& site, std::int64_t off, int width) {
    const model::AttachTarget& target = *site.context.attach;
    if (off % 8 != 0) {
        fail(site, "ctx.bad_access",
             fmt::format("invalid bpf_context access off={} size={}: func '{}' offset {} is not multiple of 8", off,
                         width, target.function, off));
        return;
    }
    const BtfArgSlot slot = btf_arg_at(target, off);
    const KernelArg* arg = slot.arg;
    if (arg != nullptr && slot.index == target.args.size() && lsm_mac_with_hook(site.context) && width == 8 &&
        site.executor.exit_return_range()) {
        return;  // an lsm_mac program's return value, in its hook's range
    }
    if (arg == nullptr) {
        const std::size_t kernel_index = off < slot.slot_end + 8 ? target.args.size() : target.args.size() + 1;
        fail(site, "ctx.bad_access",
             fmt::format("invalid bpf_context access off={} size={}: func '{}' doesn't have {}-th argument "
                         "({} has {} argument{}{})",
                         off, width, target.function, kernel_index + 1, target.section, target.args.size(),
                         target.args.size() == 1 ? "" : "s", target.ret ? ", then its return value" : ""));
        return;
    }
    const std::string what =
        arg->name.empty() ? std::string("the return value") : fmt::format("arg{} '{}'", slot.index, arg->name);
    switch (arg->kind) {
        case KernelArg::Kind::Unreadable:
            fail(site, "ctx.bad_access",
                 fmt::format("invalid bpf_context access off={} size={}: func '{}' {} has type {}. Only pointer "
                             "access is allowed",
                             off, width, target.function, what, arg->type_name));
            return;
        case KernelArg::Kind::Scalar:
            return;
        default:
            break;
    }
    if (width != 8) {
        fail(site, "ctx.bad_access",
             fmt::format("invalid bpf_context access off={} size={}: func '{}' size {} must be 8 ({} is a "
                         "pointer, {})",
                         off, width, target.function, width, what, arg->type_name));
    }
}

void check_field_access(const AccessSite& site, std::int64_t off, int width, bool is_write) {
    const AnalysisContext& context = site.context;
    const ProgramType& type = context.type;
    const ContextFieldMatch match = match_context_field(context, off, width, is_write);
    if (match.decided != nullptr) {
        if (match.needs_cap_bpf) {
            const ContextField& field = *match.decided;
            fail(site, "ctx.bad_access",
                 fmt::format("invalid bpf_context access off={} size={}: {}.{} {} CAP_BPF", off, width,
                             type.context_struct, field.name,
                             (field.cap_bpf & kCapBpfAny) != 0 ? "is readable only with" : "may be written only with"),
                 "load the program with CAP_BPF, or do without the field");
        } else if (match.read_only) {
            fail(site, "ctx.read_only",
                 fmt::format("write to read-only context field {}.{} (off={})", type.context_struct,
                             match.decided->name, off));
        }
        return;
    }
    if (match.refused == nullptr && match.unavailable != nullptr) {
        fail(site, "ctx.bad_access",
             fmt::format("invalid bpf_context access off={} size={}: {}.{} is available only to programs "
                         "of other attach types (section '{}' does not select one)",
                         off, width, type.context_struct, match.unavailable->name, context.program.section),
             match.unavailable->name == "egress_ifindex" ? "read egress_ifindex only in a SEC(\"xdp/devmap\") program"
                                                         : "use a section name whose attach type provides this field");
        return;
    }
    if (match.refused != nullptr) {
        const ContextField& field = *match.refused;
        const int element = field.element != 0 ? field.element : static_cast<int>(field.size);
        fail(site, "ctx.bad_access",
             is_write ? fmt::format("invalid bpf_context access off={} size={}: writes to {}.{} must be {} "
                                    "bytes{}",
                                    off, width, type.context_struct, field.name, element,
                                    field.wide ? " (or 8, 8-aligned)" : "")
                      : fmt::format("invalid bpf_context access off={} size={}: field {}.{} is {} bytes at "
                                    "offset {}{}",
                                    off, width, type.context_struct, field.name, field.size, field.offset,
                                    field.element != 0 ? fmt::format(" ({}-byte elements)", element) : ""));
        return;
    }
    fail(site, "ctx.bad_access",
         fmt::format(
             "invalid bpf_context access off={} size={}: no field of {} there", off, width,
             type.context_struct.empty() ? std::string_view{"this program type's context"} : type.context_struct));
}

}  // namespace

void check_context_access(const AccessSite& site, const Value& pointer, std::int64_t offset, int width, bool is_write) {
    const AnalysisContext& context = site.context;
    const ProgramType& type = context.type;
    const auto constant = pointer.number().as_constant();
    if (!constant || *constant != 0) {
        // check_ptr_off_reg: the context must be accessed through the
        // pointer the program received, with the field offset in the insn.
        fail(site, "ctx.variable_offset",
             constant ? fmt::format("dereference of modified ctx ptr R{} off={} disallowed", site.base,
                                    static_cast<std::int64_t>(*constant))
                      : fmt::format("dereference of modified ctx ptr R{}: its offset is not even constant", site.base),
             "access context fields as ctx->field, through the unmodified context pointer");
        return;
    }
    const std::int64_t off = static_cast<std::int64_t>(*constant) + offset;
    if (type.model == ContextModel::ReadableBlob || type.model == ContextModel::BtfArgs) {
        if (is_write && !type.blob_writable) {
            fail(site, "ctx.read_only", fmt::format("write to the {} context is not allowed", type.name));
            return;
        }
        const bool aligned = off % width == 0;
        if (type.model == ContextModel::BtfArgs && context.attach != nullptr && off >= 0 &&
            off + width <= static_cast<std::int64_t>(type.context_size) && aligned) {
            check_btf_args_access(site, off, width);
            return;
        }
        if (off < static_cast<std::int64_t>(type.blob_start) ||
            off + width > static_cast<std::int64_t>(type.context_size) || !aligned ||
            (type.model == ContextModel::BtfArgs && width != 8)) {
            fail(site, "ctx.bad_access",
                 fmt::format("invalid bpf_context access off={} size={} for {} (context of {} bytes)", off, width,
                             type.name, type.context_size));
        }
        return;
    }
    check_field_access(site, off, width, is_write);
}

namespace {

// check_ptr_to_btf_access refuses any access to a kernel structure (not an
// object the program allocated, whose type is the program's own) before it
// looks at the offset, when the license is not GPL-compatible.
bool refuses_non_gpl_access(const AccessSite& site, const Value& pointer) {
    const AnalysisContext& context = site.context;
    if (license_is_gpl_compatible(context.object.license) ||
        !kernel_struct_access_needs_gpl(context.options.kernel_version)) {
        return false;
    }
    const model::KernelTypes* types = context.options.kernel_types;
    const std::string what = types != nullptr && pointer.region() != 0
                                 ? fmt::format("kernel '{}'", types->type_name(pointer.region()))
                                 : std::string("a kernel struct");
    const std::string license = context.object.license.empty()
                                    ? std::string("the object has no license section")
                                    : fmt::format("the license is \"{}\"", context.object.license);
    fail(site, "btf.gpl_only",
         fmt::format("Cannot access {} from non-GPL compatible program: R{} is a kernel (BTF) pointer and {}", what,
                     site.base, license),
         "declare a GPL-compatible license (char LICENSE[] SEC(\"license\") = \"GPL\";), or read kernel memory "
         "with bpf_probe_read_kernel");
    return true;
}

// btf_struct_access: a read at a constant offset that matches a member.
void check_kernel_struct_read(const AccessSite& site, const Value& pointer, std::int64_t offset, int width,
                              bool core_reloc);

}  // namespace

void check_btf_access(const AccessSite& site, const Value& pointer, std::int64_t offset, int width, bool is_write,
                      bool core_reloc) {
    if (domains::is_alloc_region(pointer.region())) {
        // An object the program allocated (MEM_ALLOC): its type is not read.
        // Read from an untrusted kptr, it is read only (check_ptr_to_btf_access).
        if (is_write && pointer.untrusted()) {
            fail(site, "pointer.btf_write",
                 fmt::format("write through R{}, an untrusted pointer to an object of the program's own type, is not "
                             "allowed: only read is supported",
                             site.base));
        }
        return;
    }
    if (refuses_non_gpl_access(site, pointer)) {
        return;
    }
    if (is_write) {
        if (const auto refusal = btf_write_refusal(site.context, pointer, offset, width, core_reloc)) {
            fail(site, "pointer.btf_write",
                 fmt::format("write through R{}, a kernel (BTF) pointer, is not allowed: {}", site.base, *refusal));
        }
        return;
    }
    check_kernel_struct_read(site, pointer, offset, width, core_reloc);
}

namespace {

// A load whose offset libbpf relocates (BPF_CORE_TYPE_SIZE) to the size of the struct the
// pointer points to (`*(int *)((void *)p + bpf_core_type_size(*p))`) reads
// right past it in the kernel, whatever the object's own size of it.
std::optional<std::int64_t> relocated_past_struct(const AccessSite& site, const Value& pointer) {
    const model::KernelTypes* types = site.context.options.kernel_types;
    const model::CoreReloc* reloc = site.executor.core_reloc(site.pc);
    const auto constant = pointer.number().as_constant();
    if (types == nullptr || reloc == nullptr || reloc->kind != model::core_relo::kTypeSize || !constant ||
        types->find_struct(essential_name(reloc->root)) != pointer.region()) {
        return std::nullopt;
    }
    const auto size = types->type_size(pointer.region());
    return size ? std::optional(static_cast<std::int64_t>(*constant) + *size) : std::nullopt;
}

void check_kernel_struct_read(const AccessSite& site, const Value& pointer, std::int64_t offset, int width,
                              bool core_reloc) {
    const model::KernelTypes* types = site.context.options.kernel_types;
    if (pointer.region() == 0 || types == nullptr) {
        return;
    }
    if (core_reloc) {
        // libbpf relocates the offset; only a type's size is known to land past it.
        if (const auto past = relocated_past_struct(site, pointer)) {
            const model::MemberRead read = types->read_member(pointer.region(), static_cast<std::uint32_t>(*past),
                                                              static_cast<std::uint32_t>(width));
            if (read.kind == model::MemberRead::Kind::Invalid) {
                fail(site, "btf.bad_access",
                     fmt::format("{}-byte read at off {} (the size libbpf relocates the offset to) of {} through "
                                 "R{}: {}",
                                 width, *past, types->type_name(pointer.region()), site.base, read.error));
            }
        }
        return;
    }
    const std::string type_name = types->type_name(pointer.region());
    const auto constant = pointer.number().as_constant();
    if (!constant) {
        fail(site, "btf.bad_access",
             fmt::format("R{} is a pointer to {} with a variable offset ({}): the kernel reads BTF pointers "
                         "only at constant offsets",
                         site.base, type_name, pointer.number().to_string()),
             "read kernel memory at a variable offset with bpf_probe_read_kernel");
        return;
    }
    const std::int64_t off = static_cast<std::int64_t>(*constant) + offset;
    if (off < 0 || off > 0xffffffffLL) {
        fail(site, "btf.bad_access",
             fmt::format("R{} is a pointer to {}: invalid negative access: off={}", site.base, type_name, off));
        return;
    }
    const model::MemberRead read =
        types->read_member(pointer.region(), static_cast<std::uint32_t>(off), static_cast<std::uint32_t>(width));
    if (read.kind == model::MemberRead::Kind::Invalid) {
        fail(site, "btf.bad_access",
             fmt::format("{}-byte read at off {} of {} through R{}: {}", width, off, type_name, site.base, read.error),
             fmt::format("read members of {} as the kernel's BTF ({}) lays them out", type_name, types->source()));
    }
}

}  // namespace

void check_map_struct_access(const AccessSite& site, const Value& pointer, std::int64_t offset, int width) {
    const bool core_reloc = site.executor.has_core_reloc(site.pc);
    // "R%d is %s invalid negative access": whatever the map's struct, with or without its BTF.
    if (const auto constant = pointer.number().as_constant();
        constant && static_cast<std::int64_t>(*constant) + offset < 0 && !core_reloc) {
        fail(site, "btf.bad_access",
             fmt::format("R{} is a map's struct: invalid negative access: off={}", site.base,
                         static_cast<std::int64_t>(*constant) + offset),
             "read the map's fields at their offsets from the map pointer");
        return;
    }
    if (const std::uint32_t id = site.executor.map_struct_type(site.pc, pointer); id != 0) {
        // check_ptr_to_map_access has no license test: the member read alone.
        check_kernel_struct_read(site, Value::pointer(domains::Kind::BtfId, id, pointer.number()), offset, width,
                                 core_reloc);
    }
}

}  // namespace bpfcheck::analyzer
