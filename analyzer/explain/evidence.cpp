// The failing path and the evidence along it; see evidence.hpp. Instruction
// texts are the kernel's disassembler's (kernel/bpf/disasm.c): "r3 = r2",
// "w3 += 8", "r1 = *(u32 *)(r1 +76)", "if r2 > r3 goto pc+5", "call
// bpf_map_lookup_elem#1", and bpfcheck's printer follows it.
#include "analyzer/explain/evidence.hpp"
#include "analyzer/explain/log_numbers.hpp"

#include <fmt/format.h>

#include <regex>

namespace bpfcheck::explain {

namespace {

struct Effect {
    bool defines = false;   // the instruction writes the register
    bool compares = false;  // a conditional jump reads it
    int copied_from = -1;   // r = rX, r += rX ... : rX contributes to the value
    std::string how;        // "loaded from memory", "set to a constant", "returned by ..."
};

Effect effect_on(const std::string& text, int reg) {
    Effect effect;
    const std::string r = fmt::format("r{}", reg);
    const std::string w = fmt::format("w{}", reg);
    static const std::regex assign(R"(^([rw])(\d+) (s?>>|<<|[-+*/%&|^]|s/|s%)?= (.*)$)");
    static const std::regex jump(R"(^if ([rw])(\d+) .* goto)");
    static const std::regex jump_rhs(R"(^if [rw]\d+ \S+ ([rw])(\d+) goto)");
    static const std::regex call(R"(^call )");
    std::smatch match;
    if (std::regex_search(text, match, call)) {
        if (reg == 0) {
            effect.defines = true;
            effect.how = "set by the call " + text.substr(5);
        } else if (reg >= 1 && reg <= 5) {
            effect.defines = true;
            effect.how = "clobbered by the call " + text.substr(5) + " (calls destroy R1-R5)";
        }
        return effect;
    }
    if (std::regex_search(text, match, jump)) {
        std::smatch rhs;
        const bool left = log_int(match[2].str()) == reg;
        const bool right = std::regex_search(text, rhs, jump_rhs) && log_int(rhs[2].str()) == reg;
        effect.compares = left || right;
        return effect;
    }
    if (std::regex_match(text, match, assign) && log_int(match[2].str()) == reg) {
        effect.defines = true;
        const std::string op = match[3].str();
        const std::string value = match[4].str();
        static const std::regex source_reg(R"(^\(?(?:[su]\d+\))?([rw])(\d+)$)");
        std::smatch src;
        if (value.starts_with("*(")) {
            effect.how = "loaded from memory";
        } else if (std::regex_match(value, src, source_reg)) {
            effect.copied_from = log_int(src[2].str());
            effect.how = op.empty() ? fmt::format("copied from R{}", effect.copied_from)
                                    : fmt::format("computed with R{} ({}=)", effect.copied_from, op);
        } else if (op.empty()) {
            effect.how = value.find("map") != std::string::npos || value.ends_with(" ll") ? "set to " + value
                                                                                          : "set to " + value;
        } else {
            effect.how = fmt::format("changed by {}= {}", op, value);
            effect.defines = true;
            effect.copied_from = -2;  // keep tracking the register itself
        }
        (void)r;
        (void)w;
    }
    return effect;
}

const SlotState* state_of(const LogEntry& entry, int reg) {
    const std::string name = fmt::format("R{}", reg);
    for (const SlotState& state : entry.states) {
        if (state.name == name) {
            return &state;
        }
    }
    return nullptr;
}

// The source of the entry at `index`: its own, or the last one printed before it.
void locate_entry(const KernelLog& log, std::size_t index, const ProgramContext* program, Evidence& evidence) {
    const LogEntry& entry = log.entries[index];
    if (program != nullptr && entry.insn < program->insns.size() && program->insns[entry.insn].line != 0) {
        const std::string& path = program->insns[entry.insn].file;
        evidence.file = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
        evidence.line = program->insns[entry.insn].line;
        return;
    }
    for (std::size_t k = index + 1; k-- > 0;) {
        const LogEntry& earlier = log.entries[k];
        if (earlier.kind == EntryKind::Insn && (!earlier.source.empty() || earlier.line != 0)) {
            evidence.file = earlier.file;
            evidence.line = earlier.line;
            return;
        }
    }
}

}  // namespace

std::vector<std::size_t> failing_path(const KernelLog& log) {
    std::vector<std::size_t> path;
    std::size_t at = log.entries.size();
    // Start at the last instruction entry before the error line.
    for (std::size_t k = log.entries.size(); k-- > 0;) {
        if (log.entries[k].kind == EntryKind::Insn && (log.error.empty() || log.entries[k].log_line < log.error_line)) {
            at = k;
            break;
        }
    }
    if (at == log.entries.size()) {
        return path;
    }
    std::size_t k = at + 1;
    std::size_t guard = 0;
    while (k-- > 0 && guard++ < 100000) {
        const LogEntry& entry = log.entries[k];
        if (entry.kind == EntryKind::Insn) {
            path.push_back(k);
            continue;
        }
        if (entry.kind == EntryKind::Branch) {
            // The path continues at the jump that pushed this branch.
            std::size_t jump = k;
            while (jump-- > 0) {
                if (log.entries[jump].kind == EntryKind::Insn && log.entries[jump].insn == entry.from) {
                    break;
                }
            }
            if (jump == static_cast<std::size_t>(-1)) {
                break;
            }
            k = jump + 1;
        }
    }
    return {path.rbegin(), path.rend()};
}

std::set<int> involved_registers(const std::string& message, const std::string& insn_text) {
    std::set<int> registers;
    static const std::regex named(R"(\bR(\d+)\b)");
    for (auto it = std::sregex_iterator(message.begin(), message.end(), named); it != std::sregex_iterator(); ++it) {
        registers.insert(log_int((*it)[1].str()));
    }
    static const std::regex base(R"(\(([rw])(\d+) [+-]\d+\))");
    std::smatch match;
    if (registers.empty() && std::regex_search(insn_text, match, base)) {
        registers.insert(log_int(match[2].str()));
    }
    if (registers.empty()) {
        static const std::regex any(R"(\b[rw](\d+)\b)");
        for (auto it = std::sregex_iterator(insn_text.begin(), insn_text.end(), any); it != std::sregex_iterator();
             ++it) {
            registers.insert(log_int((*it)[1].str()));
        }
    }
    registers.erase(10);
    return registers;
}

std::vector<Evidence> trace_evidence(const KernelLog& log, const std::vector<std::size_t>& path,
                                     const std::set<int>& registers, const ProgramContext* program, std::size_t limit,
                                     bool packet) {
    std::vector<Evidence> evidence;
    if (path.empty()) {
        return evidence;
    }
    for (const int reg : registers) {
        // Its state just before the failing instruction: the last one printed on the path.
        const SlotState* last_state = nullptr;
        for (std::size_t p = path.size() - 1; p-- > 0 && last_state == nullptr;) {
            last_state = state_of(log.entries[path[p]], reg);
            if (last_state != nullptr) {
                Evidence item;
                item.insn = log.entries[path[p]].insn;
                item.text = log.entries[path[p]].text;
                locate_entry(log, path[p], program, item);
                item.why = fmt::format("R{} before the failing instruction, as the kernel last printed it: {}", reg,
                                       last_state->summary());
                evidence.push_back(std::move(item));
            }
        }
        const bool check_matters = last_state == nullptr || last_state->type == "scalar" ||
                                   last_state->type.find("or_null") != std::string::npos;
        std::set<int> tracked{reg};
        bool compared = false;
        std::optional<Evidence> origin;
        for (std::size_t p = path.size() - 1; p-- > 0 && evidence.size() < limit;) {
            const LogEntry& entry = log.entries[path[p]];
            for (const int r : std::set<int>(tracked)) {
                const Effect effect = effect_on(entry.text, r);
                if (!effect.defines && !effect.compares) {
                    continue;
                }
                Evidence item;
                item.insn = entry.insn;
                item.text = entry.text;
                locate_entry(log, path[p], program, item);
                const SlotState* state = state_of(entry, r);
                const std::string after = state != nullptr ? fmt::format(": R{} = {}", r, state->summary()) : "";
                if (effect.compares) {
                    compared = true;
                    item.why = fmt::format("R{} is compared here{}", r, after);
                } else {
                    item.why = fmt::format("R{} {}{}", r, effect.how, after);
                    if (effect.copied_from == -2) {
                        // still the same register: keep tracking it
                    } else {
                        tracked.erase(r);
                        if (effect.copied_from >= 0 && effect.copied_from != 10) {
                            tracked.insert(effect.copied_from);
                        }
                        if (r == reg || !origin) {
                            origin = item;
                        }
                    }
                }
                evidence.push_back(std::move(item));
            }
            if (tracked.empty()) {
                break;
            }
        }
        if (origin && !compared && check_matters) {
            Evidence note = *origin;
            note.why = fmt::format(
                "R{} got its value at insn {}{} and no comparison on the failing path checks it "
                "before the failing instruction",
                reg, origin->insn.value_or(0), origin->line != 0 ? fmt::format(" (line {})", origin->line) : "");
            evidence.push_back(std::move(note));
        }
    }
    // The last comparison with data_end on the path: what the kernel learnt from it.
    for (std::size_t p = path.size() - 1; packet && p-- > 0 && evidence.size() < limit + 2;) {
        const LogEntry& entry = log.entries[path[p]];
        if (!entry.text.starts_with("if ")) {
            continue;
        }
        bool pkt_end = false;
        std::string proven;
        for (const SlotState& state : entry.states) {
            pkt_end = pkt_end || state.type == "pkt_end";
            if (state.type == "pkt" && state.fields.contains("r")) {
                proven = fmt::format("{} = {}", state.name, state.text);
            }
        }
        if (pkt_end) {
            Evidence item;
            item.insn = entry.insn;
            item.text = entry.text;
            locate_entry(log, path[p], program, item);
            item.why = "the last bounds check against data_end on the failing path" +
                       (proven.empty() ? std::string() : "; after it " + proven + " (r = bytes proven present)");
            evidence.push_back(std::move(item));
            break;
        }
    }
    return evidence;
}

std::vector<Evidence> trace_stack_slot(const KernelLog& log, const std::vector<std::size_t>& path,
                                       const std::string& message, const ProgramContext* program) {
    std::vector<Evidence> evidence;
    static const std::regex slot(R"(stack.* off[= ](-\d+))");
    std::smatch match;
    if (path.empty() || !std::regex_search(message, match, slot)) {
        return evidence;
    }
    const int offset = log_int(match[1].str());
    const std::string name = fmt::format("fp{}", offset);
    const std::string store = fmt::format("(r10 {}) =", offset);
    bool written = false;
    bool shown = false;
    for (std::size_t p = path.size(); p-- > 0 && evidence.size() < 4;) {
        const LogEntry& entry = log.entries[path[p]];
        if (!shown) {
            for (const SlotState& state : entry.states) {
                if (state.name == name) {
                    Evidence item{entry.insn, "", 0, entry.text,
                                  fmt::format("{} as the kernel last printed it: {} (m: spilled or written, 0: zero, "
                                              "?: never written)",
                                              name, state.text)};
                    locate_entry(log, path[p], program, item);
                    evidence.push_back(std::move(item));
                    shown = true;
                }
            }
        }
        if (entry.text.find(store) != std::string::npos && entry.text.starts_with("*(")) {
            Evidence item{entry.insn, "", 0, entry.text, fmt::format("{} is written here", name)};
            locate_entry(log, path[p], program, item);
            evidence.push_back(std::move(item));
            written = true;
            break;
        }
    }
    if (!written) {
        const LogEntry& last = log.entries[path.back()];
        Evidence item{
            last.insn, "", 0, last.text,
            fmt::format("no instruction on the failing path stores to {} (r10 {}) before this one", name, offset)};
        locate_entry(log, path.back(), program, item);
        evidence.push_back(std::move(item));
    }
    return evidence;
}

}  // namespace bpfcheck::explain
