// Unwrapping and reading verifier logs; see kernel_log.hpp. The line formats
// are those of kernel/bpf/verifier.c and kernel/bpf/log.c (print_insn_state,
// verbose_linfo's "; %s @ %s:%d" since 6.2, "; %s" before), libbpf.c's
// "-- BEGIN PROG LOAD LOG --" wrapper, cilium/ebpf's internal.VerifierError
// ("load program: permission denied: MSG (N line(s) omitted)", or the log
// indented by tabs under %+v) and veristat's "Processing '...'..." lines.
#include "analyzer/explain/kernel_log.hpp"
#include "analyzer/explain/log_numbers.hpp"

#include <cctype>
#include <regex>

namespace bpfcheck::explain {

namespace {

const std::regex& insn_line() {
    static const std::regex pattern(R"(^(?:frame(\d+): )?(\d+): \(([0-9a-f]{2})\) (.*)$)");
    return pattern;
}
const std::regex& state_line() {
    static const std::regex pattern(R"(^(\d+):\s*(?:frame(\d+): )?((?:R\d|fp-).*)$)");
    return pattern;
}
const std::regex& branch_line() {
    static const std::regex pattern(R"(^from (\d+) to (\d+)(?: \(speculative execution\))?: ?(?:frame(\d+): )?(.*)$)");
    return pattern;
}
const std::regex& bare_state_line() {
    static const std::regex pattern(R"(^(?:R\d+|fp-\d+)(?:_w)?=\S.*$)");
    return pattern;
}
const std::regex& source_suffix() {
    static const std::regex pattern(R"(^(.*) @ (\S+):(\d+)$)");
    return pattern;
}

// Lines that are neither instructions nor the error: precision tracking,
// function boundaries, state dumps around a loop or a call, libbpf chatter.
bool is_noise(std::string_view line) {
    for (const char* prefix : {"func#",           "last_idx ",    "regs=",      "mark_precise", "Validating ",
                               "Func#",           "propagating ", "caller:",    "callee:",      "returning from callee",
                               "to caller at",    "cur state:",   "old state:", "Live regs",    "libbpf: ",
                               "Global function", "parent ",      "state ",     "Processing '", "Error:",
                               "File ",           "----"}) {
        if (line.starts_with(prefix)) {
            return true;
        }
    }
    if (line.starts_with("frame") && line.size() > 5 && std::isdigit(static_cast<unsigned char>(line[5])) != 0) {
        return true;  // "frame1: R1=..." state dumps
    }
    const std::size_t colon = line.find(": safe");
    return colon != std::string_view::npos && colon + 6 == line.size();
}

std::string trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

struct Unwrapped {
    std::vector<std::string> lines;
    std::string format = "raw";
    std::string program;
    std::vector<std::string> notes;
    bool truncated = false;
};

// cilium/ebpf's one-line error: "... load program: permission denied: MSG (N line(s) omitted)".
bool unwrap_cilium_one_line(std::string_view text, Unwrapped& out) {
    static const std::regex pattern(R"(^(.*?)load program: ([a-z ]+): (.*)$)");
    std::smatch match;
    const std::string line = trim(text);
    if (line.find('\n') != std::string::npos || !std::regex_match(line, match, pattern)) {
        return false;
    }
    out.format = "cilium";
    static const std::regex program(R"(program (\w+):)");
    std::smatch name;
    const std::string head = match[1].str();
    if (std::regex_search(head, name, program)) {
        out.program = name[1].str();
    }
    std::string message = match[3].str();
    static const std::regex omitted(R"( \((\d+) line\(s\) omitted\)$)");
    std::smatch count;
    if (std::regex_search(message, count, omitted)) {
        out.notes.push_back("cilium/ebpf kept only the error line and omitted " + count[1].str() +
                            " lines of the log: no instruction trace, no evidence");
        out.truncated = true;
        message.resize(static_cast<std::size_t>(count.position(0)));
    }
    out.lines.push_back(message);
    return true;
}

// libbpf 1.x: "prog 'P': -- BEGIN PROG LOAD LOG --"; libbpf 0.x: "-- BEGIN DUMP LOG ---".
bool is_begin(std::string_view line) {
    return line.find("-- BEGIN PROG LOAD LOG --") != std::string_view::npos ||
           line.find("-- BEGIN DUMP LOG ---") != std::string_view::npos;
}

Unwrapped unwrap(std::string_view text) {
    Unwrapped out;
    if (unwrap_cilium_one_line(text, out)) {
        return out;
    }
    const std::vector<std::string_view> raw = split_lines(text);
    bool libbpf = false;
    bool debug = false;
    bool begin = false;
    bool end = false;
    bool veristat = false;
    bool cilium = false;
    static const std::regex prog_name(R"(prog '([^']+)')");
    for (std::string_view line : raw) {
        if (is_begin(line)) {
            libbpf = true;
            begin = true;
            std::smatch name;
            const std::string copy(line);
            if (std::regex_search(copy, name, prog_name)) {
                out.program = name[1].str();
            }
        }
        if (line.starts_with("libbpf: loading object") || line.starts_with("libbpf: elf:") ||
            line.starts_with("libbpf: map '")) {
            debug = true;
        }
        if (line.starts_with("Processing '")) {
            veristat = true;
        }
        if (line.find("load program: ") != std::string_view::npos) {
            cilium = true;
            static const std::regex cilium_name(R"(program (\w+): load program)");
            std::smatch name;
            const std::string copy(line);
            if (std::regex_search(copy, name, cilium_name)) {
                out.program = name[1].str();
            }
        }
    }
    bool inside = !libbpf;
    for (std::string_view line : raw) {
        if (line.starts_with("libbpf: ")) {
            line.remove_prefix(8);
        }
        if (is_begin(line)) {
            inside = true;
            continue;
        }
        if (veristat && ((line.starts_with("File ") && line.find("Verdict") != std::string_view::npos) ||
                         line.starts_with("Done. Processed"))) {
            inside = false;  // the table after the logs
            continue;
        }
        if (veristat && (line.starts_with("Processing '") || line.starts_with("PROCESSING "))) {
            continue;
        }
        if (line.find("-- END PROG LOAD LOG --") != std::string_view::npos || line.starts_with("-- END LOG --")) {
            inside = false;
            end = true;
            continue;
        }
        if (!inside) {
            continue;
        }
        std::string kept = trim(line);
        if (cilium) {
            const std::size_t at = kept.find("load program: ");
            if (at != std::string::npos) {
                const std::size_t colon = kept.find(": ", at + 14);
                kept = colon == std::string::npos ? "" : kept.substr(colon + 2);
            }
        }
        out.lines.push_back(kept);
    }
    if (libbpf) {
        out.format = debug ? "bpftool" : "libbpf";
        if (begin && !end) {
            out.notes.push_back("the log has no '-- END PROG LOAD LOG --' line: it was cut");
            out.truncated = true;
        }
    } else if (veristat) {
        out.format = "veristat";
    } else if (cilium) {
        out.format = "cilium";
    }
    return out;
}

}  // namespace

const LogEntry* KernelLog::last_insn_entry(std::uint32_t insn) const {
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        if (it->kind == EntryKind::Insn && it->insn == insn) {
            return &*it;
        }
    }
    return nullptr;
}

