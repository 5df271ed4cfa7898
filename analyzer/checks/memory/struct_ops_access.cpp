// See struct_ops_access.hpp. The member offsets come from the kernel's BTF
// (member_extent), so they follow the kernel the program is checked for.
#include "analyzer/checks/memory/struct_ops_access.hpp"

#include "analyzer/platform/struct_ops.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

std::optional<std::string> btf_write_refusal(const AnalysisContext& context, const domains::Value& pointer,
                                             std::int64_t offset, int width, bool core_reloc) {
    const std::string only_read = "only read is supported";
    const StructOpsRules* rules =
        context.type.name == "struct_ops" ? struct_ops_rules(context.program.struct_ops_type) : nullptr;
    if (rules == nullptr || rules->writable_struct.empty()) {
        return only_read;  // no btf_struct_access: the generic rule
    }
    const model::KernelTypes* types = context.options.kernel_types;
    if (pointer.region() == 0 || types == nullptr || core_reloc) {
        // Which struct, or which member (libbpf rewrites the offset), is
        // not known: like reads through such pointers, not checked.
        return std::nullopt;
    }
    if (pointer.region() != types->find_struct(rules->writable_struct)) {
        return fmt::format("{} ({}: only through a pointer to struct {})", only_read, rules->kernel_ops,
                           rules->writable_struct);
    }
    const auto constant = pointer.number().as_constant();
    if (!constant) {
        return fmt::format("a write to struct {} at a variable offset ({})", rules->writable_struct,
                           pointer.number().to_string());
    }
    const std::int64_t off = static_cast<std::int64_t>(*constant) + offset;
    for (const StructOpsWritableMember& member : rules->writable) {
        const auto extent = types->member_extent(member.container, member.member);
        if (!extent) {
            continue;
        }
        const std::int64_t start = extent->offset;
        const std::int64_t end = start + extent->size;
        if (off == start || (member.anywhere && off > start && off < end)) {
            if (off + width > end) {
                return fmt::format("write access at off {} with size {} beyond the member of {} ended at {}", off,
                                   width, rules->writable_struct, end);
            }
            return std::nullopt;
        }
    }
    return fmt::format("no write support to {} at off {}", rules->writable_struct, off);
}

}  // namespace bpfcheck::analyzer
