// ValidAccess (check_mem_access): the base is a pointer, not NULL, not
// data_end, not a number (nor a released reference), one instruction does
// not serve the context and another pointer (the kernel rewrites context
// accesses per instruction), and the region allows the access: the stack
// frame (bounds, alignment, initialised bytes), the packet range proven
// against data_end, a map value's value_size or sized memory. The context
// and BTF regions: check_context.cpp. Also ValidStore (pointer leaks and
// partial spills), ValidAtomic (base kind, leaks, natural alignment) and
// ValidPacketLoad.
#include "analyzer/checks/checker.hpp"
#include "analyzer/checks/memory/map_special_fields.hpp"
#include "analyzer/checks/memory/memory_checks.hpp"
#include "analyzer/checks/memory/socket_access.hpp"
#include "analyzer/checks/number_origin.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/memory_regions.hpp"
#include "analyzer/transfer/stack_spill_rules.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <limits>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

void note_stack_touch(const AnalysisContext& context, std::uint32_t pc, const MachineState& state, std::uint32_t frame,
                      int lowest_byte, bool in_fastcall_pattern, CheckSink& sink) {
    if (frame >= state.frame_count() || lowest_byte < 0 || lowest_byte >= domains::kStackSize) {
        return;
    }
    const std::uint32_t at = frame + 1 == state.frame_count() ? pc : state.frame(frame + 1).callsite;
    if (at >= context.program.insns.size()) {
        return;
    }
    const std::uint32_t function = context.cfg.block(context.cfg.block_of(at)).function;
    if (sink.touched_depths.size() < context.cfg.functions().size()) {
        sink.touched_depths.resize(context.cfg.functions().size(), 0);
    }
    int& deepest = sink.touched_depths[function];
    deepest = std::max(deepest, domains::kStackSize - lowest_byte);
    if (!in_fastcall_pattern) {
        if (sink.touched_outside_fastcall.size() < context.cfg.functions().size()) {
            sink.touched_outside_fastcall.resize(context.cfg.functions().size(), 0);
        }
        int& outside = sink.touched_outside_fastcall[function];
        outside = std::max(outside, domains::kStackSize - lowest_byte);
    }
}

