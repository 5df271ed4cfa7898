// The effect of a helper call's arguments, argument by argument (what
// check_func_arg leaves in the state once it accepted them): helper memory a
// helper writes is written, the map and callback it was given, the reference
// it releases; and its callback, run to a fixpoint. The checks of the same
// arguments (analyzer/checks/calls/helpers/check_helper_call.cpp) replay these steps on
// the checker's own copy, so both see the same state at every argument.
#include "analyzer/engine/callback_fixpoint.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/helpers/map_helper_rules.hpp"
#include "analyzer/transfer/calls/bounded_callbacks.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

// Invocations of one callback the fixpoint may take; widening converges in
// a handful, so reaching this is a defect, reported as an error.
constexpr std::uint64_t kCallbackMaxInvocations = 64;

}  // namespace

bool is_helper_size_kind(ArgKind kind) {
    return kind == ArgKind::ConstSize || kind == ArgKind::ConstSizeOrZero;
}

bool helper_arg_accepts_null(ArgKind kind) {
    return kind == ArgKind::ReadableMemOrNull || kind == ArgKind::WritableMemOrNull ||
           kind == ArgKind::ReadWriteMemOrNull || kind == ArgKind::MapValueOrNull || kind == ArgKind::CtxOrNull ||
           kind == ArgKind::SocketOrNull || kind == ArgKind::BtfIdOrNull || kind == ArgKind::StackOrNull ||
           kind == ArgKind::SockCommonOrNull;
}

HelperCaller helper_caller(const AnalysisContext& context) {
    return HelperCaller{context.type.name, expected_attach_type(context),
                        context.attach != nullptr ? std::string_view{context.attach->function} : std::string_view{}};
}

bool is_sock_map_value(ArgKind kind, const MapSet& maps) {
    // resolve_map_arg_type: a sockmap's or sockhash's value is a socket
    // (ARG_PTR_TO_BTF_ID_SOCK_COMMON), not memory.
    constexpr std::uint32_t kSockmap = 15;
    constexpr std::uint32_t kSockhash = 18;
    return kind == ArgKind::MapValue && maps.single != nullptr &&
           (maps.single->type == kSockmap || maps.single->type == kSockhash);
}

bool helper_size_refused(const Scalar& size) {
    return size.smin < 0 || size.umax >= kMaxHelperMemory;
}

