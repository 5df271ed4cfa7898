// Call rules that do not depend on one argument's kind: whether a helper
// exists for this program type, license and target kernel
// (env->ops->get_func_proto, "cannot call GPL-restricted function"), what
// may be called while a bpf_spin_lock or a reference is held
// (check_helper_call, "function calls are not allowed while holding a
// lock", "tail_call would lead to reference leak"), whether a map whose
// value holds a lock, timer or kptr has the BTF that says so, a kfunc's
// map argument (KF_ARG_PTR_TO_MAP), and whether a global function's
// prototype is one the kernel can verify (btf_prepare_func_args).
#include "analyzer/checks/checker.hpp"
#include "analyzer/platform/helpers/helper_availability.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/helpers/helper_target_rules.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/platform/license.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

namespace {

std::string version_text(std::uint32_t major_minor) {
    return fmt::format("{}.{}", major_minor / 100, major_minor % 100);
}

}  // namespace

bool Checker::check_helper_availability(std::uint32_t pc, const HelperPrototype& proto, Reporter& reporter) const {
    const auto id = static_cast<std::size_t>(proto.id);
    if (id < m_helper_available.size() && m_helper_available[id]) {
        return false;
    }
    const bool refused = helper_refused(pc, proto, reporter);
    if (!refused) {
        // Nothing was reported (each refusal reports): the same at every call.
        m_helper_available.resize(std::max(m_helper_available.size(), id + 1), false);
        m_helper_available[id] = true;
    }
    return refused;
}

bool Checker::helper_refused(std::uint32_t pc, const HelperPrototype& proto, Reporter& reporter) const {
    bool refused = false;
    const Privilege privilege = m_context.options.unprivileged ? Privilege::CapBpf : Privilege::Full;
    const HelperAvailability available = helper_availability(m_context.type.name, proto.id, privilege);
    // Per-caller protos the type's table does not list (helper_variants.hpp):
    // the tcp and unix iterators' bpf_{get,set}sockopt.
    if (available == HelperAvailability::NotForProgramType && !helper_granted(proto.id, helper_caller(m_context))) {
        std::string types;
        for (const std::string_view type : program_types_allowing(proto.id)) {
            types += (types.empty() ? "" : ", ") + std::string(type);
        }
        refused = true;
        reporter.error(
            "helper.not_for_type", pc,
            fmt::format("program of this type ({}) cannot use helper {}#{}", m_context.type.name, proto.name, proto.id),
            {types.empty() ? std::string{} : fmt::format("program types that may call it: {}", types)},
            "use a helper this program type offers, or another program type");
    } else if (available == HelperAvailability::NeedsCapBpf || available == HelperAvailability::NeedsCapPerfmon) {
        refused = true;
        reporter.error(
            "helper.not_for_type", pc,
            fmt::format("{} needs {} for {} programs", proto.name,
                        available == HelperAvailability::NeedsCapBpf ? "CAP_BPF" : "CAP_PERFMON", m_context.type.name),
            {}, "load the program with the capability, or avoid the helper");
    }
    if (const std::string function = attach_function(m_context);
        !helper_allowed_at_target(proto.id, m_context.type.name, expected_attach_type(m_context), function)) {
        refused = true;
        reporter.error("helper.not_for_type", pc,
                       fmt::format("helper call is not allowed in probe: {} may not be called from a {} program "
                                   "attached to {}",
                                   proto.name, m_context.type.name, function),
                       {m_context.type.name == "lsm"
                            ? std::string{"the kernel allows it on the LSM hooks where a program may sleep "
                                          "(sleepable_lsm_hooks)"}
                            : std::string{"the kernel allows it in iterators and on the functions of "
                                          "btf_allowlist_d_path (vfs_getattr, dentry_open, security_file_open, ...)"}},
                       "attach the program to a function the kernel allows the helper on");
    }
    const auto& missing = m_context.options.helpers_missing_on_running_kernel;
    if (std::find(missing.begin(), missing.end(), proto.id) != missing.end()) {
        refused = true;
        reporter.error("helper.not_for_type", pc,
                       fmt::format("program of this type ({}) cannot use helper {}#{} on the running kernel",
                                   m_context.type.name, proto.name, proto.id),
                       {"asked through bpf(): its build options or lockdown mode leave the helper out, although "
                        "its version has it"},
                       "check the kernel's configuration (e.g. CONFIG_BPF_KPROBE_OVERRIDE) and lockdown mode "
                       "(/sys/kernel/security/lockdown), or avoid the helper");
    }
    const bool gpl_only =
        m_context.type.name == "unspec" ? proto.gpl_only : helper_gpl_only(m_context.type.name, proto.id);
    if (gpl_only && !license_is_gpl_compatible(m_context.object.license)) {
        refused = true;
        reporter.error("helper.gpl_only", pc,
                       fmt::format("cannot call GPL-restricted function {} from a program with license \"{}\"",
                                   proto.name, m_context.object.license),
                       {}, "use a GPL-compatible license (e.g. char LICENSE[] SEC(\"license\") = \"GPL\";)");
    }
    const std::uint32_t target = m_context.options.kernel_version;
    const std::uint32_t target_major_minor = (target >> 16) * 100 + ((target >> 8) & 0xff);
    if (target != 0 && proto.since > target_major_minor) {
        refused = true;
        reporter.error("helper.unavailable", pc,
                       fmt::format("{} needs Linux {}; target is {}", proto.name, version_text(proto.since),
                                   version_text(target_major_minor)),
                       {}, fmt::format("target Linux {} or later, or avoid {}", version_text(proto.since), proto.name));
    }
    return refused;
}

