// Allocated objects and the collections that own them, as the kernel's
// verifier models them (kernel/bpf/verifier.c): bpf_obj_new returns an owning
// reference (PTR_TO_BTF_ID | MEM_ALLOC carrying a ref_obj_id); adding the
// node to a bpf_rbtree or bpf_list gives the reference to the collection and
// leaves the program's pointers non-owning (ref_convert_owning_non_owning),
// valid only until bpf_spin_unlock (invalidate_non_owning_refs); every such
// operation needs the bpf_spin_lock that protects the root held
// (check_reg_allocation_locked); bpf_rbtree_remove takes a non-owning node
// and returns an owning one. Checks decide from the state before the call;
// the transfer functions below them apply the effect.
#include "analyzer/platform/kfunc_table.hpp"
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

// A value whose fault was reported where it arose, or that no one wrote
// (reported as an uninitialised read): not reported again.
bool already_reported(const Value& value) {
    return value.kind() == Kind::Uninit || value.kind() == Kind::Any || (value.is_scalar() && value.fault_reported());
}

bool holds(const MachineState& state, std::uint32_t ref) {
    for (const domains::HeldReference& held : state.references()) {
        if (held.id == ref) {
            return true;
        }
    }
    return false;
}

std::string_view root_type(std::string_view kfunc) {
    return kfunc.rfind("bpf_rbtree_", 0) == 0 ? "bpf_rb_root" : "bpf_list_head";
}

}  // namespace

// An owning reference: an allocated object (or a kernel pointer of a type
// bpfcheck does not know, as bpf_kptr_xchg returns) carrying a held reference.
bool is_owning_reference(const Value& value, const MachineState& state) {
    return is_btf_pointer(value) && value.region() != domains::kNonOwningRegion && value.ref() != 0 &&
           holds(state, value.ref());
}

// check_reg_allocation_locked: the root's bpf_spin_lock, in the same map
// value, must be the lock held.
void Executor::check_graph_root_locked(std::uint32_t pc, std::string_view kfunc, int reg, const MachineState& state,
                                       Reporter* reporter) const {
    const Value& root = state.reg(reg);
    const domains::HeldReference* lock = state.held_lock();
    bool locked = lock != nullptr;
    if (locked && root.kind() == Kind::MapValue && root.region() != domains::kManyMaps &&
        lock->lock != domains::kUnknownLock) {
        locked = (lock->lock >> 32) == root.region();
    }
    if (!locked) {
        reporter->error(
            "ref.lock_not_held", pc,
            fmt::format("the bpf_spin_lock that protects the {} in R{} must be held for {}: {}", root_type(kfunc), reg,
                        kfunc,
                        lock == nullptr ? "no lock is held"
                                        : fmt::format("the lock taken at insn {} protects another root", lock->insn)),
            {describe(state, reg)}, "call bpf_spin_lock on the lock declared beside the root first");
    }
}

// The node arguments of the graph kfuncs (check_kfunc_args,
// KF_ARG_PTR_TO_RB_NODE / KF_ARG_PTR_TO_LIST_NODE) and bpf_refcount_acquire's
// object (KF_ARG_PTR_TO_REFCOUNTED_KPTR, KF_RCU: not NULL).
void Executor::check_graph_kfunc_args(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                      Reporter* reporter) const {
    if (reporter == nullptr) {
        return;
    }
    if (kfunc.root_arg >= 0) {
        check_graph_root_locked(pc, kfunc.name, kfunc.root_arg + 1, state, reporter);
    }
    auto node_error = [&](int reg, std::string message) {
        reporter->error("ref.graph_node", pc, std::move(message), {describe(state, reg)},
                        "add what bpf_obj_new (or a remove or pop) returned, once; remove what bpf_rbtree_first "
                        "returned, before bpf_spin_unlock");
    };
    auto null_error = [&](int arg) {
        reporter->error("null.deref", pc, fmt::format("possibly NULL pointer passed to arg{} of {}", arg, kfunc.name),
                        {describe(state, arg + 1)}, fmt::format("check R{} != NULL before the call", arg + 1));
    };
    for (const int arg : {kfunc.owned_node_arg, kfunc.non_owning_node_arg, kfunc.refcounted_arg}) {
        if (arg < 0) {
            continue;
        }
        const Value& node = state.reg(arg + 1);
        if (already_reported(node)) {
            continue;
        }
        if (domains::is_nullable(node.kind())) {
            null_error(arg);
            continue;
        }
        if (arg == kfunc.non_owning_node_arg && in_rbtree_callback(state)) {
            reporter->error("call.rbtree_cb", pc,
                            fmt::format("rbtree_remove not allowed in rbtree cb: {} is called from the less callback "
                                        "of bpf_rbtree_add",
                                        kfunc.name),
                            {}, "compare the two nodes in the callback; change the tree after bpf_rbtree_add");
        }
        if (arg == kfunc.owned_node_arg && !is_owning_reference(node, state)) {
            node_error(arg + 1, fmt::format("arg#{} expected pointer to allocated object: {} takes an owning "
                                            "reference, R{} is {}",
                                            arg, kfunc.name, arg + 1,
                                            node.kind() == Kind::BtfId && node.region() == domains::kNonOwningRegion
                                                ? "a non-owning one (the node is already in a collection)"
                                                : "not one"));
        } else if (arg == kfunc.non_owning_node_arg &&
                   !(node.kind() == Kind::BtfId && node.ref() == 0 &&
                     (node.region() == domains::kNonOwningRegion || node.region() == 0))) {
            node_error(arg + 1, fmt::format("rbtree_remove node input must be non-owning ref: R{} is {}", arg + 1,
                                            node.kind() == Kind::BtfId && node.ref() != 0
                                                ? "an owning reference (a node not in the tree)"
                                                : "no node of a tree (non-owning references end at "
                                                  "bpf_spin_unlock)"));
        }
    }
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

// bpf_rbtree_add's less callback (set_rbtree_add_callback_state): called
// with two non-owning nodes while the lock is held, it returns 0 or 1. It
// runs inside the kfunc and leaves the caller's state as it was.
void Executor::check_less_callback(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                   Reporter* reporter) const {
    if (reporter == nullptr || kfunc.less_callback_arg < 0) {
        return;
    }
    const Value& callback = state.reg(kfunc.less_callback_arg + 1);
    if (callback.kind() != Kind::Func) {
        return;
    }
    const std::uint32_t callee = m_context.cfg.block(m_context.cfg.block_of(callback.region())).function;
    MachineState entry = state;
    entry.push_frame(pc);
    for (int r = 1; r <= 5; ++r) {
        entry.reg(r) = Value::unknown_scalar();
    }
    for (int r = 1; r <= 2; ++r) {
        entry.reg(r) = Value::pointer(Kind::BtfId, domains::kNonOwningRegion, domains::Scalar::top());
    }
    const auto& exits = m_context.cfg.functions()[callee].exits;
    const std::uint32_t at = exits.empty() ? pc : m_context.cfg.block(exits.front()).last;
    for (const MachineState& result : m_call_analyzer(callee, entry, reporter)) {
        const Value& r0 = result.reg(0);
        if (r0.kind() != Kind::Uninit && (!r0.is_scalar() || r0.number().smin < 0 || r0.number().smax > 1)) {
            reporter->error("exit.return_range", at,
                            fmt::format("at callback return R0 is {}, should have been in [0, 1]", r0.to_string()),
                            {fmt::format("less callback of {} called at insn {}", kfunc.name, pc)},
                            "return whether the first node sorts before the second (0 or 1)");
            break;
        }
    }
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
