// The storage shortcuts of the abstract states (domains/block_pool.hpp, the
// stack's copy on write and slot mask, the scalars built or kept without
// reduce(), the table of recent ALU results) change no value: each is checked here against the general path it
// short-cuts.
#include "domains/block_pool.hpp"
#include "domains/machine_state.hpp"
#include "domains/partitioned_state.hpp"
#include "domains/scalar.hpp"
#include "domains/scalar_ops.hpp"
#include "domains/stack.hpp"
#include "sampling.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <thread>
#include <vector>

using namespace bpfcheck;
using domains::MachineState;
using domains::PartitionedState;
using domains::Scalar;
using domains::Stack;
using domains::Tnum;
using domains::Value;

TEST_CASE("a constant is what reduce() makes of its tnum", "[domains][storage]") {
    std::vector<std::uint64_t> values = {0,
                                         1,
                                         0x7fffffffULL,
                                         0x80000000ULL,
                                         0xffffffffULL,
                                         0x100000000ULL,
                                         ~0ULL,
                                         0x8000000000000000ULL,
                                         0x7fffffffffffffffULL,
                                         0xffffffff80000000ULL};
    test::Rng rng(7);
    for (int i = 0; i < 2000; ++i) {
        values.push_back(rng());
    }
    for (const std::uint64_t v : values) {
        const Scalar built = Scalar::constant(v);
        REQUIRE(built == Scalar::from_tnum(Tnum::constant(v)));  // from_tnum takes reduce()'s full path
        Scalar again = built;
        again.reduce();
        REQUIRE(again == built);
    }
    Scalar top = Scalar::top();
    top.reduce();
    REQUIRE(top == Scalar::top());
}

TEST_CASE("updating a copy's spills leaves the original's", "[domains][storage]") {
    Stack original = Stack::uninitialised();
    original.store(0, 8, Value::constant(5));
    original.store(8, 8, Value::scalar(Scalar::unsigned_range(0, 9)));
    Stack copy = original;
    int visited = 0;
    copy.for_each_spill([&](Value& v) {
        ++visited;
        if (v.number().as_constant() == 5U) {
            v = Value::constant(6);
        }
    });
    REQUIRE(visited == 2);
    REQUIRE(copy.spill(0)->number().as_constant() == 6U);
    REQUIRE(original.spill(0)->number().as_constant() == 5U);
    REQUIRE(copy.spill(1)->equals(*original.spill(1)));
    // An update that changes nothing leaves an equal stack.
    Stack untouched = original;
    untouched.for_each_spill([](Value& /*v*/) {});
    REQUIRE(untouched == original);
    // Unknown data stored over unknown data changes nothing either.
    Stack misc = Stack::uninitialised();
    misc.store_unknown(16, 8);
    Stack again = misc;
    again.store_unknown(16, 8);
    REQUIRE(again == misc);
    REQUIRE(again.byte(16) == domains::StackByte::Misc);
    REQUIRE(again.byte(15) == domains::StackByte::Invalid);
}

TEST_CASE("the block pool hands freed blocks out again, by size class", "[domains][storage]") {
    domains::PoolAllocator<std::uint8_t> pool;
    std::uint8_t* a = pool.allocate(1000);
    pool.deallocate(a, 1000);
    std::uint8_t* b = pool.allocate(990);  // the same 64-byte class (961..1024)
    REQUIRE(b == a);
    pool.deallocate(b, 990);
    std::uint8_t* c = pool.allocate(1030);  // the next class: not the free block of the one before
    REQUIRE(c != b);
    pool.deallocate(c, 1030);
    std::vector<std::uint64_t, domains::PoolAllocator<std::uint64_t>> numbers;
    for (std::uint64_t i = 0; i < 5000; ++i) {  // past the recycled sizes, too
        numbers.push_back(i);
    }
    REQUIRE(numbers[4999] == 4999);
}

