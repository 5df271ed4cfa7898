// The socket structs a program reads through socket pointers, and which reads
// of them the kernel allows: a socket pointer (Kind::Socket, SocketOrNull)
// carries in Value::region() which struct it points to, as the kernel's
// register types PTR_TO_SOCKET, PTR_TO_SOCK_COMMON and PTR_TO_TCP_SOCK say
// (net/core/filter.c: bpf_sock_is_valid_access,
// bpf_sock_common_is_valid_access, bpf_tcp_sock_is_valid_access).
#pragma once

#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

// Values of a socket pointer's region.
namespace socket_type {
inline constexpr std::uint32_t kSock = 0;        // struct bpf_sock, a full socket (PTR_TO_SOCKET)
inline constexpr std::uint32_t kSockCommon = 1;  // struct bpf_sock's sock_common part (PTR_TO_SOCK_COMMON)
inline constexpr std::uint32_t kTcpSock = 2;     // struct bpf_tcp_sock (PTR_TO_TCP_SOCK)
}  // namespace socket_type

// The kernel's name of the register type ("sock", "sock_common", "tcp_sock").
std::string_view socket_type_name(std::uint32_t type);
// The struct's name in the UAPI ("struct bpf_sock", "struct bpf_tcp_sock").
std::string_view socket_struct_name(std::uint32_t type);

// Whether a `size`-byte read at offset `off` of a socket of `type` matches a
// field the kernel lets programs read (check_sock_access).
bool socket_read_allowed(std::uint32_t type, std::int64_t off, int size);

// is_ptr_cast_function: helpers that return their socket argument as another
// socket type (bpf_tcp_sock, bpf_sk_fullsock, bpf_skc_to_*_sock but
// unix_sock); the result carries the argument's reference.
bool is_socket_cast(std::int32_t helper);

}  // namespace bpfcheck::analyzer