// The kernel finds a bpf_spin_lock, bpf_timer or kptr in a map value through
// the map's BTF (map->record): a map created without BTF has none, whatever
// its value holds (verifier.c: process_spin_lock, process_timer_func,
// process_kptr_func: "map 'X' has to have BTF in order to use ...").
void Checker::check_map_has_btf(std::uint32_t pc, int reg, const Value& value, std::string_view what,
                                Reporter& reporter) const {
    if (value.kind() != Kind::MapValue) {
        return;
    }
    const auto& object = m_context.object;
    for (std::size_t i = 0; i < object.maps.size(); ++i) {
        const bool member = value.region() == domains::kManyMaps ? i < 64 && ((value.region_set() >> i) & 1U) != 0
                                                                 : value.region() == i;
        if (!member || object.maps[i].has_btf) {
            continue;
        }
        const std::string why = !object.btf_refusal.empty()
                                    ? fmt::format(
                                          "the kernel refuses the object's BTF ({}), so libbpf creates the "
                                          "map without it",
                                          object.btf_refusal)
                                : !object.has_btf ? std::string{"the object has no BTF"}
                                                  : std::string{"the map has no BTF key and value types"};
        reporter.error(
            "map.no_btf", pc,
            fmt::format("map '{}' has to have BTF in order to use {} (R{}): {}", object.maps[i].name, what, reg, why),
            {}, "define the map in the BTF `.maps` section, from an object whose BTF the kernel takes");
        return;
    }
}

// Spin locks and references across a helper call: while a bpf_spin_lock is
// held only bpf_spin_unlock may be called, one lock at a time, and a tail
// call must not leave acquired references behind.
void Checker::check_held_resources(std::uint32_t pc, std::int32_t helper, const MachineState& state,
                                   Reporter& reporter) const {
    const domains::HeldReference* lock = state.held_lock();
    const auto prototype = find_helper(helper);
    const std::string helper_name = prototype ? std::string(prototype->name) : "this helper";
    if ((helper == kHelperSpinLock || helper == kHelperSpinUnlock) && m_executor.in_rbtree_callback(state)) {
        reporter.error(
            "call.rbtree_cb", pc,
            fmt::format("can't spin_{{lock,unlock}} in rbtree cb: {} in the less callback of bpf_rbtree_add, "
                        "which runs with the tree's lock held",
                        helper_name),
            {}, "take and release the lock around bpf_rbtree_add, not inside its callback");
        return;
    }
    if (helper == kHelperSpinUnlock && lock == nullptr) {
        reporter.error("ref.lock_not_held", pc, "bpf_spin_unlock without taking a lock", {},
                       "call bpf_spin_lock on the same lock first, on every path that reaches the unlock");
    } else if (helper == kHelperSpinLock && lock != nullptr) {
        reporter.error("ref.lock_nested", pc,
                       fmt::format("locking two bpf_spin_locks is not allowed: the lock taken at insn {} is still held",
                                   lock->insn),
                       {}, "release the first lock before taking another");
    } else if (lock != nullptr && helper != kHelperSpinUnlock) {
        reporter.error("ref.lock_held", pc,
                       fmt::format("function calls are not allowed while holding a lock: {} is called while the lock "
                                   "taken at insn {} is held",
                                   helper_name, lock->insn),
                       {}, "compute what you need before bpf_spin_lock, or after bpf_spin_unlock");
    }
    if (helper == kHelperTailCall) {
        for (const domains::HeldReference& ref : state.references()) {
            if (ref.id != domains::kSpinLockRef && !domains::is_section_ref(ref.id)) {
                reporter.error("tailcall.reference_leak", pc,
                               fmt::format("tail_call would lead to reference leak: the reference acquired at insn {} "
                                           "is still held",
                                           ref.insn),
                               {}, "release or submit every acquired reference before bpf_tail_call");
                break;
            }
        }
    }
}

