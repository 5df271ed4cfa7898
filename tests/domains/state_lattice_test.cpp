// Lattice laws of the engine's states, MachineState and PartitionedState,
// on sampled states (register values of several kinds and ranges, held
// references acquired in different orders): leq is reflexive, join is an
// upper bound of both sides, widening is an upper bound and stabilises an
// ascending chain, narrowing stays between its arguments, and held
// references are a set (the order of acquisition does not matter).
#include "domains/partitioned_state.hpp"

#include <catch2/catch.hpp>

#include <limits>

#include <vector>

using namespace bpfcheck::domains;  // NOLINT(google-build-using-namespace)

namespace {

// `identities`: also pointers that may be NULL (they carry an identity,
// and joining NULL with a pointer makes one) and held references.
std::vector<MachineState> samples(bool identities = false) {
    std::vector<MachineState> out;
    std::vector<Value> values{
        Value::constant(7),
        Value::scalar(Scalar::unsigned_range(0, 255)),
        Value::unknown_scalar(),
        Value::pointer(Kind::Stack, 0, Scalar::constant(-8)),
        Value::pointer(Kind::MapValue, 1, Scalar::unsigned_range(0, 16)),
    };
    if (identities) {
        values.push_back(Value::constant(0));
        values.push_back(Value::pointer(Kind::MapValueOrNull, 1, Scalar::constant(0), 5));
    }
    for (const Value& r6 : values) {
        for (const Value& r7 : {Value::constant(1), Value::scalar(Scalar::unsigned_range(2, 9))}) {
            MachineState s = MachineState::entry(Value::pointer(Kind::Ctx, 0, Scalar::constant(0)));
            s.reg(6) = r6;
            s.reg(7) = r7;
            out.push_back(s);
        }
    }
    if (identities) {
        MachineState with_refs = out.front();
        with_refs.acquire(3, 10);
        with_refs.acquire(1, 4);
        out.push_back(with_refs);
    }
    return out;
}

template <typename S>
S wrap(const MachineState& s) {
    if constexpr (std::is_same_v<S, PartitionedState>) {
        return PartitionedState::of(s);
    } else {
        return s;
    }
}

}  // namespace

template <typename TestType>
void check_laws(const std::vector<MachineState>& states) {
    static_assert(FixpointState<TestType>);
    const std::vector<std::int64_t> thresholds{0, 8, 16, 255};
    for (const MachineState& x : states) {
        const TestType a = wrap<TestType>(x);
        CHECK(a.leq(a));
        CHECK(TestType::bottom().leq(a));
        for (const MachineState& y : states) {
            const TestType b = wrap<TestType>(y);
            TestType joined = a;
            joined.join_with(b, 42);
            CHECK(a.leq(joined));
            CHECK(b.leq(joined));
            TestType widened = a;
            widened.widen_with(joined, thresholds, 42);
            CHECK(joined.leq(widened));
            TestType narrowed = widened;
            narrowed.narrow_with(joined);
            CHECK(narrowed.leq(widened));
            CHECK(joined.leq(narrowed));
        }
    }
}

TEMPLATE_TEST_CASE("engine states obey the lattice laws", "[domains][lattice]", MachineState, PartitionedState) {
    check_laws<TestType>(samples());
}

// Known gaps (issue "Architecture", separate identities): a maybe-NULL
// pointer's identity is one field that leq compares by name, and a join
// names a fresh one, so `a <= a join b` holds only up to renaming the
// identities (the engine tests stability after joining, which renames the
// same way, so its fixpoints are unaffected); and MachineState::leq wants
// equal sets of held references while its join takes their union (the
// partitions keep states holding different references apart, so
// PartitionedState obeys the laws on the same samples). Expected to fail until leq
// matches identities by a consistent renaming and orders reference sets.
TEST_CASE("machine states with identities obey the laws up to renaming (known gap)",
          "[domains][lattice][!shouldfail]") {
    check_laws<MachineState>(samples(true));
}

TEST_CASE("partitioned states with identities and references obey the laws", "[domains][lattice]") {
    check_laws<PartitionedState>(samples(true));
}

