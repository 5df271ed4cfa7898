// CFG construction: leaders are function starts, jump targets and the
// instruction after any jump or exit; calls do not end a block (control
// returns). Structural rules match the kernel's check_subprogs /
// check_cfg: a jump may not leave its function, control may not fall from
// one function into the next, and calls target function starts.
#include "cfg/cfg.hpp"

#include <fmt/format.h>
#include <boost/graph/strong_components.hpp>

#include <algorithm>

namespace bpfcheck::cfg {
namespace {

constexpr std::uint32_t kNone = 0xffffffffU;

std::optional<std::int64_t> call_target(const isa::Instruction& insn, std::int64_t pc) {
    if (const auto* call = std::get_if<isa::Call>(&insn); call != nullptr && call->kind == isa::CallKind::Local) {
        return pc + 1 + call->imm;
    }
    if (const auto* load = std::get_if<isa::LoadImm64>(&insn); load != nullptr && load->kind == isa::Imm64Kind::Func) {
        return pc + 1 + load->imm_low;
    }
    return std::nullopt;
}

bool ends_block(const isa::Instruction& insn) {
    return isa::is_jump(insn) || std::holds_alternative<isa::Exit>(insn);
}

}  // namespace

Expected<Cfg> Cfg::build(std::span<const isa::Instruction> insns, std::span<const std::uint32_t> function_starts,
                         std::optional<std::uint32_t> exception_callback) {
    const auto size = static_cast<std::uint32_t>(insns.size());
    if (size == 0 || function_starts.empty() || function_starts.front() != 0) {
        return Error{"program has no instructions or no entry function"};
    }
    Cfg cfg;
    std::vector<std::uint32_t> function_of(size, 0);
    std::vector<bool> is_function_start(size, false);
    for (std::size_t f = 0; f < function_starts.size(); ++f) {
        const std::uint32_t start = function_starts[f];
        const std::uint32_t end = f + 1 < function_starts.size() ? function_starts[f + 1] : size;
        if (start >= end || end > size) {
            return Error{fmt::format("function {} has bad bounds [{}, {})", f, start, end)};
        }
        is_function_start[start] = true;
        std::fill(function_of.begin() + start, function_of.begin() + end, static_cast<std::uint32_t>(f));
        FunctionInfo info;
        info.first_insn = start;
        info.insn_count = end - start;
        cfg.m_functions.push_back(std::move(info));
    }
    std::vector<bool> leader(size, false);
    for (std::uint32_t pc = 0; pc < size; ++pc) {
        const isa::Instruction& insn = insns[pc];
        if (is_function_start[pc]) {
            leader[pc] = true;
        }
        if (isa::is_jump(insn)) {
            const std::int64_t target = isa::jump_target(insn, pc);
            if (target < 0 || target >= size || function_of[static_cast<std::size_t>(target)] != function_of[pc]) {
                return Error{fmt::format("instruction {}: jump to {} leaves its function", pc, target)};
            }
            leader[static_cast<std::size_t>(target)] = true;
        }
        if (ends_block(insn) && pc + 1 < size) {
            leader[pc + 1] = true;
        }
        if (const auto target = call_target(insn, pc)) {
            if (*target < 0 || *target >= size || !is_function_start[static_cast<std::size_t>(*target)]) {
                return Error{
                    fmt::format("instruction {}: call or function address targets {}, which does not "
                                "start a function",
                                pc, *target)};
            }
            auto& callees = cfg.m_functions[function_of[pc]].callees;
            const std::uint32_t callee = function_of[static_cast<std::size_t>(*target)];
            if (std::find(callees.begin(), callees.end(), callee) == callees.end()) {
                callees.push_back(callee);
            }
        }
    }
    cfg.m_block_of.assign(size, kNone);
    const auto leaders = static_cast<std::size_t>(std::count(leader.begin(), leader.end(), true));
    cfg.m_blocks.reserve(leaders + 1);
    cfg.m_edges.reserve(2 * leaders + 2);
    for (std::uint32_t pc = 0; pc < size;) {
        BasicBlock block{pc, pc, function_of[pc]};
        std::uint32_t next = pc + 1;
        while (next < size && !leader[next] && !ends_block(insns[next - 1])) {
            ++next;
        }
        block.last = next - 1;
        const auto id = static_cast<BlockId>(cfg.m_blocks.size());
        std::fill(cfg.m_block_of.begin() + pc, cfg.m_block_of.begin() + next, id);
        cfg.m_blocks.push_back(block);
        pc = next;
    }
    for (BlockId id = 0; id < cfg.m_blocks.size(); ++id) {
        const BasicBlock& block = cfg.m_blocks[id];
        std::uint32_t last = block.last;
        if (std::holds_alternative<isa::Imm64Tail>(insns[last]) && last > block.first) {
            --last;
        }
        const isa::Instruction& insn = insns[last];
        const std::uint32_t after = block.last + 1;
        auto fall = [&](EdgeKind kind, std::optional<isa::Jump> condition) -> Expected<bool> {
            if (after >= size || function_of[after] != block.function) {
                return Error{fmt::format("instruction {}: control falls off the end of its function", block.last)};
            }
            cfg.m_edges.push_back(Edge{id, cfg.m_block_of[after], kind, condition, false});
            return true;
        };
        if (std::holds_alternative<isa::Exit>(insn)) {
            cfg.m_functions[block.function].exits.push_back(id);
        } else if (const auto* jump = std::get_if<isa::Jump>(&insn)) {
            const auto target = cfg.m_block_of[static_cast<std::size_t>(isa::jump_target(insn, last))];
            if (jump->cond == isa::JumpCond::Always) {
                cfg.m_edges.push_back(Edge{id, target, EdgeKind::Goto, std::nullopt, false});
            } else {
                cfg.m_edges.push_back(Edge{id, target, EdgeKind::BranchTaken, *jump, false});
                if (auto ok = fall(EdgeKind::BranchNotTaken, *jump); !ok) {
                    return ok.error();
                }
            }
        } else if (std::holds_alternative<isa::MayGoto>(insn)) {
            const auto target = cfg.m_block_of[static_cast<std::size_t>(isa::jump_target(insn, last))];
            cfg.m_edges.push_back(Edge{id, target, EdgeKind::BranchTaken, std::nullopt, false});
            if (auto ok = fall(EdgeKind::BranchNotTaken, std::nullopt); !ok) {
                return ok.error();
            }
        } else if (auto ok = fall(EdgeKind::FallThrough, std::nullopt); !ok) {
            return ok.error();
        }
    }
    cfg.m_graph = std::make_unique<Graph>(cfg.m_blocks.size());
    std::vector<std::vector<std::uint32_t>> successors(cfg.m_blocks.size());
    for (std::uint32_t e = 0; e < cfg.m_edges.size(); ++e) {
        boost::add_edge(cfg.m_edges[e].from, cfg.m_edges[e].to, e, *cfg.m_graph);
        successors[cfg.m_edges[e].from].push_back(cfg.m_edges[e].to);
    }
    for (FunctionInfo& function : cfg.m_functions) {
        function.entry = cfg.m_block_of[function.first_insn];
        function.wto = Wto::build(successors, function.entry);
    }
    for (Edge& edge : cfg.m_edges) {
        const Wto& wto = cfg.m_functions[cfg.m_blocks[edge.from].function].wto;
        const std::uint32_t head_position = wto.position(edge.to);
        const std::uint32_t from_position = wto.position(edge.from);
        if (head_position == Wto::kNone || from_position == Wto::kNone) {
            continue;
        }
        const WtoElement& head = wto.elements()[head_position];
        edge.is_back_edge = head.is_head && from_position >= head_position && from_position < head.component_end;
    }
    cfg.find_loops();
    cfg.find_unreachable(insns, exception_callback);
    cfg.find_call_cycle();
    return Expected<Cfg>(std::move(cfg));
}

std::vector<const Edge*> Cfg::out_edges(BlockId id) const {
    std::vector<const Edge*> result;
    for (const auto e : boost::make_iterator_range(boost::out_edges(id, *m_graph))) {
        result.push_back(&m_edges[boost::get(boost::edge_index, *m_graph, e)]);
    }
    return result;
}

std::vector<const Edge*> Cfg::in_edges(BlockId id) const {
    std::vector<const Edge*> result;
    for (const auto e : boost::make_iterator_range(boost::in_edges(id, *m_graph))) {
        result.push_back(&m_edges[boost::get(boost::edge_index, *m_graph, e)]);
    }
    return result;
}

void Cfg::find_loops() {
    std::vector<int> component(m_blocks.size(), 0);
    const int count = boost::strong_components(
        *m_graph, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, *m_graph)));
    std::vector<std::vector<BlockId>> members(static_cast<std::size_t>(count));
    for (BlockId id = 0; id < m_blocks.size(); ++id) {
        members[static_cast<std::size_t>(component[id])].push_back(id);
    }
    std::vector<bool> self_loop_at(m_blocks.size(), false);
    for (const Edge& e : m_edges) {
        if (e.from == e.to) {
            self_loop_at[e.from] = true;
        }
    }
    for (auto& blocks : members) {
        const bool self_loop = blocks.size() == 1 && self_loop_at[blocks.front()];
        if (blocks.size() > 1 || self_loop) {
            m_loops.push_back(std::move(blocks));
        }
    }
}