void Checker::check_kfunc_map_args(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                   Reporter& reporter) const {
    if (kfunc.map_arg < 0) {
        return;
    }
    const int reg = kfunc.map_arg + 1;
    const Value& map = state.reg(reg);
    if (map.kind() == Kind::Uninit || map.kind() == Kind::Any || (map.is_scalar() && map.fault_reported())) {
        return;
    }
    if (map.kind() != Kind::MapPtr && map.kind() != Kind::MapValue && map.kind() != Kind::MapKey) {
        reporter.error(
            "helper.arg_type", pc,
            fmt::format("pointer in R{} isn't map pointer: arg{} of {} is a map", reg, kfunc.map_arg, kfunc.name),
            {describe(state, reg)}, "pass the map itself (&map_name)");
        return;
    }
    if (kfunc.map_object_arg < 0) {
        return;
    }
    const int object_reg = kfunc.map_object_arg + 1;
    const Value& object = state.reg(object_reg);
    if (object.kind() == Kind::MapValue && object.region() != domains::kManyMaps &&
        map.region() != domains::kManyMaps && object.region() != map.region()) {
        const auto& maps = m_context.object.maps;
        auto name = [&](std::uint32_t index) {
            return index < maps.size() ? maps[index].name : fmt::format("map #{}", index);
        };
        reporter.error("helper.map_mismatch", pc,
                       fmt::format("the object in R{} is in a value of map '{}', but R{} names map '{}': {} needs "
                                   "the map that holds it",
                                   object_reg, name(object.region()), reg, name(map.region()), kfunc.name),
                       {describe(state, object_reg), describe(state, reg)}, "pass the map the value was looked up in");
    }
}

// btf_prepare_func_args: an untagged pointer parameter of a global function
// (not the context, not a kernel object, not arena memory) is memory of its
// pointee's size, so a pointee of unknown size (void, a struct only declared)
// makes the kernel refuse the function: "arg#%d reference type('%s') size
// cannot be determined". Such a function is analysed as if static.
void Checker::check_global_prototype(std::uint32_t pc, std::uint32_t callee, Reporter& reporter) const {
    const auto& pieces = m_context.program.functions;
    if (callee >= pieces.size() || pieces[callee].function >= m_context.object.functions.size()) {
        return;
    }
    const model::Function& function = m_context.object.functions[pieces[callee].function];
    if (!m_context.program.has_func_info || function.is_program || !function.signature ||
        !function.signature->global_linkage) {
        return;
    }
    const std::vector<model::FunctionParam>& params = function.signature->params;
    for (std::size_t i = 0; i < params.size() && i < 5; ++i) {
        const model::FunctionParam& param = params[i];
        // kprobe programs also take the bpf_user_pt_regs_t typedef as their context.
        const bool kprobe_ctx = m_context.type.name == "kprobe" && param.pointee == "bpf_user_pt_regs_t";
        const bool tagged = param.tag_ctx || param.tag_trusted || param.tag_arena || kprobe_ctx;
        if (param.kind != model::ParamKind::Pointer || param.pointee_size > 0 || tagged ||
            (!m_context.type.context_struct.empty() && param.pointee == m_context.type.context_struct)) {
            continue;
        }
        reporter.error("call.global_arg", pc,
                       fmt::format("arg#{} of global function {}(): reference type ('{}') size cannot be determined: "
                                   "the kernel verifies the function from its prototype, where an untagged pointer "
                                   "is memory of its pointee's size",
                                   i, function.name, param.pointee.empty() ? "unknown" : param.pointee),
                       {},
                       fmt::format("give the parameter a sized type, tag it (__arg_ctx, __arg_trusted), or make "
                                   "{}() static",
                                   function.name));
        return;
    }
}

}  // namespace bpfcheck::analyzer
