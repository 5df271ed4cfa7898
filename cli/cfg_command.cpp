// `bpfcheck cfg`: a program's control-flow graph as Graphviz dot, or as text
// (blocks, edges, loops and the weak topological order of each function).
#include "cfg/cfg.hpp"
#include "cfg/isa/printer.hpp"
#include "cfg/loader/loader.hpp"
#include "cli/commands.hpp"
#include "cli/program_selection.hpp"

#include <fmt/format.h>

#include <iostream>

namespace bpfcheck::cli {

namespace {

void print_text(const model::BpfObject& object, const model::Program& program, const cfg::Cfg& graph) {
    std::cout << fmt::format("program {}: {} blocks, {} edges, {} loops\n", program.name, graph.block_count(),
                             graph.edges().size(), graph.loops().size());
    for (cfg::BlockId id = 0; id < graph.block_count(); ++id) {
        const auto& block = graph.block(id);
        std::string successors;
        for (const auto* edge : graph.out_edges(id)) {
            successors += fmt::format(" b{}{}", edge->to, edge->is_back_edge ? "(back)" : "");
        }
        std::cout << fmt::format("  b{}: insns {}..{} ->{}\n", id, block.first, block.last,
                                 successors.empty() ? " exit" : successors);
    }
    for (std::size_t f = 0; f < graph.functions().size(); ++f) {
        const auto& function = graph.functions()[f];
        const auto& name = object.functions[program.functions[f].function].name;
        std::cout << fmt::format("  function {} wto: {}\n", name, function.wto.to_string());
    }
    if (!graph.unreachable_insns().empty()) {
        std::cout << fmt::format("  unreachable instructions: {}\n", graph.unreachable_insns().size());
    }
}

}  // namespace

int run_cfg(const CfgOptions& options) {
    auto object = loader::load_object(options.object);
    if (!object) {
        std::cerr << "bpfcheck: error: " << object.error().message << "\n";
        return kExitBadInput;
    }
    std::vector<std::string> names;
    if (!options.program.empty()) {
        names.push_back(options.program);
    } else if (options.format == "dot" && object->programs.size() != 1) {
        std::cerr << fmt::format("bpfcheck: error: {} has {} programs; choose one with --program\n", options.object,
                                 object->programs.size());
        return kExitBadInput;
    }
    auto selected = select_programs(*object, names);
    if (!selected) {
        std::cerr << "bpfcheck: error: " << selected.error().message << "\n";
        return kExitBadInput;
    }
    for (const model::Program* program : *selected) {
        std::vector<std::uint32_t> starts;
        for (const auto& piece : program->functions) {
            starts.push_back(piece.start);
        }
        auto graph = cfg::Cfg::build(program->insns, starts);
        if (!graph) {
            std::cerr << fmt::format("bpfcheck: error: {}: program '{}': {}\n", options.object, program->name,
                                     graph.error().message);
            return kExitBadInput;
        }
        if (options.format == "text") {
            print_text(*object, *program, *graph);
            continue;
        }
        std::cout << graph->to_dot(program->name, [&](std::uint32_t i) -> std::string {
            if (std::holds_alternative<isa::Imm64Tail>(program->insns[i])) {
                return {};
            }
            return fmt::format("{}: {}", i, isa::format_instruction(program->insns[i], program->refs[i].symbol));
        });
    }
    return kExitOk;
}

}  // namespace bpfcheck::cli