namespace {

std::string access_text(bool is_write, int width) {
    return fmt::format("{}-byte {}", width, is_write ? "write" : "read");
}

bool is_packet_pointer(Kind kind) {
    return kind == Kind::Packet || kind == Kind::PacketMeta || kind == Kind::PacketEnd;
}

// What a load through the context pointer `base` yields: a field's pointer
// kind, or Scalar.
Kind context_load_kind(const AnalysisContext& context, const Value& base, const isa::Load& load) {
    const auto constant = base.number().as_constant();
    if (!constant || *constant != 0 || context.type.model == ContextModel::ReadableBlob ||
        context.type.model == ContextModel::BtfArgs) {
        return Kind::Scalar;
    }
    const ContextFieldMatch match = match_context_field(context, load.offset, load.width, false);
    return match.decided != nullptr && !match.read_only ? match.decided->yields : Kind::Scalar;
}

void check_stack_access(const AccessSite& site, const Value& pointer, std::int64_t offset, int width, bool is_write,
                        const MachineState& state, CheckSink& sink) {
    const Span span = span_of(pointer.number(), offset, width);
    const std::int64_t frame_off_lo = span.lo < std::numeric_limits<std::int64_t>::min() + domains::kStackSize
                                          ? std::numeric_limits<std::int64_t>::min()
                                          : span.lo - domains::kStackSize;
    const auto note = [&] { return std::vector<std::string>{describe_value(site.base, site.base_value)}; };
    if (span.lo < 0 || span.hi > domains::kStackSize) {
        site.reporter.error(
            "stack.out_of_bounds", site.pc,
            fmt::format("{} at stack offset {}{} is outside the 512-byte frame", access_text(is_write, width),
                        frame_off_lo, pointer.number().is_constant() ? "" : " (variable offset)"),
            note(), "keep stack accesses within r10-512 .. r10-1");
        return;
    }
    // Stack accesses are always strictly aligned (check_ptr_alignment).
    if (pointer.number().is_constant() && span.lo % width != 0) {
        site.reporter.error("stack.misaligned", site.pc,
                            fmt::format("misaligned stack access at r10{:+d}, size {}", frame_off_lo, width), note(),
                            fmt::format("align {}-byte stack accesses to {} bytes", width, width));
        return;
    }
    note_stack_touch(site.context, site.pc, state, pointer.region(), static_cast<int>(span.lo),
                     site.executor.in_fastcall_pattern(site.pc), sink);
    const domains::Stack& stack = state.stack(pointer.region());
    const auto lo = static_cast<int>(span.lo);
    const auto len = static_cast<int>(span.hi - span.lo);
    // check_stack_write_fixed_off / check_stack_read_fixed_off: spilled pointers.
    if (pointer.number().is_constant()) {
        auto spill_rule =
            is_write ? (site.context.options.unprivileged ? corrupts_spilled_pointer(stack, lo, width) : std::nullopt)
                     : partial_pointer_fill(stack, lo, width);
        if (spill_rule) {
            site.reporter.error(
                is_write ? "pointer.corrupt_spill" : "pointer.partial_fill", site.pc, std::move(*spill_rule), note(),
                is_write ? "write all 8 bytes of a slot that holds a spilled pointer, or use another slot"
                         : "fill a spilled pointer with one 8-byte load");
        }
    }
    // Dynptr and iterator slots are not data; a referenced dynptr is not overwritten.
    const Executor::StackObjectAccess object_access =
        is_write ? Executor::StackObjectAccess::Write : Executor::StackObjectAccess::Read;
    if (check_stack_object_access(site.executor, site.pc, site.base, pointer.region(), lo, lo + len, object_access,
                                  state, site.reporter) ||
        is_write) {
        return;
    }
    if (!stack.initialised(lo, len)) {
        const std::string message =
            fmt::format("{} from stack at r10{:+d} reads bytes never written", access_text(false, width), frame_off_lo);
        std::vector<std::string> notes = note();
        if (site.context.options.unprivileged) {
            site.reporter.error("uninit.stack", site.pc, message, notes, "initialise the stack slot before reading it");
        } else {
            notes.emplace_back("the kernel allows this with CAP_PERFMON, but the bytes are garbage");
            site.reporter.warning("uninit.stack", site.pc, message, notes,
                                  "initialise the stack slot before reading it");
        }
    }
}

}  // namespace

void check_packet_access(const AccessSite& site, const Value& pointer, std::int64_t offset, int width, bool is_write) {
    const std::int64_t off = pointer.fixed_offset() + offset;
    const Scalar& total = pointer.number();
    auto state_note = [&] {
        return std::vector<std::string>{fmt::format("R{}=pkt(id={},off={},r={}); proven: data + {} <= data_end",
                                                    site.base, pointer.id() == domains::kNoId ? 0 : pointer.id(),
                                                    pointer.fixed_offset(), pointer.range(), pointer.range())};
    };
    if (is_write && !site.context.type.packet_writable) {
        site.reporter.error("packet.read_only", site.pc,
                            fmt::format("{} programs cannot write into the packet", site.context.type.name),
                            state_note());
    }
    if (total.smin + offset < 0) {
        site.reporter.error("packet.bounds", site.pc,
                            fmt::format("{} at packet offset {} may be before the start of the packet",
                                        access_text(is_write, width), total.smin + offset),
                            state_note(), "make sure offsets added to the packet pointer are not negative");
    } else if (total.umax > static_cast<std::uint64_t>(kMaxPacketOffset)) {
        site.reporter.error(
            "packet.bounds", site.pc,
            fmt::format("R{} offset is outside of the packet: it may exceed {}", site.base, kMaxPacketOffset),
            state_note(), "bound the variable offset (e.g. with & 0xff) before adding it");
    } else if (off < 0 || off + width > pointer.range()) {
        const std::string where = pointer.number().is_constant() ? fmt::format("offset {}", off)
                                                                 : fmt::format("offset {} past a variable part", off);
        site.reporter.error(
            "packet.bounds", site.pc,
            fmt::format("{} at packet {} is not proven below data_end", access_text(is_write, width), where),
            state_note(), fmt::format("check data + {} <= data_end before this access", off + width));
    }
}

