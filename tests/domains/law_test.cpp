// Domain laws, one suite for every lattice (as SPARTA's abstract-domain
// tests): leq is a preorder with bottom and top, join is an upper bound that
// keeps every member of both sides (γ(a) ∪ γ(b) ⊆ γ(a ⊔ b)), meet keeps the
// common members, widening is an upper bound that stabilises increasing
// chains, narrowing stays between the narrowed value and its refinement.
// Each domain supplies random elements and random concrete members through
// `Lattice<D>` (law_lattices.hpp); the laws below are written once.
#include "law_lattices.hpp"

#include <catch2/catch.hpp>

using namespace bpfcheck;
using bpfcheck::test::Lattice;

TEMPLATE_TEST_CASE("leq is reflexive and bounded by bottom and top", "[laws]", domains::Tnum, domains::Scalar,
                   domains::Value, domains::Stack, domains::Zone) {
    using L = Lattice<TestType>;
    test::Rng rng(11);
    for (int i = 0; i < L::kSamples; ++i) {
        const TestType a = L::random(rng);
        REQUIRE(L::leq(a, a));
        REQUIRE(L::leq(a, L::top()));
        if (const auto bottom = L::bottom()) {
            REQUIRE(L::leq(*bottom, a));
        }
    }
}

TEMPLATE_TEST_CASE("join is an idempotent, commutative upper bound keeping both sides' members", "[laws]",
                   domains::Tnum, domains::Scalar, domains::Value, domains::Stack, domains::Zone) {
    using L = Lattice<TestType>;
    test::Rng rng(12);
    for (int i = 0; i < L::kSamples; ++i) {
        const TestType a = L::random(rng);
        const TestType b = L::random(rng);
        const TestType ab = L::join(a, b);
        const TestType ba = L::join(b, a);
        INFO("a=" << L::show(a) << " b=" << L::show(b) << " a|b=" << L::show(ab));
        REQUIRE(L::leq(a, ab));
        REQUIRE(L::leq(b, ab));
        REQUIRE(L::leq(ab, ba));
        REQUIRE(L::leq(ba, ab));
        REQUIRE(L::leq(L::join(a, a), a));
        for (int k = 0; k < 4; ++k) {
            if (const auto x = L::member(a, rng)) {
                REQUIRE(L::contains(a, *x));
                REQUIRE(L::contains(ab, *x));
            }
            if (const auto y = L::member(b, rng)) {
                REQUIRE(L::contains(ab, *y));
            }
        }
        // leq agrees with γ: a ⊑ b means every member of a is one of b.
        if (L::leq(a, b)) {
            for (int k = 0; k < 4; ++k) {
                if (const auto x = L::member(a, rng)) {
                    REQUIRE(L::contains(b, *x));
                }
            }
        }
    }
}

TEMPLATE_TEST_CASE("meet is a lower bound keeping the common members", "[laws]", domains::Tnum, domains::Scalar,
                   domains::Zone) {
    using L = Lattice<TestType>;
    test::Rng rng(13);
    for (int i = 0; i < L::kSamples; ++i) {
        const TestType a = L::random(rng);
        const TestType b = L::random(rng);
        const auto m = L::meet(a, b);
        for (int k = 0; k < 8; ++k) {
            const auto x = L::member(a, rng);
            if (x && L::contains(b, *x)) {
                INFO("a=" << L::show(a) << " b=" << L::show(b));
                REQUIRE(m.has_value());
                REQUIRE(L::contains(*m, *x));
            }
        }
        if (m) {
            REQUIRE(L::leq(*m, a));
            REQUIRE(L::leq(*m, b));
        }
    }
}

TEMPLATE_TEST_CASE("widening is an upper bound and narrowing stays below it", "[laws]", domains::Tnum, domains::Scalar,
                   domains::Value, domains::Stack, domains::Zone) {
    using L = Lattice<TestType>;
    test::Rng rng(14);
    for (int i = 0; i < L::kSamples; ++i) {
        const TestType a = L::random(rng);
        const TestType b = L::random(rng);
        const TestType ab = L::join(a, b);
        const TestType w = L::widen(a, ab);
        INFO("a=" << L::show(a) << " b=" << L::show(b) << " widened=" << L::show(w));
        REQUIRE(L::leq(a, w));
        REQUIRE(L::leq(ab, w));
        const TestType n = L::narrow(w, ab);
        REQUIRE(L::leq(ab, n));
        REQUIRE(L::leq(n, w));
    }
}

TEMPLATE_TEST_CASE("widening stabilises every increasing chain", "[laws]", domains::Tnum, domains::Scalar,
                   domains::Value, domains::Stack, domains::Zone) {
    using L = Lattice<TestType>;
    test::Rng rng(15);
    for (int chain = 0; chain < 200; ++chain) {
        TestType w = L::random(rng);
        int steps = 0;
        for (; steps < 200; ++steps) {
            const TestType next = L::join(w, L::random(rng));
            const TestType widened = L::widen(w, next);
            REQUIRE(L::leq(next, widened));
            if (L::leq(widened, w)) {
                break;
            }
            w = widened;
        }
        // Each domain has a small bound on the height its widening climbs.
        REQUIRE(steps < L::kMaxWideningSteps);
    }
}

// Regressions the laws found.

TEST_CASE("a packet pointer is below its join with one of another fixed offset", "[laws][regression]") {
    using domains::Kind;
    using domains::Value;
    // Nothing proven (range 0) past offset 14 is not "-14 bytes proven".
    const Value a = Value::pointer(Kind::Packet, 0, domains::Scalar::constant(14));
    const Value b = Value::pointer(Kind::Packet, 0, domains::Scalar::constant(24));
    Value joined = a;
    joined.join_with(b);
    CHECK(a.leq(joined));
    CHECK(b.leq(joined));
}

TEST_CASE("a pointer spilled on one path only is not data after the join", "[laws][regression]") {
    using domains::Kind;
    using domains::Value;
    domains::Stack with_pointer = domains::Stack::uninitialised();
    with_pointer.store(480, 8, Value::pointer(Kind::Stack, 0, domains::Scalar::constant(500)));
    domains::Stack with_data = domains::Stack::uninitialised();
    with_data.store_unknown(480, 8);
    for (const bool pointer_first : {true, false}) {
        domains::Stack joined = pointer_first ? with_pointer : with_data;
        joined.join_with(pointer_first ? with_data : with_pointer);
        CHECK(with_pointer.leq(joined));
        CHECK(with_data.leq(joined));
        // Reading it back must not yield a plain number.
        CHECK_FALSE(joined.load(480, 8).has_value());
    }
}

TEST_CASE("a packet pointer with nothing proven keeps nothing proven through a join", "[laws][regression]") {
    using domains::Kind;
    using domains::Value;
    // data + [4, 11] (range 0) on one path, data + 30 proven 30 bytes on the other.
    const Value unchecked = Value::pointer(Kind::Packet, 0, domains::Scalar::unsigned_range(4, 11), 5);
    Value checked = Value::pointer(Kind::Packet, 0, domains::Scalar::constant(30), 0);
    checked.set_range(30);
    for (const bool unchecked_first : {true, false}) {
        Value joined = unchecked_first ? unchecked : checked;
        domains::JoinNames names(7);
        joined.join_with(unchecked_first ? checked : unchecked, names, 4);
        CHECK(joined.range() == 0);
        Value plain = unchecked_first ? unchecked : checked;
        plain.join_with(unchecked_first ? checked : unchecked, domains::kNoId);
        CHECK(plain.range() == 0);
    }
}
