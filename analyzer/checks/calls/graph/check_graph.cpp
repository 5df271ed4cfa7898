// The checks of the graph kfuncs' arguments (their transfer:
// analyzer/transfer/calls/executor_graph.cpp). Allocated objects and the collections that own them, as the kernel's
// verifier models them (kernel/bpf/verifier.c): bpf_obj_new returns an owning
// reference (PTR_TO_BTF_ID | MEM_ALLOC carrying a ref_obj_id); adding the
// node to a bpf_rbtree or bpf_list gives the reference to the collection and
// leaves the program's pointers non-owning (ref_convert_owning_non_owning),
// valid only until bpf_spin_unlock (invalidate_non_owning_refs); every such
// operation needs the bpf_spin_lock that protects the root held
// (check_reg_allocation_locked); bpf_rbtree_remove takes a non-owning node
// and returns an owning one. Checks decide from the state before the call.
#include "analyzer/checks/calls/graph/graph_node_offset.hpp"
#include "analyzer/checks/calls/graph/graph_root_offset.hpp"
#include "analyzer/checks/checker.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <variant>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

namespace {

// A value whose fault was reported where it arose, or that no one wrote
// (reported as an uninitialised read): not reported again.
bool already_reported(const Value& value) {
    return value.kind() == Kind::Uninit || value.kind() == Kind::Any || (value.is_scalar() && value.fault_reported());
}

}  // namespace

// check_reg_allocation_locked: the root's bpf_spin_lock, in the same map
// value, must be the lock held.
void Checker::check_graph_root_locked(std::uint32_t pc, std::string_view kfunc, int reg, const MachineState& state,
                                      Reporter& reporter) const {
    const Value& root = state.reg(reg);
    const domains::HeldReference* lock = state.held_lock();
    bool locked = lock != nullptr;
    if (locked && root.kind() == Kind::MapValue && root.region() != domains::kManyMaps &&
        lock->lock != domains::kUnknownLock) {
        locked = (lock->lock >> 32) == root.region();
    }
    if (!locked) {
        reporter.error(
            "ref.lock_not_held", pc,
            fmt::format("the bpf_spin_lock that protects the {} in R{} must be held for {}: {}",
                        graph_structs(kfunc).root, reg, kfunc,
                        lock == nullptr ? "no lock is held"
                                        : fmt::format("the lock taken at insn {} protects another root", lock->insn)),
            {describe(state, reg)}, "call bpf_spin_lock on the lock declared beside the root first");
    }
}

// The node arguments of the graph kfuncs (check_kfunc_args,
// KF_ARG_PTR_TO_RB_NODE / KF_ARG_PTR_TO_LIST_NODE) and bpf_refcount_acquire's
// object (KF_ARG_PTR_TO_REFCOUNTED_KPTR, KF_RCU: not NULL).
void Checker::check_graph_kfunc_args(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                     Reporter& reporter) const {
    if (kfunc.root_arg >= 0) {
        check_graph_root_offset(m_context, pc, kfunc.name, kfunc.root_arg + 1, state.reg(kfunc.root_arg + 1), reporter);
        check_graph_root_locked(pc, kfunc.name, kfunc.root_arg + 1, state, reporter);
        check_graph_node_offset(m_context, pc, kfunc, state, reporter);
    }
    auto node_error = [&](int reg, std::string message) {
        reporter.error("ref.graph_node", pc, std::move(message), {describe(state, reg)},
                       "add what bpf_obj_new (or a remove or pop) returned, once; remove what bpf_rbtree_first "
                       "returned, before bpf_spin_unlock");
    };
    auto null_error = [&](int arg) {
        reporter.error("null.deref", pc, fmt::format("possibly NULL pointer passed to arg{} of {}", arg, kfunc.name),
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
        if (arg == kfunc.non_owning_node_arg && m_executor.in_rbtree_callback(state)) {
            reporter.error("call.rbtree_cb", pc,
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

}  // namespace bpfcheck::analyzer
