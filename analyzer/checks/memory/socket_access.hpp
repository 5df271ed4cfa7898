// Loads and stores through socket pointers (check_mem_access's
// type_is_sk_pointer case and check_sock_access in kernel/bpf/verifier.c):
// sockets are read-only, their offset must be a non-negative constant, and a
// read must match a field of the struct the pointer's type names at its
// width (analyzer/platform/socket_fields.hpp). Decides from the pointer
// alone; changes no state.
#pragma once

#include "analyzer/reporter.hpp"
#include "domains/value.hpp"

#include <cstdint>
#include <optional>

namespace bpfcheck::analyzer {

// Why the access is refused (nullopt: allowed); check_socket_access reports
// it (false: refused).
std::optional<Diagnostic> socket_access_refusal(std::uint32_t pc, int base, const domains::Value& pointer,
                                                std::int64_t offset, int width, bool is_write);
bool check_socket_access(std::uint32_t pc, int base, const domains::Value& pointer, std::int64_t offset, int width,
                         bool is_write, Reporter& reporter);

}  // namespace bpfcheck::analyzer
