// BTF reading: map definitions and kconfig externs from .BTF through libbpf
// (btf_maps.cpp); line info and CO-RE relocation records from .BTF.ext
// through llvm/DebugInfo/BTF, after checking what LLVM 19 does not (every
// CO-RE record names a section the object has).
#include "cfg/loader/btf/btf_reader.hpp"

#include "cfg/loader/btf/btf_core_members.hpp"
#include "cfg/loader/btf/btf_kernel_view.hpp"
#include "cfg/loader/btf/btf_maps.hpp"

#include <fmt/format.h>
#include <llvm/DebugInfo/BTF/BTFParser.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Support/Endian.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace bpfcheck::loader {
namespace {

void read_lines_and_relocs(const llvm::BTFParser& parser, ElfImage& image, bool want_lines) {
    for (const ElfSection& section : image.sections) {
        if (!section.executable) {
            continue;
        }
        for (std::uint64_t offset = 0; offset < section.size; offset += 8) {
            const llvm::object::SectionedAddress address{offset, section.index};
            if (want_lines) {
                if (const auto* info = parser.findLineInfo(address)) {
                    LineRecord record;
                    record.section_index = section.index;
                    record.offset = offset;
                    record.line.file = parser.findString(info->FileNameOff).str();
                    record.line.text = parser.findString(info->LineOff).str();
                    record.line.line = info->getLine();
                    record.line.column = info->getCol();
                    image.lines.push_back(std::move(record));
                }
            }
            if (const auto* reloc = parser.findFieldReloc(address)) {
                image.core_records.push_back(CoreRecord{section.index, offset, reloc->TypeID,
                                                        parser.findString(reloc->OffsetNameOff).str(),
                                                        reloc->RelocKind});
            }
        }
    }
}

std::optional<llvm::StringRef> contents_of(const llvm::object::ObjectFile& object, llvm::StringRef name) {
    for (const llvm::object::SectionRef section : object.sections()) {
        auto section_name = section.getName();
        if (!section_name) {
            llvm::consumeError(section_name.takeError());
            continue;
        }
        if (*section_name == name) {
            auto contents = section.getContents();
            if (!contents) {
                llvm::consumeError(contents.takeError());
                return std::nullopt;
            }
            return *contents;
        }
    }
    return std::nullopt;
}

// LLVM 19's BTFParser::parseRelocInfo looks up the section each group of
// CO-RE records names and dereferences the std::optional unchecked (its
// parseLineInfo does check), so a .BTF.ext naming a section the object lacks
// crashes it. This walks the groups the way parseRelocInfo does (.BTF.ext
// layout: Documentation/bpf/btf.rst) and returns the first unknown name.
// Anything parseRelocInfo itself rejects cleanly is left to it.
std::optional<std::string> unknown_core_reloc_section(llvm::StringRef btf, llvm::StringRef ext,
                                                      const std::vector<ElfSection>& sections) {
    const auto u32 = [](llvm::StringRef data, std::uint64_t at) -> std::optional<std::uint32_t> {
        if (at > data.size() || data.size() - at < 4) {
            return std::nullopt;
        }
        return llvm::support::endian::read32le(data.data() + at);
    };
    // .BTF: magic, version, flags, hdr_len@4, type_off, type_len, str_off@16, str_len@20.
    const auto btf_header = u32(btf, 4);
    const auto str_off = u32(btf, 16);
    const auto str_len = u32(btf, 20);
    if (!btf_header || !str_off || !str_len || std::uint64_t{*btf_header} + *str_off > btf.size()) {
        return std::nullopt;
    }
    const llvm::StringRef strings = btf.substr(std::uint64_t{*btf_header} + *str_off, *str_len);
    // .BTF.ext: magic, version, flags, hdr_len@4, func_info@8, line_info@16, core_relo_off@24, core_relo_len@28.
    const auto ext_header = u32(ext, 4);
    const auto relo_off = u32(ext, 24);
    const auto relo_len = u32(ext, 28);
    if (!ext_header || !relo_off || !relo_len) {
        return std::nullopt;
    }
    std::uint64_t at = std::uint64_t{*ext_header} + *relo_off;
    const std::uint64_t end = at + *relo_len;
    const auto record_size = u32(ext, at);
    if (!record_size || *record_size < 16) {
        return std::nullopt;
    }
    for (at += 4; at < end;) {
        const auto name_off = u32(ext, at);
        const auto count = u32(ext, at + 4);
        if (!name_off || !count) {
            return std::nullopt;  // parseRelocInfo reads 0, the null section's empty name
        }
        const llvm::StringRef name = strings.slice(*name_off, strings.find('\0', *name_off));
        const bool known = name.empty() || std::any_of(sections.begin(), sections.end(),
                                                       [&](const ElfSection& s) { return s.name == name; });
        if (!known) {
            return name.str();
        }
        if (*count > ext.size() / *record_size) {
            return std::nullopt;  // runs past the section: parseRelocInfo stops with an error
        }
        at += 8 + std::uint64_t{*count} * *record_size;
    }
    return std::nullopt;
}

}  // namespace

Expected<bool> read_btf(const llvm::object::ObjectFile& object, ElfImage& image, bool want_lines) {
    const bool needs_btf = std::any_of(image.sections.begin(), image.sections.end(),
                                       [](const ElfSection& s) { return s.name == ".maps"; });
    const auto btf = contents_of(object, ".BTF");
    const auto ext = contents_of(object, ".BTF.ext");
    if (btf) {
        const auto* data = reinterpret_cast<const std::uint8_t*>(btf->data());
        auto maps = read_btf_maps(std::span(data, btf->size()), image);
        if (!maps && needs_btf) {
            return Error{fmt::format("{}, needed for the maps in '.maps'", maps.error().message)};
        }
        image.has_btf = static_cast<bool>(maps);
    } else if (needs_btf) {
        return Error{"the maps in '.maps' need BTF, and the object has no .BTF section"};
    }
    if (btf && ext) {
        const auto bytes = [](llvm::StringRef data) {
            return std::span(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
        };
        image.func_info = read_func_info(bytes(*btf), bytes(*ext));
    }
    if (!llvm::BTFParser::hasBTFSections(object)) {
        return true;  // no .BTF.ext: no line info or CO-RE records from BTF (DWARF may give lines)
    }
    if (btf && ext) {
        if (auto unknown = unknown_core_reloc_section(*btf, *ext, image.sections)) {
            return Error{
                fmt::format("malformed .BTF.ext: CO-RE relocations for section '{}', which the object "
                            "does not have",
                            *unknown)};
        }
    }
    llvm::BTFParser parser;
    llvm::BTFParser::ParseOptions options;
    options.LoadLines = want_lines;
    options.LoadTypes = false;
    options.LoadRelocs = true;
    if (llvm::Error error = parser.parse(object, options)) {
        llvm::consumeError(std::move(error));
        return true;  // line info and CO-RE records are optional, as in libbpf
    }
    read_lines_and_relocs(parser, image, want_lines);
    if (btf) {
        resolve_core_members(std::span(reinterpret_cast<const std::uint8_t*>(btf->data()), btf->size()), image);
    }
    return true;
}

}  // namespace bpfcheck::loader
