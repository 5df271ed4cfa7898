// DWARF line-table fallback. Only used when the object carries no BTF line
// info; DWARF has no copy of the source text, so SourceLine::text stays empty.
// LLVM 19's line-table parser can crash on a corrupted .debug_line (found by
// our fuzz test; llvm-dwarfdump crashes the same way), so the table is read in
// a child process that sends the records back through a pipe: a crash there
// only costs the line info.
#include "cfg/loader/dwarf_lines.hpp"

#include <llvm/DebugInfo/DIContext.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/Object/ObjectFile.h>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

namespace bpfcheck::loader {

namespace {

void read_in_this_process(const llvm::object::ObjectFile& object, ElfImage& image) {
    const bool has_debug_line = std::any_of(image.sections.begin(), image.sections.end(),
                                            [](const ElfSection& s) { return s.name == ".debug_line"; });
    if (!has_debug_line) {
        return;
    }
    auto context = llvm::DWARFContext::create(
        object, llvm::DWARFContext::ProcessDebugRelocations::Process, nullptr, "",
        [](llvm::Error e) { llvm::consumeError(std::move(e)); },
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

// Record layout on the pipe: section u32, offset u64, line u32, column u32,
// file length u32, file bytes.
void write_all(int fd, const void* data, std::size_t size) {
    const auto* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t written = ::write(fd, bytes, size);
        if (written <= 0) {
            _exit(3);
        }
        bytes += written;
        size -= static_cast<std::size_t>(written);
    }
}

template <typename T>
bool take(const std::string& buffer, std::size_t& at, T& out) {
    if (buffer.size() - at < sizeof(T)) {
        return false;
    }
    std::memcpy(&out, buffer.data() + at, sizeof(T));
    at += sizeof(T);
    return true;
}

}  // namespace

void read_dwarf_lines(const llvm::object::ObjectFile& object, ElfImage& image) {
    const bool has_debug_line = std::any_of(image.sections.begin(), image.sections.end(),
                                            [](const ElfSection& s) { return s.name == ".debug_line"; });
    if (!has_debug_line) {
        return;
    }
    int fds[2];
    if (::pipe(fds) != 0) {
        return;
    }
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return;
    }
    if (child == 0) {
        ::close(fds[0]);
        ElfImage local;
        local.sections = image.sections;
        read_in_this_process(object, local);
        for (const LineRecord& record : local.lines) {
            const auto length = static_cast<std::uint32_t>(record.line.file.size());
            write_all(fds[1], &record.section_index, sizeof record.section_index);
            write_all(fds[1], &record.offset, sizeof record.offset);
            write_all(fds[1], &record.line.line, sizeof record.line.line);
            write_all(fds[1], &record.line.column, sizeof record.line.column);
            write_all(fds[1], &length, sizeof length);
            write_all(fds[1], record.line.file.data(), length);
        }
        _exit(0);
    }
    ::close(fds[1]);
    std::string buffer;
    char chunk[65536];
    constexpr std::size_t kMaxBytes = 256U << 20;
    bool finished = false;
    while (buffer.size() < kMaxBytes) {
        pollfd ready{fds[0], POLLIN, 0};
        if (::poll(&ready, 1, 10000) <= 0) {
            break;  // a parser that hangs gets 10 s
        }
        const ssize_t got = ::read(fds[0], chunk, sizeof chunk);
        if (got <= 0) {
            finished = got == 0;
            break;
        }
        buffer.append(chunk, static_cast<std::size_t>(got));
    }
    ::close(fds[0]);
    int status = 0;
    if (!finished) {
        ::kill(child, SIGKILL);
    }
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return;  // the parser crashed: no line info from DWARF
    }
    std::size_t at = 0;
    while (at < buffer.size()) {
        LineRecord record;
        std::uint32_t length = 0;
        if (!take(buffer, at, record.section_index) || !take(buffer, at, record.offset) ||
            !take(buffer, at, record.line.line) || !take(buffer, at, record.line.column) || !take(buffer, at, length) ||
            buffer.size() - at < length) {
            return;
        }
        record.line.file.assign(buffer, at, length);
        at += length;
        image.lines.push_back(std::move(record));
    }
}

}  // namespace bpfcheck::loader
