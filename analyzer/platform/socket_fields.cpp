// The field rules of check_sock_access, from net/core/filter.c (Linux 6.12)
// and the layouts of struct bpf_sock and struct bpf_tcp_sock
// (include/uapi/linux/bpf.h).
#include "analyzer/platform/socket_fields.hpp"

#include <algorithm>
#include <array>

namespace bpfcheck::analyzer {
namespace {

// struct bpf_sock
constexpr std::int64_t kSockSize = 80;
constexpr std::int64_t kFamily = 4, kType = 8, kProtocol = 12, kPriority = 20, kSrcIp4 = 24, kSrcIp6 = 28,
                       kSrcPort = 44, kDstPort = 48, kDstIp4 = 52, kDstIp6 = 56, kState = 72, kRxQueueMapping = 76;
// struct bpf_tcp_sock: u32 fields but for two u64 ones; it ends with icsk_retransmits.
constexpr std::int64_t kBytesReceived = 80, kBytesAcked = 88, kTcpSockEnd = 112;

// bpf_ctx_narrow_access_ok: a power-of-two size up to the field's.
bool narrow_ok(int size, int field_size) {
    return size <= field_size && (size & (size - 1)) == 0;
}

bool in(std::int64_t off, std::int64_t first, std::int64_t bytes) {
    return off >= first && off < first + bytes;
}

// bpf_sock_is_valid_access
bool sock_read_allowed(std::int64_t off, int size) {
    if (off < 0 || off >= kSockSize || off % size != 0) {
        return false;
    }
    if (off == kState || off == kFamily || off == kType || off == kProtocol || off == kSrcPort ||
        off == kRxQueueMapping || in(off, kSrcIp4, 4) || in(off, kSrcIp6, 16) || in(off, kDstIp4, 4) ||
        in(off, kDstIp6, 16)) {
        return narrow_ok(size, 4);
    }
    if (in(off, kDstPort, 2)) {  // __be16 dst_port: read as u16 (or its bytes), or as a u32
        return narrow_ok(size, size == 4 ? 4 : 2);
    }
    if (in(off, kDstPort + 2, kDstIp4 - kDstPort - 2)) {  // the padding after dst_port
        return false;
    }
    return size == 4;
}

// bpf_sock_common_is_valid_access: type, protocol, mark and priority are
// not in sock_common.
bool sock_common_read_allowed(std::int64_t off, int size) {
    if (off >= kType && off < kPriority + 4) {
        return false;
    }
    return sock_read_allowed(off, size);
}

// bpf_tcp_sock_is_valid_access
bool tcp_sock_read_allowed(std::int64_t off, int size) {
    if (off < 0 || off >= kTcpSockEnd || off % size != 0) {
        return false;
    }
    return off == kBytesReceived || off == kBytesAcked ? size == 8 : size == 4;
}

}  // namespace

std::string_view socket_type_name(std::uint32_t type) {
    switch (type) {
        case socket_type::kSockCommon:
            return "sock_common";
        case socket_type::kTcpSock:
            return "tcp_sock";
        default:
            return "sock";
    }
}

std::string_view socket_struct_name(std::uint32_t type) {
    return type == socket_type::kTcpSock ? "struct bpf_tcp_sock" : "struct bpf_sock";
}

bool socket_read_allowed(std::uint32_t type, std::int64_t off, int size) {
    if (size <= 0) {
        return false;
    }
    switch (type) {
        case socket_type::kSockCommon:
            return sock_common_read_allowed(off, size);
        case socket_type::kTcpSock:
            return tcp_sock_read_allowed(off, size);
        default:
            return sock_read_allowed(off, size);
    }
}

bool is_socket_cast(std::int32_t helper) {
    // tcp_sock, sk_fullsock, skc_to_tcp6_sock, skc_to_tcp_sock, skc_to_tcp_timewait_sock,
    // skc_to_tcp_request_sock, skc_to_udp6_sock, skc_to_mptcp_sock
    constexpr std::array<std::int32_t, 8> kCasts = {96, 95, 136, 137, 138, 139, 140, 196};
    return std::find(kCasts.begin(), kCasts.end(), helper) != kCasts.end();
}

}  // namespace bpfcheck::analyzer