TEMPLATE_TEST_CASE("widening stabilises a growing counter", "[domains][lattice]", MachineState, PartitionedState) {
    MachineState x = samples().front();
    x.reg(6) = Value::constant(0);
    TestType current = wrap<TestType>(x);
    const std::vector<std::int64_t> thresholds{0, 8, 16, 255};
    // Each constant is a shape of its own until kMaxPartitions fold.
    constexpr int kBound = static_cast<int>(kMaxPartitions) + 8;
    int rounds = 0;
    for (; rounds < kBound; ++rounds) {
        MachineState next = x;
        next.reg(6) = Value::constant(static_cast<std::uint64_t>(rounds + 1) * 3);
        x = next;
        TestType joined = current;
        joined.join_with(wrap<TestType>(next), 7);
        if (joined.leq(current)) {
            break;
        }
        current.widen_with(joined, thresholds, 7);
    }
    CHECK(rounds < kBound);
}

// Settling (FixpointEngine past a head's rounds): an upper bound of both
// sides that adds no part, and that stabilises a counter kept apart by
// iteration (r6 is a loop counter, so every constant would be a part of its
// own iteration) within a few rounds of the parts it started with.
TEST_CASE("settling covers its input, adds no part and stabilises", "[domains][lattice]") {
    const std::vector<std::int64_t> thresholds{0, 8, 16, 255};
    MachineState x = samples().front();
    x.reg(6) = Value::constant(0);
    PartitionedState current = PartitionedState::of(x);
    current.set_loop_counters(1U << 6);
    for (int i = 1; i < 4; ++i) {
        MachineState next = x;
        next.reg(6) = Value::constant(static_cast<std::uint64_t>(i));
        current.join_with(PartitionedState::of(next), 7);
    }
    REQUIRE(current.parts().size() == 4);
    int rounds = 0;
    for (; rounds < 16; ++rounds) {
        MachineState next = x;
        next.reg(6) = Value::constant(static_cast<std::uint64_t>(rounds + 4) * 5);
        PartitionedState joined = current;
        joined.join_with(PartitionedState::of(next), 7);
        if (joined.leq(current)) {
            break;
        }
        const std::size_t before = current.parts().size();
        PartitionedState settled = current;
        settled.settle_with(joined, thresholds, 7);
        CHECK(settled.parts().size() <= before);
        CHECK(current.leq(settled));
        CHECK(joined.leq(settled));
        current = std::move(settled);
    }
    CHECK(rounds < 16);
}

TEST_CASE("held references are a set: acquisition order does not matter", "[domains][lattice]") {
    MachineState a = samples().front();
    MachineState b = a;
    a.acquire(3, 10);
    a.acquire(1, 4);
    b.acquire(1, 4);
    b.acquire(3, 10);
    CHECK(a == b);
    CHECK(a.leq(b));
    MachineState widened = b;
    widened.widen_with(a, {});
    CHECK(widened == a);
}

// A loop counter clang keeps in a stack slot (loop_counter_slots.hpp): with
// the slot named a counter slot, states whose slot holds different
// constants are parts of their own (iterations stay apart, as the kernel
// walks them); without, they are one part whose slot is a range.
TEST_CASE("a counter slot's constant keeps iterations apart", "[domains][lattice]") {
    const int slot = 30;  // r10 - 272
    auto with_counter = [&](std::uint64_t c) {
        MachineState s = samples().front();
        s.stack(0).store(slot * 8, 8, Value::constant(c));
        return s;
    };
    PartitionedState counted = PartitionedState::bottom();
    counted.set_loop_counters(0, 1ULL << slot);
    PartitionedState plain = PartitionedState::bottom();
    for (std::uint64_t c : {89U, 179U}) {
        counted.add(with_counter(c), 7);
        plain.add(with_counter(c), 7);
    }
    REQUIRE(counted.parts().size() == 2);
    REQUIRE(plain.parts().size() == 1);
    CHECK(counted.parts()[0].stack(0).spill(slot)->number().is_constant());
    CHECK(!plain.parts()[0].stack(0).spill(slot)->number().is_constant());
    CHECK(plain.leq(counted) == false);
    CHECK(counted.leq(plain));
    // The shape a caller computes for add_shaped (the analyzer: a shared
    // part's shape under the block's counters) is the one add() files under.
    const MachineState s = with_counter(89);
    CHECK(part_facts::held(share_part(s)).shape_under(LoopCounters(0, 1ULL << slot)) == counted.shape_of(s));
}