std::optional<std::string> Executor::helper_arg_problem(const HelperPrototype& proto, int i, const Value& value,
                                                        const MachineState& state, const HelperArgs& args) const {
    const ArgKind kind = proto.args[static_cast<std::size_t>(i)];
    if (kind != ArgKind::Anything && (value.kind() == Kind::Packet || value.kind() == Kind::PacketMeta)) {
        const HelperPacketArgs allowed = helper_packet_args(m_context.type);
        if (allowed == HelperPacketArgs::Refused ||
            (allowed == HelperPacketArgs::IfHelperTakesPacket && !proto.takes_packet)) {
            // check_func_arg, may_access_direct_pkt_data.
            return allowed == HelperPacketArgs::Refused
                       ? fmt::format(
                             "a pointer outside the packet (no helper of a {} program takes a packet "
                             "pointer: helper access to the packet is not allowed)",
                             m_context.type.name)
                       : fmt::format(
                             "a pointer outside the packet ({}'s proto does not set pkt_access: helper "
                             "access to the packet is not allowed)",
                             proto.name);
        }
    }
    if (kind == ArgKind::ReadableMem || kind == ArgKind::ReadableMemOrNull || kind == ArgKind::WritableMem ||
        kind == ArgKind::WritableMemOrNull || kind == ArgKind::ReadWriteMem || kind == ArgKind::ReadWriteMemOrNull ||
        kind == ArgKind::MapKey || kind == ArgKind::UninitMapValue) {
        // check_reg_type, mem_types: the only kernel pointers a helper takes
        // as memory are PTR_TRUSTED ones; a plain PTR_TO_BTF_ID (an fentry
        // argument), an untrusted or an RCU one is refused ("R1 type=ptr_").
        if (value.kind() == Kind::BtfId && (value.untrusted() || value.rcu() || (value.plain() && value.ref() == 0))) {
            // What the pointer is, and the kernel's prefix for its type.
            const auto [what, prefix] = value.untrusted() ? std::pair{"untrusted", "untrusted_"}
                                        : value.rcu()     ? std::pair{"RCU", "rcu_"}
                                                          : std::pair{"plain (such as an fentry/fexit argument)", ""};
            return fmt::format(
                "memory (the stack, a map value, the packet or a trusted kernel pointer); the kernel "
                "takes no {} kernel pointer here (R{} type={}ptr_)",
                what, i + 1, prefix);
        }
    }
    switch (kind) {
        case ArgKind::Anything:
        case ArgKind::ReadableMem:
        case ArgKind::ReadableMemOrNull:
        case ArgKind::WritableMem:
        case ArgKind::WritableMemOrNull:
        case ArgKind::ReadWriteMem:
        case ArgKind::ReadWriteMemOrNull:
        case ArgKind::WritableLong:
        case ArgKind::WritableInt:
        case ArgKind::ReadWriteInt:
        case ArgKind::MapKey:
        case ArgKind::MapValueOrNull:
        case ArgKind::UninitMapValue:
            return std::nullopt;  // checked with their memory (check_helper_call.cpp)
        case ArgKind::MapValue:
            if (args.map_pointer && is_sock_map_value(kind, maps_of(*args.map_pointer)) &&
                value.kind() != Kind::Socket && value.kind() != Kind::BtfId) {
                return domains::is_nullable(value.kind())
                           ? "a socket checked against NULL"
                           : "a socket (sock_common, sock, tcp_sock or a BTF socket pointer)";
            }
            return std::nullopt;
        case ArgKind::ConstMapPtr:
            if (value.kind() == Kind::MapPtrOrNull) {
                return "a map (map_ptr) checked against NULL";
            }
            if (value.kind() != Kind::MapPtr) {
                return "a map (map_ptr)";
            }
            return std::nullopt;
        case ArgKind::Ctx:
        case ArgKind::CtxOrNull:
            if (value.kind() != Kind::Ctx) {
                return "the context (ctx)";
            }
            return std::nullopt;
        case ArgKind::Callback:
            if (value.kind() != Kind::Func) {
                return "a callback function";
            }
            return std::nullopt;
        case ArgKind::RingbufRecord:
            // A slice of a ring-buffer dynptr carries a reference too, not a record's.
            if (value.ref() == 0 || value.kind() != Kind::Mem ||
                !acquired_by_helper(value.ref(), kHelperRingbufReserve)) {
                return "a ring buffer record from bpf_ringbuf_reserve";
            }
            return std::nullopt;
        case ArgKind::Dynptr:
            if (!initialised_dynptr(value, state)) {
                return "a pointer to an initialised struct bpf_dynptr (Expected an initialized dynptr)";
            }
            return std::nullopt;
        case ArgKind::SpinLock:
            if (value.kind() != Kind::MapValue && value.kind() != Kind::BtfId) {
                return "a pointer to a struct bpf_spin_lock inside a map value";
            }
            return std::nullopt;
        case ArgKind::StackOrNull:
            if (value.kind() != Kind::Stack) {
                return "a stack pointer or NULL";
            }
            return std::nullopt;
        case ArgKind::ConstAllocSizeOrZero:
            if (!value.is_scalar() || !value.number().is_constant()) {
                return "a known constant size";
            }
            return std::nullopt;
        case ArgKind::BtfId:
        case ArgKind::BtfIdOrNull:
            // check_reg_type: compatible_reg_types' btf_ptr_types take
            // PTR_TO_BTF_ID plain, trusted or RCU, never PTR_UNTRUSTED.
            if (value.untrusted()) {
                return "a trusted kernel pointer (type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_)";
            }
            if (!value.is_pointer() || domains::is_nullable(value.kind())) {
                return domains::is_nullable(value.kind()) ? "a pointer checked against NULL" : "a pointer";
            }
            if (value.kind() == Kind::BtfId) {
                return helper_btf_struct_problem(proto, i, value);
            }
            return std::nullopt;
        case ArgKind::PerCpuBtfId:
            // percpu_btf_ptr_types: a per-CPU kernel pointer (a __ksym per-CPU
            // variable, a __percpu_kptr, bpf_percpu_obj_new's object), never
            // program memory such as a map value or the stack, and never
            // PTR_UNTRUSTED (a pointer read from an untrusted one).
            if (value.untrusted()) {
                return "a per-CPU kernel pointer (type=untrusted_ptr_ expected=percpu_ptr_, percpu_rcu_ptr_, "
                       "percpu_trusted_ptr_)";
            }
            if (value.kind() != Kind::BtfId && value.kind() != Kind::Mem && value.kind() != Kind::Any) {
                return fmt::format(
                    "a per-CPU kernel pointer (type={} expected=percpu_ptr_, percpu_rcu_ptr_, "
                    "percpu_trusted_ptr_)",
                    domains::kind_name(value.kind()));
            }
            return std::nullopt;
        case ArgKind::SockCommonOrNull:
            // check_reg_type folds PTR_MAYBE_NULL away when the argument allows it.
            // compatible_reg_types' btf_id_sock_common_types: sockets and kernel
            // pointers, plain or trusted, never PTR_UNTRUSTED.
            if (value.untrusted()) {
                return "a socket or trusted kernel pointer (type=untrusted_ptr_ expected=sock_common, sock, tcp_sock, "
                       "xdp_sock, ptr_, trusted_ptr_)";
            }
            if (value.kind() != Kind::Socket && value.kind() != Kind::SocketOrNull && value.kind() != Kind::BtfId &&
                value.kind() != Kind::BtfIdOrNull) {
                return "a socket pointer or NULL";
            }
            return std::nullopt;
        case ArgKind::SockCommon:
            // ARG_PTR_TO_BTF_ID_SOCK_COMMON (btf_id_sock_common_types), and the
            // tracing protos' ARG_PTR_TO_BTF_ID: never PTR_UNTRUSTED.
            if (value.untrusted()) {
                return "a socket or trusted kernel pointer (type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_)";
            }
            if (domains::is_nullable(value.kind())) {
                return "a pointer checked against NULL";
            }
            // Only sockets (sock_common, sock, tcp_sock, xdp_sock) and kernel
            // pointers: not the context (a cgroup/setsockopt program passes
            // ctx->sk, not ctx), the stack, a map value or packet data.
            if (value.kind() != Kind::Socket && value.kind() != Kind::BtfId && value.kind() != Kind::Any) {
                return fmt::format(
                    "a socket pointer (type={} expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, "
                    "trusted_ptr_)",
                    domains::kind_name(value.kind()));
            }
            return std::nullopt;
        default:
            if (!value.is_pointer() || domains::is_nullable(value.kind())) {
                return domains::is_nullable(value.kind()) ? "a pointer checked against NULL" : "a pointer";
            }
            return std::nullopt;
    }
}

