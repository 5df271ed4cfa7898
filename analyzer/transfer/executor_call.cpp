// Calls. Helpers are checked argument by argument against their prototype
// (check_func_arg in the kernel) and give a result of their return kind;
// bpf-to-bpf calls are analysed in the caller's context (a new frame on the
// caller's state); callbacks (bpf_loop, bpf_for_each_map_elem, ...) are
// analysed as calls made zero or more times from the helper. Argument
// memory and map checks: executor_helper_checks.cpp; kfuncs, dynptrs and
// locks: executor_resources.cpp; global functions: executor_global_call.cpp.
#include "analyzer/checks/helper_call_rules.hpp"
#include "analyzer/checks/map_special_fields.hpp"
#include "analyzer/engine/callback_fixpoint.hpp"
#include "analyzer/transfer/executor.hpp"

#include "analyzer/platform/helper_availability.hpp"
#include "analyzer/platform/helper_prototype.hpp"
#include "analyzer/platform/helper_variants.hpp"
#include "analyzer/platform/socket_fields.hpp"
#include "cfg/program/map_type.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

// The inner map a lookup in a map-in-map yields: its declared inner map
// (`__array(values, ...)`, iproute2's inner_id), or any map when the object
// does not say (the loader passes an inner map fd to the kernel).
std::optional<std::uint32_t> inner_map_of(const model::BpfObject& object, std::uint32_t map) {
    if (map >= object.maps.size()) {
        return std::nullopt;
    }
    const auto& def = object.maps[map];
    if (!model::is_map_in_map(def.type)) {
        return std::nullopt;
    }
    return def.inner_map < object.maps.size() ? def.inner_map : domains::kManyMaps;
}

constexpr std::uint64_t kMaxHelperMemory = 1ULL << 29;  // BPF_MAX_VAR_SIZ
using domains::kNoId;
// Invocations of one callback the fixpoint may take; widening converges in
// a handful, so reaching this is a defect, reported as an error.
constexpr std::uint64_t kCallbackMaxInvocations = 64;

bool is_size_kind(ArgKind kind) {
    return kind == ArgKind::ConstSize || kind == ArgKind::ConstSizeOrZero;
}

bool accepts_null(ArgKind kind) {
    return kind == ArgKind::ReadableMemOrNull || kind == ArgKind::WritableMemOrNull ||
           kind == ArgKind::ReadWriteMemOrNull || kind == ArgKind::MapValueOrNull || kind == ArgKind::CtxOrNull ||
           kind == ArgKind::SocketOrNull || kind == ArgKind::BtfIdOrNull || kind == ArgKind::StackOrNull ||
           kind == ArgKind::SockCommonOrNull;
}

// Who calls a helper, as the per-type helper prototypes ask (helper_variants.hpp).
HelperCaller helper_caller(const AnalysisContext& context) {
    return HelperCaller{context.type.name, expected_attach_type(context),
                        context.attach != nullptr ? std::string_view{context.attach->function} : std::string_view{}};
}

}  // namespace

void Executor::execute_call(std::uint32_t pc, const isa::Call& call, MachineState& state, Reporter* reporter,
                            std::vector<MachineState>* forks) const {
    switch (call.kind) {
        case isa::CallKind::Local:
            execute_local_call(pc, call, state, reporter, forks);
            return;
        case isa::CallKind::Helper:
            execute_helper(pc, call, state, reporter);
            return;
        case isa::CallKind::Kfunc:
            execute_kfunc(pc, state, reporter);
            return;
    }
}

