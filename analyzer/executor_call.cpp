// Calls. Helpers are checked argument by argument against their prototype
// (check_func_arg in the kernel) and give a result of their return kind;
// bpf-to-bpf calls are analysed in the caller's context (a new frame on the
// caller's state); callbacks (bpf_loop, bpf_for_each_map_elem, ...) are
// analysed as calls made zero or more times from the helper.
#include "analyzer/executor.hpp"
#include "analyzer/platform/kfunc_table.hpp"

#include "analyzer/platform/helper_availability.hpp"
#include "analyzer/platform/helper_prototype.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

constexpr std::int32_t kHelperTailCall = 12;
constexpr std::int32_t kHelperSpinLock = 93;
constexpr std::int32_t kHelperKptrXchg = 194;
constexpr std::int32_t kHelperSpinUnlock = 94;
constexpr std::int32_t kHelperForEachMapElem = 164;
constexpr std::int32_t kHelperTimerSetCallback = 170;
constexpr std::int32_t kHelperRingbufReserveDynptr = 198;
constexpr std::int32_t kHelperLoop = 181;
constexpr std::uint64_t kMaxHelperMemory = 1ULL << 29;  // BPF_MAX_VAR_SIZ
using domains::kNoId;
constexpr int kCallbackRounds = 12;

bool is_size_kind(ArgKind kind) {
    return kind == ArgKind::ConstSize || kind == ArgKind::ConstSizeOrZero;
}

