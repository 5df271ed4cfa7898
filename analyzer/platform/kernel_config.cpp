// libbpf's `.kconfig` values (see kernel_config.hpp).
#include "analyzer/platform/kernel_config.hpp"

#include <cerrno>
#include <cstdlib>

namespace bpfcheck::analyzer {

namespace {

using model::KconfigExtern;
using model::KconfigKind;
using Bytes = std::vector<std::uint8_t>;

constexpr std::uint32_t kernel_version_of(std::uint32_t major, std::uint32_t minor) {
    return major << 16U | minor << 8U;
}

std::size_t byte_count(const KconfigExtern& ext) {
    return ext.size == 0 ? 1 : ext.size;
}

// set_kcfg_value_num: a number into a bool, char or integer extern, if it
// fits the type (is_kcfg_value_in_range).
std::optional<Bytes> number_bytes(const KconfigExtern& ext, std::uint64_t value) {
    if (ext.kind != KconfigKind::Int && ext.kind != KconfigKind::Char && ext.kind != KconfigKind::Bool) {
        return std::nullopt;
    }
    const std::size_t size = byte_count(ext);
    bool in_range = true;
    if (ext.kind == KconfigKind::Bool) {
        in_range = value <= 1;
    } else if (size < 8) {
        const std::uint32_t bits = static_cast<std::uint32_t>(size) * 8;
        in_range = ext.is_signed ? value + (1ULL << (bits - 1)) < (1ULL << bits) : (value >> bits) == 0;
    }
    if (!in_range) {
        return std::nullopt;
    }
    Bytes bytes(size, 0);
    for (std::size_t i = 0; i < size && i < 8; ++i) {
        bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
    }
    return bytes;
}

// set_kcfg_value_tri: y, n or m.
std::optional<Bytes> tristate_bytes(const KconfigExtern& ext, char value) {
    Bytes bytes(byte_count(ext), 0);
    switch (ext.kind) {
        case KconfigKind::Bool:
            if (value == 'm') {
                return std::nullopt;  // "implies tristate or char type"
            }
            bytes[0] = value == 'y' ? 1 : 0;
            return bytes;
        case KconfigKind::Tristate:
            bytes[0] = value == 'y' ? 1 : value == 'm' ? 2 : 0;  // TRI_YES, TRI_MODULE, TRI_NO
            return bytes;
        case KconfigKind::Char:
            bytes[0] = static_cast<std::uint8_t>(value);
            return bytes;
        default:
            return std::nullopt;  // "implies bool, tristate, or char type"
    }
}

// set_kcfg_value_str: a quoted string into a char array, cut to fit with its NUL.
std::optional<Bytes> string_bytes(const KconfigExtern& ext, std::string_view value) {
    if (ext.kind != KconfigKind::CharArray || value.size() < 2 || value.back() != '"') {
        return std::nullopt;
    }
    Bytes bytes(byte_count(ext), 0);
    const std::string_view text = value.substr(1, value.size() - 2);
    for (std::size_t i = 0; i < text.size() && i + 1 < bytes.size(); ++i) {
        bytes[i] = static_cast<std::uint8_t>(text[i]);
    }
    return bytes;
}

// bpf_object__process_kconfig_line's value: y/n/m, a string, else a number
// (strtoull, base 0, read to its end).
std::optional<Bytes> config_value_bytes(const KconfigExtern& ext, const std::string& value) {
    if (value.empty()) {
        return std::nullopt;
    }
    switch (value.front()) {
        case 'y':
        case 'n':
        case 'm':
            return tristate_bytes(ext, value.front());
        case '"':
            return string_bytes(ext, value);
        default:
            break;
    }
    if (ext.kind != KconfigKind::Int && ext.kind != KconfigKind::Char) {
        return std::nullopt;  // "implies integer type"
    }
    errno = 0;
    char* end = nullptr;
    const std::uint64_t number = std::strtoull(value.c_str(), &end, 0);
    if (errno != 0 || end == nullptr || *end != '\0') {
        return std::nullopt;
    }
    return number_bytes(ext, number);
}

}  // namespace

KernelConfig parse_kernel_config(std::string_view text) {
    KernelConfig config;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        const std::size_t equals = line.find('=');
        if (!line.starts_with("CONFIG_") || equals == std::string_view::npos) {
            continue;
        }
        config.values.insert_or_assign(std::string(line.substr(0, equals)), std::string(line.substr(equals + 1)));
    }
    return config;
}

std::optional<std::vector<std::uint8_t>> kconfig_extern_bytes(const KconfigExtern& ext, const KernelConfig* config,
                                                              std::uint32_t kernel_version) {
    const std::string_view name = ext.name;
    if (name.starts_with("LINUX_")) {
        if (name == "LINUX_KERNEL_VERSION" || name == "LINUX_HAS_BPF_COOKIE" || name == "LINUX_HAS_SYSCALL_WRAPPER") {
            if (kernel_version == 0) {
                return std::nullopt;
            }
            const std::uint32_t since =
                name == "LINUX_HAS_BPF_COOKIE" ? kernel_version_of(5, 15) : kernel_version_of(4, 17);
            return number_bytes(ext, name == "LINUX_KERNEL_VERSION" ? kernel_version : kernel_version >= since ? 1 : 0);
        }
        if (!ext.weak) {
            return std::nullopt;  // "unrecognized virtual extern"
        }
        return Bytes(byte_count(ext), 0);
    }
    if (!name.starts_with("CONFIG_") || config == nullptr) {
        return std::nullopt;
    }
    const auto found = config->values.find(ext.name);
    if (found == config->values.end()) {
        return ext.weak ? std::optional<Bytes>(Bytes(byte_count(ext), 0)) : std::nullopt;
    }
    return config_value_bytes(ext, found->second);
}

std::optional<std::uint64_t> kconfig_load(std::span<const KconfigExtern> externs, const KernelConfig* config,
                                          std::uint32_t kernel_version, std::int64_t offset, int width) {
    for (const KconfigExtern& ext : externs) {
        const auto start = static_cast<std::int64_t>(ext.offset);
        if (offset < start || offset + width > start + static_cast<std::int64_t>(byte_count(ext))) {
            continue;
        }
        const auto bytes = kconfig_extern_bytes(ext, config, kernel_version);
        if (!bytes) {
            return std::nullopt;
        }
        std::uint64_t value = 0;
        for (int i = width - 1; i >= 0; --i) {
            value = value << 8U | (*bytes)[static_cast<std::size_t>(offset - start + i)];
        }
        return value;
    }
    return std::nullopt;
}

}  // namespace bpfcheck::analyzer