TEST_CASE("a thread's pool blocks pass to the threads after it; an idle pool gives its chunks back",
          "[domains][storage]") {
    if (!domains::block_pool::kChunks) {
        SUCCEED("built with AddressSanitizer: every block comes from operator new");
        return;
    }
    std::uint8_t* freed_by_first = nullptr;
    std::thread first([&] {
        domains::PoolAllocator<std::uint8_t> pool;
        freed_by_first = pool.allocate(2000);
        freed_by_first[0] = 1;
        pool.deallocate(freed_by_first, 2000);
    });
    first.join();
    std::uint8_t* taken_by_second = nullptr;
    std::thread second([&] {
        domains::PoolAllocator<std::uint8_t> pool;
        taken_by_second = pool.allocate(2000);  // the ended thread's free block of this class
        pool.deallocate(taken_by_second, 2000);
    });
    second.join();
    CHECK(taken_by_second == freed_by_first);

    std::thread third([] {
        domains::PoolAllocator<std::uint8_t> pool;
        std::uint8_t* held = pool.allocate(3000);
        held[0] = 1;
        domains::block_pool::release_idle_chunks();  // a block is out: nothing is unmapped
        CHECK(held[0] == 1);
        held[2999] = 2;
        pool.deallocate(held, 3000);
        domains::block_pool::recycle_idle_chunks();  // idle: blocks are cut from the start again
        std::uint8_t* cut_first = pool.allocate(1000);
        std::uint8_t* cut_second = pool.allocate(5000);
        pool.deallocate(cut_first, 1000);
        pool.deallocate(cut_second, 5000);
        domains::block_pool::recycle_idle_chunks();
        CHECK(pool.allocate(5000) == cut_first);  // the first chunk's start again, whatever the size
        pool.deallocate(cut_first, 5000);
        domains::block_pool::release_idle_chunks();  // idle: its chunks go back
        std::uint8_t* again = pool.allocate(3000);   // a fresh chunk, usable
        again[0] = 3;
        again[2999] = 4;
        CHECK(again[0] == 3);
        pool.deallocate(again, 3000);
    });
    third.join();
}

TEST_CASE("a thread that frees another thread's block never cuts its chunks again", "[domains][storage]") {
    if (!domains::block_pool::kChunks) {
        SUCCEED("built with AddressSanitizer: every block comes from operator new");
        return;
    }
    domains::PoolAllocator<std::uint8_t> pool;
    std::uint8_t* made_here = pool.allocate(64);  // by this thread, freed by the other
    std::uint8_t* taken_after_recycling = nullptr;
    std::thread other([&] {
        domains::PoolAllocator<std::uint8_t> its_pool;
        std::uint8_t* own = its_pool.allocate(64);
        std::uint8_t* live = its_pool.allocate(64);
        live[0] = 1;
        its_pool.deallocate(own, 64);
        its_pool.deallocate(made_here, 64);  // foreign: two handed out, two back, but `live` is not
        domains::block_pool::recycle_idle_chunks();
        taken_after_recycling = its_pool.allocate(64);  // from the free list, not a chunk cut again
        taken_after_recycling[0] = 2;
        CHECK(live[0] == 1);
        its_pool.deallocate(taken_after_recycling, 64);
        its_pool.deallocate(live, 64);
    });
    other.join();
    CHECK(taken_after_recycling == made_here);
}

namespace {
MachineState with_r6(std::uint64_t n) {
    MachineState state = MachineState::entry(Value::scalar(Scalar::constant(0)));
    state.reg(6) = Value::scalar(Scalar::constant(n));
    return state;
}
}  // namespace