bool accepts_null(ArgKind kind) {
    return kind == ArgKind::ReadableMemOrNull || kind == ArgKind::WritableMemOrNull ||
           kind == ArgKind::ReadWriteMemOrNull || kind == ArgKind::MapValueOrNull || kind == ArgKind::CtxOrNull ||
           kind == ArgKind::SocketOrNull || kind == ArgKind::BtfIdOrNull || kind == ArgKind::StackOrNull;
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

// Kernel functions: the reference semantics of the known ones (kfunc_table);
// any other returns an unknown number.
void Executor::execute_kfunc(std::uint32_t pc, MachineState& state, Reporter* reporter) const {
    const std::string& name = m_context.program.refs[pc].symbol;
    const auto kfunc = find_kfunc(name);
    Value r0 = Value::unknown_scalar();
    if (const domains::HeldReference* lock = state.held_lock(); lock != nullptr && reporter != nullptr) {
        // Only the graph and numeric-iterator kfuncs may run under a bpf_spin_lock.
        const bool allowed = name.rfind("bpf_list_", 0) == 0 || name.rfind("bpf_rbtree_", 0) == 0 ||
                             name.rfind("bpf_iter_num_", 0) == 0 || name == "bpf_refcount_acquire_impl";
        if (!allowed) {
            reporter->error("ref.lock_held", pc,
                            fmt::format("function calls are not allowed while holding a lock: kfunc {} is called "
                                        "while the lock taken at insn {} is held",
                                        name, lock->insn),
                            {}, "call it before bpf_spin_lock or after bpf_spin_unlock");
        }
    }
    if (kfunc && kfunc->releases_arg >= 0) {
        const int reg = kfunc->releases_arg + 1;
        Value value = state.reg(reg);
        if (domains::is_nullable(value.kind()) && reporter != nullptr) {
            reporter->error(
                "null.deref", pc,
                fmt::format("possibly NULL pointer passed to trusted arg{} of {}", kfunc->releases_arg, name),
                {describe(state, reg)}, fmt::format("check R{} != NULL before the call", reg));
        }
        // Only a kernel object that an acquiring kfunc (or bpf_kptr_xchg) returned.
        const std::uint32_t acquired_at = value.ref() >= kRefIdBase ? value.ref() - kRefIdBase : 0;
        bool from_kernel_object = false;
        if (value.ref() >= kRefIdBase && acquired_at < m_context.program.insns.size()) {
            const auto* acquiring = std::get_if<isa::Call>(&m_context.program.insns[acquired_at]);
            from_kernel_object = acquiring != nullptr &&
                                 (acquiring->kind == isa::CallKind::Kfunc ||
                                  (acquiring->kind == isa::CallKind::Helper && acquiring->imm == kHelperKptrXchg));
        }
        const bool released = from_kernel_object && state.release(value.ref());
        if (!released && reporter != nullptr && value.kind() != Kind::Uninit &&
            value.id() != domains::kReportedFaultId) {
            reporter->error("ref.release_unacquired", pc,
                            fmt::format("release kernel function {} expects a referenced pointer; R{} holds no "
                                        "acquired reference",
                                        name, reg),
                            {describe(state, reg)}, "release only what an acquiring kfunc returned, exactly once");
        }
    }
    if (kfunc && kfunc->acquires) {
        const std::uint32_t ref_id = kRefIdBase + pc;
        state.for_each_value([&](Value& v) {  // an earlier result of this call is another object
            if (v.id() == kNullableIdBase + pc) {
                v.set_id(domains::kNoId);
            }
        });
        r0 = Value::pointer(kfunc->may_be_null ? Kind::BtfIdOrNull : Kind::BtfId, 0, Scalar::constant(0),
                            kNullableIdBase + pc);
        r0.set_ref(ref_id);
        state.acquire(ref_id, pc);
    }
    for (int r = 1; r <= 5; ++r) {
        state.reg(r) = Value::uninit();
    }
    state.reg(0) = r0;
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
    if (const loader::FunctionSignature* signature = global_signature(callee)) {
        execute_global_call(pc, callee, *signature, state, reporter);
        return;
    }
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

void Executor::check_helper_memory(std::uint32_t pc, int arg_reg, const Value& pointer, const Scalar& size, bool write,
                                   MachineState& state, Reporter* reporter) const {
    if (size.umax == 0) {
        return;
    }
    const std::uint64_t bytes = size.umax;
    const std::int64_t lo = pointer.number().smin;
    const auto hi = static_cast<std::int64_t>(static_cast<std::uint64_t>(pointer.number().smax) + bytes);
    auto fail = [&](std::string id, std::string message, std::string hint = {}) {
        if (reporter != nullptr) {
            reporter->error(std::move(id), pc, std::move(message), {describe(state, arg_reg)}, std::move(hint));
        }
    };
    switch (pointer.kind()) {
        case Kind::Stack: {
            if (lo < 0 || hi > domains::kStackSize) {
                fail("stack.out_of_bounds",
                     fmt::format("helper memory R{} of {} bytes at stack offset {} is outside the frame", arg_reg,
                                 bytes, lo - domains::kStackSize));
                return;
            }
            if (reporter != nullptr) {
                note_stack_touch(pc, state, pointer.region(), static_cast<int>(lo));
            }
            domains::Stack& stack = state.stack(pointer.region());
            if (write) {
                stack.store_unknown(static_cast<int>(lo), static_cast<int>(hi - lo));
                return;
            }
            if (!stack.initialised(static_cast<int>(lo), static_cast<int>(hi - lo)) && reporter != nullptr) {
                const std::string message =
                    fmt::format("helper reads {} bytes from stack at r10{:+d} (R{}) that are not all initialised",
                                bytes, lo - domains::kStackSize, arg_reg);
                if (m_context.options.unprivileged) {
                    reporter->error("uninit.stack", pc, message, {describe(state, arg_reg)},
                                    "initialise the whole buffer before passing it");
                } else {
                    reporter->warning("uninit.stack", pc, message,
                                      {describe(state, arg_reg),
                                       "the kernel allows this with CAP_PERFMON, but the helper reads garbage"},
                                      "initialise the whole buffer before passing it");
                }
            }
            return;
        }
        case Kind::MapValue:
        case Kind::MapKey:
        case Kind::Mem:
        case Kind::Packet:
        case Kind::PacketMeta: {
            // Reuse the load/store checks on the first and last byte of the range.
            const Value first = pointer;
            const int width = 1;
            Value last = pointer;
            last.number() = Scalar::constant(static_cast<std::uint64_t>(pointer.number().smax) + bytes - 1);
            if (pointer.kind() == Kind::Packet || pointer.kind() == Kind::PacketMeta) {
                last.set_fixed_offset(pointer.fixed_offset() + static_cast<std::int64_t>(bytes) - 1);
                access_packet(pc, arg_reg, last, 0, width, write, reporter);
                access_packet(pc, arg_reg, first, 0, width, write, reporter);
            } else {
                access_sized_region(pc, arg_reg, first, 0, width, write, reporter);
                access_sized_region(pc, arg_reg, last, 0, width, write, reporter);
            }
            return;
        }
        case Kind::BtfId:
            if (write && reporter != nullptr) {
                reporter->error("pointer.btf_write", pc,
                                fmt::format("R{} is a kernel (BTF) pointer: the memory it points to may be read, "
                                            "not written",
                                            arg_reg),
                                {describe(state, arg_reg)}, "pass a stack or map value buffer to be written");
            }
            return;
        default:
            fail("helper.arg_type",
                 fmt::format("R{} type={} expected=fp, pkt, map_key, map_value, mem", arg_reg,
                             domains::kind_name(pointer.kind())),
                 "pass a pointer to the stack, a map value or the packet");
    }
}

namespace {

// Map types by enum bpf_map_type.
constexpr std::uint32_t kProgArray = 3, kPerfEventArray = 4, kStackTrace = 7, kCgroupArray = 8, kDevmap = 14,
                        kSockmap = 15, kCpumap = 16, kXskmap = 17, kSockhash = 18, kQueue = 22, kStack = 23,
                        kDevmapHash = 25, kRingbuf = 27, kUserRingbuf = 31;

// The map types a helper needs (check_map_func_compatibility, first half);
// empty when any map will do.
std::vector<std::uint32_t> required_map_types(std::int32_t helper) {
    switch (helper) {
        case 12:
            return {kProgArray};  // tail_call
        case 22:
        case 25:
        case 55:
        case 111:
        case 121:
            return {kPerfEventArray};  // perf_event_read/output, read_value, skb/xdp_output
        case 27:
        case 67:
            return {kStackTrace};  // get_stackid (67: get_stack takes no map)
        case 37:
        case 79:
            return {kCgroupArray};  // current_task_under_cgroup, skb_under_cgroup
        case 51:
            return {kDevmap, kDevmapHash, kCpumap, kXskmap};  // redirect_map
        case 52:
        case 53:
        case 60:
            return {kSockmap};  // sk_redirect_map, sock_map_update, msg_redirect_map
        case 70:
        case 71:
        case 72:
            return {kSockhash};  // sock_hash_update, msg/sk_redirect_hash
        case 87:
        case 88:
        case 89:
            return {kQueue, kStack};  // map_push/pop/peek_elem
        case 130:
        case 131:
        case 132:
        case 133:
        case 134:
        case 198:
            return {kRingbuf};  // ringbuf_*, reserve_dynptr
        case 209:
            return {kUserRingbuf};  // user_ringbuf_drain
        default:
            return {};
    }
}

// Helpers a map type allows (second half): these map types take no others.
bool map_allows_helper(std::uint32_t map_type, std::int32_t helper) {
    switch (map_type) {
        case kProgArray:
            return helper == 12;
        case kPerfEventArray:
            return helper == 22 || helper == 25 || helper == 55 || helper == 111 || helper == 121;
        case kRingbuf:
            return (helper >= 130 && helper <= 134) || helper == 198;
        case kUserRingbuf:
            return helper == 209;
        case kStackTrace:
            return helper == 27;
        case kCgroupArray:
            return helper == 37 || helper == 79;
        default:
            return true;
    }
}

}  // namespace

bool Executor::check_map_compatibility(std::uint32_t pc, std::int32_t helper, std::string_view helper_name,
                                       const Value& map_pointer, Reporter* reporter) const {
    const auto& maps = m_context.object.maps;
    for (std::size_t i = 0; i < maps.size() && i < 64; ++i) {
        const bool member = map_pointer.region() == domains::kManyMaps ? ((map_pointer.region_set() >> i) & 1U) != 0
                                                                       : map_pointer.region() == i;
        if (!member) {
            continue;
        }
        const auto required = required_map_types(helper);
        const bool type_ok =
            required.empty() || std::find(required.begin(), required.end(), maps[i].type) != required.end();
        if (!type_ok || !map_allows_helper(maps[i].type, helper)) {
            if (reporter == nullptr) {
                return false;
            }
            reporter->error("helper.map_type", pc,
                            fmt::format("cannot pass map_type {} ('{}') into func {}#{}", maps[i].type, maps[i].name,
                                        helper_name, helper),
                            {},
                            required.empty() ? "this map type does not support this helper"
                                             : "use a map of the type this helper expects");
            return false;
        }
    }
    return true;
}

namespace {

// license_is_gpl_compatible() in the kernel (include/linux/license.h).
bool gpl_compatible(std::string_view license) {
    return license == "GPL" || license == "GPL v2" || license == "GPL and additional rights" ||
           license == "Dual BSD/GPL" || license == "Dual MIT/GPL" || license == "Dual MPL/GPL";
}

std::string version_text(std::uint32_t major_minor) {
    return fmt::format("{}.{}", major_minor / 100, major_minor % 100);
}

}  // namespace

void Executor::check_helper_availability(std::uint32_t pc, const HelperPrototype& proto, Reporter* reporter) const {
    if (reporter == nullptr) {
        return;
    }
    const Privilege privilege = m_context.options.unprivileged ? Privilege::CapBpf : Privilege::Full;
    const HelperAvailability available = helper_availability(m_context.type.name, proto.id, privilege);
    if (available == HelperAvailability::NotForProgramType) {
        std::string types;
        for (const std::string_view type : program_types_allowing(proto.id)) {
            types += (types.empty() ? "" : ", ") + std::string(type);
        }
        reporter->error(
            "helper.not_for_type", pc,
            fmt::format("program of this type ({}) cannot use helper {}#{}", m_context.type.name, proto.name, proto.id),
            {types.empty() ? std::string{} : fmt::format("program types that may call it: {}", types)},
            "use a helper this program type offers, or another program type");
    } else if (available == HelperAvailability::NeedsCapBpf || available == HelperAvailability::NeedsCapPerfmon) {
        reporter->error(
            "helper.not_for_type", pc,
            fmt::format("{} needs {} for {} programs", proto.name,
                        available == HelperAvailability::NeedsCapBpf ? "CAP_BPF" : "CAP_PERFMON", m_context.type.name),
            {}, "load the program with the capability, or avoid the helper");
    }
    const bool gpl_only =
        m_context.type.name == "unspec" ? proto.gpl_only : helper_gpl_only(m_context.type.name, proto.id);
    if (gpl_only && !gpl_compatible(m_context.object.license)) {
        reporter->error("helper.gpl_only", pc,
                        fmt::format("cannot call GPL-restricted function {} from a program with license \"{}\"",
                                    proto.name, m_context.object.license),
                        {}, "use a GPL-compatible license (e.g. char LICENSE[] SEC(\"license\") = \"GPL\";)");
    }
    const std::uint32_t target = m_context.options.kernel_version;
    const std::uint32_t target_major_minor = (target >> 16) * 100 + ((target >> 8) & 0xff);
    if (target != 0 && proto.since > target_major_minor) {
        reporter->error("helper.unavailable", pc,
                        fmt::format("{} needs Linux {}; target is {}", proto.name, version_text(proto.since),
                                    version_text(target_major_minor)),
                        {},
                        fmt::format("target Linux {} or later, or avoid {}", version_text(proto.since), proto.name));
    }
}

// Which bpf_spin_lock a pointer designates: its map and constant offset.
std::uint64_t Executor::lock_key(const Value& pointer) const {
    if (pointer.kind() != Kind::MapValue || pointer.region() == domains::kManyMaps || !pointer.number().is_constant()) {
        return domains::kUnknownLock;
    }
    return (static_cast<std::uint64_t>(pointer.region()) << 32) | (pointer.number().umin & 0xffffffffULL);
}

// The stack offset of the struct bpf_dynptr a pointer designates, when it
// is a stack pointer at a constant 8-aligned offset with 16 bytes of room.
std::optional<int> Executor::dynptr_slot_offset(const Value& pointer) const {
    if (pointer.kind() != Kind::Stack || !pointer.number().is_constant()) {
        return std::nullopt;
    }
    const auto offset = static_cast<std::int64_t>(pointer.number().umin);
    if (offset < 0 || offset + 16 > domains::kStackSize || offset % 8 != 0) {
        return std::nullopt;
    }
    return static_cast<int>(offset);
}

// Whether the pointer designates a dynptr a helper initialised (and nothing
// released or overwrote since).
bool Executor::initialised_dynptr(const Value& pointer, const MachineState& state) const {
    const auto offset = dynptr_slot_offset(pointer);
    if (!offset) {
        return false;
    }
    const Value* marker = state.stack(pointer.region()).spill(*offset / 8);
    return marker != nullptr && marker->id() == domains::kDynptrSlotId;
}

// The reference a ring-buffer dynptr on the stack carries (0: none).
std::uint32_t Executor::dynptr_reference(const Value& pointer, const MachineState& state) const {
    if (!initialised_dynptr(pointer, state)) {
        return 0;
    }
    return state.stack(pointer.region()).spill(*dynptr_slot_offset(pointer) / 8)->ref();
}

// Spin locks and references across a helper call: while a bpf_spin_lock is
// held only bpf_spin_unlock may be called, one lock at a time, and a tail
// call must not leave acquired references behind.
void Executor::check_held_resources(std::uint32_t pc, std::int32_t helper, const MachineState& state,
                                    Reporter* reporter) const {
    if (reporter == nullptr) {
        return;
    }
    const domains::HeldReference* lock = state.held_lock();
    const std::string helper_name = find_helper(helper) ? std::string(find_helper(helper)->name) : "this helper";
    if (helper == kHelperSpinUnlock && lock == nullptr) {
        reporter->error("ref.lock_not_held", pc, "bpf_spin_unlock without taking a lock", {},
                        "call bpf_spin_lock on the same lock first, on every path that reaches the unlock");
    } else if (helper == kHelperSpinLock && lock != nullptr) {
        reporter->error(
            "ref.lock_nested", pc,
            fmt::format("locking two bpf_spin_locks is not allowed: the lock taken at insn {} is still held",
                        lock->insn),
            {}, "release the first lock before taking another");
    } else if (lock != nullptr && helper != kHelperSpinUnlock) {
        reporter->error("ref.lock_held", pc,
                        fmt::format("function calls are not allowed while holding a lock: {} is called while the lock "
                                    "taken at insn {} is held",
                                    helper_name, lock->insn),
                        {}, "compute what you need before bpf_spin_lock, or after bpf_spin_unlock");
    }
    if (helper == kHelperTailCall) {
        for (const domains::HeldReference& ref : state.references()) {
            if (ref.id != domains::kSpinLockRef) {
                reporter->error("tailcall.reference_leak", pc,
                                fmt::format("tail_call would lead to reference leak: the reference acquired at insn {} "
                                            "is still held",
                                            ref.insn),
                                {}, "release or submit every acquired reference before bpf_tail_call");
                break;
            }
        }
    }
}

void Executor::execute_helper(std::uint32_t pc, const isa::Call& call, MachineState& state, Reporter* reporter) const {
    const auto prototype = find_helper(call.imm);
    const Value lock_pointer = state.reg(1);  // bpf_spin_lock/unlock: which lock
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
    check_held_resources(pc, call.imm, state, reporter);
    if (call.imm == kHelperSpinUnlock && reporter != nullptr) {
        const domains::HeldReference* lock = state.held_lock();
        const std::uint64_t key = lock_key(lock_pointer);
        if (lock != nullptr && lock->lock != domains::kUnknownLock && key != domains::kUnknownLock &&
            lock->lock != key) {
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
        const std::uint32_t id = state.reg(reg).id();
        if (state.reg(reg).is_scalar() && id == domains::kReportedFaultId) {
            return;  // reported where the value went wrong
        }
        if (reporter != nullptr && state.reg(reg).is_scalar() && domains::is_released_id(id)) {
            const std::uint32_t acquired_at = (id & 0x3fffffffU) - kRefIdBase;
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
        switch (kind) {
            case ArgKind::Anything:
                break;
            case ArgKind::ConstMapPtr:
                if (value.kind() != Kind::MapPtr) {
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
                if (value.ref() == 0 || value.kind() != Kind::Mem) {
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
            default:
                if (!value.is_pointer() || domains::is_nullable(value.kind())) {
                    arg_error(reg, domains::is_nullable(value.kind()) ? "a pointer checked against NULL" : "a pointer");
                }
                break;
        }
        if (proto.releases_arg == i) {
            released_ref = kind == ArgKind::Dynptr ? dynptr_reference(value, state) : value.ref();
        }
    }
    // An incompatible map is reported once; its result then stands for
    // memory of unknown size so that uses of it do not cascade.
    const bool map_compatible =
        !map_pointer || check_map_compatibility(pc, call.imm, proto.name, *map_pointer, reporter);
    const Value& released_arg = state.reg(proto.releases_arg + 1 < 1 ? 1 : proto.releases_arg + 1);
    const bool releases_null = proto.releases_arg >= 0 &&
                               accepts_null(proto.args[static_cast<std::size_t>(proto.releases_arg)]) &&
                               released_arg.is_scalar() && released_arg.number().as_constant() == 0U;
    if (proto.releases_arg >= 0 && release_checked && !releases_null) {
        if (released_ref == 0 || !state.release(released_ref)) {
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
        MachineState accumulated = state;
        // The rounds grow the caller's state to a fixpoint over repeated
        // calls; one last round from that fixpoint runs with the reporter, so
        // faults that appear only in later iterations are reported too.
        bool converged = false;
        for (int round = 0; round <= kCallbackRounds; ++round) {
            const bool checking = converged || round == kCallbackRounds;
            MachineState entry = accumulated;
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
            for (const MachineState& part : m_call_analyzer(callee, entry, checking ? reporter : nullptr)) {
                result.join_with(part);
            }
            if (result.is_bottom() || result.frame_count() != accumulated.frame_count() + 1) {
                break;
            }
            if (checking && reporter != nullptr) {
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
            if (checking) {
                break;
            }
            result.pop_frame();
            MachineState next = accumulated;
            if (round < 3) {
                next.join_with(result);
            } else {
                MachineState joined = accumulated;
                joined.join_with(result);
                next.widen_with(joined, m_thresholds);
            }
            if (next.leq(accumulated)) {
                converged = true;
                continue;
            }
            accumulated = std::move(next);
        }
        state = std::move(accumulated);
    }
    // Since Linux 6.14 the kernel knows that an array map lookup with a
    // constant in-bounds key cannot fail, and drops the NULL from the result.
    bool lookup_cannot_fail = false;
    if (proto.ret == ReturnKind::MapValueOrNull && map < m_context.object.maps.size() && call.imm == 1 &&
        map != domains::kManyMaps) {
        const auto& def = m_context.object.maps[map];
        const Value& key = state.reg(2);
        if ((def.type == 2 || def.type == 6) && key.kind() == Kind::Stack && key.number().is_constant()) {
            const auto offset = static_cast<int>(key.number().umin);
            if (offset >= 0 && offset + 4 <= domains::kStackSize) {
                const auto loaded = state.stack(key.region()).load(offset, 4);
                lookup_cannot_fail = loaded && loaded->is_scalar() && loaded->number().is_constant() &&
                                     loaded->number().umin < def.max_entries;
            }
        }
    }
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
        if (map_pointer && region == map) {
            v.set_region(map_pointer->region(), map_pointer->region_set());
        }
        if (proto.acquires) {
            v.set_ref(ref_id);
            state.acquire(ref_id, pc);
        }
        return v;
    };
    switch (proto.ret) {
        case ReturnKind::Integer:
            break;
        case ReturnKind::Void:
            r0 = Value::uninit();
            break;
        case ReturnKind::MapValueOrNull:
            if (!map_compatible) {
                r0 = fresh(Kind::MemOrNull, 0xffffffffU);
            } else if (lookup_cannot_fail) {
                r0 = Value::pointer(Kind::MapValue, map, Scalar::constant(0));
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
        case ReturnKind::TcpSockOrNull:
        case ReturnKind::SockCommonOrNull:
            r0 = fresh(Kind::SocketOrNull, 0);
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
    }
    if (proto.changes_packet_data) {
        state.for_each_value([](Value& v) {
            if (v.kind() == Kind::Packet || v.kind() == Kind::PacketMeta || v.kind() == Kind::PacketEnd) {
                v = Value::uninit();
            }
        });
    }
    if (call.imm == kHelperTailCall) {
        r0 = Value::unknown_scalar();
    }
    // A struct bpf_dynptr the helper initialised: its 16 stack bytes are
    // written; a ring-buffer dynptr carries the reservation's reference in
    // its first slot, for bpf_ringbuf_submit/discard_dynptr to release.
    for (int i = 0; i < 5; ++i) {
        if (proto.args[static_cast<std::size_t>(i)] != ArgKind::UninitDynptr) {
            continue;
        }
        const auto offset = dynptr_slot_offset(state.reg(i + 1));
        if (!offset) {
            if (reporter != nullptr) {
                reporter->error("helper.arg_type", pc,
                                fmt::format("{} argument {} (R{}) must point to 16 stack bytes at a constant, "
                                            "8-byte aligned offset for the struct bpf_dynptr it initialises",
                                            proto.name, i + 1, i + 1),
                                {describe(state, i + 1)}, "pass &dynptr of a local struct bpf_dynptr");
            }
            if (call.imm == kHelperRingbufReserveDynptr) {
                state.acquire(ref_id, pc);  // still reserved: must still be submitted or discarded
            }
            continue;
        }
        domains::Stack& stack = state.stack(state.reg(i + 1).region());
        stack.store_unknown(*offset, 16);
        Value marker = Value::unknown_scalar();
        marker.set_id(domains::kDynptrSlotId);
        if (call.imm == kHelperRingbufReserveDynptr) {
            marker.set_ref(ref_id);
            state.acquire(ref_id, pc);
        }
        stack.store(*offset, 8, marker);
    }
    if (call.imm == kHelperSpinLock) {
        // A nested lock (reported) is held too, so that its unlock matches.
        state.acquire(domains::kSpinLockRef, pc, lock_key(lock_pointer));
    } else if (call.imm == kHelperSpinUnlock) {
        state.release(domains::kSpinLockRef);
    }
    clobber(r0);
}

}  // namespace bpfcheck::analyzer
