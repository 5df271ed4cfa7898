// Unit tests of three pieces that decide precision on real code: register
// liveness (dead registers are forgotten at block entries in loops), loop
// counters (what the partitions keep apart), and the context width rules
// (context_width_allowed), the latter on facts probed on a running 6.18
// kernel for bpf_sock_addr, bpf_sock_ops and bpf_sock.
#include "analyzer/engine/register_liveness.hpp"
#include "analyzer/platform/program_type.hpp"
#include "analyzer/termination/loop_counters.hpp"
#include "analyzer/termination/loop_walk.hpp"
#include "tests/analyzer/instruction_builders.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include <string_view>
#include <vector>

using namespace bpfcheck;
using namespace bpfcheck::test_insns;  // NOLINT(google-build-using-namespace)
using analyzer::RegisterMask;

namespace {

constexpr RegisterMask bit(int r) {
    return static_cast<RegisterMask>(1U << r);
}

}  // namespace

TEST_CASE("liveness: a register overwritten before any read is dead at the block entry") {
    // 0: r0 = 0; 1: r3 = 7 (never read); 2: r6 = 0
    // 3: r6 += 24; 4: if r6 != 144 goto 3; 5: exit
    const std::vector<isa::Instruction> insns{
        mov(0, 0), mov(3, 7), mov(6, 0), add(6, 24), jump_if(isa::JumpCond::Ne, 6, 144, -2), isa::Exit{},
    };
    const cfg::Cfg graph = single_function(insns);
    const auto live = analyzer::live_in_registers(graph, insns);
    const auto loop_block = graph.block_of(3);
    CHECK((live[loop_block] & bit(6)) != 0);         // the counter is read by the step and the test
    CHECK((live[loop_block] & bit(0)) != 0);         // r0 is read by exit
    CHECK((live[loop_block] & bit(3)) == 0);         // r3 is never read
    CHECK((live[graph.block_of(0)] & bit(0)) == 0);  // written first
}

TEST_CASE("loop counters: stepped by a constant and compared, inside the loop only") {
    const std::vector<isa::Instruction> insns{
        mov(0, 0), mov(7, 0), mov(6, 0), add(6, 24), add(7, 296), jump_if(isa::JumpCond::Ne, 6, 144, -3), isa::Exit{},
    };
    const cfg::Cfg graph = single_function(insns);
    const auto counters = analyzer::loop_counter_registers(graph, insns);
    CHECK(counters[graph.block_of(3)] == bit(6));  // r7 moves along but is never compared
    CHECK(counters[graph.block_of(0)] == 0);
}

TEST_CASE("loop counters: a counter compared through clang's 32-bit extension of a copy") {
    // 0: r8 = 0; 1: r8 += 1 (head); 2: r1 = r8; 3: r1 <<= 32; 4: r1 >>= 32 (or s>>= 32)
    // 5: if r1 != 60 goto 1; 6: exit. `int i` without alu32 (-mcpu=v2) tests the copy.
    const auto counters_with = [](isa::AluOp down, std::uint8_t copied) {
        const auto shift = [](isa::AluOp op) {
            return isa::Instruction{isa::Alu{op, true, 1, isa::Operand{false, 0, 32}, 0}};
        };
        const std::vector<isa::Instruction> insns{
            mov(8, 0),
            add(8, 1),
            isa::Alu{isa::AluOp::Mov, true, 1, isa::Operand{true, copied, 0}, 0},
            shift(isa::AluOp::Lsh),
            shift(down),
            jump_if(isa::JumpCond::Ne, 1, 60, -5),
            isa::Exit{},
        };
        const cfg::Cfg graph = single_function(insns);
        return analyzer::loop_counter_registers(graph, insns)[graph.block_of(1)];
    };
    CHECK(counters_with(isa::AluOp::Rsh, 8) == bit(8));
    CHECK(counters_with(isa::AluOp::Arsh, 8) == bit(8));
    CHECK(counters_with(isa::AluOp::Rsh, 7) == 0);  // a copy of another register: r8 is never compared
    // No extension (r1 += 32): r1 is another number, stepped and compared itself.
    CHECK(counters_with(isa::AluOp::Add, 8) == bit(1));
}

