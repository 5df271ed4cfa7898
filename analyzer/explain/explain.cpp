// Building an Explanation; see explanation.hpp. The failing instruction is
// the one the message names (check_cfg's messages), else the last one the
// log printed before its error; its source line comes from the object's line
// info when the object is given, else from the log's own "; text @ file:line"
// lines (6.2 and later) or "; text" lines (older kernels).
#include "analyzer/explain/evidence.hpp"
#include "analyzer/explain/explanation.hpp"
#include "analyzer/explain/log_numbers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <set>

namespace bpfcheck::explain {

namespace {

bool is_environment_id(const std::string& id) {
    for (const char* env : {"helper.not_for_type", "helper.unavailable", "ksym.unavailable", "helper.unknown",
                            "helper.gpl_only", "type.unavailable", "type.unprivileged", "isa.unavailable",
                            "packet.legacy_load", "btf.untyped", "btf.gpl_only", "pointer.leak"}) {
        if (id == env) {
            return true;
        }
    }
    return false;
}

bool is_budget_id(const std::string& id) {
    return id == "loop.kernel_budget" || id == "call.stack_depth" || id == "call.depth" || id == "tailcall.stack_depth";
}

// What to change so that the kernel can see what bpfcheck proves.
std::string limit_hint(const std::string& id) {
    if (id.starts_with("packet.")) {
        return "bpfcheck proves the access in bounds, the kernel cannot: compare the very pointer you dereference "
               "(data + offset + size) with data_end right before the access; the kernel does not learn from "
               "data_end - data lengths, from checks on other registers, or from offsets beyond 0xffff.";
    }
    if (id.starts_with("mem.") || id.starts_with("map.") || id.starts_with("stack.") || id == "helper.size") {
        return "bpfcheck proves the access in bounds, the kernel cannot: bound the index on the same register "
               "right before the access with an unsigned comparison (or mask it); the kernel loses relations "
               "between registers, bounds of copies spilled to the stack and precision where paths join.";
    }
    if (id.starts_with("null.")) {
        return "bpfcheck proves the pointer non-NULL here, the kernel cannot: compare the pointer with NULL in the "
               "same function, right before the use, and use the checked register.";
    }
    if (id.starts_with("loop.")) {
        return "bpfcheck proves the loop terminates, the kernel's budget of 1 million instructions cannot follow "
               "it: use bpf_loop(), bpf_for() iterators, or a smaller constant bound.";
    }
    if (id.starts_with("call.")) {
        return "bpfcheck accepts the call, the kernel verifies global functions on their own from their "
               "prototype: make the function static (verified with its callers' arguments) or check the bound "
               "inside it.";
    }
    return "bpfcheck proves this safe but the kernel cannot: restate the check right before the failing "
           "instruction, on the register it uses.";
}

std::string file_name(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

void fill_location(Explanation& out, const KernelLog& log, const ProgramContext* program,
                   const std::vector<std::size_t>& path) {
    if (!out.insn) {
        return;
    }
    const std::uint32_t insn = *out.insn;
    if (program != nullptr && insn < program->insns.size()) {
        const ProgramInsn& at = program->insns[insn];
        out.insn_text = at.text;
        if (at.line != 0) {
            out.file = file_name(at.file);
            out.line = at.line;
            out.source = at.source;
        }
    }
    // The log's own source lines: the last one printed at or before the failing
    // instruction's entry on the failing path.
    std::optional<std::size_t> entry_index;
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
        if (log.entries[*it].insn == insn) {
            entry_index = *it;
            break;
        }
    }
    if (!entry_index) {
        for (std::size_t k = log.entries.size(); k-- > 0;) {
            if (log.entries[k].kind == EntryKind::Insn && log.entries[k].insn == insn) {
                entry_index = k;
                break;
            }
        }
    }
    if (!entry_index) {
        return;
    }
    if (out.insn_text.empty()) {
        out.insn_text = log.entries[*entry_index].text;
    }
    for (std::size_t k = *entry_index + 1; k-- > 0;) {
        const LogEntry& entry = log.entries[k];
        if (entry.kind == EntryKind::Branch) {
            break;
        }
        if (entry.kind == EntryKind::Insn && !entry.source.empty()) {
            if (out.line == 0 && entry.line != 0) {
                out.file = file_name(entry.file);
                out.line = entry.line;
            }
            if (out.source.empty()) {
                out.source = entry.source;
            }
            return;
        }
    }
}

void decide_category(Explanation& out, const CatalogEntry* entry, const SecondOpinion* opinion) {
    out.category = entry != nullptr ? entry->category : Category::Bug;
    out.category_reason = entry != nullptr ? "the catalog's usual category for this message"
                                           : "the message is not in the catalog: a bug unless shown otherwise";
    if (out.category == Category::Environment) {
        out.category_reason = "the message is about what this kernel, program type or loader allows";
        return;
    }
    if (entry == nullptr) {
        return;  // an unknown message names no property bpfcheck's verdict could speak to
    }
    if (!entry->second_opinion) {
        out.category_reason +=
            " (bpfcheck's verdict is no second opinion on this property: it does not check it, or "
            "checks it on paths a kernel rule reads one by one)";
        return;
    }
    if (opinion == nullptr || !opinion->ran) {
        out.notes.push_back(
            "bpfcheck's analysis did not run (no --object): the category is the catalog's, without "
            "a second opinion");
        return;
    }
    if (opinion->verdict == "error") {
        out.notes.push_back("bpfcheck's analysis could not finish: the category is the catalog's" +
                            (opinion->note.empty() ? std::string() : " (" + opinion->note + ")"));
        return;
    }
    const auto first_error = std::find_if(opinion->diagnostics.begin(), opinion->diagnostics.end(),
                                          [](const OpinionDiagnostic& d) { return d.error; });
    if (first_error == opinion->diagnostics.end()) {
        out.category = Category::KernelLimit;
        out.category_reason =
            "bpfcheck, which keeps relations between registers and has no instruction budget, proves the program "
            "safe: the kernel's verifier cannot see it";
        out.hint = limit_hint(out.id) + (out.hint.empty() ? "" : " " + out.hint);
        return;
    }
    if (is_environment_id(first_error->id)) {
        out.category = Category::Environment;
        out.category_reason = fmt::format("bpfcheck also reports {} at insn {}: {}", first_error->id, first_error->insn,
                                          first_error->message);
        return;
    }
    if (out.category == Category::KernelLimit && is_budget_id(first_error->id)) {
        out.category_reason =
            fmt::format("bpfcheck also reports {}: a limit of the kernel, not a fault", first_error->id);
        return;
    }
    out.category = Category::Bug;
    out.category_reason = fmt::format("bpfcheck finds the program unsafe too: {} at insn {}: {}", first_error->id,
                                      first_error->insn, first_error->message);
}

void build_rows(Explanation& out, const KernelLog& log, const ProgramContext* program, const SecondOpinion* opinion,
                const std::vector<std::size_t>& path) {
    std::set<std::uint32_t> on_path;
    std::map<std::uint32_t, std::string> kernel_state;
    for (const std::size_t k : path) {
        on_path.insert(log.entries[k].insn);
    }
    for (const LogEntry& entry : log.entries) {
        if (entry.states.empty() || entry.kind == EntryKind::Branch) {
            continue;
        }
        std::string text;
        for (const SlotState& state : entry.states) {
            text += (text.empty() ? "" : " ") + state.name + "=" + state.text;
        }
        kernel_state[entry.insn] = text;
    }
    if (program != nullptr) {
        for (std::uint32_t i = 0; i < program->insns.size(); ++i) {
            const ProgramInsn& insn = program->insns[i];
            if (insn.text.empty()) {
                continue;
            }
            InsnRow row{i, insn.text, file_name(insn.file), insn.line, insn.source, "", "", on_path.contains(i)};
            if (const auto it = kernel_state.find(i); it != kernel_state.end()) {
                row.kernel_state = it->second;
            }
            if (opinion != nullptr) {
                if (const auto it = opinion->invariants.find(i); it != opinion->invariants.end()) {
                    row.bpfcheck_state = it->second;
                }
            }
            out.rows.push_back(std::move(row));
        }
        return;
    }
    std::set<std::uint32_t> seen;
    std::string file;
    std::uint32_t line = 0;
    std::string source;
    for (const LogEntry& entry : log.entries) {
        if (entry.kind != EntryKind::Insn) {
            continue;
        }
        if (!entry.source.empty()) {
            file = file_name(entry.file);
            line = entry.line;
            source = entry.source;
        }
        if (!seen.insert(entry.insn).second) {
            continue;
        }
        out.rows.push_back(InsnRow{entry.insn, entry.text, file, line, source, kernel_state[entry.insn], "",
                                   on_path.contains(entry.insn)});
    }
    std::sort(out.rows.begin(), out.rows.end(), [](const InsnRow& a, const InsnRow& b) { return a.insn < b.insn; });
}

// Messages about the whole program (a budget, the call graph) name no
// instruction of the fault, or only where the kernel gave up: bpfcheck's own
// diagnostic of the same family locates the cause.
void relocate_to_cause(Explanation& out, const CatalogEntry* entry, const ProgramContext* program,
                       const SecondOpinion* opinion) {
    if (entry == nullptr || program == nullptr || opinion == nullptr || !opinion->ran) {
        return;
    }
    const std::string id(entry->id);
    const bool global = id == "loop.kernel_budget" || id == "call.stack_depth" || id == "call.depth" ||
                        id == "cfg.recursion" || id == "tailcall.stack_depth" || id == "loop.infinite";
    if (!global && out.insn) {
        return;
    }
    const std::string family = id.substr(0, id.find('.') + 1);
    const OpinionDiagnostic* cause = nullptr;
    for (const OpinionDiagnostic& d : opinion->diagnostics) {
        const bool related =
            d.id.starts_with(family) || (global && (d.id.starts_with("loop.") || d.id.starts_with("call.") ||
                                                    d.id.starts_with("cfg.") || d.id.starts_with("tailcall.")));
        if (related && d.insn < program->insns.size()) {
            cause = &d;
            break;
        }
    }
    if (cause == nullptr) {
        return;
    }
    if (out.insn && *out.insn != cause->insn) {
        out.evidence.push_back(
            Evidence{out.insn, out.file, out.line, out.insn_text, "where the kernel's verifier stopped"});
    }
    out.insn = cause->insn;
    const ProgramInsn& at = program->insns[cause->insn];
    out.insn_text = at.text;
    out.file = file_name(at.file);
    out.line = at.line;
    out.source = at.source;
    out.notes.push_back(
        fmt::format("the kernel's message names no instruction of the cause; the location is "
                    "bpfcheck's ({} at insn {})",
                    cause->id, cause->insn));
}

// "Unreleased reference id=3 alloc_insn=31": where the leaked reference was taken.
void add_acquisition(Explanation& out, const KernelLog& log, const ProgramContext* program) {
    static const std::regex kAllocInsn(R"(alloc_insn=(\d+))");
    std::vector<std::string> lines = log.context;
    lines.push_back(log.error);
    for (const std::string& line : lines) {
        std::smatch match;
        if (!std::regex_search(line, match, kAllocInsn)) {
            continue;
        }
        Evidence item;
        item.insn = log_u32(match[1].str());
        if (program != nullptr && *item.insn < program->insns.size()) {
            item.text = program->insns[*item.insn].text;
            item.file = file_name(program->insns[*item.insn].file);
            item.line = program->insns[*item.insn].line;
        } else if (const LogEntry* entry = log.last_insn_entry(*item.insn); entry != nullptr) {
            item.text = entry->text;
            item.file = file_name(entry->file);
            item.line = entry->line;
        }
        item.why = "the reference is acquired here and not released on the failing path";
        out.evidence.push_back(std::move(item));
        return;
    }
}

// bpfcheck's abstract state of the involved registers before the failing
// instruction ("R1=pkt(off=0,r=33)"), from its invariants.
void add_bpfcheck_state(Explanation& out, const std::set<int>& registers, const SecondOpinion* opinion) {
    if (opinion == nullptr || !opinion->ran || !out.insn) {
        return;
    }
    const auto it = opinion->invariants.find(*out.insn);
    if (it == opinion->invariants.end()) {
        return;
    }
    const std::vector<SlotState> states = parse_states(it->second);
    std::string text;
    for (const SlotState& state : states) {
        for (const int reg : registers) {
            if (state.name == fmt::format("R{}", reg)) {
                text += (text.empty() ? "" : ", ") + state.name + "=" + state.text;
            }
        }
    }
    if (!text.empty()) {
        out.evidence.push_back(
            Evidence{out.insn, out.file, out.line, out.insn_text, "bpfcheck's state before it: " + text});
    }
}

}  // namespace

Explanation explain_log(const KernelLog& log, const ProgramContext* program, const SecondOpinion* opinion) {
    Explanation out;
    out.notes = log.notes;
    out.program = program != nullptr ? program->name : log.program;
    out.log_format = log.format;
    out.log_level = log.level;
    out.kernel_message = log.error;
    if (opinion != nullptr) {
        out.bpfcheck = *opinion;
    }
    CatalogMatch match = match_catalog(log.error);
    if (match.entry == nullptr) {
        for (auto it = log.context.rbegin(); it != log.context.rend() && match.entry == nullptr; ++it) {
            match = match_catalog(*it);
            if (match.entry != nullptr) {
                out.kernel_message = *it;
            }
        }
    }
    const std::vector<std::size_t> path = failing_path(log);
    out.insn = match.insn ? match.insn : log.error_insn;
    fill_location(out, log, program, path);
    relocate_to_cause(out, match.entry, program, opinion);
    if (match.entry != nullptr) {
        out.catalog_key = std::string(match.entry->key);
        out.id = std::string(match.entry->id);
        out.explanation = std::string(match.entry->explanation);
        out.hint = std::string(match.entry->fix);
    } else {
        out.id = "kernel.unknown";
        out.explanation = "bpfcheck's catalog does not know this message; the evidence below is what the log shows.";
        if (!log.error.empty()) {
            out.notes.push_back("message not in the catalog: '" + log.error + "'");
        }
    }
    // bpfcheck's own diagnostic at the failing instruction names the check more precisely.
    if (opinion != nullptr && opinion->ran && out.insn) {
        for (const OpinionDiagnostic& d : opinion->diagnostics) {
            if (d.error && d.insn == *out.insn) {
                out.id = d.id;
                break;
            }
        }
    }
    if (log.error.empty()) {
        out.id = "log.incomplete";
        out.explanation = "The log ends before the verifier's message: what it shows is below, the reason is not.";
        out.hint = "Capture the whole log: a larger log buffer (libbpf: kernel_log_size), or log level 1.";
    }
    out.message = out.kernel_message.empty() ? "the log ends before the verifier's verdict"
                                             : "the kernel's verifier refused the program: " + out.kernel_message;
    decide_category(out, match.entry, opinion);
    if (log.error.empty()) {
        out.category_reason = "no message to categorise: the category is a guess";
    }
    const std::set<int> registers = involved_registers(out.kernel_message, out.insn_text);
    if (out.insn) {
        for (const std::string& line : log.context) {
            if (line != out.kernel_message) {
                out.evidence.push_back(Evidence{out.insn, out.file, out.line, out.insn_text, "the kernel: " + line});
            }
        }
    }
    add_acquisition(out, log, program);
    for (Evidence& item : trace_stack_slot(log, path, out.kernel_message, program)) {
        out.evidence.push_back(std::move(item));
    }
    for (Evidence& item : trace_evidence(log, path, registers, program, 8, out.id.starts_with("packet."))) {
        out.evidence.push_back(std::move(item));
    }
    add_bpfcheck_state(out, registers, opinion);
    if (opinion != nullptr && opinion->ran && out.insn) {
        for (const OpinionDiagnostic& d : opinion->diagnostics) {
            if (d.insn == *out.insn || (out.evidence.size() < 10 && d.error && out.category == Category::Bug &&
                                        d.insn != *out.insn && &d == &opinion->diagnostics.front())) {
                Evidence item;
                item.insn = d.insn;
                item.text =
                    d.insn < (program != nullptr ? program->insns.size() : 0) ? program->insns[d.insn].text : "";
                if (program != nullptr && d.insn < program->insns.size()) {
                    item.file = file_name(program->insns[d.insn].file);
                    item.line = program->insns[d.insn].line;
                }
                item.why = fmt::format("bpfcheck: {} ({})", d.message, d.id);
                out.evidence.push_back(std::move(item));
            }
        }
    }
    if (path.empty() && !log.entries.empty()) {
        out.notes.push_back("the failing path could not be traced: no instruction line before the error");
    }
    build_rows(out, log, program, opinion, path);
    return out;
}

Explanation explain_opinion(const ProgramContext& program, const SecondOpinion& opinion, const std::string& why) {
    Explanation out;
    out.kernel_asked = false;
    out.program = program.name;
    out.bpfcheck = opinion;
    out.notes.push_back("no kernel was asked (" + why + "): this explains bpfcheck's own first error");
    const auto first = std::find_if(opinion.diagnostics.begin(), opinion.diagnostics.end(),
                                    [](const OpinionDiagnostic& d) { return d.error; });
    if (first == opinion.diagnostics.end()) {
        out.id = "";
        out.message = opinion.verdict == "pass" ? "bpfcheck proves the program safe: nothing to explain"
                                                : "bpfcheck could not analyse the program: " + opinion.note;
        return out;
    }
    out.id = first->id;
    out.message = first->message;
    out.insn = first->insn;
    out.hint = first->hint;
    if (first->insn < program.insns.size()) {
        const ProgramInsn& at = program.insns[first->insn];
        out.insn_text = at.text;
        out.file = file_name(at.file);
        out.line = at.line;
        out.source = at.source;
    }
    out.category = is_environment_id(first->id) ? Category::Environment
                   : is_budget_id(first->id)    ? Category::KernelLimit
                                                : Category::Bug;
    out.category_reason = "bpfcheck's own verdict (no kernel log)";
    out.explanation = "bpfcheck reports " + first->id + ": " + first->message;
    for (const OpinionDiagnostic& d : opinion.diagnostics) {
        Evidence item;
        item.insn = d.insn;
        if (d.insn < program.insns.size()) {
            item.text = program.insns[d.insn].text;
            item.file = file_name(program.insns[d.insn].file);
            item.line = program.insns[d.insn].line;
        }
        item.why = d.message;
        out.evidence.push_back(std::move(item));
    }
    for (std::uint32_t i = 0; i < program.insns.size(); ++i) {
        const ProgramInsn& insn = program.insns[i];
        if (insn.text.empty()) {
            continue;
        }
        InsnRow row{i, insn.text, file_name(insn.file), insn.line, insn.source, "", "", false};
        if (const auto it = opinion.invariants.find(i); it != opinion.invariants.end()) {
            row.bpfcheck_state = it->second;
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace bpfcheck::explain