void Cfg::find_unreachable(std::span<const isa::Instruction> insns, std::optional<std::uint32_t> exception_callback) {
    std::vector<bool> function_reached(m_functions.size(), false);
    std::vector<std::uint32_t> work{0};
    function_reached[0] = true;
    for (std::uint32_t f = 1; exception_callback && f < m_functions.size(); ++f) {
        if (m_functions[f].first_insn == *exception_callback) {
            function_reached[f] = true;
            work.push_back(f);
        }
    }
    // Follow only calls in reached blocks, as the kernel's check_cfg does:
    // `callees` also lists calls in dead code.
    while (!work.empty()) {
        const std::uint32_t f = work.back();
        work.pop_back();
        const FunctionInfo& function = m_functions[f];
        for (std::uint32_t pc = function.first_insn; pc < function.first_insn + function.insn_count; ++pc) {
            const auto target = call_target(insns[pc], pc);
            if (!target || function.wto.position(m_block_of[pc]) == Wto::kNone) {
                continue;
            }
            const std::uint32_t callee = m_blocks[m_block_of[static_cast<std::size_t>(*target)]].function;
            if (!function_reached[callee]) {
                function_reached[callee] = true;
                work.push_back(callee);
            }
        }
    }
    for (const BasicBlock& block : m_blocks) {
        const FunctionInfo& function = m_functions[block.function];
        const bool reached =
            function_reached[block.function] && function.wto.position(m_block_of[block.first]) != Wto::kNone;
        if (reached) {
            continue;
        }
        for (std::uint32_t i = block.first; i <= block.last; ++i) {
            if (!std::holds_alternative<isa::Imm64Tail>(insns[i])) {
                m_unreachable.push_back(i);
            }
        }
    }
}