TEST_CASE("loop counters: a register written afresh in each iteration carries no iteration") {
    // 0: r6 = 0
    // 1: r2 = 5 (the loop's head: a value loaded each iteration)
    // 2: r2 += 1; 3: if r2 == 2 goto 5; 4: r0 = 0
    // 5: r6 += 24; 6: if r6 != 144 goto 1; 7: r0 = 0; 8: exit
    const std::vector<isa::Instruction> insns{
        mov(6, 0),
        mov(2, 5),
        add(2, 1),
        jump_if(isa::JumpCond::Eq, 2, 2, 1),
        mov(0, 0),
        add(6, 24),
        jump_if(isa::JumpCond::Ne, 6, 144, -6),
        mov(0, 0),
        isa::Exit{},
    };
    const cfg::Cfg graph = single_function(insns);
    const auto stepped_and_compared = analyzer::loop_counter_registers(graph, insns);
    CHECK(stepped_and_compared[graph.block_of(1)] == (bit(2) | bit(6)));
    const auto carried =
        analyzer::carried_loop_counters(graph, stepped_and_compared, analyzer::live_in_registers(graph, insns));
    CHECK(carried[graph.block_of(1)] == bit(6));  // r2 is dead where the back edge enters
    CHECK(carried[graph.block_of(5)] == bit(6));
    CHECK(carried[graph.block_of(0)] == 0);
}

TEST_CASE("exact-exit counters: one step, tested in its block against a whole number of steps") {
    // 0: r8 = 0; 1: r0 = r8 (the loop's head); 2: r8 += 24; 3: if r8 != 1536 goto 1; 4: exit
    const auto loop = [](std::int64_t step, std::int64_t end, bool second_write) {
        std::vector<isa::Instruction> insns{mov(8, 0), mov(0, 0), add(8, step), jump_if(isa::JumpCond::Ne, 8, end, -3),
                                            isa::Exit{}};
        if (second_write) {
            insns[1] = add(8, step);  // two steps between tests: the counter could pass the end
        }
        const cfg::Cfg graph = single_function(insns);
        return analyzer::exact_exit_counters(graph, graph.functions().front().wto, insns)[graph.block_of(2)];
    };
    const auto ranges = loop(24, 1536, false);
    REQUIRE(ranges.size() == 1);
    CHECK(ranges[0].reg == 8);
    CHECK(ranges[0].lo == 0);
    CHECK(ranges[0].hi == 1512);  // 1536 itself only between the step and the test
    CHECK(ranges[0].modulus == 24);
    CHECK(loop(24, 1540, false).empty());   // not a whole number of steps: the counter passes 1540
    CHECK(loop(-24, 1536, false).empty());  // moving away from the end
    CHECK(loop(24, 1536, true).empty());
}

