// The induction analysis: transfer functions of the `head(x) + k` relations
// and the chaotic iteration over one loop's blocks (lowest WTO position
// first, widening at inner heads after two joins).
#include "analyzer/termination_delta.hpp"

#include "analyzer/platform/helper_prototype.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <queue>

namespace bpfcheck::analyzer::termination {

using domains::Kind;

namespace {

constexpr int kFrameBytes = 512;

Relation constant(std::int64_t value) {
    Relation r;
    r.kind = RelKind::Const;
    r.lo = r.hi = value;
    return r;
}

Relation opaque(CellTag tag = CellTag::None) {
    Relation r;
    r.kind = RelKind::Opaque;
    r.tag = tag;
    return r;
}

Relation unknown(CellTag tag = CellTag::None) {
    Relation r;
    r.kind = RelKind::Unknown;
    r.tag = tag;
    return r;
}

Relation offset(std::uint16_t base, Width width, std::int64_t lo, std::int64_t hi, CellTag tag = CellTag::None) {
    Relation r;
    r.kind = RelKind::Offset;
    r.width = width;
    r.base = base;
    r.lo = lo;
    r.hi = hi;
    r.tag = tag;
    return r;
}

Relation untagged(Relation r) {
    r.tag = CellTag::None;
    return r;
}

// x + c on offsets that saturate at ±kInfinity (kept there once reached).
std::int64_t saturating_add(std::int64_t x, std::int64_t c) {
    if (x <= -kInfinity || x >= kInfinity) {
        return x;
    }
    const __int128 sum = static_cast<__int128>(x) + c;
    return static_cast<std::int64_t>(std::clamp<__int128>(sum, -kInfinity, kInfinity));
}

std::int64_t zext32(std::int64_t v) { return static_cast<std::int64_t>(static_cast<std::uint32_t>(v)); }

// The low 32 bits of a value, as a 32-bit operation leaves them (zero-extended).
Relation low32(const Relation& r) {
    switch (r.kind) {
        case RelKind::Bottom: return r;
        case RelKind::Const: return constant(zext32(r.lo));
        case RelKind::Offset:
            return r.width == Width::Shifted32 ? constant(0) : offset(r.base, Width::Low32, r.lo, r.hi);
        case RelKind::Opaque:
        case RelKind::Unknown: return opaque();
    }
    return opaque();
}

Relation add_constant(const Relation& r, std::int64_t c, bool is64) {
    if (!is64) {
        Relation low = low32(r);
        if (low.kind == RelKind::Const) {
            return constant(zext32(low.lo + c));
        }
        if (low.kind == RelKind::Offset) {
            low.lo = saturating_add(low.lo, c);
            low.hi = saturating_add(low.hi, c);
        }
        return low;
    }
    switch (r.kind) {
        case RelKind::Const:
            return constant(static_cast<std::int64_t>(static_cast<std::uint64_t>(r.lo) + static_cast<std::uint64_t>(c)));
        case RelKind::Offset:
            if (r.width == Width::Shifted32) {
                return opaque();
            }
            return offset(r.base, r.width, saturating_add(r.lo, c), saturating_add(r.hi, c));
        default: return untagged(r);
    }
}

std::optional<std::int64_t> constant_of(const Relation& r) {
    if (r.kind == RelKind::Const) {
        return r.lo;
    }
    return std::nullopt;
}

// Folds an ALU operation on two constants; nullopt for the ones we do not fold.
std::optional<std::int64_t> fold(isa::AluOp op, bool is64, std::int64_t a, std::int64_t b) {
    auto ua = static_cast<std::uint64_t>(a);
    auto ub = static_cast<std::uint64_t>(b);
    const unsigned width = is64 ? 64 : 32;
    if (!is64) {
        ua &= 0xffffffffULL;
        ub &= 0xffffffffULL;
    }
    std::uint64_t r = 0;
    switch (op) {
        case isa::AluOp::Add: r = ua + ub; break;
        case isa::AluOp::Sub: r = ua - ub; break;
        case isa::AluOp::Mul: r = ua * ub; break;
        case isa::AluOp::Or: r = ua | ub; break;
        case isa::AluOp::And: r = ua & ub; break;
        case isa::AluOp::Xor: r = ua ^ ub; break;
        case isa::AluOp::Neg: r = 0 - ua; break;
        case isa::AluOp::Lsh: r = ub < width ? ua << ub : 0; break;
        case isa::AluOp::Rsh: r = ub < width ? ua >> ub : 0; break;
        default: return std::nullopt;
    }
    if (!is64) {
        r &= 0xffffffffULL;
    }
    return static_cast<std::int64_t>(r);
}

bool helper_writes_through(ArgKind kind) {
    switch (kind) {
        case ArgKind::UninitMapValue:
        case ArgKind::WritableMem:
        case ArgKind::WritableMemOrNull:
        case ArgKind::ReadWriteMem:
        case ArgKind::ReadWriteMemOrNull:
        case ArgKind::WritableLong:
        case ArgKind::WritableInt:
        case ArgKind::StackOrNull:
        case ArgKind::UninitDynptr:
        case ArgKind::Dynptr: return true;
        default: return false;
    }
}

}  // namespace

DeltaAnalysis::DeltaAnalysis(const AnalysisContext& context, const FunctionLoops& loops, const Loop& loop,
                             const PartitionedState& head_state)
    : m_context(context), m_loops(loops), m_loop(loop), m_head_state(head_state) {
    if (!head_state.parts().empty()) {
        m_frame = head_state.parts().front().current_frame();
    }
    collect_cells();
    m_head_reach.resize(m_location_count);
    for (Location l = 0; l < m_location_count; ++l) {
        StackReach reach;
        bool first = true;
        for (const domains::MachineState& part : head_state.parts()) {
            if (part.frame_count() != m_frame + 1) {
                reach.may = true;
                reach.bounded = false;
                break;
            }
            std::optional<domains::Value> value;
            if (l < kRegisterLocations) {
                value = part.reg(l);
            } else if (cell_offset(l) % 8 == 0) {
                value = part.stack(m_frame).load(cell_offset(l), 8);
            }
            if (!value) {
                continue;
            }
            if (value->kind() == Kind::Any) {
                reach.may = true;
                reach.bounded = false;
                break;
            }
            if (value->kind() != Kind::Stack || value->region() != m_frame) {
                continue;
            }
            const domains::Scalar& off = value->number();
            const bool finite = off.smin > -kInfinity && off.smax < kInfinity;
            if (!finite) {
                reach.may = true;
                reach.bounded = false;
                break;
            }
            reach.lo = first ? off.smin : std::min(reach.lo, off.smin);
            reach.hi = first ? off.smax : std::max(reach.hi, off.smax);
            reach.may = true;
            reach.bounded = true;
            first = false;
        }
        m_head_reach[l] = reach;
    }
}

void DeltaAnalysis::collect_cells() {
    std::vector<bool> used(kCells, false);
    const auto& insns = m_context.program.insns;
    auto mark = [&](int base, int offset, int width) {
        const int o = kFrameBytes + offset;
        if (base != isa::kFramePointer || o < 0 || o + width > kFrameBytes) {
            return;
        }
        for (int c = o / kCellBytes; c <= (o + width - 1) / kCellBytes; ++c) {
            used[static_cast<std::size_t>(c)] = true;
        }
    };
    for (const cfg::BlockId block : m_loop.blocks) {
        const cfg::BasicBlock& b = m_context.cfg.block(block);
        for (std::uint32_t pc = b.first; pc <= b.last; ++pc) {
            const isa::Instruction& insn = insns[pc];
            if (const auto* load = std::get_if<isa::Load>(&insn)) {
                mark(load->base, load->offset, load->width);
            } else if (const auto* store = std::get_if<isa::Store>(&insn)) {
                mark(store->base, store->offset, store->width);
            } else if (const auto* atomic = std::get_if<isa::Atomic>(&insn)) {
                mark(atomic->base, atomic->offset, atomic->width);
            }
        }
    }
    m_cell_slot.assign(kCells, -1);
    for (int c = 0; c < kCells; ++c) {
        if (used[static_cast<std::size_t>(c)]) {
            m_cell_slot[static_cast<std::size_t>(c)] = static_cast<int>(m_slot_cell.size());
            m_slot_cell.push_back(c);
        }
    }
    m_location_count = kRegisterLocations + m_slot_cell.size();
}

std::optional<Location> DeltaAnalysis::cell_location(int frame_offset) const {
    if (frame_offset < 0 || frame_offset >= kFrameBytes) {
        return std::nullopt;
    }
    const int slot = m_cell_slot[static_cast<std::size_t>(frame_offset / kCellBytes)];
    if (slot < 0) {
        return std::nullopt;
    }
    return static_cast<Location>(kRegisterLocations + slot);
}

int DeltaAnalysis::cell_offset(Location location) const {
    return m_slot_cell[location - kRegisterLocations] * kCellBytes;
}

std::string DeltaAnalysis::name(Location location) const {
    if (location < kRegisterLocations) {
        return fmt::format("R{}", location);
    }
    return fmt::format("the stack slot fp-{}", kFrameBytes - cell_offset(location));
}

std::optional<domains::Scalar> DeltaAnalysis::head_number(Location location, bool low32_view) const {
    std::optional<domains::Scalar> result;
    for (const domains::MachineState& part : m_head_state.parts()) {
        if (part.frame_count() != m_frame + 1) {
            return std::nullopt;
        }
        std::optional<domains::Value> value;
        if (location < kRegisterLocations) {
            value = part.reg(location);
        } else {
            const int o = cell_offset(location);
            if (o % 8 != 0 && !low32_view) {
                return std::nullopt;
            }
            value = part.stack(m_frame).load(o, low32_view ? 4 : 8);
        }
        if (!value || !value->is_scalar()) {
            return std::nullopt;
        }
        if (!result) {
            result = value->number();
        } else {
            result->join_with(value->number());
        }
    }
    return result;
}

DeltaAnalysis::State DeltaAnalysis::identity() const {
    State state(m_location_count);
    for (Location l = 0; l < kRegisterLocations; ++l) {
        state[l] = offset(l, Width::Full, 0, 0);
    }
    for (Location l = kRegisterLocations; l < m_location_count; ++l) {
        const bool eight = cell_offset(l) % 8 == 0;
        state[l] = offset(l, Width::Full, 0, 0, eight ? CellTag::Low8 : CellTag::Whole4);
    }
    return state;
}

DeltaAnalysis::StackReach DeltaAnalysis::reach(const Relation& r) const {
    switch (r.kind) {
        case RelKind::Unknown: return StackReach{true, false, 0, 0};
        case RelKind::Offset: {
            if (r.width != Width::Full || r.tag == CellTag::Whole4 || r.tag == CellTag::High8) {
                return {};
            }
            const StackReach& head = m_head_reach[r.base];
            if (!head.may) {
                return {};
            }
            if (!head.bounded || r.lo <= -kInfinity || r.hi >= kInfinity) {
                return StackReach{true, false, 0, 0};
            }
            return StackReach{true, true, head.lo + r.lo, head.hi + r.hi};
        }
        default: return {};
    }
}

bool DeltaAnalysis::is_nonpointer(const Relation& r) const {
    return r.tag == CellTag::Whole4 || r.tag == CellTag::High8 || !reach(r).may;
}

Relation DeltaAnalysis::join(const Relation& a, const Relation& b, bool widen) const {
    if (a == b || b.kind == RelKind::Bottom) {
        return a;
    }
    if (a.kind == RelKind::Bottom) {
        return b;
    }
    if (a.kind == RelKind::Offset && b.kind == RelKind::Offset && a.base == b.base && a.width == b.width &&
        a.tag == b.tag) {
        Relation r = a;
        if (widen) {
            r.lo = b.lo < a.lo ? -kInfinity : a.lo;
            r.hi = b.hi > a.hi ? kInfinity : a.hi;
        } else {
            r.lo = std::min(a.lo, b.lo);
            r.hi = std::max(a.hi, b.hi);
        }
        return r;
    }
    const CellTag tag = a.tag == b.tag ? a.tag : CellTag::None;
    if (a.kind == RelKind::Unknown || b.kind == RelKind::Unknown) {
        return unknown(tag);
    }
    return is_nonpointer(a) && is_nonpointer(b) ? opaque(tag) : unknown(tag);
}

void DeltaAnalysis::clobber_cell(int cell, RelKind kind, State& state) const {
    const int slot = m_cell_slot[static_cast<std::size_t>(cell)];
    if (slot < 0) {
        return;
    }
    if (cell % 2 == 1) {
        // The upper half of an 8-byte value changes: only its low half still follows it.
        const int partner = m_cell_slot[static_cast<std::size_t>(cell - 1)];
        if (partner >= 0 && state[kRegisterLocations + partner].tag == CellTag::Low8) {
            state[kRegisterLocations + partner].tag = CellTag::Whole4;
        }
    }
    state[kRegisterLocations + slot] = kind == RelKind::Unknown ? unknown() : opaque();
}

void DeltaAnalysis::clobber(const StackReach& where, int from_offset, int width, State& state) const {
    if (!where.may) {
        return;
    }
    std::int64_t lo = 0;
    std::int64_t hi = kFrameBytes - 1;
    if (where.bounded) {
        lo = std::max<std::int64_t>(0, where.lo + from_offset);
        hi = std::min<std::int64_t>(kFrameBytes - 1, where.hi + from_offset + width - 1);
    }
    for (std::int64_t c = lo / kCellBytes; c <= hi / kCellBytes && lo <= hi; ++c) {
        clobber_cell(static_cast<int>(c), RelKind::Unknown, state);
    }
}

void DeltaAnalysis::write_cells(int frame_offset, int width, const Relation& value, State& state) const {
    if (frame_offset < 0 || frame_offset + width > kFrameBytes) {
        return;
    }
    for (int c = frame_offset / kCellBytes; c <= (frame_offset + width - 1) / kCellBytes; ++c) {
        clobber_cell(c, RelKind::Opaque, state);
    }
    const int cell = frame_offset / kCellBytes;
    const int slot = m_cell_slot[static_cast<std::size_t>(cell)];
    if (slot < 0) {
        return;
    }
    if (width == 8 && frame_offset % 8 == 0) {
        Relation stored = untagged(value);
        stored.tag = CellTag::Low8;
        state[kRegisterLocations + slot] = stored;
        const int high = m_cell_slot[static_cast<std::size_t>(cell + 1)];
        if (high >= 0) {
            state[kRegisterLocations + high] = opaque(CellTag::High8);
        }
    } else if (width == 4 && frame_offset % 4 == 0) {
        Relation stored = untagged(value);
        if (stored.kind == RelKind::Unknown) {
            stored = opaque();  // four bytes of a pointer are not a pointer
        }
        stored.tag = CellTag::Whole4;
        state[kRegisterLocations + slot] = stored;
    }
}

void DeltaAnalysis::transfer_store(int base, int off, int width, const Relation& value, State& state) const {
    if (base == isa::kFramePointer) {
        write_cells(kFrameBytes + off, width, value, state);
    } else {
        clobber(reach(state[static_cast<std::size_t>(base)]), off, width, state);
    }
}

void DeltaAnalysis::transfer_load(const isa::Load& load, State& state) const {
    Relation result = opaque();
    if (load.base == isa::kFramePointer) {
        const int o = kFrameBytes + load.offset;
        const auto location = cell_location(o);
        if (o < 0 || o + load.width > kFrameBytes || !location) {
            result = load.width == 8 ? unknown() : opaque();
        } else {
            const Relation& cell = state[*location];
            if (load.width == 8 && o % 8 == 0 && cell.tag == CellTag::Low8) {
                result = untagged(cell);
            } else if (load.width == 4 && o % 4 == 0 &&
                       (cell.tag == CellTag::Low8 || cell.tag == CellTag::Whole4)) {
                result = low32(cell);
            } else if (load.width == 8 && cell.kind == RelKind::Unknown) {
                result = unknown();
            }
        }
    } else if (load.width == 8 && reach(state[load.base]).may) {
        result = unknown();  // perhaps a pointer spilled to the stack
    }
    state[load.dst] = result;
}

void DeltaAnalysis::transfer_alu(const isa::Alu& alu, State& state) const {
    Relation& dst = state[alu.dst];
    const Relation src = alu.src.is_register ? state[alu.src.reg] : constant(alu.src.imm);
    const auto c_src = constant_of(src);
    const auto c_dst = constant_of(dst);
    switch (alu.op) {
        case isa::AluOp::Mov: dst = alu.is64 ? untagged(src) : low32(src); return;
        case isa::AluOp::MovSx:
            if (c_src) {
                const int bits = alu.movsx_bits;
                const std::int64_t v = bits == 8    ? static_cast<std::int8_t>(*c_src)
                                       : bits == 16 ? static_cast<std::int16_t>(*c_src)
                                                    : static_cast<std::int32_t>(*c_src);
                dst = constant(alu.is64 ? v : zext32(v));
            } else if (alu.is64 && alu.movsx_bits == 32) {
                dst = low32(src);
            } else {
                dst = opaque();
            }
            return;
        case isa::AluOp::Add:
        case isa::AluOp::Sub:
            if (c_src) {
                dst = add_constant(dst, alu.op == isa::AluOp::Add ? *c_src : -*c_src, alu.is64);
            } else if (c_dst && alu.op == isa::AluOp::Add && src.kind == RelKind::Offset) {
                dst = add_constant(src, *c_dst, alu.is64);
            } else if (alu.is64 && (reach(dst).may || reach(src).may)) {
                dst = unknown();
            } else {
                dst = opaque();
            }
            return;
        case isa::AluOp::Lsh:
            if (c_src && *c_src == 32 && alu.is64 && dst.kind == RelKind::Offset && dst.width != Width::Shifted32) {
                dst = offset(dst.base, Width::Shifted32, dst.lo, dst.hi);
                return;
            }
            break;
        case isa::AluOp::Rsh:
        case isa::AluOp::Arsh:
            if (c_src && *c_src == 32 && alu.is64 && dst.kind == RelKind::Offset && dst.width == Width::Shifted32) {
                dst = offset(dst.base, Width::Low32, dst.lo, dst.hi);
                return;
            }
            break;
        default: break;
    }
    if (c_dst && (c_src || alu.op == isa::AluOp::Neg)) {
        if (const auto folded = fold(alu.op, alu.is64, *c_dst, c_src.value_or(0))) {
            dst = constant(*folded);
            return;
        }
    }
    dst = opaque();  // the kernel allows no other arithmetic on pointers
}

void DeltaAnalysis::transfer_call(std::uint32_t pc, const isa::Call& call, State& state) const {
    std::optional<HelperPrototype> prototype;
    if (call.kind == isa::CallKind::Helper) {
        prototype = find_helper(call.imm);
    }
    for (int arg = 0; arg < 5; ++arg) {
        const bool writes = !prototype || helper_writes_through(prototype->args[static_cast<std::size_t>(arg)]);
        if (!writes) {
            continue;
        }
        // Memory the callee writes starts at the pointer and runs up the frame.
        const StackReach where = reach(state[static_cast<std::size_t>(arg + 1)]);
        clobber(where, 0, kFrameBytes, state);
    }
    (void)pc;
    // Only a bpf-to-bpf callee or a kfunc can hand back a pointer into this frame.
    state[0] = call.kind == isa::CallKind::Helper ? opaque() : unknown();
    for (int r = 1; r <= 5; ++r) {
        state[static_cast<std::size_t>(r)] = opaque();
    }
}

void DeltaAnalysis::transfer(std::uint32_t pc, State& state) const {
    const isa::Instruction& insn = m_context.program.insns[pc];
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, isa::Alu>) {
                if (i.dst != isa::kFramePointer) {
                    transfer_alu(i, state);
                }
            } else if constexpr (std::is_same_v<T, isa::Endian> || std::is_same_v<T, isa::AddrSpaceCast>) {
                if (i.dst != isa::kFramePointer) {
                    state[i.dst] = opaque();
                }
            } else if constexpr (std::is_same_v<T, isa::Load>) {
                if (i.dst != isa::kFramePointer) {
                    transfer_load(i, state);
                }
            } else if constexpr (std::is_same_v<T, isa::Store>) {
                const Relation value = i.value.is_register ? state[i.value.reg] : constant(i.value.imm);
                transfer_store(i.base, i.offset, i.width, value, state);
            } else if constexpr (std::is_same_v<T, isa::Atomic>) {
                if (i.base == isa::kFramePointer) {
                    const int o = kFrameBytes + i.offset;
                    for (int c = std::max(0, o) / kCellBytes; c <= (o + i.width - 1) / kCellBytes && c < kCells;
                         ++c) {
                        clobber_cell(c, RelKind::Opaque, state);
                    }
                } else {
                    clobber(reach(state[i.base]), i.offset, i.width, state);
                }
                if (i.op == isa::AtomicOp::CmpXchg) {
                    state[0] = opaque();
                } else if ((i.fetch || i.op == isa::AtomicOp::Xchg) && i.src != isa::kFramePointer) {
                    state[i.src] = opaque();
                }
            } else if constexpr (std::is_same_v<T, isa::LoadImm64>) {
                if (i.dst != isa::kFramePointer) {
                    state[i.dst] = i.kind == isa::Imm64Kind::Value ? constant(static_cast<std::int64_t>(i.value()))
                                                                   : opaque();
                }
            } else if constexpr (std::is_same_v<T, isa::LoadPacket>) {
                for (int r = 0; r <= 5; ++r) {
                    state[static_cast<std::size_t>(r)] = opaque();
                }
            } else if constexpr (std::is_same_v<T, isa::Call>) {
                transfer_call(pc, i, state);
            } else if constexpr (std::is_same_v<T, isa::CallX>) {
                clobber(StackReach{true, false, 0, 0}, 0, kFrameBytes, state);
                for (int r = 0; r <= 5; ++r) {
                    state[static_cast<std::size_t>(r)] = unknown();
                }
            }
        },
        insn);
}