TEST_CASE("a counter register keeps iterations apart from a large start too", "[domains][lattice]") {
    // shape() keeps register constants below 0x10000 only; a counter
    // register's constant takes part in the shape whatever its size
    // (`r0 = 0x8000000000000000 ll; loop: r0 += 1; if r0 < r1 goto loop`).
    constexpr int kCounter = 0;
    auto with_counter = [&](std::uint64_t c) {
        MachineState s = samples().front();
        s.reg(kCounter) = Value::constant(c);
        return s;
    };
    PartitionedState counted = PartitionedState::bottom();
    counted.set_loop_counters(1U << kCounter);
    PartitionedState plain = PartitionedState::bottom();
    for (const std::uint64_t c : {0x8000000000000001ULL, 0x8000000000000002ULL}) {
        counted.add(with_counter(c), 7);
        plain.add(with_counter(c), 7);
    }
    CHECK(counted.parts().size() == 2);
    CHECK(plain.parts().size() == 1);
    const MachineState s = with_counter(0x8000000000000001ULL);
    CHECK(part_facts::held(share_part(s)).shape_under(LoopCounters(1U << kCounter, 0)) == counted.shape_of(s));
    // Small constants are in shape() already: the counter adds nothing to them.
    const MachineState small = with_counter(5);
    CHECK(counted.shape_of(small) == small.shape());
}

TEST_CASE("while a loop is walked, a part of one iteration is joined, not widened", "[domains][lattice]") {
    // strobemeta's string loop: iteration 3 (counter r6 = 48) sums the
    // lengths read so far in r7; an earlier iteration's change makes the sum
    // grow by a round. Widening would send r7's bound to the next threshold
    // (none here: unbounded); joining keeps the bound the walk gives.
    constexpr int kCounter = 6;
    auto iteration = [&](std::int64_t sum_max) {
        MachineState s = samples().front();
        s.reg(kCounter) = Value::constant(48);
        s.reg(7) = Value::scalar(Scalar::signed_range(0, sum_max));
        return s;
    };
    PartitionedState head = PartitionedState::bottom();
    head.set_loop_counters(1U << kCounter);
    head.add(iteration(32), 7);
    PartitionedState incoming = head;
    incoming.join_with(PartitionedState::of(iteration(48)), 7);
    REQUIRE(incoming.parts().size() == 1);

    PartitionedState widened = head;
    widened.widen_with(incoming, {}, 7);
    PartitionedState walked = head;
    walked.widen_except_iterations(incoming, {}, 7);
    REQUIRE(walked.parts().size() == 1);
    CHECK(walked.parts()[0].reg(7).number().smax == 48);
    CHECK(widened.parts()[0].reg(7).number().smax == std::numeric_limits<std::int64_t>::max());
    CHECK(incoming.leq(walked));

    // A part whose counter holds no constant is widened all the same.
    PartitionedState unknown = PartitionedState::bottom();
    unknown.set_loop_counters(1U << kCounter);
    MachineState any_iteration = iteration(32);
    any_iteration.reg(kCounter) = Value::scalar(Scalar::signed_range(0, 48));
    unknown.add(any_iteration, 7);
    PartitionedState grown = unknown;
    MachineState more = any_iteration;
    more.reg(7) = Value::scalar(Scalar::signed_range(0, 48));
    grown.join_with(PartitionedState::of(more), 7);
    unknown.widen_except_iterations(grown, {}, 7);
    CHECK(unknown.parts()[0].reg(7).number().smax == std::numeric_limits<std::int64_t>::max());
}

// A settling loop head widens an incoming state into a part; the widened
// part must then cover it, or the head never converges. A join names the
// identities it creates after its site, so the part can differ from the
// state in identity names alone: those are forgotten.
TEST_CASE("settling covers a state that differs from its part in identity names only", "[domains][lattice]") {
    const auto with_ids = [](std::uint32_t r6_id, std::uint64_t r8) {
        MachineState s = MachineState::entry(Value::pointer(Kind::Ctx, 0, Scalar::constant(0)));
        s.reg(6) = Value::unknown_scalar();
        s.reg(6).set_id(r6_id);
        s.reg(8) = Value::constant(r8);
        return s;
    };
    const MachineState part = with_ids(join_id(40, 6), 1);
    const MachineState state = with_ids(17, 1);
    CHECK(!state.leq(part));  // identities are facts: another name is not covered
    MachineState forgotten = part;
    forgotten.forget_ids_differing_from(state);
    CHECK(state.leq(forgotten));
    CHECK(part.leq(forgotten));  // only weaker

    PartitionedState head = PartitionedState::of(part);
    PartitionedState incoming = PartitionedState::of(with_ids(17, 2));
    PartitionedState joined = head;
    joined.join_with(incoming, 40);
    head.settle_with(joined, {}, 40);
    CHECK(incoming.leq(head));
}

