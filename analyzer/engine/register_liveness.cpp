// Register liveness (see register_liveness.hpp). Each instruction's uses and
// definitions follow the kernel's check_reg_arg calls: a helper, kfunc or
// bpf-to-bpf call reads r1-r5 (all five: reading more only keeps more alive)
// and clobbers r0-r5; exit reads r0; legacy packet loads read r6 (the
// context) and clobber r0-r5. Unknown instructions read everything.
#include "analyzer/engine/register_liveness.hpp"

#include "analyzer/engine/backward_dataflow.hpp"

#include <type_traits>
#include <variant>

namespace bpfcheck::analyzer {
namespace {

constexpr RegisterMask bit(unsigned r) {
    return r < 10 ? static_cast<RegisterMask>(1U << r) : 0;
}
constexpr RegisterMask kArgs = 0x3e;         // r1-r5
constexpr RegisterMask kCallerSaved = 0x3f;  // r0-r5

struct UseDef {
    RegisterMask use = 0;
    RegisterMask def = 0;
};

UseDef use_def(const isa::Instruction& insn) {
    return std::visit(
        [](const auto& i) -> UseDef {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, isa::Alu>) {
                const RegisterMask src = i.src.is_register ? bit(i.src.reg) : 0;
                const bool reads_dst = i.op != isa::AluOp::Mov && i.op != isa::AluOp::MovSx;
                return {static_cast<RegisterMask>(src | (reads_dst ? bit(i.dst) : 0)), bit(i.dst)};
            } else if constexpr (std::is_same_v<T, isa::Endian>) {
                return {bit(i.dst), bit(i.dst)};
            } else if constexpr (std::is_same_v<T, isa::AddrSpaceCast>) {
                return {bit(i.src), bit(i.dst)};
            } else if constexpr (std::is_same_v<T, isa::Load>) {
                return {bit(i.base), bit(i.dst)};
            } else if constexpr (std::is_same_v<T, isa::Store>) {
                return {static_cast<RegisterMask>(bit(i.base) | (i.value.is_register ? bit(i.value.reg) : 0)), 0};
            } else if constexpr (std::is_same_v<T, isa::Atomic>) {
                RegisterMask use = bit(i.base) | bit(i.src);
                RegisterMask def = i.fetch || i.op == isa::AtomicOp::Xchg ? bit(i.src) : 0;
                if (i.op == isa::AtomicOp::CmpXchg) {
                    use |= bit(0);
                    def = bit(0);
                }
                return {use, def};
            } else if constexpr (std::is_same_v<T, isa::LoadImm64>) {
                return {0, bit(i.dst)};
            } else if constexpr (std::is_same_v<T, isa::Imm64Tail> || std::is_same_v<T, isa::MayGoto>) {
                return {0, 0};
            } else if constexpr (std::is_same_v<T, isa::LoadPacket>) {
                return {static_cast<RegisterMask>(bit(6) | (i.indirect ? bit(i.src) : 0)), kCallerSaved};
            } else if constexpr (std::is_same_v<T, isa::Jump>) {
                if (i.cond == isa::JumpCond::Always) {
                    return {0, 0};
                }
                return {static_cast<RegisterMask>(bit(i.dst) | (i.src.is_register ? bit(i.src.reg) : 0)), 0};
            } else if constexpr (std::is_same_v<T, isa::Call>) {
                return {kArgs, kCallerSaved};
            } else if constexpr (std::is_same_v<T, isa::CallX>) {
                return {static_cast<RegisterMask>(kArgs | bit(i.reg)), kCallerSaved};
            } else if constexpr (std::is_same_v<T, isa::Exit>) {
                return {bit(0), 0};
            } else {
                return {kAllRegisters, 0};
            }
        },
        insn);
}

}  // namespace

RegisterMask defined_registers(const isa::Instruction& insn) {
    return use_def(insn).def;
}

std::vector<RegisterMask> live_in_registers(const cfg::Cfg& graph, std::span<const isa::Instruction> insns) {
    const std::size_t count = graph.block_count();
    // Per block: registers read before any write (gen) and registers written (kill).
    std::vector<RegisterMask> gen(count, 0);
    std::vector<RegisterMask> kill(count, 0);
    for (std::size_t b = 0; b < count; ++b) {
        const cfg::BasicBlock& block = graph.block(static_cast<cfg::BlockId>(b));
        for (std::uint32_t pc = block.first; pc <= block.last && pc < insns.size(); ++pc) {
            const UseDef ud = use_def(insns[pc]);
            gen[b] |= static_cast<RegisterMask>(ud.use & ~kill[b]);
            kill[b] |= ud.def;
        }
    }
    return solve_backward(graph, gen, kill);
}

}  // namespace bpfcheck::analyzer