namespace {

// check_tp_buffer_access (__check_buffer_access): a raw tracepoint's
// writable buffer is read and written at constant, non-negative offsets;
// its size is the attach's to check.
void check_tp_buffer_access(const AccessSite& site, const Value& pointer, std::int64_t offset, int width) {
    const auto constant = pointer.number().as_constant();
    if (!constant) {
        site.reporter.error("mem.bounds", site.pc,
                            fmt::format("R{} invalid variable buffer offset: off={}, var_off={}", site.base, offset,
                                        pointer.number().to_string()),
                            {}, "access the tracepoint buffer at constant offsets");
        return;
    }
    const std::int64_t off = static_cast<std::int64_t>(*constant) + offset;
    if (off < 0) {
        site.reporter.error("mem.bounds", site.pc,
                            fmt::format("R{} invalid tracepoint buffer access: off={}, size={}", site.base, off, width),
                            {}, "access the tracepoint buffer at non-negative offsets");
    }
}

}  // namespace

void check_sized_region_access(const AccessSite& site, const Value& pointer, std::int64_t offset, int width,
                               bool is_write) {
    std::uint64_t size = 0;
    bool read_only_map = false;
    bool write_only_map = false;
    switch (pointer.kind()) {
        case Kind::MapValue: {
            const MapSet maps = maps_of(site.context.object, pointer);
            read_only_map = maps.read_only;
            write_only_map = maps.write_only;
            size = maps.value_min;
            break;
        }
        case Kind::MapKey:
            size = maps_of(site.context.object, pointer).key_min;
            break;
        case Kind::Socket:
            size = kSocketSize;
            break;
        default:
            size = pointer.region();
            break;
    }
    // What the access reaches, for messages only (most accesses pass).
    auto what = [&]() -> std::string {
        switch (pointer.kind()) {
            case Kind::MapValue:
                return fmt::format("map value of {} (value_size={})", map_names(site.context.object, pointer), size);
            case Kind::MapKey:
                return fmt::format("map key of {} (key_size={})", map_names(site.context.object, pointer), size);
            case Kind::Socket:
                return "struct bpf_sock";
            case Kind::FlowKeys:
                return "struct bpf_flow_keys";
            default:
                return fmt::format("memory of {} bytes", size);
        }
    };
    const Span span = span_of(pointer.number(), offset, width);
    const std::string_view family = pointer.kind() == Kind::MapValue || pointer.kind() == Kind::MapKey ? "map" : "mem";
    if (span.lo < 0 || span.hi > static_cast<std::int64_t>(size) || pointer.number().smin + offset < 0) {
        site.reporter.error(fmt::format("{}.bounds", family), site.pc,
                            fmt::format("{} at offset {}..{} of {} is out of bounds", access_text(is_write, width),
                                        span.lo, span.hi - 1, what()),
                            {fmt::format("R{} offset = {}", site.base, pointer.number().to_string())},
                            fmt::format("check the offset so that offset + {} <= {}", width, size));
        return;
    }
    if (is_write && pointer.kind() == Kind::Mem && site.executor.read_only_slice(pointer)) {
        site.reporter.error(
            "pointer.read_only", site.pc,
            fmt::format("R{} cannot write into rdonly_mem: a bpf_dynptr_slice slice is read-only", site.base), {},
            "take the slice with bpf_dynptr_slice_rdwr to write through it");
        return;
    }
    if (!is_write && write_only_map && pointer.kind() == Kind::MapValue) {
        site.reporter.error(
            "map.write_only", site.pc,
            fmt::format("read from map forbidden: {} is write-only for programs (BPF_F_WRONLY_PROG)", what()), {},
            "read the map from user space, or create it without BPF_F_WRONLY_PROG");
        return;
    }
    if (is_write && (pointer.kind() == Kind::Socket || pointer.kind() == Kind::MapKey ||
                     (read_only_map && pointer.kind() == Kind::MapValue))) {
        site.reporter.error(pointer.kind() == Kind::MapValue ? "map.read_only" : "pointer.read_only", site.pc,
                            fmt::format("write into read-only {}", what()), {});
    }
}