// Two incoming states widened into the same part: the second join names the
// part's values anew (a NULL-or-packet named after the join site, its packet
// id too), so names forgotten for the first state must be forgotten once all
// are widened in, and the pointer's id a NULL-or-pointer keeps with it counts
// as a name (XDP-Firewall's 1000-filter loop walked its head until the time
// limit, covering neither state).
TEST_CASE("settling covers every state widened into one part, NULL-or-packet names included", "[domains][lattice]") {
    const auto with_r6 = [](const Value& r6, std::uint64_t r8) {
        MachineState s = MachineState::entry(Value::pointer(Kind::Ctx, 0, Scalar::constant(0)));
        s.reg(6) = r6;
        s.reg(8) = Value::constant(r8);
        return s;
    };
    Value null_with_id = Value::constant(0);
    null_with_id.set_id(17);
    const Value packet = Value::pointer(Kind::Packet, 0, Scalar::constant(14), 23);
    MachineState part = with_r6(packet, 1);
    part.join_with(with_r6(null_with_id, 1), 40);
    REQUIRE(part.reg(6).null_or_kind() == Kind::Packet);

    PartitionedState head = PartitionedState::of(part);
    PartitionedState incoming = PartitionedState::of(with_r6(null_with_id, 2));
    incoming.add(with_r6(Value::pointer(Kind::Packet, 0, Scalar::constant(14), 31), 2), 41);
    REQUIRE(incoming.parts().size() == 2);
    PartitionedState joined = head;
    joined.join_with(incoming, 40);
    head.settle_with(joined, {}, 40);
    CHECK(incoming.leq(head));
}

TEST_CASE("forgetting names drops a NULL-or-pointer's pointer id the other value does not share", "[domains]") {
    Value null_with_id = Value::constant(0);
    null_with_id.set_id(17);
    Value maybe_null = Value::pointer(Kind::Packet, 0, Scalar::constant(14), 23);
    maybe_null.join_with(null_with_id, 0x80000040U);
    REQUIRE(maybe_null.null_or_kind() == Kind::Packet);
    const Value other_packet = Value::pointer(Kind::Packet, 0, Scalar::constant(14), 31);
    CHECK(!other_packet.leq(maybe_null));  // packet 31 is not the named packet 23
    Value forgotten = maybe_null;
    forgotten.forget_names_differing_from(&other_packet);
    CHECK(other_packet.leq(forgotten));
    CHECK(maybe_null.leq(forgotten));  // only weaker
    Value kept = maybe_null;
    kept.forget_names_differing_from(&maybe_null);
    CHECK(kept == maybe_null);  // nothing differs: nothing forgotten
}

// XDP-Firewall's filter loop walks two rounds of about 20 paths each: with one
// budget of kMaxPartitions parts, the second round's parts folded the first
// round's (a packet-or-NULL register joined). In a loop each iteration has a
// budget of its own (kMaxPartitionsInAll in all); elsewhere, where the
// counters are registers a branch decides on, the parts share one.
TEST_CASE("in a loop each iteration has a budget of parts of its own, elsewhere they share one", "[domains]") {
    const auto shaped = [](std::uint64_t iteration, unsigned k) {
        MachineState s = MachineState::entry(Value::pointer(Kind::Ctx, 0, Scalar::constant(0)));
        for (int r = 1; r <= 5; ++r) {
            s.reg(r) = (k >> (r - 1) & 1U) != 0 ? Value::pointer(Kind::Ctx, 0, Scalar::constant(0))
                                                : Value::constant(static_cast<std::uint64_t>(r));
        }
        s.reg(6) = Value::constant(iteration);
        return s;
    };
    for (const bool in_loop : {true, false}) {
        PartitionedState parts = PartitionedState::bottom();
        parts.set_loop_counters(1U << 6, 0, in_loop);
        for (std::uint64_t iteration = 0; iteration < 2; ++iteration) {
            for (unsigned k = 0; k < 20; ++k) {
                parts.add(shaped(iteration, k), 7);
            }
        }
        CHECK(parts.parts().size() == (in_loop ? 40 : kMaxPartitions));
    }
}

