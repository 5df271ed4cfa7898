// Concrete values and frames of the BPF interpreter. A register holds either
// a number or a pointer, and a pointer keeps its provenance (which region it
// points into, and its offset from the region's start) so that every access
// can be checked against the region's bounds, and so the soundness oracle
// can compare the concrete state with the analyzer's abstract one. Pointers
// also have a fake address (region base + offset) for comparisons and for
// the bytes they occupy when stored to memory.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <vector>

namespace bpfcheck::interp {

enum class Region : std::uint8_t {
    Uninit,      // never written
    Scalar,      // a number: `v` is the value
    Ctx,         // the program context
    Stack,       // `index` is the frame, `v` the offset from its base (r10 = 512)
    Packet,      // `v`: offset from the packet's first byte (signed)
    PacketMeta,  // `v`: offset from data_meta
    PacketEnd,   // `v`: offset from data_end
    MapPtr,      // a map; `index` is the object's map index
    MapValue,    // `index` the map, `v` the offset in its value
    Func,        // a subprogram's address; `index` is its first instruction
};

struct Cval {
    Region region = Region::Uninit;
    std::uint32_t index = 0;
    std::uint64_t v = 0;

    static Cval uninit() { return {}; }
    static Cval scalar(std::uint64_t x) { return {Region::Scalar, 0, x}; }
    static Cval pointer(Region r, std::uint32_t index, std::int64_t off) {
        return {r, index, static_cast<std::uint64_t>(off)};
    }
    [[nodiscard]] bool is_scalar() const { return region == Region::Scalar; }
    [[nodiscard]] bool is_uninit() const { return region == Region::Uninit; }
    [[nodiscard]] bool is_pointer() const { return !is_scalar() && !is_uninit(); }
    [[nodiscard]] std::int64_t offset() const { return static_cast<std::int64_t>(v); }
    bool operator==(const Cval&) const = default;
};

inline constexpr int kStackBytes = 512;

// One frame's stack: bytes, which of them were written, and the pointers
// spilled by aligned 8-byte stores (a partial overwrite forgets the pointer).
struct ConcreteStack {
    std::array<std::uint8_t, kStackBytes> bytes{};
    std::bitset<kStackBytes> written;
    std::array<std::optional<Cval>, kStackBytes / 8> spills;
};

struct ConcreteFrame {
    std::array<Cval, 11> regs;
    ConcreteStack stack;
    std::uint32_t return_pc = 0;  // where the caller continues
    std::uint32_t entry_pc = 0;   // the function's first instruction
};

// What the oracle compares with an abstract state: the frames, innermost last.
struct ConcreteState {
    std::vector<ConcreteFrame> frames;
    std::int64_t packet_length = 0;  // data_end - data
};

}  // namespace bpfcheck::interp