void Checker::decide(std::uint32_t pc, const ValidAccess& o, const MachineState& state, CheckSink& sink) const {
    if (state.reg(o.base).kind() == Kind::Uninit) {
        return;  // Initialised{base} reported it; nothing more to say
    }
    Reporter& reporter = sink.reporter;
    Value pointer = state.reg(o.base);
    const std::string_view access = o.is_write ? "write" : "read";
    if (domains::is_nullable(pointer.kind())) {
        reporter.error("null.deref", pc,
                       fmt::format("{}-byte {} through R{}, which may be NULL ({})", o.width, access, o.base,
                                   domains::kind_name(pointer.kind())),
                       {describe_value(o.base, pointer)}, fmt::format("check R{} != NULL before this access", o.base));
        pointer.set_kind(domains::non_null_kind(pointer.kind()));  // assumed checked from here on
    }
    const AccessSite site{m_context, m_executor, pc, o.base, pointer, reporter};
    auto fail = [&](std::string id, std::string message, std::string hint = {}) {
        reporter.error(std::move(id), pc, std::move(message), {describe_value(o.base, pointer)}, std::move(hint));
    };
    // save_aux_ptr_type: the kernel rewrites accesses to the context, sockets
    // and BTF objects per instruction, so such an instruction serves one
    // pointer type only (reg_type_mismatch).
    if (pointer.is_pointer()) {
        const auto [it, inserted] = sink.base_kinds.try_emplace(pc, static_cast<std::uint8_t>(pointer.kind()));
        const auto rewritten = [](Kind k) { return k == Kind::Ctx || k == Kind::Socket || k == Kind::BtfId; };
        const auto previous = static_cast<Kind>(it->second);
        if (!inserted && previous != pointer.kind() && !rewritten(previous) && !rewritten(pointer.kind())) {
            sink.mixed_base_kinds.push_back(pc);  // allowed; which came first depends on the path order
        } else if (!inserted && previous != pointer.kind()) {
            fail("pointer.ambiguous",
                 fmt::format("same insn cannot be used with different pointers: R{} is {} on one path and {} on "
                             "another",
                             o.base, domains::kind_name(previous), domains::kind_name(pointer.kind())),
                 "access the context, sockets and kernel objects with instructions of their own");
        }
    }
    // check_map_access / check_map_kptr_access: kptr fields of map values,
    // seen through the pointer as assumed non-NULL.
    if (pointer.kind() != state.reg(o.base).kind()) {
        MachineState assumed = state;
        assumed.reg(o.base) = pointer;
        check_map_kptr_access(pc, o.base, o.offset, o.width, o.is_write, assumed, reporter);
    } else {
        check_map_kptr_access(pc, o.base, o.offset, o.width, o.is_write, state, reporter);
    }
    auto what = [&] { return fmt::format("{}-byte {}", o.width, access); };  // for messages only
    switch (pointer.kind()) {
        case Kind::Stack:
            check_stack_access(site, pointer, o.offset, o.width, o.is_write, state, sink);
            return;
        case Kind::Ctx:
            check_context_access(site, pointer, o.offset, o.width, o.is_write);
            return;
        case Kind::Packet:
        case Kind::PacketMeta:
            check_packet_access(site, pointer, o.offset, o.width, o.is_write);
            return;
        case Kind::MapValue:
            // check_map_access: no load or store touches a special field.
            if (check_special_field_access(m_context, pc, o.base, pointer, o.offset, o.width, reporter)) {
                check_sized_region_access(site, pointer, o.offset, o.width, o.is_write);
            }
            return;
        case Kind::Mem:
            if (pointer.region() == domains::kTpBufferRegion) {
                check_tp_buffer_access(site, pointer, o.offset, o.width);
                return;
            }
            check_sized_region_access(site, pointer, o.offset, o.width, o.is_write);
            return;
        case Kind::MapKey:
        case Kind::FlowKeys:
            check_sized_region_access(site, pointer, o.offset, o.width, o.is_write);
            return;
        case Kind::Socket:
            check_socket_access(pc, o.base, pointer, o.offset, o.width, o.is_write, reporter);
            return;
        case Kind::BtfId:
            check_btf_access(site, pointer, o.offset, o.width, o.is_write, m_executor.has_core_reloc(pc));
            return;
        case Kind::Scalar: {
            if (pointer.fault_reported()) {
                return;  // its fault was reported where it arose
            }
            if (pointer.released_from() != 0) {
                fail("ref.use_after_release",
                     fmt::format("{} through R{}, a pointer whose reference (acquired at insn {}) was already "
                                 "released: R{} invalid mem access 'scalar'",
                                 what(), o.base, pointer.released_from() - kRefIdBase, o.base),
                     "do not touch a ring-buffer record or socket after submitting, discarding or releasing it");
                return;
            }
            std::vector<std::string> notes{describe_value(o.base, pointer)};
            std::string hint = "only pointers (stack, context, packet, map values) may be dereferenced";
            if (auto origin = number_origin(m_context, o.base, pointer)) {
                notes.push_back(std::move(origin->note));
                hint = std::move(origin->hint);
            }
            reporter.error(
                "pointer.not_pointer", pc,
                fmt::format("R{} invalid mem access 'scalar': {} through a number, not a pointer", o.base, what()),
                std::move(notes), std::move(hint));
            return;
        }
        case Kind::PacketEnd:
            fail("packet.end_deref", fmt::format("R{} is data_end: it points past the packet", o.base),
                 "compare against data_end; never dereference it");
            return;
        case Kind::MapPtr:
            if (!o.is_write && !m_context.options.unprivileged) {
                check_map_struct_access(site, pointer, o.offset, o.width);  // readable with CAP_PERFMON
                return;
            }
            fail("pointer.map_deref",
                 fmt::format("R{} points to a map, not into its values; use bpf_map_lookup_elem", o.base));
            return;
        case Kind::Arena:
            return;  // any offset (analyzer/transfer/arena.hpp)
        case Kind::Any:
            fail("pointer.ambiguous",
                 fmt::format("R{} is a pointer of different kinds on different paths to this access", o.base),
                 "keep one kind of pointer in a register on every path");
            return;
        default:
            fail("pointer.invalid_access",
                 fmt::format("{} through R{} ({}) is not allowed", what(), o.base, domains::kind_name(pointer.kind())));
            return;
    }
}