TEST_CASE("shape_distance counts the stack slots written on one side only", "[domains][lattice]") {
    // An error path that returns before writing a key, beside paths that
    // wrote it: when partitions run out (fold), a state joins the part at the
    // least distance, so it should be one whose key bytes are written too.
    MachineState unwritten = MachineState::entry(Value::scalar(Scalar::top()));
    unwritten.reg(6) = Value::scalar(Scalar::top());
    MachineState written = unwritten;
    written.stack(0).store(488, 8, Value::scalar(Scalar::top()));
    CHECK(written.shape_distance(unwritten, 1000) > 0);
    CHECK(written.shape_distance(written, 1000) == 0);
    MachineState other_written = written;
    other_written.reg(6) = Value::scalar(Scalar::unsigned_range(1, 9));
    CHECK(written.shape_distance(other_written, 1000) < written.shape_distance(unwritten, 1000));
}

TEST_CASE("pointers into the values of different maps are kept apart by shape", "[domains][lattice]") {
    // A lookup's result on one path, a default in .rodata on the other
    // (p = lookup(...) ?: &default): the kernel never joins pointers to two
    // maps (regsafe compares map_ptr), and their join would check each
    // read against the smaller value. Spilled, the pointers differ in shape too.
    MachineState looked_up = MachineState::entry(Value::scalar(Scalar::top()));
    looked_up.reg(6) = Value::pointer(Kind::MapValue, 0, Scalar::constant(0));
    MachineState fallback = looked_up;
    fallback.reg(6) = Value::pointer(Kind::MapValue, 1, Scalar::constant(208));
    CHECK(looked_up.shape() != fallback.shape());
    CHECK(looked_up.shape_distance(fallback, 1000) > 0);
    MachineState other_offset = looked_up;
    other_offset.reg(6) = Value::pointer(Kind::MapValue, 0, Scalar::constant(16));
    CHECK(looked_up.shape() == other_offset.shape());  // one map, other offsets: one shape

    MachineState spilled_lookup = MachineState::entry(Value::scalar(Scalar::top()));
    spilled_lookup.stack(0).store(400, 8, looked_up.reg(6));
    MachineState spilled_fallback = MachineState::entry(Value::scalar(Scalar::top()));
    spilled_fallback.stack(0).store(400, 8, fallback.reg(6));
    CHECK(spilled_lookup.shape() != spilled_fallback.shape());
    CHECK(spilled_lookup.shape_distance(spilled_fallback, 1000) > 0);
}

TEST_CASE("past the budget, a pointer into one map's values is not folded into a part of another map's",
          "[domains][lattice]") {
    // Many paths through map A's value (each a shape of its own: r7 holds a
    // different constant), then one through map B's (Tetragon's execve_send:
    // several increments of one map's counters and one of another's merged
    // into one instruction): two parts of map A are joined to make room.
    auto through = [](std::uint32_t map, std::uint64_t n) {
        MachineState s = MachineState::entry(Value::scalar(Scalar::top()));
        s.reg(0) = Value::pointer(Kind::MapValue, map, Scalar::constant(map == 0 ? 320 : 0));
        s.reg(7) = Value::scalar(Scalar::constant(n));
        return s;
    };
    PartitionedState p = PartitionedState::bottom();
    for (std::uint64_t n = 0; n < kMaxPartitions; ++n) {
        p.add(through(0, n), kNoId);
    }
    REQUIRE(p.parts().size() == kMaxPartitions);
    p.add(through(1, kMaxPartitions + 8), kNoId);
    REQUIRE(p.parts().size() == kMaxPartitions);
    bool other_map_apart = false;
    for (const MachineState& part : p.parts()) {
        CHECK(part.reg(0).region() != kManyMaps);
        other_map_apart = other_map_apart || part.reg(0).region() == 1;
    }
    CHECK(other_map_apart);
}

// A path that keeps `slot` spilled at r10-208 and `n` in r7.
static MachineState spilled_at_fp208(const Value& slot, std::uint64_t n) {
    MachineState s = MachineState::entry(Value::scalar(Scalar::top()));
    s.stack(0).store(304, 8, slot);
    s.reg(7) = Value::scalar(Scalar::constant(n));
    return s;
}

