// The induction ("delta") analysis of one loop: for every register and every
// stack cell the loop addresses through r10, what it holds relative to the
// values at the loop head, as `head(x) + k` with k in an interval of
// constants. Run over the loop's blocks from the head (edges back into the
// head cut), with joins where the CFG joins and widening at the heads of
// inner loops, so it follows counters through copies, 32-bit
// subregisters (w registers, the `<<= 32; >>= 32` zero extension), spills
// and fills. At a latch, `x = head(x) + k` with k of one sign, never 0, makes
// x an induction variable with stride k.
//
// What it deliberately does not know: values loaded from memory other than
// the tracked stack cells, and anything a call computes. Stack cells are
// forgotten when a store, a helper or a callee may write them (through a
// pointer that may point into this frame), so a spilled counter is only
// trusted while nothing else can write its slot.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/termination/termination_loop.hpp"
#include "domains/partitioned_state.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace bpfcheck::analyzer::termination {

inline constexpr std::int64_t kInfinity = std::int64_t{1} << 62;

enum class RelKind : std::uint8_t {
    Bottom,   // no path reaches here yet
    Const,    // the 64-bit constant `lo`
    Offset,   // head(base) + k, k in [lo, hi] (±kInfinity: unbounded)
    Opaque,   // some value, never a pointer into this frame
    Unknown,  // some value, perhaps a pointer into this frame
};

// Which bits of the value follow an Offset relation.
enum class Width : std::uint8_t {
    Full,       // all 64 bits: value = head(base) + k mod 2^64
    Low32,      // the low 32 bits: (u32)value = (u32)head(base) + k mod 2^32
    Shifted32,  // value = ((u32)head(base) + k) << 32 (half of the zero-extension idiom)
    Low8,       // value = (u8)(head(base) + k), zero-extended: `&= 0xff` of a copy (a u8 counter's test)
    Low16,      // value = (u16)(head(base) + k), zero-extended: `&= 0xffff` of a copy
};

// Whether the relation's value is its base's low 8 or 16 bits only (a
// masked copy, which no further arithmetic keeps).
inline bool is_masked(Width w) {
    return w == Width::Low8 || w == Width::Low16;
}

// For stack cells: which part of a store the cell holds.
enum class CellTag : std::uint8_t { None, Whole4, Low8, High8 };

struct Relation {
    RelKind kind = RelKind::Bottom;
    Width width = Width::Full;
    CellTag tag = CellTag::None;
    std::uint16_t base = 0;
    std::int64_t lo = 0;
    std::int64_t hi = 0;
    bool operator==(const Relation&) const = default;

    [[nodiscard]] bool exact() const { return kind == RelKind::Offset && lo == hi; }

    static Relation constant(std::int64_t value) {
        return Relation{RelKind::Const, Width::Full, CellTag::None, 0, value, value};
    }
    static Relation opaque(CellTag tag = CellTag::None) { return Relation{RelKind::Opaque, Width::Full, tag, 0, 0, 0}; }
    static Relation unknown(CellTag tag = CellTag::None) {
        return Relation{RelKind::Unknown, Width::Full, tag, 0, 0, 0};
    }
    static Relation offset(std::uint16_t base, Width width, std::int64_t lo, std::int64_t hi,
                           CellTag tag = CellTag::None) {
        return Relation{RelKind::Offset, width, tag, base, lo, hi};
    }
};

// The numeric ranges of an `add`/`sub` instruction's register operands in
// the converged states before it (joined over the partitions), in the view
// the instruction computes in (s64, or s32 for a 32-bit ALU op); nullopt
// for an operand that is not a number in some state. They let the
// induction analysis take a data-dependent step, e.g. `i += len` with len in
// [1, 4], as the interval it is.
struct OperandRange {
    std::int64_t lo = 0;
    std::int64_t hi = 0;
};
struct AddOperands {
    std::optional<OperandRange> dst;
    std::optional<OperandRange> src;
};
using OperandRanges = std::unordered_map<std::uint32_t, AddOperands>;

using Location = std::uint16_t;
inline constexpr Location kRegisterLocations = 11;

// A frame offset's 4-byte cell: byte offsets 4c..4c+3 from the frame base (r10-512).
inline constexpr int kCellBytes = 4;
inline constexpr int kCells = 512 / kCellBytes;

class DeltaAnalysis {
public:
    // `budget`: instruction transfers left for all loops of this check;
    // run() returns false (and the loop stays unproven) when it runs out.
    DeltaAnalysis(const AnalysisContext& context, const FunctionLoops& loops, const Loop& loop,
                  const domains::PartitionedState& head_state);

