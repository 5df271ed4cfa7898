// The transfer of calls (their checks: analyzer/checks/check_*_call.cpp).
// A helper applies its arguments one by one (helper_args.cpp) and gives a
// result of its return kind; bpf-to-bpf calls are analysed in the caller's
// context (a new frame on the caller's state); callbacks (bpf_loop,
// bpf_for_each_map_elem, ...) are analysed as calls made zero or more times
// from the helper. Kfuncs, dynptrs and locks: executor_resources.cpp;
// global functions: executor_global_call.cpp.
#include "analyzer/checks/calls/helpers/helper_call_rules.hpp"
#include "analyzer/transfer/executor.hpp"

#include "analyzer/platform/helpers/helper_availability.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/rule_releases.hpp"
#include "analyzer/platform/socket_fields.hpp"
#include "cfg/program/map_type.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
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

// The inner maps of a lookup through a map pointer joined from several
// paths (region kManyMaps, the outer maps in `outer`), when each of them is
// a map-in-map (the kernel walks each path with its own outer map, and each
// lookup yields that map's inner map): the region and region set of a
// pointer to them (one inner map, or kManyMaps and their set; kManyMaps and
// no set when one of them is not declared or the set cannot hold them).
std::optional<std::pair<std::uint32_t, std::uint64_t>> inner_maps_of(const model::BpfObject& object,
                                                                     std::uint64_t outer) {
    if (outer == 0) {
        return std::nullopt;
    }
    std::uint64_t set = 0;
    bool any = false;
    for (std::uint64_t rest = outer; rest != 0; rest &= rest - 1) {
        const auto inner = inner_map_of(object, static_cast<std::uint32_t>(std::countr_zero(rest)));
        if (!inner) {
            return std::nullopt;  // not a map-in-map: an ordinary lookup
        }
        any = any || *inner >= 64;  // undeclared (any map), or past the set's reach
        set |= *inner < 64 ? std::uint64_t{1} << *inner : 0;
    }
    if (any) {
        return std::pair<std::uint32_t, std::uint64_t>{domains::kManyMaps, 0};
    }
    const bool one = (set & (set - 1)) == 0;
    return std::pair<std::uint32_t, std::uint64_t>{
        one ? static_cast<std::uint32_t>(std::countr_zero(set)) : domains::kManyMaps, set};
}

using domains::kNoId;

}  // namespace

void Executor::execute_call(std::uint32_t pc, const isa::Call& call, MachineState& state,
                            std::vector<MachineState>* forks) const {
    switch (call.kind) {
        case isa::CallKind::Local:
            execute_local_call(pc, call, state, forks);
            return;
        case isa::CallKind::Helper:
            execute_helper(pc, call, state);
            return;
        case isa::CallKind::Kfunc:
            execute_kfunc(pc, state);
            return;
    }
}

std::uint32_t Executor::local_callee(std::uint32_t pc, const isa::Call& call) const {
    const auto target = static_cast<std::uint32_t>(static_cast<std::int64_t>(pc) + 1 + call.imm);
    return m_context.cfg.block(m_context.cfg.block_of(target)).function;
}