TEST_CASE("a part keeps its memo stamp until something changes it", "[domains][storage]") {
    // Constants from 0x10000 up take no part in the shape: those parts join.
    PartitionedState p = PartitionedState::bottom();
    p.add(with_r6(0x20000), domains::kNoId, 7);
    p.add(with_r6(2), domains::kNoId, 8);
    REQUIRE(p.parts().size() == 2);
    for (std::size_t i = 0; i < p.parts().size(); ++i) {
        CHECK(p.stamps()[i] == (p.parts()[i] == with_r6(2) ? 8U : 7U));
    }
    // Copied or moved into another state, a part keeps its stamp.
    PartitionedState q = PartitionedState::bottom();
    q.join_with(p);
    CHECK(q.stamps() == p.stamps());
    PartitionedState moved = PartitionedState::bottom();
    moved.join_with(PartitionedState(p));
    CHECK(moved.stamps() == p.stamps());
    // Stamps are no part of the value.
    PartitionedState unstamped = PartitionedState::bottom();
    unstamped.add(with_r6(0x20000), domains::kNoId);
    unstamped.add(with_r6(2), domains::kNoId);
    CHECK(unstamped == p);
    // A state joined into a part clears that part's stamp, not the other's.
    q.add(with_r6(0x30000), domains::kNoId, 9);
    REQUIRE(q.parts().size() == 2);
    for (std::size_t i = 0; i < q.parts().size(); ++i) {
        CHECK(q.stamps()[i] == (q.parts()[i] == with_r6(2) ? 8U : 0U));
    }
}

TEST_CASE("a part filed with Covered::Dropped replaces the parts it covers; a join keeps them", "[domains][storage]") {
    MachineState wide = with_r6(0);
    wide.reg(6) = Value::scalar(Scalar::unsigned_range(0, 9));
    REQUIRE(with_r6(2).leq(wide));
    REQUIRE(with_r6(2).shape() != wide.shape());  // parts of their own

    PartitionedState joined = PartitionedState::bottom();
    joined.add(with_r6(2), domains::kNoId);
    joined.add(with_r6(3), domains::kNoId);
    joined.add(wide, domains::kNoId);
    CHECK(joined.parts().size() == 3);  // a join drops nothing (a loop head's parts only grow)

    PartitionedState covering = PartitionedState::bottom();
    covering.add_part(domains::share_part(with_r6(2)), std::nullopt, domains::kNoId, 0,
                      PartitionedState::Covered::Dropped);
    covering.add_part(domains::share_part(with_r6(0x20000)), std::nullopt, domains::kNoId, 0,
                      PartitionedState::Covered::Dropped);
    covering.add_part(domains::share_part(wide), std::nullopt, domains::kNoId, 0, PartitionedState::Covered::Dropped);
    REQUIRE(covering.parts().size() == 2);  // r6 = 2 is within [0, 9]; 0x20000 is not
    CHECK(covering.leq(joined) == false);   // r6 = 0x20000 is in no part of `joined`
    for (const MachineState& part : joined.parts()) {
        PartitionedState one = PartitionedState::of(part);
        CHECK(one.leq(covering));  // nothing dropped is lost
    }
    // A part covered by one already there is not filed.
    covering.add_part(domains::share_part(with_r6(5)), std::nullopt, domains::kNoId, 0,
                      PartitionedState::Covered::Dropped);
    CHECK(covering.parts().size() == 2);
}

TEST_CASE("a part filed with Covered::Unchecked is kept though a part covers it; the next join prunes it",
          "[domains][storage]") {
    MachineState wide = with_r6(0);
    wide.reg(6) = Value::scalar(Scalar::unsigned_range(0, 9));
    REQUIRE(with_r6(5).leq(wide));
    REQUIRE(with_r6(5).shape() != wide.shape());

    PartitionedState edge = PartitionedState::bottom();
    edge.add_part(domains::share_part(wide), std::nullopt, domains::kNoId, 0, PartitionedState::Covered::Unchecked);
    edge.add_part(domains::share_part(with_r6(5)), std::nullopt, domains::kNoId, 0,
                  PartitionedState::Covered::Unchecked);
    CHECK(edge.parts().size() == 2);  // not compared: r6 = 5 keeps a part of its own
    // A part of a shape already there is still joined into it, checked or not.
    edge.add_part(domains::share_part(with_r6(5)), std::nullopt, domains::kNoId, 0,
                  PartitionedState::Covered::Unchecked);
    CHECK(edge.parts().size() == 2);

    PartitionedState join = PartitionedState::of(wide);
    join.join_with(edge);
    CHECK(join.parts().size() == 1);  // where paths meet, the covered part is pruned
}

