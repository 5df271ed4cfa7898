// Allocated objects and the collections that own them, as the kernel's
// verifier models them (kernel/bpf/verifier.c): bpf_obj_new returns an owning
// reference (PTR_TO_BTF_ID | MEM_ALLOC carrying a ref_obj_id); adding the
// node to a bpf_rbtree or bpf_list gives the reference to the collection and
// leaves the program's pointers non-owning (ref_convert_owning_non_owning),
// valid only until bpf_spin_unlock (invalidate_non_owning_refs); every such
// operation needs the bpf_spin_lock that protects the root held
// (check_reg_allocation_locked); bpf_rbtree_remove takes a non-owning node
// and returns an owning one. The transfer; the checks are in
// analyzer/checks/calls/graph/check_graph.cpp.
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <variant>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

namespace {

bool is_btf_pointer(const Value& value) {
    return value.kind() == Kind::BtfId || value.kind() == Kind::BtfIdOrNull;
}

bool holds(const MachineState& state, std::uint32_t ref) {
    for (const domains::HeldReference& held : state.references()) {
        if (held.id == ref) {
            return true;
        }
    }
    return false;
}

}  // namespace

// An owning reference: an allocated object (or a kernel pointer of a type
// bpfcheck does not know, as bpf_kptr_xchg returns) carrying a held reference.
bool is_owning_reference(const Value& value, const MachineState& state) {
    return is_btf_pointer(value) && value.region() != domains::kNonOwningRegion && value.ref() != 0 &&
           holds(state, value.ref());
}

// in_rbtree_lock_required_cb: the current frame is the less callback of
// bpf_rbtree_add, which runs with the tree's lock held.
bool Executor::in_rbtree_callback(const MachineState& state) const {
    if (state.frame_count() < 2) {
        return false;
    }
    const std::uint32_t site = state.frame(state.current_frame()).callsite;
    if (site >= m_context.program.insns.size()) {
        return false;
    }
    const auto* call = std::get_if<isa::Call>(&m_context.program.insns[site]);
    if (call == nullptr || call->kind != isa::CallKind::Kfunc) {
        return false;
    }
    const auto kfunc = find_kfunc(m_context.program.refs[site].symbol);
    return kfunc && kfunc->less_callback_arg >= 0;
}

// ref_convert_owning_non_owning, then release_reference: the collection
// owns the node now; the program's copies of the pointer stay usable, as
// non-owning references, until the lock is released.
void Executor::give_node_to_collection(const Value& node, MachineState& state) const {
    const std::uint32_t ref = node.ref();
    if (ref == 0 || !holds(state, ref)) {
        return;
    }
    state.for_each_value([&](Value& v) {
        if (v.ref() == ref) {
            v.set_ref(0);
            if (is_btf_pointer(v)) {
                v.set_region(domains::kNonOwningRegion, 0);
            }
        }
    });
    state.release(ref);
}

// The pointer a graph kfunc or bpf_obj_new returns: an allocated object,
// owning when the kfunc acquires; a node pointer sits inside its object at
// an offset only the root's BTF (__contains) tells; unknown here, but inside
// an object bpf_mem_alloc gave, whose largest size class is 4096 bytes (so
// container_of arithmetic on it is not "unbounded" to check_reg_sane_offset).
Value alloc_result(const KfuncPrototype& kfunc, bool may_be_null, std::uint32_t nullable_id) {
    constexpr std::uint64_t kLargestAllocation = 4096;
    const domains::Scalar offset =
        kfunc.node_result ? domains::Scalar::unsigned_range(0, kLargestAllocation - 1) : domains::Scalar::constant(0);
    return Value::pointer(may_be_null ? Kind::BtfIdOrNull : Kind::BtfId,
                          kfunc.acquires ? domains::kAllocObjectRegion : domains::kNonOwningRegion, offset,
                          nullable_id);
}

// invalidate_non_owning_refs, at bpf_spin_unlock: every non-owning
// reference becomes an unknown number.
void invalidate_non_owning_refs(MachineState& state) {
    state.for_each_value([](Value& v) {
        if (is_btf_pointer(v) && v.region() == domains::kNonOwningRegion) {
            v = Value::unknown_scalar();
        }
    });
}

}  // namespace bpfcheck::analyzer
