// The loop blocks' checks run in the fixpoint's walk (deferred_checks.hpp):
// adopted only when the parts checked at each block are exactly its
// converged entry state's, nothing was reported, the walk did not give up,
// and the facts do not conflict with the checking pass's sink.
#include "analyzer/engine/deferred_checks.hpp"

#include <catch2/catch.hpp>

#include <map>

using bpfcheck::analyzer::CheckSink;
using bpfcheck::analyzer::DeferredChecks;
using bpfcheck::analyzer::Reporter;
using bpfcheck::domains::MachineState;
using bpfcheck::domains::PartitionedState;
using bpfcheck::domains::Scalar;
using bpfcheck::domains::share_part;
using bpfcheck::domains::SharedPart;
using bpfcheck::domains::Value;

namespace {

SharedPart part(std::uint64_t n) {
    MachineState state = MachineState::entry(Value::scalar(Scalar::constant(0)));
    state.reg(6) = Value::scalar(Scalar::constant(n));
    return share_part(std::move(state));
}

// Block 3's converged entry state: the parts given (iterations apart: r6 differs).
struct Converged {
    std::map<std::uint32_t, PartitionedState> pre;
    [[nodiscard]] auto lookup() const {
        return [this](std::uint32_t block) -> const PartitionedState* {
            const auto found = pre.find(block);
            return found == pre.end() ? nullptr : &found->second;
        };
    }
};

Converged block3_of(const std::vector<SharedPart>& parts) {
    Converged converged;
    PartitionedState state = PartitionedState::bottom();
    for (const SharedPart& p : parts) {
        state.add_part(p, std::nullopt, 0, 0, PartitionedState::Covered::Kept);
    }
    converged.pre.emplace(3, std::move(state));
    return converged;
}

const std::vector<std::uint32_t> kLoopBlocks{3};

}  // namespace

TEST_CASE("checks that covered exactly the converged parts are adopted, their facts merged", "[analyzer][deferred]") {
    const SharedPart a = part(1);
    const SharedPart b = part(2);
    const Converged converged = block3_of({a, b});
    REQUIRE(converged.pre.at(3).parts().size() == 2);
    DeferredChecks deferred;
    CHECK(deferred.claim(3, a));
    CHECK(deferred.claim(3, b));
    CHECK_FALSE(deferred.claim(3, a));  // walked again: no second check
    deferred.sink().base_kinds.emplace(40, 1);
    deferred.sink().touched_depths = {0, 24};
    Reporter reporter;
    CheckSink into(reporter);
    into.touched_depths = {16};
    CHECK(deferred.adopt(kLoopBlocks, converged.lookup(), into));
    CHECK(into.base_kinds.at(40) == 1);
    CHECK(into.touched_depths == std::vector<int>{16, 24});
}

TEST_CASE("checks that missed a converged part, or checked one widened away, are not adopted", "[analyzer][deferred]") {
    const SharedPart a = part(1);
    const SharedPart b = part(2);
    Reporter reporter;
    CheckSink into(reporter);
    SECTION("a part never checked") {
        DeferredChecks deferred;
        deferred.claim(3, a);
        CHECK_FALSE(deferred.adopt(kLoopBlocks, block3_of({a, b}).lookup(), into));
    }
    SECTION("a checked part that is not in the converged state") {
        DeferredChecks deferred;
        deferred.claim(3, a);
        deferred.claim(3, part(9));
        CHECK_FALSE(deferred.adopt(kLoopBlocks, block3_of({a, b}).lookup(), into));
    }
    SECTION("a block outside the loop blocks") {
        DeferredChecks deferred;
        deferred.claim(3, a);
        deferred.claim(3, b);
        deferred.claim(7, a);
        CHECK_FALSE(deferred.adopt(kLoopBlocks, block3_of({a, b}).lookup(), into));
    }
}

TEST_CASE("checks that reported, gave up, or conflict with the pass's facts are not adopted", "[analyzer][deferred]") {
    const SharedPart a = part(1);
    const Converged converged = block3_of({a});
    Reporter reporter;
    CheckSink into(reporter);
    SECTION("a diagnostic") {
        DeferredChecks deferred;
        deferred.claim(3, a);
        deferred.sink().reporter.warning("uninit.stack", 12, "read of bytes never written");
        CHECK_FALSE(deferred.adopt(kLoopBlocks, converged.lookup(), into));
    }
    SECTION("given up (a callee checked, a call split a state)") {
        DeferredChecks deferred;
        deferred.claim(3, a);
        deferred.give_up();
        CHECK_FALSE(deferred.adopt(kLoopBlocks, converged.lookup(), into));
    }
    SECTION("an instruction seen with two pointer kinds") {
        DeferredChecks deferred;
        deferred.claim(3, a);
        deferred.sink().mixed_base_kinds.push_back(40);
        CHECK_FALSE(deferred.adopt(kLoopBlocks, converged.lookup(), into));
    }
    SECTION("a kind the pass's sink holds otherwise") {
        DeferredChecks deferred;
        deferred.claim(3, a);
        deferred.sink().base_kinds.emplace(40, 1);
        into.base_kinds.emplace(40, 2);
        CHECK_FALSE(deferred.adopt(kLoopBlocks, converged.lookup(), into));
        CHECK(into.base_kinds.at(40) == 2);  // nothing merged
    }
}
