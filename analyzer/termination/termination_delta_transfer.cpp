// The induction analysis's transfer functions: what each instruction does to
// the `head(x) + k` relations of registers and tracked stack cells, and the
// stack writes (own stores, helpers, callees) that make cells forget them.
#include "analyzer/termination/termination_delta.hpp"

#include "analyzer/platform/helpers/helper_prototype.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

namespace bpfcheck::analyzer::termination {

namespace {

constexpr int kFrameBytes = 512;

Relation untagged(Relation r) {
    r.tag = CellTag::None;
    return r;
}

// x + c on offsets that saturate at ±kInfinity (kept there once reached).
std::int64_t saturating_add(std::int64_t x, std::int64_t c) {
    if (x <= -kInfinity || x >= kInfinity) {
        return x;
    }
    std::int64_t sum = 0;
    if (__builtin_add_overflow(x, c, &sum)) {
        return c > 0 ? kInfinity : -kInfinity;
    }
    return std::clamp(sum, -kInfinity, kInfinity);
}

std::int64_t zext32(std::int64_t v) {
    return static_cast<std::int64_t>(static_cast<std::uint32_t>(v));
}

// The low 32 bits of a value, as a 32-bit operation leaves them (zero-extended).
Relation low32(const Relation& r) {
    switch (r.kind) {
        case RelKind::Bottom:
            return r;
        case RelKind::Const:
            return Relation::constant(zext32(r.lo));
        case RelKind::Offset:
            if (is_masked(r.width)) {
                return r;  // already within the low 32 bits
            }
            return r.width == Width::Shifted32 ? Relation::constant(0)
                                               : Relation::offset(r.base, Width::Low32, r.lo, r.hi);
        case RelKind::Opaque:
        case RelKind::Unknown:
            return Relation::opaque();
    }
    return Relation::opaque();
}

Relation add_constant(const Relation& r, std::int64_t c, bool is64) {
    if (!is64) {
        Relation low = low32(r);
        if (low.kind == RelKind::Const) {
            return Relation::constant(zext32(low.lo + c));
        }
        if (low.kind == RelKind::Offset && is_masked(low.width)) {
            return Relation::opaque();  // the sum may leave the masked bits
        }
        if (low.kind == RelKind::Offset) {
            low.lo = saturating_add(low.lo, c);
            low.hi = saturating_add(low.hi, c);
        }
        return low;
    }
    switch (r.kind) {
        case RelKind::Const:
            return Relation::constant(
                static_cast<std::int64_t>(static_cast<std::uint64_t>(r.lo) + static_cast<std::uint64_t>(c)));
        case RelKind::Offset:
            if (r.width == Width::Shifted32 || is_masked(r.width)) {
                return Relation::opaque();
            }
            return Relation::offset(r.base, r.width, saturating_add(r.lo, c), saturating_add(r.hi, c));
        default:
            return untagged(r);
    }
}

// `r & mask` for an Offset relation: its low 8, 16 or 32 bits (a u8, u16
// or u32 view of the value); nullopt for any other mask.
std::optional<Relation> masked_copy(const Relation& r, std::int64_t mask, bool is64) {
    if (r.kind != RelKind::Offset || r.width == Width::Shifted32) {
        return std::nullopt;
    }
    const auto bits = static_cast<std::uint64_t>(mask) & (is64 ? ~std::uint64_t{0} : 0xffffffffULL);
    Width width = Width::Full;
    if (bits == 0xff) {
        width = Width::Low8;
    } else if (bits == 0xffff) {
        width = r.width == Width::Low8 ? Width::Low8 : Width::Low16;
    } else if (bits == 0xffffffffULL && (r.width == Width::Full || r.width == Width::Low32)) {
        width = Width::Low32;
    } else if (bits == 0xffffffffULL) {
        return r;  // already within the low 16 bits
    } else {
        return std::nullopt;
    }
    return Relation::offset(r.base, width, r.lo, r.hi);
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
        case isa::AluOp::Add:
            r = ua + ub;
            break;
        case isa::AluOp::Sub:
            r = ua - ub;
            break;
        case isa::AluOp::Mul:
            r = ua * ub;
            break;
        case isa::AluOp::Or:
            r = ua | ub;
            break;
        case isa::AluOp::And:
            r = ua & ub;
            break;
        case isa::AluOp::Xor:
            r = ua ^ ub;
            break;
        case isa::AluOp::Neg:
            r = 0 - ua;
            break;
        case isa::AluOp::Lsh:
            r = ub < width ? ua << ub : 0;
            break;
        case isa::AluOp::Rsh:
            r = ub < width ? ua >> ub : 0;
            break;
        default:
            return std::nullopt;
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
        case ArgKind::ReadWriteInt:
        case ArgKind::StackOrNull:
        case ArgKind::UninitDynptr:
        case ArgKind::Dynptr:
            return true;
        default:
            return false;
    }
}

}  // namespace