TEST_CASE("exact-exit counters: an int counting down, its low 32 bits tested against -1 held in a register") {
    // for (int i = 255; i >= 0; i--) as clang compiles it:
    // 0: r1 = 255; 1: r0 = 0 (the head); 2: r1 += -1; 3: r3 = r1; 4: r3 <<= 32; 5: r3 >>= 32;
    // 6-7: r2 = 0xffffffff ll; 8: if r3 != r2 goto 1; 9: exit
    const auto loop = [](bool copy_before_step) {
        const auto shift = [](isa::AluOp op) { return isa::Alu{op, true, 3, isa::Operand{false, 0, 32}, 0}; };
        std::vector<isa::Instruction> insns{mov(1, 255),
                                            mov(0, 0),
                                            add(1, -1),
                                            isa::Alu{isa::AluOp::Mov, true, 3, isa::Operand{true, 1, 0}, 0},
                                            shift(isa::AluOp::Lsh),
                                            shift(isa::AluOp::Rsh),
                                            isa::LoadImm64{2, isa::Imm64Kind::Value, -1, 0},
                                            isa::Imm64Tail{},
                                            isa::Jump{isa::JumpCond::Ne, false, 3, isa::Operand{true, 2, 0}, -8, false},
                                            isa::Exit{}};
        if (copy_before_step) {
            // r3 = r1; r3 <<= 32; r3 >>= 32; r1 += -1: the test sees the counter before its step
            std::rotate(insns.begin() + 2, insns.begin() + 3, insns.begin() + 6);
        }
        const cfg::Cfg graph = single_function(insns);
        return analyzer::exact_exit_counters(graph, graph.functions().front().wto, insns)[graph.block_of(2)];
    };
    const auto ranges = loop(false);
    REQUIRE(ranges.size() == 1);
    CHECK(ranges[0].reg == 1);
    CHECK(ranges[0].lo == 0);  // the low bits are 0xffffffff first at -1
    CHECK(ranges[0].hi == 255);
    CHECK(ranges[0].modulus == 1);
    CHECK(loop(true).empty());

    // A counter entering from `r1 = INT64_MAX ll`: no distance to -1 fits in 64 bits, so no range.
    std::vector<isa::Instruction> far{isa::LoadImm64{1, isa::Imm64Kind::Value, -1, 0x7fffffff},
                                      isa::Imm64Tail{},
                                      mov(0, 0),
                                      add(1, -1),
                                      jump_if(isa::JumpCond::Ne, 1, -1, -3),
                                      isa::Exit{}};
    const cfg::Cfg graph = single_function(far);
    CHECK(analyzer::exact_exit_counters(graph, graph.functions().front().wto, far)[graph.block_of(3)].empty());
}

TEST_CASE("exact-exit counters: none for a loop also entered past its head") {
    // 0: r8 = 1560; 1: if r2 == 7 goto 6; 2: r0 = 0; 3: r8 += 24;
    // 4: if r8 != 1536 goto 2; 5: exit; 6: r8 = 0; 7: goto 3
    // Two entries: the first one walked (the WTO's head, 3) brings 0, the
    // other (2) 1560, from which the counter never meets 1536.
    const std::vector<isa::Instruction> insns{
        mov(8, 1560),
        jump_if(isa::JumpCond::Eq, 2, 7, 4),
        mov(0, 0),
        add(8, 24),
        jump_if(isa::JumpCond::Ne, 8, 1536, -3),
        isa::Exit{},
        mov(8, 0),
        isa::Jump{isa::JumpCond::Always, false, 0, isa::Operand{false, 0, 0}, -5, false},
    };
    const cfg::Cfg graph = single_function(insns);
    const auto ranges = analyzer::exact_exit_counters(graph, graph.functions().front().wto, insns);
    CHECK(ranges[graph.block_of(3)].empty());
    CHECK(ranges[graph.block_of(2)].empty());
}

