// Asking the running kernel what it can do: may this process use bpf(),
// which helpers a program type offers, whether kprobes run on private
// stacks; see kernel_loader.hpp.
#include "cli/kernel/load_support.hpp"

#include <bpf/bpf.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <tuple>
#include <variant>

namespace bpfcheck::cli {

using kernel_load::install_print_callback;
using kernel_load::libbpf_section_type;
using kernel_load::parse_type;
using kernel_load::shorten;
using kernel_load::TypeChoice;

// `call helper; exit` as a program of `choice`'s type: the verifier looks
// the helper up (get_helper_proto) before it checks any argument, so a
// refusal naming the helper as unknown or not for this type is the answer;
// any other outcome says the type has it (or, a load that fails before the
// verifier, nothing). libbpf_probe_bpf_helper does the same, but libbpf 1.1
// misses the refusal for kprobe programs (it reports bpf_probe_write_user
// and bpf_override_return as offered where the kernel refuses them).
namespace {

std::optional<bool> probe_helper(const TypeChoice& choice, std::int32_t helper) {
    bpf_insn insns[2]{};
    insns[0].code = BPF_JMP | BPF_CALL;
    insns[0].imm = helper;
    insns[1].code = BPF_JMP | BPF_EXIT;
    char log[4096] = "";
    LIBBPF_OPTS(bpf_prog_load_opts, options, .log_level = 1, .log_size = sizeof log, .log_buf = log);
    if (choice.has_attach_type) {
        options.expected_attach_type = choice.attach_type;
    }
    const int fd = bpf_prog_load(choice.type, "bpfcheck_helper", "GPL", insns, std::size(insns), &options);
    if (fd >= 0) {
        close(fd);
        return true;
    }
    const std::string_view text(log);
    if (text.find("program of this type cannot use helper ") != std::string_view::npos ||
        text.find("unknown func ") != std::string_view::npos || text.find("invalid func ") != std::string_view::npos) {
        return false;
    }
    return text.find("call ") != std::string_view::npos ? std::optional<bool>(true) : std::nullopt;
}

}  // namespace

// The helper ids the program's call instructions name (reached or not: the
// analysis reports only the calls it reaches).
std::vector<std::int32_t> helpers_called(const model::Program& program) {
    std::vector<std::int32_t> ids;
    for (const isa::Instruction& insn : program.insns) {
        if (const auto* call = std::get_if<isa::Call>(&insn); call != nullptr && call->kind == isa::CallKind::Helper) {
            if (std::find(ids.begin(), ids.end(), call->imm) == ids.end()) {
                ids.push_back(call->imm);
            }
        }
    }
    return ids;
}

namespace {

// The type and expected attach type a probe for `program` loads with: what
// libbpf takes from its section (a leading '?' only turns autoload off), so
// that helpers a type offers by attach type are asked of the right one
// (cgroup_common_func_proto gives bpf_get_retval to cgroup/dev and
// cgroup/sysctl but not to cgroup_skb, whose attach types are the default 0).
TypeChoice probe_choice(const model::Program& program, const std::string& type_override) {
    const TypeChoice by_section = libbpf_section_type(program);
    const bool section_known = by_section.set;
    TypeChoice chosen;
    if (!type_override.empty()) {
        parse_type(type_override, chosen);
        const bool same_type = section_known && chosen.set && chosen.type == by_section.type;
        return same_type && !chosen.has_attach_type ? by_section : chosen;
    }
    if (section_known) {
        return by_section;
    }
    parse_type(program.type, chosen);
    return chosen;
}

}  // namespace

std::vector<std::int32_t> helpers_missing_for(const model::Program& program, const std::string& type_override,
                                              const std::vector<std::int32_t>& helpers) {
    static std::mutex lock;
    static std::optional<bool> bpf_usable;
    static std::map<std::tuple<int, int, std::int32_t>, bool> offered;
    std::vector<std::int32_t> missing;
    const TypeChoice choice = probe_choice(program, type_override);
    if (helpers.empty() || !choice.set) {
        return missing;
    }
    const std::scoped_lock guard(lock);
    if (!bpf_usable) {
        bpf_usable = probe_kernel().available;
    }
    if (!*bpf_usable) {
        return missing;
    }
    for (const std::int32_t helper : helpers) {
        const auto key = std::make_tuple(static_cast<int>(choice.type),
                                         choice.has_attach_type ? static_cast<int>(choice.attach_type) : -1, helper);
        auto found = offered.find(key);
        if (found == offered.end()) {
            const std::optional<bool> answer = probe_helper(choice, helper);
            if (!answer) {
                continue;  // not decided: say nothing, ask again next time
            }
            found = offered.emplace(key, *answer).first;
        }
        if (!found->second) {
            missing.push_back(helper);
        }
    }
    return missing;
}

KernelAvailability probe_kernel() {
    install_print_callback();
    // r0 = XDP_PASS; exit. XDP needs CAP_BPF and CAP_NET_ADMIN, unlike a
    // socket filter that an unprivileged user may be allowed to load.
    bpf_insn insns[2]{};
    insns[0].code = BPF_ALU64 | BPF_MOV | BPF_K;
    insns[0].imm = 2;
    insns[1].code = BPF_JMP | BPF_EXIT;
    const int fd = bpf_prog_load(BPF_PROG_TYPE_XDP, "bpfcheck_probe", "GPL", insns, 2, nullptr);
    if (fd >= 0) {
        close(fd);
        return {true, ""};
    }
    const int error = errno;
    const char* who = geteuid() != 0 ? "not root" : "root, but loading a trivial XDP program failed";
    if (error == EPERM || error == EACCES) {
        return {false, fmt::format("bpf() not permitted ({}): {}", who, std::strerror(error))};
    }
    return {false, fmt::format("the kernel refused a trivial XDP program ({}): {}", who, std::strerror(error))};
}

PrivateStackProbe probe_private_stack() {
    install_print_callback();
    auto mov = [](std::uint8_t dst, std::int32_t imm) {
        bpf_insn insn{};
        insn.code = BPF_ALU64 | BPF_MOV | BPF_K;
        insn.dst_reg = dst;
        insn.imm = imm;
        return insn;
    };
    auto store_r1 = [](std::int16_t offset) {  // *(u64 *)(r10 + offset) = r1
        bpf_insn insn{};
        insn.code = BPF_STX | BPF_MEM | BPF_DW;
        insn.dst_reg = BPF_REG_10;
        insn.src_reg = BPF_REG_1;
        insn.off = offset;
        return insn;
    };
    auto call_ahead = [](std::int32_t skip) {  // bpf-to-bpf call of the insn `skip` after the next
        bpf_insn insn{};
        insn.code = BPF_JMP | BPF_CALL;
        insn.src_reg = BPF_PSEUDO_CALL;
        insn.imm = skip;
        return insn;
    };
    bpf_insn exit{};
    exit.code = BPF_JMP | BPF_EXIT;
    const bpf_insn insns[] = {// main: 8 (16 rounded) bytes, calls a
                              mov(1, 0), store_r1(-8), call_ahead(2), mov(0, 0), exit,
                              // a (insn 5): 256 bytes, calls b
                              mov(1, 0), store_r1(-256), call_ahead(2), mov(0, 0), exit,
                              // b (insn 10): 256 bytes
                              mov(1, 0), store_r1(-256), mov(0, 0), exit};
    static char log[64U << 10];
    log[0] = '\0';
    LIBBPF_OPTS(bpf_prog_load_opts, options, .log_level = 1, .log_size = sizeof log, .log_buf = log);
    const int fd = bpf_prog_load(BPF_PROG_TYPE_KPROBE, "bpfcheck_pstack", "GPL", insns, std::size(insns), &options);
    if (fd >= 0) {
        close(fd);
        return {true, true, ""};
    }
    const int error = errno;
    if (std::strstr(log, "combined stack size of 3 calls is 528") != nullptr) {
        return {true, false, ""};
    }
    const std::string line = shorten(last_meaningful_line(log));
    return {false, false,
            fmt::format("{}{}: {}", geteuid() != 0 ? "not root, " : "", std::strerror(error),
                        line.empty() ? "the kernel refused the probe before its verifier ran" : line)};
}

}  // namespace bpfcheck::cli
