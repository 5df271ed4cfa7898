// A random typed program generator: XDP programs built from the shapes real
// programs have (packet bounds checks then reads, map lookups with NULL
// checks, stack spills and fills, scalar arithmetic, forward branches,
// bounded loops, bpf-to-bpf calls), each register's type tracked so the
// programs get past their first instructions. A fraction of the shapes is
// deliberately off by one (a read one byte past the checked bound, a
// missing NULL check) so verdicts of both kinds are produced.
#pragma once

#include "cfg/program/program.hpp"

#include <cstdint>

namespace bpfcheck::oracle {

struct GeneratorOptions {
    int blocks = 12;       // shapes per program
    double faulty = 0.05;  // chance that a shape is off by one
};

// One object holding one program ("gen"), of type xdp, and two maps:
// map 0 an array (key u32, value 16 bytes, 4 entries), map 1 a hash
// (key u64, value 32 bytes).
model::BpfObject generate_program(std::uint64_t seed, const GeneratorOptions& options = {});

}  // namespace bpfcheck::oracle