TEST_CASE("context widths: bpf_sock_addr's IPv6 arrays are u32 fields, wide where 8-aligned") {
    const auto& type = analyzer::find_program_type("cgroup_sock_addr");
    auto field_at = [&](std::uint32_t off) -> const analyzer::ContextField& {
        for (const auto& f : type.fields) {
            if (off >= f.offset && off < f.offset + f.size) {
                return f;
            }
        }
        FAIL("no field at " << off);
        return type.fields.front();
    };
    for (std::uint32_t off : {8U, 12U, 16U, 20U}) {
        CHECK(analyzer::context_width_allowed(field_at(off), off, 4, true));  // user_ip6[i] = x
        CHECK(analyzer::context_width_allowed(field_at(off), off, 1, false));
        CHECK_FALSE(analyzer::context_width_allowed(field_at(off), off, 2, true));
    }
    CHECK(analyzer::context_width_allowed(field_at(8), 8, 8, true));
    CHECK(analyzer::context_width_allowed(field_at(16), 16, 8, false));
    CHECK_FALSE(analyzer::context_width_allowed(field_at(12), 12, 8, true));  // off % size
    CHECK_FALSE(analyzer::context_width_allowed(field_at(44), 44, 8, true));  // msg_src_ip6[0] is not 8-aligned
    CHECK(analyzer::context_width_allowed(field_at(48), 48, 8, true));
    CHECK_FALSE(analyzer::context_width_allowed(field_at(56), 56, 8, false));  // past msg_src_ip6[3]
    CHECK(analyzer::context_width_allowed(field_at(24), 26, 2, false));        // user_port, narrow
    CHECK_FALSE(analyzer::context_width_allowed(field_at(28), 28, 2, false));  // family: 4 bytes only
    CHECK(analyzer::context_field_available(type, "cgroup_inet6_connect", field_at(8)));
    CHECK_FALSE(analyzer::context_field_available(type, "cgroup_inet4_connect", field_at(8)));
    CHECK_FALSE(analyzer::context_field_available(type, "cgroup_inet6_connect", field_at(44)));
    CHECK(analyzer::context_field_available(type, "cgroup_udp6_sendmsg", field_at(44)));
}

TEST_CASE("context widths: sock_ops writes reply and sk_txhash, narrow only skb_tcp_flags at its start") {
    const auto& type = analyzer::find_program_type("sock_ops");
    auto allowed = [&](std::uint32_t off, int width, bool write) {
        for (const auto& f : type.fields) {
            if (off >= f.offset && off < f.offset + f.size && context_width_allowed(f, off, width, write) &&
                (!write || f.access == analyzer::FieldAccess::ReadWrite)) {
                return true;
            }
        }
        return false;
    };
    CHECK(allowed(4, 4, true));         // reply
    CHECK_FALSE(allowed(8, 4, true));   // args[1]
    CHECK(allowed(164, 4, true));       // sk_txhash
    CHECK_FALSE(allowed(0, 1, false));  // op, narrow
    CHECK(allowed(212, 1, false));
    CHECK_FALSE(allowed(214, 2, false));
    CHECK(allowed(216, 8, false));  // skb_hwtstamp
}

TEST_CASE("context widths: bpf_sock.dst_port is a 2-byte field also read as a u32") {
    const auto& type = analyzer::find_program_type("cgroup_sock");
    auto allowed = [&](std::uint32_t off, int width) {
        for (const auto& f : type.fields) {
            if (off >= f.offset && off < f.offset + f.size && context_width_allowed(f, off, width, false)) {
                return true;
            }
        }
        return false;
    };
    CHECK(allowed(48, 4));
    CHECK(allowed(48, 2));
    CHECK(allowed(49, 1));
    CHECK_FALSE(allowed(50, 2));
    CHECK_FALSE(allowed(51, 1));
    CHECK_FALSE(allowed(5, 1));  // family: narrow only at its start
    CHECK(allowed(25, 1));       // src_ip4: narrow anywhere
}

TEST_CASE("program types: those bpf_prog_load refuses without CAP_PERFMON are is_perfmon_prog_type's") {
    for (const std::string_view name : {"kprobe", "tracepoint", "perf_event", "raw_tracepoint",
                                        "raw_tracepoint_writable", "tracing", "lsm", "struct_ops", "ext"}) {
        INFO(name);
        CHECK(analyzer::find_program_type(name).needs_perfmon);
    }
    for (const std::string_view name : {"socket_filter", "cgroup_skb", "sched_cls", "xdp", "cgroup_sock_addr",
                                        "sk_lookup", "syscall", "flow_dissector", "sock_ops"}) {
        INFO(name);
        CHECK_FALSE(analyzer::find_program_type(name).needs_perfmon);
    }
}
