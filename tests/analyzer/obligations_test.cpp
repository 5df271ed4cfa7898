// The obligations each instruction kind yields (analyzer/obligations/):
// their kinds and order, which the checker decides in turn (operands first,
// then the instruction's own rules, as do_check does), and the rules that
// depend on the loader's privilege.
#include "analyzer/obligations/obligations_of.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace bpfcheck;
using namespace bpfcheck::analyzer;

namespace {

std::string name_of(const Obligation& obligation) {
    return std::visit(Overloaded{
                          [](const Initialised& o) { return "Initialised(r" + std::to_string(o.reg) + ")"; },
                          [](const ReadOnlyFramePointer&) { return std::string("ReadOnlyFramePointer"); },
                          [](const NoIndirectCall&) { return std::string("NoIndirectCall"); },
                          [](const ValidByteSwap&) { return std::string("ValidByteSwap"); },
                          [](const ValidAlu&) { return std::string("ValidAlu"); },
                          [](const ValidComparison&) { return std::string("ValidComparison"); },
                          [](const ValidExit&) { return std::string("ValidExit"); },
                          [](const ValidAccess& o) {
                              return std::string(o.is_write ? "ValidAccess(write r" : "ValidAccess(read r") +
                                     std::to_string(o.base) + ")";
                          },
                          [](const ValidLoad&) { return std::string("ValidLoad"); },
                          [](const ValidStore&) { return std::string("ValidStore"); },
                          [](const ValidAtomic&) { return std::string("ValidAtomic"); },
                          [](const ValidPacketLoad&) { return std::string("ValidPacketLoad"); },
                          [](const ValidHelperCall&) { return std::string("ValidHelperCall"); },
                          [](const ValidKfuncCall&) { return std::string("ValidKfuncCall"); },
                          [](const ValidLocalCall&) { return std::string("ValidLocalCall"); },
                      },
                      obligation);
}

std::vector<std::string> names(const isa::Instruction& insn, bool unprivileged = false) {
    AnalysisOptions options;
    options.unprivileged = unprivileged;
    std::vector<std::string> out;
    for (const Obligation& obligation : obligations_of(insn, options)) {
        out.push_back(name_of(obligation));
    }
    return out;
}

}  // namespace

TEST_CASE("a store checks its value, then what it stores, then its base and the access", "[obligations]") {
    isa::Store store;
    store.base = 10;
    store.offset = -8;
    store.value = isa::Operand{true, 3, 0};
    CHECK(names(store) ==
          std::vector<std::string>{"Initialised(r3)", "ValidStore", "Initialised(r10)", "ValidAccess(write r10)"});
}

TEST_CASE("a load checks its base, the access, then what it loads", "[obligations]") {
    isa::Load load;
    load.dst = 2;
    load.base = 1;
    load.sign_extend = true;
    CHECK(names(load) == std::vector<std::string>{"Initialised(r1)", "ValidAccess(read r1)", "ValidLoad"});
}

TEST_CASE("an atomic reads the old value, then writes (check_atomic_rmw)", "[obligations]") {
    isa::Atomic atomic;
    atomic.op = isa::AtomicOp::CmpXchg;
    atomic.base = 1;
    atomic.src = 2;
    CHECK(names(atomic) == std::vector<std::string>{"Initialised(r2)", "Initialised(r0)", "ValidAtomic",
                                                    "Initialised(r1)", "ValidAccess(read r1)",
                                                    "ValidAccess(write r1)"});
}

TEST_CASE("an instruction that writes r10 has one obligation, and nothing else is checked", "[obligations]") {
    isa::Alu alu;
    alu.op = isa::AluOp::Add;
    alu.dst = 10;
    alu.src = isa::Operand{true, 1, 0};
    CHECK(names(alu) == std::vector<std::string>{"ReadOnlyFramePointer"});
    isa::Load load;
    load.dst = 10;
    load.base = 1;
    CHECK(names(load) == std::vector<std::string>{"ReadOnlyFramePointer"});
}

TEST_CASE("a move reads only its source; other ALU instructions both operands", "[obligations]") {
    isa::Alu mov;
    mov.op = isa::AluOp::Mov;
    mov.dst = 1;
    mov.src = isa::Operand{true, 2, 0};
    CHECK(names(mov) == std::vector<std::string>{"Initialised(r2)", "ValidAlu"});
    isa::Alu add = mov;
    add.op = isa::AluOp::Add;
    CHECK(names(add) == std::vector<std::string>{"Initialised(r2)", "Initialised(r1)", "ValidAlu"});
}

TEST_CASE("pointer comparisons are an obligation only without CAP_PERFMON", "[obligations]") {
    isa::Jump jump;
    jump.cond = isa::JumpCond::Eq;
    jump.dst = 1;
    jump.src = isa::Operand{true, 2, 0};
    CHECK(names(jump) == std::vector<std::string>{"Initialised(r1)", "Initialised(r2)"});
    CHECK(names(jump, true) == std::vector<std::string>{"Initialised(r1)", "Initialised(r2)", "ValidComparison"});
    isa::Jump always;
    CHECK(names(always, true).empty());
}

TEST_CASE("exits, indirect calls and calls have their obligations", "[obligations]") {
    CHECK(names(isa::Exit{}) == std::vector<std::string>{"ValidExit"});
    CHECK(names(isa::CallX{}) == std::vector<std::string>{"NoIndirectCall"});
    isa::Call helper;
    helper.kind = isa::CallKind::Helper;
    helper.imm = 1;
    CHECK(names(helper) == std::vector<std::string>{"ValidHelperCall"});
    isa::Call kfunc;
    kfunc.kind = isa::CallKind::Kfunc;
    CHECK(names(kfunc) == std::vector<std::string>{"ValidKfuncCall"});
    isa::Call local;
    local.kind = isa::CallKind::Local;
    CHECK(names(local) == std::vector<std::string>{"ValidLocalCall"});
    CHECK(names(isa::LoadImm64{}).empty());
    CHECK(names(isa::MayGoto{}).empty());
}
