// Counting verdicts for the summary line (see summary.hpp).
#include "cli/batch/summary.hpp"

#include <fmt/format.h>

namespace bpfcheck::cli::batch {

Summary summarise(const std::vector<ObjectReport>& reports, double seconds) {
    Summary summary;
    summary.objects = reports.size();
    summary.seconds = seconds;
    for (const ObjectReport& report : reports) {
        for (const ProgramReport& program : report.programs) {
            ++summary.programs;
            summary.suppressed += program.suppressed;
            switch (program.result.verdict) {
                case analyzer::Verdict::Pass:
                    ++summary.passed;
                    break;
                case analyzer::Verdict::Fail:
                    ++summary.failed;
                    break;
                case analyzer::Verdict::Error:
                    ++summary.errors;
                    break;
            }
        }
    }
    return summary;
}

std::string summary_line(const Summary& summary) {
    return fmt::format("bpfcheck: {} program(s) in {} object(s): {} passed, {} failed, {} error(s){} in {:.2f} s",
                       summary.programs, summary.objects, summary.passed, summary.failed, summary.errors,
                       summary.suppressed == 0 ? "" : fmt::format(" ({} finding(s) suppressed)", summary.suppressed),
                       summary.seconds);
}

}  // namespace bpfcheck::cli::batch
