// The rows of `bpfcheck compare`: for one program, bpfcheck's verdict, time
// and memory beside the running kernel's verdict and verifier statistics, and
// whether the two agree; and the renderers (an aligned table, CSV, JSON).
#pragma once

#include "analyzer/analyzer.hpp"
#include "cli/kernel/kernel_loader.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcheck::cli {

// What the analysis of one program cost, measured in a child process of its
// own (see compare_command.cpp).
struct BpfcheckMeasure {
    analyzer::Verdict verdict = analyzer::Verdict::Error;
    double time_ms = 0;                  // the analysis (CFG, fixpoint, checks), without loading the object
    std::uint64_t peak_kib = 0;          // growth of the resident set during the analysis, at its peak
    std::uint64_t process_peak_kib = 0;  // the analysing process's peak resident set, object and libraries included
    std::string error;                   // fail: the first error ("insn N: message [id]"); error: why
};

// bpfcheck's error verdict counts as a rejection: it did not prove the program safe.
enum class Agreement : std::uint8_t { BothAccept, BothReject, OnlyBpfcheckRejects, OnlyKernelRejects, NotApplicable };

std::string_view agreement_name(Agreement agreement);
Agreement agreement_of(analyzer::Verdict bpfcheck, KernelVerdict kernel);
inline bool agrees(Agreement agreement) {
    return agreement != Agreement::OnlyBpfcheckRejects && agreement != Agreement::OnlyKernelRejects;
}

struct CompareRow {
    std::string object;
    std::string program;
    std::string section;
    std::string type;
    std::size_t instructions = 0;  // 8-byte slots of the linked program, as `list` counts them
    BpfcheckMeasure bpfcheck;
    KernelResult kernel;
    Agreement agreement = Agreement::NotApplicable;
};

// `kernel_note`: when the kernel could not be asked at all, why (printed once).
void render_compare_table(std::ostream& out, const std::vector<CompareRow>& rows, const std::string& kernel_note);
void render_compare_csv(std::ostream& out, const std::vector<CompareRow>& rows);
void render_compare_json(std::ostream& out, const std::vector<CompareRow>& rows);

}  // namespace bpfcheck::cli