void Executor::apply_helper_memory(const Value& pointer, const Scalar& size, bool write, MachineState& state) const {
    if (size.umax == 0 || !write || pointer.kind() != Kind::Stack) {
        return;
    }
    const std::int64_t lo = pointer.number().smin;
    const auto hi = static_cast<std::int64_t>(static_cast<std::uint64_t>(pointer.number().smax) + size.umax);
    if (lo < 0 || hi > domains::kStackSize) {
        return;
    }
    const auto first = static_cast<int>(lo);
    const auto end = static_cast<int>(hi);
    if (refuses_stack_object_access(pointer.region(), first, end, StackObjectAccess::HelperWrite, state)) {
        return;
    }
    state.stack(pointer.region()).store_unknown(first, end - first);
}

void Executor::apply_helper_arg(std::uint32_t /*pc*/, const HelperPrototype& proto, int i, MachineState& state,
                                HelperArgs& args, bool write_memory) const {
    const ArgKind kind = proto.args[static_cast<std::size_t>(i)];
    const int reg = i + 1;
    const bool releases_this = proto.releases_arg == i;
    if (state.reg(reg).kind() == Kind::Uninit) {
        read_operand(reg, state);
        if (releases_this) {
            args.release_checked = false;
        }
        return;
    }
    const Value value = state.reg(reg);
    const bool is_null = value.is_scalar() && value.number().as_constant() == 0U;
    if (is_null && helper_arg_accepts_null(kind)) {
        return;
    }
    if (releases_this && helper_arg_problem(proto, i, value, state, args)) {
        args.release_checked = false;
    }
    switch (kind) {
        case ArgKind::ConstMapPtr:
            if (value.kind() == Kind::MapPtrOrNull) {
                // Reported once; then taken as the inner map it may be.
                args.map = value.region();
                args.map_pointer = Value::pointer(Kind::MapPtr, value.region(), value.number());
            } else if (value.kind() == Kind::MapPtr) {
                args.map = value.region();
                args.map_pointer = value;
            }
            break;
        case ArgKind::UninitMapValue:
            if (args.map_pointer) {
                apply_helper_memory(value, Scalar::constant(maps_of(*args.map_pointer).value_max), write_memory, state);
            }
            break;
        case ArgKind::WritableMem:
        case ArgKind::WritableMemOrNull: {
            const ArgKind size_kind = i + 1 < 5 ? proto.args[static_cast<std::size_t>(i) + 1] : ArgKind::None;
            Scalar size = Scalar::constant(0);
            if (is_helper_size_kind(size_kind)) {
                const Value size_value = read_operand(reg + 1, state);
                if (!size_value.is_scalar() || helper_size_refused(size_value.number())) {
                    break;
                }
                size = size_value.number();
            }
            apply_helper_memory(value, size, write_memory, state);
            break;
        }
        case ArgKind::ReadableMem:
        case ArgKind::ReadableMemOrNull:
        case ArgKind::ReadWriteMem:
        case ArgKind::ReadWriteMemOrNull: {
            const ArgKind size_kind = i + 1 < 5 ? proto.args[static_cast<std::size_t>(i) + 1] : ArgKind::None;
            if (!is_helper_size_kind(size_kind)) {
                break;
            }
            const Value size_value = read_operand(reg + 1, state);
            // A buffer the helper fills (its name, a path, a string) holds
            // what it wrote, whatever was there before.
            if (fills_argument(proto, kind) && size_value.is_scalar() && !helper_size_refused(size_value.number())) {
                apply_helper_memory(value, size_value.number(), write_memory, state);
            }
            break;
        }
        case ArgKind::WritableLong:
        case ArgKind::WritableInt:
        case ArgKind::ReadWriteInt:
            apply_helper_memory(value, Scalar::constant(kind == ArgKind::WritableLong ? 8 : 4), write_memory, state);
            break;
        case ArgKind::Callback:
            if (value.kind() == Kind::Func) {
                args.callback = value;
            }
            break;
        default:
            break;
    }
    if (releases_this) {
        args.released_ref = kind == ArgKind::Dynptr ? dynptr_reference(value, state) : value.ref();
    }
}

