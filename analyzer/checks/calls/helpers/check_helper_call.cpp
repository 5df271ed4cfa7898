// ValidHelperCall (check_helper_call): the helper exists for this program
// type, license and target kernel; no lock, RCU or preemption section
// forbids it; each argument matches its prototype (check_func_arg), in
// order, against the state the arguments before it left (the checker
// replays the transfer's steps, Executor::apply_helper_arg, on its own
// copy); the maps it is given are of a type it takes
// (check_map_func_compatibility); what it releases was acquired; a
// callback's body is checked in its calling context and returns 0 or 1.
#include "analyzer/checks/calls/call_context_rules.hpp"
#include "analyzer/checks/calls/helpers/const_str_arg.hpp"
#include "analyzer/checks/calls/helpers/helper_call_rules.hpp"
#include "analyzer/checks/checker.hpp"
#include "analyzer/checks/memory/map_special_fields.hpp"
#include "analyzer/checks/memory/memory_checks.hpp"
#include "analyzer/checks/number_origin.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/helpers/map_helper_rules.hpp"
#include "analyzer/transfer/executor.hpp"
#include "cfg/program/map_type.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

// Whether the check of an argument of this kind reads the stack or memory
// of the state (the bytes a pointer argument points to, the stack objects
// a write may not overwrite), not its register alone.
bool arg_check_reads_memory(ArgKind kind) {
    switch (kind) {
        case ArgKind::None:
        case ArgKind::Anything:
        case ArgKind::ConstMapPtr:
        case ArgKind::ConstSize:
        case ArgKind::ConstSizeOrZero:
        case ArgKind::ConstAllocSizeOrZero:
        case ArgKind::Ctx:
        case ArgKind::CtxOrNull:
        case ArgKind::Socket:
        case ArgKind::SocketOrNull:
        case ArgKind::SockCommon:
        case ArgKind::SockCommonOrNull:
        case ArgKind::BtfId:
        case ArgKind::BtfIdOrNull:
        case ArgKind::PerCpuBtfId:
            return false;
        default:
            return true;
    }
}

// The last argument of `proto` whose check reads the state's memory
// (arg_check_reads_memory); -1 when none does.
int last_memory_reading_arg(const HelperPrototype& proto) {
    int last = -1;
    for (int i = 0; i < 5; ++i) {
        if (arg_check_reads_memory(proto.args[static_cast<std::size_t>(i)])) {
            last = i;
        }
    }
    return last;
}

// check_ptr_alignment, strict: the long or int a helper writes through a
// MEM_ALIGNED argument (ARG_PTR_TO_LONG / ARG_PTR_TO_INT before 6.12:
// bpf_strtol's result, bpf_get_func_arg's value, bpf_check_mtu's length)
// lies at an offset its size divides, on the stack (whose frame is 8-byte
// aligned) and in a map value or memory alike.
void check_fixed_arg_alignment(std::uint32_t pc, const HelperPrototype& proto, int reg, const Value& value, int size,
                               Reporter& reporter) {
    if (value.kind() != Kind::Stack && value.kind() != Kind::MapValue && value.kind() != Kind::Mem) {
        return;
    }
    if (domains::tnum_is_aligned(value.number().bits, static_cast<std::uint64_t>(size))) {
        return;
    }
    const bool stack = value.kind() == Kind::Stack;
    reporter.error(
        stack ? "stack.misaligned" : "mem.misaligned", pc,
        fmt::format("{} argument {} (R{}) points to {} that is not aligned to its size "
                    "(misaligned {} access)",
                    proto.name, reg, reg, size == 8 ? "an 8-byte long" : "a 4-byte int", stack ? "stack" : "value"),
        {describe_value(reg, value)},
        size == 8 ? "pass the address of an 8-byte aligned variable" : "pass the address of a 4-byte aligned variable");
}

}  // namespace