void DeltaAnalysis::clobber_cell(int cell, RelKind kind, State& state) const {
    if (cell % 2 == 1) {
        // The upper half of an 8-byte value changes (tracked or not): only
        // its low half still follows the value stored there.
        const int partner = m_cell_slot[static_cast<std::size_t>(cell - 1)];
        if (partner >= 0 && state[kRegisterLocations + partner].tag == CellTag::Low8) {
            state[kRegisterLocations + partner].tag = CellTag::Whole4;
        }
    }
    const int slot = m_cell_slot[static_cast<std::size_t>(cell)];
    if (slot >= 0) {
        state[kRegisterLocations + slot] = kind == RelKind::Unknown ? Relation::unknown() : Relation::opaque();
    }
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
        const int high = m_cell_slot[static_cast<std::size_t>(cell) + 1];
        if (high >= 0) {
            state[kRegisterLocations + high] = Relation::opaque(CellTag::High8);
        }
    } else if (width == 4 && frame_offset % 4 == 0) {
        Relation stored = untagged(value);
        if (stored.kind == RelKind::Unknown) {
            stored = Relation::opaque();  // four bytes of a pointer are not a pointer
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
    Relation result = Relation::opaque();
    if (load.base == isa::kFramePointer) {
        const int o = kFrameBytes + load.offset;
        const auto location = cell_location(o);
        if (o < 0 || o + load.width > kFrameBytes || !location) {
            result = load.width == 8 ? Relation::unknown() : Relation::opaque();
        } else {
            const Relation& cell = state[*location];
            if (load.width == 8 && o % 8 == 0 && cell.tag == CellTag::Low8) {
                result = untagged(cell);
            } else if (load.width == 4 && o % 4 == 0 && (cell.tag == CellTag::Low8 || cell.tag == CellTag::Whole4)) {
                result = low32(cell);
            } else if (load.width == 8 && cell.kind == RelKind::Unknown) {
                result = Relation::unknown();
            }
        }
    } else if (load.width == 8 && reach(state[load.base]).may) {
        result = Relation::unknown();  // perhaps a pointer spilled to the stack
    }
    state[load.dst] = result;
}

// The operand ranges, computed at the first addition that needs them.
const OperandRanges& DeltaAnalysis::operand_ranges() const {
    if (!m_operand_ranges) {
        m_operand_ranges = m_compute_ranges ? m_compute_ranges() : OperandRanges{};
    }
    return *m_operand_ranges;
}

// x + r for an operand x that follows a head value and a number r in
// [lo, hi] (the operand ranges of this instruction): head(base) + k + r, the
// interval of k widened by r's. A 32-bit operation keeps the low 32 bits,
// where r's s32 range adds the same modulo 2^32.
std::optional<Relation> DeltaAnalysis::add_range(std::uint32_t pc, const isa::Alu& alu, const Relation& dst,
                                                 const Relation& src) const {
    // Only an operand that follows a head value moves by the other's range.
    if (dst.kind != RelKind::Offset && (alu.op != isa::AluOp::Add || src.kind != RelKind::Offset)) {
        return std::nullopt;
    }
    const OperandRanges& ranges = operand_ranges();
    const auto found = ranges.find(pc);
    if (found == ranges.end()) {
        return std::nullopt;
    }
    const auto bound = [](std::int64_t v) { return std::clamp(v, -kInfinity, kInfinity); };
    auto shifted = [&](const Relation& r, OperandRange range, bool negate) -> std::optional<Relation> {
        Relation base = alu.is64 ? untagged(r) : low32(r);
        if (base.kind != RelKind::Offset || base.width == Width::Shifted32 || is_masked(base.width)) {
            return std::nullopt;
        }
        std::int64_t lo = bound(range.lo);
        std::int64_t hi = bound(range.hi);
        if (negate) {
            std::tie(lo, hi) = std::pair{-hi, -lo};
        }
        base.lo = lo <= -kInfinity ? -kInfinity : saturating_add(base.lo, lo);
        base.hi = hi >= kInfinity ? kInfinity : saturating_add(base.hi, hi);
        return base;
    };
    if (dst.kind == RelKind::Offset && found->second.src) {
        return shifted(dst, *found->second.src, alu.op == isa::AluOp::Sub);
    }
    if (alu.op == isa::AluOp::Add && src.kind == RelKind::Offset && found->second.dst) {
        return shifted(src, *found->second.dst, false);
    }
    return std::nullopt;
}

void DeltaAnalysis::transfer_alu(std::uint32_t pc, const isa::Alu& alu, State& state) const {
    Relation& dst = state[alu.dst];
    const Relation src = alu.src.is_register ? state[alu.src.reg] : Relation::constant(alu.src.imm);
    const auto c_src = constant_of(src);
    const auto c_dst = constant_of(dst);
    switch (alu.op) {
        case isa::AluOp::Mov:
            dst = alu.is64 ? untagged(src) : low32(src);
            return;
        case isa::AluOp::MovSx:
            if (c_src) {
                const int bits = alu.movsx_bits;
                const std::int64_t v = bits == 8    ? static_cast<std::int8_t>(*c_src)
                                       : bits == 16 ? static_cast<std::int16_t>(*c_src)
                                                    : static_cast<std::int32_t>(*c_src);
                dst = Relation::constant(alu.is64 ? v : zext32(v));
            } else if (alu.is64 && alu.movsx_bits == 32) {
                dst = low32(src);
            } else {
                dst = Relation::opaque();
            }
            return;
        case isa::AluOp::Add:
        case isa::AluOp::Sub:
            if (c_src) {
                // Subtracting c adds 2^64 - c: the same modulo 2^64, and no overflow for INT64_MIN.
                const auto minus = static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(*c_src));
                dst = add_constant(dst, alu.op == isa::AluOp::Add ? *c_src : minus, alu.is64);
            } else if (c_dst && alu.op == isa::AluOp::Add && src.kind == RelKind::Offset) {
                dst = add_constant(src, *c_dst, alu.is64);
            } else if (const auto moved = add_range(pc, alu, dst, src)) {
                dst = *moved;
            } else if (alu.is64 && (reach(dst).may || reach(src).may)) {
                dst = Relation::unknown();
            } else {
                dst = Relation::opaque();
            }
            return;
        case isa::AluOp::And:
            if (c_src && dst.kind == RelKind::Offset) {
                if (const auto masked = masked_copy(alu.is64 ? dst : low32(dst), *c_src, alu.is64)) {
                    dst = *masked;
                    return;
                }
            }
            break;
        case isa::AluOp::Lsh:
            if (c_src && *c_src == 32 && alu.is64 && dst.kind == RelKind::Offset &&
                (dst.width == Width::Full || dst.width == Width::Low32)) {
                dst = Relation::offset(dst.base, Width::Shifted32, dst.lo, dst.hi);
                return;
            }
            break;
        case isa::AluOp::Rsh:
        case isa::AluOp::Arsh:
            if (c_src && *c_src == 32 && alu.is64 && dst.kind == RelKind::Offset && dst.width == Width::Shifted32) {
                dst = Relation::offset(dst.base, Width::Low32, dst.lo, dst.hi);
                return;
            }
            break;
        default:
            break;
    }
    if (c_dst && (c_src || alu.op == isa::AluOp::Neg)) {
        if (const auto folded = fold(alu.op, alu.is64, *c_dst, c_src.value_or(0))) {
            dst = Relation::constant(*folded);
            return;
        }
    }
    dst = Relation::opaque();  // the kernel allows no other arithmetic on pointers
}

