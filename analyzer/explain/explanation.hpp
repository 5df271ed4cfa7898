// Explaining a verifier rejection: the log (a KernelLog) aligned with the
// program (when the object is given), looked up in the catalog, the evidence
// traced backwards along the failing path through the log's states (and
// bpfcheck's own states), and the category decided with bpfcheck's analysis
// as a second opinion: when bpfcheck, which keeps relations and has no
// instruction budget, proves the program safe, the rejection is a limit of
// the kernel's verifier, not a bug. The result is a value the renderers of
// cli/explain/ print as text, JSON or an HTML page.
#pragma once

#include "analyzer/explain/catalog.hpp"
#include "analyzer/explain/kernel_log.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bpfcheck::explain {

// The program as the object describes it, per instruction (index = the
// kernel's instruction index).
struct ProgramInsn {
    std::string text;  // "r1 = *(u64 *)(r1 +8)"
    std::string file;  // source file name, "" without line info
    std::uint32_t line = 0;
    std::string source;  // the source line's text
};

struct OpinionDiagnostic {
    std::string id;
    std::uint32_t insn = 0;
    std::string message;
    std::string hint;
    bool error = true;
};

// bpfcheck's own analysis of the program.
struct SecondOpinion {
    bool ran = false;
    std::string verdict;  // "pass", "fail", "error"
    std::vector<OpinionDiagnostic> diagnostics;
    std::map<std::uint32_t, std::string> invariants;  // abstract state before each instruction
    std::string note;                                 // e.g. why it did not run
};

struct ProgramContext {
    std::string name;
    std::vector<ProgramInsn> insns;
};

struct Evidence {
    std::optional<std::uint32_t> insn;
    std::string file;
    std::uint32_t line = 0;
    std::string text;  // the instruction, or the source line
    std::string why;
};

// One row of the page: an instruction with both opinions of its state.
struct InsnRow {
    std::uint32_t insn = 0;
    std::string text;
    std::string file;
    std::uint32_t line = 0;
    std::string source;
    std::string kernel_state;    // after it, from the log
    std::string bpfcheck_state;  // before it, from bpfcheck
    bool on_path = false;        // on the path the kernel failed on
};

struct Explanation {
    std::string id;       // check id
    std::string message;  // bpfcheck's one-line summary
    std::string kernel_message;
    std::optional<std::uint32_t> insn;
    std::string insn_text;
    std::string file;
    std::uint32_t line = 0;
    std::string source;
    Category category = Category::Bug;
    std::string category_reason;
    std::string explanation;
    std::string hint;
    std::string catalog_key;  // "" when the catalog does not know the message
    std::vector<Evidence> evidence;
    std::vector<std::string> notes;
    bool kernel_asked = true;  // false: no kernel log, bpfcheck's own first error is explained
    SecondOpinion bpfcheck;
    std::vector<InsnRow> rows;
    std::string program;
    std::string log_format;
    int log_level = 0;
};

// `program` and `opinion` may be null (a log alone).
Explanation explain_log(const KernelLog& log, const ProgramContext* program, const SecondOpinion* opinion);

// No kernel was asked: explain bpfcheck's own first error.
Explanation explain_opinion(const ProgramContext& program, const SecondOpinion& opinion, const std::string& why);

}  // namespace bpfcheck::explain