void Executor::execute_local_call(std::uint32_t pc, const isa::Call& call, MachineState& state, Reporter* reporter,
                                  std::vector<MachineState>* forks) const {
    const auto target = static_cast<std::uint32_t>(static_cast<std::int64_t>(pc) + 1 + call.imm);
    const std::uint32_t callee = m_context.cfg.block(m_context.cfg.block_of(target)).function;
    if (state.frame_count() >= static_cast<std::size_t>(domains::kMaxFrames)) {
        if (reporter != nullptr) {
            reporter->error("call.depth", pc,
                            fmt::format("the call stack of {} frames is too deep (the kernel allows {})",
                                        state.frame_count() + 1, domains::kMaxFrames),
                            {}, "reduce the nesting of bpf-to-bpf calls");
        }
        for (int r = 1; r <= 5; ++r) {
            state.reg(r) = Value::uninit();
        }
        state.reg(0) = Value::unknown_scalar();
        return;
    }
    if (const model::FunctionSignature* signature = global_signature(callee)) {
        execute_global_call(pc, callee, *signature, state, reporter);
        return;
    }
    check_global_prototype(pc, callee, reporter);
    if (const domains::HeldReference* lock = state.held_lock(); lock != nullptr && reporter != nullptr) {
        const std::uint32_t target_version = m_context.options.kernel_version;
        const bool static_calls_allowed = target_version == 0 || target_version >= ((6U << 16) | (9U << 8));
        if (!static_calls_allowed) {
            reporter->error("ref.lock_held", pc,
                            fmt::format("function calls are not allowed while holding a lock (taken at insn {}); "
                                        "Linux 6.9 allows calls of static functions",
                                        lock->insn),
                            {}, "release the lock before the call, or target Linux 6.9 or later");
        }
    }
    MachineState entry = state;
    entry.push_frame(pc);
    std::vector<MachineState> results = m_call_analyzer(callee, entry, reporter);
    const std::size_t depth = state.frame_count() + 1;
    state = MachineState::bottom();
    for (MachineState& result : results) {
        if (result.is_bottom() || result.frame_count() != depth) {
            continue;
        }
        result.pop_frame();
        if (state.is_bottom()) {
            state = std::move(result);
        } else if (forks != nullptr) {
            forks->push_back(std::move(result));
        } else {
            state.join_with(result);
        }
    }
}

