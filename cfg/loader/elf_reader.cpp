// ELF reading through LLVM. Every LLVM call that can fail returns
// llvm::Expected; each is checked and turned into our Error, because objects
// come from users and may be truncated or hostile.
#include "cfg/loader/elf_reader.hpp"

#include "cfg/loader/btf/btf_reader.hpp"
#include "cfg/loader/dwarf_lines.hpp"

#include <fmt/format.h>
#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/Endian.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <algorithm>
#include <unordered_map>

namespace bpfcheck::loader {
namespace {

using llvm::object::ELF64LEObjectFile;

// Symbols are identified by (symbol table section, index in it).
using SymbolIndex = std::unordered_map<std::uint64_t, std::uint32_t>;
std::uint64_t symbol_key(llvm::object::DataRefImpl ref) {
    return (static_cast<std::uint64_t>(ref.d.a) << 32) | ref.d.b;
}

std::string message_of(llvm::Error error) {
    return llvm::toString(std::move(error));
}

bool keeps_contents(const std::string& name, bool executable) {
    return executable || name == "maps" || name.starts_with("maps/") || name == "license" || name == "version" ||
           name.starts_with(".data") || name.starts_with(".rodata") || name.starts_with(".bss");
}

Expected<bool> read_sections(const ELF64LEObjectFile& elf, ElfImage& image) {
    for (const llvm::object::ELFSectionRef section : elf.sections()) {
        ElfSection out;
        out.index = static_cast<std::uint32_t>(section.getIndex());
        auto name = section.getName();
        if (!name) {
            return Error{fmt::format("section {}: unreadable name: {}", out.index, message_of(name.takeError()))};
        }
        out.name = name->str();
        out.type = section.getType();
        out.flags = section.getFlags();
        out.size = section.getSize();
        out.executable = (out.flags & llvm::ELF::SHF_EXECINSTR) != 0 && out.type == llvm::ELF::SHT_PROGBITS;
        if (keeps_contents(out.name, out.executable) && out.type != llvm::ELF::SHT_NOBITS) {
            auto contents = section.getContents();
            if (!contents) {
                return Error{fmt::format("section '{}': contents lie outside the file: {}", out.name,
                                         message_of(contents.takeError()))};
            }
            out.data.assign(contents->bytes_begin(), contents->bytes_end());
        }
        if (out.executable && out.size % 8 != 0) {
            return Error{fmt::format("section '{}': size {} is not a multiple of the 8-byte instruction size", out.name,
                                     out.size)};
        }
        if (image.sections.size() <= out.index) {
            image.sections.resize(out.index + 1);
        }
        image.sections[out.index] = std::move(out);
    }
    return true;
}

Expected<bool> read_symbols(const ELF64LEObjectFile& elf, ElfImage& image, SymbolIndex& index_of) {
    for (const llvm::object::ELFSymbolRef symbol : elf.symbols()) {
        ElfSymbol out;
        auto name = symbol.getName();
        if (!name) {
            return Error{
                fmt::format("symbol {}: unreadable name: {}", image.symbols.size(), message_of(name.takeError()))};
        }
        out.name = name->str();
        auto section = symbol.getSection();
        if (!section) {
            return Error{fmt::format("symbol '{}': bad section index: {}", out.name, message_of(section.takeError()))};
        }
        out.section_index = *section == elf.section_end() ? 0 : static_cast<std::uint32_t>((*section)->getIndex());
        auto value = symbol.getValue();
        if (!value) {
            return Error{fmt::format("symbol '{}': unreadable value: {}", out.name, message_of(value.takeError()))};
        }
        out.value = *value;
        out.size = symbol.getSize();
        out.type = symbol.getELFType();
        out.binding = symbol.getBinding();
        out.visibility = static_cast<std::uint8_t>(symbol.getOther() & 0x3U);
        index_of[symbol_key(symbol.getRawDataRefImpl())] = static_cast<std::uint32_t>(image.symbols.size());
        image.symbols.push_back(std::move(out));
    }
    return true;
}

Expected<bool> read_relocations(const ELF64LEObjectFile& elf, ElfImage& image, const SymbolIndex& index_of) {
    for (const llvm::object::SectionRef section : elf.sections()) {
        const auto& skipped = image.skipped_reloc_sections;
        if (std::find(skipped.begin(), skipped.end(), section.getIndex()) != skipped.end()) {
            continue;
        }
        auto target = section.getRelocatedSection();
        if (!target) {
            return Error{fmt::format("relocation section {}: bad target: {}", section.getIndex(),
                                     message_of(target.takeError()))};
        }
        if (*target == elf.section_end()) {
            continue;
        }
        const auto target_index = static_cast<std::uint32_t>((*target)->getIndex());
        if (target_index >= image.sections.size()) {
            continue;
        }
        const bool maps = image.sections[target_index].name == ".maps";
        const bool struct_ops = image.sections[target_index].name.starts_with(".struct_ops");
        if (!image.sections[target_index].executable && !maps && !struct_ops) {
            continue;
        }
        for (const llvm::object::RelocationRef reloc : section.relocations()) {
            ElfReloc out;
            out.target_section = target_index;
            out.offset = reloc.getOffset();
            out.type = static_cast<std::uint32_t>(reloc.getType());
            const auto symbol = reloc.getSymbol();
            if (symbol != elf.symbol_end()) {
                const auto found = index_of.find(symbol_key(symbol->getRawDataRefImpl()));
                if (found == index_of.end()) {
                    return Error{
                        fmt::format("section '{}': relocation at offset {} names a symbol outside the "
                                    "symbol table",
                                    image.sections[target_index].name, out.offset)};
                }
                out.symbol = found->second;
            }
            (maps ? image.maps_relocs : struct_ops ? image.struct_ops_relocs : image.relocs).push_back(out);
        }
    }
    return true;
}

// LLVM's relocation accessors trust the section headers: section_rel_end
// divides by sh_entsize (SIGFPE when it is 0) and calls report_fatal_error,
// which aborts, when sh_link names no section; getRel/getRela abort when an
// entry lies outside the file or sh_entsize is not the entry size. Both
// read_relocations and DWARFContext (for .rel.debug_*) walk these tables, so
// every SHT_REL/SHT_RELA header, and the symbol index of every entry, is
// checked here first.
Expected<bool> validate_relocation_sections(const ELF64LEObjectFile& elf, ElfImage& image) {
    using Elf = llvm::object::ELF64LE;
    const auto& file = elf.getELFFile();
    auto headers = file.sections();
    if (!headers) {
        return Error{fmt::format("unreadable section headers: {}", message_of(headers.takeError()))};
    }
    const std::uint64_t file_size = file.getBufSize();
    const auto inside_file = [&](const Elf::Shdr& h) {
        return h.sh_offset <= file_size && h.sh_size <= file_size - h.sh_offset;
    };
    for (std::size_t i = 0; i < headers->size(); ++i) {
        const Elf::Shdr& header = (*headers)[i];
        if (header.sh_type != llvm::ELF::SHT_REL && header.sh_type != llvm::ELF::SHT_RELA) {
            continue;
        }
        const bool rela = header.sh_type == llvm::ELF::SHT_RELA;
        const std::uint64_t entry_size = rela ? sizeof(Elf::Rela) : sizeof(Elf::Rel);
        if (header.sh_entsize != entry_size || header.sh_size % entry_size != 0 || !inside_file(header)) {
            return Error{
                fmt::format("relocation section {}: {} bytes at offset {} with entry size {} are not whole "
                            "{}-byte entries inside the file",
                            i, header.sh_size, header.sh_offset, header.sh_entsize, entry_size)};
        }
        if (header.sh_info >= headers->size()) {
            return Error{
                fmt::format("relocation section {}: patches section {}, which does not exist", i, header.sh_info)};
        }
        if (header.sh_link >= headers->size() || (*headers)[header.sh_link].sh_type != llvm::ELF::SHT_SYMTAB) {
            return Error{
                fmt::format("relocation section {}: its symbol table (section {}) is not one", i, header.sh_link)};
        }
        const Elf::Shdr& symtab = (*headers)[header.sh_link];
        if (symtab.sh_entsize != sizeof(Elf::Sym) || !inside_file(symtab)) {
            return Error{fmt::format("symbol table (section {}) lies outside the file or has entry size {}",
                                     header.sh_link, symtab.sh_entsize)};
        }
        const std::uint64_t symbols = symtab.sh_size / sizeof(Elf::Sym);
        const std::uint8_t* base = file.base() + header.sh_offset;
        const bool patches_code = ((*headers)[header.sh_info].sh_flags & llvm::ELF::SHF_EXECINSTR) != 0;
        for (std::uint64_t at = 0; at < header.sh_size; at += entry_size) {
            const std::uint64_t info = llvm::support::endian::read64le(base + at + 8);  // r_info, after r_offset
            if ((info >> 32) >= symbols) {
                const std::string message = fmt::format("relocation section {}: entry {} names symbol {} of {}", i,
                                                        at / entry_size, info >> 32, symbols);
                if (!patches_code) {
                    return Error{message};
                }
                // Only the programs whose code it patches are lost; the
                // table is not read (LLVM would abort on it).
                image.skipped_reloc_sections.push_back(static_cast<std::uint32_t>(i));
                image.section_errors.push_back(SectionError{
                    header.sh_info, kNoOffset, fmt::format("{}, in the relocations of its code", message)});
                break;
            }
        }
    }
    return true;
}

}  // namespace

Expected<ElfImage> read_elf_image(std::span<const std::uint8_t> bytes, const std::string& name,
                                  const LoadOptions& options) {
    const llvm::StringRef data(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    const llvm::MemoryBufferRef buffer(data, name);
    auto binary = llvm::object::ObjectFile::createObjectFile(buffer);
    if (!binary) {
        return Error{fmt::format("not a valid ELF object: {}", message_of(binary.takeError()))};
    }
    if (llvm::isa<llvm::object::ELF64BEObjectFile>(binary->get())) {
        return Error{
            "a big-endian BPF object (bpfeb): the kernel loads only objects of its own byte order, and "
            "bpfcheck checks little-endian ones (x86-64, arm64); build it with -target bpfel (or bpf on a "
            "little-endian host)"};
    }
    const auto* elf = llvm::dyn_cast<ELF64LEObjectFile>(binary->get());
    if (elf == nullptr) {
        return Error{"not a 64-bit little-endian ELF object (BPF objects are ELF64 LE)"};
    }
    ElfImage image;
    image.path = name;
    const auto machine = elf->getELFFile().getHeader().e_machine;
    if (machine == llvm::ELF::EM_NONE) {
        // LLVM before 7 wrote e_machine 0 for BPF; libbpf and iproute2 load such objects.
        image.notes.emplace_back("ELF machine is 0 (EM_NONE), as LLVM before 7 wrote it: read as BPF");
    } else if (machine != llvm::ELF::EM_BPF) {
        return Error{fmt::format("ELF machine is {}, not BPF (247)", machine)};
    }
    if (auto ok = validate_relocation_sections(*elf, image); !ok) {
        return ok.error();
    }
    if (auto ok = read_sections(*elf, image); !ok) {
        return ok.error();
    }
    SymbolIndex index_of;
    if (auto ok = read_symbols(*elf, image, index_of); !ok) {
        return ok.error();
    }
    if (auto ok = read_relocations(*elf, image, index_of); !ok) {
        return ok.error();
    }
    if (auto ok = read_btf(*elf, image, options.want_lines); !ok) {
        return ok.error();
    }
    if (options.want_lines && image.lines.empty()) {
        read_dwarf_lines(*elf, image);
    }
    return image;
}

}  // namespace bpfcheck::loader