void Checker::decide(std::uint32_t pc, const ValidHelperCall& o, const MachineState& state, CheckSink& sink) const {
    Reporter& reporter = sink.reporter;
    const auto prototype = find_helper_for(o.helper, helper_caller(m_context));
    if (!prototype) {
        reporter.error("helper.unknown", pc, fmt::format("invalid func unknown#{}: no such helper", o.helper));
        return;
    }
    const HelperPrototype& proto = *prototype;
    const Executor& executor = m_executor;
    bool refused = check_helper_availability(pc, proto, reporter);
    check_sleepable_helper(m_context, pc, proto, reporter);
    if (helper_withheld(o.helper, helper_caller(m_context))) {
        refused = true;
        reporter.error(
            "helper.not_for_type", pc,
            fmt::format("program of this type ({}, {}) cannot use helper {}#{}", m_context.type.name,
                        m_context.attach != nullptr ? m_context.attach->function : "", proto.name, o.helper));
    }
    if (refused) {
        return;  // the kernel stops at the proto: the arguments are not looked at
    }
    if (o.helper == kHelperDynptrFromMem) {
        check_dynptr_from_mem_source(pc, state, reporter);
    }
    check_held_resources(pc, o.helper, state, reporter);
    check_helper_in_sections(pc, proto, state, reporter);
    check_helper_call_rules(pc, o.helper, state, reporter);
    if (o.helper == kHelperSpinUnlock) {
        const domains::HeldReference* lock = state.held_lock();
        const std::uint64_t key = executor.lock_key(state.reg(1));
        // After a reported nested lock two are held: the unlock of either is no new fault.
        const bool holds_it =
            std::any_of(state.references().begin(), state.references().end(), [&](const domains::HeldReference& r) {
                return r.id == domains::kSpinLockRef && (r.lock == key || r.lock == domains::kUnknownLock);
            });
        if (lock != nullptr && lock->lock != domains::kUnknownLock && key != domains::kUnknownLock && !holds_it) {
            reporter.error(
                "ref.lock_not_held", pc,
                fmt::format("bpf_spin_unlock of different lock: R1 is not the lock taken at insn {}", lock->insn),
                {describe(state, 1)}, "unlock the same lock you locked");
        }
    }
    if (o.helper == kHelperTailCall && m_context.options.unprivileged) {
        check_tail_call_map(pc, state, sink);
    }
    // The arguments in order, each checked, then applied to the checker's
    // copy. What an argument writes to the stack matters only to a later
    // check that reads memory, and to a callback or a dynptr the helper
    // initialises, both checked against the copy (below).
    MachineState local = state;
    HelperArgs args;
    const bool reads_copy_after = std::any_of(proto.args.begin(), proto.args.end(), [](ArgKind kind) {
        return kind == ArgKind::Callback || kind == ArgKind::UninitDynptr;
    });
    const int last_reading = last_memory_reading_arg(proto);
    for (int i = 0; i < 5; ++i) {
        const ArgKind kind = proto.args[static_cast<std::size_t>(i)];
        if (kind == ArgKind::None) {
            break;
        }
        if (is_helper_size_kind(kind)) {
            continue;  // checked with the memory argument before it
        }
        check_helper_arg(pc, proto, i, local, args, sink);
        executor.apply_helper_arg(pc, proto, i, local, args, reads_copy_after || i < last_reading);
    }
    if (args.map_pointer) {
        if (const auto map = executor.incompatible_map(o.helper, *args.map_pointer)) {
            const model::MapDef& def = m_context.object.maps[*map];
            const bool sock_update =
                (def.type == model::map_type::kSockmap || def.type == model::map_type::kSockhash) &&
                (o.helper == 2 || o.helper == 3);
            const bool any_type = required_map_types(o.helper).empty();
            reporter.error(
                "helper.map_type", pc,
                fmt::format("{}cannot pass map_type {} ('{}') into func {}#{}",
                            sock_update ? "cannot update sockmap in this context: " : "", def.type, def.name,
                            proto.name, o.helper),
                {},
                any_type ? "this map type does not support this helper" : "use a map of the type this helper expects");
        }
    }
    // Not where the released argument failed its own check (HelperArgs::release_checked).
    if (!executor.apply_helper_release(proto, args, local)) {
        reporter.error(
            "ref.release_unacquired", pc,
            fmt::format("{} releases R{}, which holds no acquired reference", proto.name, proto.releases_arg + 1),
            {describe(local, proto.releases_arg + 1)},
            "release only what bpf_ringbuf_reserve / bpf_sk_lookup_* returned, exactly once");
    }
    if (args.callback) {
        check_callback(pc, proto, args, local, sink);
        if (local.is_bottom()) {
            return;
        }
    }
    // The struct bpf_dynptr the helper initialises (mark_stack_slots_dynptr).
    for (int i = 0; i < 5; ++i) {
        if (proto.args[static_cast<std::size_t>(i)] != ArgKind::UninitDynptr) {
            continue;
        }
        const auto offset = executor.dynptr_slot_offset(local.reg(i + 1));
        if (!offset) {
            reporter.error("helper.arg_type", pc,
                           fmt::format("{} argument {} (R{}) must point to 16 stack bytes at a constant, "
                                       "8-byte aligned offset for the struct bpf_dynptr it initialises",
                                       proto.name, i + 1, i + 1),
                           {describe(local, i + 1)}, "pass &dynptr of a local struct bpf_dynptr");
            continue;
        }
        check_stack_object_access(m_executor, pc, i + 1, local.reg(i + 1).region(), *offset, *offset + 16,
                                  Executor::StackObjectAccess::Write, local, reporter);
    }
}

