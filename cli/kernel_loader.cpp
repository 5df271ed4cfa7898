// The running kernel's verdict through libbpf, one program per load; see
// kernel_loader.hpp. The approach is tests/tools/kernel_verdict.c's (open the
// object afresh per program, autoload only that one, a failed load with a
// verifier log is a rejection), with the log level raised to BPF_LOG_STATS so
// the verifier's own statistics come back with every verdict.
#include "cli/kernel_loader.hpp"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <fmt/format.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <tuple>
#include <variant>

namespace bpfcheck::cli {

namespace {

constexpr std::uint32_t kLogLevelStats = 4;  // BPF_LOG_STATS
// The level of the loads of the current load_in_kernel() call (explain asks for 1).
std::uint32_t g_log_level = kLogLevelStats;
constexpr std::size_t kLogSize = 16U << 20;  // a full log returns ENOSPC even for an accepted program
constexpr std::size_t kMessagesLimit = 64U << 10;
constexpr std::size_t kLineLimit = 400;

// ---------------------------------------------------------------------------
// libbpf's messages, kept per load so that a load error can say what failed.

std::string& libbpf_messages() {
    static std::string messages;
    return messages;
}

// libbpf explains a failed CO-RE relocation only at debug level; keep those lines.
std::string& core_debug_lines() {
    static std::string lines;
    return lines;
}

int capture_libbpf_print(enum libbpf_print_level level, const char* format, va_list args) {
    char buffer[2048];
    std::vsnprintf(buffer, sizeof buffer, format, args);
    if (level == LIBBPF_DEBUG) {
        if (std::strstr(buffer, ": relo #") != nullptr && core_debug_lines().size() < kMessagesLimit) {
            core_debug_lines() += buffer;
        }
        return 0;
    }
    if (libbpf_messages().size() < kMessagesLimit) {
        libbpf_messages() += buffer;
    }
    return 0;
}

void clear_messages() {
    libbpf_messages().clear();
    core_debug_lines().clear();
}

void install_print_callback() {
    static const bool kInstalled = [] {
        libbpf_set_print(capture_libbpf_print);
        return true;
    }();
    (void)kInstalled;
}

// Left uninitialised, so that only the pages the kernel writes become resident
// (the analyses forked later inherit this process's resident set).
char* log_buffer() {
    static const std::unique_ptr<char[]> kBuffer(new char[kLogSize]);
    return kBuffer.get();
}

std::string shorten(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    if (text.size() > kLineLimit) {
        text = text.substr(0, kLineLimit - 3) + "...";
    }
    return text;
}

// ---------------------------------------------------------------------------
// Program types

struct TypeChoice {
    bool set = false;
    bpf_prog_type type = BPF_PROG_TYPE_UNSPEC;
    bool has_attach_type = false;
    bpf_attach_type attach_type = BPF_CGROUP_INET_INGRESS;
};

// libbpf's name of the enum ("xdp", "sched_cls") or a section name it knows ("tc", "kprobe/x").
bool parse_type(const std::string& name, TypeChoice& out) {
    out = TypeChoice{};
    for (int t = 0; t < 256; ++t) {
        const char* spelled = libbpf_bpf_prog_type_str(static_cast<bpf_prog_type>(t));
        if (spelled != nullptr && name == spelled) {
            out.set = true;
            out.type = static_cast<bpf_prog_type>(t);
            return true;
        }
    }
    bpf_prog_type type{};
    bpf_attach_type attach_type{};
    if (!name.empty() && libbpf_prog_type_by_name(name.c_str(), &type, &attach_type) == 0) {
        out = TypeChoice{true, type, true, attach_type};
        return true;
    }
    return false;
}

std::string type_name(bpf_prog_type type) {
    const char* name = libbpf_bpf_prog_type_str(type);
    return name != nullptr ? name : "";
}

// ---------------------------------------------------------------------------
// Capabilities: --unprivileged drops CAP_SYS_ADMIN and CAP_PERFMON from the
// effective set for one load (they stay permitted, so they can come back).

class DroppedCapabilities {
public:
    explicit DroppedCapabilities(bool drop) {
        if (!drop) {
            return;
        }
        m_header.version = _LINUX_CAPABILITY_VERSION_3;
        if (syscall(SYS_capget, &m_header, m_saved) != 0) {
            m_error = errno;
            return;
        }
        __user_cap_data_struct lowered[_LINUX_CAPABILITY_U32S_3];
        std::memcpy(lowered, m_saved, sizeof lowered);
        for (const int capability : {CAP_SYS_ADMIN, CAP_PERFMON}) {
            lowered[CAP_TO_INDEX(capability)].effective &= ~CAP_TO_MASK(capability);
        }
        if (syscall(SYS_capset, &m_header, lowered) != 0) {
            m_error = errno;
            return;
        }
        m_dropped = true;
    }
    ~DroppedCapabilities() {
        if (m_dropped) {
            syscall(SYS_capset, &m_header, m_saved);
        }
    }
    DroppedCapabilities(const DroppedCapabilities&) = delete;
    DroppedCapabilities& operator=(const DroppedCapabilities&) = delete;
    [[nodiscard]] int error() const { return m_error; }

private:
    __user_cap_header_struct m_header{};
    __user_cap_data_struct m_saved[_LINUX_CAPABILITY_U32S_3]{};
    bool m_dropped = false;
    int m_error = 0;
};

// ---------------------------------------------------------------------------
// Turning a load's outcome into a result

// After a load: accept, reject (the verifier ran and refused) or load error.
void classify(KernelResult& result, int load_status, int error_number, const std::string& fallback_reason) {
    const std::string_view log(log_buffer());
    result.stats = parse_verifier_stats(log);
    if (load_status == 0) {
        result.verdict = KernelVerdict::Accept;
        return;
    }
    result.error_number = error_number;
    if (!log.empty()) {
        const std::string poison = libbpf_poison_reason(log);
        if (poison.empty()) {
            result.verdict = KernelVerdict::Reject;
            result.error = shorten(last_meaningful_line(log));
            if (result.error.empty()) {
                result.error =
                    fmt::format("the verifier refused the program without a message ({})", std::strerror(error_number));
            }
            return;
        }
        result.verdict = KernelVerdict::LoadError;
        const std::string detail = poisoned_relocation(core_debug_lines());
        result.error = shorten(detail.empty() ? poison : fmt::format("{}: {}", poison, detail));
        return;
    }
    result.verdict = KernelVerdict::LoadError;
    std::string reason = fallback_reason.empty() ? libbpf_reason(libbpf_messages()) : fallback_reason;
    if (reason.empty() || reason.find("program load failed") != std::string::npos) {
        // bpf(BPF_PROG_LOAD) itself failed and the verifier wrote nothing.
        reason += reason.empty() ? "" : "; ";
        reason += "the kernel refused the program before its verifier ran (no log)";
    }
    const std::string description = std::strerror(error_number);
    result.error =
        shorten(reason.find(description) == std::string::npos ? fmt::format("{} ({})", reason, description) : reason);
}

// ---------------------------------------------------------------------------
// Loading with libbpf

KernelResult load_with_libbpf(const std::string& path, const std::string& name, const TypeChoice& type,
                              bool unprivileged) {
    KernelResult result;
    result.loader = "libbpf";
    clear_messages();
    bpf_object* object = bpf_object__open_file(path.c_str(), nullptr);
    if (object == nullptr) {
        const int error = errno;
        result.verdict = KernelVerdict::LoadError;
        result.error_number = error;
        result.error = shorten(fmt::format("libbpf cannot open the object: {} ({})", libbpf_reason(libbpf_messages()),
                                           std::strerror(error)));
        return result;
    }
    // Nothing pinned: a map libbpf would pin by name (LIBBPF_PIN_BY_NAME) stays unpinned,
    // and no map pinned by someone else is reused.
    bpf_map* map = nullptr;
    bpf_object__for_each_map(map, object) {
        bpf_map__set_pin_path(map, nullptr);
    }
    bpf_program* target = nullptr;
    bpf_program* program = nullptr;
    bpf_object__for_each_program(program, object) {
        const bool is_target = name == bpf_program__name(program);
        bpf_program__set_autoload(program, is_target);
        if (is_target) {
            target = program;
        }
    }
    if (target == nullptr) {
        bpf_object__close(object);
        result.verdict = KernelVerdict::LoadError;
        result.error_number = ENOENT;
        result.error = fmt::format("libbpf finds no program named '{}' in the object", name);
        return result;
    }
    if (type.set) {
        bpf_program__set_type(target, type.type);
        if (type.has_attach_type) {
            bpf_program__set_expected_attach_type(target, type.attach_type);
        }
    }
    char* log = log_buffer();
    log[0] = '\0';
    bpf_program__set_log_level(target, g_log_level);
    bpf_program__set_log_buf(target, log, kLogSize);
    result.section = bpf_program__section_name(target);
    result.type = type_name(bpf_program__type(target));

    int status = 0;
    int error = 0;
    {
        const DroppedCapabilities dropped(unprivileged);
        if (dropped.error() != 0) {
            bpf_object__close(object);
            result.verdict = KernelVerdict::LoadError;
            result.error_number = dropped.error();
            result.error = fmt::format("cannot drop CAP_SYS_ADMIN and CAP_PERFMON: {}", std::strerror(dropped.error()));
            return result;
        }
        status = bpf_object__load(object);
        error = status == 0 ? 0 : (errno != 0 ? errno : -status);
    }
    classify(result, status, error, "");
    if (status == 0) {
        bpf_prog_info info{};
        std::uint32_t length = sizeof info;
        if (bpf_obj_get_info_by_fd(bpf_program__fd(target), &info, &length) == 0 &&
            length > offsetof(bpf_prog_info, verified_insns)) {
            result.verified_insns = info.verified_insns;
        }
    }
    bpf_object__close(object);
    return result;
}

// ---------------------------------------------------------------------------
// Our fallback for objects libbpf will not load: bpfcheck's linked program,
// whose ld_imm64 of maps and global data carry our map indices, patched with
// the fds of maps created here.

class MapFds {
public:
    MapFds() = default;
    MapFds(const MapFds&) = delete;
    MapFds& operator=(const MapFds&) = delete;
    ~MapFds() {
        for (const auto& [index, fd] : m_fds) {
            close(fd);
        }
    }
    // The fd of map `index`, created on first use; or a message.
    int get(const model::BpfObject& object, std::uint32_t index, std::string& message) {
        if (const auto found = m_fds.find(index); found != m_fds.end()) {
            return found->second;
        }
        if (index >= object.maps.size()) {
            message = fmt::format("reference to map #{}, which the object does not define", index);
            return -EINVAL;
        }
        const model::MapDef& def = object.maps[index];
        if (def.inner_map != model::kNoIndex || def.name == ".kconfig") {
            message = fmt::format("map '{}' ({}) needs libbpf to be created", def.name,
                                  def.name == ".kconfig" ? "kconfig externs" : "map in map");
            return -ENOTSUP;
        }
        bpf_map_create_opts options{};
        options.sz = sizeof options;
        options.map_flags = def.map_flags;
        if (def.origin == model::MapOrigin::GlobalData && def.read_only) {
            options.map_flags |= BPF_F_RDONLY_PROG;
        }
        const std::string name = def.name.substr(0, BPF_OBJ_NAME_LEN - 1);
        std::string kernel_name;
        for (const char c : name) {  // the kernel allows [A-Za-z0-9_.]
            kernel_name += (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.') ? c : '_';
        }
        const int fd = bpf_map_create(static_cast<bpf_map_type>(def.type), kernel_name.c_str(), def.key_size,
                                      def.value_size, def.max_entries, &options);
        if (fd < 0) {
            const int error = errno;
            message = fmt::format("cannot create map '{}' (type {}, key {}, value {}, entries {}, flags {:#x}): {}",
                                  def.name, def.type, def.key_size, def.value_size, def.max_entries, def.map_flags,
                                  std::strerror(error));
            return -error;
        }
        m_fds[index] = fd;
        if (def.origin == model::MapOrigin::GlobalData && !def.initial_value.empty()) {
            std::vector<std::uint8_t> value = def.initial_value;
            value.resize(def.value_size, 0);
            const std::uint32_t key = 0;
            if (bpf_map_update_elem(fd, &key, value.data(), 0) != 0 || (def.read_only && bpf_map_freeze(fd) != 0)) {
                const int error = errno;
                message = fmt::format("cannot initialise '{}': {}", def.name, std::strerror(error));
                return -error;
            }
        }
        return fd;
    }

private:
    std::map<std::uint32_t, int> m_fds;
};

TypeChoice raw_type(const model::Program& program, const TypeChoice& override_type) {
    if (override_type.set) {
        return override_type;
    }
    TypeChoice by_section;
    if (parse_type(program.section, by_section)) {
        return by_section;
    }
    TypeChoice by_name;
    parse_type(program.type, by_name);
    return by_name;
}

// The program's instructions ready for bpf_prog_load, or a load error in `result`.
bool relocate_raw(const model::BpfObject& object, const model::Program& program, MapFds& maps,
                  std::vector<bpf_insn>& insns, KernelResult& result) {
    insns.resize(program.slots.size());
    for (std::size_t i = 0; i < program.slots.size(); ++i) {
        const isa::RawInsn& raw = program.slots[i];
        insns[i] = bpf_insn{};
        insns[i].code = raw.opcode;
        insns[i].dst_reg = raw.dst & 0xf;
        insns[i].src_reg = raw.src & 0xf;
        insns[i].off = raw.offset;
        insns[i].imm = raw.imm;
    }
    for (std::size_t i = 0; i < program.refs.size(); ++i) {
        const model::InsnRef& ref = program.refs[i];
        if (ref.kind == model::RelocKind::Ksym || ref.kind == model::RelocKind::Kfunc) {
            result.verdict = KernelVerdict::LoadError;
            result.error_number = ENOTSUP;
            result.error = fmt::format("insn {}: extern '{}' needs libbpf to be resolved", i, ref.symbol);
            return false;
        }
        if (ref.kind != model::RelocKind::Map && ref.kind != model::RelocKind::GlobalData) {
            continue;
        }
        std::string message;
        const int fd = maps.get(object, ref.map_index, message);
        if (fd < 0) {
            result.verdict = KernelVerdict::LoadError;
            result.error_number = -fd;
            result.error = shorten(message);
            return false;
        }
        insns[i].imm = fd;
    }
    return true;
}

KernelResult load_raw(const model::BpfObject& object, const model::Program& program, const TypeChoice& override_type,
                      bool unprivileged, const std::string& why) {
    KernelResult result;
    result.loader = "raw";
    result.section = program.section;
    const TypeChoice type = raw_type(program, override_type);
    if (!type.set) {
        result.verdict = KernelVerdict::LoadError;
        result.error_number = EINVAL;
        result.error = fmt::format("{}; and section '{}' implies no program type (pass --type)", why, program.section);
        return result;
    }
    result.type = type_name(type.type);
    MapFds maps;
    std::vector<bpf_insn> insns;
    if (!relocate_raw(object, program, maps, insns, result)) {
        result.error = fmt::format("{}; {}", why, result.error);
        return result;
    }
    char* log = log_buffer();
    log[0] = '\0';
    bpf_prog_load_opts options{};
    options.sz = sizeof options;
    options.log_buf = log;
    options.log_size = static_cast<std::uint32_t>(kLogSize);
    options.log_level = g_log_level;
    if (type.has_attach_type) {
        options.expected_attach_type = type.attach_type;
    }
    if (object.kernel_version) {
        options.kern_version = *object.kernel_version;
    }
    std::string name;
    for (const char c : program.name.substr(0, BPF_OBJ_NAME_LEN - 1)) {
        name += (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.') ? c : '_';
    }
    const std::string license = object.license.empty() ? "GPL" : object.license;
    int fd = -1;
    int error = 0;
    {
        const DroppedCapabilities dropped(unprivileged);
        fd = bpf_prog_load(type.type, name.c_str(), license.c_str(), insns.data(), insns.size(), &options);
        error = fd < 0 ? errno : 0;
    }
    classify(
        result, fd < 0 ? -1 : 0, error,
        fmt::format("{}; loaded without it, the kernel refused the program before its verifier ran (no log)", why));
    if (fd >= 0) {
        bpf_prog_info info{};
        std::uint32_t length = sizeof info;
        if (bpf_obj_get_info_by_fd(fd, &info, &length) == 0 && length > offsetof(bpf_prog_info, verified_insns)) {
            result.verified_insns = info.verified_insns;
        }
        close(fd);
    }
    return result;
}

}  // namespace

std::string_view kernel_verdict_name(KernelVerdict verdict) {
    switch (verdict) {
        case KernelVerdict::Accept:
            return "accept";
        case KernelVerdict::Reject:
            return "reject";
        case KernelVerdict::LoadError:
            return "load_error";
        case KernelVerdict::NotAvailable:
            return "n/a";
    }
    return "n/a";
}

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
    const std::string_view section = std::string_view(program.section).starts_with('?')
                                         ? std::string_view(program.section).substr(1)
                                         : std::string_view(program.section);
    TypeChoice by_section;
    const bool section_known = parse_type(std::string(section), by_section) && by_section.set;
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

std::vector<KernelResult> load_in_kernel(const model::BpfObject& object,
                                         const std::vector<const model::Program*>& programs,
                                         const KernelLoadOptions& options) {
    install_print_callback();
    TypeChoice type;
    if (!options.type.empty()) {
        parse_type(options.type, type);
    }
    // Open once to see whether libbpf takes the object and which programs it finds.
    clear_messages();
    std::string raw_reason;
    std::vector<std::string> libbpf_names;
    if (bpf_object* probe = bpf_object__open_file(object.path.c_str(), nullptr); probe == nullptr) {
        const int error = errno;
        raw_reason = fmt::format("libbpf cannot open the object ({}): {}", std::strerror(error),
                                 libbpf_reason(libbpf_messages()));
    } else {
        bpf_program* program = nullptr;
        bpf_object__for_each_program(program, probe) {
            libbpf_names.emplace_back(bpf_program__name(program));
        }
        bpf_object__close(probe);
        if (libbpf_names.empty()) {
            raw_reason = "libbpf finds no program (no function symbols)";
        }
    }
    std::vector<KernelResult> results;
    g_log_level = options.log_level;
    for (const model::Program* program : programs) {
        log_buffer()[0] = '\0';
        if (!raw_reason.empty()) {
            results.push_back(load_raw(object, *program, type, options.unprivileged, raw_reason));
        } else {
            results.push_back(load_with_libbpf(object.path, program->name, type, options.unprivileged));
        }
        if (options.keep_log) {
            results.back().log = log_buffer();
        }
    }
    g_log_level = kLogLevelStats;
    return results;
}

}  // namespace bpfcheck::cli
