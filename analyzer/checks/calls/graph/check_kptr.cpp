// Kernel pointers stored in map values (`__kptr`, `__kptr_untrusted`,
// `__percpu_kptr` fields), as check_map_access and check_map_kptr_access in
// kernel/bpf/verifier.c guard them: an instruction that touches any byte of
// such a field must be an 8-byte access at a constant offset, at the field's
// start; a helper or global function may not touch it ("kptr cannot be
// accessed indirectly by helper"); and a referenced or per-CPU kptr is
// written only through bpf_kptr_xchg ("store to referenced kptr
// disallowed"). The fields come from the map's BTF value type (the loader);
// Executor::kptr_map finds the map a pointer's value belongs to.
#include "analyzer/checks/checker.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

namespace {

constexpr std::int64_t kKptrSize = 8;

// The first kptr field of the map that [lo, hi) may touch.
const model::KptrField* overlapping_kptr(const model::MapDef& map, std::int64_t lo, std::int64_t hi) {
    for (const model::KptrField& field : map.kptr_fields) {
        const auto start = static_cast<std::int64_t>(field.offset);
        if (lo < start + kKptrSize && start < hi) {
            return &field;
        }
    }
    return nullptr;
}

}  // namespace

// check_map_access (ACCESS_DIRECT) and check_map_kptr_access: a load or
// store of `width` bytes at R`base` + `offset`.
void Checker::check_map_kptr_access(std::uint32_t pc, int base, std::int64_t offset, int width, bool is_write,
                                    const MachineState& state, Reporter& reporter) const {
    const Value& pointer = state.reg(base);
    const model::MapDef* map = m_executor.kptr_map(pointer);
    if (map == nullptr) {
        return;
    }
    const std::int64_t lo = pointer.number().smin + offset;
    const auto hi = static_cast<std::int64_t>(pointer.number().umax) + offset + width;
    const model::KptrField* field = overlapping_kptr(*map, lo, hi);
    if (field == nullptr) {
        return;
    }
    auto fail = [&](std::string message) {
        reporter.error("map.kptr_access", pc, std::move(message), {describe(state, base)},
                       "read or write the whole 8-byte kptr field at its own offset; exchange referenced kptrs "
                       "with bpf_kptr_xchg");
    };
    const auto constant = pointer.number().as_constant();
    if (!constant) {
        fail(fmt::format("kptr access cannot have variable offset: R{} may touch the kptr at off={} of map '{}'", base,
                         field->offset, map->name));
        return;
    }
    const std::int64_t off = static_cast<std::int64_t>(*constant) + offset;
    if (off != static_cast<std::int64_t>(field->offset)) {
        fail(fmt::format("kptr access misaligned expected={} off={}: the kptr field of map '{}' starts at {}",
                         field->offset, off, map->name, field->offset));
        return;
    }
    if (width != kKptrSize) {
        fail(fmt::format("kptr access size must be BPF_DW: a {}-byte access to the kptr at off={} of map '{}'", width,
                         field->offset, map->name));
        return;
    }
    if (is_write && field->kind != model::KptrKind::Untrusted) {
        fail(
            fmt::format("store to referenced kptr disallowed: the {}kptr at off={} of map '{}' is written only "
                        "through bpf_kptr_xchg",
                        field->kind == model::KptrKind::Percpu ? "per-CPU " : "", field->offset, map->name));
    }
}

// check_map_access (ACCESS_HELPER): memory a helper or a global function
// reads or writes may not include a kptr field.
void Checker::check_kptr_indirect_access(std::uint32_t pc, int arg_reg, const Value& pointer, std::uint64_t bytes,
                                         const MachineState& state, Reporter& reporter) const {
    const model::MapDef* map = m_executor.kptr_map(pointer);
    if (map == nullptr || bytes == 0) {
        return;
    }
    const std::int64_t lo = pointer.number().smin;
    const auto hi = static_cast<std::int64_t>(pointer.number().umax + bytes);
    if (const model::KptrField* field = overlapping_kptr(*map, lo, hi)) {
        reporter.error("map.kptr_access", pc,
                       fmt::format("kptr cannot be accessed indirectly by helper: the {} bytes R{} passes include "
                                   "the kptr at off={} of map '{}'",
                                   bytes, arg_reg, field->offset, map->name),
                       {describe(state, arg_reg)}, "pass a buffer that ends before the kptr field");
    }
}

}  // namespace bpfcheck::analyzer
