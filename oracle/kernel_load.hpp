// Loads a generated program into the running kernel (bpf(2) through
// libbpf): creates its maps, patches their file descriptors into the
// ld_imm64 instructions, and returns the verifier's verdict and the last
// line of its log. For the generator's differential mode only.
#pragma once

#include "cfg/program/program.hpp"

#include <optional>
#include <string>

namespace bpfcheck::oracle {

struct KernelVerdict {
    bool accepted = false;
    std::string message;
    std::string log;  // the whole verifier log (level 1) when refused  // the log's last non-empty line when refused
};

// nullopt when bpf() is not available (not root).
std::optional<KernelVerdict> kernel_verdict(const model::BpfObject& object, const model::Program& program);

}  // namespace bpfcheck::oracle