TEST_CASE("past the budget, a spilled packet pointer is not folded into a part holding a number there",
          "[domains][lattice]") {
    // One stack slot, two variables on different paths (clang reuses it):
    // a packet pointer where the IPv6 header was found, the number 12
    // (NULL + 12) where it was not. Their join is no pointer at all, and
    // the later read through it would be refused; parts that differ only
    // in a constant join instead (XDP-Firewall's rule context).
    const Value header = Value::pointer(Kind::Packet, 0, Scalar::constant(66));
    CHECK(spilled_at_fp208(header, 0).pointers_differ(spilled_at_fp208(Value::constant(12), 0)));
    CHECK_FALSE(spilled_at_fp208(Value::constant(12), 0).pointers_differ(spilled_at_fp208(Value::constant(12), 1)));
    CHECK_FALSE(spilled_at_fp208(Value::pointer(Kind::MapValueOrNull, 1, Scalar::constant(0), 5), 0)
                    .pointers_differ(spilled_at_fp208(Value::constant(0), 0)));  // NULL beside maybe-NULL joins

    PartitionedState p = PartitionedState::bottom();
    for (std::uint64_t n = 0; n + 1 < kMaxPartitions; ++n) {
        p.add(spilled_at_fp208(Value::constant(12), n), kNoId);
    }
    p.add(spilled_at_fp208(header, kMaxPartitions), kNoId);
    REQUIRE(p.parts().size() == kMaxPartitions);
    p.add(spilled_at_fp208(header, kMaxPartitions + 1), kNoId);
    bool pointer_kept = false;
    for (const MachineState& part : p.parts()) {
        const auto spilled = part.stack(0).spill(38);
        REQUIRE(spilled);
        pointer_kept = pointer_kept || spilled->kind() == Kind::Packet;
        CHECK(spilled->kind() != Kind::Any);
    }
    CHECK(pointer_kept);
}

TEST_CASE("at a full loop head, a spilled packet pointer is not widened into a part holding a number there",
          "[domains][lattice]") {
    // XDP-Firewall's filter loop (unrolled 30 times, run twice): its head is
    // reached from the parse with many shapes, and from the back edge with
    // the header pointer spilled where another path keeps NULL + 12. Two
    // parts with numbers there join to make room; the pointer keeps a part.
    PartitionedState head = PartitionedState::bottom();
    for (std::uint64_t n = 0; n < kMaxPartitions; ++n) {
        head.add(spilled_at_fp208(Value::constant(12), n), kNoId);
    }
    REQUIRE(head.parts().size() == kMaxPartitions);
    PartitionedState back = PartitionedState::bottom();
    back.add(spilled_at_fp208(Value::pointer(Kind::Packet, 0, Scalar::constant(66)), kMaxPartitions), kNoId);
    head.widen_with(back, {});
    REQUIRE(head.parts().size() == kMaxPartitions);
    bool pointer_kept = false;
    for (const MachineState& part : head.parts()) {
        const auto spilled = part.stack(0).spill(38);
        REQUIRE(spilled);
        CHECK(spilled->kind() != Kind::Any);
        pointer_kept = pointer_kept || spilled->kind() == Kind::Packet;
    }
    CHECK(pointer_kept);
}

TEST_CASE("past the budget, a state is not folded into a part holding another constant in a register",
          "[domains][lattice]") {
    // Many paths that set a flag to 1 and hold a checked map value pointer
    // (each a shape of its own: r1..r5 numbers or context pointers), then
    // one that sets the flag to 3 and holds NULL there (einat's NAT lookup:
    // the flag says whether the spilled pointer was checked, and a later
    // test of the flag must still tell the paths apart): two parts whose
    // flag is 1 are joined to make room, and the flag stays a constant in
    // every part, the pointer a pointer.
    auto path = [](std::uint64_t flag, std::uint64_t numbers, bool checked) {
        MachineState s = MachineState::entry(Value::scalar(Scalar::top()));
        for (int r = 1; r <= 5; ++r) {
            s.reg(r) = (numbers >> (r - 1) & 1U) != 0 ? Value::unknown_scalar()
                                                      : Value::pointer(Kind::Ctx, 0, Scalar::constant(0));
        }
        s.reg(6) = checked ? Value::pointer(Kind::MapValue, 0, Scalar::constant(0)) : Value::constant(0);
        s.reg(9) = Value::scalar(Scalar::constant(flag));
        return s;
    };
    PartitionedState p = PartitionedState::bottom();
    for (std::uint64_t n = 0; n < kMaxPartitions; ++n) {
        p.add(path(1, n, true), kNoId);
    }
    REQUIRE(p.parts().size() == kMaxPartitions);
    p.add(path(3, 0, false), kNoId);
    REQUIRE(p.parts().size() == kMaxPartitions);
    bool flag_three_apart = false;
    for (const MachineState& part : p.parts()) {
        CHECK(part.reg(9).number().is_constant());
        CHECK(part.reg(6).kind() != Kind::MapValueOrNull);
        flag_three_apart = flag_three_apart || part.reg(9).number().as_constant() == 3U;
    }
    CHECK(flag_three_apart);
}

