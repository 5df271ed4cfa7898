// The inputs of a batch `check`: objects named on the command line, and the
// BPF ELF files found under directories. Files in directories are picked by
// their header, not their name: ELF64 relocatable files whose machine is
// EM_BPF, or EM_NONE (old toolchains) with a section only BPF objects have.
#pragma once

#include <string>
#include <vector>

namespace bpfcheck::cli::batch {

struct Inputs {
    std::vector<std::string> objects;  // in command-line order, each directory's files sorted
    std::vector<std::string> errors;   // a missing path, a directory holding no BPF object
};

// Whether the file at `path` starts like a BPF ELF object.
bool is_bpf_elf(const std::string& path);

Inputs collect_inputs(const std::vector<std::string>& paths);

}  // namespace bpfcheck::cli::batch
