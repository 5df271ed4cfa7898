// What the ways of loading a program into the running kernel share (libbpf
// loads, our raw fallback, the probes): the verifier's log buffer, libbpf's
// messages kept per load, program types as libbpf names them, dropping
// capabilities for an unprivileged load, and turning a load's outcome into a
// KernelResult. Internal to cli/kernel/.
#pragma once

#include "cli/kernel/kernel_loader.hpp"

#include <bpf/libbpf.h>
#include <linux/capability.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace bpfcheck::cli::kernel_load {

constexpr std::uint32_t kLogLevelStats = 4;  // BPF_LOG_STATS
constexpr std::size_t kLogSize = 16U << 20;  // a full log returns ENOSPC even for an accepted program

// The log level of the loads of the current load_in_kernel() call (explain asks for 1).
std::uint32_t& log_level();

// libbpf's messages since clear_messages(), and the CO-RE relocation lines it
// prints only at debug level.
std::string& libbpf_messages();
std::string& core_debug_lines();
void clear_messages();
void install_print_callback();

// The verifier's log of the latest load (kLogSize bytes).
char* log_buffer();
// Trailing newlines dropped, cut to one readable line's length.
std::string shorten(std::string text);

struct TypeChoice {
    bool set = false;
    bpf_prog_type type = BPF_PROG_TYPE_UNSPEC;
    bool has_attach_type = false;
    bpf_attach_type attach_type = BPF_CGROUP_INET_INGRESS;
};
// libbpf's name of the enum ("xdp", "sched_cls") or a section name it knows ("tc", "kprobe/x").
bool parse_type(const std::string& name, TypeChoice& out);
std::string type_name(bpf_prog_type type);
// The type and expected attach type libbpf takes from the program's section
// (a leading '?' only turns autoload off); `set` false when libbpf 1.x's
// rules name none.
TypeChoice libbpf_section_type(const model::Program& program);

// --unprivileged drops CAP_SYS_ADMIN and CAP_PERFMON from the effective set
// for one load (they stay permitted, so they can come back).
class DroppedCapabilities {
public:
    explicit DroppedCapabilities(bool drop);
    ~DroppedCapabilities();
    DroppedCapabilities(const DroppedCapabilities&) = delete;
    DroppedCapabilities& operator=(const DroppedCapabilities&) = delete;
    [[nodiscard]] int error() const { return m_error; }

private:
    __user_cap_header_struct m_header{};
    __user_cap_data_struct m_saved[_LINUX_CAPABILITY_U32S_3]{};
    bool m_dropped = false;
    int m_error = 0;
};

// After a load: accept, reject (the verifier ran and refused) or load error.
void classify(KernelResult& result, int load_status, int error_number, const std::string& fallback_reason);

// Our fallback for objects libbpf will not load (kernel_raw_load.cpp).
KernelResult load_raw(const model::BpfObject& object, const model::Program& program, const TypeChoice& override_type,
                      bool unprivileged, const std::string& why);

}  // namespace bpfcheck::cli::kernel_load