TEST_CASE("past the budget, a state differing from its nearest part in a constant alone joins it",
          "[domains][lattice]") {
    // Paths that differ in a temporary flag only (a register stored to the
    // stack next) join with their nearest part as before: the flag becomes
    // a range and every kind stays (the pointer-or-NULL slots of
    // null/packet_or_null_opposite_slots keep their kinds).
    auto path = [](std::uint64_t flag, std::uint64_t numbers) {
        MachineState s = MachineState::entry(Value::scalar(Scalar::top()));
        for (int r = 1; r <= 5; ++r) {
            s.reg(r) = (numbers >> (r - 1) & 1U) != 0 ? Value::unknown_scalar()
                                                      : Value::pointer(Kind::Ctx, 0, Scalar::constant(0));
        }
        s.reg(9) = Value::scalar(Scalar::constant(flag));
        return s;
    };
    PartitionedState p = PartitionedState::bottom();
    for (std::uint64_t n = 0; n < kMaxPartitions; ++n) {
        p.add(path(1, n), kNoId);
    }
    p.add(path(3, 0), kNoId);
    REQUIRE(p.parts().size() == kMaxPartitions);
    std::size_t ranges = 0;
    for (const MachineState& part : p.parts()) {
        ranges += part.reg(9).number().is_constant() ? 0 : 1;
    }
    CHECK(ranges == 1);
}

TEST_CASE("two callbacks are kept apart by shape", "[domains][lattice]") {
    // bpf_loop(n, cond ? cb_a : cb_b, ...): regsafe wants the same
    // subprogram, and the join of two functions' addresses is no callback.
    MachineState first = MachineState::entry(Value::scalar(Scalar::top()));
    first.reg(2) = Value::pointer(Kind::Func, 12, Scalar::constant(0));
    MachineState second = first;
    second.reg(2) = Value::pointer(Kind::Func, 30, Scalar::constant(0));
    CHECK(first.shape() != second.shape());
    CHECK(first.pointers_differ(second));
    MachineState same = first;
    CHECK(first.shape() == same.shape());
}

TEST_CASE("a state with a dynptr is not pruned by a part whose bytes there were never written", "[domains][lattice]") {
    // One path made a dynptr at r10-24, the other never wrote there. leq
    // says the first is below (unwritten bytes are the stack's top), but
    // reading the dynptr's bytes as data is an error where reading
    // unwritten ones is not (a privileged loader), so a partition keeps
    // both: pruning the first would lose its error.
    MachineState unwritten = MachineState::entry(Value::scalar(Scalar::top()));
    MachineState with_dynptr = unwritten;
    Value first = Value::unknown_scalar();
    first.set_marker(SlotMarker::DynptrFirst);
    Value second = Value::unknown_scalar();
    second.set_marker(SlotMarker::DynptrSecond);
    with_dynptr.stack(0).store(512 - 24, 8, first);
    with_dynptr.stack(0).store(512 - 16, 8, second);
    CHECK(with_dynptr.leq(unwritten));
    CHECK_FALSE(with_dynptr.stack_objects_kept_by(unwritten));
    CHECK(with_dynptr.stack_objects_kept_by(with_dynptr));
    PartitionedState partition = PartitionedState::of(unwritten);
    partition.add(with_dynptr, kNoId);
    CHECK(partition.parts().size() == 2);
    PartitionedState plain = PartitionedState::of(unwritten);
    MachineState plain_spill = unwritten;
    plain_spill.stack(0).store(512 - 24, 8, Value::unknown_scalar());
    plain.add(plain_spill, kNoId);
    CHECK(plain.parts().size() == 1);  // a number spilled where nothing was written is covered
}

