// What a state entering a block forgets (block_facts.hpp's DeadRegisters):
// the registers no path reads again, except outside loops in a state that
// holds a packet pointer in a live register or a spilled slot (the dead
// values keep apart paths whose packet ranges a join would lose).
#include "analyzer/engine/block_facts.hpp"

#include <catch2/catch.hpp>

using bpfcheck::analyzer::DeadRegisters;
using bpfcheck::analyzer::forget_dead_registers;
using bpfcheck::analyzer::holds_dead_registers;
using namespace bpfcheck::domains;  // NOLINT(google-build-using-namespace)

namespace {
MachineState with_dead_flag() {
    MachineState state = MachineState::entry(Value::pointer(Kind::Ctx, 0, Scalar::constant(0)));
    state.reg(6) = Value::constant(1);  // a flag no path reads again
    state.reg(7) = Value::unknown_scalar();
    return state;
}
}  // namespace

TEST_CASE("dead registers are forgotten, live ones kept", "[analyzer][liveness]") {
    const DeadRegisters dead{0x80 | 0x2, false};  // r1 and r7 live
    MachineState state = with_dead_flag();
    CHECK(holds_dead_registers(state, dead));
    forget_dead_registers(state, dead);
    CHECK(state.reg(6) == Value::uninit());
    CHECK(state.reg(7) == Value::unknown_scalar());
    CHECK(state.reg(1).kind() == Kind::Ctx);
    CHECK_FALSE(holds_dead_registers(state, dead));
}

TEST_CASE("outside loops a state holding a packet pointer keeps its dead registers", "[analyzer][liveness]") {
    const DeadRegisters outside_loop{0x80, true};  // r7 live
    MachineState plain = with_dead_flag();
    CHECK(holds_dead_registers(plain, outside_loop));
    forget_dead_registers(plain, outside_loop);
    CHECK(plain.reg(6) == Value::uninit());

    MachineState parsing = with_dead_flag();
    parsing.reg(7) = Value::pointer(Kind::Packet, 0, Scalar::constant(14));
    CHECK_FALSE(holds_dead_registers(parsing, outside_loop));
    forget_dead_registers(parsing, outside_loop);
    CHECK(parsing.reg(6) == Value::constant(1));

    MachineState parsed = with_dead_flag();
    parsed.reg(8) = Value::pointer(Kind::Packet, 0, Scalar::constant(34));  // dead too: parsing is over
    CHECK(holds_dead_registers(parsed, outside_loop));
    forget_dead_registers(parsed, outside_loop);
    CHECK(parsed.reg(6) == Value::uninit());
    CHECK(parsed.reg(8) == Value::uninit());

    const DeadRegisters in_loop{0x80, false};
    forget_dead_registers(parsing, in_loop);
    CHECK(parsing.reg(6) == Value::uninit());
    CHECK(parsing.reg(7).kind() == Kind::Packet);
}