ParsedLog parse_kernel_log(std::string_view text) {
    Unwrapped unwrapped = unwrap(text);
    KernelLog log;
    log.format = unwrapped.format;
    log.program = unwrapped.program;
    log.notes = unwrapped.notes;
    log.lines = unwrapped.lines;
    std::string pending_source;
    std::string pending_file;
    std::uint32_t pending_line = 0;
    std::size_t recognised = 0;
    std::vector<std::size_t> candidates;  // lines that may be the error
    auto take_source = [&](const std::string& body) {
        std::smatch match;
        if (std::regex_match(body, match, source_suffix())) {
            pending_source = trim(match[1].str());
            pending_file = match[2].str();
            pending_line = log_u32(match[3].str());
        } else {
            pending_source = trim(body);
            pending_file.clear();
            pending_line = 0;
        }
    };
    for (std::size_t i = 0; i < log.lines.size(); ++i) {
        std::string line = log.lines[i];
        // A message the kernel printed without its newline runs into the statistics.
        if (const std::size_t glued = line.find("verification time "); glued != std::string::npos && glued > 0) {
            line.resize(glued);
            log.lines[i] = line;
        }
        std::smatch match;
        if (line.empty()) {
            continue;
        }
        if (is_statistics_line(line)) {
            ++recognised;
            continue;
        }
        if (line.starts_with("; ")) {
            take_source(line.substr(2));
            ++recognised;
            continue;
        }
        if (std::regex_match(line, match, insn_line())) {
            LogEntry entry;
            entry.kind = EntryKind::Insn;
            entry.frame = match[1].matched ? log_u32(match[1].str()) : 0;
            entry.insn = log_u32(match[2].str());
            entry.opcode = match[3].str();
            std::string body = match[4].str();
            std::string after;
            if (const std::size_t semi = body.find(" ; "); semi != std::string::npos) {
                after = trim(body.substr(semi + 3));
                body = body.substr(0, semi);
            }
            entry.text = trim(body);
            entry.source = pending_source;
            entry.file = pending_file;
            entry.line = pending_line;
            pending_source.clear();
            pending_file.clear();
            pending_line = 0;
            entry.log_line = i;
            if (after.starts_with("frame")) {
                after = after.substr(after.find(": ") == std::string::npos ? 0 : after.find(": ") + 2);
            }
            if (after.starts_with("R") || after.starts_with("fp-")) {
                entry.states = parse_states(after);
                // "... R0=scalar() ; next source @ file:line" does not occur, but a
                // source line glued after an instruction without states does:
            } else if (!after.empty()) {
                take_source(after);
            }
            log.entries.push_back(std::move(entry));
            ++recognised;
            continue;
        }
        if (std::regex_match(line, match, state_line())) {
            LogEntry entry;
            entry.kind = EntryKind::State;
            entry.insn = log_u32(match[1].str());
            entry.frame = match[2].matched ? log_u32(match[2].str()) : 0;
            entry.states = parse_states(match[3].str());
            entry.log_line = i;
            if (entry.insn != 0 || !log.entries.empty()) {
                log.level = 2;
            }
            log.entries.push_back(std::move(entry));
            ++recognised;
            continue;
        }
        if (std::regex_match(line, match, bare_state_line())) {
            // 5.x at level 1: the state after a branch, on a line of its own.
            if (!log.entries.empty() && log.entries.back().kind == EntryKind::Insn &&
                log.entries.back().states.empty()) {
                log.entries.back().states = parse_states(line);
            } else {
                LogEntry entry;
                entry.kind = EntryKind::State;
                entry.insn = log.entries.empty() ? 0 : log.entries.back().insn;
                entry.states = parse_states(line);
                entry.log_line = i;
                log.entries.push_back(std::move(entry));
            }
            ++recognised;
            continue;
        }
        if (std::regex_match(line, match, branch_line())) {
            LogEntry entry;
            entry.kind = EntryKind::Branch;
            entry.from = log_u32(match[1].str());
            entry.insn = log_u32(match[2].str());
            entry.frame = match[3].matched ? log_u32(match[3].str()) : 0;
            entry.states = parse_states(match[4].str());
            entry.log_line = i;
            log.entries.push_back(std::move(entry));
            ++recognised;
            continue;
        }
        if (line.ends_with(": safe")) {
            log.level = 2;
            ++recognised;
            continue;
        }
        if (is_noise(line)) {
            ++recognised;
            continue;
        }
        candidates.push_back(i);
    }
    log.stats = parse_verifier_stats(text);
    const bool has_stats = log.stats.insns_processed.has_value();
    if (!candidates.empty()) {
        log.error_line = candidates.back();
        log.error = log.lines[log.error_line];
        for (std::size_t k = candidates.size() - 1;
             k > 0 && candidates[k - 1] + 1 == candidates[k] && log.context.size() < 4; --k) {
            log.context.insert(log.context.begin(), log.lines[candidates[k - 1]]);
        }
        for (auto it = log.entries.rbegin(); it != log.entries.rend(); ++it) {
            if (it->log_line < log.error_line && it->kind == EntryKind::Insn) {
                log.error_insn = it->insn;
                break;
            }
        }
    }
    if (recognised == 0 && (candidates.empty() || candidates.size() > 3 || unwrapped.format == "raw")) {
        // No instruction, state, source or statistics line: only a one-line
        // message could still be a log, and it is judged by the catalog.
        if (candidates.size() != 1) {
            return {std::nullopt, "no line of it reads as a verifier log (no instructions, states or statistics)"};
        }
    }
    if (log.error.empty()) {
        log.notes.push_back(has_stats ? "the log has no error line: the verifier seems to have accepted the program"
                                      : "the log has no error line: it was cut before the verifier's message");
    }
    if (!has_stats && !unwrapped.truncated && !log.entries.empty()) {
        log.notes.push_back(
            "the log has no 'processed N insns' line: it may have been cut (the statistics end a "
            "complete log)");
    }
    if (log.entries.empty() && !unwrapped.truncated) {
        log.notes.push_back("the log has no instruction lines (log level 0, or cut): no evidence can be traced");
    }
    return {std::move(log), ""};
}

}  // namespace bpfcheck::explain