TEST_CASE("states that differ only in the numbers they spilled are one shape, and join", "[domains][lattice]") {
    // One path spilled a number at r10-8, another one at r10-16: neither
    // covers the other (each has a slot the other never wrote), yet the
    // kernel prunes each with the other (stacksafe: a slot the visited state
    // never wrote, or an imprecise spilled scalar, matches anything). One
    // shape, one part: the join keeps what both wrote, the rest unwritten.
    MachineState base = MachineState::entry(Value::scalar(Scalar::top()));
    MachineState at_8 = base;
    at_8.stack(0).store(512 - 8, 8, Value::scalar(Scalar::constant(7)));
    MachineState at_16 = base;
    at_16.stack(0).store(512 - 16, 8, Value::scalar(Scalar::constant(9)));
    REQUIRE_FALSE(at_8.leq(at_16));
    REQUIRE_FALSE(at_16.leq(at_8));
    CHECK(at_8.shape() == at_16.shape());
    CHECK(at_8.shape() == base.shape());
    PartitionedState partition = PartitionedState::of(at_8);
    partition.add(at_16, kNoId);
    REQUIRE(partition.parts().size() == 1);
    const MachineState& joined = partition.parts()[0];
    CHECK(joined.stack(0).spill(63) == nullptr);  // r10-8: unwritten on one path
    CHECK(joined.stack(0).byte(504) == StackByte::Invalid);
    CHECK(joined.stack(0).spill(62) == nullptr);
    CHECK(at_8.leq(joined));
    CHECK(at_16.leq(joined));

    // A spilled pointer, or a dynptr's slots, still make a shape of their own.
    MachineState pointer = base;
    pointer.stack(0).store(512 - 8, 8, Value::pointer(Kind::Ctx, 0, Scalar::constant(0)));
    CHECK(pointer.shape() != base.shape());
    MachineState with_dynptr = base;
    Value first = Value::unknown_scalar();
    first.set_marker(SlotMarker::DynptrFirst);
    with_dynptr.stack(0).store(512 - 16, 8, first);
    CHECK(with_dynptr.shape() != base.shape());
}

TEST_CASE("packet pointers that proved a range key partitions by offset and variable identity", "[domains][lattice]") {
    MachineState base = MachineState::entry(Value::scalar(Scalar::top()));
    const std::uint64_t shape = base.shape();
    const auto packet = [](std::int64_t fixed, std::int64_t range, std::uint32_t id, const Scalar& variable) {
        Value v = Value::pointer(Kind::Packet, 0, variable, id);
        v.set_fixed_offset(fixed);
        v.set_range(range);
        return v;
    };
    // Nothing proven: nothing to lose in a join, no key.
    MachineState unchecked = base;
    unchecked.reg(7) = packet(14, 0, 0, Scalar::constant(0));
    CHECK(unchecked.mix_checked_packet_pointers(shape) == shape);

    MachineState at_14 = base;
    at_14.reg(7) = packet(14, 20, 0, Scalar::constant(0));
    MachineState at_54 = base;
    at_54.reg(7) = packet(54, 20, 0, Scalar::constant(0));
    MachineState at_14_wider = base;
    at_14_wider.reg(7) = packet(14, 40, 0, Scalar::constant(0));
    CHECK(at_14.mix_checked_packet_pointers(shape) != shape);
    CHECK(at_14.mix_checked_packet_pointers(shape) != at_54.mix_checked_packet_pointers(shape));
    // The range itself does not key: one path proved more of the same pointer.
    CHECK(at_14.mix_checked_packet_pointers(shape) == at_14_wider.mix_checked_packet_pointers(shape));

    // A variable part keys by its identity (the sum's id), not its bounds.
    MachineState sum_a = base;
    sum_a.reg(7) = packet(14, 20, 100, Scalar::unsigned_range(20, 60));
    MachineState sum_a_wider = base;
    sum_a_wider.reg(7) = packet(14, 20, 100, Scalar::unsigned_range(20, 80));
    MachineState sum_b = base;
    sum_b.reg(7) = packet(14, 20, 101, Scalar::unsigned_range(20, 60));
    CHECK(sum_a.mix_checked_packet_pointers(shape) == sum_a_wider.mix_checked_packet_pointers(shape));
    CHECK(sum_a.mix_checked_packet_pointers(shape) != sum_b.mix_checked_packet_pointers(shape));

    // In a caller's frame too; and the register it is in matters.
    MachineState in_caller = at_14;
    in_caller.push_frame(3);
    MachineState callee_only = base;
    callee_only.push_frame(3);
    CHECK(in_caller.mix_checked_packet_pointers(shape) != callee_only.mix_checked_packet_pointers(shape));
    MachineState in_r8 = base;
    in_r8.reg(8) = packet(14, 20, 0, Scalar::constant(0));
    CHECK(in_r8.mix_checked_packet_pointers(shape) != at_14.mix_checked_packet_pointers(shape));

    // Outside loops only: in a loop the iterations' pointers join and widen.
    CHECK(LoopCounters(0, 0, false).shape_of(at_14, shape) != LoopCounters(0, 0, false).shape_of(at_54, shape));
    CHECK(LoopCounters(0, 0, true).shape_of(at_14, shape) == LoopCounters(0, 0, true).shape_of(at_54, shape));
}
