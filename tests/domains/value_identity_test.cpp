// The identities of a Value are separate fields (issue 16, point 4): `id`
// (value sharing, the kernel's reg->id), `ref` (ref_obj_id), and the facts
// `fault_reported`, `released_from` and the stack object `marker`. These
// tests show each is independent of the others, and what the lattice does
// with them: a fact is below its absence, and a join keeps it only when both
// sides have it; a reported fault is below every other value, so that its
// join is the other side. The laws themselves run in law_test.cpp over
// random values that carry these fields.
#include "domains/stack.hpp"
#include "domains/value.hpp"

#include <catch2/catch.hpp>

using namespace bpfcheck;
using domains::SlotMarker;
using domains::Value;

namespace {

Value number_with_id(std::uint32_t id) {
    Value v = Value::unknown_scalar();
    v.set_id(id);
    return v;
}

Value joined(Value a, const Value& b) {
    a.join_with(b);
    return a;
}

}  // namespace

TEST_CASE("Value keeps its identities small", "[value][identity]") {
    STATIC_REQUIRE(sizeof(Value) <= 128);  // 120 before the facts had fields of their own
}

TEST_CASE("a released pointer's copy shares an id apart from its released reference", "[value][identity]") {
    Value released = number_with_id(7);
    released.set_released_from(4200);
    CHECK(released.id() == 7);
    CHECK(released.released_from() == 4200);
    CHECK(released.ref() == 0);
    CHECK_FALSE(released.fault_reported());

    // Both sides released from the same reference, sharing one id: all kept.
    const Value same = joined(released, released);
    CHECK(same.id() == 7);
    CHECK(same.released_from() == 4200);

    // The other side shares the id but was never released: the id stays, the
    // fact goes, and the join is above both.
    const Value plain = number_with_id(7);
    const Value mixed = joined(released, plain);
    CHECK(mixed.id() == 7);
    CHECK(mixed.released_from() == 0);
    CHECK(released.leq(mixed));
    CHECK(plain.leq(mixed));
    CHECK(released.leq(plain));  // a fact is below its absence
    CHECK_FALSE(plain.leq(released));

    // Released from another reference: unordered, joined to no fact.
    Value other = released;
    other.set_released_from(4300);
    CHECK_FALSE(other.leq(released));
    CHECK(joined(released, other).released_from() == 0);
}

TEST_CASE("a tracing argument handed over as a number keeps its origin, apart from released references",
          "[value][identity]") {
    Value argument = Value::unknown_scalar();
    argument.set_error_argument(1);
    CHECK(argument.error_argument() == 1);
    CHECK(argument.released_from() == 0);  // one origin field, two meanings that never mix
    CHECK(Value::unknown_scalar().error_argument() == -1);

    CHECK(joined(argument, argument).error_argument() == 1);
    Value other = Value::unknown_scalar();
    other.set_error_argument(2);
    CHECK(joined(argument, other).error_argument() == -1);
    CHECK(joined(argument, Value::unknown_scalar()).error_argument() == -1);
    CHECK(argument.leq(Value::unknown_scalar()));  // a fact is below its absence
    CHECK_FALSE(Value::unknown_scalar().leq(argument));

    Value released = Value::unknown_scalar();
    released.set_released_from(4200);
    CHECK(released.error_argument() == -1);
    CHECK(joined(argument, released).released_from() == 0);
}

TEST_CASE("a reported fault is a fact apart from the value's id", "[value][identity]") {
    Value faulty = number_with_id(3);
    faulty.set_fault_reported(true);
    CHECK(faulty.id() == 3);
    CHECK(faulty.released_from() == 0);
    CHECK(faulty.marker() == SlotMarker::None);

    const Value plain = number_with_id(3);
    CHECK(joined(faulty, faulty).fault_reported());
    const Value mixed = joined(faulty, plain);
    CHECK_FALSE(mixed.fault_reported());
    CHECK(mixed.id() == 3);
    CHECK(faulty.leq(plain));
    CHECK_FALSE(plain.leq(faulty));

    // No path goes on past a reported fault (the kernel stops there): the
    // join is the other side, whatever it is, in either order.
    const Value elsewhere = joined(faulty, number_with_id(4));
    CHECK(elsewhere.id() == 4);
    CHECK_FALSE(elsewhere.fault_reported());
    const Value pointer = Value::pointer(domains::Kind::MapValue, 1, domains::Scalar::constant(8));
    CHECK(joined(faulty, pointer) == pointer);
    CHECK(joined(pointer, faulty) == pointer);
    CHECK(faulty.leq(pointer));
    // Uninitialised stays above everything, a fault included.
    CHECK(joined(faulty, Value::uninit()).kind() == domains::Kind::Uninit);
}