    // The operands' ranges of the loop's `add`/`sub` instructions, by pc
    // (see OperandRanges); without them a step must be a constant. They are
    // computed when an addition first needs them (a walk of the loop's
    // states: most loops step by constants and never do).
    void use_operand_ranges(std::function<OperandRanges()> compute) { m_compute_ranges = std::move(compute); }
    // The rounds an inner loop of this one runs at most per entry (returns
    // to its head: returns_to_head(LoopVerdict)), by its head (nullopt: not
    // proven, or not a loop directly inside). Such a loop's head takes, in
    // place of widening, its second round's growth for each round after
    // the first: `i += 1` in an inner loop of at most 100 rounds moves i by
    // at most 100 per outer iteration, a bounded step the counter proof can
    // use (widening would make it "+1 or more").
    void bound_inner_loops(std::function<std::optional<std::uint64_t>(cfg::BlockId head)> rounds) {
        m_inner_iterations = std::move(rounds);
    }

    bool run(std::uint64_t& budget);

    [[nodiscard]] std::size_t location_count() const { return m_location_count; }
    // What `location` holds at the end of `block` (before its final jump);
    // Bottom when the analysis did not reach it.
    [[nodiscard]] Relation at_end(cfg::BlockId block, Location location) const;
    // The join, over the latches, of what `location` holds when the loop
    // returns to its head.
    [[nodiscard]] Relation around_cycle(Location location) const;
    // The stack cell holding frame byte `offset`, if the loop tracks it.
    [[nodiscard]] std::optional<Location> cell_location(int frame_offset) const;
    // The frame byte offset of a cell location.
    [[nodiscard]] int cell_offset(Location location) const;
    [[nodiscard]] std::string name(Location location) const;
    // The head state's numbers for `location` over every partition, read
    // 8 bytes wide (or 4 for `low32` stack cells); nullopt when some
    // partition holds no number there.
    [[nodiscard]] std::optional<domains::Scalar> head_number(Location location, bool low32) const;
    // The same read from one state of this function's frame.
    [[nodiscard]] std::optional<domains::Scalar> number_in(const domains::MachineState& state, Location location,
                                                           bool low32) const;

private:
    struct StackReach {
        bool may = false;      // may point into this frame
        bool bounded = false;  // ... within [lo, hi] (frame offsets)
        std::int64_t lo = 0;
        std::int64_t hi = 0;
    };
    using State = std::vector<Relation>;

    void collect_cells();
    [[nodiscard]] State identity() const;
    [[nodiscard]] StackReach reach(const Relation& r) const;
    [[nodiscard]] bool is_nonpointer(const Relation& r) const;
    [[nodiscard]] Relation join(const Relation& a, const Relation& b, bool widen) const;
    // An inner head's relation after at most `rounds` rounds in all
    // (`counted` of them already in `before`), each further one growing it
    // as `before` grew into `after` (widening where the two are not offsets
    // of one base).
    [[nodiscard]] Relation extrapolate(const Relation& before, const Relation& after, std::uint64_t rounds,
                                       std::uint64_t counted) const;
    void transfer(std::uint32_t pc, State& state) const;
    void transfer_alu(std::uint32_t pc, const isa::Alu& alu, State& state) const;
    [[nodiscard]] std::optional<Relation> add_range(std::uint32_t pc, const isa::Alu& alu, const Relation& dst,
                                                    const Relation& src) const;
    void transfer_load(const isa::Load& load, State& state) const;
    void transfer_store(int base, int offset, int width, const Relation& value, State& state) const;
    void transfer_call(const isa::Call& call, State& state) const;
    void write_cells(int frame_offset, int width, const Relation& value, State& state) const;
    void clobber(const StackReach& where, int from_offset, int width, State& state) const;
    void clobber_cell(int cell, RelKind kind, State& state) const;

    const AnalysisContext& m_context;
    const FunctionLoops& m_loops;
    const Loop& m_loop;
    const domains::PartitionedState& m_head_state;
    std::uint32_t m_frame = 0;
    std::vector<int> m_cell_slot;  // cell -> location - 11, or -1
    std::vector<int> m_slot_cell;  // location - 11 -> cell
    std::size_t m_location_count = kRegisterLocations;
    std::vector<StackReach> m_head_reach;  // by location: where its head value may point
    std::vector<State> m_post;             // by local block index
    std::vector<bool> m_reached;
    [[nodiscard]] const OperandRanges& operand_ranges() const;
    std::function<OperandRanges()> m_compute_ranges;
    std::function<std::optional<std::uint64_t>(cfg::BlockId)> m_inner_iterations;
    mutable std::optional<OperandRanges> m_operand_ranges;  // computed on first use
};

}  // namespace bpfcheck::analyzer::termination