void Checker::decide(std::uint32_t pc, const ValidLoad& o, const MachineState& state, CheckSink& sink) const {
    // The context's is_valid_access functions refuse a sign-extending load
    // (info->is_ldsx) of a field that gives a packet pointer.
    const isa::Load& load = o.load;
    const Value& base = state.reg(load.base);
    if (!load.sign_extend || base.kind() != Kind::Ctx || !is_packet_pointer(context_load_kind(m_context, base, load))) {
        return;
    }
    sink.reporter.error("ctx.bad_access", pc,
                        fmt::format("invalid bpf_context access off={} size={}: a sign-extending load of a "
                                    "field that holds a packet pointer",
                                    load.offset, load.width),
                        {describe(state, load.base)}, "load packet pointers with a plain (zero-extending) load");
}

void Checker::decide(std::uint32_t pc, const ValidStore& o, const MachineState& state, CheckSink& sink) const {
    const isa::Store& store = o.store;
    if (!store.value.is_register) {
        return;
    }
    const Value value = operand_value(state, store.value.reg);
    if (!value.is_pointer()) {
        return;
    }
    const Value& base = state.reg(store.base);
    const bool to_stack = base.kind() == Kind::Stack;
    if (!to_stack && m_context.options.unprivileged) {
        sink.reporter.error(
            "pointer.leak", pc,
            fmt::format("R{} leaks an address into {}", store.value.reg, domains::kind_name(base.kind())),
            {describe_value(store.value.reg, value)}, "store numbers, not pointers, outside the stack");
    } else if (to_stack && store.width != 8 && value.kind() != Kind::BtfId) {
        sink.reporter.error(
            "pointer.partial_spill", pc,
            fmt::format("partial ({}-byte) spill of pointer R{} to the stack", store.width, store.value.reg),
            {describe_value(store.value.reg, value)});
    }
}