TEST_CASE("a state covering the part of its shape takes its place, no join computed", "[domains][storage]") {
    MachineState wider = with_r6(0);
    wider.reg(6) = Value::scalar(Scalar::unsigned_range(0x10000, 0x40000));
    REQUIRE(with_r6(0x20000).shape() == wider.shape());  // constants from 0x10000 up take no part in the shape
    PartitionedState p = PartitionedState::bottom();
    p.add(with_r6(0x20000), domains::kNoId, 7);
    const domains::SharedPart grown = domains::share_part(wider);
    p.add_shared(grown, domains::kNoId, 9);
    REQUIRE(p.parts().size() == 1);
    CHECK(p.shared_part(0) == grown);  // the very part added, with its stamp
    CHECK(p.stamps()[0] == 9U);
    // Neither covering the other: joined (a new part, no stamp).
    MachineState other = with_r6(0);
    other.reg(6) = Value::scalar(Scalar::unsigned_range(0x50000, 0x60000));
    REQUIRE(other.shape() == wider.shape());
    p.add(other, domains::kNoId, 11);
    REQUIRE(p.parts().size() == 1);
    CHECK(p.shared_part(0) != grown);
    CHECK(p.stamps()[0] == 0U);
    CHECK(wider.leq(p.parts()[0]));
    CHECK(other.leq(p.parts()[0]));
}

TEST_CASE("parts are shared between copies and copied before a write", "[domains][storage]") {
    PartitionedState p = PartitionedState::bottom();
    p.add(with_r6(0x20000), domains::kNoId, 7);
    p.add(with_r6(2), domains::kNoId, 8);
    // A copy holds the very same parts.
    PartitionedState q = p;
    for (std::size_t i = 0; i < p.parts().size(); ++i) {
        CHECK(q.shared_part(i) == p.shared_part(i));
    }
    // Written, the copy's part is its own: the original keeps its value.
    q.add(with_r6(0x30000), domains::kNoId);
    PartitionedState expected = PartitionedState::bottom();
    expected.add(with_r6(0x20000), domains::kNoId);
    expected.add(with_r6(2), domains::kNoId);
    CHECK(p == expected);
    CHECK(!(q == p));
    // Joined, widened or narrowed with the very same part, a part is unchanged
    // (and keeps its stamp); so is a state that covers itself.
    PartitionedState r = p;
    r.join_with(p);
    CHECK(r == p);
    CHECK(r.stamps() == p.stamps());
    r.widen_with(p, {});
    CHECK(r == p);
    r.narrow_with(p);
    CHECK(r == p);
    CHECK(p.leq(r));
    CHECK(r.leq(p));
    // The parts out as states.
    const std::vector<MachineState> states = p.parts().to_vector();
    REQUIRE(states.size() == 2);
    CHECK((states[0] == with_r6(2) || states[1] == with_r6(2)));
}

