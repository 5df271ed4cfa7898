// Fuzz target: the ELF loader on arbitrary bytes, then the CFG and the
// printer on every program it links. Must never crash, hang or trip a
// sanitizer; errors are expected answers.
#include "cfg/cfg.hpp"
#include "cfg/isa/printer.hpp"
#include "cfg/loader/loader.hpp"

#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bpfcheck;
    loader::LoadOptions options;
    auto object = loader::load_object_from_memory(std::span<const std::uint8_t>(data, size), "fuzz.o", options);
    if (!object) {
        return 0;
    }
    for (const model::Program& program : object->programs) {
        if (!program.load_error.empty()) {
            continue;
        }
        for (const isa::Instruction& insn : program.insns) {
            (void)isa::format_instruction(insn);
        }
        std::vector<std::uint32_t> starts;
        for (const model::LinkedFunction& piece : program.functions) {
            starts.push_back(piece.start);
        }
        (void)cfg::Cfg::build(program.insns, starts);
    }
    return 0;
}
