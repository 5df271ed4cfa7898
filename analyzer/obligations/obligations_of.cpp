// Extraction of each instruction kind's obligations; one branch per kind of
// isa::Instruction, with no fallback (a new kind does not compile until it
// says what it must satisfy).
#include "analyzer/obligations/obligations_of.hpp"

namespace bpfcheck::analyzer {

namespace {
// The longest list an instruction yields (an atomic: three registers
// initialised, the operation, a read and a write): one allocation per list.
constexpr std::size_t kMostObligations = 6;
}  // namespace

bool writes_frame_pointer(const isa::Instruction& insn) {
    return std::visit(
        [](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, isa::Alu> || std::is_same_v<T, isa::Endian> ||
                          std::is_same_v<T, isa::Load> || std::is_same_v<T, isa::LoadImm64> ||
                          std::is_same_v<T, isa::AddrSpaceCast>) {
                return i.dst == isa::kFramePointer;
            } else if constexpr (std::is_same_v<T, isa::Atomic>) {
                return (i.fetch || i.op == isa::AtomicOp::Xchg) && i.src == isa::kFramePointer;
            } else {
                return false;
            }
        },
        insn);
}

std::vector<Obligation> obligations_of(const isa::Instruction& insn, const AnalysisOptions& options) {
    if (writes_frame_pointer(insn)) {
        return {ReadOnlyFramePointer{}};
    }
    std::vector<Obligation> out;
    out.reserve(kMostObligations);
    std::visit(Overloaded{
                   [&](const isa::Alu& alu) {
                       const bool is_move = alu.op == isa::AluOp::Mov || alu.op == isa::AluOp::MovSx;
                       if (alu.src.is_register) {
                           out.emplace_back(Initialised{alu.src.reg});
                       }
                       if (!is_move) {
                           out.emplace_back(Initialised{alu.dst});
                       }
                       out.emplace_back(ValidAlu{alu});
                   },
                   [&](const isa::Load& load) {
                       out.emplace_back(Initialised{load.base});
                       out.emplace_back(ValidAccess{load.base, load.offset, load.width, false});
                       out.emplace_back(ValidLoad{load});
                   },
                   [&](const isa::Store& store) {
                       if (store.value.is_register) {
                           out.emplace_back(Initialised{store.value.reg});
                       }
                       out.emplace_back(ValidStore{store});
                       out.emplace_back(Initialised{store.base});
                       out.emplace_back(ValidAccess{store.base, store.offset, store.width, true});
                   },
                   [&](const isa::Atomic& atomic) {
                       out.emplace_back(Initialised{atomic.src});
                       if (atomic.op == isa::AtomicOp::CmpXchg) {
                           out.emplace_back(Initialised{0});
                       }
                       out.emplace_back(ValidAtomic{atomic});
                       // check_atomic_rmw: the old value is read, then the new one written.
                       out.emplace_back(Initialised{atomic.base});
                       out.emplace_back(ValidAccess{atomic.base, atomic.offset, atomic.width, false});
                       out.emplace_back(ValidAccess{atomic.base, atomic.offset, atomic.width, true});
                   },
                   [&](const isa::Endian& endian) {
                       out.emplace_back(Initialised{endian.dst});
                       out.emplace_back(ValidByteSwap{endian.dst});
                   },
                   [&](const isa::AddrSpaceCast& cast) { out.emplace_back(Initialised{cast.src}); },
                   [&](const isa::LoadImm64&) {},
                   [&](const isa::Imm64Tail&) {},
                   [&](const isa::LoadPacket& load) {
                       out.emplace_back(ValidPacketLoad{load});
                       if (load.indirect) {
                           out.emplace_back(Initialised{load.src});
                       }
                   },
                   [&](const isa::Jump& jump) {
                       if (jump.cond == isa::JumpCond::Always) {
                           return;
                       }
                       out.emplace_back(Initialised{jump.dst});
                       if (jump.src.is_register) {
                           out.emplace_back(Initialised{jump.src.reg});
                       }
                       if (options.unprivileged) {
                           out.emplace_back(ValidComparison{jump});
                       }
                   },
                   [&](const isa::MayGoto&) {},
                   [&](const isa::Call& call) {
                       switch (call.kind) {
                           case isa::CallKind::Helper:
                               out.emplace_back(ValidHelperCall{call.imm});
                               break;
                           case isa::CallKind::Kfunc:
                               out.emplace_back(ValidKfuncCall{});
                               break;
                           case isa::CallKind::Local:
                               out.emplace_back(ValidLocalCall{});
                               break;
                       }
                   },
                   [&](const isa::CallX&) { out.emplace_back(NoIndirectCall{}); },
                   [&](const isa::Exit&) { out.emplace_back(ValidExit{}); },
               },
               insn);
    return out;
}

}  // namespace bpfcheck::analyzer
