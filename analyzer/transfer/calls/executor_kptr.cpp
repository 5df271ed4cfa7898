// Kernel pointers stored in map values (`__kptr`, `__kptr_untrusted`,
// `__percpu_kptr` fields), as check_map_access and check_map_kptr_access in
// kernel/bpf/verifier.c guard them: an instruction that touches any byte of
// such a field must be an 8-byte access at a constant offset, at the field's
// start; a helper or global function may not touch it ("kptr cannot be
// accessed indirectly by helper"); and a referenced or per-CPU kptr is
// written only through bpf_kptr_xchg ("store to referenced kptr
// disallowed"). The fields come from the map's BTF value type (the loader).
// Here: which map's kptr fields a pointer may reach, and what a load of one
// gives; the checks are in analyzer/checks/calls/graph/check_kptr.cpp.
#include "analyzer/transfer/executor.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::Scalar;
using domains::Value;

namespace {

// rcu_protected_types (kernel/bpf/verifier.c): the kernel structs a
// referenced kptr may be read as RCU-protected (MEM_RCU) rather than
// untrusted.
constexpr std::array<std::string_view, 5> kRcuProtectedTypes{"prog_test_ref_kfunc", "cgroup", "bpf_cpumask",
                                                             "task_struct", "bpf_crypto_ctx"};

}  // namespace

// The map value a pointer designates, when one map (and it has kptrs).
const model::MapDef* Executor::kptr_map(const Value& pointer) const {
    if (pointer.kind() != Kind::MapValue || pointer.region() >= m_context.object.maps.size()) {
        return nullptr;
    }
    const model::MapDef& map = m_context.object.maps[pointer.region()];
    return map.kptr_fields.empty() ? nullptr : &map;
}

// check_map_kptr_access (BPF_LDX): an 8-byte load at a kptr field's start
// gives PTR_TO_BTF_ID | PTR_MAYBE_NULL of the pointee's kernel type
// (btf_ld_kptr_type): MEM_RCU (usable by KF_RCU kfuncs once checked against
// NULL) when the field is a referenced kptr to an RCU-protected type and the
// load runs in an RCU critical section; otherwise PTR_UNTRUSTED. A pointee
// the kernel's BTF does not have is the program's own type (btf_parse_kptr:
// "a MEM_ALLOC kptr allocated via bpf_obj_new"), and every referenced kptr
// to one is RCU-protected (rcu_protected_object): in an RCU critical
// section the load is MEM_ALLOC | MEM_RCU, an allocated object the program
// may read and write but does not own (no reference); otherwise, and for
// an unreferenced kptr, PTR_UNTRUSTED: read only ("only read is supported",
// check_ptr_to_btf_access). Per-CPU kptrs stay numbers, as before.
std::optional<Value> Executor::kptr_load(std::uint32_t pc, const Value& base, std::int64_t offset, int width,
                                         const domains::MachineState& state) const {
    const model::MapDef* map = kptr_map(base);
    const model::KernelTypes* types = m_context.options.kernel_types;
    const auto constant = base.number().as_constant();
    if (map == nullptr || types == nullptr || !constant || width != 8) {
        return std::nullopt;
    }
    const std::int64_t at = static_cast<std::int64_t>(*constant) + offset;
    const auto field = std::find_if(map->kptr_fields.begin(), map->kptr_fields.end(), [&](const model::KptrField& f) {
        return static_cast<std::int64_t>(f.offset) == at;
    });
    if (field == map->kptr_fields.end() || field->kind == model::KptrKind::Percpu || field->pointee.empty()) {
        return std::nullopt;
    }
    const std::uint32_t type = types->find_struct(field->pointee);
    if (type == 0) {
        // The program's own type: an allocated object it does not own.
        Value pointer =
            Value::pointer(Kind::BtfIdOrNull, domains::kNonOwningRegion, Scalar::constant(0), kNullableIdBase + pc);
        const bool rcu = field->kind == model::KptrKind::Referenced && in_rcu_cs(state);
        pointer.set_untrusted(!rcu);
        pointer.set_rcu(rcu);
        return pointer;
    }
    const bool rcu_protected =
        field->kind == model::KptrKind::Referenced &&
        std::find(kRcuProtectedTypes.begin(), kRcuProtectedTypes.end(), field->pointee) != kRcuProtectedTypes.end();
    Value pointer = Value::pointer(Kind::BtfIdOrNull, type, Scalar::constant(0), kNullableIdBase + pc);
    const bool rcu = rcu_protected && in_rcu_cs(state);
    pointer.set_untrusted(!rcu);
    pointer.set_rcu(rcu);
    return pointer;
}

}  // namespace bpfcheck::analyzer