// check_func_arg for argument `i` (register i + 1) of `proto`.
void Checker::check_helper_arg(std::uint32_t pc, const HelperPrototype& proto, int i, const MachineState& state,
                               const HelperArgs& args, CheckSink& sink) const {
    Reporter& reporter = sink.reporter;
    const ArgKind kind = proto.args[static_cast<std::size_t>(i)];
    const int reg = i + 1;
    auto arg_error = [&](int at, const std::string& expected) {
        const bool releases_this = proto.releases_arg + 1 == at;
        // A pointer whose reference was released: name the root cause.
        const Value& value = operand_value(state, at);
        if (value.is_scalar() && value.fault_reported()) {
            return;  // reported where the value went wrong
        }
        if (value.is_scalar() && value.released_from() != 0) {
            const std::uint32_t acquired_at = value.released_from() - kRefIdBase;
            if (releases_this) {
                reporter.error("ref.release_unacquired", pc,
                               fmt::format("{} releases R{} a second time: the reference acquired at insn {} was "
                                           "already released (R{} type=scalar)",
                                           proto.name, at, acquired_at, at),
                               {describe_value(at, value)},
                               "release a reference exactly once on every path (submit or discard, not both)");
            } else {
                reporter.error("ref.use_after_release", pc,
                               fmt::format("{} argument {} (R{}) is a pointer whose reference (acquired at insn {}) "
                                           "was already released",
                                           proto.name, at, at, acquired_at),
                               {describe_value(at, value)}, "use the pointer only before releasing it");
            }
            return;
        }
        std::vector<std::string> notes{describe_value(at, value)};
        std::string hint;
        if (auto origin = number_origin(m_context, at, value)) {
            notes.push_back(std::move(origin->note));
            hint = std::move(origin->hint);
        }
        reporter.error(
            "helper.arg_type", pc,
            fmt::format("{} argument {} (R{}) is {}, expected {}", proto.name, at, at, value.to_string(), expected),
            std::move(notes), std::move(hint));
    };
    if (state.reg(reg).kind() == Kind::Uninit) {
        decide(pc, Initialised{reg}, state, sink);  // uninit.register says it all
        return;
    }
    const Value value = state.reg(reg);
    const bool is_null = value.is_scalar() && value.number().as_constant() == 0U;
    // NULL memory is checked with its size (below).
    const bool nullable_memory =
        kind == ArgKind::ReadableMemOrNull || kind == ArgKind::WritableMemOrNull || kind == ArgKind::ReadWriteMemOrNull;
    if (is_null && helper_arg_accepts_null(kind) && !nullable_memory) {
        return;
    }
    // The unlock of a lock map.no_btf reported at bpf_spin_lock would only repeat it.
    if ((kind == ArgKind::SpinLock && proto.id != kHelperSpinUnlock) || kind == ArgKind::Timer ||
        kind == ArgKind::Kptr) {
        check_map_has_btf(pc, reg, value,
                          kind == ArgKind::SpinLock ? "bpf_spin_lock"
                          : kind == ArgKind::Timer  ? "bpf_timer"
                                                    : "bpf_kptr_xchg",
                          reporter);
    }
    if (const auto problem = m_executor.helper_arg_problem(proto, i, value, state, args)) {
        arg_error(reg, *problem);
    }
    switch (kind) {
        case ArgKind::Anything:
            // check_func_arg: without CAP_PERFMON a pointer passed as a
            // plain value leaks its address.
            if (m_context.options.unprivileged && value.is_pointer()) {
                reporter.error("pointer.leak", pc, fmt::format("R{} leaks addr into helper function", reg),
                               {describe(state, reg)}, "pass numbers, not pointers, as plain helper arguments");
            }
            break;
        case ArgKind::MapKey:
        case ArgKind::MapValue:
        case ArgKind::MapValueOrNull:
        case ArgKind::UninitMapValue: {
            if (!args.map_pointer) {
                break;
            }
            const MapSet maps = m_executor.maps_of(*args.map_pointer);
            if (is_sock_map_value(kind, maps)) {
                break;  // a socket: helper_arg_problem
            }
            const std::uint32_t size = kind == ArgKind::MapKey ? maps.key_max : maps.value_max;
            check_helper_memory(pc, reg, value, Scalar::constant(size), kind == ArgKind::UninitMapValue, state, sink);
            break;
        }
        case ArgKind::ReadableMem:
        case ArgKind::ReadableMemOrNull:
        case ArgKind::WritableMem:
        case ArgKind::WritableMemOrNull:
        case ArgKind::ReadWriteMem:
        case ArgKind::ReadWriteMemOrNull: {
            const bool write = kind == ArgKind::WritableMem || kind == ArgKind::WritableMemOrNull;
            const ArgKind size_kind = i + 1 < 5 ? proto.args[static_cast<std::size_t>(i) + 1] : ArgKind::None;
            Scalar size = Scalar::constant(0);
            if (is_helper_size_kind(size_kind)) {
                decide(pc, Initialised{reg + 1}, state, sink);
                const Value size_value = operand_value(state, reg + 1);
                if (!size_value.is_scalar()) {
                    arg_error(reg + 1, "a size (scalar)");
                    break;
                }
                size = size_value.number();
                // Formatted only for a report (most calls report nothing).
                const auto note = [&] { return describe_value(reg + 1, size_value); };
                if (size.smin < 0) {
                    reporter.error("helper.size", pc,
                                   fmt::format("R{} min value is negative: the size passed to {} may be "
                                               "negative ({})",
                                               reg + 1, proto.name, size.to_string()),
                                   {note()}, "bound the size from below, e.g. if (n < 0)");
                } else if (size.umax >= kMaxHelperMemory) {
                    reporter.error("helper.size", pc,
                                   fmt::format("R{} unbounded memory access: the size passed to {} has no "
                                               "upper bound",
                                               reg + 1, proto.name),
                                   {note()}, "bound the size, e.g. if (n > sizeof(buf)) n = sizeof(buf)");
                } else if (size_kind == ArgKind::ConstSize && size.umin == 0) {
                    reporter.error("helper.size", pc,
                                   fmt::format("R{} invalid zero-sized read: {} needs a size > 0", reg + 1, proto.name),
                                   {note()}, "check the size is not zero");
                }
                if (helper_size_refused(size)) {
                    break;
                }
            }
            // check_func_arg checks the type before the size: a number is
            // memory only as NULL where the argument may be NULL, and then
            // only with a size of 0 (check_helper_mem_access: zero-byte read
            // from NULL). A number with a size is check_helper_memory's.
            const bool null_allowed = is_null && nullable_memory && size.umax == 0;
            if (value.is_scalar() && !null_allowed && (is_null || size.umax == 0)) {
                reporter.error("helper.arg_type", pc,
                               fmt::format("R{} type=scalar expected=fp, pkt, map_key, map_value, mem", reg),
                               {describe_value(reg, value)},
                               is_null ? "pass a buffer, or NULL with a size of 0"
                                       : "pass a pointer to the stack, a map value or the packet");
                break;
            }
            if (is_null) {
                break;  // NULL with a size of 0: nothing is read or written
            }
            check_helper_memory(pc, reg, value, size, write, state, sink, fills_argument(proto, kind));
            break;
        }
        case ArgKind::Ctx:
        case ArgKind::CtxOrNull:
            if (value.kind() == Kind::Ctx) {
                check_ctx_arg_offset(pc, reg, value, reporter);
            }
            break;
        case ArgKind::WritableLong:
        case ArgKind::WritableInt:
        case ArgKind::ReadWriteInt: {
            const int size = kind == ArgKind::WritableLong ? 8 : 4;
            if (kind == ArgKind::ReadWriteInt) {
                // Without MEM_UNINIT the kernel reads the bytes first
                // (check_stack_range_initialized without raw_mode).
                check_helper_memory(pc, reg, value, Scalar::constant(size), false, state, sink);
            }
            check_helper_memory(pc, reg, value, Scalar::constant(size), true, state, sink);
            check_fixed_arg_alignment(pc, proto, reg, value, size, reporter);
            break;
        }
        case ArgKind::SpinLock:
            check_spin_lock_field(m_context, pc, reg, value, reporter);
            break;
        case ArgKind::ConstString:
            check_const_str_arg(m_context, pc, reg, value, reporter);
            break;
        default:
            break;
    }
    if (proto.releases_arg == i && kind != ArgKind::Dynptr) {
        check_release_arg_offset(pc, reg, value, reporter);
    }
}

