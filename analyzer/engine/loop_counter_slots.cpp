// Loop counter slots per block (see loop_counter_slots.hpp), found syntactically.
#include "analyzer/engine/loop_counter_slots.hpp"

#include <optional>

namespace bpfcheck::analyzer {

namespace {

// The slot (0..63) an 8-byte access at r10 + offset is, or -1.
int frame_slot(std::uint8_t base, std::int16_t offset, std::uint8_t width) {
    const int at = 512 + offset;
    return base == isa::kFramePointer && width == 8 && at >= 0 && at < 512 && at % 8 == 0 ? at / 8 : -1;
}

// Whether the register loaded at `pc` is stepped by a constant (`r += c`)
// before anything else writes it, in the same block.
bool stepped_after_load(std::span<const isa::Instruction> insns, std::uint32_t pc, std::uint32_t last,
                        std::uint8_t reg) {
    for (std::uint32_t next = pc + 1; next <= last && next < insns.size(); ++next) {
        if (const auto* alu = std::get_if<isa::Alu>(&insns[next])) {
            if (alu->dst == reg) {
                return alu->is64 && (alu->op == isa::AluOp::Add || alu->op == isa::AluOp::Sub) && !alu->src.is_register;
            }
        } else if (const auto* load = std::get_if<isa::Load>(&insns[next])) {
            if (load->dst == reg) {
                return false;
            }
        } else if (!std::holds_alternative<isa::Store>(insns[next])) {
            return false;
        }
    }
    return false;
}

// Whether the back edges inside the loop (`inside`: its blocks) all enter
// one head: a loop with no loop nested in it.
bool single_head(const cfg::Cfg& graph, const std::vector<bool>& inside) {
    std::optional<cfg::BlockId> head;
    for (const cfg::Edge& edge : graph.edges()) {
        if (!edge.is_back_edge || !inside[edge.from] || !inside[edge.to]) {
            continue;
        }
        if (head && *head != edge.to) {
            return false;
        }
        head = edge.to;
    }
    return true;
}

}  // namespace

std::vector<std::uint64_t> loop_counter_slots(const cfg::Cfg& graph, std::span<const isa::Instruction> insns,
                                              std::span<const RegisterMask> counter_registers) {
    std::vector<std::uint64_t> slots(graph.block_count(), 0);
    std::vector<bool> inside(graph.block_count(), false);
    for (const std::vector<cfg::BlockId>& loop : graph.loops()) {
        for (const cfg::BlockId b : loop) {
            inside[b] = true;
        }
        const bool single = single_head(graph, inside);
        for (const cfg::BlockId b : loop) {
            inside[b] = false;
        }
        if (!single) {
            continue;
        }
        std::uint64_t stepped = 0;  // loaded into a register that is then stepped
        std::uint64_t stored = 0;   // stored from a counter register
        for (const cfg::BlockId b : loop) {
            const cfg::BasicBlock& block = graph.block(b);
            for (std::uint32_t pc = block.first; pc <= block.last && pc < insns.size(); ++pc) {
                if (const auto* load = std::get_if<isa::Load>(&insns[pc])) {
                    const int slot = frame_slot(load->base, load->offset, load->width);
                    if (slot >= 0 && load->dst < 10 && stepped_after_load(insns, pc, block.last, load->dst)) {
                        stepped |= 1ULL << slot;
                    }
                } else if (const auto* store = std::get_if<isa::Store>(&insns[pc])) {
                    const int slot = frame_slot(store->base, store->offset, store->width);
                    if (slot >= 0 && store->value.is_register && store->value.reg < 10 &&
                        (counter_registers[b] & (1U << store->value.reg)) != 0) {
                        stored |= 1ULL << slot;
                    }
                }
            }
        }
        if (const std::uint64_t mask = stepped & stored; mask != 0) {
            for (const cfg::BlockId b : loop) {
                slots[b] |= mask;
            }
        }
    }
    return slots;
}

}  // namespace bpfcheck::analyzer
