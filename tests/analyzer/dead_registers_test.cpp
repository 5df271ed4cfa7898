// What a state entering a block forgets (block_facts.hpp's DeadRegisters):
// the registers and stack slots no path reads again, but a dynptr's or an
// iterator's slots; a state holding a packet pointer too (its paths stay
// apart by the pointer itself: LoopCounters).
#include "analyzer/engine/block_facts.hpp"

#include <catch2/catch.hpp>

using bpfcheck::analyzer::DeadRegisters;
using bpfcheck::analyzer::forget_dead_registers;
using bpfcheck::analyzer::holds_dead_registers;
using bpfcheck::analyzer::kAllRegisters;
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
    const DeadRegisters dead{0x80 | 0x2};  // r1 and r7 live
    MachineState state = with_dead_flag();
    CHECK(holds_dead_registers(state, dead));
    forget_dead_registers(state, dead);
    CHECK(state.reg(6) == Value::uninit());
    CHECK(state.reg(7) == Value::unknown_scalar());
    CHECK(state.reg(1).kind() == Kind::Ctx);
    CHECK_FALSE(holds_dead_registers(state, dead));
}

TEST_CASE("a state holding a packet pointer forgets its dead registers too", "[analyzer][liveness]") {
    const DeadRegisters dead{0x80};  // r7 live
    MachineState parsing = with_dead_flag();
    parsing.reg(7) = Value::pointer(Kind::Packet, 0, Scalar::constant(14));
    parsing.reg(8) = Value::pointer(Kind::Packet, 0, Scalar::constant(34));  // dead: parsing is over
    CHECK(holds_dead_registers(parsing, dead));
    forget_dead_registers(parsing, dead);
    CHECK(parsing.reg(6) == Value::uninit());
    CHECK(parsing.reg(8) == Value::uninit());
    CHECK(parsing.reg(7).kind() == Kind::Packet);
    CHECK_FALSE(holds_dead_registers(parsing, dead));
}

TEST_CASE("dead stack slots are forgotten, live ones and a dynptr's kept", "[analyzer][liveness]") {
    MachineState state = with_dead_flag();
    Stack& stack = state.stack(state.current_frame());
    stack.store(512 - 8, 8, Value::constant(3));   // r10 - 8: a key the program is done with
    stack.store(512 - 16, 8, Value::constant(4));  // r10 - 16: read again
    Value dynptr = Value::unknown_scalar();
    dynptr.set_marker(SlotMarker::DynptrFirst);
    stack.store(512 - 32, 8, dynptr);  // r10 - 32: a dynptr, dead or not
    constexpr std::uint64_t kLiveAtMinus16 = std::uint64_t{1} << 62;
    const DeadRegisters dead{kAllRegisters, kLiveAtMinus16};
    CHECK(holds_dead_registers(state, dead));
    forget_dead_registers(state, dead);
    const Stack& after = state.stack(state.current_frame());
    CHECK_FALSE(after.initialised(512 - 8, 1));
    CHECK(after.spill(62) != nullptr);
    CHECK(after.spill(60) != nullptr);
    CHECK_FALSE(holds_dead_registers(state, dead));
}