bool Executor::apply_helper_release(const HelperPrototype& proto, const HelperArgs& args, MachineState& state) const {
    // Releasing NULL (bpf_kptr_xchg(&field, NULL)) releases nothing.
    const int released = proto.releases_arg;
    if (released < 0 || !args.release_checked) {
        return true;
    }
    const bool releases_null = helper_arg_accepts_null(proto.args[static_cast<std::size_t>(released)]) &&
                               state.reg(released + 1).is_scalar() &&
                               state.reg(released + 1).number().as_constant() == 0U;
    if (releases_null) {
        return true;
    }
    return args.released_ref != 0 && release_reference(state, args.released_ref);
}

std::uint32_t Executor::callback_function(const Value& callback) const {
    return m_context.cfg.block(m_context.cfg.block_of(callback.region())).function;
}

MachineState Executor::callback_entry(std::uint32_t pc, std::int32_t helper, const HelperArgs& args,
                                      const MachineState& at_call, const MachineState& before) const {
    // What the helper passes on is the call's (R1: bpf_loop's count, the
    // timer; R3: the callback context), in every invocation.
    const Value timer = at_call.reg(1);
    const Value callback_ctx =
        helper == kHelperForEachMapElem || helper == kHelperLoop ? at_call.reg(3) : Value::unknown_scalar();
    const Value nr = at_call.reg(1);
    MachineState entry = before;
    entry.push_frame(pc);
    for (int r = 1; r <= 5; ++r) {
        entry.reg(r) = Value::unknown_scalar();
    }
    if (helper == kHelperLoop) {
        const std::uint64_t max = nr.is_scalar() ? std::max<std::uint64_t>(nr.number().u32max, 1) - 1 : 0xffffffffULL;
        entry.reg(1) = Value::scalar(Scalar::unsigned_range(0, max));
        entry.reg(2) = callback_ctx;
    } else if (helper == kHelperForEachMapElem && args.map != domains::kNoRegion) {
        entry.reg(1) = Value::pointer(Kind::MapPtr, args.map, Scalar::constant(0));
        entry.reg(2) = Value::pointer(Kind::MapKey, args.map, Scalar::constant(0));
        entry.reg(3) = Value::pointer(Kind::MapValue, args.map, Scalar::constant(0));
        for (int r = 1; r <= 3 && args.map_pointer; ++r) {
            entry.reg(r).set_region(args.map_pointer->region(), args.map_pointer->region_set());
        }
        entry.reg(4) = callback_ctx;
    } else if (helper == kHelperTimerSetCallback && timer.kind() == Kind::MapValue) {
        // An async callback: (map, key, value) of the map holding the timer.
        entry.reg(1) = Value::pointer(Kind::MapPtr, timer.region(), Scalar::constant(0));
        entry.reg(2) = Value::pointer(Kind::MapKey, timer.region(), Scalar::constant(0));
        entry.reg(3) = Value::pointer(Kind::MapValue, timer.region(), Scalar::constant(0));
        for (int r = 1; r <= 3; ++r) {
            entry.reg(r).set_region(timer.region(), timer.region_set());
        }
    }
    return entry;
}

