// The interpreter's machine: registers and frames, the memory regions
// (context, packet, stacks, map values) with their bounds checks, and the
// random source every input is drawn from. Shared by the instruction loop
// (interpreter.cpp), the context models (context_model.cpp) and the helper
// models (helpers.cpp). An unsafe access throws Trap; an operation the
// interpreter does not model throws Unsupported.
#pragma once

#include "interp/interpreter.hpp"

#include <random>
#include <stdexcept>

namespace bpfcheck::interp {

struct Trap : std::runtime_error {
    using std::runtime_error::runtime_error;
};
struct Unsupported : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A context field the program may access: `pointer` fields yield a pointer.
struct CtxField {
    std::uint32_t offset;
    std::uint32_t size;
    bool writable;
    Region pointer;  // Scalar for numbers
};

struct CtxModel {
    std::uint32_t size = 0;
    std::vector<CtxField> fields;  // empty: any aligned read inside [blob_start, size) (a readable blob)
    bool packet = false;           // the program sees a packet
    std::uint32_t blob_start = 0;
    bool blob_writable = false;  // a blob the program may write as well as read
};

// nullptr when the type is not modelled.
const CtxModel* find_ctx_model(const std::string& type);

class Machine {
public:
    Machine(const ProgramImage& program, std::uint64_t seed);

    std::mt19937_64 rng;
    const ProgramImage& program;
    CtxModel ctx;
    ConcreteState state;
    std::vector<std::uint8_t> packet;
    std::vector<std::uint8_t> ctx_bytes;
    std::vector<std::vector<std::uint8_t>> map_values;  // one value buffer per map (all keys share it)

    ConcreteFrame& frame() { return state.frames.back(); }
    Cval& reg(int r) { return frame().regs[static_cast<std::size_t>(r)]; }
    // A register's value for reading: traps when uninitialised.
    Cval read(int r);

    // The address a pointer stands for (region base + offset), for compares and stores.
    [[nodiscard]] std::uint64_t address(const Cval& v) const;
    Cval load(const Cval& base, std::int64_t offset, int width);
    void store(const Cval& base, std::int64_t offset, int width, const Cval& value);
    // Helper memory arguments: checks [ptr, ptr+size) lies in one region.
    void check_mem(const Cval& ptr, std::int64_t size, bool write, const char* what);
    // Every packet pointer in registers and spill slots becomes the number
    // it stands for (after a helper that may move the packet).
    void forget_packet_pointers();
    // Fills [ptr, ptr+size) with random bytes (helper output).
    void fill_random(const Cval& ptr, std::int64_t size);
    std::uint64_t random_below(std::uint64_t n) { return n == 0 ? 0 : rng() % n; }

private:
    // The bytes behind a region access (after its bounds check), or nullptr for ctx.
    std::uint8_t* locate(const Cval& base, std::int64_t offset, int width, bool write);
    Cval load_ctx(std::int64_t off, int width);
    void store_ctx(std::int64_t off, int width, const Cval& value);
};

// Helpers: sets r0 (and any memory the helper writes); throws Trap or Unsupported.
void call_helper(Machine& machine, std::int32_t id);

}  // namespace bpfcheck::interp