void Cfg::find_call_cycle() {
    // Iterative DFS with colours; the first back edge found closes a cycle.
    enum class Colour : std::uint8_t { White, Grey, Black };
    std::vector<Colour> colour(m_functions.size(), Colour::White);
    std::vector<std::pair<std::uint32_t, std::size_t>> stack{{0, 0}};
    colour[0] = Colour::Grey;
    while (!stack.empty()) {
        auto& [f, next] = stack.back();
        if (next < m_functions[f].callees.size()) {
            const std::uint32_t callee = m_functions[f].callees[next++];
            if (colour[callee] == Colour::Grey) {
                for (const auto& frame : stack) {
                    m_call_cycle.push_back(frame.first);
                }
                m_call_cycle.push_back(callee);
                return;
            }
            if (colour[callee] == Colour::White) {
                colour[callee] = Colour::Grey;
                stack.emplace_back(callee, 0);
            }
            continue;
        }
        colour[f] = Colour::Black;
        stack.pop_back();
    }
}

std::string Cfg::dot_header(const std::string& name) const {
    return fmt::format("digraph \"{}\" {{\n  node [shape=box, fontname=\"monospace\"];\n", escape_dot(name));
}

std::string escape_dot(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\' || c == '{' || c == '}' || c == '<' || c == '>' || c == '|') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

}  // namespace bpfcheck::cfg