TEST_CASE("an iterator slot marker survives a join with itself, not with a plain spill", "[value][identity]") {
    Value first = Value::unknown_scalar();
    first.set_ref(77);
    first.set_marker(SlotMarker::IterFirst, 2);
    CHECK(first.marks_iter(2, true));
    CHECK_FALSE(first.marks_iter(2, false));
    CHECK_FALSE(first.marks_iter(3, true));
    CHECK(first.marks_any_iter());
    CHECK(first.id() == 0);  // a marker is no shared value
    CHECK(first.ref() == 77);

    // On the stack, as the kernel's STACK_ITER slot: joined with itself the
    // marker stays; joined with a plain spill of a number it is gone.
    domains::Stack with_iter = domains::Stack::uninitialised();
    with_iter.store(496, 8, first);
    domains::Stack again = with_iter;
    again.join_with(with_iter);
    REQUIRE(again.spill(62) != nullptr);
    CHECK(again.spill(62)->marks_iter(2, true));
    CHECK(again.spill(62)->ref() == 77);

    domains::Stack with_number = domains::Stack::uninitialised();
    Value spilled = Value::unknown_scalar();
    spilled.set_ref(77);
    with_number.store(496, 8, spilled);
    domains::Stack mixed = with_iter;
    mixed.join_with(with_number);
    CHECK((mixed.spill(62) == nullptr || !mixed.spill(62)->marks_stack_object()));
    CHECK(with_iter.leq(mixed));
    CHECK(with_number.leq(mixed));
    CHECK_FALSE(with_number.leq(with_iter));

    // Another iterator type, or another slot of the same iterator: no marker.
    Value other_type = first;
    other_type.set_marker(SlotMarker::IterFirst, 3);
    CHECK(joined(first, other_type).marker() == SlotMarker::None);
    CHECK_FALSE(other_type.leq(first));
    Value rest = first;
    rest.set_marker(SlotMarker::IterRest, 2);
    CHECK(joined(first, rest).marker() == SlotMarker::None);
}

TEST_CASE("dynptr slot markers are kept per slot and shown", "[value][identity]") {
    Value first = Value::unknown_scalar();
    first.set_marker(SlotMarker::DynptrFirst);
    Value second = first;
    second.set_marker(SlotMarker::DynptrSecond);
    CHECK(joined(first, first).marker() == SlotMarker::DynptrFirst);
    CHECK(joined(first, second).marker() == SlotMarker::None);
    CHECK(first.marks_stack_object());
    CHECK_FALSE(first.marks_any_iter());
    CHECK(first.identity_string().find("dynptr") != std::string::npos);
    Value released = Value::unknown_scalar();
    released.set_released_from(9);
    released.set_fault_reported(true);
    CHECK(released.identity_string().find("released_ref=9") != std::string::npos);
    CHECK(released.identity_string().find("fault_reported") != std::string::npos);
    CHECK(Value::unknown_scalar().identity_string() == "id=0 ref=0");
    CHECK(released.to_string() == Value::unknown_scalar().to_string());  // printed as the kernel prints it
}

TEST_CASE("widening keeps a fact only when both sides have it", "[value][identity]") {
    Value a = Value::constant(1);
    a.set_fault_reported(true);
    Value b = Value::constant(2);
    Value widened = a;
    widened.widen_with(b, {});
    CHECK_FALSE(widened.fault_reported());
    b.set_fault_reported(true);
    widened = a;
    widened.widen_with(b, {});
    CHECK(widened.fault_reported());
}

