// What the kernel loads share; see load_support.hpp.
#include "cli/kernel/load_support.hpp"

#include <fmt/format.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>

namespace bpfcheck::cli::kernel_load {

namespace {

constexpr std::size_t kMessagesLimit = 64U << 10;
constexpr std::size_t kLineLimit = 400;

int capture_libbpf_print(enum libbpf_print_level level, const char* format, va_list args);

}  // namespace

std::uint32_t& log_level() {
    static std::uint32_t level = kLogLevelStats;
    return level;
}

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

namespace {

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

}  // namespace

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

TypeChoice libbpf_section_type(const model::Program& program) {
    const std::string_view section = std::string_view(program.section).starts_with('?')
                                         ? std::string_view(program.section).substr(1)
                                         : std::string_view(program.section);
    TypeChoice by_section;
    parse_type(std::string(section), by_section);
    return by_section;
}

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

DroppedCapabilities::DroppedCapabilities(bool drop) {
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

DroppedCapabilities::~DroppedCapabilities() {
    if (m_dropped) {
        syscall(SYS_capset, &m_header, m_saved);
    }
}

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

}  // namespace bpfcheck::cli::kernel_load