void Executor::execute_local_call(std::uint32_t pc, const isa::Call& call, MachineState& state,
                                  std::vector<MachineState>* forks) const {
    const std::uint32_t callee = local_callee(pc, call);
    if (state.frame_count() >= static_cast<std::size_t>(domains::kMaxFrames)) {
        // call.depth (ValidLocalCall): the call is assumed to return a number.
        for (int r = 1; r <= 5; ++r) {
            state.reg(r) = Value::uninit();
        }
        state.reg(0) = Value::unknown_scalar();
        return;
    }
    if (const model::FunctionSignature* signature = global_signature(callee)) {
        execute_global_call(pc, callee, *signature, state);
        return;
    }
    MachineState entry = state;
    entry.push_frame(pc);
    std::vector<MachineState> results = m_call_analyzer(callee, entry);
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

std::optional<MachineState> Executor::subprogram_tail_call_return(std::uint32_t pc, const MachineState& after) const {
    // check_helper_call (Linux 6.12's stable series on): a tail call in a
    // subprogram that happened returns, once the called program ran, to the
    // subprogram's caller with that program's R0, and its packet may have
    // moved: the kernel verifies that return as a path of its own ("returning
    // from callee" at the tail call), packet pointers of every frame
    // invalidated; the path after a tail call that did not happen keeps them.
    const std::uint32_t version = m_context.options.kernel_version;
    const auto* call = std::get_if<isa::Call>(&m_context.program.insns[pc]);
    if (call == nullptr || call->kind != isa::CallKind::Helper || call->imm != kHelperTailCall || after.is_bottom() ||
        after.frame_count() < 2 || !rule_release::holds(rule_release::kTailCallReturns, version)) {
        return std::nullopt;
    }
    MachineState returned = after;
    returned.reg(0) = Value::unknown_scalar();
    returned.invalidate_packet_pointers(!m_context.options.unprivileged);
    invalidate_packet_slices(returned);
    return returned;
}

void Executor::execute_helper(std::uint32_t pc, const isa::Call& call, MachineState& state) const {
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
        clobber(Value::unknown_scalar());  // helper.unknown
        return;
    }
    const HelperPrototype& proto = *prototype;
    HelperArgs args;
    for (int i = 0; i < 5; ++i) {
        const ArgKind kind = proto.args[static_cast<std::size_t>(i)];
        if (kind == ArgKind::None) {
            break;
        }
        if (!is_helper_size_kind(kind)) {
            apply_helper_arg(pc, proto, i, state, args);
        }
    }
    const std::uint32_t map = args.map;
    const std::optional<Value>& map_pointer = args.map_pointer;
    // An incompatible map is reported once; its result then stands for
    // memory of unknown size so that uses of it do not cascade.
    const bool map_compatible = !map_pointer || !incompatible_map(call.imm, *map_pointer);
    apply_helper_release(proto, args, state);  // ref.release_unacquired where it fails
    if (args.callback && !run_callback(pc, call.imm, proto, args, state)) {
        return;
    }
    // Since Linux 6.14 the kernel knows that an array map lookup with a
    // constant in-bounds key cannot fail, and drops the NULL from the result.
    // A target kernel before 6.14 keeps the NULL (and so verifies no
    // speculative path past a NULL check it would otherwise decide).
    bool lookup_cannot_fail = false;
    if (rule_release::holds(rule_release::kLookupElision, m_context.options.kernel_version) &&
        proto.ret == ReturnKind::MapValueOrNull && map < m_context.object.maps.size() &&
        call.imm == kHelperMapLookupElem && map != domains::kManyMaps) {
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
        state.rename_id(nullable_id, kNoId);
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
            } else if (const auto inners = map == domains::kManyMaps && map_pointer
                                               ? inner_maps_of(m_context.object, map_pointer->region_set())
                                               : std::nullopt) {
                r0 = Value::pointer(Kind::MapPtrOrNull, inners->first, Scalar::constant(0), nullable_id);
                r0.set_region(inners->first, inners->second);
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
        case ReturnKind::AllocMemOrNull:
            r0 = fresh(Kind::BtfIdOrNull, 0);
            break;
        case ReturnKind::BtfIdOrNull:
            // RET_PTR_TO_BTF_ID_OR_NULL without PTR_TRUSTED (bpf_skc_to_*,
            // bpf_sock_from_file): a plain pointer, unless it carries a reference.
            r0 = fresh(Kind::BtfIdOrNull, 0);
            r0.set_plain(!proto.acquires);
            break;
        case ReturnKind::BtfId:
            r0 = Value::pointer(Kind::BtfId, helper_ret_type(proto), Scalar::constant(0));
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
        state.invalidate_packet_pointers(!m_context.options.unprivileged);
        invalidate_packet_slices(state);
    }
    initialise_helper_dynptrs(pc, call.imm, proto, state);
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
