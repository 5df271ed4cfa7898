// bpfcheck_analysis_bench OBJ... [--repeat N]: analyse every program of every
// object N times in this process and print, per program, the median analysis
// time (the same clock `check --format json` reports as time_ms), then the
// median over all programs. No kernel, no fork: a steady loop to profile
// (perf record / valgrind --tool=callgrind) the analysis alone.
#include "analyzer/analyzer.hpp"
#include "cfg/loader/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

double median(std::vector<double> values) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

int run(int argc, char** argv) {
    int repeat = 5;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::atoi(argv[++i]));
        } else {
            paths.push_back(arg);
        }
    }
    if (paths.empty()) {
        fmt::print(stderr, "usage: bpfcheck_analysis_bench OBJ... [--repeat N]\n");
        return 2;
    }
    std::vector<double> medians;
    for (const std::string& path : paths) {
        auto object = bpfcheck::loader::load_object(path);
        if (!object) {
            fmt::print(stderr, "{}: {}\n", path, object.error().message);
            continue;
        }
        for (const auto& program : object->programs) {
            std::vector<double> samples;
            samples.reserve(static_cast<std::size_t>(repeat));
            bpfcheck::analyzer::AnalyzeRequest request;
            for (int r = 0; r < repeat; ++r) {
                samples.push_back(bpfcheck::analyzer::analyze_program(*object, program, request).time_ms);
            }
            medians.push_back(median(samples));
            fmt::print("{:9.4f} ms  {:5} insns  {}:{}\n", medians.back(), program.insns.size(), path, program.name);
        }
    }
    fmt::print("median over {} programs: {:.4f} ms\n", medians.size(), median(medians));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        fmt::print(stderr, "bpfcheck_analysis_bench: {}\n", error.what());
        return 2;
    }
}
