// Stack slot liveness (see stack_liveness.hpp). A forward pass finds, at
// each instruction, the registers that hold this frame's stack pointer and
// at which offset (r10 copied, moved by constants); a backward pass over the
// function's blocks then finds the slots read before written.
#include "analyzer/engine/stack_liveness.hpp"

#include "analyzer/engine/backward_dataflow.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "domains/stack.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <type_traits>
#include <variant>

namespace bpfcheck::analyzer {
namespace {

// What a register holds, as far as the frame's slots go: this frame's stack
// pointer at a known offset from r10 or at one not known, a map (the pc of
// the ld_imm64 that loaded it: a helper's key and value sizes), a known
// number (a helper's size argument), or something else. Unset: no path
// reached the instruction yet.
struct Tracked {
    enum class Kind : std::uint8_t { Unset, Other, Stack, AnyStack, Map, Number };
    Kind kind = Kind::Unset;
    std::int64_t value = 0;  // Stack: the offset; Map: the pc; Number: the number
    bool operator==(const Tracked&) const = default;
};
using Registers = std::array<Tracked, isa::kRegisterCount>;

constexpr Tracked kOther{Tracked::Kind::Other, 0};
constexpr Tracked kAnyStack{Tracked::Kind::AnyStack, 0};

bool points_to_stack(const Tracked& v) {
    return v.kind == Tracked::Kind::Stack || v.kind == Tracked::Kind::AnyStack;
}

Tracked join(const Tracked& a, const Tracked& b) {
    if (a.kind == Tracked::Kind::Unset) {
        return b;
    }
    if (b.kind == Tracked::Kind::Unset || a == b) {
        return a;
    }
    return points_to_stack(a) || points_to_stack(b) ? kAnyStack : kOther;
}

Registers function_entry() {
    Registers regs;
    regs.fill(kOther);
    regs[isa::kFramePointer] = Tracked{Tracked::Kind::Stack, 0};
    return regs;
}

// The slots holding any of the bytes [lo, hi) (offsets from r10); bytes
// outside the frame are in none (the kernel refuses such accesses).
SlotMask slots_of(std::int64_t lo, std::int64_t hi) {
    lo = std::max<std::int64_t>(lo, -domains::kStackSize);
    hi = std::min<std::int64_t>(hi, 0);
    if (lo >= hi) {
        return 0;
    }
    const auto first = static_cast<unsigned>((lo + domains::kStackSize) / 8);
    const auto last = static_cast<unsigned>((hi - 1 + domains::kStackSize) / 8);
    const SlotMask up_to_last = last == 63 ? kAllSlots : (SlotMask{1} << (last + 1)) - 1;
    return up_to_last & ~((SlotMask{1} << first) - 1);
}

// The slots read through `pointer` for `width` bytes at `offset` from it.
SlotMask read_through(const Tracked& pointer, std::int64_t offset, std::int64_t width) {
    if (pointer.kind == Tracked::Kind::AnyStack) {
        return kAllSlots;
    }
    if (pointer.kind != Tracked::Kind::Stack) {
        return 0;
    }
    return slots_of(pointer.value + offset, pointer.value + offset + width);
}

struct UseDef {
    SlotMask use = 0;
    SlotMask def = 0;
    bool escapes = false;  // a stack pointer is stored to memory
};

// The bytes a helper reads through its argument `arg` (0-based), a stack
// pointer at `at`: from the helper's prototype, the map's key or value size
// or the size argument that follows; nullopt when they do not say (every
// slot from `at` to the frame's top is read then).
std::optional<std::int64_t> helper_reads(const HelperPrototype& proto, std::size_t arg, const Registers& regs,
                                         std::span<const std::optional<MapSizes>> maps) {
    const auto map_sizes = [&]() -> std::optional<MapSizes> {
        const Tracked& map = regs[1];
        if (proto.args[0] != ArgKind::ConstMapPtr || map.kind != Tracked::Kind::Map ||
            static_cast<std::size_t>(map.value) >= maps.size()) {
            return std::nullopt;
        }
        return maps[static_cast<std::size_t>(map.value)];
    };
    switch (proto.args[arg]) {
        case ArgKind::MapKey:
            if (const auto sizes = map_sizes(); sizes && sizes->key > 0) {
                return sizes->key;
            }
            return std::nullopt;
        case ArgKind::MapValue:
        case ArgKind::MapValueOrNull:
            if (const auto sizes = map_sizes(); sizes && sizes->value > 0) {
                return sizes->value;
            }
            return std::nullopt;
        case ArgKind::ReadableMem:
        case ArgKind::ReadableMemOrNull:
        case ArgKind::ReadWriteMem:
        case ArgKind::ReadWriteMemOrNull:
            if (arg + 1 < proto.args.size() &&
                (proto.args[arg + 1] == ArgKind::ConstSize || proto.args[arg + 1] == ArgKind::ConstSizeOrZero) &&
                regs[arg + 2].kind == Tracked::Kind::Number && regs[arg + 2].value >= 0) {
                return regs[arg + 2].value;
            }
            return std::nullopt;
        case ArgKind::UninitMapValue:
        case ArgKind::WritableMem:
        case ArgKind::WritableMemOrNull:
        case ArgKind::WritableLong:
        case ArgKind::WritableInt:
        case ArgKind::UninitDynptr:
            return 0;  // only written
        case ArgKind::ReadWriteInt:
            return 4;
        default:
            return std::nullopt;
    }
}

// What `insn` reads and writes of the frame, given the registers before it.
UseDef use_def(const isa::Instruction& insn, const Registers& regs, std::span<const std::optional<MapSizes>> maps) {
    return std::visit(
        [&](const auto& i) -> UseDef {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, isa::Load>) {
                return {read_through(regs[i.base], i.offset, i.width), 0, false};
            } else if constexpr (std::is_same_v<T, isa::Store>) {
                UseDef ud;
                ud.escapes = i.value.is_register && points_to_stack(regs[i.value.reg]);
                const Tracked& base = regs[i.base];
                if (base.kind == Tracked::Kind::Stack && i.width == 8) {
                    const std::int64_t at = base.value + i.offset;
                    if (at >= -domains::kStackSize && at < 0 && at % 8 == 0) {
                        ud.def = slots_of(at, at + 8);
                    }
                }
                return ud;
            } else if constexpr (std::is_same_v<T, isa::Atomic>) {
                return {read_through(regs[i.base], i.offset, i.width), 0, points_to_stack(regs[i.src])};
            } else if constexpr (std::is_same_v<T, isa::Call> || std::is_same_v<T, isa::CallX>) {
                // A helper reads what its prototype says; a kfunc, a
                // subprogram or a callback given a stack pointer may read
                // anything from it to the frame's top.
                std::optional<HelperPrototype> proto;
                if constexpr (std::is_same_v<T, isa::Call>) {
                    if (i.kind == isa::CallKind::Helper) {
                        proto = find_helper(i.imm);
                    }
                }
                SlotMask use = 0;
                for (std::size_t arg = 0; arg < 5; ++arg) {
                    const Tracked& pointer = regs[arg + 1];
                    if (pointer.kind == Tracked::Kind::AnyStack) {
                        use = kAllSlots;
                    } else if (pointer.kind == Tracked::Kind::Stack) {
                        const auto bytes = proto ? helper_reads(*proto, arg, regs, maps) : std::nullopt;
                        use |= bytes ? slots_of(pointer.value, pointer.value + *bytes) : slots_of(pointer.value, 0);
                    }
                }
                return {use, 0, false};
            } else if constexpr (std::is_same_v<T, isa::Alu> || std::is_same_v<T, isa::Endian> ||
                                 std::is_same_v<T, isa::AddrSpaceCast> || std::is_same_v<T, isa::LoadImm64> ||
                                 std::is_same_v<T, isa::Imm64Tail> || std::is_same_v<T, isa::LoadPacket> ||
                                 std::is_same_v<T, isa::Jump> || std::is_same_v<T, isa::MayGoto> ||
                                 std::is_same_v<T, isa::Exit>) {
                return {};
            } else {
                return {kAllSlots, 0, false};
            }
        },
        insn);
}

// The registers after `insn` (at `pc`).
void step(const isa::Instruction& insn, std::uint32_t pc, Registers& regs) {
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, isa::Alu>) {
                Tracked& dst = regs[i.dst];
                const bool source_stack = i.src.is_register && points_to_stack(regs[i.src.reg]);
                if (i.op == isa::AluOp::Mov && i.is64 && i.src.is_register) {
                    dst = regs[i.src.reg];
                } else if (i.op == isa::AluOp::Mov && !i.src.is_register) {
                    const std::int64_t number = i.is64 ? i.src.imm : static_cast<std::uint32_t>(i.src.imm);
                    dst = Tracked{Tracked::Kind::Number, number};
                } else if ((i.op == isa::AluOp::Add || i.op == isa::AluOp::Sub) && i.is64 && !i.src.is_register &&
                           dst.kind == Tracked::Kind::Stack) {
                    dst.value += i.op == isa::AluOp::Add ? i.src.imm : -i.src.imm;
                } else {
                    dst = points_to_stack(dst) || source_stack ? kAnyStack : kOther;
                }
            } else if constexpr (std::is_same_v<T, isa::Endian>) {
                regs[i.dst] = points_to_stack(regs[i.dst]) ? kAnyStack : kOther;
            } else if constexpr (std::is_same_v<T, isa::AddrSpaceCast> || std::is_same_v<T, isa::Load>) {
                regs[i.dst] = kOther;
            } else if constexpr (std::is_same_v<T, isa::LoadImm64>) {
                const bool map = i.kind == isa::Imm64Kind::MapFd || i.kind == isa::Imm64Kind::MapIdx;
                regs[i.dst] = map ? Tracked{Tracked::Kind::Map, pc} : kOther;
            } else if constexpr (std::is_same_v<T, isa::Atomic>) {
                if (i.fetch || i.op == isa::AtomicOp::Xchg) {
                    regs[i.src] = kOther;
                }
                if (i.op == isa::AtomicOp::CmpXchg) {
                    regs[0] = kOther;
                }
            } else if constexpr (std::is_same_v<T, isa::Call> || std::is_same_v<T, isa::CallX> ||
                                 std::is_same_v<T, isa::LoadPacket>) {
                for (std::size_t r = 0; r <= 5; ++r) {
                    regs[r] = kOther;
                }
            }
        },
        insn);
}

}  // namespace

