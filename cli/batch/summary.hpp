// The line that ends a batch check:
//   bpfcheck: 42 programs in 7 objects: 40 passed, 1 failed, 1 error(s) (3 suppressed) in 1.25 s
#pragma once

#include "cli/check_report.hpp"

#include <string>
#include <vector>

namespace bpfcheck::cli::batch {

struct Summary {
    std::size_t objects = 0;
    std::size_t programs = 0;
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t errors = 0;
    std::size_t suppressed = 0;
    double seconds = 0;
};

Summary summarise(const std::vector<ObjectReport>& reports, double seconds);
std::string summary_line(const Summary& summary);

}  // namespace bpfcheck::cli::batch