TEST_CASE("an untrusted kernel pointer stays untrusted only where both sides are", "[value][identity]") {
    Value untrusted = Value::pointer(domains::Kind::BtfId, 0, domains::Scalar::constant(0));
    untrusted.set_untrusted(true);
    const Value trusted = Value::pointer(domains::Kind::BtfId, 0, domains::Scalar::constant(0));
    CHECK(joined(untrusted, untrusted).untrusted());
    const Value mixed = joined(untrusted, trusted);
    CHECK_FALSE(mixed.untrusted());
    CHECK(mixed.kind() == domains::Kind::BtfId);
    CHECK(untrusted.leq(trusted));  // a fact is below its absence
    CHECK_FALSE(trusted.leq(untrusted));
    // A copy moved by arithmetic or refined by a null check keeps the flag.
    Value moved = untrusted;
    moved.number() = domains::Scalar::constant(8);
    CHECK(moved.untrusted());
    CHECK(untrusted.identity_string().find("untrusted") != std::string::npos);
}

TEST_CASE("a plain argument pointer is below another plain pointer", "[value][identity]") {
    Value plain = Value::pointer(domains::Kind::BtfId, 0, domains::Scalar::constant(0));
    plain.set_plain(true);
    Value argument = Value::pointer(domains::Kind::BtfId, 0, domains::Scalar::constant(0));
    argument.set_plain_argument();
    CHECK(argument.plain());
    CHECK_FALSE(plain.plain_argument());
    CHECK(joined(argument, argument).plain_argument());
    CHECK(joined(plain, plain).plain());
    // An argument's plainness is below any plain pointer's: their join is
    // plain, with the stricter walks (never trusted).
    const Value mixed = joined(plain, argument);
    CHECK(mixed.plain());
    CHECK_FALSE(mixed.plain_argument());
    CHECK(argument.leq(plain));
    CHECK_FALSE(plain.leq(argument));
    CHECK(argument.leq(mixed));
    CHECK(plain.leq(mixed));
}

TEST_CASE("kernel pointers joined with numbers are btf_or_number, a lattice element of its own", "[value][identity]") {
    using domains::Kind;
    using domains::Scalar;
    const Value task = Value::pointer(Kind::BtfId, 114, Scalar::constant(0));
    const Value other_type = Value::pointer(Kind::BtfId, 200, Scalar::constant(8));
    const Value maybe_null = Value::pointer(Kind::BtfIdOrNull, 114, Scalar::constant(0), 7);
    const Value number = Value::unknown_scalar();
    const Value null = Value::constant(0);
    const Value stack = Value::pointer(Kind::Stack, 0, Scalar::constant(8));
    const Value mixed = Value::btf_or_number();
    CHECK(joined(task, number).is_btf_or_number());
    CHECK(joined(number, maybe_null).is_btf_or_number());
    CHECK(joined(mixed, other_type).is_btf_or_number());
    CHECK(joined(mixed, null).is_btf_or_number());
    CHECK(joined(mixed, mixed).is_btf_or_number());
    CHECK_FALSE(joined(task, null).is_btf_or_number());  // NULL or the pointer: maybe-null
    CHECK_FALSE(joined(mixed, stack).is_btf_or_number());
    CHECK(joined(mixed, stack).kind() == Kind::Any);
    CHECK_FALSE(Value::any().is_btf_or_number());
    // Every value is below its joins (an upper bound), and btf_or_number
    // lies between its parts and any().
    const std::vector<Value> values{task, other_type, maybe_null, number, null, stack, mixed, Value::any()};
    for (const Value& a : values) {
        for (const Value& b : values) {
            const Value j = joined(a, b);
            CHECK(a.leq(j));
            CHECK(b.leq(j));
            CHECK(joined(b, a).kind() == j.kind());
            CHECK(joined(b, a).is_btf_or_number() == j.is_btf_or_number());
        }
    }
    CHECK(task.leq(mixed));
    CHECK(number.leq(mixed));
    CHECK(mixed.leq(Value::any()));
    CHECK_FALSE(Value::any().leq(mixed));
    CHECK_FALSE(stack.leq(mixed));
    CHECK(mixed.to_string() == "ptr_btf_or_scalar");
}