void Checker::decide(std::uint32_t pc, const ValidAtomic& o, const MachineState& state, CheckSink& sink) const {
    const isa::Atomic& atomic = o.atomic;
    // The base as the instruction sees it, after its operands were read.
    const bool base_read = atomic.base == atomic.src || (atomic.op == isa::AtomicOp::CmpXchg && atomic.base == 0);
    const Value base = base_read ? operand_value(state, atomic.base) : state.reg(atomic.base);
    const Kind base_kind = base.kind();
    // atomic_ptr_type_ok: an arena pointer too (where the JIT supports the
    // instruction, as x86-64's does).
    if (base_kind != Kind::Stack && base_kind != Kind::MapValue && base_kind != Kind::Mem && base_kind != Kind::BtfId &&
        base_kind != Kind::Arena && !domains::is_nullable(base_kind)) {
        sink.reporter.error("pointer.atomic", pc,
                            fmt::format("atomic operation on {} through R{} is not allowed",
                                        domains::kind_name(base_kind), atomic.base),
                            {describe_value(atomic.base, base)}, "atomics work on the stack and on map values");
    }
    if (!operand_value(state, atomic.src).is_scalar() && m_context.options.unprivileged) {
        sink.reporter.error("pointer.leak", pc, fmt::format("R{} leaks an address into memory", atomic.src));
    }
    // Atomic operations need natural alignment whatever the loader asked for
    // (check_atomic_rmw passes strict_alignment_once; check_generic_ptr_alignment
    // tests the pointer's known bits plus the instruction's offset). The stack
    // has its own rule (stack.misaligned); other pointer kinds refuse atomics.
    if (base_kind != Kind::MapValue && base_kind != Kind::Mem && base_kind != Kind::BtfId) {
        return;
    }
    if (domains::tnum_is_aligned(
            domains::tnum_add(base.number().bits, domains::Tnum::constant(static_cast<std::uint64_t>(atomic.offset))),
            static_cast<std::uint64_t>(atomic.width))) {
        return;
    }
    sink.reporter.error("mem.misaligned", pc,
                        fmt::format("{}-byte atomic operation through R{}{:+} is not aligned to its size", atomic.width,
                                    atomic.base, atomic.offset),
                        {describe_value(atomic.base, base)},
                        "align the field to its size (reorder the struct or add padding); atomics always need it");
}

void Checker::decide(std::uint32_t pc, const ValidPacketLoad& /*o*/, const MachineState& state, CheckSink& sink) const {
    if (m_context.type.context_struct != "__sk_buff") {
        sink.reporter.error("packet.legacy_load", pc,
                            fmt::format("BPF_LD_[ABS|IND] is not allowed for {} programs", m_context.type.name));
    }
    // check_ld_abs: the load may end the program (a call in disguise).
    if (const domains::HeldReference* lock = state.held_lock(); lock != nullptr) {
        sink.reporter.error("ref.lock_held", pc,
                            fmt::format("BPF_LD_[ABS|IND] cannot be used inside bpf_spin_lock-ed region (the lock "
                                        "taken at insn {} is held)",
                                        lock->insn),
                            {}, "load the packet bytes before bpf_spin_lock, or after bpf_spin_unlock");
    }
    if (state.reg(6).kind() != Kind::Ctx) {
        sink.reporter.error("packet.legacy_load", pc, "BPF_LD_[ABS|IND] needs the context in R6", {describe(state, 6)},
                            "keep the context pointer in R6");
    }
    check_ld_abs_in_sections(pc, state, sink.reporter);
}

}  // namespace bpfcheck::analyzer
