// The fixpoint pass's memo of single-state transfers (transfer_memo.hpp):
// a state is found only when equal to one remembered at the same slot; what
// it yielded, nothing included, comes back; memory stays within its bounds
// (a slot that never finds anything is given up).
#include "analyzer/engine/transfer_memo.hpp"

#include <catch2/catch.hpp>

using bpfcheck::analyzer::TransferMemo;
using bpfcheck::domains::MachineState;
using bpfcheck::domains::Scalar;
using bpfcheck::domains::share_part;
using bpfcheck::domains::SharedPart;
using bpfcheck::domains::Value;

namespace {

MachineState with_r6(std::uint64_t n) {
    MachineState state = MachineState::entry(Value::scalar(Scalar::constant(0)));
    state.reg(6) = Value::scalar(Scalar::constant(n));
    return state;
}

SharedPart part(std::uint64_t n) {
    return share_part(with_r6(n));
}

}  // namespace

TEST_CASE("a remembered transfer is found for an equal state at its slot only", "[analyzer][memo]") {
    TransferMemo memo(2);
    const SharedPart in = part(1);
    CHECK(memo.find(0, in->shape(), in) == nullptr);
    memo.remember(0, in->shape(), in, {part(2), with_r6(2).shape()});
    const auto* known = memo.find(0, in->shape(), in);
    REQUIRE(known != nullptr);
    REQUIRE(known->state != nullptr);
    CHECK(*known->state == with_r6(2));
    CHECK(known->shape == with_r6(2).shape());
    CHECK(memo.find(1, in->shape(), in) == nullptr);       // another slot
    CHECK(memo.find(0, in->shape(), part(3)) == nullptr);  // another state
    CHECK(memo.find(0, in->shape() + 1, in) == nullptr);   // filed under another shape
}

TEST_CASE("a transfer that yields nothing is remembered as nothing", "[analyzer][memo]") {
    TransferMemo memo(1);
    const SharedPart in = part(7);
    memo.remember(0, in->shape(), in, {});
    const auto* known = memo.find(0, in->shape(), in);
    REQUIRE(known != nullptr);
    CHECK(known->state == nullptr);
}

TEST_CASE("a slot keeps its latest states and is given up when it never finds one", "[analyzer][memo]") {
    TransferMemo memo(1);
    // Misses without a single hit: past the slot's capacity it is given up,
    // even for a state remembered before.
    const SharedPart first = part(0);
    memo.remember(0, first->shape(), first, {first, first->shape()});
    for (std::uint64_t n = 1; n < 200; ++n) {
        const SharedPart in = part(n);
        CHECK(memo.find(0, in->shape(), in) == nullptr);
        memo.remember(0, in->shape(), in, {in, in->shape()});
    }
    CHECK(memo.find(0, first->shape(), first) == nullptr);

    // A slot that finds states keeps working, the oldest ones dropped first.
    TransferMemo used(1);
    for (std::uint64_t n = 0; n < 200; ++n) {
        const SharedPart in = part(n);
        if (used.find(0, in->shape(), in) == nullptr) {
            used.remember(0, in->shape(), in, {in, in->shape()});
        }
        CHECK(used.find(0, in->shape(), in) != nullptr);
    }
    const SharedPart oldest = part(0);
    const SharedPart latest = part(199);
    CHECK(used.find(0, oldest->shape(), oldest) == nullptr);
    CHECK(used.find(0, latest->shape(), latest) != nullptr);
}

TEST_CASE("a stamped output is found by its stamp, and an entry found by equality learns the stamp",
          "[analyzer][memo]") {
    TransferMemo memo(3);
    const SharedPart in = part(1);
    const SharedPart out = part(2);
    const std::uint64_t stamp = memo.remember(0, in->shape(), in, {out, out->shape()});
    REQUIRE(stamp != 0);
    const auto* known = memo.find(0, in->shape(), in);
    REQUIRE(known != nullptr);
    CHECK(known->stamp == stamp);
    CHECK(memo.remember(0, with_r6(5).shape(), part(5), {}) == 0);  // nothing yielded: no stamp

    // The output flows on with its stamp: remembered as the input of slot 1,
    // it is found there by the stamp alone (the caller promises that a
    // stamped state equals the output the stamp was given to).
    const std::uint64_t next = memo.remember(1, out->shape(), out, {part(3), with_r6(3).shape()}, stamp);
    CHECK(next != 0);
    CHECK(next != stamp);
    const auto* by_stamp = memo.find(1, out->shape(), part(99), stamp);
    REQUIRE(by_stamp != nullptr);
    CHECK(*by_stamp->state == with_r6(3));
    CHECK(memo.find(1, out->shape() + 1, out, stamp) == nullptr);  // another shape: not the same entry

    // Remembered without a stamp, found by equality with one: later lookups
    // by that stamp find it too.
    memo.remember(2, out->shape(), out, {part(4), with_r6(4).shape()});
    CHECK(memo.find(2, out->shape(), part(99), stamp) == nullptr);  // neither the stamp nor the state
    REQUIRE(memo.find(2, out->shape(), out, stamp) != nullptr);
    CHECK(memo.find(2, out->shape(), part(99), stamp) != nullptr);
}