TEST_CASE("a shared part's kept facts are the ones its state gives, and are taken again once written",
          "[domains][storage]") {
    const domains::LoopCounters counter(1U << 6, 0);
    const domains::LoopCounters slot(0, 1ULL << 63);
    for (const std::uint64_t c : {2ULL, 0x20000ULL}) {
        const MachineState s = with_r6(c);
        const domains::SharedPart part = domains::share_part(s);
        const auto& held = domains::part_facts::held(part);
        CHECK(held.shape() == s.shape());
        // Asked under other counters in turn: each answer is that state's.
        for (const domains::LoopCounters& loop : {counter, slot, domains::LoopCounters{}, counter}) {
            CHECK(held.shape_under(loop) == loop.shape_of(s, s.shape()));
            CHECK(held.counts_under(loop).key == loop.counts_of(s).key);
            const auto [shape, counts] = loop.shape_and_counts(s, s.shape());
            CHECK(shape == loop.shape_of(s, s.shape()));
            CHECK(counts.key == loop.counts_of(s).key);
        }
    }
    // A part joined into (written by its only holder) is not described by
    // the facts taken before: past the budget a new state folds into the
    // nearest part, whose r7 then holds a range instead of a constant.
    auto with_r7 = [](std::uint64_t n) {
        MachineState s = with_r6(0x20000);
        s.reg(7) = Value::scalar(Scalar::constant(n));
        return s;
    };
    PartitionedState p = PartitionedState::bottom();
    for (std::uint64_t n = 0; n < domains::kMaxPartitions; ++n) {
        p.add(with_r7(n), domains::kNoId);
    }
    for (std::size_t i = 0; i < p.parts().size(); ++i) {
        CHECK(domains::part_facts::held(p.shared_part(i)).shape() == p.parts()[i].shape());
    }
    p.add(with_r7(domains::kMaxPartitions + 8), domains::kNoId);
    REQUIRE(p.parts().size() == domains::kMaxPartitions);
    bool folded = false;
    for (std::size_t i = 0; i < p.parts().size(); ++i) {
        folded = folded || !p.parts()[i].reg(7).number().is_constant();
        CHECK(domains::part_facts::held(p.shared_part(i)).shape() == p.parts()[i].shape());
    }
    CHECK(folded);
}

TEST_CASE("a state some part covers adds nothing", "[domains][storage]") {
    MachineState range = with_r6(0);
    range.reg(6) = Value::scalar(Scalar::unsigned_range(0, 10));
    PartitionedState p = PartitionedState::bottom();
    p.add(range, domains::kNoId, 7);
    // r6 = 5 is another shape (a small constant), but [0, 10] covers it: the
    // kernel prunes such a state at a visited one (is_state_visited).
    p.add(with_r6(5), domains::kNoId);
    REQUIRE(p.parts().size() == 1);
    CHECK(p.parts()[0] == range);
    CHECK(p.stamps()[0] == 7U);  // unchanged, so still named by its stamp
    // One it does not cover is a part of its own.
    p.add(with_r6(20), domains::kNoId);
    CHECK(p.parts().size() == 2);
}

TEST_CASE("zero extension of a scalar below 2^32 is what the general path makes of it", "[domains][storage]") {
    // Reduced: its own zero extension (the shortcut).
    const Scalar byte = Scalar::unsigned_range(0, 255);
    CHECK(byte.zero_extended_subreg() == byte);
    // A widened bound is left unreduced (widen_with): the general path
    // tightens it by the tnum, and the shortcut must not keep it looser.
    Scalar widened = Scalar::top();
    widened.umin = 345;
    widened.umax = 65535;
    widened.smin = 345;
    widened.smax = 65535;
    widened.u32min = 345;
    widened.u32max = 65535;
    widened.s32min = 345;
    widened.s32max = 65535;
    widened.bits = Tnum{0, 0x1fff};
    Scalar reduced = widened;
    reduced.reduce();
    REQUIRE(reduced.umax == 8191);
    CHECK(widened.zero_extended_subreg() == reduced);
}