bool Executor::run_callback(std::uint32_t pc, std::int32_t helper, const HelperPrototype& proto, const HelperArgs& args,
                            MachineState& state) const {
    const std::uint32_t callee = callback_function(*args.callback);
    const MachineState at_call = state;
    const auto invoke = [&](const MachineState& before) {
        const MachineState entry = callback_entry(pc, helper, args, at_call, before);
        MachineState after = MachineState::bottom();
        for (const MachineState& part : m_call_analyzer(callee, entry)) {
            after.join_with(part);
        }
        if (after.frame_count() != before.frame_count() + 1) {
            after.set_bottom();
        }
        if (!after.is_bottom()) {
            after.pop_frame();
        }
        return after;
    };
    if (const auto count = bounded_loop_count(helper, at_call)) {
        state = unrolled_callback_states(*count, at_call, invoke);
        return true;
    }
    // The caller's state before every invocation, to a fixpoint (the
    // engine's schedule: join, then widen).
    CallbackFixpoint iterations(invoke, m_thresholds);
    FixpointLimits limits;
    limits.deadline = m_context.deadline;
    limits.max_vertex_visits = kCallbackMaxInvocations;
    if (iterations.run(state, limits) != FixpointStatus::Converged) {
        m_abort(
            fmt::format("the callback of {} called at insn {} did not reach a fixpoint within {} "
                        "invocations (a defect of bpfcheck's widening, or the time budget)",
                        proto.name, pc, kCallbackMaxInvocations));
        state.set_bottom();
        return false;
    }
    state = iterations.before_each;
    return true;
}

std::optional<std::size_t> Executor::incompatible_map(std::int32_t helper, const Value& map_pointer) const {
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
        // A type without a layout of its own (sk_lookup, sk_reuseport) is "unspec": its loader name decides.
        const std::string_view type =
            m_context.type.name == "unspec" ? std::string_view{m_context.program.type} : m_context.type.name;
        if (!type_ok || !map_allows_helper(maps[i].type, helper, type, m_context.program.section)) {
            return i;
        }
    }
    return std::nullopt;
}

}  // namespace bpfcheck::analyzer
