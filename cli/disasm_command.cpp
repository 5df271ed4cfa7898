// `bpfcheck disasm`: each program, linked with its subprograms, printed one
// instruction per line as the kernel verifier log prints it, with
// `; SOURCE @ FILE:LINE` lines from the line info before the instructions
// they cover, and `; subprogram NAME` before each appended subprogram.
#include "cfg/isa/printer.hpp"
#include "cfg/loader/loader.hpp"
#include "cli/commands.hpp"
#include "cli/program_selection.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace bpfcheck::cli {

namespace {

void print_program(const model::BpfObject& object, const model::Program& program) {
    std::cout << fmt::format("; program {} (section {}, type {})\n", program.name, program.section, program.type);
    std::uint32_t piece = 0;
    std::uint32_t last_line = model::kNoIndex;
    for (std::uint32_t i = 0; i < program.insns.size(); ++i) {
        if (piece + 1 < program.functions.size() && program.functions[piece + 1].start == i) {
            ++piece;
            const auto& function = object.functions[program.functions[piece].function];
            std::cout << fmt::format("; subprogram {} (section {})\n", function.name, function.section);
            last_line = model::kNoIndex;
        }
        if (std::holds_alternative<isa::Imm64Tail>(program.insns[i])) {
            continue;
        }
        const std::uint32_t line = program.line_of[i];
        if (program.line_starts[i] && line != model::kNoIndex) {
            const auto& source = object.lines[line];
            const bool same = last_line != model::kNoIndex && object.lines[last_line].line == source.line &&
                              object.lines[last_line].file == source.file;
            if (!same) {
                const std::string file = std::filesystem::path(source.file).filename().string();
                std::string text = source.text;
                text.erase(0, text.find_first_not_of(" \t"));
                std::cout << fmt::format("; {} @ {}:{}\n", text, file, source.line);
                last_line = line;
            }
        }
        std::cout << fmt::format(
            "{}: {}\n", i, isa::format_with_opcode(program.insns[i], program.slots[i].opcode, program.refs[i].symbol));
    }
}

}  // namespace

int run_disasm(const DisasmOptions& options) {
    auto object = loader::load_object(options.object);
    if (!object) {
        std::cerr << "bpfcheck: error: " << object.error().message << "\n";
        return kExitBadInput;
    }
    auto selected = select_programs(*object, options.programs);
    if (!selected) {
        std::cerr << "bpfcheck: error: " << selected.error().message << "\n";
        return kExitBadInput;
    }
    bool first = true;
    for (const auto* program : *selected) {
        if (!first) {
            std::cout << "\n";
        }
        first = false;
        print_program(*object, *program);
    }
    return kExitOk;
}

}  // namespace bpfcheck::cli
