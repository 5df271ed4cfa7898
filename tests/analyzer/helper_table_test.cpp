// Helper table tests: the table covers every helper id the kernel UAPI defines
// (1..211, bpf_unspec excluded) under the ISA's names, is internally consistent
// (memory arguments carry a size, argument lists have no gaps, references are
// released by the helpers the verifier knows), and matches a handful of facts
// checked by hand against the kernel sources (struct bpf_func_proto, the
// verifier's is_acquire_function, bpf_helper_changes_pkt_data) and the release
// that introduced each helper. If the running kernel exposes its BTF, its
// enum bpf_func_id is compared with the table's ids and names too.
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "cfg/isa/helper_names.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace bpfcheck::analyzer;

namespace {

constexpr std::int32_t kFirstId = 1;
constexpr std::int32_t kLastId = 211;

using A = ArgKind;
using R = ReturnKind;
using Args = std::array<ArgKind, 5>;

HelperPrototype helper(std::string_view name) {
    for (const HelperPrototype& h : all_helpers()) {
        if (h.name == name) {
            return h;
        }
    }
    FAIL("no helper named " << name);
    return {};
}

bool is_sized_memory(ArgKind kind) {
    switch (kind) {
        case A::ReadableMem:
        case A::ReadableMemOrNull:
        case A::WritableMem:
        case A::WritableMemOrNull:
        case A::ReadWriteMem:
        case A::ReadWriteMemOrNull:
            return true;
        default:
            return false;
    }
}

bool is_size(ArgKind kind) {
    return kind == A::ConstSize || kind == A::ConstSizeOrZero;
}

// BTF type kinds (include/uapi/linux/btf.h).
enum BtfKind : unsigned {
    kBtfInt = 1,
    kBtfPtr,
    kBtfArray,
    kBtfStruct,
    kBtfUnion,
    kBtfEnum,
    kBtfFwd,
    kBtfTypedef,
    kBtfVolatile,
    kBtfConst,
    kBtfRestrict,
    kBtfFunc,
    kBtfFuncProto,
    kBtfVar,
    kBtfDatasec,
    kBtfFloat,
    kBtfDeclTag,
    kBtfTypeTag,
    kBtfEnum64,
};

// Bytes that follow a struct btf_type of `kind` with `vlen` members, or nullopt
// for a kind this reader does not know.
std::optional<std::size_t> btf_trailer_size(unsigned kind, std::size_t vlen) {
    switch (kind) {
        case kBtfPtr:
        case kBtfFwd:
        case kBtfTypedef:
        case kBtfVolatile:
        case kBtfConst:
        case kBtfRestrict:
        case kBtfFunc:
        case kBtfFloat:
        case kBtfTypeTag:
            return 0;
        case kBtfInt:
        case kBtfVar:
        case kBtfDeclTag:
            return 4;
        case kBtfArray:
            return 12;
        case kBtfEnum:
        case kBtfFuncProto:
            return 8 * vlen;
        case kBtfStruct:
        case kBtfUnion:
        case kBtfDatasec:
        case kBtfEnum64:
            return 12 * vlen;
        default:
            return std::nullopt;
    }
}

// The enumerators of enum bpf_func_id in the running kernel's BTF, or nullopt
// when /sys/kernel/btf/vmlinux is missing, unreadable or not understood.
std::optional<std::vector<std::pair<std::string, std::int64_t>>> kernel_func_ids() {
    std::ifstream in("/sys/kernel/btf/vmlinux", std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    const std::vector<char> data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto u16 = [&](std::size_t off) {
        std::uint16_t v = 0;
        std::memcpy(&v, data.data() + off, sizeof v);
        return v;
    };
    const auto u32 = [&](std::size_t off) {
        std::uint32_t v = 0;
        std::memcpy(&v, data.data() + off, sizeof v);
        return v;
    };
    if (data.size() < 24 || u16(0) != 0xEB9F) {
        return std::nullopt;
    }
    const std::size_t hdr_len = u32(4);
    const std::size_t types = hdr_len + u32(8);
    const std::size_t types_end = types + u32(12);
    const std::size_t strings = hdr_len + u32(16);
    const std::size_t strings_end = strings + u32(20);
    if (types_end > data.size() || strings_end > data.size()) {
        return std::nullopt;
    }
    const auto name_at = [&](std::uint32_t off) {
        std::string name;
        for (std::size_t i = strings + off; i < strings_end && data[i] != '\0'; ++i) {
            name.push_back(data[i]);
        }
        return name;
    };

    std::vector<std::pair<std::string, std::int64_t>> enumerators;
    for (std::size_t pos = types; pos + 12 <= types_end;) {
        const std::uint32_t name_off = u32(pos);
        const std::uint32_t info = u32(pos + 4);
        const unsigned kind = (info >> 24) & 0x1f;
        const std::size_t vlen = info & 0xffff;
        const auto trailer = btf_trailer_size(kind, vlen);
        pos += 12;
        if (!trailer || pos + *trailer > types_end) {
            return std::nullopt;
        }
        if ((kind == kBtfEnum || kind == kBtfEnum64) && name_at(name_off) == "bpf_func_id") {
            const std::size_t stride = kind == kBtfEnum ? 8 : 12;
            for (std::size_t e = pos; e < pos + *trailer; e += stride) {
                const std::int64_t value = kind == kBtfEnum ? static_cast<std::int32_t>(u32(e + 4))
                                                            : static_cast<std::int64_t>(u32(e + 4)) |
                                                                  (static_cast<std::int64_t>(u32(e + 8)) << 32);
                enumerators.emplace_back(name_at(u32(e)), value);
            }
        }
        pos += *trailer;
    }
    if (enumerators.empty()) {
        return std::nullopt;
    }
    return enumerators;
}

}  // namespace

TEST_CASE("every helper id 1..211 is described exactly once, in id order", "[helper_table]") {
    const auto helpers = all_helpers();
    REQUIRE(helpers.size() == static_cast<std::size_t>(kLastId - kFirstId + 1));
    std::set<std::int32_t> seen;
    for (std::size_t i = 0; i < helpers.size(); ++i) {
        INFO("index " << i);
        CHECK(helpers[i].id == static_cast<std::int32_t>(i) + kFirstId);
        CHECK(seen.insert(helpers[i].id).second);
    }
    CHECK(*seen.begin() == kFirstId);
    CHECK(*seen.rbegin() == kLastId);

    for (std::int32_t id = kFirstId; id <= kLastId; ++id) {
        const auto h = find_helper(id);
        REQUIRE(h.has_value());
        CHECK(h->id == id);
    }
    CHECK_FALSE(find_helper(0).has_value());  // bpf_unspec is not a helper
    CHECK_FALSE(find_helper(-1).has_value());
    CHECK_FALSE(find_helper(kLastId + 1).has_value());
    CHECK_FALSE(find_helper(1 << 20).has_value());
}

TEST_CASE("names are the ISA's helper names", "[helper_table]") {
    REQUIRE(bpfcheck::isa::helper_count() == kLastId + 1);
    for (const HelperPrototype& h : all_helpers()) {
        INFO("helper " << h.id);
        CHECK(h.name == bpfcheck::isa::helper_name(h.id));
    }
}

TEST_CASE("memory arguments are followed by their size, and sizes follow memory", "[helper_table]") {
    // The kernel pairs ARG_PTR_TO_MEM-like arguments with an ARG_CONST_SIZE{,_OR_ZERO}
    // in the next slot (check_arg_pair_ok); fixed-size memory needs no size.
    for (const HelperPrototype& h : all_helpers()) {
        INFO(h.name);
        for (std::size_t i = 0; i < h.args.size(); ++i) {
            INFO("argument " << i);
            if (is_sized_memory(h.args[i])) {
                REQUIRE(i + 1 < h.args.size());
                CHECK(is_size(h.args[i + 1]));
            }
            if (is_size(h.args[i])) {
                REQUIRE(i > 0);
                CHECK(is_sized_memory(h.args[i - 1]));
            }
        }
    }
}

TEST_CASE("argument lists have no gaps and references are consistent", "[helper_table]") {
    for (const HelperPrototype& h : all_helpers()) {
        INFO(h.name);
        bool ended = false;
        for (ArgKind kind : h.args) {
            if (kind == A::None) {
                ended = true;
            } else {
                CHECK_FALSE(ended);
            }
        }
        if (h.releases_arg >= 0) {
            REQUIRE(h.releases_arg < 5);
            CHECK(h.args[static_cast<std::size_t>(h.releases_arg)] != A::None);
        } else {
            CHECK(h.releases_arg == -1);
        }
        if (h.acquires) {
            CHECK(h.ret != R::Integer);
            CHECK(h.ret != R::Void);
        }
        if (h.ret == R::RingbufRecordOrNull) {
            CHECK(h.acquires);
        }
    }
}

TEST_CASE("introduction versions are plausible and never decrease with the id", "[helper_table]") {
    // Helper ids are appended to __BPF_FUNC_MAPPER as helpers are merged, so a
    // helper with a higher id never reached a release earlier than one with a
    // lower id (it can reach the same one).
    std::uint16_t previous = 0;
    for (const HelperPrototype& h : all_helpers()) {
        INFO(h.name << " since " << h.since);
        CHECK(h.since >= 319);  // the map helpers of 3.19 are the oldest
        CHECK(h.since <= 602);  // helpers were frozen after 6.2
        CHECK(h.since % 100 < 21);
        CHECK(((h.since / 100 == 3 && h.since % 100 == 19) || h.since / 100 == 4 || h.since / 100 == 5 ||
               h.since / 100 == 6));
        CHECK(h.since >= previous);
        previous = h.since;
    }
}

TEST_CASE("known introduction versions", "[helper_table]") {
    const std::map<std::string_view, std::uint16_t> known = {
        {"bpf_map_lookup_elem", 319},
        {"bpf_probe_read", 401},
        {"bpf_tail_call", 402},
        {"bpf_perf_event_output", 404},
        {"bpf_get_stackid", 406},
        {"bpf_xdp_adjust_head", 410},
        {"bpf_redirect_map", 414},
        {"bpf_get_local_storage", 419},
        {"bpf_sk_lookup_tcp", 420},
        {"bpf_spin_lock", 501},
        {"bpf_tcp_gen_syncookie", 504},
        {"bpf_probe_read_kernel", 505},
        {"bpf_tcp_send_ack", 506},
        {"bpf_sk_assign", 507},
        {"bpf_ringbuf_reserve", 508},
        {"bpf_csum_level", 508},
        {"bpf_d_path", 510},
        {"bpf_get_current_task_btf", 511},
        {"bpf_for_each_map_elem", 513},
        {"bpf_timer_init", 515},
        {"bpf_loop", 517},
        {"bpf_kptr_xchg", 519},
        {"bpf_user_ringbuf_drain", 601},
        {"bpf_cgrp_storage_delete", 602},
    };
    for (const auto& [name, since] : known) {
        INFO(name);
        CHECK(helper(name).since == since);
    }
}

TEST_CASE("known prototypes", "[helper_table]") {
    SECTION("bpf_map_lookup_elem") {
        const auto h = helper("bpf_map_lookup_elem");
        CHECK(h.ret == R::MapValueOrNull);
        CHECK(h.args == Args{A::ConstMapPtr, A::MapKey});
        CHECK_FALSE(h.gpl_only);
        CHECK_FALSE(h.acquires);
        CHECK(h.releases_arg == -1);
        CHECK_FALSE(h.changes_packet_data);
    }
    SECTION("bpf_map_update_elem and the queue/stack helpers") {
        CHECK(helper("bpf_map_update_elem").args == Args{A::ConstMapPtr, A::MapKey, A::MapValue, A::Anything});
        CHECK(helper("bpf_map_push_elem").args == Args{A::ConstMapPtr, A::MapValue, A::Anything});
        CHECK(helper("bpf_map_pop_elem").args == Args{A::ConstMapPtr, A::UninitMapValue});
        CHECK(helper("bpf_map_peek_elem").args == Args{A::ConstMapPtr, A::UninitMapValue});
    }
    SECTION("bpf_probe_read_kernel") {
        const auto h = helper("bpf_probe_read_kernel");
        CHECK(h.ret == R::Integer);
        CHECK(h.args == Args{A::WritableMem, A::ConstSizeOrZero, A::Anything});
        CHECK(h.gpl_only);
    }
    SECTION("bpf_perf_event_output") {
        const auto h = helper("bpf_perf_event_output");
        CHECK(h.args == Args{A::Ctx, A::ConstMapPtr, A::Anything, A::ReadableMem, A::ConstSizeOrZero});
        CHECK(h.gpl_only);
    }
    SECTION("ring buffer") {
        const auto reserve = helper("bpf_ringbuf_reserve");
        CHECK(reserve.ret == R::RingbufRecordOrNull);
        CHECK(reserve.args == Args{A::ConstMapPtr, A::ConstAllocSizeOrZero, A::Anything});
        CHECK(reserve.acquires);
        CHECK_FALSE(reserve.gpl_only);
        for (std::string_view name : {"bpf_ringbuf_submit", "bpf_ringbuf_discard"}) {
            INFO(name);
            const auto h = helper(name);
            CHECK(h.ret == R::Void);
            CHECK(h.args == Args{A::RingbufRecord, A::Anything});
            CHECK(h.releases_arg == 0);
        }
        CHECK(helper("bpf_ringbuf_output").args ==
              Args{A::ConstMapPtr, A::ReadableMem, A::ConstSizeOrZero, A::Anything});
    }
    SECTION("sockets") {
        for (std::string_view name : {"bpf_sk_lookup_tcp", "bpf_sk_lookup_udp"}) {
            INFO(name);
            const auto h = helper(name);
            CHECK(h.ret == R::SocketOrNull);
            CHECK(h.acquires);
            CHECK(h.args == Args{A::Ctx, A::ReadableMem, A::ConstSize, A::Anything, A::Anything});
        }
        CHECK(helper("bpf_skc_lookup_tcp").ret == R::SockCommonOrNull);
        CHECK(helper("bpf_skc_lookup_tcp").acquires);
        const auto release = helper("bpf_sk_release");
        CHECK(release.args == Args{A::SockCommon});
        CHECK(release.releases_arg == 0);
        CHECK(helper("bpf_tcp_sock").ret == R::TcpSockOrNull);
        CHECK_FALSE(helper("bpf_sk_fullsock").acquires);
        CHECK(helper("bpf_skc_to_tcp_sock").ret == R::BtfIdOrNull);
    }
    SECTION("tail call, spin locks, timers, callbacks") {
        const auto tail_call = helper("bpf_tail_call");
        CHECK(tail_call.ret == R::Void);
        CHECK(tail_call.args == Args{A::Ctx, A::ConstMapPtr, A::Anything});
        CHECK(helper("bpf_spin_lock").args == Args{A::SpinLock});
        CHECK(helper("bpf_spin_unlock").ret == R::Void);
        CHECK(helper("bpf_timer_init").args == Args{A::Timer, A::ConstMapPtr, A::Anything});
        CHECK(helper("bpf_timer_init").gpl_only);
        CHECK(helper("bpf_timer_set_callback").args == Args{A::Timer, A::Callback});
        CHECK(helper("bpf_loop").args == Args{A::Anything, A::Callback, A::StackOrNull, A::Anything});
        CHECK(helper("bpf_for_each_map_elem").args == Args{A::ConstMapPtr, A::Callback, A::StackOrNull, A::Anything});
    }
    SECTION("strings, formatted output and fixed-size results") {
        CHECK(helper("bpf_trace_printk").args == Args{A::ReadableMem, A::ConstSize});
        CHECK(helper("bpf_strncmp").args == Args{A::ReadableMem, A::ConstSize, A::ConstString});
        CHECK(helper("bpf_snprintf").args == Args{A::ReadWriteMemOrNull, A::ConstSizeOrZero, A::ConstString,
                                                  A::ReadableMemOrNull, A::ConstSizeOrZero});
        CHECK(helper("bpf_strtol").args == Args{A::ReadableMem, A::ConstSize, A::Anything, A::WritableLong});
        // MEM_WRITE without MEM_UNINIT: the length is read before the MTU is written back.
        CHECK(helper("bpf_check_mtu").args[2] == A::ReadWriteInt);
        CHECK(helper("bpf_strtol").args[3] == A::WritableLong);  // MEM_UNINIT: written only
        CHECK(helper("bpf_get_current_comm").args == Args{A::WritableMem, A::ConstSize});
    }
    SECTION("BTF-typed results") {
        const auto task = helper("bpf_get_current_task_btf");
        CHECK(task.ret == R::BtfId);
        CHECK(task.gpl_only);
        CHECK(task.args == Args{});
        CHECK(helper("bpf_get_current_task").ret == R::Integer);
        CHECK(helper("bpf_get_local_storage").ret == R::MapValue);
        CHECK(helper("bpf_per_cpu_ptr").ret == R::MemOrNull);
        CHECK(helper("bpf_this_cpu_ptr").ret == R::Mem);
        const auto xchg = helper("bpf_kptr_xchg");
        CHECK(xchg.ret == R::BtfIdOrNull);
        CHECK(xchg.args == Args{A::Kptr, A::BtfIdOrNull});
        CHECK(xchg.acquires);
        CHECK(xchg.releases_arg == 1);
    }
    SECTION("dynptrs") {
        CHECK(helper("bpf_dynptr_from_mem").args[3] == A::UninitDynptr);
        CHECK(helper("bpf_ringbuf_reserve_dynptr").args[3] == A::UninitDynptr);
        CHECK(helper("bpf_ringbuf_submit_dynptr").releases_arg == 0);
        CHECK(helper("bpf_dynptr_read").args[2] == A::Dynptr);
        // RET_PTR_TO_DYNPTR_MEM_OR_NULL: a slice of the dynptr, of the constant size argument.
        CHECK(helper("bpf_dynptr_data").ret == R::DynptrMemOrNull);
        CHECK(helper("bpf_dynptr_data").args[2] == A::ConstAllocSizeOrZero);
    }
}

TEST_CASE("iterator and dynptr kfuncs as the kernel declares them", "[helper_table]") {
    // KF_ITER_NEW/NEXT/DESTROY, the iterator always argument 0, with the struct's 8-byte slots.
    const auto bits_new = bpfcheck::analyzer::find_kfunc("bpf_iter_bits_new");
    REQUIRE(bits_new);
    CHECK(bits_new->iter_role == bpfcheck::analyzer::IterRole::New);
    CHECK(bits_new->iter_slots == 2);
    CHECK(bpfcheck::analyzer::iter_type_name(bits_new->iter_type) == "bits");
    const auto task_next = bpfcheck::analyzer::find_kfunc("bpf_iter_task_next");
    REQUIRE(task_next);
    CHECK(task_next->iter_role == bpfcheck::analyzer::IterRole::Next);
    CHECK(task_next->iter_slots == 3);
    CHECK(task_next->may_be_null);
    // bpf_dynptr_clone(const struct bpf_dynptr *p, struct bpf_dynptr *clone__uninit)
    const auto clone = bpfcheck::analyzer::find_kfunc("bpf_dynptr_clone");
    REQUIRE(clone);
    CHECK(clone->dynptr_args == 1U);
    CHECK(clone->uninit_dynptr_arg == 1);
    // net/core/filter.c bpf_kfunc_init: the skb set is registered for tc and tracing, not xdp.
    const auto from_skb = bpfcheck::analyzer::find_kfunc("bpf_dynptr_from_skb");
    REQUIRE(from_skb);
    CHECK(bpfcheck::analyzer::kfunc_allowed_for(*from_skb, "sched_cls"));
    CHECK(bpfcheck::analyzer::kfunc_allowed_for(*from_skb, "tracing"));
    CHECK_FALSE(bpfcheck::analyzer::kfunc_allowed_for(*from_skb, "xdp"));
    CHECK_FALSE(bpfcheck::analyzer::kfunc_allowed_for(*from_skb, "sched"));
    const auto slice = bpfcheck::analyzer::find_kfunc("bpf_dynptr_slice");
    REQUIRE(slice);
    CHECK(slice->buffer_arg == 2);
    CHECK_FALSE(slice->writable_slice);
}

TEST_CASE("exactly the verifier's acquiring and releasing helpers", "[helper_table]") {
    const std::set<std::string_view> acquiring = {"bpf_sk_lookup_tcp", "bpf_sk_lookup_udp", "bpf_skc_lookup_tcp",
                                                  "bpf_ringbuf_reserve", "bpf_kptr_xchg"};
    const std::map<std::string_view, int> releasing = {
        {"bpf_sk_release", 0}, {"bpf_ringbuf_submit", 0},        {"bpf_ringbuf_discard", 0},
        {"bpf_kptr_xchg", 1},  {"bpf_ringbuf_submit_dynptr", 0}, {"bpf_ringbuf_discard_dynptr", 0},
    };
    for (const HelperPrototype& h : all_helpers()) {
        INFO(h.name);
        CHECK(h.acquires == acquiring.contains(h.name));
        const auto it = releasing.find(h.name);
        CHECK(h.releases_arg == (it == releasing.end() ? -1 : it->second));
    }
}

TEST_CASE("exactly the helpers of bpf_helper_changes_pkt_data change packet data", "[helper_table]") {
    const std::set<std::int32_t> changing = {9,  10, 11, 13, 18, 19, 31, 38, 39, 43, 44,
                                             50, 54, 63, 65, 73, 74, 75, 76, 90, 91, 143};
    for (const HelperPrototype& h : all_helpers()) {
        INFO(h.name);
        CHECK(h.changes_packet_data == changing.contains(h.id));
    }
    CHECK(helper("bpf_xdp_adjust_tail").changes_packet_data);
    CHECK(helper("bpf_store_hdr_opt").changes_packet_data);
    CHECK_FALSE(helper("bpf_xdp_store_bytes").changes_packet_data);
}

TEST_CASE("the running kernel's enum bpf_func_id agrees with the table", "[helper_table][kernel]") {
    const auto ids = kernel_func_ids();
    if (!ids) {
        WARN("/sys/kernel/btf/vmlinux not readable or without enum bpf_func_id; skipped");
        return;
    }
    std::size_t compared = 0;
    for (const auto& [enumerator, value] : *ids) {
        constexpr std::string_view kPrefix = "BPF_FUNC_";
        if (!std::string_view{enumerator}.starts_with(kPrefix) || value == 0) {
            continue;  // __BPF_FUNC_MAX_ID, BPF_FUNC_unspec
        }
        if (value > kLastId) {
            WARN("the running kernel has a helper the table does not know: " << enumerator << " = " << value);
            continue;
        }
        INFO(enumerator << " = " << value);
        const auto h = find_helper(static_cast<std::int32_t>(value));
        REQUIRE(h.has_value());
        CHECK(h->name == "bpf_" + enumerator.substr(kPrefix.size()));
        ++compared;
    }
    CHECK(compared > 0);
}
