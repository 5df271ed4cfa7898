// The explain pipeline's pure parts: register and stack states in every log
// syntax, the saved logs of older kernels and of the tools people paste them
// from (test-data/explain/logs), the catalog, and the evidence of one log.
#include "analyzer/explain/catalog.hpp"
#include "analyzer/explain/explanation.hpp"
#include "analyzer/explain/kernel_log.hpp"
#include "analyzer/explain/register_state.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

using namespace bpfcheck::explain;

std::string fixture(const std::string& name) {
    std::ifstream file(std::string(BPFCHECK_EXPLAIN_LOGS) + "/" + name);
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

KernelLog parsed(const std::string& name) {
    ParsedLog result = parse_kernel_log(fixture(name));
    REQUIRE(result.log.has_value());
    return *result.log;
}

}  // namespace

TEST_CASE("register states of 5.x kernels: inv, invP, _w, fp0,call_-1, stack masks") {
    const auto states =
        parse_states("R1=inv(id=0,umax_value=255,var_off=(0x0; 0xff)) R2_w=invP0 R10=fp0,call_-1 fp-8=mmmm????");
    REQUIRE(states.size() == 4);
    CHECK(states[0].name == "R1");
    CHECK(states[0].type == "scalar");
    CHECK(states[0].fields.at("umax") == "255");
    CHECK(states[0].fields.at("var_off") == "(0x0; 0xff)");
    CHECK_FALSE(states[0].unbounded_scalar());
    CHECK(states[1].name == "R2");
    CHECK(states[1].written);
    CHECK(states[1].precise);
    CHECK(states[1].constant == "0");
    CHECK(states[2].type == "fp");
    CHECK(states[3].name == "fp-8");
    CHECK(states[3].type == "stack");
}

TEST_CASE("register states of 6.x kernels: scalar(...) with chained names, pointers, P prefix") {
    const auto states = parse_states(
        "R0=map_value_or_null(id=1,map=counts,ks=4,vs=8) "
        "R3_w=scalar(smin=umin=smin32=umin32=1,smax=umax=smax32=umax32=63,var_off=(0x0; 0x3f)) R4=Pscalar() "
        "R5=pkt(off=14,r=14) R6=scalar()");
    REQUIRE(states.size() == 5);
    CHECK(states[0].type == "map_value_or_null");
    CHECK(states[0].fields.at("vs") == "8");
    CHECK(states[1].type == "scalar");
    CHECK(states[1].written);
    CHECK(states[1].fields.at("umax") == "63");
    CHECK(states[1].fields.at("smin32") == "1");
    CHECK(states[2].precise);
    CHECK(states[2].type == "scalar");
    CHECK(states[3].fields.at("r") == "14");
    CHECK(states[4].unbounded_scalar());
}

TEST_CASE("a 5.4 level-1 log: states after a branch on their own line, source lines without file") {
    const KernelLog log = parsed("linux-5.4-packet-level1.log");
    CHECK(log.format == "raw");
    CHECK(log.error == "R1 offset is outside of the packet");
    REQUIRE(log.error_insn.has_value());
    CHECK(*log.error_insn == 5);
    CHECK(log.stats.insns_processed == 6U);
    const LogEntry* branch = log.last_insn_entry(4);
    REQUIRE(branch != nullptr);
    CHECK(branch->states.size() == 4);
    CHECK(log.last_insn_entry(5)->source == "return iph->protocol;");
    CHECK(match_catalog(log.error).entry->id == "packet.bounds");
}

TEST_CASE("a 5.4 level-2 log: a state line before every instruction") {
    const KernelLog log = parsed("linux-5.4-map-level2.log");
    CHECK(log.level == 2);
    CHECK(*log.error_insn == 7);
    const Explanation explanation = explain_log(log, nullptr, nullptr);
    CHECK(explanation.id == "null.deref");
    CHECK(explanation.category == Category::Bug);
    bool lookup = false;
    for (const Evidence& item : explanation.evidence) {
        lookup = lookup || (item.insn == 6U && item.why.find("bpf_map_lookup_elem") != std::string::npos);
    }
    CHECK(lookup);
}

TEST_CASE("a 5.10 log with precision-tracking lines") {
    const KernelLog log = parsed("linux-5.10-index-level1.log");
    CHECK(*log.error_insn == 10);
    const Explanation explanation = explain_log(log, nullptr, nullptr);
    CHECK(explanation.catalog_key == "pkt_pointer_math_unbounded");
    bool shift = false;
    for (const Evidence& item : explanation.evidence) {
        shift = shift || (item.insn == 9U && item.why.starts_with("R6"));
    }
    CHECK(shift);
}

TEST_CASE("wrappers: libbpf 0.x and 1.x, bpftool -d, cilium/ebpf, veristat -v") {
    struct Expected {
        const char* file;
        const char* format;
        const char* program;
        const char* key;
    };
    for (const Expected& expected : {
             Expected{"libbpf-0.x-wrapper.txt", "libbpf", "", "exit_range"},
             Expected{"libbpf-1.x-wrapper.txt", "libbpf", "xdp_prog", "packet_bounds"},
             Expected{"bpftool-d.txt", "bpftool", "xdp_prog", "packet_bounds"},
             Expected{"cilium-one-line.txt", "cilium", "xdp_prog", "packet_bounds"},
             Expected{"cilium-verbose.txt", "cilium", "xdp_prog", "packet_bounds"},
             Expected{"veristat-v.txt", "veristat", "", "packet_bounds"},
         }) {
        INFO(expected.file);
        const KernelLog log = parsed(expected.file);
        CHECK(log.format == expected.format);
        CHECK(log.program == expected.program);
        const CatalogMatch match = match_catalog(log.error);
        REQUIRE(match.entry != nullptr);
        CHECK(match.entry->key == expected.key);
        if (std::string(expected.key) == "packet_bounds" && std::string(expected.format) != "cilium") {
            const Explanation explanation = explain_log(log, nullptr, nullptr);
            CHECK(explanation.line == 14);
            CHECK(explanation.file == "xdp.c");
        }
    }
    const KernelLog one_line = parsed("cilium-one-line.txt");
    CHECK(one_line.error == "R2 offset is outside of the packet");
    CHECK_FALSE(one_line.notes.empty());
}

TEST_CASE("a cut log says what is missing; text that is no log is refused") {
    const KernelLog log = parsed("truncated.txt");
    CHECK(log.error.empty());
    CHECK(log.entries.size() == 5);
    CHECK(log.notes.size() >= 2);
    const Explanation explanation = explain_log(log, nullptr, nullptr);
    CHECK(explanation.id == "log.incomplete");
    CHECK_FALSE(parse_kernel_log(fixture("not-a-log.txt")).log.has_value());
}

TEST_CASE("the catalog: at least 80 entries, unique keys, check-id families, every pattern compiles") {
    CHECK(catalog().size() >= 80);
    std::set<std::string_view> keys;
    for (const CatalogEntry& entry : catalog()) {
        INFO(entry.key);
        CHECK(keys.insert(entry.key).second);
        CHECK(entry.id.find('.') != std::string_view::npos);
        CHECK_FALSE(entry.explanation.empty());
        CHECK_FALSE(entry.fix.empty());
        CHECK_NOTHROW(std::regex(std::string(entry.pattern)));
    }
    CHECK(match_catalog("unreachable insn 7").insn == 7U);
    CHECK(match_catalog("the call stack of 8 frames is too deep !").entry->key == "recursion");
    CHECK(match_catalog("the call stack of 9 frames is too deep").entry->key == "call_depth");
    CHECK(match_catalog("hello").entry == nullptr);
}
