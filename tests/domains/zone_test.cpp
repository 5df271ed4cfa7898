// The zone (domains/zone.hpp) on the relations the loop cases need: a
// pointer offset walking with a counter keeps `p - i` exact through joins
// and widening, so bounding the counter bounds the pointer; copies with an
// offset shift their bounds; a contradiction is bottom; the variables at an
// exact distance from one are found through the closure. (Its lattice laws
// run with the other domains' in law_test.cpp.)
#include "domains/zone.hpp"

#include <catch2/catch.hpp>

#include <vector>

using bpfcheck::domains::Zone;

namespace {
constexpr Zone::Var kZero = Zone::kZero;
constexpr Zone::Var kCounter = 1;
constexpr Zone::Var kOffset = 2;

Zone point(std::int64_t counter, std::int64_t offset) {
    Zone z = Zone::top();
    z.add(kCounter, kZero, counter);
    z.add(kZero, kCounter, -counter);
    z.add(kOffset, kZero, offset);
    z.add(kZero, kOffset, -offset);
    return z;
}
}  // namespace

TEST_CASE("a pointer walking with a counter stays related to it through widening", "[domains][zone]") {
    Zone head = point(0, 0);
    const std::vector<std::int64_t> thresholds{};
    for (int round = 0; round < 4; ++round) {
        Zone next = head;
        next.assign(kCounter, kCounter, 1);
        next.assign(kOffset, kOffset, 1);
        next.add(kCounter, kZero, 31);  // the exit test keeps counter <= 31 on the back edge
        Zone joined = head;
        joined.join_with(next);
        if (joined.leq(head)) {
            break;
        }
        head.widen_with(joined, thresholds);
    }
    CHECK(head.bound(kOffset, kCounter) == 0);
    CHECK(head.bound(kCounter, kOffset) == 0);
    CHECK(head.interval(kCounter).first == 0);
    // Bounding the counter bounds the pointer offset.
    Zone inside = head;
    inside.add(kCounter, kZero, 31);
    CHECK(inside.interval(kOffset) == std::pair<std::int64_t, std::int64_t>{0, 31});
}

TEST_CASE("a copy with an offset shifts the bounds", "[domains][zone]") {
    Zone z = Zone::top();
    z.add(kCounter, kZero, 7);
    z.add(kZero, kCounter, 0);
    z.assign(kOffset, kCounter, 8);
    CHECK(z.interval(kOffset) == std::pair<std::int64_t, std::int64_t>{8, 15});
    CHECK(z.bound(kOffset, kCounter) == 8);
    z.forget(kCounter);
    CHECK(z.interval(kOffset) == std::pair<std::int64_t, std::int64_t>{8, 15});
    CHECK_FALSE(z.bound(kOffset, kCounter).has_value());
}

TEST_CASE("contradicting bounds are bottom", "[domains][zone]") {
    Zone z = Zone::top();
    z.add(kCounter, kOffset, 3);
    z.add(kOffset, kCounter, -4);
    CHECK(z.is_bottom());
    CHECK(z.leq(Zone::top()));
}

TEST_CASE("exact partners are the variables at a fixed distance, through the closure", "[domains][zone]") {
    constexpr Zone::Var kSpill = 3;
    Zone z = Zone::top();
    z.assign(kSpill, kCounter, 0);  // a spill of the counter
    z.assign(kOffset, kSpill, 8);   // a copy of the spill plus 8
    // offset = counter + 8 only through the spill: the closure finds it.
    CHECK(z.exact_partners(kCounter) == std::vector<std::pair<Zone::Var, std::int64_t>>{{kOffset, 8}, {kSpill, 0}});
    // A bound on one side only is no partner.
    Zone loose = Zone::top();
    loose.add(kOffset, kCounter, 8);
    CHECK(loose.exact_partners(kCounter).empty());
}
