// DWARF line-table fallback. Only used when the object carries no BTF line
// info; DWARF has no copy of the source text, so SourceLine::text stays empty.
#include "cfg/loader/dwarf_lines.hpp"

#include <llvm/DebugInfo/DIContext.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/Object/ObjectFile.h>

#include <algorithm>

namespace bpfcheck::loader {

void read_dwarf_lines(const llvm::object::ObjectFile& object, ElfImage& image) {
    const bool has_debug_line = std::any_of(image.sections.begin(), image.sections.end(),
                                            [](const ElfSection& s) { return s.name == ".debug_line"; });
    if (!has_debug_line) {
        return;
    }
    auto context = llvm::DWARFContext::create(object, llvm::DWARFContext::ProcessDebugRelocations::Process,
                                              nullptr, "", [](llvm::Error e) { llvm::consumeError(std::move(e)); },
                                              [](llvm::Error e) { llvm::consumeError(std::move(e)); });
    if (!context) {
        return;
    }
    llvm::DILineInfoSpecifier spec(llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath,
                                   llvm::DILineInfoSpecifier::FunctionNameKind::None);
    for (const ElfSection& section : image.sections) {
        if (!section.executable) {
            continue;
        }
        std::uint32_t last_line = 0;
        std::string last_file;
        for (std::uint64_t offset = 0; offset < section.size; offset += 8) {
            const llvm::DILineInfo info = context->getLineInfoForAddress({offset, section.index}, spec);
            if (info.Line == 0 || (info.Line == last_line && info.FileName == last_file)) {
                continue;
            }
            last_line = info.Line;
            last_file = info.FileName;
            LineRecord record;
            record.section_index = section.index;
            record.offset = offset;
            record.line.file = info.FileName;
            record.line.line = info.Line;
            record.line.column = info.Column;
            image.lines.push_back(std::move(record));
        }
    }
}

}  // namespace bpfcheck::loader
