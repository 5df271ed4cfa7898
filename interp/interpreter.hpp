// A concrete interpreter of the BPF instruction set (ISA v1-v4, RFC 9669)
// for the soundness oracle: it runs one linked program on one random input
// (context, packet, map contents and helper results drawn from a seed) and
// traps on every access the kernel's verifier must have ruled out: a read
// or write outside the packet, the stack, a map value or the context's
// fields, a NULL or number dereference, a read of an uninitialised
// register, a pointer operation other than adding a number, more than 8
// frames. Division follows BPF (x / 0 = 0, x % 0 = x): it never traps.
// Helpers and kfuncs it does not model end the run as Unsupported.
#pragma once

#include "cfg/isa/instruction.hpp"
#include "interp/concrete.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bpfcheck::interp {

struct MapModel {
    std::uint32_t type = 0;  // enum bpf_map_type
    std::uint32_t key_size = 0;
    std::uint32_t value_size = 0;
    std::uint32_t max_entries = 0;
    bool read_only = false;
    std::vector<std::uint8_t> initial_value;  // global data; empty: random contents
    bool global_data = false;
};

enum class RefKind : std::uint8_t { None, Map, MapValue, Call, Func };

// What the loader resolved for one instruction slot (ld_imm64 and calls).
struct SlotRef {
    RefKind kind = RefKind::None;
    std::uint32_t map = 0;
    std::int64_t offset = 0;   // MapValue: offset in the value
    std::uint32_t target = 0;  // Call, Func: instruction index
};

struct ProgramImage {
    std::string type;  // program type as libbpf spells it ("xdp", "sched_cls", ...)
    std::vector<isa::Instruction> insns;
    std::vector<SlotRef> refs;  // one per slot (may be empty: none resolved)
    std::vector<MapModel> maps;
    // Packet lengths worth trying (around the program's bounds checks);
    // drawn for a quarter of the runs. Empty: lengths drawn at random only.
    std::vector<std::uint32_t> packet_lengths;
    // For program types the interpreter has no model of whose context is a
    // readable blob (tracepoints, raw tracepoints, perf events): its size and
    // first readable offset, as the caller's program-type table says.
    std::uint32_t blob_size = 0;
    std::uint32_t blob_start = 0;
    bool blob_writable = false;  // the blob may be written too (a syscall program's buffer)
};

// The lengths around the constants a program adds to pointers or compares
// with (k - 1, k, k + 1 for each constant k below 2048).
std::vector<std::uint32_t> interesting_packet_lengths(const std::vector<isa::Instruction>& insns);

// Whether the interpreter models this program type's context (or the image
// describes it as a readable blob).
bool supports_program_type(const std::string& type);
bool supports_program(const ProgramImage& program);

enum class Outcome : std::uint8_t { Exit, Trap, Unsupported, Budget };
std::string_view outcome_name(Outcome outcome);

struct RunResult {
    Outcome outcome = Outcome::Exit;
    std::uint32_t pc = 0;  // where the run ended
    std::uint64_t r0 = 0;
    std::uint64_t steps = 0;
    std::string message;  // why it trapped or stopped
};

struct RunOptions {
    std::uint64_t max_steps = 100000;
};

// Called before each instruction with the state it starts from.
using Observer = std::function<void(std::uint32_t pc, const ConcreteState& state)>;

RunResult run(const ProgramImage& program, std::uint64_t seed, const Observer& observe = {},
              const RunOptions& options = {});

}  // namespace bpfcheck::interp
