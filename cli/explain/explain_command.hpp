// `bpfcheck explain`: options and entry point; see explain_command.cpp.
#pragma once

#include <string>

namespace bpfcheck::cli {

struct ExplainOptions {
    std::string log;     // file, "-" for standard input, "" for none
    std::string object;  // BPF ELF object, "" for none
    std::string program;
    std::string type;
    std::string format = "text";
    std::string btf;
    bool unprivileged = false;
    bool no_kernel = false;
    bool catalog = false;  // print the catalog of kernel messages instead  // do not load into the running kernel:
                           // explain bpfcheck's own first error
    double timeout_seconds = 60;
};

int run_explain(const ExplainOptions& options);

}  // namespace bpfcheck::cli
