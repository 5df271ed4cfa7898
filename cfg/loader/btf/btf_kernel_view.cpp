// The kernel's view of an object's BTF (see the header): whether BPF_BTF_LOAD
// takes it, and which functions .BTF.ext gives func info.
#include "cfg/loader/btf/btf_kernel_view.hpp"

#include <bpf/btf.h>
#include <fmt/format.h>

#include <optional>

namespace bpfcheck::loader {
namespace {

constexpr std::uint32_t kBtfIntMask = 0x0f00ffffU;  // include/uapi/linux/btf.h: encoding, offset, bits

std::optional<std::uint32_t> u32_at(std::span<const std::uint8_t> data, std::uint64_t at) {
    if (at > data.size() || data.size() - at < 4) {
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(data[at]) | static_cast<std::uint32_t>(data[at + 1]) << 8 |
           static_cast<std::uint32_t>(data[at + 2]) << 16 | static_cast<std::uint32_t>(data[at + 3]) << 24;
}

std::string encoding_name(std::uint32_t encoding) {
    std::string name;
    for (const auto& [bit, text] :
         {std::pair{BTF_INT_SIGNED, "SIGNED"}, std::pair{BTF_INT_CHAR, "CHAR"}, std::pair{BTF_INT_BOOL, "BOOL"}}) {
        if ((encoding & static_cast<std::uint32_t>(bit)) != 0) {
            name += name.empty() ? text : fmt::format("|{}", text);
        }
    }
    return name.empty() ? fmt::format("{:#x}", encoding) : name;
}

}  // namespace

std::string kernel_btf_refusal(const btf& types) {
    const std::uint32_t count = btf__type_cnt(&types);
    for (std::uint32_t id = 1; id < count; ++id) {
        const btf_type* type = btf__type_by_id(&types, id);
        if (type == nullptr || !btf_is_int(type)) {
            continue;
        }
        const char* raw = btf__name_by_offset(&types, type->name_off);
        const std::string what = fmt::format("[{}] INT '{}'", id, raw == nullptr ? "" : raw);
        const auto int_data = *reinterpret_cast<const std::uint32_t*>(type + 1);
        const std::uint32_t encoding = btf_int_encoding(type);
        if ((int_data & ~kBtfIntMask) != 0) {
            return fmt::format("{}: invalid int data {:#x}", what, int_data);
        }
        const std::uint32_t bits = btf_int_bits(type) + btf_int_offset(type);
        if (bits > 128 || (bits + 7) / 8 > type->size) {
            return fmt::format("{}: {} bits do not fit its {} bytes", what, bits, type->size);
        }
        if (encoding != 0 && encoding != BTF_INT_SIGNED && encoding != BTF_INT_CHAR && encoding != BTF_INT_BOOL) {
            return fmt::format("{}: encoding {} (the kernel takes one of SIGNED, CHAR, BOOL)", what,
                               encoding_name(encoding));
        }
    }
    return {};
}

std::map<std::string, bool> btf_declarations(const btf& types) {
    std::map<std::string, bool> declarations;
    const std::uint32_t count = btf__type_cnt(&types);
    for (std::uint32_t id = 1; id < count; ++id) {
        const btf_type* type = btf__type_by_id(&types, id);
        if (type == nullptr || (!btf_is_var(type) && !btf_is_func(type))) {
            continue;
        }
        const char* raw = btf__name_by_offset(&types, type->name_off);
        const bool is_extern = btf_is_var(type)
                                   ? btf_var(type)->linkage == BTF_VAR_GLOBAL_EXTERN
                                   : btf_vlen(type) == BTF_FUNC_EXTERN;  // a FUNC keeps its linkage in vlen
        declarations.emplace(raw == nullptr ? std::string{} : std::string{raw}, is_extern);  // the first wins
    }
    return declarations;
}

// .BTF: magic, version, flags, hdr_len@4, type_off, type_len, str_off@16, str_len@20.
// .BTF.ext: magic, version, flags, hdr_len@4, func_info_off@8, func_info_len@12, ...; at the
// func info: a record size, then groups {section name offset, count, count records
// {insn_off in bytes, type_id, ...}} (Documentation/bpf/btf.rst).
std::vector<FuncInfoSite> read_func_info(std::span<const std::uint8_t> btf, std::span<const std::uint8_t> ext) {
    std::vector<FuncInfoSite> sites;
    const auto btf_header = u32_at(btf, 4);
    const auto str_off = u32_at(btf, 16);
    const auto str_len = u32_at(btf, 20);
    const auto ext_header = u32_at(ext, 4);
    const auto info_off = u32_at(ext, 8);
    const auto info_len = u32_at(ext, 12);
    if (!btf_header || !str_off || !str_len || !ext_header || !info_off || !info_len || *info_len < 4) {
        return sites;
    }
    const std::uint64_t strings = std::uint64_t{*btf_header} + *str_off;
    if (strings > btf.size() || btf.size() - strings < *str_len) {
        return sites;
    }
    const auto name_at = [&](std::uint32_t offset) -> std::optional<std::string> {
        if (offset >= *str_len) {
            return std::nullopt;
        }
        std::string name;
        for (std::uint64_t at = strings + offset; at < strings + *str_len && btf[at] != 0; ++at) {
            name.push_back(static_cast<char>(btf[at]));
        }
        return name;
    };
    std::uint64_t at = std::uint64_t{*ext_header} + *info_off;
    const std::uint64_t end = std::min<std::uint64_t>(at + *info_len, ext.size());
    const auto record_size = u32_at(ext, at);
    if (!record_size || *record_size < 8) {
        return sites;
    }
    for (at += 4; at + 8 <= end;) {
        const auto section = name_at(*u32_at(ext, at));
        const std::uint32_t count = *u32_at(ext, at + 4);
        at += 8;
        if (!section || count > (end - at) / *record_size) {
            break;  // malformed: libbpf would refuse it, keep what was read
        }
        for (std::uint32_t i = 0; i < count; ++i, at += *record_size) {
            sites.push_back(FuncInfoSite{*section, *u32_at(ext, at)});
        }
    }
    return sites;
}

}  // namespace bpfcheck::loader