TEST_CASE("a remembered ALU result is the one computed afresh", "[domains][storage]") {
    // More operand pairs than the table holds, each asked twice in turn, so
    // that entries are both found and replaced; a thread of its own (a
    // table of its own) computes every result once, as without the table.
    using domains::ArithOp;
    test::Rng rng(11);
    struct Case {
        ArithOp op;
        Scalar a, b;
        bool is64;
    };
    std::vector<Case> cases;
    for (int i = 0; i < 3000; ++i) {
        const auto op = static_cast<ArithOp>(rng() % 13);
        Scalar a = test::random_scalar(rng);
        Scalar b = i % 3 == 0 ? a : test::random_scalar(rng);
        cases.push_back({op, a, b, rng() % 2 == 0});
    }
    std::vector<Scalar> fresh;
    std::thread([&] {
        for (const Case& c : cases) {
            fresh.push_back(domains::scalar_binary(c.op, c.a, c.b, c.is64));
        }
    }).join();
    for (int round = 0; round < 2; ++round) {
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const Case& c = cases[i];
            REQUIRE(domains::scalar_binary(c.op, c.a, c.b, c.is64) == fresh[i]);
            // The same operands under the other width are another question.
            (void)domains::scalar_binary(c.op, c.a, c.b, !c.is64);
        }
    }
}

TEST_CASE("a stack finds each spill by its slot after stores, overwrites and joins", "[domains][storage]") {
    test::Rng rng(5);
    auto agrees = [](const Stack& stack) {
        std::vector<const Value*> by_slot(domains::kStackSlots, nullptr);
        stack.visit_spills([&](int slot, const Value& v) { by_slot[static_cast<std::size_t>(slot)] = &v; });
        for (int slot = 0; slot < domains::kStackSlots; ++slot) {
            REQUIRE(stack.spill(slot) == by_slot[static_cast<std::size_t>(slot)]);
        }
        REQUIRE(stack.spill(-1) == nullptr);
        REQUIRE(stack.spill(domains::kStackSlots) == nullptr);
    };
    for (int trial = 0; trial < 50; ++trial) {
        Stack a = Stack::uninitialised();
        Stack b = Stack::uninitialised();
        for (int step = 0; step < 40; ++step) {
            Stack& s = rng() % 2 == 0 ? a : b;
            const int offset = static_cast<int>(rng() % domains::kStackSize);
            const int width = 1 << (rng() % 4);
            if (rng() % 3 == 0) {
                s.store_unknown(offset - offset % width, width);
            } else {
                const int aligned = offset - offset % 8;
                s.store(aligned, 8, Value::constant(rng() % 4));
            }
            agrees(s);
        }
        Stack joined = a;
        joined.join_with(b);
        agrees(joined);
        Stack widened = a;
        widened.widen_with(b, {});
        agrees(widened);
    }
}

TEST_CASE("a stack's depth, read from its remembered written slots, is its deepest written byte",
          "[domains][storage]") {
    test::Rng rng(11);
    const auto deepest_byte = [](const Stack& stack) {
        for (int i = 0; i < domains::kStackSize; ++i) {
            if (stack.byte(i) != domains::StackByte::Invalid) {
                return domains::kStackSize - i;
            }
        }
        return 0;
    };
    CHECK(Stack::uninitialised().depth() == 0);
    for (int trial = 0; trial < 50; ++trial) {
        Stack s = Stack::uninitialised();
        for (int step = 0; step < 12; ++step) {
            const int width = 1 << (rng() % 4);
            const int offset = static_cast<int>(rng() % domains::kStackSize);
            const int at = offset - offset % width;
            switch (rng() % 4) {
                case 0:
                    s.store_unknown(at, width);  // a byte-wide write in the middle of a slot
                    break;
                case 1: {
                    Value dynptr = Value::unknown_scalar();  // a dynptr's slot counts too
                    dynptr.set_marker(domains::SlotMarker::DynptrFirst);
                    s.store(offset - offset % 8, 8, dynptr);
                    break;
                }
                case 2:
                    s.forget_slots(std::uint64_t{1} << static_cast<unsigned>(rng() % domains::kStackSlots));
                    break;
                default:
                    s.store(offset - offset % 8, 8, Value::constant(rng() % 4));
                    break;
            }
            // Asked after every write: a write forgets the remembered slots.
            REQUIRE(s.depth() == deepest_byte(s));
        }
    }
}