void DeltaAnalysis::transfer_call(const isa::Call& call, State& state) const {
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
        const StackReach where = reach(state[static_cast<std::size_t>(arg) + 1]);
        clobber(where, 0, kFrameBytes, state);
    }
    // Only a bpf-to-bpf callee or a kfunc can hand back a pointer into this frame.
    state[0] = call.kind == isa::CallKind::Helper ? Relation::opaque() : Relation::unknown();
    for (int r = 1; r <= 5; ++r) {
        state[static_cast<std::size_t>(r)] = Relation::opaque();
    }
}

void DeltaAnalysis::transfer(std::uint32_t pc, State& state) const {
    const isa::Instruction& insn = m_context.program.insns[pc];
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, isa::Alu>) {
                if (i.dst != isa::kFramePointer) {
                    transfer_alu(pc, i, state);
                }
            } else if constexpr (std::is_same_v<T, isa::Endian> || std::is_same_v<T, isa::AddrSpaceCast>) {
                if (i.dst != isa::kFramePointer) {
                    state[i.dst] = Relation::opaque();
                }
            } else if constexpr (std::is_same_v<T, isa::Load>) {
                if (i.dst != isa::kFramePointer) {
                    transfer_load(i, state);
                }
            } else if constexpr (std::is_same_v<T, isa::Store>) {
                const Relation value = i.value.is_register ? state[i.value.reg] : Relation::constant(i.value.imm);
                transfer_store(i.base, i.offset, i.width, value, state);
            } else if constexpr (std::is_same_v<T, isa::Atomic>) {
                if (i.base == isa::kFramePointer) {
                    const int o = kFrameBytes + i.offset;
                    for (int c = std::max(0, o) / kCellBytes; c <= (o + i.width - 1) / kCellBytes && c < kCells; ++c) {
                        clobber_cell(c, RelKind::Opaque, state);
                    }
                } else {
                    clobber(reach(state[i.base]), i.offset, i.width, state);
                }
                if (i.op == isa::AtomicOp::CmpXchg) {
                    state[0] = Relation::opaque();
                } else if ((i.fetch || i.op == isa::AtomicOp::Xchg) && i.src != isa::kFramePointer) {
                    state[i.src] = Relation::opaque();
                }
            } else if constexpr (std::is_same_v<T, isa::LoadImm64>) {
                if (i.dst != isa::kFramePointer) {
                    state[i.dst] = i.kind == isa::Imm64Kind::Value
                                       ? Relation::constant(static_cast<std::int64_t>(i.value()))
                                       : Relation::opaque();
                }
            } else if constexpr (std::is_same_v<T, isa::LoadPacket>) {
                for (int r = 0; r <= 5; ++r) {
                    state[static_cast<std::size_t>(r)] = Relation::opaque();
                }
            } else if constexpr (std::is_same_v<T, isa::Call>) {
                transfer_call(i, state);
            } else if constexpr (std::is_same_v<T, isa::CallX>) {
                clobber(StackReach{true, false, 0, 0}, 0, kFrameBytes, state);
                for (int r = 0; r <= 5; ++r) {
                    state[static_cast<std::size_t>(r)] = Relation::unknown();
                }
            }
        },
        insn);
}

}  // namespace bpfcheck::analyzer::termination