void Checker::check_tail_call_map(std::uint32_t pc, const MachineState& state, CheckSink& sink) const {
    const Value& map_pointer = state.reg(2);
    // do_misc_fixups: the kernel bounds an unprivileged tail call's index
    // with its one map's max_entries (Spectre v1), so every path must bring
    // the same prog array (record_func_map; else the map is "poisoned").
    if (map_pointer.kind() != Kind::MapPtr) {
        return;
    }
    const auto [it, inserted] = sink.tail_call_maps.try_emplace(pc, map_pointer.region());
    if (map_pointer.region() == domains::kManyMaps || it->second != map_pointer.region()) {
        sink.reporter.error("tailcall.map", pc,
                            "tail_call abusing map_ptr: this tail call is reached with different prog arrays",
                            {describe(state, 2)}, "use one tail call instruction per prog array");
    }
}

// The callback a helper calls (bpf_loop, bpf_for_each_map_elem, timers):
// its body, checked from the state before every invocation (the fixpoint
// the transfer computes, Executor::run_callback), and its return value,
// reported at the callback's exit, where the kernel reports it. `state`
// becomes the state after the helper's invocations.
void Checker::check_callback(std::uint32_t pc, const HelperPrototype& proto, const HelperArgs& args,
                             MachineState& state, CheckSink& sink) const {
    const MachineState at_call = state;
    if (!m_executor.run_callback(pc, proto.id, proto, args, state)) {
        return;  // the analysis ended with an error
    }
    const std::uint32_t callee = m_executor.callback_function(*args.callback);
    MachineState result = MachineState::bottom();
    for (const MachineState& part :
         m_check_callee(callee, m_executor.callback_entry(pc, proto.id, args, at_call, state))) {
        result.join_with(part);
    }
    if (result.is_bottom() || result.frame_count() != state.frame_count() + 1) {
        return;
    }
    const auto& exits = m_context.cfg.functions()[callee].exits;
    const std::uint32_t at = exits.empty() ? pc : m_context.cfg.block(exits.front()).last;
    const Value& r0 = result.reg(0);
    // Timer callbacks run asynchronously and must return 0; the others
    // return 0 (continue) or 1 (stop).
    const bool async = proto.id == kHelperTimerSetCallback;
    const std::int64_t hi = async ? 0 : 1;
    const char* hint = async ? "return 0 from the timer callback" : "return 0 (continue) or 1 (stop) from the callback";
    if (r0.kind() == Kind::Uninit) {
        sink.reporter.error("call.callback_return", at, "the callback does not set R0 before it returns (R0 !read_ok)",
                            {}, hint);
    } else if (!r0.is_scalar() || r0.number().smin < 0 || r0.number().smax > hi) {
        sink.reporter.error("exit.return_range", at,
                            fmt::format("at callback return R0 is {}, should have been in [0, {}]", r0.to_string(), hi),
                            {fmt::format("callback of {} called at insn {}", proto.name, pc)}, hint);
    }
}

}  // namespace bpfcheck::analyzer