bool DeltaAnalysis::run(std::uint64_t& budget) {
    const auto n = static_cast<std::uint32_t>(m_loop.blocks.size());
    const cfg::Wto& wto = m_context.cfg.functions()[m_context.cfg.block(m_loop.head).function].wto;
    const auto& elements = wto.elements();
    // Local indices are WTO positions relative to the head; edges back into
    // the head are cut (what reaches a latch is the cycle's effect).
    std::vector<std::vector<std::uint32_t>> predecessors(n);
    std::vector<std::vector<std::uint32_t>> successors(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        for (const cfg::Edge* edge : m_loops.out_edges(m_loop.blocks[i])) {
            if (edge->to == m_loop.head || !m_loops.contains(m_loop, edge->to)) {
                continue;
            }
            const std::uint32_t to = wto.position(edge->to) - m_loop.begin;
            successors[i].push_back(to);
            predecessors[to].push_back(i);
        }
    }
    std::vector<bool> inner_head(n, false);
    for (std::uint32_t i = 1; i < n; ++i) {
        inner_head[i] = elements[m_loop.begin + i].is_head;
    }
    m_post.assign(n, State());
    m_reached.assign(n, false);
    std::vector<State> head_pre(n);
    std::vector<std::uint32_t> visits(n, 0);
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> queue;
    std::vector<bool> queued(n, false);
    queue.push(0);
    queued[0] = true;
    std::uint64_t steps = 0;
    while (!queue.empty()) {
        const std::uint32_t i = queue.top();
        queue.pop();
        queued[i] = false;
        State in;
        if (i == 0) {
            in = identity();
        } else {
            bool any = false;
            for (const std::uint32_t p : predecessors[i]) {
                if (!m_reached[p]) {
                    continue;
                }
                if (!any) {
                    in = m_post[p];
                    any = true;
                    continue;
                }
                for (Location l = 0; l < m_location_count; ++l) {
                    in[l] = join(in[l], m_post[p][l], false);
                }
            }
            if (!any) {
                continue;
            }
            if (inner_head[i]) {
                State& old = head_pre[i];
                if (!old.empty()) {
                    const bool widen = ++visits[i] > 2;
                    for (Location l = 0; l < m_location_count; ++l) {
                        in[l] = join(old[l], in[l], widen);
                    }
                    if (in == old && m_reached[i]) {
                        continue;
                    }
                }
                old = in;
            }
        }
        const cfg::BasicBlock& block = m_context.cfg.block(m_loop.blocks[i]);
        for (std::uint32_t pc = block.first; pc <= block.last; ++pc) {
            if (budget == 0) {
                return false;
            }
            --budget;
            transfer(pc, in);
        }
        if ((++steps & 0xfff) == 0 && std::chrono::steady_clock::now() > m_context.deadline) {
            return false;
        }
        if (m_reached[i] && in == m_post[i]) {
            continue;
        }
        m_post[i] = std::move(in);
        m_reached[i] = true;
        for (const std::uint32_t s : successors[i]) {
            if (!queued[s]) {
                queued[s] = true;
                queue.push(s);
            }
        }
    }
    return true;
}

Relation DeltaAnalysis::at_end(cfg::BlockId block, Location location) const {
    const std::uint32_t position = m_context.cfg.functions()[m_context.cfg.block(block).function].wto.position(block);
    if (position == cfg::Wto::kNone || position < m_loop.begin || position >= m_loop.end) {
        return Relation{};
    }
    const std::uint32_t i = position - m_loop.begin;
    if (i >= m_reached.size() || !m_reached[i]) {
        return Relation{};
    }
    return m_post[i][location];
}

Relation DeltaAnalysis::around_cycle(Location location) const {
    Relation result;
    for (const cfg::Edge* edge : m_loop.back_edges) {
        result = join(result, at_end(edge->from, location), false);
    }
    return result;
}

}  // namespace bpfcheck::analyzer::termination
