// The small pure parts of the CI gate: the escapes of GitHub workflow
// commands, suppression comments, kernel target lists, running tasks in
// parallel with results in input order.
#include "cli/batch/parallel.hpp"
#include "cli/ci/policy.hpp"
#include "cli/kernel_targets.hpp"
#include "cli/report/github.hpp"
#include "cli/report/uri.hpp"

#include <catch2/catch.hpp>

#include <atomic>

using namespace bpfcheck::cli;

TEST_CASE("workflow command escapes", "[ci]") {
    CHECK(report::github_escape_data("50% of\r\nlines: a,b") == "50%25 of%0D%0Alines: a,b");
    CHECK(report::github_escape_property("src/a,b:c%.c") == "src/a%2Cb%3Ac%25.c");
    CHECK(report::github_escape_property("plain/path.bpf.c") == "plain/path.bpf.c");
}

TEST_CASE("suppression comments", "[ci]") {
    using Ids = std::set<std::string>;
    CHECK(ci::suppressed_ids("    x = data[4]; // bpfcheck: ignore[packet.bounds] checked by caller") ==
          Ids{"packet.bounds"});
    CHECK(ci::suppressed_ids("f(); /* bpfcheck: ignore[ null.deref , ref.leak ] */") == Ids{"null.deref", "ref.leak"});
    CHECK(ci::suppressed_ids("// bpfcheck: ignore[*] generated") == Ids{"*"});
    CHECK(ci::suppressed_ids("// bpfcheck: ignore packet.bounds").empty());
    CHECK(ci::suppressed_ids("// bpfcheck: ignore[packet.bounds").empty());
    CHECK(ci::suppressed_ids("x = data[4];").empty());
}

TEST_CASE("kernel target lists", "[ci]") {
    const auto targets = parse_kernel_targets(std::string("5.10,6.1.12,6.6"));
    REQUIRE(targets);
    REQUIRE(targets->size() == 3);
    CHECK((*targets)[0].label == "5.10");
    CHECK((*targets)[0].version == ((5U << 16) | (10U << 8)));
    CHECK((*targets)[1].version == ((6U << 16) | (1U << 8) | 12U));
    CHECK(parse_kernel_targets(std::string(""))->empty());
    CHECK(!parse_kernel_targets(std::string("5.10,")));
    CHECK(!parse_kernel_targets(std::string("5.10,six")));
    CHECK(!parse_kernel_targets(std::string("6")));
}

TEST_CASE("URIs relative to the source root", "[ci]") {
    CHECK(report::relative_to_root("/repo/src/a.c", "/repo") == "src/a.c");
    CHECK(report::relative_to_root("/repo/../repo/src/a.c", "/repo/") == "src/a.c");
    CHECK(!report::relative_to_root("/elsewhere/a.c", "/repo"));
    CHECK(report::uri_encode("src/my file#1.c") == "src/my%20file%231.c");
}

TEST_CASE("parallel tasks each write their own slot", "[ci]") {
    for (const unsigned jobs : {1U, 2U, 7U}) {
        std::vector<std::size_t> out(1000);
        std::atomic<int> runs{0};
        batch::run_parallel(
            out.size(), jobs,
            [&](std::size_t i) {
                out[i] = i * i;
                ++runs;
            },
            [](std::size_t) { return std::string(); });
        CHECK(runs == 1000);
        bool ordered = true;
        for (std::size_t i = 0; i < out.size(); ++i) {
            ordered = ordered && out[i] == i * i;
        }
        CHECK(ordered);
    }
}