void Executor::execute_helper(std::uint32_t pc, const isa::Call& call, MachineState& state, Reporter* reporter) const {
    const auto prototype = find_helper_for(call.imm, helper_caller(m_context));
    const Value lock_pointer = state.reg(1);                   // bpf_spin_lock/unlock: which lock
    const std::uint32_t cast_source_ref = state.reg(1).ref();  // socket casts: the reference they carry on
    auto clobber = [&](const Value& r0) {
        for (int r = 1; r <= 5; ++r) {
            state.reg(r) = Value::uninit();
        }
        state.reg(0) = r0;
    };
    if (!prototype) {
        if (reporter != nullptr) {
            reporter->error("helper.unknown", pc, fmt::format("invalid func unknown#{}: no such helper", call.imm));
        }
        clobber(Value::unknown_scalar());
        return;
    }
    const HelperPrototype& proto = *prototype;
    check_helper_availability(pc, proto, reporter);
    if (reporter != nullptr && helper_withheld(call.imm, helper_caller(m_context))) {
        reporter->error(
            "helper.not_for_type", pc,
            fmt::format("program of this type ({}, {}) cannot use helper {}#{}", m_context.type.name,
                        m_context.attach != nullptr ? m_context.attach->function : "", proto.name, call.imm));
    }
    if (call.imm == kHelperDynptrFromMem) {
        check_dynptr_from_mem_source(pc, state, reporter);
    }
    check_held_resources(pc, call.imm, state, reporter);
    check_helper_in_sections(pc, proto, state, reporter);
    check_helper_call_rules(pc, call.imm, state, reporter);
    if (call.imm == kHelperSpinUnlock && reporter != nullptr) {
        const domains::HeldReference* lock = state.held_lock();
        const std::uint64_t key = lock_key(lock_pointer);
        // After a reported nested lock two are held: the unlock of either is no new fault.
        const bool holds_it =
            std::any_of(state.references().begin(), state.references().end(), [&](const domains::HeldReference& r) {
                return r.id == domains::kSpinLockRef && (r.lock == key || r.lock == domains::kUnknownLock);
            });
        if (lock != nullptr && lock->lock != domains::kUnknownLock && key != domains::kUnknownLock && !holds_it) {
            reporter->error(
                "ref.lock_not_held", pc,
                fmt::format("bpf_spin_unlock of different lock: R1 is not the lock taken at insn {}", lock->insn),
                {describe(state, 1)}, "unlock the same lock you locked");
        }
    }
    bool release_checked = true;  // false once the released argument already failed its own check
    auto arg_error = [&](int reg, const std::string& expected) {
        const bool releases_this = proto.releases_arg + 1 == reg;
        if (releases_this) {
            release_checked = false;
        }
        // A pointer whose reference was released: name the root cause.
        const std::uint32_t released_from = state.reg(reg).released_from();
        if (state.reg(reg).is_scalar() && state.reg(reg).fault_reported()) {
            return;  // reported where the value went wrong
        }
        if (reporter != nullptr && state.reg(reg).is_scalar() && released_from != 0) {
            const std::uint32_t acquired_at = released_from - kRefIdBase;
            if (releases_this) {
                reporter->error("ref.release_unacquired", pc,
                                fmt::format("{} releases R{} a second time: the reference acquired at insn {} was "
                                            "already released (R{} type=scalar)",
                                            proto.name, reg, acquired_at, reg),
                                {describe(state, reg)},
                                "release a reference exactly once on every path (submit or discard, not both)");
            } else {
                reporter->error("ref.use_after_release", pc,
                                fmt::format("{} argument {} (R{}) is a pointer whose reference (acquired at insn {}) "
                                            "was already released",
                                            proto.name, reg, reg, acquired_at),
                                {describe(state, reg)}, "use the pointer only before releasing it");
            }
            return;
        }
        if (reporter != nullptr) {
            reporter->error("helper.arg_type", pc,
                            fmt::format("{} argument {} (R{}) is {}, expected {}", proto.name, reg, reg,
                                        state.reg(reg).to_string(), expected),
                            {describe(state, reg)});
        }
    };
    if (call.imm == kHelperTailCall && m_context.options.unprivileged) {
        check_tail_call_map(pc, state, reporter);
    }
    std::uint32_t map = domains::kNoRegion;
    std::optional<Value> map_pointer;
    std::uint32_t released_ref = 0;
    std::optional<Value> callback;
    for (int i = 0; i < 5; ++i) {
        const ArgKind kind = proto.args[static_cast<std::size_t>(i)];
        const int reg = i + 1;
        if (kind == ArgKind::None) {
            break;
        }
        if (is_size_kind(kind)) {
            continue;  // checked with the memory argument before it
        }
        if (state.reg(reg).kind() == Kind::Uninit) {
            read_reg(pc, reg, state, reporter);  // uninit.register says it all
            if (proto.releases_arg == i) {
                release_checked = false;
            }
            continue;
        }
        const Value value = read_reg(pc, reg, state, reporter);
        const bool is_null = value.is_scalar() && value.number().as_constant() == 0U;
        if (is_null && accepts_null(kind)) {
            continue;
        }
        // The unlock of a lock map.no_btf reported at bpf_spin_lock would only repeat it.
        if ((kind == ArgKind::SpinLock && call.imm != kHelperSpinUnlock) || kind == ArgKind::Timer ||
            kind == ArgKind::Kptr) {
            check_map_has_btf(pc, reg, value,
                              kind == ArgKind::SpinLock ? "bpf_spin_lock"
                              : kind == ArgKind::Timer  ? "bpf_timer"
                                                        : "bpf_kptr_xchg",
                              reporter);
        }
        switch (kind) {
            case ArgKind::Anything:
                // check_func_arg: without CAP_PERFMON a pointer passed as
                // a plain value leaks its address.
                if (m_context.options.unprivileged && value.is_pointer() && reporter != nullptr) {
                    reporter->error("pointer.leak", pc, fmt::format("R{} leaks addr into helper function", reg),
                                    {describe(state, reg)}, "pass numbers, not pointers, as plain helper arguments");
                }
                break;
            case ArgKind::ConstMapPtr:
                if (value.kind() == Kind::MapPtrOrNull) {
                    // Reported once; then taken as the inner map it may be.
                    arg_error(reg, "a map (map_ptr) checked against NULL");
                    map = value.region();
                    map_pointer = Value::pointer(Kind::MapPtr, value.region(), value.number());
                } else if (value.kind() != Kind::MapPtr) {
                    arg_error(reg, "a map (map_ptr)");
                } else {
                    map = value.region();
                    map_pointer = value;
                }
                break;
            case ArgKind::MapKey:
            case ArgKind::MapValue:
            case ArgKind::MapValueOrNull:
            case ArgKind::UninitMapValue: {
                if (!map_pointer) {
                    break;
                }
                const MapSet maps = maps_of(*map_pointer);
                // resolve_map_arg_type: a sockmap's or sockhash's value is a
                // socket (ARG_PTR_TO_BTF_ID_SOCK_COMMON), not memory.
                constexpr std::uint32_t kSockmap = 15;
                constexpr std::uint32_t kSockhash = 18;
                if (kind == ArgKind::MapValue && maps.single != nullptr &&
                    (maps.single->type == kSockmap || maps.single->type == kSockhash)) {
                    if (value.kind() != Kind::Socket && value.kind() != Kind::BtfId) {
                        arg_error(reg, domains::is_nullable(value.kind())
                                           ? "a socket checked against NULL"
                                           : "a socket (sock_common, sock, tcp_sock or a BTF socket pointer)");
                    }
                    break;
                }
                const std::uint32_t size = kind == ArgKind::MapKey ? maps.key_max : maps.value_max;
                check_helper_memory(pc, reg, value, Scalar::constant(size), kind == ArgKind::UninitMapValue, state,
                                    reporter);
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
                if (is_size_kind(size_kind)) {
                    const Value size_value = read_reg(pc, reg + 1, state, reporter);
                    if (!size_value.is_scalar()) {
                        arg_error(reg + 1, "a size (scalar)");
                        break;
                    }
                    size = size_value.number();
                    if (reporter != nullptr) {
                        if (size.smin < 0) {
                            reporter->error("helper.size", pc,
                                            fmt::format("R{} min value is negative: the size passed to {} may be "
                                                        "negative ({})",
                                                        reg + 1, proto.name, size.to_string()),
                                            {describe(state, reg + 1)}, "bound the size from below, e.g. if (n < 0)");
                        } else if (size.umax >= kMaxHelperMemory) {
                            reporter->error("helper.size", pc,
                                            fmt::format("R{} unbounded memory access: the size passed to {} has no "
                                                        "upper bound",
                                                        reg + 1, proto.name),
                                            {describe(state, reg + 1)},
                                            "bound the size, e.g. if (n > sizeof(buf)) n = sizeof(buf)");
                        } else if (size_kind == ArgKind::ConstSize && size.umin == 0) {
                            reporter->error(
                                "helper.size", pc,
                                fmt::format("R{} invalid zero-sized read: {} needs a size > 0", reg + 1, proto.name),
                                {describe(state, reg + 1)}, "check the size is not zero");
                        }
                    }
                    if (size.smin < 0 || size.umax >= kMaxHelperMemory) {
                        break;
                    }
                }
                check_helper_memory(pc, reg, value, size, write, state, reporter);
                break;
            }
            case ArgKind::Ctx:
            case ArgKind::CtxOrNull:
                if (value.kind() != Kind::Ctx) {
                    arg_error(reg, "the context (ctx)");
                } else {
                    check_ctx_arg_offset(pc, reg, value, reporter);
                }
                break;
            case ArgKind::WritableLong:
            case ArgKind::WritableInt:
                check_helper_memory(pc, reg, value, Scalar::constant(kind == ArgKind::WritableLong ? 8 : 4), true,
                                    state, reporter);
                break;
            case ArgKind::Callback:
                if (value.kind() != Kind::Func) {
                    arg_error(reg, "a callback function");
                } else {
                    callback = value;
                }
                break;
            case ArgKind::RingbufRecord:
                // A slice of a ring-buffer dynptr carries a reference too, not a record's.
                if (value.ref() == 0 || value.kind() != Kind::Mem ||
                    !acquired_by_helper(value.ref(), kHelperRingbufReserve)) {
                    arg_error(reg, "a ring buffer record from bpf_ringbuf_reserve");
                }
                break;
            case ArgKind::Dynptr:
                if (!initialised_dynptr(value, state)) {
                    arg_error(reg, "a pointer to an initialised struct bpf_dynptr (Expected an initialized dynptr)");
                }
                break;
            case ArgKind::SpinLock:
                if (value.kind() != Kind::MapValue && value.kind() != Kind::BtfId) {
                    arg_error(reg, "a pointer to a struct bpf_spin_lock inside a map value");
                }
                check_spin_lock_field(m_context, pc, reg, value, reporter);
                break;
            case ArgKind::StackOrNull:
                if (value.kind() != Kind::Stack) {
                    arg_error(reg, "a stack pointer or NULL");
                }
                break;
            case ArgKind::ConstAllocSizeOrZero:
                if (!value.is_scalar() || !value.number().is_constant()) {
                    arg_error(reg, "a known constant size");
                }
                break;
            case ArgKind::SockCommonOrNull:
                // check_reg_type folds PTR_MAYBE_NULL away when the argument allows it.
                // compatible_reg_types' btf_id_sock_common_types: sockets and kernel pointers.
                if (value.kind() != Kind::Socket && value.kind() != Kind::SocketOrNull &&
                    value.kind() != Kind::BtfId && value.kind() != Kind::BtfIdOrNull) {
                    arg_error(reg, "a socket pointer or NULL");
                }
                break;
            default:
                if (!value.is_pointer() || domains::is_nullable(value.kind())) {
                    arg_error(reg, domains::is_nullable(value.kind()) ? "a pointer checked against NULL" : "a pointer");
                }
                break;
        }
        if (proto.releases_arg == i) {
            if (kind != ArgKind::Dynptr) {
                check_release_arg_offset(pc, reg, value, reporter);
            }
            released_ref = kind == ArgKind::Dynptr ? dynptr_reference(value, state) : value.ref();
        }
    }
    // An incompatible map is reported once; its result then stands for
    // memory of unknown size so that uses of it do not cascade.
    const bool map_compatible =
        !map_pointer || check_map_compatibility(pc, call.imm, proto.name, *map_pointer, reporter);
    // Releasing NULL (bpf_kptr_xchg(&field, NULL)) releases nothing.
    const int released = proto.releases_arg;
    const bool releases_null = released >= 0 && accepts_null(proto.args[static_cast<std::size_t>(released)]) &&
                               state.reg(released + 1).is_scalar() &&
                               state.reg(released + 1).number().as_constant() == 0U;
    if (proto.releases_arg >= 0 && release_checked && !releases_null) {
        if (released_ref == 0 || !release_reference(state, released_ref)) {
            if (reporter != nullptr) {
                reporter->error("ref.release_unacquired", pc,
                                fmt::format("{} releases R{}, which holds no acquired reference", proto.name,
                                            proto.releases_arg + 1),
                                {describe(state, proto.releases_arg + 1)},
                                "release only what bpf_ringbuf_reserve / bpf_sk_lookup_* returned, exactly once");
            }
        }
    }
    if (callback) {
        const std::uint32_t callee = m_context.cfg.block(m_context.cfg.block_of(callback->region())).function;
        const Value timer = state.reg(1);
        const Value callback_ctx =
            call.imm == kHelperForEachMapElem || call.imm == kHelperLoop ? state.reg(3) : Value::unknown_scalar();
        const Value nr = state.reg(1);
        const auto invoke = [&](const MachineState& before, Reporter* to) {
            MachineState entry = before;
            entry.push_frame(pc);
            for (int r = 1; r <= 5; ++r) {
                entry.reg(r) = Value::unknown_scalar();
            }
            if (call.imm == kHelperLoop) {
                const std::uint64_t max =
                    nr.is_scalar() ? std::max<std::uint64_t>(nr.number().u32max, 1) - 1 : 0xffffffffULL;
                entry.reg(1) = Value::scalar(Scalar::unsigned_range(0, max));
                entry.reg(2) = callback_ctx;
            } else if (call.imm == kHelperForEachMapElem && map != domains::kNoRegion) {
                entry.reg(1) = Value::pointer(Kind::MapPtr, map, Scalar::constant(0));
                entry.reg(2) = Value::pointer(Kind::MapKey, map, Scalar::constant(0));
                entry.reg(3) = Value::pointer(Kind::MapValue, map, Scalar::constant(0));
                for (int r = 1; r <= 3 && map_pointer; ++r) {
                    entry.reg(r).set_region(map_pointer->region(), map_pointer->region_set());
                }
                entry.reg(4) = callback_ctx;
            } else if (call.imm == kHelperTimerSetCallback && timer.kind() == Kind::MapValue) {
                // An async callback: (map, key, value) of the map holding the timer.
                entry.reg(1) = Value::pointer(Kind::MapPtr, timer.region(), Scalar::constant(0));
                entry.reg(2) = Value::pointer(Kind::MapKey, timer.region(), Scalar::constant(0));
                entry.reg(3) = Value::pointer(Kind::MapValue, timer.region(), Scalar::constant(0));
                for (int r = 1; r <= 3; ++r) {
                    entry.reg(r).set_region(timer.region(), timer.region_set());
                }
            }
            MachineState result = MachineState::bottom();
            for (const MachineState& part : m_call_analyzer(callee, entry, to)) {
                result.join_with(part);
            }
            if (result.frame_count() != before.frame_count() + 1) {
                result.set_bottom();
            }
            return result;  // the callee's frame still pushed
        };
        // The caller's state before every invocation, to a fixpoint (the
        // engine's schedule: join, then widen); then one invocation from that
        // fixpoint with the reporter, so faults of later iterations are
        // reported too.
        CallbackFixpoint iterations(
            [&](const MachineState& before) {
                MachineState after = invoke(before, nullptr);
                if (!after.is_bottom()) {
                    after.pop_frame();
                }
                return after;
            },
            m_thresholds);
        FixpointLimits limits;
        limits.deadline = m_context.deadline;
        limits.max_vertex_visits = kCallbackMaxInvocations;
        if (iterations.run(state, limits) != FixpointStatus::Converged) {
            m_abort(
                fmt::format("the callback of {} called at insn {} did not reach a fixpoint within {} "
                            "invocations (a defect of bpfcheck's widening, or the time budget)",
                            proto.name, pc, kCallbackMaxInvocations));
            state.set_bottom();
            return;
        }
        const MachineState& before_each = iterations.before_each;
        const MachineState result = invoke(before_each, reporter);
        if (reporter != nullptr && !result.is_bottom()) {
            // Reported at the callback's exit, where the kernel reports it.
            const auto& exits = m_context.cfg.functions()[callee].exits;
            const std::uint32_t at = exits.empty() ? pc : m_context.cfg.block(exits.front()).last;
            const Value& r0 = result.reg(0);
            // Timer callbacks run asynchronously and must return 0; the
            // others return 0 (continue) or 1 (stop).
            const bool async = call.imm == kHelperTimerSetCallback;
            const std::int64_t hi = async ? 0 : 1;
            const char* hint =
                async ? "return 0 from the timer callback" : "return 0 (continue) or 1 (stop) from the callback";
            if (r0.kind() == Kind::Uninit) {
                reporter->error("call.callback_return", at,
                                "the callback does not set R0 before it returns (R0 !read_ok)", {}, hint);
            } else if (!r0.is_scalar() || r0.number().smin < 0 || r0.number().smax > hi) {
                reporter->error(
                    "exit.return_range", at,
                    fmt::format("at callback return R0 is {}, should have been in [0, {}]", r0.to_string(), hi),
                    {fmt::format("callback of {} called at insn {}", proto.name, pc)}, hint);
            }
        }
        state = before_each;
    }
    // Since Linux 6.14 the kernel knows that an array map lookup with a
    // constant in-bounds key cannot fail, and drops the NULL from the result.
    // A target kernel before 6.14 keeps the NULL (and so verifies no
    // speculative path past a NULL check it would otherwise decide).
    constexpr std::uint32_t kLookupElision = (6U << 16) | (14U << 8);
    const std::uint32_t target = m_context.options.kernel_version;
    bool lookup_cannot_fail = false;
    if ((target == 0 || target >= kLookupElision) && proto.ret == ReturnKind::MapValueOrNull &&
        map < m_context.object.maps.size() && call.imm == kHelperMapLookupElem && map != domains::kManyMaps) {
        const auto& def = m_context.object.maps[map];
        const Value& key = state.reg(2);
        if (model::is_array_map(def.type) && key.kind() == Kind::Stack && key.number().is_constant()) {
            const auto offset = static_cast<int>(key.number().umin);
            if (offset >= 0 && offset + 4 <= domains::kStackSize) {
                const auto loaded = state.stack(key.region()).load(offset, 4);
                lookup_cannot_fail = loaded && loaded->is_scalar() && loaded->number().is_constant() &&
                                     loaded->number().umin < def.max_entries;
            }
        }
    }
    // is_acquire_function: a sockmap or sockhash lookup returns a socket
    // (mark_ptr_not_null_reg) that holds a reference.
    const bool socket_lookup = proto.ret == ReturnKind::MapValueOrNull && call.imm == kHelperMapLookupElem &&
                               map_compatible && map < m_context.object.maps.size() &&
                               (m_context.object.maps[map].type == model::map_type::kSockmap ||
                                m_context.object.maps[map].type == model::map_type::kSockhash);
    const bool acquires = proto.acquires || socket_lookup;
    Value r0 = Value::unknown_scalar();
    const std::uint32_t nullable_id = kNullableIdBase + pc;
    const std::uint32_t ref_id = kRefIdBase + pc;
    auto fresh = [&](Kind kind, std::uint32_t region) {
        state.for_each_value([&](Value& v) {
            if (v.id() == nullable_id) {
                v.set_id(kNoId);
            }
        });
        Value v = Value::pointer(kind, region, Scalar::constant(0), nullable_id);
        if (map_pointer && region == map && (kind == Kind::MapValueOrNull || kind == Kind::MapValue)) {
            v.set_region(map_pointer->region(), map_pointer->region_set());
        }
        if (acquires) {
            v.set_ref(ref_id);
            state.acquire(ref_id, pc);
        }
        return v;
    };
    switch (proto.ret) {
        case ReturnKind::Integer:
            if (const auto range = refined_return_range(call.imm, state)) {
                r0 = Value::scalar(*range);
            }
            break;
        case ReturnKind::Void:
            r0 = Value::uninit();
            break;
        case ReturnKind::MapValueOrNull:
            if (const auto inner = inner_map_of(m_context.object, map)) {
                // A map-in-map's value is its inner map: the kernel returns
                // CONST_PTR_TO_MAP | PTR_MAYBE_NULL with the inner map's meta.
                r0 = Value::pointer(Kind::MapPtrOrNull, *inner, Scalar::constant(0), nullable_id);
            } else if (!map_compatible) {
                r0 = fresh(Kind::MemOrNull, 0xffffffffU);
            } else if (socket_lookup) {
                r0 = fresh(Kind::SocketOrNull, socket_type::kSock);
            } else if (lookup_cannot_fail) {
                // Still a lookup of its own: a lock in it is not the lock of another lookup.
                r0 = fresh(Kind::MapValue, map);
            } else {
                r0 = fresh(Kind::MapValueOrNull, map);
            }
            break;
        case ReturnKind::MapValue:
            r0 = Value::pointer(Kind::MapValue, map, Scalar::constant(0));
            break;
        case ReturnKind::Mem:
            r0 = Value::pointer(Kind::BtfId, 0, Scalar::constant(0));
            break;
        case ReturnKind::SocketOrNull:
            r0 = fresh(Kind::SocketOrNull, socket_type::kSock);
            break;
        case ReturnKind::TcpSockOrNull:
            r0 = fresh(Kind::SocketOrNull, socket_type::kTcpSock);
            break;
        case ReturnKind::SockCommonOrNull:
            r0 = fresh(Kind::SocketOrNull, socket_type::kSockCommon);
            break;
        case ReturnKind::RingbufRecordOrNull: {
            const Value& size = state.reg(2);
            const std::uint32_t bytes =
                size.is_scalar() && size.number().is_constant() ? static_cast<std::uint32_t>(size.number().umax) : 0;
            r0 = fresh(Kind::MemOrNull, bytes);
            break;
        }
        case ReturnKind::MemOrNull:
        case ReturnKind::BtfIdOrNull:
        case ReturnKind::AllocMemOrNull:
            r0 = fresh(Kind::BtfIdOrNull, 0);
            break;
        case ReturnKind::BtfId:
            r0 = Value::pointer(Kind::BtfId, 0, Scalar::constant(0));
            break;
        case ReturnKind::DynptrMemOrNull:
            r0 = dynptr_slice(pc, state);
            break;
    }
    // is_ptr_cast_function: the result is the argument seen as another
    // socket type, and carries its reference (ref_obj_id): releasing either
    // invalidates both.
    if (is_socket_cast(call.imm) && r0.is_pointer()) {
        r0.set_ref(cast_source_ref);
    }
    // bpf_dynptr_write into an skb dynptr may move the packet (check_helper_call: changes_data).
    const bool writes_packet_dynptr = call.imm == kHelperDynptrWrite && skb_dynptr(state.reg(1), state);
    if (proto.changes_packet_data || writes_packet_dynptr) {
        state.invalidate_packet_pointers();
        invalidate_packet_slices(state);
    }
    if (call.imm == kHelperTailCall) {
        r0 = Value::unknown_scalar();
    }
    initialise_helper_dynptrs(pc, call.imm, proto, state, reporter);
    if (call.imm == kHelperSpinLock) {
        // A nested lock (reported) is held too, so that its unlock matches.
        state.acquire(domains::kSpinLockRef, pc, lock_key(lock_pointer));
    } else if (call.imm == kHelperSpinUnlock) {
        state.release_lock(lock_key(lock_pointer));
        invalidate_non_owning_refs(state);
    }
    clobber(r0);
}

}  // namespace bpfcheck::analyzer