std::vector<SlotMask> live_in_slots(const cfg::Cfg& graph, std::span<const isa::Instruction> insns,
                                    std::span<const std::optional<MapSizes>> maps) {
    const std::size_t count = graph.block_count();
    std::vector<std::vector<cfg::BlockId>> successors(count);
    for (const cfg::Edge& edge : graph.edges()) {
        successors[edge.from].push_back(edge.to);
    }
    // Forward: the registers at each block's entry.
    std::vector<Registers> entry(count);
    std::vector<bool> queued(count, false);
    std::vector<cfg::BlockId> work;
    for (const cfg::FunctionInfo& function : graph.functions()) {
        entry[function.entry] = function_entry();
        work.push_back(function.entry);
        queued[function.entry] = true;
    }
    while (!work.empty()) {
        const cfg::BlockId b = work.back();
        work.pop_back();
        queued[b] = false;
        Registers regs = entry[b];
        const cfg::BasicBlock& block = graph.block(b);
        for (std::uint32_t pc = block.first; pc <= block.last && pc < insns.size(); ++pc) {
            step(insns[pc], pc, regs);
        }
        for (const cfg::BlockId s : successors[b]) {
            Registers joined = entry[s];
            for (std::size_t r = 0; r < joined.size(); ++r) {
                joined[r] = join(joined[r], regs[r]);
            }
            if (!(joined == entry[s])) {
                entry[s] = joined;
                if (!queued[s]) {
                    queued[s] = true;
                    work.push_back(s);
                }
            }
        }
    }
    // Per block: the slots read before written (gen) and those written (kill),
    // instruction by instruction from the block's end.
    std::vector<SlotMask> gen(count, 0);
    std::vector<SlotMask> kill(count, 0);
    std::vector<bool> escaping(graph.functions().size(), false);
    std::vector<UseDef> effects;
    for (std::size_t b = 0; b < count; ++b) {
        const cfg::BasicBlock& block = graph.block(static_cast<cfg::BlockId>(b));
        effects.clear();
        Registers regs = entry[b];
        for (std::uint32_t pc = block.first; pc <= block.last && pc < insns.size(); ++pc) {
            effects.push_back(use_def(insns[pc], regs, maps));
            step(insns[pc], pc, regs);
        }
        for (auto it = effects.rbegin(); it != effects.rend(); ++it) {
            gen[b] = it->use | (gen[b] & ~it->def);
            kill[b] |= it->def;
            if (it->escapes && block.function < escaping.size()) {
                escaping[block.function] = true;
            }
        }
    }
    std::vector<SlotMask> live_in = solve_backward(graph, gen, kill);
    for (std::size_t b = 0; b < count; ++b) {
        const std::uint32_t function = graph.block(static_cast<cfg::BlockId>(b)).function;
        if (function >= escaping.size() || escaping[function]) {
            live_in[b] = kAllSlots;  // a stored stack pointer may be used anywhere
        }
    }
    return live_in;
}

}  // namespace bpfcheck::analyzer
