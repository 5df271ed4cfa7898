// Fuzz target: the analyzer, and the soundness oracle behind it, on programs
// built from the input (oracle/program_object.hpp: an 8-byte header whose
// first byte picks the program type, then instruction slots; ld_imm64 with
// src 1 names one of two maps). A program bpfcheck passes is then run by the
// concrete interpreter on a few inputs: a trap, or a concrete state outside
// the abstract one, aborts (a soundness bug), as a crash would.
#include "oracle/program_object.hpp"
#include "oracle/soundness.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bpfcheck;
    if (size > 8 + 8 * 4096) {
        return 0;  // the kernel's limit for unprivileged programs; keeps runs fast
    }
    const model::BpfObject object = oracle::decode_fuzz_input(std::span<const std::uint8_t>(data, size));
    const model::Program& program = object.programs.front();
    if (!program.load_error.empty()) {
        return 0;
    }
    oracle::OracleOptions options;
    options.runs = 8;
    options.max_steps = 20000;
    options.analysis.timeout_seconds = 5;
    options.analysis.max_block_visits = 200000;
    options.analysis.max_memory_mib = 0;
    const oracle::ProgramReport report = oracle::check_program(object, program, options);
    if (!report.violations.empty()) {
        std::fprintf(stderr, "soundness violation (%s): %s\n", program.type.c_str(), report.violations.front().c_str());
        std::abort();
    }
    return 0;
}
