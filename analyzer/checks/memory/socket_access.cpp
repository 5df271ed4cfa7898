// check_sock_access: "R%d cannot write into %s", "R%d min value is
// negative", "R%d invalid %s access off=%d size=%d".
#include "analyzer/checks/memory/socket_access.hpp"

#include "analyzer/platform/socket_fields.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

std::optional<Diagnostic> socket_access_refusal(std::uint32_t pc, int base, const domains::Value& pointer,
                                                std::int64_t offset, int width, bool is_write) {
    const std::uint32_t type = pointer.region();
    const std::string_view name = socket_type_name(type);
    if (is_write) {
        return Diagnostic{
            "pointer.read_only",
            Severity::Error,
            pc,
            fmt::format("R{} cannot write into {}: {} is read-only", base, name, socket_struct_name(type)),
            {pointer.to_string()},
            {}};
    }
    const auto constant = pointer.number().as_constant();
    if (!constant || pointer.number().smin < 0) {
        return Diagnostic{"mem.bounds",
                          Severity::Error,
                          pc,
                          fmt::format("R{} is a {} pointer with {} offset {}", base, name,
                                      constant ? "negative" : "variable", pointer.number().to_string()),
                          {},
                          "read socket fields at constant offsets from the pointer the helper returned"};
    }
    const auto off = static_cast<std::int64_t>(*constant) + offset;
    if (!socket_read_allowed(type, off, width)) {
        return Diagnostic{"mem.sock_field",
                          Severity::Error,
                          pc,
                          fmt::format("R{} invalid {} access off={} size={}: no field of {} is read that way", base,
                                      name, off, width, socket_struct_name(type)),
                          {pointer.to_string()},
                          type == socket_type::kSockCommon
                              ? "type, protocol, mark and priority need a full socket: call bpf_sk_fullsock() first"
                              : "read a field at its offset with its size (see include/uapi/linux/bpf.h)"};
    }
    return std::nullopt;
}

bool check_socket_access(std::uint32_t pc, int base, const domains::Value& pointer, std::int64_t offset, int width,
                         bool is_write, Reporter& reporter) {
    if (auto refusal = socket_access_refusal(pc, base, pointer, offset, width, is_write)) {
        reporter.report(std::move(*refusal));
        return false;
    }
    return true;
}

}  // namespace bpfcheck::analyzer
